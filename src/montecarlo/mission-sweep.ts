/**
 * A sweep of a mission scenario: at each value, the same Monte Carlo study `standoff mc` flies
 * (run i draws its seed and dispersions from the study seed and i, as run-draws.ts does), so a
 * curve such as P(damage) against a moving target's intelligence age (`target.intel_age_s`) has
 * the dispersions, location errors and seeker draws of the study at every point. Common random
 * numbers: run i draws the same streams at every value. Terrain is loaded once and one viewshed
 * cache serves every run. One thread, deterministic.
 */

import { executeScenario } from "../engine/execute-run.js";
import type { SalvoSample } from "../engine/sweep-sample.js";
import { terrainFromScenario } from "../engine/world.js";
import { dispersedScenario, parseStudyScenarioText } from "../scenario/dispersions.js";
import { sweptScenarioTexts } from "../scenario/sweep-spec.js";
import { ViewshedCache } from "../terrain/site-visibility.js";
import { drawRun, studySeedOf } from "./run-draws.js";
import { mcRunFromResult } from "./run-record.js";
import { type SweepOptions, type SweepResult, sweepResult } from "./sweep-result.js";
import { sweepPoint } from "./sweep-stats.js";

/** Run a mission sweep (the scenarios already validated by the caller). */
export async function runMissionSweep(opts: SweepOptions, t0: number): Promise<SweepResult> {
  const studies = sweptScenarioTexts(opts.file, opts.spec).map((t) =>
    parseStudyScenarioText(t, opts.file),
  );
  const first = studies[0];
  const seed = studySeedOf(first, opts.seed);
  const terrain = await terrainFromScenario(first.base, opts.file);
  const terrainKey = JSON.stringify(first.base.environment.terrain);
  const viewsheds = new ViewshedCache();
  const step_s = first.base.simulation.step_s;
  const sampleDt_s = Math.max(1, Math.round(1 / step_s)) * step_s;
  let flyerSeconds = 0;
  const points = [];
  for (let vi = 0; vi < studies.length; vi++) {
    const study = studies[vi];
    const grid =
      JSON.stringify(study.base.environment.terrain) === terrainKey
        ? terrain
        : await terrainFromScenario(study.base, opts.file);
    const samples: SalvoSample[] = [];
    for (let r = 0; r < opts.runs; r++) {
      const draw = drawRun(study, seed, r);
      const scenario = dispersedScenario(study, draw);
      const run = executeScenario(scenario, opts.file, { sampleDt_s }, grid, viewsheds);
      if (run.kind !== "mission") throw new Error("a mission sweep flies mission scenarios only");
      const rec = mcRunFromResult(draw, run.params, run.result, { count: 0, step_s: 1 });
      const arrived = rec.status === "ground_impact" && rec.miss_m !== null;
      let shots = 0;
      for (const e of run.result.events) if (e.kind === "shot") shots++;
      samples.push({
        pDestroyed: arrived ? rec.pDamage : 0,
        leaked: arrived ? 1 : 0,
        killed: rec.killedBy === null ? 0 : 1,
        decoysKilled: 0,
        interceptors: shots,
        wasted: 0,
        flyerSeconds: rec.flightTime_s,
      });
      flyerSeconds += rec.flightTime_s;
      opts.onProgress?.(vi, r + 1);
    }
    points.push(sweepPoint(opts.spec.values[vi], samples));
  }
  return sweepResult(opts, first.base.name, seed, points, flyerSeconds, t0);
}
