import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";

/**
 * Reference outputs of xoshiro128** 1.1 from Blackman and Vigna's public-domain C code
 * (prng.di.unimi.it/xoshiro128starstar.c, `next()` unchanged), compiled with gcc 12.2 -O2 on
 * 2026-11-25, state s = {0x01234567, 0x89abcdef, 0xdeadbeef, 0x0badf00d}, first 12 outputs.
 */
const REFERENCE = [
  2576975000, 1162350735, 1643173032, 2773097557, 901410421, 2333174503, 2671116222, 1745291542,
  4105866569, 156770058, 1003878485, 3992367913,
];

const draw = (r: Rng, n: number) => Array.from({ length: n }, () => r.nextUint32());

describe("Rng (xoshiro128**, named streams)", () => {
  it("reproduces the reference C implementation bit for bit", () => {
    const r = Rng.fromState(0x01234567, 0x89abcdef, 0xdeadbeef, 0x0badf00d);
    expect(draw(r, 12)).toEqual(REFERENCE);
  });

  it("keeps its seeding fixed (golden values: a change here changes every study's results)", () => {
    expect(draw(Rng.fromSeed(42), 4)).toEqual([3893519276, 520115463, 4280155694, 464320170]);
    expect(draw(Rng.fromSeed(42).stream("imu"), 4)).toEqual([
      3986881466, 305270144, 1417743687, 275313787,
    ]);
  });

  it("makes the first draw of a stream depend on the seed (uniform across seeds)", () => {
    // xoshiro128**'s first output depends on one state word only; seeding must fill it from the
    // whole seed, or every study would share its first draws.
    const n = 4000;
    for (const name of ["imu", "gnss", "seeker"]) {
      const bins = new Array<number>(20).fill(0);
      let sum = 0;
      let sum2 = 0;
      for (let seed = 0; seed < n; seed++) {
        const r = Rng.fromSeed(seed).stream(name);
        bins[Math.floor(r.uniform(0, 1) * 20)]++;
        const z = Rng.fromSeed(seed).stream(name).normal();
        sum += z;
        sum2 += z * z;
      }
      // Chi-square with 19 degrees of freedom: 43.8 is its 0.999 quantile.
      const chi2 = bins.reduce((a, b) => a + (b - n / 20) ** 2 / (n / 20), 0);
      expect(chi2).toBeLessThan(43.8);
      const variance = sum2 / n - (sum / n) ** 2;
      expect(Math.abs(variance - 1)).toBeLessThan(0.1);
    }
  });

  it("gives each named stream its own sequence, unaffected by draws elsewhere", () => {
    const a = Rng.fromSeed(7);
    const imu1 = draw(a.stream("imu"), 100);
    draw(a, 1000);
    draw(a.stream("gnss"), 1000);
    expect(draw(a.stream("imu"), 100)).toEqual(imu1);
    expect(draw(a.stream("gnss"), 100)).not.toEqual(imu1);
    expect(draw(Rng.fromSeed(8).stream("imu"), 100)).not.toEqual(imu1);
    // Nested streams differ from top-level ones of the same name.
    expect(draw(a.stream("threats").stream("site-3"), 50)).not.toEqual(
      draw(a.stream("site-3"), 50),
    );
  });

  it("restores from a checkpoint to the same continuation", () => {
    const a = Rng.fromSeed(99).stream("wind");
    draw(a, 37);
    const b = Rng.fromState(...a.state());
    expect(draw(b, 20)).toEqual(draw(a, 20));
    expect(draw(b.stream("x"), 5)).toEqual(draw(a.stream("x"), 5));
  });

  it("rejects bad seeds with a clear message", () => {
    expect(() => Rng.fromSeed(-1)).toThrow(/seed must be an integer/);
    expect(() => Rng.fromSeed(1.5)).toThrow(/seed must be an integer/);
    expect(() => Rng.fromSeed(Number.NaN)).toThrow(/seed must be an integer/);
    expect(() => Rng.fromSeed(2 ** 53)).toThrow(/seed must be an integer/);
    expect(() => Rng.fromSeed(2 ** 53 - 1)).not.toThrow();
  });

  it("draws uniforms with the right moments and a flat histogram (chi-square, 100 bins)", () => {
    const r = Rng.fromSeed(2026);
    const n = 1_000_000;
    const bins = new Float64Array(100);
    let sum = 0;
    let sum2 = 0;
    let lag = 0;
    let prev = r.next();
    let lo = 1;
    let hi = 0;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      if (u < lo) lo = u;
      if (u > hi) hi = u;
      sum += u;
      sum2 += u * u;
      lag += (u - 0.5) * (prev - 0.5);
      prev = u;
      bins[Math.floor(u * 100)]++;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    const mean = sum / n;
    const variance = sum2 / n - mean * mean;
    // Standard errors: 0.289/√n for the mean; 5σ bounds.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * (0.2887 / Math.sqrt(n)));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * (0.0745 / Math.sqrt(n)));
    expect(Math.abs(lag / n / (1 / 12))).toBeLessThan(5 / Math.sqrt(n));
    let chi2 = 0;
    for (const b of bins) chi2 += (b - n / 100) ** 2 / (n / 100);
    // 99 degrees of freedom: mean 99, sd 14; the 99.99th percentile is about 157.
    expect(chi2).toBeLessThan(157);
  });

  it("draws standard normals (mean, sd, 1σ fraction, skewness, kurtosis)", () => {
    const r = Rng.fromSeed(11).stream("normal");
    const n = 500_000;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let within = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s1 += z;
      s2 += z * z;
      s3 += z * z * z;
      s4 += z * z * z * z;
      if (Math.abs(z) < 1) within++;
    }
    const m = s1 / n;
    const v = s2 / n - m * m;
    expect(Math.abs(m)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(Math.sqrt(v) - 1)).toBeLessThan(5 * Math.sqrt(0.5 / n));
    expect(Math.abs(within / n - 0.682689)).toBeLessThan(5 * Math.sqrt((0.6827 * 0.3173) / n));
    expect(Math.abs(s3 / n)).toBeLessThan(5 * Math.sqrt(6 / n));
    expect(Math.abs(s4 / n - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
    const g = Rng.fromSeed(1);
    const x = new Float64Array(1000);
    g.fillNormal(x);
    expect(x.every(Number.isFinite)).toBe(true);
  });

  it("draws unbiased integers, Bernoulli trials and exponentials", () => {
    const r = Rng.fromSeed(5);
    const counts = [0, 0, 0];
    for (let i = 0; i < 300_000; i++) counts[r.int(3)]++;
    for (const c of counts)
      expect(Math.abs(c / 300_000 - 1 / 3)).toBeLessThan(5 * Math.sqrt(2 / 9 / 300_000));
    expect(() => r.int(0)).toThrow(RangeError);
    let hits = 0;
    for (let i = 0; i < 100_000; i++) if (r.bernoulli(0.2)) hits++;
    expect(Math.abs(hits / 100_000 - 0.2)).toBeLessThan(5 * Math.sqrt(0.16 / 100_000));
    let es = 0;
    for (let i = 0; i < 100_000; i++) es += r.exponential(4);
    expect(Math.abs(es / 100_000 - 0.25)).toBeLessThan(5 * (0.25 / Math.sqrt(100_000)));
  });

  it("has uncorrelated streams", () => {
    const a = Rng.fromSeed(3).stream("a");
    const b = Rng.fromSeed(3).stream("b");
    const n = 200_000;
    let c = 0;
    for (let i = 0; i < n; i++) c += (a.next() - 0.5) * (b.next() - 0.5);
    expect(Math.abs(c / n / (1 / 12))).toBeLessThan(5 / Math.sqrt(n));
  });
});
