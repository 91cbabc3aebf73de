/** What a sweep is asked and what it found, shared by the salvo and mission sweeps. */

import type { SweepSpec } from "../scenario/sweep-spec.js";
import { type SweepPoint, smallestReaching } from "./sweep-stats.js";

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

/** The sweep's result from its points (shared by salvo and mission sweeps). */
export function sweepResult(
  opts: SweepOptions,
  name: string,
  seed: number,
  points: readonly SweepPoint[],
  flyerSeconds: number,
  t0: number,
): SweepResult {
  const elapsed_s = (performance.now() - t0) / 1000;
  return {
    file: opts.file,
    name,
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
