/**
 * Output rows of a missile flight: the body trajectory's columns (with attitude and rates implied
 * by the point-mass model's wind axes: roll = bank, pitch = flight-path angle + angle of attack,
 * yaw = air-relative course, body rates from the wind-axis kinematics) plus fuel, thrust, phase and
 * flight quantities.
 */

import { DEG_PER_RAD } from "../core/units.js";
import { TRAJECTORY_COLUMNS } from "../dynamics/body-observer.js";
import { type PointMass3Dof, S3_MASS } from "../dynamics/point-mass-3dof.js";
import { ATM_A } from "../earth/atmosphere.js";
import { ecefToGeodetic, GEO_SIZE } from "../earth/ellipsoid.js";
import { M_BANK, M_LOAD, type MissileForces } from "../vehicle/missile-forces.js";

/** Output columns of a mission trajectory, in order. */
export const MISSION_COLUMNS = [
  ...TRAJECTORY_COLUMNS,
  "fuel_kg",
  "thrust_n",
  "phase",
  "tas_mps",
  "gamma_deg",
  "load_g",
  "cl",
  "alpha_deg",
  "drag_n",
  "mass_kg",
  "ground_dist_m",
  "range_to_go_m",
  "cross_track_m",
  "nav_err_n_m",
  "nav_err_e_m",
  "nav_err_d_m",
  "gnss_state",
] as const;

/** Mission-level values the loop keeps for the observer (mutated in place). */
export class MissionStatus {
  phase = 0;
  groundDist_m = 0;
  rangeToGo_m = 0;
  crossTrack_m = 0;
  /** Truth minus navigation estimate, NED, m. */
  navErrN_m = 0;
  navErrE_m = 0;
  navErrD_m = 0;
  /** GNSS receiver state code (see GNSS_STATE_NAMES). */
  gnssState = 0;
}

/** Fills one output row from the 3-DOF state; owns its scratch buffers. */
export class MissionObserver {
  readonly row = new Float64Array(MISSION_COLUMNS.length);
  private readonly dx: Float64Array;
  private readonly lla = new Float64Array(3);
  private readonly geo = new Float64Array(GEO_SIZE);

  constructor(
    private readonly sys: PointMass3Dof,
    private readonly forces: MissileForces,
  ) {
    this.dx = new Float64Array(sys.size);
  }

  /** Evaluate the model at (t, x) and fill `row`; the caller supplies the mission-level values. */
  observe(t: number, x: Float64Array, st: MissionStatus): Float64Array {
    const sys = this.sys;
    const f = this.forces;
    sys.derivative(t, x, this.dx);
    const air = sys.air;
    const row = this.row;
    const lla = this.lla;
    ecefToGeodetic(sys.earth.ellipsoid, air.rEcef[0], air.rEcef[1], air.rEcef[2], lla, 0, this.geo);
    const vn = air.vNed[0];
    const ve = air.vNed[1];
    const vd = air.vNed[2];
    // Air-relative flight path: wind axes.
    const an = vn - air.windNed[0];
    const ae = ve - air.windNed[1];
    const ad = vd - air.windNed[2];
    const vh = Math.sqrt(an * an + ae * ae);
    const V = air.airspeed_mps;
    const gamma = Math.atan2(-ad, vh);
    const chi = Math.atan2(ae, an);
    const phi = x[M_BANK];
    const m = x[S3_MASS];
    const alpha = f.cl / f.params.airframe.cl_alpha_per_rad;
    // Wind-axis kinematics: γ̇ and χ̇ from the lift and weight, then body rates.
    const g = Math.sqrt(sys.gEci[0] ** 2 + sys.gEci[1] ** 2 + sys.gEci[2] ** 2);
    const gammaDot = V > 1 ? (f.lift_n * Math.cos(phi)) / (m * V) - (g * Math.cos(gamma)) / V : 0;
    const chiDot =
      V > 1 && Math.cos(gamma) > 1e-6 ? (f.lift_n * Math.sin(phi)) / (m * V * Math.cos(gamma)) : 0;
    const phiDot = this.dx[M_BANK];
    row[0] = t;
    row[1] = lla[0] * DEG_PER_RAD;
    row[2] = lla[1] * DEG_PER_RAD;
    row[3] = lla[2];
    row[4] = vn;
    row[5] = ve;
    row[6] = vd;
    row[7] = phi * DEG_PER_RAD;
    row[8] = (gamma + alpha) * DEG_PER_RAD;
    row[9] = chi * DEG_PER_RAD;
    row[10] = (phiDot - chiDot * Math.sin(gamma)) * DEG_PER_RAD;
    row[11] = (gammaDot * Math.cos(phi) + chiDot * Math.cos(gamma) * Math.sin(phi)) * DEG_PER_RAD;
    row[12] = (-gammaDot * Math.sin(phi) + chiDot * Math.cos(gamma) * Math.cos(phi)) * DEG_PER_RAD;
    row[13] = air.atm[ATM_A] > 0 ? V / air.atm[ATM_A] : 0;
    row[14] = f.fuelLeft(x);
    row[15] = f.thrust_n;
    row[16] = st.phase;
    row[17] = V;
    row[18] = gamma * DEG_PER_RAD;
    row[19] = x[M_LOAD];
    row[20] = f.cl;
    row[21] = alpha * DEG_PER_RAD;
    row[22] = f.drag_n;
    row[23] = m;
    row[24] = st.groundDist_m;
    row[25] = st.rangeToGo_m;
    row[26] = st.crossTrack_m;
    row[27] = st.navErrN_m;
    row[28] = st.navErrE_m;
    row[29] = st.navErrD_m;
    row[30] = st.gnssState;
    return row;
  }
}
