import { describe, expect, it } from "vitest";
import { normalQuantile, wilsonInterval, zForConfidence } from "../../src/core/wilson.js";

/**
 * Φ⁻¹(p) to 20 significant digits from mpmath 1.3.0 (40-digit arithmetic) at the exact binary value
 * of each double p (so the reference does not include the error of writing 0.999999 in binary):
 * the root of ln(erfc(−x/√2)/2) = ln p (or = ln(1 − p), negated, above 0.5). Kept as strings so
 * all 20 digits stay readable.
 */
const NORMAL_QUANTILES: [number, string | number][] = [
  [0.5, 0],
  [0.6, "0.25334710313579974132"],
  [0.9, "1.2815515655446005935"],
  [0.925, "1.4395314709384562291"],
  [0.95, "1.6448536269514722843"],
  [0.975, "1.9599639845400538556"],
  [0.995, "2.5758293035489004539"],
  [0.999999, "4.7534243088170877657"],
  [0.025, "-1.9599639845400542118"],
  [0.075, "-1.4395314709384559349"],
  [1e-5, "-4.2648907939228246102"],
  [1e-10, "-6.3613409024040561991"],
  [1e-12, "-7.0344838253011319326"],
  [1e-20, "-9.2623400897984075796"],
  [1e-50, "-14.933337534788488981"],
  [1e-300, "-37.047096299361199237"],
];

describe("normalQuantile (Wichura AS 241)", () => {
  it("matches 20-digit reference values to 1e-13 relative, in the centre and both tails", () => {
    for (const [p, ref] of NORMAL_QUANTILES) {
      const x = Number(ref);
      const got = normalQuantile(p);
      expect(Math.abs(got - x)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(x)));
    }
  });

  it("is antisymmetric, infinite at 0 and 1, and rejects other inputs", () => {
    // Values whose complement 1 − p is exact in binary.
    for (const p of [2 ** -20, 0.0625, 0.25, 0.375]) {
      expect(normalQuantile(1 - p)).toBe(-normalQuantile(p));
    }
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    for (const p of [-0.1, 1.1, Number.NaN]) expect(() => normalQuantile(p)).toThrow(RangeError);
  });

  it("gives the usual two-sided critical values", () => {
    expect(zForConfidence(0.95)).toBeCloseTo(1.959963984540054, 14);
    expect(zForConfidence(0.99)).toBeCloseTo(2.5758293035489004, 14);
    expect(zForConfidence(0.9)).toBeCloseTo(1.6448536269514722, 14);
    expect(() => zForConfidence(1)).toThrow(RangeError);
  });
});

describe("wilsonInterval", () => {
  /**
   * R. G. Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison
   * of seven methods", Statistics in Medicine 17, 857–872, Table I, method 3 (Wilson score, no
   * continuity correction), 95%, to the four decimals printed there. Checked independently from the
   * formula (Python, z = 1.959964 and z = 1.96 both round to these values).
   */
  const NEWCOMBE_TABLE_I: [number, number, number, number][] = [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ];

  it("reproduces Newcombe (1998) Table I", () => {
    for (const [x, n, lo, hi] of NEWCOMBE_TABLE_I) {
      const w = wilsonInterval(x, n, 0.95);
      expect(w.lower).toBeCloseTo(lo, 4);
      expect(w.upper).toBeCloseTo(hi, 4);
      expect(w.p).toBe(x / n);
      expect(w.lower).toBeLessThanOrEqual(w.p ?? Number.NaN);
      expect(w.upper).toBeGreaterThanOrEqual(w.p ?? Number.NaN);
    }
  });

  it("has exact ends at 0 and n, and the closed form there", () => {
    const z = zForConfidence(0.95);
    const zero = wilsonInterval(0, 20);
    expect(zero.lower).toBe(0);
    expect(zero.upper).toBeCloseTo((z * z) / (20 + z * z), 15);
    const all = wilsonInterval(20, 20);
    expect(all.upper).toBe(1);
    expect(all.lower).toBeCloseTo(20 / (20 + z * z), 15);
  });

  it("is [0, 1] with p = null for no trials, and rejects bad counts", () => {
    expect(wilsonInterval(0, 0)).toEqual({
      successes: 0,
      trials: 0,
      p: null,
      lower: 0,
      upper: 1,
      confidence: 0.95,
    });
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 2.5)).toThrow(RangeError);
  });

  it("accepts a fractional (expected) count and widens with confidence", () => {
    const w = wilsonInterval(12.5, 40);
    expect(w.p).toBe(12.5 / 40);
    expect(w.lower).toBeGreaterThan(wilsonInterval(13, 40).lower - 0.02);
    expect(w.lower).toBeLessThan(w.p ?? 0);
    const w99 = wilsonInterval(12.5, 40, 0.99);
    expect(w99.lower).toBeLessThan(w.lower);
    expect(w99.upper).toBeGreaterThan(w.upper);
  });
});
