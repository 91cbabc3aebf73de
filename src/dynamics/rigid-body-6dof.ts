/**
 * Six-degree-of-freedom rigid-body equations of motion in the Earth-centred inertial frame.
 *
 * State (13): ECI position (m), ECI velocity (m/s), attitude quaternion q_ib (body → ECI,
 * scalar first), body angular rate relative to inertial space in body axes (rad/s).
 *
 *   ṙ = v,  v̇ = C_ib·F_b/m + g(r),  q̇ = ½·q ⊗ (0, ω),  ω̇ = I⁻¹·(M − ω × I·ω)
 *
 * with F_b and M from the aerodynamic model and g from the chosen gravitation model. Mass is
 * constant here; the missile's varying mass lives in the 3-DOF model.
 */

import { invert3, type Mat3 } from "../core/mat3.js";
import { quatDerivative, quatNormalize, quatToDcm } from "../core/quat.js";
import { ATM_RHO } from "../earth/atmosphere.js";
import type { EarthModel } from "../earth/earth-model.js";
import { gravitation } from "../earth/gravity.js";
import { type AeroCoefficients, aeroForcesAndMoments } from "./aero-coefficients.js";
import { AirData } from "./air-data.js";
import type { OdeSystem } from "./ode.js";

/** State-vector layout of the 6-DOF model. */
export const S6_RX = 0;
export const S6_VX = 3;
export const S6_QW = 6;
export const S6_WX = 10;
/** Number of 6-DOF state variables. */
export const S6_SIZE = 13;

/** Mass properties of a rigid body. */
export interface MassProperties {
  readonly mass_kg: number;
  /**
   * Inertia tensor about the centre of gravity in body axes, kg·m², row-major 3×3. Off-diagonal
   * terms carry their sign: I = [[Ixx, −Ixy, −Ixz], [−Ixy, Iyy, −Iyz], [−Ixz, −Iyz, Izz]] for
   * products of inertia Ixy = ∫xy·dm.
   */
  readonly inertia_kgm2: Mat3;
}

/** A rigid body flying through the Earth model with constant-coefficient aerodynamics. */
export class RigidBody6Dof implements OdeSystem {
  readonly size = S6_SIZE;
  readonly air: AirData;
  /** C_ib of the state last passed to derivative(). */
  readonly cIb: Mat3 = new Float64Array(9);
  /** Aerodynamic body force (N) and moment (N·m) of the last derivative() call. */
  readonly aeroFM = new Float64Array(6);
  /** Gravitational acceleration in ECI (m/s²) of the last derivative() call. */
  readonly gEci = new Float64Array(3);

  private readonly invI: Mat3 = new Float64Array(9);
  private readonly I: Mat3;
  private readonly invMass: number;

  constructor(
    readonly mass: MassProperties,
    readonly aero: AeroCoefficients,
    readonly earth: EarthModel,
  ) {
    this.I = Float64Array.from(mass.inertia_kgm2);
    if (!invert3(this.invI, this.I)) {
      throw new RangeError("inertia tensor is singular");
    }
    this.invMass = 1 / mass.mass_kg;
    this.air = new AirData(earth);
  }

  /** Derivative of the 13-state at time t (s). Allocation-free. */
  derivative(t: number, x: Float64Array, dx: Float64Array): void {
    const air = this.air;
    air.update(t, x, S6_RX, x, S6_VX, false);
    const C = quatToDcm(this.cIb, x, S6_QW);
    const wx = x[S6_WX];
    const wy = x[S6_WX + 1];
    const wz = x[S6_WX + 2];

    // Air-relative velocity in body axes (C_biv = C_ibᵀ·v).
    const vai = air.vAirEci;
    const u = C[0] * vai[0] + C[3] * vai[1] + C[6] * vai[2];
    const v = C[1] * vai[0] + C[4] * vai[1] + C[7] * vai[2];
    const w = C[2] * vai[0] + C[5] * vai[1] + C[8] * vai[2];
    // Damping uses the inertial body rates, as NASA TM-2015-218675 defines it. The air-relative
    // rates differ by the Earth's rate (7.3e-5 rad/s), far below any damping derivative's
    // uncertainty; using inertial rates lets a damped body come to rest in inertial space as the
    // reference simulations do.
    const fm = this.aeroFM;
    aeroForcesAndMoments(this.aero, air.atm[ATM_RHO], u, v, w, wx, wy, wz, fm);

    const g = this.gEci;
    gravitation(this.earth.gravity, x[S6_RX], x[S6_RX + 1], x[S6_RX + 2], g, 0);
    const im = this.invMass;
    dx[S6_RX] = x[S6_VX];
    dx[S6_RX + 1] = x[S6_VX + 1];
    dx[S6_RX + 2] = x[S6_VX + 2];
    dx[S6_VX] = (C[0] * fm[0] + C[1] * fm[1] + C[2] * fm[2]) * im + g[0];
    dx[S6_VX + 1] = (C[3] * fm[0] + C[4] * fm[1] + C[5] * fm[2]) * im + g[1];
    dx[S6_VX + 2] = (C[6] * fm[0] + C[7] * fm[1] + C[8] * fm[2]) * im + g[2];

    quatDerivative(dx, S6_QW, x, S6_QW, wx, wy, wz);

    // Euler's equation: ω̇ = I⁻¹·(M − ω × Iω).
    const I = this.I;
    const hx = I[0] * wx + I[1] * wy + I[2] * wz;
    const hy = I[3] * wx + I[4] * wy + I[5] * wz;
    const hz = I[6] * wx + I[7] * wy + I[8] * wz;
    const mx = fm[3] - (wy * hz - wz * hy);
    const my = fm[4] - (wz * hx - wx * hz);
    const mz = fm[5] - (wx * hy - wy * hx);
    const J = this.invI;
    dx[S6_WX] = J[0] * mx + J[1] * my + J[2] * mz;
    dx[S6_WX + 1] = J[3] * mx + J[4] * my + J[5] * mz;
    dx[S6_WX + 2] = J[6] * mx + J[7] * my + J[8] * mz;
  }

  /** Keep the attitude quaternion at unit length after each step. */
  afterStep(x: Float64Array): void {
    quatNormalize(x, S6_QW);
  }
}
