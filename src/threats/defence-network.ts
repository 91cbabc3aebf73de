/**
 * A notional integrated air defence against many flyers at once (missiles, decoys, aircraft):
 * search radars that cue the SAM sites of their network after a stated latency, and SAM sites
 * whose fire-control radar, fire channels, magazine and launchers are shared among every target.
 * Because those are shared, the defence can be saturated: tracks refused at capacity, targets
 * waiting for a channel or a ready round, a magazine run dry.
 *
 * Each update, in order: every search radar looks at every flyer; then every SAM site (1) looks
 * at every flyer (interceptors arriving, detection, tracking, fire solution: sam-site.ts, one
 * SamEngagement per site and flyer) and (2) gives its free channels and ready rounds to the
 * targets that want a shot, in the order of its selection rule. A flyer killed leaves at once;
 * interceptors still flying at a flyer that left are wasted (counted per site).
 *
 * Randomness: each (site, flyer) pair draws from its own stream, flyer 0 from the site's stream
 * itself, so a one-flyer defence draws exactly what the one-target defence always drew, and the
 * order flyers are processed in never changes another pair's draws.
 *
 * Cost: per update O(flyers × sites), each pair at most once. A pair first meets a gate of about
 * ten flops (horizon-gate.ts): a flyer provably beyond the site's 4/3-Earth radar horizon, when the
 * site neither tracks it nor has interceptors flying at it, is out of the site's sight without the
 * line-of-sight lookup, aspect and RCS (a SAM site's look out of sight then only advances the
 * pair's scan clock; a search radar's pair only advances it). The gate never changes a result; `gating = false` turns it off so tests
 * can compare, and `stats` counts evaluated and gated pairs. A site that cannot see a flyer
 * (viewshed lookup, or the smooth-Earth horizon beyond the map) still skips the aspect and RCS.
 */

import type { Rng } from "../core/rng.js";
import { type Ellipsoid, geodeticToEcef } from "../earth/ellipsoid.js";
import type { ElevationGrid } from "../terrain/elevation-grid.js";
import { SiteVisibility, type ViewshedCache } from "../terrain/site-visibility.js";
import { networkEvent, SamState, SearchPair } from "./defence-state.js";
import type {
  AirDefenceParams,
  NetworkEvent,
  PlacedSearchRadar,
  SiteSummary,
  SiteTotals,
  ThreatEvent,
  ThreatTarget,
} from "./defence-types.js";
import { flyerHorizon_m, HorizonGate } from "./horizon-gate.js";
import { pdSwerling1, RadarLink, snrForPdSwerling1 } from "./radar.js";
import type { RcsTable } from "./rcs.js";
import {
  SamEngagement,
  type SamEvent,
  SamSiteSpec,
  samEventList,
  TRACK_DROP_MISSES,
} from "./sam-site.js";
import { observeFlyer, type Sensor } from "./sensor-view.js";

const DEG = 180 / Math.PI;

export { networkEventList } from "./defence-state.js";
export type { NetworkEvent } from "./defence-types.js";

/** A search radar. */
interface SearchState {
  readonly p: PlacedSearchRadar;
  readonly sensor: Sensor;
  readonly rng: Rng;
  readonly snrHalf: number;
  readonly link: RadarLink;
  readonly capacity: number;
  holds: number;
  readonly pairs: SearchPair[];
  /** The SAM sites of its network, in order: the ones its tracks cue. */
  readonly cues: Int32Array;
}

/** A flyer as the defence knows it. */
interface FlyerState {
  readonly rcs: RcsTable;
  alive: boolean;
  killer: number;
}

/** Pairs looked at by the network since it was built (for tests and benchmarks). */
export interface PairStats {
  /** Updates, (site, flyer) pairs fully evaluated, and pairs the horizon gate settled. */
  updates: number;
  pairsEvaluated: number;
  pairsGated: number;
}

