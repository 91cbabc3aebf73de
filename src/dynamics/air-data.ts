/**
 * Where a vehicle is and how it moves relative to the Earth and the air, from its inertial state.
 *
 * Both the 6-DOF and the 3-DOF equations of motion need the same chain every derivative
 * evaluation: ECI → ECEF → geodetic, Earth-relative velocity, NED frame, wind, air-relative
 * velocity and the atmosphere at altitude. This class does it into preallocated buffers.
 */

import type { Mat3 } from "../core/mat3.js";
import {
  ATM_A,
  ATM_P,
  ATM_RHO,
  ATM_T,
  atmosphereAt,
  createAtmosphereBuffer,
} from "../earth/atmosphere.js";
import type { EarthModel } from "../earth/earth-model.js";
import {
  ecefToGeodeticTrig,
  GEO_COS_LAT,
  GEO_COS_LON,
  GEO_H,
  GEO_SIN_LAT,
  GEO_SIN_LON,
  GEO_SIZE,
} from "../earth/ellipsoid.js";
import { ecefToNedDcmTrig } from "../earth/frames.js";
import { windAt } from "../earth/wind.js";

/** Air data and local frames for one state; every field is overwritten by update(). */
export class AirData {
  /** sin/cos of geodetic latitude and longitude and height (see GEO_* slots). */
  readonly geo = new Float64Array(GEO_SIZE);
  /** Position in ECEF, m. */
  readonly rEcef = new Float64Array(3);
  /** C_ne: ECEF → NED at the current position. */
  readonly cNe: Mat3 = new Float64Array(9);
  /** Earth rotation angle since t = 0: cos and sin. */
  cosTheta = 1;
  sinTheta = 0;
  /** Earth-relative velocity in NED, m/s. */
  readonly vNed = new Float64Array(3);
  /** Wind (air-mass velocity relative to Earth) in NED, m/s. */
  readonly windNed = new Float64Array(3);
  /** Air-relative velocity in ECI components, m/s. */
  readonly vAirEci = new Float64Array(3);
  /** Atmosphere at altitude (see ATM_* slots); zeros in a vacuum. */
  readonly atm = createAtmosphereBuffer();
  /** True airspeed, m/s. */
  airspeed_mps = 0;
  /** Dynamic pressure, Pa. */
  qbar_pa = 0;
  /** Mach number (0 in a vacuum). */
  mach = 0;

  private readonly vRelEcef = new Float64Array(3);
  private readonly vAirNed = new Float64Array(3);

  constructor(readonly earth: EarthModel) {}

  /** Recompute everything for time t (s), ECI position r[ro..] (m) and velocity v[vo..] (m/s). */
  update(t: number, r: Float64Array, ro: number, v: Float64Array, vo: number): void {
    const earth = this.earth;
    const w = earth.omega_radps;
    const xi = r[ro];
    const yi = r[ro + 1];
    const zi = r[ro + 2];
    let c = 1;
    let s = 0;
    if (w !== 0) {
      const th = w * t;
      c = Math.cos(th);
      s = Math.sin(th);
    }
    this.cosTheta = c;
    this.sinTheta = s;
    const re = this.rEcef;
    re[0] = c * xi + s * yi;
    re[1] = -s * xi + c * yi;
    re[2] = zi;
    const geo = this.geo;
    ecefToGeodeticTrig(earth.ellipsoid, re[0], re[1], re[2], geo);
    const cNe = ecefToNedDcmTrig(
      this.cNe,
      geo[GEO_SIN_LAT],
      geo[GEO_COS_LAT],
      geo[GEO_SIN_LON],
      geo[GEO_COS_LON],
    );

    // Earth-relative velocity v − ω×r in ECI components, then rotated into ECEF and NED.
    const vxi = v[vo] + w * yi;
    const vyi = v[vo + 1] - w * xi;
    const vzi = v[vo + 2];
    const vre = this.vRelEcef;
    vre[0] = c * vxi + s * vyi;
    vre[1] = -s * vxi + c * vyi;
    vre[2] = vzi;
    const vn = this.vNed;
    vn[0] = cNe[0] * vre[0] + cNe[1] * vre[1] + cNe[2] * vre[2];
    vn[1] = cNe[3] * vre[0] + cNe[4] * vre[1];
    vn[2] = cNe[6] * vre[0] + cNe[7] * vre[1] + cNe[8] * vre[2];

    const h = geo[GEO_H];
    const wind = this.windNed;
    windAt(earth.wind, h, wind, 0);
    const va = this.vAirNed;
    va[0] = vn[0] - wind[0];
    va[1] = vn[1] - wind[1];
    va[2] = vn[2] - wind[2];
    // NED → ECEF (C_neᵀ) → ECI (C_eiᵀ).
    const ex = cNe[0] * va[0] + cNe[3] * va[1] + cNe[6] * va[2];
    const ey = cNe[1] * va[0] + cNe[4] * va[1] + cNe[7] * va[2];
    const ez = cNe[2] * va[0] + cNe[8] * va[2];
    const vai = this.vAirEci;
    vai[0] = c * ex - s * ey;
    vai[1] = s * ex + c * ey;
    vai[2] = ez;
    const V = Math.sqrt(va[0] * va[0] + va[1] * va[1] + va[2] * va[2]);
    this.airspeed_mps = V;

    const atm = this.atm;
    if (earth.atmosphere) {
      atmosphereAt(h, atm);
      this.qbar_pa = 0.5 * atm[ATM_RHO] * V * V;
      this.mach = V / atm[ATM_A];
    } else {
      atm.fill(0);
      this.qbar_pa = 0;
      this.mach = 0;
    }
  }

  /** Ambient temperature (K), pressure (Pa) and density (kg/m³) accessors for readability. */
  get temperature_K(): number {
    return this.atm[ATM_T];
  }
  get pressure_pa(): number {
    return this.atm[ATM_P];
  }
  get density_kgpm3(): number {
    return this.atm[ATM_RHO];
  }
}
