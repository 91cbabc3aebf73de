/**
 * Reading reference histories in the NASA TM-2015-218675 check-case column format (English units,
 * as published) into the project's SI trajectory columns and conventions, so the two can be
 * compared sample by sample.
 *
 * Two conventions vary between the published simulations and are stated per reference:
 * - what the `latitude_deg` column holds: geodetic latitude (the angle of the WGS-84 normal, as in
 *   our trajectory.csv) or geocentric latitude (the angle of the radius from the Earth's centre);
 * - which local-level frame the Euler angles are relative to: geodetic NED (down along the WGS-84
 *   normal, ours) or a geocentric local level (down towards the Earth's centre).
 * Near the equator the two latitudes differ by the factor 1 − e² (0.9933), so for a body moving
 * north the choice shows; check case 10 is how we found which one each reference uses (see
 * nasa-cases.ts and verification/README.md). Both are converted here to ours, from the
 * reference's own position, so our simulation's geodetic NED is compared like for like.
 */

import { dcmToEuler, eulerToDcm } from "../core/quat.js";
import {
  DEG_PER_RAD,
  K_PER_RANKINE,
  KGPM3_PER_SLUGPFT3,
  M_PER_FT,
  PA_PER_PSF,
  RAD_PER_DEG,
} from "../core/units.js";
import { ecefToGeodetic, geodeticToEcef, WGS84 } from "../earth/ellipsoid.js";
import { type Problem, ScenarioError } from "../scenario/problems.js";
import { readCheckCaseCsv } from "./reference-csv.js";

/** A reference history converted to trajectory.csv column names and SI units. */
export type History = Map<string, Float64Array>;

/** Geodetic (WGS-84 normal) or geocentric (radius from the Earth's centre). */
export type LatitudeKind = "geodetic" | "geocentric";

/** How a reference history states latitude and attitude. */
export interface ReferenceConventions {
  /** What its `latitude_deg` column holds. */
  readonly latitude: LatitudeKind;
  /** The local level its Euler angles are relative to: geodetic NED or the geocentric level. */
  readonly attitudeLevel: LatitudeKind;
}

/** Our own conventions (trajectory.csv): geodetic latitude, Euler angles relative to geodetic NED. */
export const GEODETIC_CONVENTIONS: ReferenceConventions = {
  latitude: "geodetic",
  attitudeLevel: "geodetic",
};

/** NASA column → (our column, factor to SI). Angles stay in degrees, as in trajectory.csv. */
export const NASA_COLUMNS: ReadonlyArray<readonly [string, string, number]> = [
  ["time", "t_s", 1],
  ["gePosition_ft_X", "x_ecef_m", M_PER_FT],
  ["gePosition_ft_Y", "y_ecef_m", M_PER_FT],
  ["gePosition_ft_Z", "z_ecef_m", M_PER_FT],
  ["feVelocity_ft_s_X", "vn_mps", M_PER_FT],
  ["feVelocity_ft_s_Y", "ve_mps", M_PER_FT],
  ["feVelocity_ft_s_Z", "vd_mps", M_PER_FT],
  ["altitudeMsl_ft", "alt_m", M_PER_FT],
  ["latitude_deg", "lat_deg", 1],
  ["longitude_deg", "lon_deg", 1],
  ["localGravity_ft_s2", "gravity_mps2", M_PER_FT],
  ["eulerAngle_deg_Roll", "phi_deg", 1],
  ["eulerAngle_deg_Pitch", "theta_deg", 1],
  ["eulerAngle_deg_Yaw", "psi_deg", 1],
  ["bodyAngularRateWrtEi_deg_s_Roll", "p_dps", 1],
  ["bodyAngularRateWrtEi_deg_s_Pitch", "q_dps", 1],
  ["bodyAngularRateWrtEi_deg_s_Yaw", "r_dps", 1],
  ["speedOfSound_ft_s", "sound_mps", M_PER_FT],
  ["airDensity_slug_ft3", "rho_kgpm3", KGPM3_PER_SLUGPFT3],
  ["ambientPressure_lbf_ft2", "press_pa", PA_PER_PSF],
  ["ambientTemperature_dgR", "temp_K", K_PER_RANKINE],
  ["mach", "mach", 1],
  ["dynamicPressure_lbf_ft2", "qbar_pa", PA_PER_PSF],
];

/** The NASA column(s) one of our columns is read from. */
export function nasaColumnOf(ours: string): string | undefined {
  return NASA_COLUMNS.find(([, to]) => to === ours)?.[0];
}

/**
 * Read a reference CSV and convert it to SI trajectory columns in our conventions. Not every
 * participating simulation published every column; missing ECEF positions are derived from
 * latitude, longitude and altitude on WGS-84, other missing columns are simply absent. A file
 * that cannot be read or parsed throws a ScenarioError naming the file, line and column.
 */