/** The defence's state over one engagement (a flight or a salvo). */
export class DefenceNetwork {
  /** False evaluates every pair in full (the gate never changes a result; tests compare). */
  gating = true;
  readonly stats: PairStats = { updates: 0, pairsEvaluated: 0, pairsGated: 0 };
  private readonly sams: SamState[];
  private readonly search: SearchState[];
  private readonly flyers: FlyerState[] = [];
  private readonly samEvents: SamEvent[] = samEventList();
  private readonly rngSams: Rng;
  private readonly rngSearch: Rng;
  /**
   * The observation every look fills in before reading it; NaN until then, which also lays its
   * numbers out as doubles (AS_DOUBLE in sam-site.ts).
   */
  private readonly obs = {
    range_m: Number.NaN,
    height_m: Number.NaN,
    rcs_m2: Number.NaN,
    visible: false,
    closing_mps: Number.NaN,
  };
  /** Candidates of a site's allocation pass: flyer indices and their sort keys (grown on add). */
  private cand = new Int32Array(8);
  private keys = new Float64Array(8);
  /** Each due flyer's share of the radar horizon this update, m (horizon-gate.ts). */
  private flyerHorizon = new Float64Array(8);
  /** The lowest level of the ground every site stands over, m: heights for the gate count from it. */
  private readonly level_m: number;

  /** The defence over terrain (null: flat ground at flatGround_m), drawing from rng. */
  constructor(
    readonly params: AirDefenceParams,
    terrain: ElevationGrid | null,
    ellipsoid: Ellipsoid,
    rng: Rng,
    cache: ViewshedCache,
    flatGround_m = 0,
  ) {
    const level = terrain ? terrain.minHeight() : flatGround_m;
    this.level_m = level;
    const place = (lat: number, lon: number, mast: number): Sensor => {
      const vis = new SiteVisibility(terrain, lat, lon, mast, cache, flatGround_m);
      const ecef = new Float64Array(3);
      geodeticToEcef(ellipsoid, lat / DEG, lon / DEG, vis.antennaAlt_m, ecef, 0);
      return { vis, ecef, gate: new HorizonGate(lat, lon, vis.antennaAlt_m, level, terrain) };
    };
    this.rngSams = rng.stream("sams");
    this.rngSearch = rng.stream("search-radars");
    this.sams = params.sams.map((s, i) => {
      const p = s.params;
      return new SamState(
        i,
        place(s.lat_deg, s.lon_deg, p.radar.mast_m),
        this.rngSams.stream(`${i}:${s.name}`),
        new SamSiteSpec(p),
      );
    });
    this.search = params.searchRadars.map((r, i) => ({
      p: r,
      sensor: place(r.lat_deg, r.lon_deg, r.radar.mast_m),
      rng: this.rngSearch.stream(`${i}:${r.name}`),
      snrHalf: snrForPdSwerling1(0.5, r.radar.pfa),
      link: new RadarLink(r.radar),
      capacity: r.track_capacity ?? Number.POSITIVE_INFINITY,
      holds: 0,
      pairs: [],
      cues: Int32Array.from(
        params.sams.flatMap((sam, i) => (sam.network === r.network ? [i] : [])),
      ),
    }));
  }

  /**
   * Flyers added so far (set by addFlyer; read only). A field, not a getter: the world loop reads
   * it once a flight, too rarely for V8 to give a getter type feedback, so the compiled world
   * loop that inlined the getter de-optimised there.
   */
  flyerCount = 0;

  /**
   * Add a flyer with its RCS table; engageable false when the sites can tell it is a decoy (they
   * track it but never fire). Returns its index. Call before the engagement starts.
   */
  addFlyer(rcs: RcsTable, engageable = true): number {
    const k = this.flyers.length;
    // alive and killer written twice (sam-site.ts, after AS_DOUBLE): they change at a kill.
    const flyer: FlyerState = { rcs, alive: false, killer: 0 };
    flyer.alive = true;
    flyer.killer = -1;
    this.flyers.push(flyer);
    this.flyerCount = this.flyers.length;
    for (const s of this.sams) {
      const e = new SamEngagement(
        this.params.sams[s.index].params,
        k === 0 ? s.rng : s.rng.stream(`flyer-${k}`),
        s.spec,
      );
      e.engageable = engageable;
      s.pairs.push(e);
      s.firstDetection.push(null);
    }
    for (const s of this.search) {
      s.pairs.push(new SearchPair(k === 0 ? s.rng : s.rng.stream(`flyer-${k}`)));
    }
    if (this.cand.length < this.flyers.length) {
      this.cand = new Int32Array(2 * this.flyers.length);
      this.keys = new Float64Array(2 * this.flyers.length);
      this.flyerHorizon = new Float64Array(2 * this.flyers.length);
    }
    return k;
  }

