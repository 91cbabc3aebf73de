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
  // Pushing over (lv < 0) banks the other way with negative load. Every operation runs at every
  // call (a sign factor, not a branch of negations; the limits read up front): a branch first
  // taken in a Monte Carlo thread after the flight step was optimised threw its code away.
  // (−1 · x is −x exactly, signed zeros included.)
  const sgn = lv >= 0 ? 1 : -1;
  let bank = Math.atan2(sgn * lh, sgn * lv);
  let n = (sgn * mag) / G0;
  const bmax = lim.max_bank_rad;
  const bmin = -bmax;
  if (bank > bmax) bank = bmax;
  else if (bank < bmin) bank = bmin;
  const nMax = lim.max_load_g;
  const nMin = lim.min_load_g;
  if (n > nMax) n = nMax;
  else if (n < nMin) n = nMin;
  out.bank_rad = bank;
  out.load_g = n;
}

/** Turn radius (m) of a level, coordinated turn at true airspeed V (m/s) and bank φ: V²/(g·tan φ). */
export function turnRadius(v_mps: number, bank_rad: number, g_mps2 = G0): number {
  return (v_mps * v_mps) / (g_mps2 * Math.tan(bank_rad));
}
