/**
 * A sweep: the salvo study at each value of one scenario parameter (`--sweep PATH=V1,V2,...`).
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
import { type SweepSpec, sweptScenarios } from "../scenario/sweep-spec.js";
import { ViewshedCache } from "../terrain/site-visibility.js";
import { type SweepPoint, smallestReaching, sweepPoint } from "./sweep-stats.js";

/** Options of a sweep. */
export interface SweepOptions {
  readonly file: string;
  readonly spec: SweepSpec;
  /** Runs at each value. */
  readonly runs: number;
  /** Study seed (default: the scenario's seed). */
  readonly seed?: number;
  /** P(destroyed) wanted: the sweep reports the smallest value that reaches it. */
  readonly goal?: number;
  /** Told after each run: value index, runs done at that value. */
  readonly onProgress?: (valueIndex: number, done: number) => void;
}

/** What a sweep found. */
export interface SweepResult {
  readonly file: string;
  readonly name: string;
  readonly path: string;
  readonly seed: number;
  readonly runs: number;
  readonly points: readonly SweepPoint[];
  readonly goal: number | null;
  /** Smallest value reaching the goal by its estimate, and by its 95 % lower bound. */
  readonly reaching: { readonly estimate: number | null; readonly lowerBound: number | null };
  readonly elapsed_s: number;
  /** Simulated flyer-seconds per wall-clock second over the whole sweep (planning included). */
  readonly realTimeFactor: number;
}

/** Check and run a sweep; throws UserError or ScenarioError on bad input, before any run. */
export async function runSweep(opts: SweepOptions): Promise<SweepResult> {
  const t0 = performance.now();
  const scenarios = sweptScenarios(opts.file, opts.spec);
  const salvos: SalvoScenario[] = scenarios.map((s) => {
    if (s.kind !== "salvo") {
      throw new UserError(
        [`--sweep: expected a salvo scenario (kind: salvo), got kind ${s.kind} in ${opts.file}`],
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
  const elapsed_s = (performance.now() - t0) / 1000;
  return {
    file: opts.file,
    name: first.name,
    path: opts.spec.path,
    seed,
    runs: opts.runs,
    points,
    goal: opts.goal ?? null,
    reaching:
      opts.goal === undefined
        ? { estimate: null, lowerBound: null }
        : smallestReaching(points, opts.goal),
    elapsed_s,
    realTimeFactor: flyerSeconds / Math.max(elapsed_s, 1e-9),
  };
}
