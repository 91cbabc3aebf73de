/**
 * A surface-to-air missile site's engagement of one target, as a state machine evaluated at the
 * threat-update rate:
 *
 *   search → detected (per-scan Swerling-1 draw while in line of sight, or a cue from a search
 *   radar of the same network, which shortens the wait between looks) → tracked (the fire-control
 *   radar keeps looking every scan; the track drops when the target leaves its sight or after
 *   three missed looks in a row, the usual M-of-N track-maintenance rule) → engaged once a fire solution exists: the predicted
 *   intercept lies inside the envelope → shot after the reaction time, a salvo of up to `salvo`
 *   interceptors limited by free fire channels and the magazine → each interceptor arrives after
 *   its fly-out at an average speed and kills with probability Pk if the site still tracks the
 *   target and it is inside the envelope → otherwise the target survives the shot and, shoot-look-shoot, the
 *   site looks for `look_s` before firing again.
 *
 * All randomness comes from the site's own Rng stream. The site knows no more than a radar
 * would: range, height, closing speed and whether it can see the target.
 */

import type { Rng } from "../core/rng.js";
import { pdSwerling1, RadarLink, type RadarParams } from "./radar.js";

/** Engagement envelope of the interceptor (heights above the ground under the target). */
export interface SamEnvelope {
  readonly min_range_m: number;
  readonly max_range_m: number;
  readonly min_alt_m: number;
  readonly max_alt_m: number;
}

/** A notional SAM site's parameters. */
export interface SamSiteParams {
  readonly name: string;
  /** The site's own acquisition and fire-control radar. */
  readonly radar: RadarParams;
  /** Detection (or cue) to first launch, s. */
  readonly reaction_s: number;
  /** Average interceptor speed over its fly-out, m/s. */
  readonly interceptor_speed_mps: number;
  readonly envelope: SamEnvelope;
  /** Probability of kill per interceptor. */
  readonly pk: number;
  /** Interceptors ready. */
  readonly magazine: number;
  /** Interceptors the site can guide at once. */
  readonly fire_channels: number;
  /** Interceptors fired together at one target per shot. */
  readonly salvo: number;
  /** Time to assess a shot before firing again, s. */
  readonly look_s: number;
  /** Time between looks of the fire-control radar when cued by a search radar, s. */
  readonly cued_look_s: number;
  /**
   * Firing doctrine (default shoot-look-shoot): "shoot-look-shoot" fires `salvo` interceptors
   * together and waits for them to arrive plus `look_s` before shooting at that target again;
   * "shoot-shoot" keeps up to `salvo` interceptors in the air at a target, firing the next as soon
   * as a fire channel is free, without assessing.
   */
  readonly doctrine?: SamDoctrine;
  /** Which waiting target gets a free fire channel first (default earliest-intercept). */
  readonly selection?: TargetSelection;
  /** Targets the fire-control radar can hold in track at once (default unlimited). */
  readonly track_capacity?: number;
  /** Interceptors on the launchers, ready to fire (default: the whole magazine). */
  readonly ready_rounds?: number;
  /** Time to reload one launcher rail from the reserve, s (default 0). */
  readonly reload_s?: number;
}

/** A site's firing doctrine. */
export type SamDoctrine = "shoot-look-shoot" | "shoot-shoot";
/** A site's target-selection rule when targets wait for fire channels. */
export type TargetSelection = "earliest-intercept" | "nearest" | "highest-threat";

/** What the site saw this update (written by the caller). */
export interface SamObservation {
  /** Slant range to the target, m; target height above the ground beneath it, m. */
  range_m: number;
  height_m: number;
  /** Target RCS seen from the site, m². */
  rcs_m2: number;
  /** Line of sight from the antenna to the target. */
  visible: boolean;
  /** Closing speed (positive when approaching), m/s, for intercept prediction. */
  closing_mps: number;
}

/** Events a site reports. */
export type SamEventKind =
  | "cued"
  | "detected"
  | "tracked"
  | "track_lost"
  | "engaged"
  | "shot"
  | "killed"
  | "survived"
  | "wasted";

/** An engagement event. */
export interface SamEvent {
  readonly kind: SamEventKind;
  readonly t_s: number;
  readonly range_m: number;
  /** Interceptors involved (shots), else 0. */
  readonly count: number;
}

/** Largest number of interceptors one engagement can have in the air (a preallocation bound). */
const MAX_IN_FLIGHT = 16;
/** Consecutive missed looks that drop a track. */
export const TRACK_DROP_MISSES = 3;

