/**
 * A surface-to-air missile site's engagement of one target, as a state machine evaluated at the
 * threat-update rate:
 *
 *   search → detected (per-scan Swerling-1 draw while in line of sight) → tracked (fire-control
 *   radar holds it) → launch after the reaction time, if the predicted intercept lies inside the
 *   envelope and a fire channel and a missile are free → interceptor flies out at its average
 *   speed → at intercept, kill with probability Pk if the target is still inside the envelope and
 *   in sight; otherwise (or on a miss) look again and, shoot-look-shoot, fire again.
 *
 * All randomness comes from the site's own Rng stream. The site does not know the truth beyond
 * what a radar would: range, height and whether it can see the target.
 */

import type { Rng } from "../core/rng.js";
import { pdSwerling1, type RadarParams, snr } from "./radar.js";

/** Engagement envelope of the interceptor. */
export interface SamEnvelope {
  readonly min_range_m: number;
  readonly max_range_m: number;
  readonly min_alt_m: number;
  readonly max_alt_m: number;
}

/** A notional SAM site's parameters. */
export interface SamSiteParams {
  readonly name: string;
  readonly radar: RadarParams;
  /** Detection to launch, s. */
  readonly reaction_s: number;
  /** Average interceptor speed over its fly-out, m/s. */
  readonly interceptor_speed_mps: number;
  readonly envelope: SamEnvelope;
  /** Probability of kill per interceptor. */
  readonly pk: number;
  /** Interceptors ready. */
  readonly magazine: number;
  /** Time to assess a shot before firing again, s. */
  readonly look_s: number;
}

/** What the site saw this update (written by the caller). */
export interface SamObservation {
  /** Slant range to the target, m; target height above the site's ground, m. */
  range_m: number;
  height_m: number;
  /** Target RCS seen from the site, m². */
  rcs_m2: number;
  /** Line of sight from the antenna to the target. */
  visible: boolean;
  /** Closing speed (positive when approaching), m/s, for intercept prediction. */
  closing_mps: number;
}

/** Events a site reports, with what happened. */
export type SamEventKind = "detected" | "tracked" | "lost" | "launch" | "kill" | "miss";

/** An engagement event. */
export interface SamEvent {
  readonly kind: SamEventKind;
  readonly t_s: number;
  readonly range_m: number;
}

/** One site's engagement of one target. */
export class SamEngagement {
  /** Time the target has been in detection range and sight, s (exposure). */
  exposure_s = 0;
  fired = 0;
  killed = false;
  private state: "search" | "tracked" = "search";
  private nextScan = 0;
  /** Pending interceptor: impact time (s), or +∞. */
  private interceptAt = Number.POSITIVE_INFINITY;
  private nextShotAt = 0;

  constructor(
    readonly site: SamSiteParams,
    private readonly rng: Rng,
  ) {}

  /** Is a point at range (m) and height (m) inside the envelope? */
  inEnvelope(range_m: number, height_m: number): boolean {
    const e = this.site.envelope;
    return (
      range_m >= e.min_range_m &&
      range_m <= e.max_range_m &&
      height_m >= e.min_alt_m &&
      height_m <= e.max_alt_m
    );
  }

  /**
   * Advance to time t (s) over dt (s) with this update's observation; push any events into out.
   * Returns true once the target is killed.
   */
  update(t: number, dt: number, obs: SamObservation, out: SamEvent[]): boolean {
    if (this.killed) return true;
    const site = this.site;
    const radar = site.radar;
    if (obs.visible) this.exposure_s += dt;

    // An interceptor in flight arrives.
    if (t >= this.interceptAt) {
      this.interceptAt = Number.POSITIVE_INFINITY;
      const hit =
        obs.visible && this.inEnvelope(obs.range_m, obs.height_m) && this.rng.bernoulli(site.pk);
      out.push({ kind: hit ? "kill" : "miss", t_s: t, range_m: obs.range_m });
      if (hit) {
        this.killed = true;
        return true;
      }
      this.nextShotAt = t + site.look_s;
    }

    if (this.state === "search") {
      if (t >= this.nextScan) {
        this.nextScan = t + radar.scan_s;
        if (
          obs.visible &&
          this.rng.bernoulli(pdSwerling1(snr(radar, obs.rcs_m2, obs.range_m), radar.pfa))
        ) {
          out.push({ kind: "detected", t_s: t, range_m: obs.range_m });
          this.state = "tracked";
          this.nextShotAt = Math.max(this.nextShotAt, t + site.reaction_s);
          out.push({ kind: "tracked", t_s: t, range_m: obs.range_m });
        }
      }
      return false;
    }

    // Tracking: lost when out of sight.
    if (!obs.visible) {
      this.state = "search";
      out.push({ kind: "lost", t_s: t, range_m: obs.range_m });
      return false;
    }
    // Fire when ready and the predicted intercept lies inside the envelope.
    if (
      t >= this.nextShotAt &&
      this.interceptAt === Number.POSITIVE_INFINITY &&
      this.fired < site.magazine
    ) {
      const v = site.interceptor_speed_mps;
      // Head-on closure: the interceptor and target meet after R/(v + closing).
      const tFly = obs.range_m / Math.max(1, v + obs.closing_mps);
      const rIntercept = obs.range_m - obs.closing_mps * tFly;
      if (this.inEnvelope(rIntercept, obs.height_m)) {
        this.fired++;
        this.interceptAt = t + tFly;
        out.push({ kind: "launch", t_s: t, range_m: obs.range_m });
      }
    }
    return false;
  }
}
