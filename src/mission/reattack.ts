/**
 * A notional re-attack after a failed seeker search (issue 17). Public JASSM-ER/LRASM descriptions
 * mention re-attack or retargeting only in general terms; the rules here are an engineering
 * notion, not a published logic:
 * - commit point: the seeker searches down the dive for as long as the missile can still pull out;
 *   with no lock by the time its height above the believed target has fallen to the pull-out
 *   height at the load limit, V²·(1 − cos γ)/(g·(n_max − 1)), plus a 300 m margin, the dive is
 *   aborted (a missile that starts its terminal phase lower than that never re-attacks);
 * - pattern: a level turn-around (bank at 70 % of the limit) climbing back to the terminal-start
 *   height, an outbound leg until the missile is again at the terminal-start range, a turn back
 *   onto the believed target, then a new terminal approach and a second search;
 * - at most one re-attack per flight.
 * The pattern is flown by the real dynamics: its time and fuel are those of the flight.
 */

import { type AttitudeCommand, accelToCommand } from "../vehicle/autopilot.js";
import { G0 } from "../vehicle/missile-forces.js";
import type { FlightLimits } from "../vehicle/missile-params.js";

/** Stages: watching the first dive, turning away, outbound, turning back, done (searching again). */
type Stage = "first" | "away" | "back" | "done";

/** Fraction of the bank limit the pattern's turns use. */
export const REATTACK_BANK_FRACTION = 0.7;
/** Height kept above the pull-out height at the commit point, m. */
export const REATTACK_MARGIN_M = 300;

/** Height (m) lost pulling out of a dive at path angle γ (rad) and airspeed V (m/s) at n_max. */
export function pullOutHeight_m(v_mps: number, gamma_rad: number, maxLoad_g: number): number {
  return ((v_mps * v_mps) / (G0 * (maxLoad_g - 1))) * (1 - Math.cos(Math.min(0, gamma_rad)));
}

/** Wrap an angle to (−π, π]. */
function wrap(a: number): number {
  return a - 2 * Math.PI * Math.round(a / (2 * Math.PI));
}

/** One flight's re-attack logic; allocates nothing per step. */
export class Reattack {
  private stage: Stage = "first";
  private startRange_m = Number.NaN;
  private startHeight_m = Number.NaN;
  private firstHeight_m = Number.NaN;
  /** Time the dive was aborted (s), or null. */
  abortedAt: number | null = null;

  constructor(private readonly lim: FlightLimits) {}

  /** The pattern is flying (the dive aborted, the new approach not yet begun). */
  get flying(): boolean {
    return this.stage === "away" || this.stage === "back";
  }

  /** Whether the re-attack has been used (the dive was aborted once). */
  get used(): boolean {
    return this.abortedAt !== null;
  }

  /**
   * Decide at a terminal step, given the line of sight to the aimpoint rel (NED, m) and whether the
   * seeker has ever locked: returns "abort" the step the dive is aborted, "pattern" while the
   * pattern flies (cmd written), "terminal" when ordinary terminal steering applies.
   */
  step(
    rel: Float64Array,
    locked: boolean,
    vn_mps: number,
    ve_mps: number,
    gamma_rad: number,
    v_mps: number,
    cmd: AttitudeCommand,
  ): "abort" | "pattern" | "terminal" {
    const rh = Math.hypot(rel[0], rel[1]);
    const height = rel[2];
    if (this.stage === "done") return "terminal";
    if (this.stage === "first") {
      if (Number.isNaN(this.startRange_m)) {
        this.startRange_m = rh;
        this.startHeight_m = height;
        this.firstHeight_m = height;
      }
      if (locked) {
        this.stage = "done";
        return "terminal";
      }
      const commit = pullOutHeight_m(v_mps, gamma_rad, this.lim.max_load_g) + REATTACK_MARGIN_M;
      if (height > commit) return "terminal";
      if (Number.isNaN(this.firstHeight_m) || this.firstHeight_m <= commit) {
        // Too low from the start of the terminal phase: no margin to abort.
        this.stage = "done";
        return "terminal";
      }
      this.stage = "away";
      this.abortedAt = 0;
      this.fly(rel, vn_mps, ve_mps, gamma_rad, v_mps, -1, cmd);
      return "abort";
    }
    if (this.stage === "away") {
      const err = this.fly(rel, vn_mps, ve_mps, gamma_rad, v_mps, -1, cmd);
      if (rh >= this.startRange_m && Math.abs(err) < 0.1) this.stage = "back";
      return "pattern";
    }
    const err = this.fly(rel, vn_mps, ve_mps, gamma_rad, v_mps, 1, cmd);
    if (Math.abs(err) < 5 * (Math.PI / 180)) this.stage = "done";
    return "pattern";
  }

  /**
   * Steer toward (sense 1) or away from (sense −1) the aimpoint, turning right at the pattern's
   * bank, and climb or descend to the terminal-start height; returns the heading error (rad).
   */
  private fly(
    rel: Float64Array,
    vn: number,
    ve: number,
    gamma: number,
    v: number,
    sense: 1 | -1,
    cmd: AttitudeCommand,
  ): number {
    const want = Math.atan2(sense * rel[1], sense * rel[0]);
    let err = wrap(want - Math.atan2(ve, vn));
    // Turning away begins as a right turn through the half circle (no dithering near ±π).
    if (sense === -1 && Math.abs(err) > 0.9 * Math.PI) err = Math.abs(err);
    const aTurn = G0 * Math.tan(REATTACK_BANK_FRACTION * this.lim.max_bank_rad);
    // Heading error closed with a 2 s time constant, saturated at the pattern's turn.
    const aRight = Math.max(-aTurn, Math.min(aTurn, (v * err) / 2));
    // Climb back (rel[2] is the height above the aimpoint): path angle from the height error over
    // 10 s of flight, within −6° and +15°, reached with a 2 s time constant.
    const dh = this.startHeight_m - rel[2];
    const gammaWant = Math.max(-0.1, Math.min(0.26, dh / (10 * v)));
    const aUp = (v * (gammaWant - gamma)) / 2;
    accelToCommand(aUp, aRight, gamma, G0, this.lim, cmd);
    return err;
  }
}

/** Radius (m) of the pattern's level turn at airspeed V (m/s) and bank limit (rad): V²/(g·tan φ). */
export function reattackTurnRadius_m(v_mps: number, maxBank_rad: number): number {
  return (v_mps * v_mps) / (G0 * Math.tan(REATTACK_BANK_FRACTION * maxBank_rad));
}
