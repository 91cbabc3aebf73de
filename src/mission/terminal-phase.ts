/**
 * The terminal phase of a flight with an aimpoint: when it starts, and how the missile steers
 * once it has. Guidance flies the energy-optimal impact-angle law (guidance/terminal.ts) or true
 * proportional navigation on the line of sight to the aimpoint. Without a seeker that line comes
 * from navigation alone; with one, the seeker looks along the true line of sight, and after lock
 * its measured direction replaces the estimated one (a passive seeker gives no range, so the range
 * stays navigation's).
 *
 * One instance per flight; it owns its scratch buffers, so steering allocates nothing per step.
 */

import { RAD_PER_DEG } from "../core/units.js";
import type { AirData } from "../dynamics/air-data.js";
import type { EarthModel } from "../earth/earth-model.js";
import { GEO_H, geodeticToEcef } from "../earth/ellipsoid.js";
import {
  cloudBlocksLineOfSight,
  lwirExtinction_perKm,
} from "../guidance/atmospheric-extinction.js";
import type { LateralCommand } from "../guidance/path-follower.js";
import { newGuidanceCommand3, truePn3 } from "../guidance/proportional-navigation.js";
import { type LockLossReason, newSeekerOutput, type SeekerGeometry } from "../guidance/seeker.js";
import { type TerminalCommand, terminalGuidance } from "../guidance/terminal.js";
import type { NavEstimate } from "../navigation/navigation.js";
import { type AttitudeCommand, accelToCommand } from "../vehicle/autopilot.js";
import { G0 } from "../vehicle/missile-forces.js";
import type { FlightLimits } from "../vehicle/missile-params.js";
import type { MissionEvents } from "./mission-events.js";
import { relativeNed, truthRelativeNed } from "./mission-geometry.js";
import type { AimpointSpec } from "./mission-params.js";
import type { SeekerAtImpact, TerminalSensor } from "./mission-result.js";
import { Reattack } from "./reattack.js";
import type { TargetEngagement } from "./target-engagement.js";

/** Why a lock was lost, in words (the seeker's LockLossReason). */
const LOSS_WORDS: Readonly<Record<LockLossReason, string>> = {
  none: "no reason",
  gimbal: "the target passed the gimbal limit",
  fov: "the target left the field of view",
  range: "the target was beyond tracking range",
  cloud: "cloud blocked the line of sight",
  random: "random loss",
};

/**
 * Where terminal guidance starts by default (m of horizontal range): far enough that the dive
 * needs at most half the spare load factor — the impact-angle law asks about 6·V²·sin γf / R
 * of a level missile at range R — and no nearer than the point where the line of sight already
 * lies at the impact angle; plus two seconds of flight, within 3 to 30 km.
 */
export function terminalStartRange(
  height_m: number,
  v_mps: number,
  impact_rad: number,
  maxLoad_g: number,
): number {
  const spare = 0.5 * (maxLoad_g - 1) * G0;
  const byLoad = (6 * v_mps * v_mps * Math.sin(impact_rad)) / spare;
  const byGeometry = (1.3 * Math.max(height_m, 0)) / Math.tan(impact_rad);
  return Math.min(30_000, Math.max(3000, byLoad, byGeometry) + 2 * v_mps);
}

/** The aimpoint, the switch into the terminal phase, and terminal steering with or without a seeker. */
export class TerminalPhase {
  /** The aimpoint, ECEF, m. */
  readonly aim = new Float64Array(3);
  /** First seeker lock: time (s) and range to the target (m); null until then. */
  lockAt: number | null = null;
  lockRange: number | null = null;
  /** The seeker has locked at least once. */
  everLocked = false;
  /** The last lock ended inside the blind range, where homing had ended anyway. */
  private lostInBlindRange = false;
  /** Line of sight to the aimpoint, local NED, m: estimated, then measured in direction after lock. */
  private readonly rel = new Float64Array(3);
  private readonly trueRel = new Float64Array(3);
  private readonly seekerOut = newSeekerOutput();
  private readonly geom: SeekerGeometry;
  private readonly pn = newGuidanceCommand3();
  private readonly term: TerminalCommand = { a_up: 0, a_right: 0, tgo_s: 0, range_m: 0 };
  /** The notional re-attack after a failed search (reattack.ts); null when not allowed. */
  readonly reattack: Reattack | null;

