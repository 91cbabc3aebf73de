/**
 * Sweep statistics against closed forms: the normal 95 % interval of a mean is
 * mean ± 1.959964·s/√n with s the sample standard deviation; P(destroyed) is the Wilson interval
 * of the summed probabilities; the smallest value reaching a goal is read off the sorted values.
 */

import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../../src/core/wilson.js";
import type { SalvoSample } from "../../src/engine/sweep-sample.js";
import { meanInterval, smallestReaching, sweepPoint } from "../../src/montecarlo/sweep-stats.js";

const sample = (pDestroyed: number, leaked: number): SalvoSample => ({
  pDestroyed,
  leaked,
  killed: 0,
  decoysKilled: 0,
  interceptors: 4,
  wasted: 0,
  flyerSeconds: 100,
});

describe("sweep statistics", () => {
  it("a mean's interval is mean ± z·s/√n", () => {
    // 1, 2, 3, 4: mean 2.5, s = √(5/3) = 1.290994, half-width 1.959964 · 1.290994 / 2 = 1.265148.
    const m = meanInterval([1, 2, 3, 4]);
    expect(m.mean).toBe(2.5);
    expect(m.upper - m.mean).toBeCloseTo(1.265148, 5);
    expect(m.mean - m.lower).toBeCloseTo(1.265148, 5);
  });

  it("a mean of counts never has a negative lower bound, however few the runs", () => {
    // 0 and 1 leaking: mean 0.5, s = 0.7071, half-width 1.959964 · 0.7071 / √2 = 0.98 > 0.5.
    const m = meanInterval([0, 1]);
    expect(m.lower).toBe(0);
    expect(m.upper).toBeCloseTo(0.5 + 0.979982, 5);
  });

  it("P(destroyed) is the Wilson interval of the summed run probabilities", () => {
    const p = sweepPoint(4, [sample(1, 1), sample(0.5, 1), sample(0, 0), sample(0.5, 1)]);
    expect(p.pDestroyed).toEqual(wilsonInterval(2, 4));
    expect(p.leaked.mean).toBe(0.75);
    expect(p.interceptors.upper).toBe(4);
  });

  it("the smallest value reaching the goal, by estimate and by lower bound", () => {
    const pts = [8, 1, 4, 2].map((v) =>
      sweepPoint(
        v,
        Array.from({ length: 50 }, (_, i) => sample(i < Math.min(50, v * 6.5) ? 1 : 0, 1)),
      ),
    );
    // Successes ⌈6.5·v⌉ of 50: 7, 13, 26, 50 → estimates 0.14, 0.26, 0.52, 1; the Wilson lower
    // bound of 26/50 is 0.39, so only v = 8 reaches 0.5 by its lower bound.
    expect(smallestReaching(pts, 0.5)).toEqual({ estimate: 4, lowerBound: 8 });
    expect(smallestReaching(pts, 0.99).estimate).toBe(8);
  });
});