/** One site's engagement of one target. */
export class SamEngagement {
  /** Time in the radar's line of sight (not masked by terrain or the horizon), s. */
  exposure_s = 0;
  /** Time in sight and inside the range at which a single look detects with Pd ≥ 0.5, s. */
  detectable_s = 0;
  /** Time in track, s. */
  tracked_s = 0;
  fired = 0;
  killed = false;
  private state: "search" | "tracked" = "search";
  private engaged = false;
  private nextScan = 0;
  private misses = 0;
  private cuedAt = Number.NEGATIVE_INFINITY;
  /** Arrival times (s) of interceptors in flight; +∞ marks a free slot. */
  private readonly arrivals = new Float64Array(MAX_IN_FLIGHT).fill(Number.POSITIVE_INFINITY);
  private inFlight = 0;
  private nextShotAt = 0;
  /** Linear SNR for Pd = 0.5 per look. */
  private readonly snrHalf: number;
  private readonly link: RadarLink;

  constructor(
    readonly site: SamSiteParams,
    private readonly rng: Rng,
  ) {
    if (site.fire_channels > MAX_IN_FLIGHT || site.salvo > MAX_IN_FLIGHT) {
      throw new RangeError(`${site.name}: at most ${MAX_IN_FLIGHT} fire channels and salvo`);
    }
    this.snrHalf = Math.log(site.radar.pfa) / Math.log(0.5) - 1;
    this.link = new RadarLink(site.radar);
  }

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

  /** A search radar of the network holds the target: look again soon, and prepare to fire. */
  cue(t: number): boolean {
    if (this.killed || this.cuedAt > Number.NEGATIVE_INFINITY) return false;
    this.cuedAt = t;
    this.nextScan = Math.min(this.nextScan, t);
    return true;
  }

  /** Is the site still tracking? */
  get tracking(): boolean {
    return this.state === "tracked";
  }

  /** Interceptors in the air at this target. */
  get interceptorsInFlight(): number {
    return this.inFlight;
  }

  /**
   * Advance to time t (s) over dt (s) with this update's observation, firing from the site's own
   * fire channels and magazine; push its events into out. Returns true once the target is killed.
   * (A site shared among targets calls look() and fire() itself: threats/defence-network.ts.)
   */
  update(t: number, dt: number, obs: SamObservation, out: SamEvent[]): boolean {
    if (this.look(t, dt, obs, out)) return true;
    if (this.wantsToFire) {
      const n = Math.min(this.wanted, this.site.fire_channels, this.site.magazine - this.fired);
      if (n > 0) this.fire(t, n, obs.range_m, out);
    }
    return false;
  }

  /**
   * Set by look(): a fire solution exists and the doctrine allows a shot now (with the predicted
   * fly-out in fireTime_s); the site decides whether it has a channel and a round.
   */
  wantsToFire = false;
  /** Fly-out time of a shot now, s (valid when wantsToFire). */
  fireTime_s = 0;

  /** Interceptors the doctrine asks for in the next shot. */
  get wanted(): number {
    return this.site.doctrine === "shoot-shoot" ? this.site.salvo - this.inFlight : this.site.salvo;
  }

  /** Launch n interceptors now (t, s) at the target at range_m; they arrive after fireTime_s. */
  fire(t: number, n: number, range_m: number, out: SamEvent[]): void {
    for (let k = 0, placed = 0; k < MAX_IN_FLIGHT && placed < n; k++) {
      if (this.arrivals[k] !== Number.POSITIVE_INFINITY) continue;
      this.arrivals[k] = t + this.fireTime_s;
      placed++;
    }
    this.inFlight += n;
    this.fired += n;
    out.push({ kind: "shot", t_s: t, range_m, count: n });
  }

  /** The target left (killed elsewhere, or arrived): interceptors still flying at it are wasted. */
  abandon(): number {
    const n = this.inFlight;
    this.arrivals.fill(Number.POSITIVE_INFINITY);
    this.inFlight = 0;
    this.wantsToFire = false;
    return n;
  }

  /** Refuse a detection for lack of track capacity (set by the site before look()). */
  trackRefused = false;
  /** Detections refused for lack of a free track since the site last read this. */
  refusedDetections = 0;
  /** False when the site can tell the target is a decoy: it tracks it but never fires at it. */
  engageable = true;

  /**
   * look() for a target provably out of sight (beyond the radar horizon) while the site neither
   * tracks it nor has interceptors flying at it: then look() draws nothing, reports nothing and
   * accrues no time, and only the scan clock moves. Callers check those two conditions.
   */
  lookUnseen(t: number): void {
    this.wantsToFire = false;
    if (this.killed || this.state !== "search" || this.inFlight > 0) {
      throw new Error(`${this.site.name}: lookUnseen on a pair in track or with interceptors`);
    }
    if (t >= this.nextScan) {
      const cued = this.cuedAt > Number.NEGATIVE_INFINITY;
      this.nextScan = t + (cued ? this.site.cued_look_s : this.site.radar.scan_s);
    }
  }