  /**
   * `pathLength_m` is the route's length (m) and `step_s` the midcourse step (s): the phase starts
   * only on the final leg, judged with two steps of margin.
   */
  constructor(
    earth: EarthModel,
    private readonly spec: AimpointSpec,
    private readonly lim: FlightLimits,
    private readonly pathLength_m: number,
    private readonly step_s: number,
    private readonly sensor: TerminalSensor | null,
    private readonly events: MissionEvents,
    /** A target that moves or is not known exactly; null: a fixed target at the aimpoint. */
    readonly engagement: TargetEngagement | null = null,
  ) {
    geodeticToEcef(
      earth.ellipsoid,
      spec.lat_deg * RAD_PER_DEG,
      spec.lon_deg * RAD_PER_DEG,
      spec.alt_m,
      this.aim,
      0,
    );
    if (engagement) this.aim.set(engagement.believedEcef);
    this.reattack = spec.reattack && sensor ? new Reattack(lim) : null;
    this.geom = {
      los_n_m: 0,
      los_e_m: 0,
      los_d_m: 0,
      vel_n_mps: 0,
      vel_e_mps: 0,
      vel_d_mps: 0,
      navErr_n_m: 0,
      navErr_e_m: 0,
      navErr_d_m: 0,
      extinction_perKm: sensor ? lwirExtinction_perKm(sensor.weather) : 0,
      cloudBlocked: false,
    };
  }

  /**
   * Take any target update due at time t (s) with the missile at `truth`: the aimpoint moves to
   * the new believed position. Nothing for a fixed target known exactly.
   */
  follow(t: number, truth: AirData): void {
    const e = this.engagement;
    if (e?.poll(t, truth, this.events)) this.aim.set(e.believedEcef);
  }

  /** The aimpoint relative to the estimated position, local NED (m); valid until the next call. */
  lineOfSight(est: NavEstimate): Float64Array {
    return relativeNed(est, this.aim, this.rel);
  }

  /**
   * Whether terminal guidance starts now, from the horizontal range to go of the line of sight
   * last set by lineOfSight(), the estimated height, the airspeed and the distance flown along
   * the route (lat.along_m). Takes the objects, not their numbers: doubles passed to a call that
   * is not inlined are boxed on the heap, every step.
   */
  starts(est: NavEstimate, truth: AirData, lat: LateralCommand): boolean {
    const spec = this.spec;
    const r = this.rel;
    const rangeToGo_m = Math.sqrt(r[0] * r[0] + r[1] * r[1]);
    const v_mps = truth.airspeed_mps;
    const along_m = lat.along_m;
    const height = est.alt_m - spec.alt_m;
    // The default start is never beyond 30 km plus two seconds. It is worked out at every step
    // (a sine and a tangent) although it matters only near: called first near the target, in a
    // Monte Carlo thread, it threw away the optimised flight step that inlined this test.
    const byFormula = terminalStartRange(height, v_mps, spec.impact_rad, this.lim.max_load_g);
    const startRange = spec.terminalRange_m ?? (rangeToGo_m < 31_000 ? byFormula : 0);
    // A route that passes near the aimpoint early must not trigger the dive before its last leg.
    const onFinalLeg = along_m >= this.pathLength_m - startRange - 2 * this.step_s * v_mps - 1;
    return rangeToGo_m <= startRange && onFinalLeg;
  }

  /** The seeker's state at the end of the flight (SeekerAtImpact in mission-result.ts). */
  seekerAtImpact(): SeekerAtImpact {
    const sensor = this.sensor;
    if (!sensor) return "no seeker";
    // Inside the blind range the seeker measures nothing: a lock held that far is homing done.
    if (sensor.seeker.isLocked)
      return this.seekerOut.range_m < sensor.seeker.params.blindRange_m
        ? "locked (blind range)"
        : "locked";
    if (!this.everLocked) return "never locked";
    return this.lostInBlindRange ? "locked (blind range)" : "lost";
  }

