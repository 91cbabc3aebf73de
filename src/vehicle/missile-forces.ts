/**
 * The forces on a bank-to-turn cruise missile flown as a point mass: lift from the commanded load
 * factor (limited by CLmax), drag from the polar, thrust along the velocity, fuel burn.
 *
 * Three autopilot states ride along with the 3-DOF state: bank angle φ and normal load factor n
 * follow their commands with first-order lags, and the engine's thrust fraction δ spools towards
 * the throttle command. Lift acts normal to the air-relative velocity, rotated by φ from the
 * vertical plane (positive φ turns right); a negative n pushes the lift vector down.
 */

import type { AirData } from "../dynamics/air-data.js";
import { type PointMassForces, S3_EXTRA, S3_MASS } from "../dynamics/point-mass-3dof.js";
import { ATM_P, ATM_T } from "../earth/atmosphere.js";
import { GEO_COS_LAT, GEO_COS_LON, GEO_SIN_LAT, GEO_SIN_LON } from "../earth/ellipsoid.js";
import {
  type AirframeParams,
  copyAirframeParams,
  inducedDragFactor,
  zeroLiftDrag,
} from "./airframe.js";
import { dryMass, type MissileParams } from "./missile-params.js";
import { copyEngineParams, type EngineParams, maxThrust, tsfc } from "./propulsion.js";

/** Indices of the autopilot states in the 3-DOF state vector. */
export const M_BANK = S3_EXTRA;
export const M_LOAD = S3_EXTRA + 1;
export const M_THRUST = S3_EXTRA + 2;
/** Standard gravity, the unit of load factor (m/s²). */
export const G0 = 9.80665;

/** Missile force model with its commands (set by the autopilot between steps). */
export class MissileForces implements PointMassForces {
  readonly extraStates = 3;
  /** Commanded bank (rad), load factor (g) and throttle (0–1). */
  bankCmd_rad = 0;
  loadCmd_g = 0;
  throttleCmd = 0;
  /** Engine running (after start, before flame-out). */
  engineOn = false;

  /** Values of the last evaluation, for outputs. */
  thrust_n = 0;
  lift_n = 0;
  drag_n = 0;
  cl = 0;
  fuelFlow_kgps = 0;

  private readonly dryMass_kg: number;
  private readonly k: number;
  private readonly S: number;
  /** First-order lag constants, 1/s. */
  private readonly kBank: number;
  private readonly kLoad: number;
  private readonly kSpool: number;

  /** The airframe and engine as evaluate() reads them: copies in one shape each (see airframe.ts). */
  private readonly airframe: AirframeParams;
  private readonly engine: EngineParams;

  constructor(readonly params: MissileParams) {
    this.airframe = copyAirframeParams(params.airframe);
    this.engine = copyEngineParams(params.engine);
    this.dryMass_kg = dryMass(params);
    this.k = inducedDragFactor(params.airframe);
    this.S = params.airframe.S_m2;
    this.kBank = 1 / params.autopilot.bank_tau_s;
    this.kLoad = 1 / params.autopilot.load_tau_s;
    this.kSpool = 1 / params.engine.spool_tau_s;
  }

  /** Force in ECI (N), the mass rate (kg/s) into dx[S3_MASS] and autopilot-state derivatives. */
  evaluate(x: Float64Array, air: AirData, f: Float64Array, dx: Float64Array): void {
    const phi = x[M_BANK];
    const n = x[M_LOAD];
    const delta = x[M_THRUST];
    const m = x[S3_MASS];
    const fuel = m - this.dryMass_kg;
    const V = air.airspeed_mps;
    const qS = air.qbar_pa * this.S;
    const mach = air.mach;

    // Lift: what the load-factor command asks, within CLmax.
    let lift = n * m * G0;
    let cl = qS > 0 ? lift / qS : 0;
    const airframe = this.airframe;
    const clMax = airframe.cl_max;
    if (cl > clMax) {
      cl = clMax;
      lift = cl * qS;
    } else if (cl < -clMax) {
      cl = -clMax;
      lift = cl * qS;
    }
    const drag = qS * (zeroLiftDrag(airframe, mach) + this.k * cl * cl);

    let thrust = 0;
    let flow = 0;
    const running = this.engineOn && fuel > 0;
    if (running) {
      const atm = air.atm;
      thrust = delta * maxThrust(this.engine, atm[ATM_T], atm[ATM_P], mach);
      flow = thrust * tsfc(this.engine, atm[ATM_T], mach);
    }
    this.thrust_n = thrust;
    this.lift_n = lift;
    this.drag_n = drag;
    this.cl = cl;
    this.fuelFlow_kgps = flow;

    // Directions in ECI: velocity unit vector, local up, lift reference normal to the velocity
    // in the vertical plane, and the side axis to its right.
    const va = air.vAirEci;
    let vx = 0;
    let vy = 0;
    let vz = 0;
    if (V > 0) {
      vx = va[0] / V;
      vy = va[1] / V;
      vz = va[2] / V;
    }
    const geo = air.geo;
    const c = air.cosTheta;
    const s = air.sinTheta;
    const uex = geo[GEO_COS_LAT] * geo[GEO_COS_LON];
    const uey = geo[GEO_COS_LAT] * geo[GEO_SIN_LON];
    const ux = c * uex - s * uey;
    const uy = s * uex + c * uey;
    const uz = geo[GEO_SIN_LAT];
    const d = ux * vx + uy * vy + uz * vz;
    let lx = ux - d * vx;
    let ly = uy - d * vy;
    let lz = uz - d * vz;
    const ln = Math.sqrt(lx * lx + ly * ly + lz * lz);
    if (ln > 1e-9) {
      lx /= ln;
      ly /= ln;
      lz /= ln;
    } else {
      // Flying straight up or down: no vertical plane; lift has no preferred direction.
      lx = 0;
      ly = 0;
      lz = 0;
    }
    // side = v̂ × l̂ points to the right of the flight path.
    const sx = vy * lz - vz * ly;
    const sy = vz * lx - vx * lz;
    const sz = vx * ly - vy * lx;
    const cp = Math.cos(phi);
    const sp = Math.sin(phi);
    const axial = thrust - drag;
    f[0] = axial * vx + lift * (cp * lx + sp * sx);
    f[1] = axial * vy + lift * (cp * ly + sp * sy);
    f[2] = axial * vz + lift * (cp * lz + sp * sz);

    dx[M_BANK] = this.kBank * (this.bankCmd_rad - phi);
    dx[M_LOAD] = this.kLoad * (this.loadCmd_g - n);
    dx[M_THRUST] = running ? this.kSpool * (this.throttleCmd - delta) : -this.kSpool * delta;
    dx[S3_MASS] = -flow;
  }

  /** Keep the mass at or above the empty mass (RK4 can overshoot the last drop of fuel). */
  afterStep(x: Float64Array): void {
    if (x[S3_MASS] < this.dryMass_kg) x[S3_MASS] = this.dryMass_kg;
    if (x[M_THRUST] < 0) x[M_THRUST] = 0;
  }

  /** Fuel left in state x, kg. */
  fuelLeft(x: Float64Array): number {
    return Math.max(0, x[S3_MASS] - this.dryMass_kg);
  }
}