  /** Is flyer k still in the world (not killed, not left)? */
  alive(k: number): boolean {
    return this.flyers[k].alive;
  }

  /** Index of the SAM site that killed flyer k, or −1. */
  killer(k: number): number {
    return this.flyers[k].killer;
  }

  /** Name of SAM site i. */
  siteName(i: number): string {
    return this.params.sams[i].name;
  }

  /**
   * Flyer k left the world at time t (s) without being killed (it arrived, or its flight ended):
   * interceptors still flying at it are wasted.
   */
  remove(k: number, t: number, out: NetworkEvent[]): void {
    if (!this.flyers[k].alive) return;
    this.flyers[k].alive = false;
    this.release(k, t, -1, out);
  }

  /**
   * Advance to time t (s): flyers with due[k] ≠ 0 are looked at, over dt[k] (s) since their last
   * update, at the true states in targets[k]. Events go to out; a killed flyer is no longer alive.
   */
  update(
    t: number,
    targets: readonly ThreatTarget[],
    due: Uint8Array,
    dt: Float64Array,
    out: NetworkEvent[],
  ): void {
    const o = this.obs;
    const nf = this.flyers.length;
    const latency = this.params.latency_s ?? 0;
    const stats = this.stats;
    stats.updates++;
    // Per flyer, not per pair: its share of every site's horizon.
    for (let k = 0; k < nf; k++) {
      if (due[k]) this.flyerHorizon[k] = flyerHorizon_m(targets[k].alt_m, this.level_m);
    }
    // Search radars first, so a cue acts on the SAMs in the same update.
    for (const s of this.search) {
      const radar = s.p.radar;
      for (let k = 0; k < nf; k++) {
        if (!due[k] || !this.flyers[k].alive) continue;
        const sp = s.pairs[k];
        const tgt = targets[k];
        // Beyond the horizon and not held: out of sight without the lookup, and a look out of
        // sight only moves the scan clock. The same path as every pair, for the reason given in
        // updateSite (a branch first run after compilation de-optimises).
        const gated = this.gating && !sp.holding && s.sensor.gate.beyond(tgt, this.flyerHorizon[k]);
        stats.pairsGated += gated ? 1 : 0;
        stats.pairsEvaluated += gated ? 0 : 1;
        observeFlyer(o, s.sensor, tgt, this.flyers[k].rcs, gated);
        const snrNow = o.visible ? s.link.snr(o.rcs_m2, o.range_m) : 0;
        if (o.visible) sp.exposure_s += dt[k];
        if (o.visible && snrNow >= s.snrHalf) sp.detectable_s += dt[k];
        if (sp.holding) sp.held_s += dt[k];
        if (t >= sp.nextScan) {
          sp.nextScan = t + radar.scan_s;
          const hit = o.visible && sp.rng.bernoulli(pdSwerling1(snrNow, radar.pfa));
          if (!sp.holding && hit && s.holds < s.capacity) {
            sp.holding = true;
            sp.heldSince = t;
            s.holds++;
            sp.misses = 0;
            sp.firstDetection ??= t;
            this.emit(out, "detected", s.p.name, t, o.range_m, 0, k);
          } else if (sp.holding) {
            sp.misses = hit ? 0 : sp.misses + 1;
          }
        }
        // The same track-maintenance rule as the SAM sites' radars (sam-site.ts).
        if (sp.holding && (!o.visible || sp.misses >= TRACK_DROP_MISSES)) {
          sp.holding = false;
          s.holds--;
          this.emit(out, "track_lost", s.p.name, t, o.range_m, 0, k);
        }
        // The track reaches the network's sites after the latency.
        if (sp.holding && t >= sp.heldSince + latency) {
          const sams = this.params.sams;
          for (let c = 0; c < s.cues.length; c++) {
            const i = s.cues[c];
            if (this.sams[i].pairs[k].cue(t)) {
              this.emit(out, "cued", sams[i].name, t, o.range_m, 0, k);
            }
          }
        }
      }
    }
    for (const site of this.sams) this.updateSite(site, t, targets, due, dt, out);
  }

