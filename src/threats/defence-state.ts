/**
 * The per-run state of the air-defence network (defence-network.ts) that the world loop's
 * compiled code meets every update: SAM sites, search-radar holds and the network's events. Each
 * is a class or a single factory with its times laid out as doubles (AS_DOUBLE in sam-site.ts),
 * so every site, pair and event of every run has one hidden class (V8 map) and code compiled for
 * the first run is not thrown away by the next.
 */

import type { Rng } from "../core/rng.js";
import type { NetworkEvent, ThreatEvent } from "./defence-types.js";
import { AS_DOUBLE, type SamEngagement, type SamSiteSpec } from "./sam-site.js";
import type { Sensor } from "./sensor-view.js";

/**
 * An event of the network. Every one is built here, in one layout; the module's first call, with
 * fractions, lays its time and range out as doubles (see AS_DOUBLE in sam-site.ts): a whole
 * first time would make them small-integer fields that the next fractional one re-lays out,
 * de-optimising the code that had met the old layout (the world loop reads these events).
 */
export function networkEvent(
  kind: ThreatEvent["kind"],
  site: string,
  t_s: number,
  range_m: number,
  count: number,
  flyer: number,
): NetworkEvent {
  return { kind, site, t_s, range_m, count, flyer };
}
networkEvent("detected", "", AS_DOUBLE, AS_DOUBLE, 0, 0);

/**
 * An empty list for the network's events (the `out` of update and remove), laid out for objects:
 * an empty literal ([]) starts as a list of small integers and changes layout at its first push,
 * so code compiled while an earlier run's list was in use meets a list it does not expect (wrong
 * map, not a Smi) where it reads or appends to the new one.
 */
export function networkEventList(): NetworkEvent[] {
  const out = [networkEvent("detected", "", AS_DOUBLE, AS_DOUBLE, 0, 0)];
  out.length = 0;
  return out;
}

/** A search radar's hold on one flyer (a class with its times laid out as doubles: AS_DOUBLE). */
export class SearchPair {
  holding = false;
  heldSince = AS_DOUBLE;
  nextScan = AS_DOUBLE;
  misses = 0;
  exposure_s = AS_DOUBLE;
  detectable_s = AS_DOUBLE;
  held_s = AS_DOUBLE;
  firstDetection: number | null = null;

  constructor(readonly rng: Rng) {
    // Written twice (sam-site.ts, after AS_DOUBLE): the start values are the declarations'.
    this.holding = true;
    this.holding = false;
    this.misses = 1;
    this.misses = 0;
    this.firstDetection = AS_DOUBLE;
    this.firstDetection = null;
    this.heldSince = 0;
    this.nextScan = 0;
    this.exposure_s = 0;
    this.detectable_s = 0;
    this.held_s = 0;
  }
}

/**
 * A SAM site and its shared resources: a class, so every site of every run has one layout, with
 * its times laid out as doubles (AS_DOUBLE in sam-site.ts) and its parameters read through one
 * SamSiteSpec.
 */
export class SamState {
  readonly capacity: number = AS_DOUBLE;
  tracks = 0;
  /** Rounds on the launchers, rounds in reserve, and when the reload under way completes. */
  ready = 0;
  reserve = 0;
  reloadDone = AS_DOUBLE;
  fired = 0;
  kills = 0;
  wasted = 0;
  saturated_s = AS_DOUBLE;
  maxBusy = 0;
  refused = 0;
  lastT = AS_DOUBLE;
  readonly pairs: SamEngagement[] = [];
  readonly firstDetection: (number | null)[] = [];

  constructor(
    readonly index: number,
    readonly sensor: Sensor,
    readonly rng: Rng,
    readonly spec: SamSiteSpec,
  ) {
    this.capacity = spec.track_capacity;
    this.ready = Math.min(spec.ready_rounds, spec.magazine);
    this.reserve = spec.magazine - this.ready;
    this.reloadDone = Number.POSITIVE_INFINITY;
    this.saturated_s = 0;
    this.lastT = 0;
    // Written twice (sam-site.ts, after AS_DOUBLE): the start values are the declarations'.
    this.tracks = 1;
    this.tracks = 0;
    this.fired = 1;
    this.fired = 0;
    this.kills = 1;
    this.kills = 0;
    this.wasted = 1;
    this.wasted = 0;
    this.maxBusy = 1;
    this.maxBusy = 0;
    this.refused = 1;
    this.refused = 0;
  }
}