  /**
   * Everything but the shot: arrivals, detection, tracking and the fire solution. Returns true
   * once the target is killed; sets wantsToFire when it would shoot now.
   */
  look(t: number, dt: number, obs: SamObservation, out: SamEvent[]): boolean {
    this.wantsToFire = false;
    if (this.killed) return true;
    const site = this.site;
    const radar = site.radar;
    const snrNow = obs.visible ? this.link.snr(obs.rcs_m2, obs.range_m) : 0;
    if (obs.visible) this.exposure_s += dt;
    if (obs.visible && snrNow >= this.snrHalf) this.detectable_s += dt;
    if (this.state === "tracked") this.tracked_s += dt;

    // Interceptors in flight arrive.
    if (this.inFlight > 0) {
      for (let k = 0; k < MAX_IN_FLIGHT; k++) {
        if (!(t >= this.arrivals[k])) continue;
        this.arrivals[k] = Number.POSITIVE_INFINITY;
        this.inFlight--;
        // The fire-control radar guides the interceptor to the end: no track, no kill.
        const hit =
          this.state === "tracked" &&
          obs.visible &&
          this.inEnvelope(obs.range_m, obs.height_m) &&
          this.rng.bernoulli(site.pk);
        if (hit) {
          out.push({ kind: "killed", t_s: t, range_m: obs.range_m, count: 1 });
          this.killed = true;
          return true;
        }
        out.push({ kind: "survived", t_s: t, range_m: obs.range_m, count: 1 });
        // Shoot-look-shoot assesses before the next shot; shoot-shoot does not wait.
        if (site.doctrine !== "shoot-shoot") {
          this.nextShotAt = Math.max(this.nextShotAt, t + site.look_s);
        }
      }
    }

    if (this.state === "search") {
      if (t >= this.nextScan) {
        const cued = this.cuedAt > Number.NEGATIVE_INFINITY;
        this.nextScan = t + (cued ? site.cued_look_s : radar.scan_s);
        // The draw is made even when the radar has no free track, so streams stay aligned.
        const seen = obs.visible && this.rng.bernoulli(pdSwerling1(snrNow, radar.pfa));
        if (seen && this.trackRefused) this.refusedDetections++;
        if (seen && !this.trackRefused) {
          out.push({ kind: "detected", t_s: t, range_m: obs.range_m, count: 0 });
          this.state = "tracked";
          this.misses = 0;
          this.nextScan = t + radar.scan_s;
          // A cue starts the reaction clock early (the battery is already preparing).
          const from = cued ? Math.min(this.cuedAt, t) : t;
          this.nextShotAt = Math.max(this.nextShotAt, from + site.reaction_s);
          out.push({ kind: "tracked", t_s: t, range_m: obs.range_m, count: 0 });
        }
      }
      return false;
    }

    // Tracking: a look every scan; lost out of sight or after too many missed looks.
    if (obs.visible && t >= this.nextScan) {
      this.nextScan = t + radar.scan_s;
      this.misses = this.rng.bernoulli(pdSwerling1(snrNow, radar.pfa)) ? 0 : this.misses + 1;
    }
    if (!obs.visible || this.misses >= TRACK_DROP_MISSES) {
      this.state = "search";
      this.nextScan = t + radar.scan_s;
      out.push({ kind: "track_lost", t_s: t, range_m: obs.range_m, count: 0 });
      return false;
    }
    // A fire solution: the predicted head-on intercept, R/(v + closing) from now, in the envelope.
    const v = site.interceptor_speed_mps;
    const tFly = obs.range_m / Math.max(1, v + obs.closing_mps);
    const rIntercept = obs.range_m - obs.closing_mps * tFly;
    const solution = this.inEnvelope(rIntercept, obs.height_m);
    if (solution && !this.engaged) {
      this.engaged = true;
      out.push({ kind: "engaged", t_s: t, range_m: obs.range_m, count: 0 });
    }
    const ready =
      this.site.doctrine === "shoot-shoot"
        ? this.inFlight < site.salvo
        : this.inFlight === 0 && t >= this.nextShotAt;
    if (solution && ready && t >= this.nextShotAt && this.engageable) {
      this.wantsToFire = true;
      this.fireTime_s = tFly;
    }
    return false;
  }
}
