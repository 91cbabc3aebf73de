/**
 * The layered example's cost: terrain generation and viewsheds (once per scenario, shared by every
 * run of a study), then the flight itself with and without the air defence, median of trials.
 */

import { performance } from "node:perf_hooks";
import { missionFromScenario, navigatorFromScenario } from "../src/engine/mission-params.js";
import { airDefenceFromScenario, terrainFromScenario } from "../src/engine/world.js";
import { simulateMission } from "../src/mission/simulate.js";
import { loadScenarioFile } from "../src/scenario/load.js";
import { ViewshedCache } from "../src/terrain/site-visibility.js";

/** Figures of the layered-example benchmark (times in ms). */
export interface LayeredFigures {
  readonly terrain_ms: number;
  readonly viewsheds: number;
  readonly viewsheds_ms: number;
  readonly flight_s: number;
  readonly fly_ms: number;
  readonly flyNoThreats_ms: number;
  readonly trials: number;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];

/** Time the layered example. */
export async function benchLayered(trials = 5): Promise<LayeredFigures> {
  const file = new URL("../examples/layered-defence.yaml", import.meta.url).pathname;
  const s = loadScenarioFile(file);
  if (s.kind !== "mission") throw new Error("layered example is not a mission");
  let t0 = performance.now();
  const terrain = await terrainFromScenario(s, file);
  const terrain_ms = performance.now() - t0;
  const p = missionFromScenario(s, file, 1, terrain);
  const cache = new ViewshedCache();
  t0 = performance.now();
  navigatorFromScenario(s, p, cache);
  airDefenceFromScenario(s, p, cache);
  const viewsheds_ms = performance.now() - t0;
  const fly: number[] = [];
  const bare: number[] = [];
  let flight_s = 0;
  for (let k = 0; k < trials; k++) {
    t0 = performance.now();
    const r = simulateMission(
      p,
      navigatorFromScenario(s, p, cache),
      airDefenceFromScenario(s, p, cache),
    );
    fly.push(performance.now() - t0);
    flight_s = r.summary.flight_time_s;
    // The same flight without threats, cut at the same time so both fly the same seconds.
    t0 = performance.now();
    simulateMission({ ...p, maxTime_s: flight_s }, navigatorFromScenario(s, p, cache), null);
    bare.push(performance.now() - t0);
  }
  return {
    terrain_ms,
    viewsheds: cache.computed,
    viewsheds_ms,
    flight_s,
    fly_ms: median(fly),
    flyNoThreats_ms: median(bare),
    trials,
  };
}
