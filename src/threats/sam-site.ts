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

/**
 * A fraction stored into a numeric field before its real value, so that V8 lays the field out
 * as a double from the first object on. V8 picks a field's representation from the first value
 * stored: a 0 or a whole number of seconds makes it a small-integer field, and the first
 * fractional value written later moves every object of that class to a new layout, which throws
 * away (de-optimises) every compiled function that had met the old one, the world loop look()
 * is inlined into among them, and compiles it again. Storing 0 into a double field afterwards
 * keeps it a double; values and results are unchanged.
 */
export const AS_DOUBLE = 0.5;

/*
 * Fields that change during a run are, for the same reason, written once with a different value
 * of their kind in their constructor before their start value ("written twice" below; the
 * AS_DOUBLE fields already are). V8 treats a field written only once as a constant, and compiled
 * code may rely on that; its first change, at the first detection, shot or kill, well after the
 * world loop was compiled, throws that code away. Written twice, the field is variable from the
 * first object on.
 */

/**
 * A site's parameters read once into one fixed layout with the defaults filled in; engagements
 * read them only through this. The SamSiteParams the scenario code builds spread a preset and
 * add optional keys only when given (engine/world.ts), so sites and runs hand over objects of
 * several hidden classes (V8 maps), with whole or fractional numbers in the same field; code
 * compiled for one of them de-optimises on the next. One class, numbers laid out as doubles,
 * is one map for every site of every run.
 */
export class SamSiteSpec {
  readonly name: string;
  readonly scan_s: number = AS_DOUBLE;
  readonly pfa: number = AS_DOUBLE;
  readonly reaction_s: number = AS_DOUBLE;
  readonly interceptor_speed_mps: number = AS_DOUBLE;
  readonly min_range_m: number = AS_DOUBLE;
  readonly max_range_m: number = AS_DOUBLE;
  readonly min_alt_m: number = AS_DOUBLE;
  readonly max_alt_m: number = AS_DOUBLE;
  readonly pk: number = AS_DOUBLE;
  readonly look_s: number = AS_DOUBLE;
  readonly cued_look_s: number = AS_DOUBLE;
  /** Tracks the fire-control radar holds at once (+∞ when unlimited). */
  readonly track_capacity: number = AS_DOUBLE;
  readonly reload_s: number = AS_DOUBLE;
  /** Counts (whole numbers by the scenario schema). */
  readonly magazine: number;
  readonly fire_channels: number;
  readonly salvo: number;
  readonly ready_rounds: number;
  /** The doctrine is shoot-shoot (else shoot-look-shoot). */
  readonly shootShoot: boolean;
  readonly selection: TargetSelection;

  /** The layout of p, defaults filled in (times s, ranges and heights m, speed m/s). */
  constructor(p: SamSiteParams) {
    const e = p.envelope;
    this.name = p.name;
    this.scan_s = p.radar.scan_s;
    this.pfa = p.radar.pfa;
    this.reaction_s = p.reaction_s;
    this.interceptor_speed_mps = p.interceptor_speed_mps;
    this.min_range_m = e.min_range_m;
    this.max_range_m = e.max_range_m;
    this.min_alt_m = e.min_alt_m;
    this.max_alt_m = e.max_alt_m;
    this.pk = p.pk;
    this.look_s = p.look_s;
    this.cued_look_s = p.cued_look_s;
    this.track_capacity = p.track_capacity ?? Number.POSITIVE_INFINITY;
    this.reload_s = p.reload_s ?? 0;
    this.magazine = p.magazine;
    this.fire_channels = p.fire_channels;
    this.salvo = p.salvo;
    this.ready_rounds = p.ready_rounds ?? p.magazine;
    this.shootShoot = p.doctrine === "shoot-shoot";
    this.selection = p.selection ?? "earliest-intercept";
  }
}

/**
 * Append an event to out. Every event of a site is built here, so all of them share one
 * allocation site and one layout, and the call is warm (type feedback present) before the rare
 * kinds (killed, track_lost) first happen.
 */
