/**
 * Three-degree-of-freedom point-mass equations of motion in the Earth-centred inertial frame,
 * with varying mass and optional extra states (e.g. autopilot lags) owned by the force model.
 *
 * State: ECI position (m), ECI velocity (m/s), mass (kg), then `forces.extraStates` entries.
 *
 *   ṙ = v,  v̇ = F/m + g(r),  ṁ = −fuel flow
 *
 * Attitude is not integrated: the force model decides the direction of lift and thrust from its
 * own commanded or lagged angles. This is the usual model for mission-level cruise-missile studies,
 * where the airframe's short-period dynamics are much faster than the trajectory.
 */

import type { EarthModel } from "../earth/earth-model.js";
import { gravitationAt } from "../earth/gravity.js";
import { AirData } from "./air-data.js";
import type { OdeSystem } from "./ode.js";

/** State-vector layout of the 3-DOF model. */
export const S3_RX = 0;
export const S3_VX = 3;
export const S3_MASS = 6;
/** Index of the first force-model state. */
export const S3_EXTRA = 7;

/** What acts on a point mass besides gravitation. */
export interface PointMassForces {
  /** Number of force-model states appended after the mass. */
  readonly extraStates: number;
  /**
   * Write the non-gravitational force in ECI (N) into forceEci[0..2], the mass rate (kg/s, ≤ 0
   * while burning fuel) into dx[S3_MASS] and the derivatives of the extra states into
   * dx[S3_EXTRA..]. `air` has been updated for this state (and its time). Must not allocate: the
   * mass rate goes into dx rather than back as a return value, and no time argument is passed,
   * because V8 boxes each double crossing a call it does not inline (this one is too long to be).
   */
  evaluate(x: Float64Array, air: AirData, forceEci: Float64Array, dx: Float64Array): void;
  /** Project the extra states onto their limits after a step (optional clamping). */
  afterStep(x: Float64Array): void;
}

/** A point mass with varying mass under gravitation and a force model. */
export class PointMass3Dof implements OdeSystem {
  readonly size: number;
  readonly air: AirData;
  /** Non-gravitational force in ECI (N) of the last derivative() call. */
  readonly forceEci = new Float64Array(3);
  /** Gravitational acceleration in ECI (m/s²) of the last derivative() call. */
  readonly gEci = new Float64Array(3);

  constructor(
    readonly forces: PointMassForces,
    readonly earth: EarthModel,
  ) {
    this.size = S3_EXTRA + forces.extraStates;
    this.air = new AirData(earth);
  }

  /** Derivative of the state at time t (s). Allocation-free. */
  derivative(t: number, x: Float64Array, dx: Float64Array): void {
    this.air.update(t, x, S3_RX, x, S3_VX);
    const f = this.forceEci;
    this.forces.evaluate(x, this.air, f, dx);
    const g = this.gEci;
    gravitationAt(this.earth.gravity, x, S3_RX, g, 0);
    const im = 1 / x[S3_MASS];
    dx[S3_RX] = x[S3_VX];
    dx[S3_RX + 1] = x[S3_VX + 1];
    dx[S3_RX + 2] = x[S3_VX + 2];
    dx[S3_VX] = f[0] * im + g[0];
    dx[S3_VX + 1] = f[1] * im + g[1];
    dx[S3_VX + 2] = f[2] * im + g[2];
  }

  /** Let the force model clamp its own states. */
  afterStep(x: Float64Array): void {
    this.forces.afterStep(x);
  }
}

/** Drag-only force model for a ballistic body: drag = ½ρV²·S·CD against the air-relative velocity. */
export class BallisticDrag implements PointMassForces {
  readonly extraStates = 0;

  /** cdS_m2: drag area CD·S (m²). */
  constructor(readonly cdS_m2: number) {}

  /** Drag force in ECI; the mass does not change. */
  evaluate(_x: Float64Array, air: AirData, forceEci: Float64Array, dx: Float64Array): void {
    const V = air.airspeed_mps;
    const va = air.vAirEci;
    // −qbar·CD·S·V̂ = −½ρ·V·CD·S·v_air.
    const k = V > 0 ? (-air.qbar_pa * this.cdS_m2) / V : 0;
    forceEci[0] = k * va[0];
    forceEci[1] = k * va[1];
    forceEci[2] = k * va[2];
    dx[S3_MASS] = 0;
  }

  /** Nothing to clamp. */
  afterStep(_x: Float64Array): void {}
}
