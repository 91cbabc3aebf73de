/**
 * Reading the NASA TM-2015-218675 reference histories (English units, as published) into the
 * project's SI trajectory columns so the two can be compared sample by sample.
 */

import { readFileSync } from "node:fs";
import {
  K_PER_RANKINE,
  KGPM3_PER_SLUGPFT3,
  M_PER_FT,
  PA_PER_PSF,
  RAD_PER_DEG,
} from "../core/units.js";
import { geodeticToEcef, WGS84 } from "../earth/ellipsoid.js";
import { parseNumericCsv } from "../io/csv.js";

/** A reference history converted to trajectory.csv column names and SI units. */
export type History = Map<string, Float64Array>;

/** NASA column → (our column, factor to SI). Angles stay in degrees, as in trajectory.csv. */
const MAP: ReadonlyArray<readonly [string, string, number]> = [
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

/**
 * Read a NASA reference CSV and convert it to SI trajectory columns. Not every participating
 * simulation published every column; missing ECEF positions are derived from latitude, longitude
 * and altitude on WGS-84, other missing columns are simply absent.
 */
export function readNasaHistory(file: string): History {
  const raw = parseNumericCsv(readFileSync(file, "utf8"));
  const out: History = new Map();
  for (const [from, to, k] of MAP) {
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
  if (!out.has("t_s")) throw new Error(`${file}: the reference has no time column`);
  return out;
}
