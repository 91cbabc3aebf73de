/**
 * What a person wants to read off a 6-DOF body's state: geodetic position, NED velocity, Euler
 * angles relative to local NED, body rates, air data. Used for sampled output, not in the step loop.
 */

import { dcmToEuler } from "../core/quat.js";
import { DEG_PER_RAD } from "../core/units.js";
import { ATM_A, ATM_P, ATM_RHO, ATM_T } from "../earth/atmosphere.js";
import { ecefToGeodetic, GEO_SIZE } from "../earth/ellipsoid.js";
import { type RigidBody6Dof, S6_RX, S6_SIZE, S6_VX, S6_WX } from "./rigid-body-6dof.js";

/** The columns every trajectory.csv starts with, in order (body and mission alike). */
export const TRAJECTORY_COLUMNS = [
  "t_s",
  "lat_deg",
  "lon_deg",
  "alt_m",
  "vn_mps",
  "ve_mps",
  "vd_mps",
  "phi_deg",
  "theta_deg",
  "psi_deg",
  "p_dps",
  "q_dps",
  "r_dps",
  "mach",
] as const;

/** Output columns of a body trajectory, in order. */
export const BODY_COLUMNS = [
  ...TRAJECTORY_COLUMNS,
  "x_ecef_m",
  "y_ecef_m",
  "z_ecef_m",
  "tas_mps",
  "alpha_deg",
  "beta_deg",
  "qbar_pa",
  "rho_kgpm3",
  "temp_K",
  "press_pa",
  "sound_mps",
  "gravity_mps2",
] as const;

/** A body trajectory column name. */
export type BodyColumn = (typeof BODY_COLUMNS)[number];

/** Fills one output row from a 6-DOF state; owns its scratch buffers. */
export class BodyObserver {
  readonly row = new Float64Array(BODY_COLUMNS.length);
  private readonly dx = new Float64Array(S6_SIZE);
  private readonly cNb = new Float64Array(9);
  private readonly euler = new Float64Array(3);
  private readonly lla = new Float64Array(3);
  private readonly geo = new Float64Array(GEO_SIZE);

  constructor(private readonly body: RigidBody6Dof) {}

  /** Evaluate the model at (t, x) and fill `row` in BODY_COLUMNS order. */
  observe(t: number, x: Float64Array): Float64Array {
    const body = this.body;
    body.derivative(t, x, this.dx);
    const air = body.air;
    // The derivative may skip the NED frame in calm air; outputs need all of it.
    air.update(t, x, S6_RX, x, S6_VX, true);
    const C = body.cIb;
    const row = this.row;
    row[0] = t;
    // The derivative's air data carries a one-pass latitude; outputs get the exact one.
    const lla = this.lla;
    ecefToGeodetic(
      body.earth.ellipsoid,
      air.rEcef[0],
      air.rEcef[1],
      air.rEcef[2],
      lla,
      0,
      this.geo,
    );
    row[1] = lla[0] * DEG_PER_RAD;
    row[2] = lla[1] * DEG_PER_RAD;
    row[3] = lla[2];
    row[4] = air.vNed[0];
    row[5] = air.vNed[1];
    row[6] = air.vNed[2];

    // C_nb = C_ne·C_ei·C_ib.
    const c = air.cosTheta;
    const s = air.sinTheta;
    const n = air.cNe;
    const m = this.cNb;
    for (let col = 0; col < 3; col++) {
      const ix = C[col];
      const iy = C[3 + col];
      const iz = C[6 + col];
      const ex = c * ix + s * iy;
      const ey = -s * ix + c * iy;
      m[col] = n[0] * ex + n[1] * ey + n[2] * iz;
      m[3 + col] = n[3] * ex + n[4] * ey + n[5] * iz;
      m[6 + col] = n[6] * ex + n[7] * ey + n[8] * iz;
    }
    const e = this.euler;
    dcmToEuler(e, 0, m);
    row[7] = e[0] * DEG_PER_RAD;
    row[8] = e[1] * DEG_PER_RAD;
    row[9] = e[2] * DEG_PER_RAD;
    row[10] = x[S6_WX] * DEG_PER_RAD;
    row[11] = x[S6_WX + 1] * DEG_PER_RAD;
    row[12] = x[S6_WX + 2] * DEG_PER_RAD;
    row[13] = air.mach;
    row[14] = air.rEcef[0];
    row[15] = air.rEcef[1];
    row[16] = air.rEcef[2];
    row[17] = air.airspeed_mps;
    const va = air.vAirEci;
    const u = C[0] * va[0] + C[3] * va[1] + C[6] * va[2];
    const v = C[1] * va[0] + C[4] * va[1] + C[7] * va[2];
    const w = C[2] * va[0] + C[5] * va[1] + C[8] * va[2];
    const V = air.airspeed_mps;
    row[18] = V > 0 ? Math.atan2(w, u) * DEG_PER_RAD : 0;
    row[19] = V > 0 ? Math.asin(Math.max(-1, Math.min(1, v / V))) * DEG_PER_RAD : 0;
    row[20] = air.qbar_pa;
    row[21] = air.atm[ATM_RHO];
    row[22] = air.atm[ATM_T];
    row[23] = air.atm[ATM_P];
    row[24] = air.atm[ATM_A];
    const g = body.gEci;
    row[25] = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
    return row;
  }
}