export function readNasaHistory(
  file: string,
  conventions: ReferenceConventions = GEODETIC_CONVENTIONS,
): History {
  const raw = readCheckCaseCsv(file, "time");
  const out: History = new Map();
  for (const [from, to, k] of NASA_COLUMNS) {
    const col = raw.get(from);
    if (col)
      out.set(
        to,
        col.map((v) => v * k),
      );
  }
  const lat = out.get("lat_deg");
  const lon = out.get("lon_deg");
  const alt = out.get("alt_m");
  if (lat && conventions.latitude === "geocentric") {
    for (let i = 0; i < lat.length; i++) {
      lat[i] =
        geodeticFromGeocentric(
          lat[i] * RAD_PER_DEG,
          lon ? lon[i] * RAD_PER_DEG : 0,
          alt?.[i] ?? 0,
        ) * DEG_PER_RAD;
    }
  }
  if (!out.has("x_ecef_m") && lat && lon && alt) {
    const n = lat.length;
    const xyz = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    const p = new Float64Array(3);
    for (let i = 0; i < n; i++) {
      geodeticToEcef(WGS84, lat[i] * RAD_PER_DEG, lon[i] * RAD_PER_DEG, alt[i], p);
      for (let k = 0; k < 3; k++) xyz[k][i] = p[k];
    }
    out.set("x_ecef_m", xyz[0]);
    out.set("y_ecef_m", xyz[1]);
    out.set("z_ecef_m", xyz[2]);
  }
  if (conventions.attitudeLevel === "geocentric") eulerFromGeocentricLevel(out, file);
  return out;
}

/**
 * Geodetic latitude (rad) of the point at geocentric latitude ψ (rad), longitude λ and height h
 * (m) above the WGS-84 ellipsoid. Starts from tan φ = tan ψ / (1 − e²) (exact on the surface) and
 * corrects for the height; converges to round-off in a few passes.
 */
export function geodeticFromGeocentric(psi_rad: number, lon_rad: number, h_m: number): number {
  let phi = Math.atan2(Math.sin(psi_rad), (1 - WGS84.e2) * Math.cos(psi_rad));
  const p = new Float64Array(3);
  for (let k = 0; k < 4; k++) {
    geodeticToEcef(WGS84, phi, lon_rad, h_m, p);
    phi += psi_rad - Math.atan2(p[2], Math.hypot(p[0], p[1]));
  }
  return phi;
}

/**
 * Re-reference Euler angles given relative to the geocentric local level to geodetic NED, in place.
 * Both frames share the east axis; geodetic NED is the geocentric level turned about east by
 * δ = φ − ψ (geodetic minus geocentric latitude of the point), so C_nb(geodetic) = R_E(δ)·C_nb(geocentric)
 * with R_E(δ) = [[cos δ, 0, sin δ], [0, 1, 0], [−sin δ, 0, cos δ]]: a body level in the geocentric
 * frame at geocentric latitude ψ reads pitch φ in geodetic NED.
 */
function eulerFromGeocentricLevel(h: History, file: string): void {
  const phi = h.get("phi_deg");
  const theta = h.get("theta_deg");
  const psi = h.get("psi_deg");
  if (!phi || !theta || !psi) return;
  const x = h.get("x_ecef_m");
  const y = h.get("y_ecef_m");
  const z = h.get("z_ecef_m");
  if (!x || !y || !z) {
    throw new ScenarioError([
      {
        file,
        path: "",
        expected:
          "a position (gePosition_ft_X/Y/Z, or latitude_deg, longitude_deg and altitudeMsl_ft) to turn its geocentric-level Euler angles to geodetic NED",
        got: "none",
      } satisfies Problem,
    ]);
  }
  const lla = new Float64Array(3);
  const c = new Float64Array(9);
  const e = new Float64Array(3);
  for (let i = 0; i < phi.length; i++) {
    ecefToGeodetic(WGS84, x[i], y[i], z[i], lla);
    const d = lla[0] - Math.atan2(z[i], Math.hypot(x[i], y[i]));
    if (d === 0) continue;
    eulerToDcm(c, phi[i] * RAD_PER_DEG, theta[i] * RAD_PER_DEG, psi[i] * RAD_PER_DEG);
    const cd = Math.cos(d);
    const sd = Math.sin(d);
    // Rows 0 (north) and 2 (down) turn about east; row 1 (east) is unchanged.
    for (let k = 0; k < 3; k++) {
      const n = c[k];
      const dn = c[6 + k];
      c[k] = cd * n + sd * dn;
      c[6 + k] = -sd * n + cd * dn;
    }
    dcmToEuler(e, 0, c);
    phi[i] = e[0] * DEG_PER_RAD;
    theta[i] = e[1] * DEG_PER_RAD;
    psi[i] = e[2] * DEG_PER_RAD;
  }
}
