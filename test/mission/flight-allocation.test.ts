import { Session } from "node:inspector";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { RAD_PER_DEG } from "../../src/core/units.js";
import { AirData } from "../../src/dynamics/air-data.js";
import { makeEarth } from "../../src/earth/earth-model.js";
import { geodeticToEcef } from "../../src/earth/ellipsoid.js";
import { DEFAULT_TERRAIN_FOLLOWING } from "../../src/guidance/terrain-following.js";
import { MissionFlight } from "../../src/mission/mission-flight.js";
import type { MissionParams } from "../../src/mission/mission-params.js";
import { PerfectNavigator } from "../../src/navigation/navigation.js";
import { syntheticTerrain } from "../../src/terrain/synthetic-terrain.js";
import { AGM158B_CLASS } from "../../src/vehicle/presets.js";

/**
 * Bytes allocated on the JS heap while `work` runs, from V8's sampling heap profiler (one sample
 * about every 64 bytes, kept even when a garbage collection has already freed the object), so a
 * collection during the work neither hides nor adds allocations.
 */
function allocatedBytes(work: () => void): number {
  const session = new Session();
  session.connect();
  // The inspector answers a session of the same thread synchronously.
  let profile: Profiler | null = null;
  const post = (method: string, params?: object) =>
    session.post(method, params, (err, res) => {
      if (err) throw err;
      if (res && "profile" in res) profile = res.profile as Profiler;
    });
  post("HeapProfiler.enable");
  post("HeapProfiler.startSampling", {
    samplingInterval: 64,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  work();
  post("HeapProfiler.stopSampling");
  post("HeapProfiler.disable");
  session.disconnect();
  if (!profile) throw new Error("no heap profile");
  let total = 0;
  const walk = (n: ProfileNode) => {
    total += n.selfSize;
    for (const c of n.children) walk(c);
  };
  walk((profile as Profiler).head);
  return total;
}

interface ProfileNode {
  readonly selfSize: number;
  readonly children: readonly ProfileNode[];
}
interface Profiler {
  readonly head: ProfileNode;
}

/** The smallest of a few measurements: a stray allocation elsewhere in the thread only adds. */
function leastAllocated(work: () => void, tries = 3): number {
  let least = Number.POSITIVE_INFINITY;
  for (let k = 0; k < tries; k++) least = Math.min(least, allocatedBytes(work));
  return least;
}

/** A low-level, terrain-following route: the guidance a Monte Carlo study flies most steps. */
function lowLevelMission(): MissionParams {
  const terrain = syntheticTerrain(
    { lat0_deg: 10, lon0_deg: 20, size_deg: 1.2, n: 256, relief_m: 800, sea_fraction: 0 },
    Rng.fromSeed(5).stream("terrain"),
  );
  return {
    name: "allocation test",
    earth: makeEarth(),
    missile: AGM158B_CLASS,
    release: {
      lat_deg: 10.3,
      lon_deg: 19.95,
      alt_m: 3000,
      tas_mps: 240,
      heading_rad: 90 * RAD_PER_DEG,
      platform: "test",
    },
    waypoints: [
      { name: "WP1", lat_deg: 10.5, lon_deg: 20.6, alt_m: 0, agl_m: 100, mach: 0.75 },
      { name: "WP2", lat_deg: 10.9, lon_deg: 21.5, alt_m: 0, agl_m: 100, mach: 0.75 },
    ],
    cruise: { alt_m: 100, mach: 0.75 },
    aimpoint: null,
    ground_m: 0,
    terrain,
    terrainFollowing: DEFAULT_TERRAIN_FOLLOWING,
    step_s: 0.05,
    terminalStep_s: 0.05,
    // Samples once a minute: the test is about the step, not the output table's growth.
    sampleDt_s: 60,
    maxTime_s: 900,
  };
}

// The project's hot-loop rule is "allocate nothing per step". In V8 a double handed to (or
// returned from) a call that is not inlined is boxed in a fresh 16-byte heap number, as is every
// double written to a field whose layout was generalised; a Monte Carlo study on two threads
// spent a good part of its second core on the garbage (~50 MB a run). These tests fail if the
// step loop goes back to boxing.
describe("the flight step allocates (almost) nothing", () => {
  it("AirData.update: under 40 bytes a call once optimised (it boxed five numbers a call)", () => {
    const earth = makeEarth();
    const air = new AirData(earth);
    // 3 km above the ellipsoid at 31° N, 0.2° E, flying east at about 250 m/s.
    const x = new Float64Array(6);
    geodeticToEcef(earth.ellipsoid, 31 * RAD_PER_DEG, 0.2 * RAD_PER_DEG, 3000, x, 0);
    x[4] = 250.25;
    // The time lives in a typed array between calls: a captured `let` would box each new value.
    const clock = new Float64Array(1);
    const n = 20_000;
    const run = () => {
      let t = clock[0];
      for (let i = 0; i < n; i++) {
        t += 0.05;
        x[0] += 0.001;
        air.update(t, x, 0, x, 3, true);
      }
      clock[0] = t;
    };
    for (let k = 0; k < 5; k++) run();
    const perCall = leastAllocated(run) / n;
    expect(air.mach).toBeGreaterThan(0.3);
    // Old code: ~80 B a call; now ~0 in plain Node and under 20 B in this test runner.
    expect(perCall).toBeLessThan(40);
  });

  it("MissionFlight: under 600 bytes a step over terrain once optimised (it took ~1.4 kB)", () => {
    const flight = new MissionFlight(lowLevelMission(), new PerfectNavigator());
    const steps = (n: number) => () => {
      for (let i = 0; i < n && !flight.ended; i++) {
        flight.integrate();
        if (!flight.ended) flight.afterStep();
      }
    };
    // Warm up past separation and engine start, long enough for the optimising compiler.
    steps(6000)();
    const n = 1500;
    const perStep = leastAllocated(steps(n), 4) / n;
    expect(flight.ended).toBe(false);
    // Old code: ~1.4 kB a step; now ~150 B (a few numbers still cross calls V8 does not inline).
    expect(perStep).toBeLessThan(600);
  });
});
