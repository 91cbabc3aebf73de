import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import {
  nearestRank,
  orderStatisticInterval,
  QuantileSketch,
  sketchRelativeAccuracy,
} from "../../src/montecarlo/quantile-sketch.js";

/** Radial misses of a circular normal with standard deviation sigma per axis (Rayleigh radii). */
function rayleigh(rng: Rng, sigma: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.hypot(sigma * rng.normal(), sigma * rng.normal());
  return out;
}

/** Nearest-rank quantile of sorted values. */
function exactQuantile(sorted: Float64Array, q: number): number {
  return sorted[nearestRank(q, sorted.length) - 1];
}

const CEP50_PER_SIGMA = Math.sqrt(2 * Math.LN2); // 1.1774
const CEP90_PER_SIGMA = Math.sqrt(2 * Math.LN10); // 2.1460

describe("orderStatisticInterval (exact binomial ranks)", () => {
  /** Reference ranks and coverage from scipy 1.17.1 (scipy.stats.binom cdf/sf), 95%. */
  const SCIPY: [number, number, number, number | null, number][] = [
    [20, 0.5, 6, 15, 0.9586105346679688],
    [10, 0.9, 7, null, 0.9872048016],
    [100, 0.5, 40, 61, 0.9647997997822952],
    [500, 0.9, 436, 464, 0.9633952970027854],
    [1000, 0.5, 469, 532, 0.9537088026395018],
    [100000, 0.9, 89814, 90187, 0.9506904155331435],
    [100000, 0.5, 49690, 50311, 0.9504442853304775],
  ];

  it("matches scipy's binomial ranks and coverage", () => {
    for (const [n, q, l, u, cov] of SCIPY) {
      const r = orderStatisticInterval(n, q, 0.95);
      expect([n, q, r.lowerRank, r.upperRank]).toEqual([n, q, l, u]);
      expect(r.coverage).toBeCloseTo(cov, 10);
    }
  });

  it("has no lower bound when even the smallest value is too high", () => {
    // P(B ≤ 0) = 0.5^3 = 0.125 > 0.025 for the median of 3 values.
    expect(orderStatisticInterval(3, 0.5, 0.95)).toMatchObject({
      lowerRank: null,
      upperRank: null,
    });
    expect(orderStatisticInterval(3, 0.5, 0.95).coverage).toBe(1);
  });
});

