import { setFlagsFromString } from "node:v8";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { networkEventList } from "../../src/threats/defence-network.js";
import type { RadarParams } from "../../src/threats/radar.js";
import {
  SamEngagement,
  type SamEvent,
  type SamObservation,
  type SamSiteParams,
} from "../../src/threats/sam-site.js";

/*
 * The threat objects the world loop meets every update keep one hidden class (V8 map) however a
 * run goes, so code compiled during one run is not thrown away by the next (the Monte Carlo
 * worker's recompilations). V8's own test intrinsics tell: a function parsed after
 * --allow-natives-syntax is set may call them.
 */
setFlagsFromString("--allow-natives-syntax");
const sameMap = new Function("a", "b", "return %HaveSameMap(a, b);") as (
  a: object,
  b: object,
) => boolean;
const objectElements = new Function("a", "return %HasObjectElements(a);") as (a: object) => boolean;

const RADAR: RadarParams = {
  peak_power_w: 1e6,
  gain_db: 40,
  freq_hz: 3e9,
  bandwidth_hz: 1e6,
  noise_figure_db: 3,
  losses_db: 6,
  pfa: 1e-6,
  scan_s: 1,
  mast_m: 20,
};

/** Whole numbers everywhere, no optional keys. */
const PLAIN: SamSiteParams = {
  name: "plain",
  radar: RADAR,
  reaction_s: 4,
  interceptor_speed_mps: 1000,
  envelope: { min_range_m: 3000, max_range_m: 60_000, min_alt_m: 20, max_alt_m: 25_000 },
  pk: 1,
  magazine: 4,
  fire_channels: 2,
  salvo: 1,
  look_s: 2,
  cued_look_s: 1,
};

/** Fractions and every optional key, in another order (as engine/world.ts may build them). */
const DRESSED: SamSiteParams = {
  ...PLAIN,
  name: "dressed",
  reload_s: 7.5,
  reaction_s: 3.5,
  track_capacity: 2,
  ready_rounds: 2,
  selection: "nearest",
  doctrine: "shoot-shoot",
};

/** Made before every flight of this file (each test file runs in a fresh isolate). */
const FRESH = new SamEngagement(PLAIN, Rng.fromSeed(1));

/** Fly a target straight at the engagement's site until it is killed or arrives. */
function flyAt(eng: SamEngagement, dt: number): SamEvent[] {
  const out: SamEvent[] = [];
  const obs: SamObservation = {
    range_m: 40_000,
    height_m: 500,
    rcs_m2: 10,
    visible: true,
    closing_mps: 250,
  };
  for (let k = 1; obs.range_m > 3000; k++) {
    obs.range_m = 40_000 - 250 * k * dt;
    if (eng.update(k * dt, dt, obs, out)) break;
  }
  return out;
}

describe("threat object layouts", () => {
  // First in the file (a fresh isolate): the first events are at whole seconds.
  it("every event has one layout, and a fresh event list holds objects", () => {
    const events = [
      ...flyAt(new SamEngagement(PLAIN, Rng.fromSeed(4)), 1),
      ...flyAt(new SamEngagement(DRESSED, Rng.fromSeed(5)), 0.25),
    ];
    expect(events.length).toBeGreaterThan(4);
    for (const e of events) expect(sameMap(e, events[0])).toBe(true);
    expect(objectElements(networkEventList())).toBe(true);
  });

  it("an engagement made before others flew has the layout of one made after, whatever its site's parameters", () => {
    const before = FRESH;
    // Detections, shots and a kill at fractional times: every state field changes.
    const events = flyAt(new SamEngagement(DRESSED, Rng.fromSeed(2)), 0.25);
    expect(events.map((e) => e.kind)).toContain("killed");
    const after = new SamEngagement(DRESSED, Rng.fromSeed(3));
    expect(sameMap(before, after)).toBe(true);
    expect(sameMap(before.spec, after.spec)).toBe(true);
    // And a flight with whole-second updates leaves it there.
    flyAt(before, 1);
    expect(sameMap(before, after)).toBe(true);
  });
});
