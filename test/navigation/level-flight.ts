/**
 * Shared test fixture: a reference trajectory for navigation tests in flight. A strapdown INS fed
 * with error-free specific force and rate *is* the truth: each step asks for the level-flight
 * acceleration (speed and height held, turning at the commanded rate) and computes the body-axis
 * specific force and inertial rate that produce it, f = C_bn·(a − g + (2ω_ie + ω_en) × v) and
 * ω_ib = C_bn·ω_in + ψ̇·z_b. A navigator given the same inputs through an IMU model then differs
 * from the truth only by the IMU's errors and its filter, whatever the mechanization's own
 * discretisation error.
 */

import type { EarthModel } from "../../src/earth/earth-model.js";
import { StrapdownIns } from "../../src/navigation/ins.js";

/** Body → NED attitude of a level body on heading psi (rad): x forward, y right, z down. */
export function levelAttitude(psi_rad: number): Float64Array {
  const c = Math.cos(psi_rad);
  const s = Math.sin(psi_rad);
  return Float64Array.of(c, -s, 0, s, c, 0, 0, 0, 1);
}

/** A level flight at constant speed and height whose heading rate is commanded each step. */
export class LevelFlightTruth {
  readonly ins: StrapdownIns;
  /** True mean specific force (m/s²) and inertial rate (rad/s), body axes, of the last step. */
  readonly f = new Float64Array(3);
  readonly w = new Float64Array(3);
  private readonly fNed = new Float64Array(3);

  constructor(
    earth: EarthModel,
    lat_rad: number,
    lon_rad: number,
    readonly alt_m: number,
    readonly speed_mps: number,
    heading_rad: number,
  ) {
    this.ins = new StrapdownIns(earth);
    this.ins.reset(
      lat_rad,
      lon_rad,
      alt_m,
      [speed_mps * Math.cos(heading_rad), speed_mps * Math.sin(heading_rad), 0],
      levelAttitude(heading_rad),
    );
    // Evaluate gravity and the frame rates once before the first step.
    this.ins.update(this.f, this.w, 0);
  }

  /** Compute this step's true IMU inputs for heading rate psiDot (rad/s), then advance by dt (s). */
  step(psiDot_radps: number, dt: number): void {
    const ins = this.ins;
    const v = ins.vNed;
    const sp = Math.hypot(v[0], v[1]);
    // Gentle holds keep speed and height; the turn is a centripetal acceleration ψ̇ × v.
    const along = 0.05 * (this.speed_mps - sp);
    const a0 = (v[0] / sp) * along - psiDot_radps * v[1];
    const a1 = (v[1] / sp) * along + psiDot_radps * v[0];
    const a2 = 0.01 * (ins.alt_m - this.alt_m) - 0.2 * v[2];
    const ie = ins.wIe;
    const inn = ins.wIn;
    // 2ω_ie + ω_en = ω_ie + ω_in
    const c0 = ie[0] + inn[0];
    const c1 = ie[1] + inn[1];
    const c2 = ie[2] + inn[2];
    const g = ins.gNed;
    const fn = this.fNed;
    fn[0] = a0 - g[0] + (c1 * v[2] - c2 * v[1]);
    fn[1] = a1 - g[1] + (c2 * v[0] - c0 * v[2]);
    fn[2] = a2 - g[2] + (c0 * v[1] - c1 * v[0]);
    const C = ins.cNb;
    for (let k = 0; k < 3; k++) {
      this.f[k] = C[k] * fn[0] + C[3 + k] * fn[1] + C[6 + k] * fn[2];
      this.w[k] = C[k] * inn[0] + C[3 + k] * inn[1] + C[6 + k] * inn[2];
    }
    this.w[2] += psiDot_radps;
    ins.update(this.f, this.w, dt);
  }
}
