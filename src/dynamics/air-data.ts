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
  atmosphereFastAtIndex,
  createAtmosphereBuffer,
} from "../earth/atmosphere.js";
import type { EarthModel } from "../earth/earth-model.js";
import {
  ecefToGeodeticTrigAt,
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
  private lastT = 0;
  /** Time of the state being computed, s (set by update()). */
  private t_s = 0;
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

  private readonly calm: boolean;

  constructor(readonly earth: EarthModel) {
    this.calm = earth.wind.kind === "calm";
  }

  /**
   * Recompute for time t (s), ECI position r[ro..] (m) and velocity v[vo..] (m/s). With
   * `needNed` false and calm air, the NED frame and NED velocity (cNe, vNed, windNed) are not
   * needed for the forces and are left stale: the 6-DOF integrator's fast path. Outputs pass true.
   */
  update(
    t: number,
    r: Float64Array,
    ro: number,
    v: Float64Array,
    vo: number,
    needNed = true,
  ): void {
    // Short on purpose, so V8 inlines it: the time then reaches the long body below through a
    // field, not as a double argument, which would be boxed on the heap every call.
    this.t_s = t;
    this.updateState(r, ro, v, vo, needNed);
  }

  private updateState(
    r: Float64Array,
    ro: number,
    v: Float64Array,
    vo: number,
    needNed: boolean,
  ): void {
    const t = this.t_s;
    const earth = this.earth;
    const w = earth.omega_radps;
    const xi = r[ro];
    const yi = r[ro + 1];
    const zi = r[ro + 2];
    // RK4 evaluates at only two new times per step (t + h/2 twice, then t + h, which is also the
    // next step's first time), so the Earth-rotation sine and cosine are cached by time.
    if (t !== this.lastT) {
      this.lastT = t;
      const th = w * t;
      this.cosTheta = w === 0 ? 1 : Math.cos(th);
      this.sinTheta = w === 0 ? 0 : Math.sin(th);
    }
    const c = this.cosTheta;
    const s = this.sinTheta;
    const re = this.rEcef;
    re[0] = c * xi + s * yi;
    re[1] = -s * xi + c * yi;
    re[2] = zi;
    const geo = this.geo;
    // One Bowring pass: exact height (what the atmosphere needs); latitude to 0.06 mm, which only
    // orients the NED frame. Outputs recompute the position with two passes.
    ecefToGeodeticTrigAt(earth.ellipsoid, re, 0, geo, 1);
    // Earth-relative velocity v − ω×r in ECI components.
    const vxi = v[vo] + w * yi;
    const vyi = v[vo + 1] - w * xi;
    const vzi = v[vo + 2];
    const h = geo[GEO_H];
    const vai = this.vAirEci;
    if (!needNed && this.calm) {
      vai[0] = vxi;
      vai[1] = vyi;
      vai[2] = vzi;
      this.airspeed_mps = Math.sqrt(vxi * vxi + vyi * vyi + vzi * vzi);
    } else {
      const cNe = ecefToNedDcmTrig(
        this.cNe,
        geo[GEO_SIN_LAT],
        geo[GEO_COS_LAT],
        geo[GEO_SIN_LON],
        geo[GEO_COS_LON],
      );
      // Rotate into ECEF, then NED.
      const vx = c * vxi + s * vyi;
      const vy = -s * vxi + c * vyi;
      const vn = this.vNed;
      vn[0] = cNe[0] * vx + cNe[1] * vy + cNe[2] * vzi;
      vn[1] = cNe[3] * vx + cNe[4] * vy;
      vn[2] = cNe[6] * vx + cNe[7] * vy + cNe[8] * vzi;
      const wind = this.windNed;
      // Calm air skips the call: a double passed to a call that is not inlined is boxed.
      if (this.calm) {
        wind[0] = 0;
        wind[1] = 0;
        wind[2] = 0;
      } else windAt(earth.wind, h, wind, 0);
      const va0 = vn[0] - wind[0];
      const va1 = vn[1] - wind[1];
      const va2 = vn[2] - wind[2];
      // NED → ECEF (C_neᵀ) → ECI (C_eiᵀ).
      const ex = cNe[0] * va0 + cNe[3] * va1 + cNe[6] * va2;
      const ey = cNe[1] * va0 + cNe[4] * va1 + cNe[7] * va2;
      const ez = cNe[2] * va0 + cNe[8] * va2;
      vai[0] = c * ex - s * ey;
      vai[1] = s * ex + c * ey;
      vai[2] = ez;
      this.airspeed_mps = Math.sqrt(va0 * va0 + va1 * va1 + va2 * va2);
    }
    const V = this.airspeed_mps;

    const atm = this.atm;
    if (earth.atmosphere) {
      atmosphereFastAtIndex(geo, GEO_H, atm);
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
