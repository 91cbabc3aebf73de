/**
 * Statistics of a sweep: at each value, P(destroyed) as a Wilson interval on the runs' summed
 * probabilities (an expected count, as core/wilson.ts allows), and the mean of each count (missiles
 * leaking, shot down, interceptors expended) with a normal-approximation 95 % interval
 * mean ± 1.96·s/√n (s the sample standard deviation); and the smallest value that reaches a goal.
 */

import { type ProportionEstimate, wilsonInterval, zForConfidence } from "../core/wilson.js";
import type { SalvoSample } from "../engine/sweep-sample.js";

/** A mean with its confidence interval. */
export interface MeanEstimate {
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
  readonly n: number;
}

/**
 * Mean of xs with a normal-approximation interval at the confidence (default 0.95), clipped to
 * [min, ∞): every swept quantity is a count, and no mean of counts lies below zero however few runs
 * the interval rests on.
 */
export function meanInterval(xs: readonly number[], confidence = 0.95, min = 0): MeanEstimate {
  const n = xs.length;
  if (n === 0) return { mean: Number.NaN, lower: Number.NaN, upper: Number.NaN, n };
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const half = (zForConfidence(confidence) * sd) / Math.sqrt(n);
  return { mean, lower: Math.max(min, mean - half), upper: mean + half, n };
}

/** One value of a sweep. */
export interface SweepPoint {
  readonly value: number;
  readonly runs: number;
  readonly pDestroyed: ProportionEstimate;
  readonly leaked: MeanEstimate;
  readonly killed: MeanEstimate;
  readonly decoysKilled: MeanEstimate;
  readonly interceptors: MeanEstimate;
  readonly wasted: MeanEstimate;
}

/** Reduce the runs at one sweep value. */
export function sweepPoint(value: number, samples: readonly SalvoSample[]): SweepPoint {
  let p = 0;
  for (const s of samples) p += s.pDestroyed;
  // Rounding can push a sum of probabilities a hair past the run count.
  const successes = Math.min(samples.length, p);
  return {
    value,
    runs: samples.length,
    pDestroyed: wilsonInterval(successes, samples.length),
    leaked: meanInterval(samples.map((s) => s.leaked)),
    killed: meanInterval(samples.map((s) => s.killed)),
    decoysKilled: meanInterval(samples.map((s) => s.decoysKilled)),
    interceptors: meanInterval(samples.map((s) => s.interceptors)),
    wasted: meanInterval(samples.map((s) => s.wasted)),
  };
}

/** The smallest swept value whose P(destroyed) reaches goal: by its estimate, and by its lower bound. */
export function smallestReaching(
  points: readonly SweepPoint[],
  goal: number,
): { readonly estimate: number | null; readonly lowerBound: number | null } {
  const sorted = [...points].sort((a, b) => a.value - b.value);
  const est = sorted.find((p) => (p.pDestroyed.p ?? 0) >= goal);
  const low = sorted.find((p) => p.pDestroyed.lower >= goal);
  return { estimate: est?.value ?? null, lowerBound: low?.value ?? null };
}