  /** One SAM site's update: look at every due flyer, then allocate channels and rounds. */
  private updateSite(
    site: SamState,
    t: number,
    targets: readonly ThreatTarget[],
    due: Uint8Array,
    dt: Float64Array,
    out: NetworkEvent[],
  ): void {
    const o = this.obs;
    const nf = this.flyers.length;
    const p = site.spec;
    const name = p.name;
    const ev = this.samEvents;
    const stats = this.stats;
    let nCand = 0;
    for (let k = 0; k < nf; k++) {
      if (!due[k] || !this.flyers[k].alive) continue;
      const pair = site.pairs[k];
      // Beyond the horizon, not in track, nothing flying at it: the site cannot see it, so the
      // observation skips the line-of-sight lookup, aspect and RCS, and look() out of sight only
      // moves the scan clock (no draw, no event, no exposure). Gated pairs take the same path as
      // the others rather than a branch of their own: in most studies the first pair is gated
      // only after updateSite has been compiled (the missile goes below a site's horizon late in
      // the first flight), and a branch never run before has no type feedback: it de-optimised
      // updateSite and the world loop it is inlined into.
      const gated =
        this.gating &&
        !pair.tracking &&
        pair.interceptorsInFlight === 0 &&
        site.sensor.gate.beyond(targets[k], this.flyerHorizon[k]);
      stats.pairsGated += gated ? 1 : 0;
      stats.pairsEvaluated += gated ? 0 : 1;
      observeFlyer(o, site.sensor, targets[k], this.flyers[k].rcs, gated);
      o.height_m = targets[k].agl_m;
      ev.length = 0;
      const wasTracking = pair.tracking;
      pair.trackRefused = !wasTracking && site.tracks >= site.capacity;
      const killed = pair.look(t, dt[k], o, ev);
      if (pair.tracking !== wasTracking) site.tracks += pair.tracking ? 1 : -1;
      for (const e of ev) {
        if (e.kind === "detected") site.firstDetection[k] ??= t;
        this.emit(out, e.kind, name, e.t_s, e.range_m, e.count, k);
      }
      if (pair.trackRefused && pair.refusedDetections > 0) {
        site.refused += pair.refusedDetections;
        pair.refusedDetections = 0;
      }
      if (killed) {
        site.kills++;
        if (pair.tracking) site.tracks--;
        this.flyers[k].alive = false;
        this.flyers[k].killer = site.index;
        this.release(k, t, site.index, out);
        continue;
      }
      if (pair.wantsToFire) {
        this.cand[nCand] = k;
        this.keys[nCand] = this.selectionKey(p.selection, pair.fireTime_s, o.range_m, o);
        nCand++;
      }
    }

    // Reload: one rail at a time from the reserve.
    if (site.reloadDone <= t) {
      site.ready++;
      site.reserve--;
      site.reloadDone = Number.POSITIVE_INFINITY;
    }
    const dtSite = t - site.lastT;
    site.lastT = t;
    if (nCand === 0) {
      this.startReload(site, p.ready_rounds, p.reload_s, t);
      return;
    }
    // Allocation in the selection rule's order (ties: the flyer added first).
    this.sortCandidates(nCand);
    let busy = 0;
    for (let k = 0; k < nf; k++) busy += site.pairs[k].interceptorsInFlight;
    let starved = false;
    for (let c = 0; c < nCand; c++) {
      const k = this.cand[c];
      const pair = site.pairs[k];
      const n = Math.min(pair.wanted, p.fire_channels - busy, site.ready);
      if (n < pair.wanted) starved = true;
      if (n <= 0) continue;
      ev.length = 0;
      pair.fire(t, n, this.rangeOf(site, targets[k]), ev);
      busy += n;
      site.ready -= n;
      site.fired += n;
      for (const e of ev) this.emit(out, e.kind, name, e.t_s, e.range_m, e.count, k);
    }
    if (busy > site.maxBusy) site.maxBusy = busy;
    if (starved) site.saturated_s += dtSite;
    this.startReload(site, p.ready_rounds, p.reload_s, t);
  }

  /** Begin reloading a rail when one is empty and the reserve holds rounds. */
  private startReload(site: SamState, rails: number, reload_s: number, t: number): void {
    // The reserve first: it is read on every call (the other order read it only once a rail was
    // empty, after the first shot, a read without type feedback that de-optimised the caller);
    // the three tests have no side effects, so the order changes nothing else.
    if (site.reserve > 0 && site.reloadDone === Number.POSITIVE_INFINITY && site.ready < rails) {
      site.reloadDone = t + reload_s;
    }
  }

