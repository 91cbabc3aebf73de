/**
 * What a perfect IMU strapped to the point-mass missile would measure over one dynamics step: the
 * mean specific force and the mean angular rate relative to inertial space, in body axes. The body
 * attitude is the wind axes turned by the bank angle and pitched up by the angle of attack (the
 * airframe flies coordinated, so sideslip is zero); the increments are taken from the attitudes
 * and inertial velocities at both ends of the step, like a real IMU's Δθ and Δv outputs.
 */

import { eulerToDcm } from "../core/quat.js";
import type { AirData } from "../dynamics/air-data.js";

/** Scratch for one step's truth IMU; all buffers preallocated. */
export class TruthImu {
  /** Mean specific force (m/s²) and inertial body rate (rad/s) of the last step, body axes. */
  readonly f = new Float64Array(3);
  readonly w = new Float64Array(3);
  private readonly c0 = new Float64Array(9);
  private readonly c1 = new Float64Array(9);
  private readonly v0 = new Float64Array(3);
  private readonly cNb = new Float64Array(9);

  /** Body attitude C_nb (body → NED) from air data, bank and angle of attack (rad), into out. */
  bodyToNed(air: AirData, bank_rad: number, alpha_rad: number, out: Float64Array): Float64Array {
    const an = air.vNed[0] - air.windNed[0];
    const ae = air.vNed[1] - air.windNed[1];
    const ad = air.vNed[2] - air.windNed[2];
    const chi = Math.atan2(ae, an);
    const gamma = Math.atan2(-ad, Math.sqrt(an * an + ae * ae));
    // 3-2-1 Euler: yaw = course, pitch = γ + α, roll = bank (coordinated flight).
    eulerToDcm(out, bank_rad, gamma + alpha_rad, chi);
    return out;
  }

  /** C_ib = C_ie·C_en·C_nb for the air data's position and time, into out. */
  private bodyToInertial(air: AirData, cNb: Float64Array, out: Float64Array): void {
    const n = air.cNe; // ECEF → NED; its transpose is NED → ECEF
    const c = air.cosTheta;
    const s = air.sinTheta;
    for (let col = 0; col < 3; col++) {
      const bn = cNb[col];
      const be = cNb[3 + col];
      const bd = cNb[6 + col];
      const ex = n[0] * bn + n[3] * be + n[6] * bd;
      const ey = n[1] * bn + n[4] * be + n[7] * bd;
      const ez = n[2] * bn + n[5] * be + n[8] * bd;
      out[col] = c * ex - s * ey;
      out[3 + col] = s * ex + c * ey;
      out[6 + col] = ez;
    }
  }

  /** Record the start of a step: air data (with NED), bank, angle of attack, inertial velocity. */
  begin(air: AirData, bank_rad: number, alpha_rad: number, vEci: Float64Array, vo: number): void {
    this.bodyToInertial(air, this.bodyToNed(air, bank_rad, alpha_rad, this.cNb), this.c0);
    this.v0[0] = vEci[vo];
    this.v0[1] = vEci[vo + 1];
    this.v0[2] = vEci[vo + 2];
  }

  /** Start the next interval where the last one ended (attitude kept, velocity taken from vEci). */
  restart(vEci: Float64Array, vo: number): void {
    this.c0.set(this.c1);
    this.v0[0] = vEci[vo];
    this.v0[1] = vEci[vo + 1];
    this.v0[2] = vEci[vo + 2];
  }

  /**
   * Finish the step of length dt (s): air data at the end, bank and α there, inertial velocity,
   * and the mean gravitation over the step in ECI (m/s²). Fills f and w.
   */
  end(
    air: AirData,
    bank_rad: number,
    alpha_rad: number,
    vEci: Float64Array,
    vo: number,
    gMeanEci: Float64Array,
    dt: number,
  ): void {
    this.bodyToInertial(air, this.bodyToNed(air, bank_rad, alpha_rad, this.cNb), this.c1);
    const a = this.c0;
    const b = this.c1;
    // Mean specific force in ECI, resolved in the mid-step body axes (average of both ends).
    const fx = (vEci[vo] - this.v0[0]) / dt - gMeanEci[0];
    const fy = (vEci[vo + 1] - this.v0[1]) / dt - gMeanEci[1];
    const fz = (vEci[vo + 2] - this.v0[2]) / dt - gMeanEci[2];
    for (let k = 0; k < 3; k++) {
      this.f[k] =
        0.5 * ((a[k] + b[k]) * fx + (a[3 + k] + b[3 + k]) * fy + (a[6 + k] + b[6 + k]) * fz);
    }
    // Rotation over the step: R = C_ib(0)ᵀ·C_ib(1); rate = rotation vector / dt.
    const r21 = a[2] * b[1] + a[5] * b[4] + a[8] * b[7];
    const r12 = a[1] * b[2] + a[4] * b[5] + a[7] * b[8];
    const r02 = a[0] * b[2] + a[3] * b[5] + a[6] * b[8];
    const r20 = a[2] * b[0] + a[5] * b[3] + a[8] * b[6];
    const r10 = a[1] * b[0] + a[4] * b[3] + a[7] * b[6];
    const r01 = a[0] * b[1] + a[3] * b[4] + a[6] * b[7];
    const tr =
      a[0] * b[0] +
      a[3] * b[3] +
      a[6] * b[6] +
      a[1] * b[1] +
      a[4] * b[4] +
      a[7] * b[7] +
      a[2] * b[2] +
      a[5] * b[5] +
      a[8] * b[8];
    const x = 0.5 * (r21 - r12);
    const y = 0.5 * (r02 - r20);
    const z = 0.5 * (r10 - r01);
    const sinA = Math.sqrt(x * x + y * y + z * z);
    const angle = Math.atan2(sinA, 0.5 * (tr - 1));
    const k = sinA > 1e-12 ? angle / sinA : 1;
    this.w[0] = (x * k) / dt;
    this.w[1] = (y * k) / dt;
    this.w[2] = (z * k) / dt;
  }
}
