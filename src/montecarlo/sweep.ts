/**
 * A sweep: the salvo study at each value of one scenario parameter (`--sweep PATH=V1,V2,...`),
 * or for a mission scenario its Monte Carlo study (dispersions included, mission-sweep.ts).
 * Every swept scenario is validated first (bad input stops the sweep before any run); the terrain
 * is loaded once and one viewshed cache serves every value and run; each value's routes and
 * launch times are planned once and reused by all its runs. Run r flies with the root generator
 * "run-r" of the study seed at every value (common random numbers), so differences between values
 * come from the parameter, not from luck. One thread, deterministic.
 */

import { Rng } from "../core/rng.js";
import { UserError } from "../core/user-error.js";
import { flySalvoSample, planSalvoForStudy, type SalvoSample } from "../engine/sweep-sample.js";
import { terrainFromScenario } from "../engine/world.js";
import type { SalvoScenario } from "../scenario/salvo-schema.js";
import { sweptScenarios } from "../scenario/sweep-spec.js";
import { ViewshedCache } from "../terrain/site-visibility.js";
import { runMissionSweep } from "./mission-sweep.js";
import { type SweepOptions, type SweepResult, sweepResult } from "./sweep-result.js";
import { sweepPoint } from "./sweep-stats.js";

export type { SweepOptions, SweepResult } from "./sweep-result.js";

/** Check and run a sweep; throws UserError or ScenarioError on bad input, before any run. */
export async function runSweep(opts: SweepOptions): Promise<SweepResult> {
  const t0 = performance.now();
  const scenarios = sweptScenarios(opts.file, opts.spec);
  if (scenarios[0].kind === "mission") return runMissionSweep(opts, t0);
  const salvos: SalvoScenario[] = scenarios.map((s) => {
    if (s.kind !== "salvo") {
      throw new UserError(
        [
          `--sweep: expected a salvo or mission scenario (kind: salvo or mission), got kind ${s.kind} in ${opts.file}`,
        ],
        1,
      );
    }
    return s;
  });
  const first = salvos[0];
  const seed = opts.seed ?? first.seed;
  const terrain = await terrainFromScenario(first, opts.file);
  const sameTerrain = (s: SalvoScenario) =>
    JSON.stringify(s.environment.terrain) === JSON.stringify(first.environment.terrain);
  const viewsheds = new ViewshedCache();
  const sampleDt = Math.max(1, Math.round(1 / first.simulation.step_s)) * first.simulation.step_s;
  // Plan every value before flying any: an infeasible plan is bad input, found up front.
  const plans = [];
  for (const s of salvos) {
    const grid = sameTerrain(s) ? terrain : await terrainFromScenario(s, opts.file);
    plans.push({ s, grid, plan: planSalvoForStudy(s, opts.file, sampleDt, grid, viewsheds) });
  }
  let flyerSeconds = 0;
  const points = plans.map(({ s, plan }, vi) => {
    const samples: SalvoSample[] = [];
    for (let r = 0; r < opts.runs; r++) {
      const root = Rng.fromSeed(seed).stream(`run-${r}`);
      const sample = flySalvoSample(s, plan, viewsheds, root);
      samples.push(sample);
      flyerSeconds += sample.flyerSeconds;
      opts.onProgress?.(vi, r + 1);
    }
    return sweepPoint(opts.spec.values[vi], samples);
  });
  return sweepResult(opts, first.name, seed, points, flyerSeconds, t0);
}