describe("QuantileSketch", () => {
  it("returns every order statistic in 1 mm – 10,000 km within its relative accuracy", () => {
    const rng = Rng.fromSeed(1).stream("values");
    const alpha = sketchRelativeAccuracy(9);
    expect(alpha).toBeCloseTo(1 / 1025, 15);
    const xs = new Float64Array(20000);
    for (let i = 0; i < xs.length; i++) xs[i] = 10 ** rng.uniform(-3, 7);
    const s = new QuantileSketch({ exactCapacity: 0 });
    for (const x of xs) s.add(x);
    xs.sort();
    let worst = 0;
    for (let k = 1; k <= xs.length; k++) {
      const x = xs[k - 1];
      worst = Math.max(worst, Math.abs(s.valueAtRank(k) - x) / x);
      expect(s.lowerBoundAtRank(k)).toBeLessThanOrEqual(x);
      expect(s.upperBoundAtRank(k)).toBeGreaterThanOrEqual(x);
    }
    expect(worst).toBeLessThanOrEqual(alpha * (1 + 1e-12));
    expect(worst).toBeGreaterThan(alpha * 0.9); // the bound is nearly reached
  });

  it("is exact for small studies and switches to the sketch past its exact capacity", () => {
    const rng = Rng.fromSeed(2).stream("cep");
    const xs = rayleigh(rng, 10, 101);
    const s = new QuantileSketch({ exactCapacity: 100 });
    for (let i = 0; i < 100; i++) s.add(xs[i]);
    const sorted = xs.slice(0, 100).sort();
    expect(s.isExact).toBe(true);
    expect(s.quantile(0.5)).toBe(sorted[49]);
    expect(s.quantile(0.9)).toBe(sorted[89]);
    const ci = s.quantileWithInterval(0.5);
    expect(ci.lower).toBe(sorted[39]); // ranks 40 and 61 for n = 100 (see above)
    expect(ci.upper).toBe(sorted[60]);
    s.add(xs[100]);
    expect(s.isExact).toBe(false);
    const all = xs.slice().sort();
    const q = exactQuantile(all, 0.9);
    expect(Math.abs((s.quantile(0.9) ?? 0) - q) / q).toBeLessThanOrEqual(s.relativeAccuracy);
    expect(s.quantile(0)).toBe(all[0]);
    expect(s.quantile(1)).toBe(all[100]);
  });

  it("handles empty sketches, zeros and rejects bad values", () => {
    const s = new QuantileSketch();
    expect(s.quantile(0.5)).toBeNull();
    expect(s.quantileWithInterval(0.5)).toMatchObject({ n: 0, estimate: null, lower: null });
    for (const x of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => s.add(x)).toThrow(RangeError);
    }
    const z = new QuantileSketch({ exactCapacity: 0 });
    for (let i = 0; i < 10; i++) z.add(i < 5 ? 0 : 1e-4);
    // Below 2^-10 m the error is absolute, under 0.98 mm (here the clamp to the maximum, 0.1 mm).
    expect(z.quantile(0.5)).toBeLessThan(2 ** -10);
    expect(z.quantile(0.1)).toBe(0); // rank 1: the exact minimum
    expect(z.quantile(0.6)).toBe(1e-4); // clamped to the exact maximum
  });

  it("estimates CEP50 and CEP90 of a circular normal at 1e5 samples (Rayleigh radii)", () => {
    const sigma = 7.5;
    const xs = rayleigh(Rng.fromSeed(3).stream("cep"), sigma, 100_000);
    const s = new QuantileSketch();
    for (const x of xs) s.add(x);
    const sorted = xs.slice().sort();
    for (const [q, truth] of [
      [0.5, CEP50_PER_SIGMA * sigma],
      [0.9, CEP90_PER_SIGMA * sigma],
    ]) {
      const e = s.quantileWithInterval(q, 0.95);
      const sample = exactQuantile(sorted, q);
      // The sketch against the sample quantile: within its relative accuracy.
      expect(Math.abs((e.estimate ?? 0) - sample) / sample).toBeLessThanOrEqual(s.relativeAccuracy);
      // The interval contains the exact order-statistic interval and the true CEP.
      expect(e.lower).toBeLessThanOrEqual(sorted[(e.lowerRank ?? 0) - 1]);
      expect(e.upper).toBeGreaterThanOrEqual(sorted[(e.upperRank ?? 0) - 1]);
      expect(e.lower).toBeLessThanOrEqual(truth);
      expect(e.upper).toBeGreaterThanOrEqual(truth);
      // And is tight: about ±0.5 % (CEP50) and ±0.6 % (CEP90) at this sample size.
      expect(((e.upper ?? 0) - (e.lower ?? 0)) / truth).toBeLessThan(0.015);
      expect(Math.abs((e.estimate ?? 0) - truth) / truth).toBeLessThan(0.01);
    }
  });

  it("has confidence intervals that cover the true CEP in about 95 % of 200 studies of 500 runs", () => {
    const sigma = 20;
    const truth = { 0.5: CEP50_PER_SIGMA * sigma, 0.9: CEP90_PER_SIGMA * sigma };
    const covered = { exact: { 0.5: 0, 0.9: 0 }, sketch: { 0.5: 0, 0.9: 0 } };
    const root = Rng.fromSeed(4);
    for (let study = 0; study < 200; study++) {
      const xs = rayleigh(root.stream(`study-${study}`), sigma, 500);
      const exact = new QuantileSketch(); // 500 ≤ 1024: exact order statistics
      const sketch = new QuantileSketch({ exactCapacity: 0 }); // buckets only
      for (const x of xs) {
        exact.add(x);
        sketch.add(x);
      }
      for (const q of [0.5, 0.9] as const) {
        for (const [name, s] of [
          ["exact", exact],
          ["sketch", sketch],
        ] as const) {
          const e = s.quantileWithInterval(q, 0.95);
          if ((e.lower ?? 0) <= truth[q] && truth[q] <= (e.upper ?? Number.POSITIVE_INFINITY)) {
            covered[name][q] += 1;
          }
        }
      }
    }
    for (const name of ["exact", "sketch"] as const) {
      for (const q of [0.5, 0.9] as const) {
        const rate = covered[name][q] / 200;
        expect(rate, `${name} q=${q}`).toBeGreaterThanOrEqual(0.9);
        expect(rate, `${name} q=${q}`).toBeLessThanOrEqual(0.99);
      }
    }
  });

  it("merges exactly: any split gives the same state and estimates as one sketch", () => {
    const xs = rayleigh(Rng.fromSeed(5).stream("cep"), 3, 5000);
    for (const capacity of [0, 1024, 8000]) {
      const one = new QuantileSketch({ exactCapacity: capacity });
      for (const x of xs) one.add(x);
      // Three parts, merged in a different order, the last part fed backwards.
      const parts = [xs.subarray(0, 1234), xs.subarray(1234, 1240), xs.subarray(1240)];
      const [a, b, c] = parts.map(() => new QuantileSketch({ exactCapacity: capacity }));
      for (const x of parts[0]) a.add(x);
      for (const x of parts[1]) b.add(x);
      for (let i = parts[2].length - 1; i >= 0; i--) c.add(parts[2][i]);
      c.merge(a);
      b.merge(c);
      const stateOne = one.toJSON();
      const stateMerged = b.toJSON();
      expect(stateMerged.buckets).toEqual(stateOne.buckets);
      expect([stateMerged.count, stateMerged.min, stateMerged.max]).toEqual([
        stateOne.count,
        stateOne.min,
        stateOne.max,
      ]);
      for (const q of [0.5, 0.9]) {
        expect(JSON.stringify(b.quantileWithInterval(q))).toBe(
          JSON.stringify(one.quantileWithInterval(q)),
        );
      }
    }
    expect(() => new QuantileSketch().merge(new QuantileSketch({ exactCapacity: 3 }))).toThrow(
      RangeError,
    );
  });

  it("round-trips its state through JSON", () => {
    const xs = rayleigh(Rng.fromSeed(6).stream("cep"), 50, 3000);
    for (const capacity of [0, 5000]) {
      const s = new QuantileSketch({ exactCapacity: capacity });
      for (const x of xs) s.add(x);
      const back = QuantileSketch.fromJSON(JSON.parse(JSON.stringify(s)));
      expect(JSON.stringify(back)).toBe(JSON.stringify(s));
      expect(back.quantileWithInterval(0.9)).toEqual(s.quantileWithInterval(0.9));
    }
  });

  it("merges a serialised state in place exactly as merge(fromJSON(state)) (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { maxLength: 60 }),
        fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { maxLength: 60 }),
        fc.constantFrom(0, 1, 30, 50, 200),
        (xs, ys, capacity) => {
          const fill = (vs: number[]) => {
            const s = new QuantileSketch({ exactCapacity: capacity, subBucketsLog2: 6 });
            for (const v of vs) s.add(v);
            return s;
          };
          const state = JSON.parse(JSON.stringify(fill(ys)));
          const viaObject = fill(xs);
          viaObject.merge(QuantileSketch.fromJSON(state));
          const inPlace = fill(xs);
          inPlace.mergeState(state);
          expect(JSON.stringify(inPlace)).toBe(JSON.stringify(viaObject));
          expect(inPlace.quantileWithInterval(0.5)).toEqual(viaObject.quantileWithInterval(0.5));
        },
      ),
      { numRuns: 200, seed: 23 },
    );
  });

  it("checks a serialised state before merging any of it", () => {
    const s = new QuantileSketch({ exactCapacity: 4 });
    for (const x of [1, 2, 3]) s.add(x);
    const good = s.toJSON();
    const bad: [string, unknown][] = [
      ["count", { ...good, count: 4 }],
      ["bucket", { ...good, buckets: [...good.buckets, [1e9, 1]] }],
      ["exact", { ...good, exact: [1, 2] }],
      ["options", { ...good, exactCapacity: 5 }],
      ["min", { ...good, min: null }],
    ];
    for (const [what, state] of bad) {
      const target = new QuantileSketch({ exactCapacity: 4 });
      target.add(7);
      const before = JSON.stringify(target);
      expect(() => target.mergeState(state as typeof good), what).toThrow(RangeError);
      expect(JSON.stringify(target), what).toBe(before);
    }
  });

  it("keeps fixed memory: no internal array grows after 1e5 values", () => {
    const s = new QuantileSketch();
    const before = s.sizes();
    const rng = Rng.fromSeed(7).stream("cep");
    for (let i = 0; i < 100_000; i++) s.add(10 ** rng.uniform(-4, 8));
    expect(s.sizes()).toEqual(before);
    expect(before.buckets).toBe(34 * 512 + 2);
  });
});