  /** Slant range (m) from a site to a flyer. */
  private rangeOf(site: SamState, tgt: ThreatTarget): number {
    const s = site.sensor.ecef;
    const dx = s[0] - tgt.ecef[0];
    const dy = s[1] - tgt.ecef[1];
    const dz = s[2] - tgt.ecef[2];
    return Math.sqrt(dx * dx + dy * dy + dz * dz);
  }

  /** The sort key of a target waiting for a channel: smaller goes first. */
  private selectionKey(
    rule: "earliest-intercept" | "nearest" | "highest-threat",
    fireTime_s: number,
    range_m: number,
    o: { closing_mps: number },
  ): number {
    if (rule === "nearest") return range_m;
    // Highest threat: the soonest to reach the site at its closing speed.
    if (rule === "highest-threat")
      return o.closing_mps > 0 ? range_m / o.closing_mps : Number.POSITIVE_INFINITY;
    return fireTime_s;
  }

  /** Insertion sort of the first n candidates by key, stable (n is small). */
  private sortCandidates(n: number): void {
    const c = this.cand;
    const key = this.keys;
    for (let i = 1; i < n; i++) {
      const ci = c[i];
      const ki = key[i];
      let j = i - 1;
      while (j >= 0 && key[j] > ki) {
        c[j + 1] = c[j];
        key[j + 1] = key[j];
        j--;
      }
      c[j + 1] = ci;
      key[j + 1] = ki;
    }
  }

  /** Flyer k left (killed by site `by`, or −1): free its tracks, waste interceptors at it. */
  private release(k: number, t: number, by: number, out: NetworkEvent[]): void {
    for (const site of this.sams) {
      const pair = site.pairs[k];
      if (site.index !== by && pair.tracking) site.tracks--;
      const n = pair.abandon();
      if (n > 0) {
        site.wasted += n;
        this.emit(out, "wasted", this.params.sams[site.index].name, t, 0, n, k);
      }
    }
    for (const s of this.search) {
      const sp = s.pairs[k];
      if (sp.holding) {
        sp.holding = false;
        s.holds--;
      }
    }
  }

  private emit(
    out: NetworkEvent[],
    kind: ThreatEvent["kind"],
    site: string,
    t_s: number,
    range_m: number,
    count: number,
    flyer: number,
  ): void {
    out.push(networkEvent(kind, site, t_s, range_m, count, flyer));
  }

  /** What each site did about flyer k (search radars first, then SAM sites). */
  summaryFor(k: number): SiteSummary[] {
    const sams = this.sams.map((s): SiteSummary => {
      const e = s.pairs[k];
      const first = s.firstDetection[k];
      const killedHere = this.flyers[k].killer === s.index;
      return {
        name: this.params.sams[s.index].name,
        kind: "sam",
        preset: this.params.sams[s.index].preset,
        exposure_s: e.exposure_s,
        detectable_s: e.detectable_s,
        tracked_s: e.tracked_s,
        first_detection_s: first,
        shots: e.fired,
        outcome: killedHere
          ? "killed"
          : e.fired > 0
            ? "survived"
            : first === null
              ? "not detected"
              : "not engaged",
      };
    });
    const radars = this.search.map((s): SiteSummary => {
      const sp = s.pairs[k];
      return {
        name: s.p.name,
        kind: "search_radar",
        preset: "search radar",
        exposure_s: sp.exposure_s,
        detectable_s: sp.detectable_s,
        tracked_s: sp.held_s,
        first_detection_s: sp.firstDetection,
        shots: 0,
        outcome: sp.firstDetection === null ? "not detected" : "not engaged",
      };
    });
    return [...radars, ...sams];
  }

  /** Each SAM site's totals over the whole engagement. */
  totals(): SiteTotals[] {
    return this.sams.map((s) => {
      const placed = this.params.sams[s.index];
      return {
        name: placed.name,
        preset: placed.preset,
        shots: s.fired,
        kills: s.kills,
        wasted: s.wasted,
        interceptors_left: placed.params.magazine - s.fired,
        saturated_s: s.saturated_s,
        max_channels_busy: s.maxBusy,
        tracks_refused: s.refused,
      };
    });
  }
}