export function pushSamEvent(
  out: SamEvent[],
  kind: SamEventKind,
  t_s: number,
  range_m: number,
  count: number,
): void {
  out.push({ kind, t_s, range_m, count });
}
// At load, with fractions: lays the event's time and range out as doubles (see AS_DOUBLE) before
// the first real event, whose time may be a whole number of seconds.
pushSamEvent([], "detected", AS_DOUBLE, AS_DOUBLE, 0);

/**
 * An empty event list whose elements are laid out for objects: an empty literal ([]) starts as
 * a list of small integers and changes layout at its first push, which code compiled for the
 * earlier list (a previous run's) does not expect.
 */
export function samEventList(): SamEvent[] {
  const out: SamEvent[] = [];
  pushSamEvent(out, "detected", AS_DOUBLE, AS_DOUBLE, 0);
  out.length = 0;
  return out;
}

/** One site's engagement of one target. */
export class SamEngagement {
  // Numeric state that becomes fractional starts as a fraction, then 0 in the constructor: see
  // AS_DOUBLE (with useDefineForClassFields off these run first, in this order).
  /** Time in the radar's line of sight (not masked by terrain or the horizon), s. */
  exposure_s = AS_DOUBLE;
  /** Time in sight and inside the range at which a single look detects with Pd ≥ 0.5, s. */
  detectable_s = AS_DOUBLE;
  /** Time in track, s. */
  tracked_s = AS_DOUBLE;
  fired = 0;
  killed = false;
  private state: "search" | "tracked" = "search";
  private engaged = false;
  private nextScan = AS_DOUBLE;
  private misses = 0;
  private cuedAt = AS_DOUBLE;
  /** Arrival times (s) of interceptors in flight; +∞ marks a free slot. */
  private readonly arrivals = new Float64Array(MAX_IN_FLIGHT).fill(Number.POSITIVE_INFINITY);
  private inFlight = 0;
  private nextShotAt = AS_DOUBLE;
  /** Linear SNR for Pd = 0.5 per look. */
  private readonly snrHalf: number = AS_DOUBLE;
  private readonly link: RadarLink;
  /** The site's parameters in their one layout (shared by the site's engagements). */
  readonly spec: SamSiteSpec;

  /** The engagement of a site (spec: its parameters' layout, when the caller shares one). */
  constructor(
    readonly site: SamSiteParams,
    private readonly rng: Rng,
    spec?: SamSiteSpec,
  ) {
    this.exposure_s = 0;
    this.detectable_s = 0;
    this.tracked_s = 0;
    this.nextScan = 0;
    this.nextShotAt = 0;
    this.fireTime_s = 0;
    this.cuedAt = Number.NEGATIVE_INFINITY;
    // Written twice (see above): the start values are those of the declarations.
    this.fired = 1;
    this.fired = 0;
    this.killed = true;
    this.killed = false;
    this.state = "tracked";
    this.state = "search";
    this.engaged = true;
    this.engaged = false;
    this.misses = 1;
    this.misses = 0;
    this.inFlight = 1;
    this.inFlight = 0;
    this.wantsToFire = true;
    this.wantsToFire = false;
    this.trackRefused = true;
    this.trackRefused = false;
    this.refusedDetections = 1;
    this.refusedDetections = 0;
    if (site.fire_channels > MAX_IN_FLIGHT || site.salvo > MAX_IN_FLIGHT) {
      throw new RangeError(`${site.name}: at most ${MAX_IN_FLIGHT} fire channels and salvo`);
    }
    this.snrHalf = Math.log(site.radar.pfa) / Math.log(0.5) - 1;
    this.link = new RadarLink(site.radar);
    this.spec = spec ?? new SamSiteSpec(site);
  }