  /**
   * Steer one terminal step at time t (s): run the seeker (if any) and the terminal law on the
   * line of sight last set by lineOfSight(), writing the autopilot command for the flight-path
   * angle gamma (rad) into cmd.
   */
  steer(t: number, est: NavEstimate, truth: AirData, gamma: number, cmd: AttitudeCommand): void {
    const r = this.rel;
    const sensor = this.sensor;
    const ra = this.reattack;
    const vEst = Math.sqrt(est.vn_mps ** 2 + est.ve_mps ** 2 + est.vd_mps ** 2);
    if (ra?.flying) {
      // The seeker rests while the pattern flies; it searches again on the new approach.
      ra.step(r, this.everLocked, est.vn_mps, est.ve_mps, gamma, vEst, cmd);
      return;
    }
    if (sensor) {
      // Truth for the seeker's physics; the estimate for where it points before lock.
      const geom = this.geom;
      const seekerOut = this.seekerOut;
      const target = this.engagement ? this.engagement.trueEcef(t) : this.aim;
      const tr = truthRelativeNed(truth, target, this.trueRel);
      geom.los_n_m = tr[0];
      geom.los_e_m = tr[1];
      geom.los_d_m = tr[2];
      geom.vel_n_mps = truth.vNed[0];
      geom.vel_e_mps = truth.vNed[1];
      geom.vel_d_mps = truth.vNed[2];
      geom.navErr_n_m = r[0] - tr[0];
      geom.navErr_e_m = r[1] - tr[1];
      geom.navErr_d_m = r[2] - tr[2];
      geom.cloudBlocked = cloudBlocksLineOfSight(truth.geo[GEO_H], this.spec.alt_m, sensor.weather);
      sensor.seeker.update(t, geom, seekerOut);
      if (seekerOut.event === "acquired") {
        this.everLocked = true;
        this.lostInBlindRange = false;
        const first = this.lockAt === null;
        if (first) {
          this.lockAt = t;
          this.lockRange = seekerOut.range_m;
        }
        const acq = first && this.engagement ? this.engagement.acquired(t, truth) : null;
        this.events.at(t, "seeker_lock", `seeker locked on at ${seekerOut.range_m.toFixed(0)} m`, {
          range_m: seekerOut.range_m,
          acquisition_range_m: seekerOut.acqRange_m,
          ...(acq
            ? {
                true_lat_deg: acq.true_lat_deg,
                true_lon_deg: acq.true_lon_deg,
                believed_lat_deg: acq.believed_lat_deg,
                believed_lon_deg: acq.believed_lon_deg,
                believed_error_m: acq.believed_error_m,
                footprint_radius_m: acq.footprint_radius_m,
              }
            : {}),
        });
      } else if (seekerOut.event === "lost") {
        const blind = sensor.seeker.params.blindRange_m;
        this.lostInBlindRange = seekerOut.range_m < blind;
        const why = LOSS_WORDS[seekerOut.lossReason];
        const at = `${seekerOut.range_m.toFixed(seekerOut.range_m < 10 ? 1 : 0)} m`;
        this.events.at(
          t,
          "seeker_lost",
          this.lostInBlindRange
            ? `inside its ${blind.toFixed(0)} m blind range, ${at} out, the seeker's fixed pointing lost the target (${why}); guidance was already holding the last measurement`
            : `seeker lost lock ${at} out (${why})`,
          { range_m: seekerOut.range_m, blind_range_m: blind },
        );
      }
      if (seekerOut.locked) {
        // A passive seeker gives the direction; navigation gives the range.
        const rr = Math.sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
        r[0] = rr * seekerOut.u_n;
        r[1] = rr * seekerOut.u_e;
        r[2] = rr * seekerOut.u_d;
      }
    }
    if (ra && ra.step(r, this.everLocked, est.vn_mps, est.ve_mps, gamma, vEst, cmd) === "abort") {
      ra.abortedAt = t;
      const rh = Math.hypot(r[0], r[1]);
      this.events.at(
        t,
        "reattack",
        `no seeker lock by ${(rh / 1000).toFixed(2)} km from the believed target: dive aborted for one re-attack (reason: no_lock)`,
        { range_m: rh, height_m: r[2] },
      );
      return;
    }
    if (this.spec.law === "pn") {
      // True PN on the (measured or estimated) line of sight; the command split into the
      // velocity's up-normal and horizontal-right components the autopilot takes.
      const pn = this.pn;
      truePn3(r[0], r[1], r[2], -est.vn_mps, -est.ve_mps, -est.vd_mps, 4, 1e9, pn);
      const vv = Math.sqrt(est.vn_mps ** 2 + est.ve_mps ** 2 + est.vd_mps ** 2) || 1;
      const hv = Math.sqrt(est.vn_mps ** 2 + est.ve_mps ** 2) || 1;
      const rn = -est.ve_mps / hv;
      const re = est.vn_mps / hv;
      // up = right × v̂ in NED.
      const un = (re * est.vd_mps) / vv;
      const ue = (-rn * est.vd_mps) / vv;
      const ud = (rn * est.ve_mps - re * est.vn_mps) / vv;
      accelToCommand(
        pn.a_n * un + pn.a_e * ue + pn.a_d * ud,
        pn.a_n * rn + pn.a_e * re,
        gamma,
        G0,
        this.lim,
        cmd,
      );
    } else {
      const term = this.term;
      terminalGuidance(
        r[0],
        r[1],
        r[2],
        est.vn_mps,
        est.ve_mps,
        est.vd_mps,
        this.spec.impact_rad,
        term,
      );
      accelToCommand(term.a_up, term.a_right, gamma, G0, this.lim, cmd);
    }
  }
}
