/**
 * A full 925 km mission of the notional B-class missile with perfect navigation: release at
 * 25,000 ft and Mach 0.8, cruise at 9,000 m and Mach 0.8 (its best-range profile), terminal dive
 * onto an aimpoint 900 km away. Reports wall time and real-time factor (simulated seconds per wall
 * second), at the default 0.05 s midcourse / 0.005 s terminal steps and 1 s output samples.
 */

import { PerformanceObserver } from "node:perf_hooks";
import { RAD_PER_DEG } from "../src/core/units.js";
import { makeEarth } from "../src/earth/earth-model.js";
import { geodesicDirect } from "../src/earth/geodesic.js";
import { DEFAULT_TERRAIN_FOLLOWING } from "../src/guidance/terrain-following.js";
import type { MissionParams } from "../src/mission/mission-params.js";
import { simulateMission } from "../src/mission/simulate.js";
import { AGM158B_CLASS } from "../src/vehicle/presets.js";
import { type BenchResult, bench } from "./harness.js";

/** The mission flown by the benchmark. */
export function benchMissionParams(): MissionParams {
  const start = { lat: 20, lon: -150 };
  const end = geodesicDirect(start.lat, start.lon, 70, 900_000);
  return {
    name: "bench 900 km",
    earth: makeEarth(),
    missile: AGM158B_CLASS,
    release: {
      lat_deg: start.lat,
      lon_deg: start.lon,
      alt_m: 7620,
      tas_mps: 248,
      heading_rad: 70 * RAD_PER_DEG,
      platform: "F-16-class",
    },
    waypoints: [],
    cruise: { alt_m: 9000, mach: 0.8 },
    aimpoint: {
      lat_deg: end.lat_deg,
      lon_deg: end.lon_deg,
      alt_m: 0,
      impact_rad: 60 * RAD_PER_DEG,
      terminalRange_m: null,
    },
    ground_m: 0,
    terrain: null,
    terrainFollowing: DEFAULT_TERRAIN_FOLLOWING,
    step_s: 0.05,
    terminalStep_s: 0.005,
    sampleDt_s: 1,
    maxTime_s: 10_000,
  };
}

/** Run the benchmark: units are simulated seconds, so the median is the real-time factor. */
export function benchMission(): {
  result: BenchResult;
  flight_s: number;
  miss_m: number;
  steps: number;
} {
  const p = benchMissionParams();
  const first = simulateMission(p);
  const flight = first.summary.flight_time_s;
  if (first.summary.status !== "ground_impact")
    throw new Error(`bench mission did not reach its aimpoint: ${first.outcome.message}`);
  const result = bench(
    "925 km-class mission, perfect navigation (real-time factor)",
    "simulated s",
    flight,
    () => {
      simulateMission(p);
    },
    11,
  );
  return {
    result,
    flight_s: flight,
    miss_m: first.summary.miss_m ?? Number.NaN,
    steps: Math.round(flight / p.step_s),
  };
}

/**
 * Allocation check for the mission loop: fly the mission `runs` times (about 1.7 million
 * integration steps for 20 runs) and count garbage collections. A loop that allocated even one
 * 16-byte object per step would fill the young generation (at most 16 MB by default) many times
 * over and trigger scavenges; per-run set-up is far smaller. Returns steps flown and GCs seen.
 */
export function missionAllocationCheck(runs = 20): { steps: number; gcs: number } {
  const p = benchMissionParams();
  simulateMission(p);
  const obs = new PerformanceObserver(() => {});
  obs.observe({ entryTypes: ["gc"] });
  let steps = 0;
  for (let i = 0; i < runs; i++) steps += simulateMission(p).summary.flight_time_s / p.step_s;
  const gcs = obs.takeRecords().length;
  obs.disconnect();
  return { steps: Math.round(steps), gcs };
}