  /** Is a point at range (m) and height (m) inside the envelope? */
  inEnvelope(range_m: number, height_m: number): boolean {
    const e = this.spec;
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
      const n = Math.min(this.wanted, this.spec.fire_channels, this.spec.magazine - this.fired);
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
  fireTime_s = AS_DOUBLE;

  /** Interceptors the doctrine asks for in the next shot. */
  get wanted(): number {
    return this.spec.shootShoot ? this.spec.salvo - this.inFlight : this.spec.salvo;
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
    pushSamEvent(out, "shot", t, range_m, n);
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
   * Everything but the shot: arrivals, detection, tracking and the fire solution. Returns true
   * once the target is killed; sets wantsToFire when it would shoot now.
   */
  look(t: number, dt: number, obs: SamObservation, out: SamEvent[]): boolean {
    this.wantsToFire = false;
    if (this.killed) return true;
    const site = this.spec;
    const snrNow = obs.visible ? this.link.snr(obs.rcs_m2, obs.range_m) : 0;
    // The clocks advance by dt or by 0 (x + 0 is x), without a branch: a field first written
    // inside a branch taken only after look() was compiled has no type feedback there, and that
    // de-optimises it (and the world loop it is inlined into) when the branch is first taken.
    this.exposure_s += obs.visible ? dt : 0;
    this.detectable_s += obs.visible && snrNow >= this.snrHalf ? dt : 0;
    this.tracked_s += this.state === "tracked" ? dt : 0;

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
          pushSamEvent(out, "killed", t, obs.range_m, 1);
          this.killed = true;
          return true;
        }
        pushSamEvent(out, "survived", t, obs.range_m, 1);
        // Shoot-look-shoot assesses before the next shot; shoot-shoot does not wait.
        if (!site.shootShoot) {
          this.nextShotAt = Math.max(this.nextShotAt, t + site.look_s);
        }
      }
    }

    if (this.state === "search") {
      if (t >= this.nextScan) {
        const cued = this.cuedAt > Number.NEGATIVE_INFINITY;
        this.nextScan = t + (cued ? site.cued_look_s : site.scan_s);
        // The draw is made even when the radar has no free track, so streams stay aligned.
        const seen = obs.visible && this.rng.bernoulli(pdSwerling1(snrNow, site.pfa));
        if (seen && this.trackRefused) this.refusedDetections++;
        if (seen && !this.trackRefused) {
          pushSamEvent(out, "detected", t, obs.range_m, 0);
          this.state = "tracked";
          this.misses = 0;
          this.nextScan = t + site.scan_s;
          // A cue starts the reaction clock early (the battery is already preparing).
          const from = cued ? Math.min(this.cuedAt, t) : t;
          this.nextShotAt = Math.max(this.nextShotAt, from + site.reaction_s);
          pushSamEvent(out, "tracked", t, obs.range_m, 0);
        }
      }
      return false;
    }

    // Tracking: a look every scan; lost out of sight or after too many missed looks.
    if (obs.visible && t >= this.nextScan) {
      this.nextScan = t + site.scan_s;
      this.misses = this.rng.bernoulli(pdSwerling1(snrNow, site.pfa)) ? 0 : this.misses + 1;
    }
    if (!obs.visible || this.misses >= TRACK_DROP_MISSES) {
      this.state = "search";
      this.nextScan = t + site.scan_s;
      pushSamEvent(out, "track_lost", t, obs.range_m, 0);
      return false;
    }
    // A fire solution: the predicted head-on intercept, R/(v + closing) from now, in the envelope.
    const v = site.interceptor_speed_mps;
    const tFly = obs.range_m / Math.max(1, v + obs.closing_mps);
    const rIntercept = obs.range_m - obs.closing_mps * tFly;
    const solution = this.inEnvelope(rIntercept, obs.height_m);
    if (solution && !this.engaged) {
      this.engaged = true;
      pushSamEvent(out, "engaged", t, obs.range_m, 0);
    }
    const ready = site.shootShoot
      ? this.inFlight < site.salvo
      : this.inFlight === 0 && t >= this.nextShotAt;
    if (solution && ready && t >= this.nextShotAt && this.engageable) {
      this.wantsToFire = true;
      this.fireTime_s = tFly;
    }
    return false;
  }
}
