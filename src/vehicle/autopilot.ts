/**
 * The autopilot's outer mapping for a bank-to-turn airframe: from the accelerations guidance asks
 * for (normal to the velocity: vertical-plane and horizontal components) to bank-angle and
 * load-factor commands, within the airframe's limits. The inner loops are the first-order lags in
 * MissileForces.
 */

import { G0 } from "./missile-forces.js";
import type { FlightLimits } from "./missile-params.js";

/** Commands produced by the autopilot (written in place). */
export interface AttitudeCommand {
  bank_rad: number;
  load_g: number;
}

/**
 * Bank and load-factor commands for a desired normal acceleration: a_up (m/s², in the vertical
 * plane, positive = flight path curving up) and a_right (m/s², horizontal, positive = turning
 * right), at flight-path angle γ (rad) under gravity g (m/s²). Lift must also carry g·cos γ.
 * Negative load factors keep |bank| < 90° instead of rolling inverted.
 */
export function accelToCommand(
  a_up: number,
  a_right: number,
  gamma_rad: number,
  g_mps2: number,
  lim: FlightLimits,
  out: AttitudeCommand,
): void {
  const lv = a_up + g_mps2 * Math.cos(gamma_rad);
  const lh = a_right;
  const mag = Math.sqrt(lv * lv + lh * lh);
  let bank: number;
  let n: number;
  if (lv >= 0) {
    bank = Math.atan2(lh, lv);
    n = mag / G0;
  } else {
    bank = Math.atan2(-lh, -lv);
    n = -mag / G0;
  }
  const bmax = lim.max_bank_rad;
  if (bank > bmax) bank = bmax;
  else if (bank < -bmax) bank = -bmax;
  if (n > lim.max_load_g) n = lim.max_load_g;
  else if (n < lim.min_load_g) n = lim.min_load_g;
  out.bank_rad = bank;
  out.load_g = n;
}

/** Turn radius (m) of a level, coordinated turn at true airspeed V (m/s) and bank φ: V²/(g·tan φ). */
export function turnRadius(v_mps: number, bank_rad: number, g_mps2 = G0): number {
  return (v_mps * v_mps) / (g_mps2 * Math.tan(bank_rad));
}
