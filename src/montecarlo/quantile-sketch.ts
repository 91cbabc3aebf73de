/**
 * A fixed-memory, mergeable, deterministic quantile sketch for non-negative values (radial miss
 * distances in metres), with distribution-free confidence intervals for quantiles.
 *
 * Buckets. The idea is DDSketch's (C. Masson, J. E. Rim and H. K. Lee (2019), "DDSketch: a fast
 * and fully-mergeable quantile sketch with relative-error guarantees", PVLDB 12(12), 2195–2205):
 * bucket boundaries grow geometrically, so every value is represented to a fixed *relative*
 * accuracy, and two sketches merge by adding bucket counts. The index mapping here is the
 * "log-linear" one of that paper's §4 (also HdrHistogram's): the binary exponent of the value and
 * the top `s` bits of its mantissa, read straight from the IEEE-754 bits. That needs no logarithm,
 * so the mapping is exact and identical on every platform and engine. Each octave [2^e, 2^(e+1))
 * is cut into M = 2^s equal buckets [lo, hi); a bucket is reported as 2·lo·hi/(lo + hi), whose
 * relative error for any value in the bucket is at most (hi − lo)/(hi + lo) ≤ 1/(2M + 1):
 * 9.76e-4 for the default s = 9. Octaves cover 2^-10 m (0.98 mm) to 2^24 m (16,777 km), 34 octaves
 * and 17,408 buckets (139 kB), plus an underflow bucket [0, 2^-10) (absolute error < 0.98 mm) and
 * an overflow bucket [2^24, ∞) (reported as the exact maximum). The exact minimum and maximum are
 * kept, every estimate is clamped to them, and the first and last order statistics are exact.
 *
 * Small studies. The first `exactCapacity` values (default 1024) are also stored as they are; while
 * the count is at most that, quantiles and their intervals come from the sorted values and are
 * exact. The rule "exact if and only if count ≤ exactCapacity" holds for merges too, so a result
 * never depends on how the values were split or ordered.
 *
 * Quantile. The nearest-rank definition: the q-quantile of n values is the k-th smallest with
 * k = ⌈q·n⌉ (at least 1), the inverse of the empirical distribution function. The sketch returns
 * a value within the relative accuracy of that order statistic.
 *
 * Confidence interval. Distribution-free, from order statistics (e.g. W. J. Conover (1999),
 * Practical Nonparametric Statistics, 3rd ed., §3.2; G. J. Hahn and W. Q. Meeker (1991),
 * Statistical Intervals, §5.2): with B ~ Binomial(n, q) the number of values at or below the true
 * quantile ξ_q of a continuous distribution, P(X_(l) ≤ ξ_q ≤ X_(u)) = P(l ≤ B ≤ u − 1). The lower
 * rank l is the largest with P(B ≤ l − 1) ≤ α/2 and the upper rank u the smallest with
 * P(B ≥ u) ≤ α/2, from the exact binomial distribution, so the coverage is at least 1 − α (it is
 * reported). When no rank qualifies (too few values for that tail) the bound is null. Ranks map to
 * values through the sketch conservatively: the lower bound is the lower edge of the bucket holding
 * X_(l) and the upper bound the upper edge of the bucket holding X_(u), so the reported interval
 * always contains the exact order-statistic interval.
 */

/** Options fixed at construction; sketches merge only with the same options. */
export interface QuantileSketchOptions {
  /** Mantissa bits per octave, s: M = 2^s buckets per octave; 1 … 20, default 9. */
  readonly subBucketsLog2?: number;
  /** How many values are stored exactly while the count is at most this; default 1024. */
  readonly exactCapacity?: number;
}

/** A quantile estimate with its confidence interval (JSON-ready; null where undefined). */
export interface QuantileEstimate {
  /** The quantile level q, e.g. 0.5 for CEP50. */
  readonly q: number;
  /** Number of values the estimate rests on. */
  readonly n: number;
  /** The nearest-rank q-quantile (null with no values). */
  readonly estimate: number | null;
  /** Confidence bounds (null when the sample is too small for that tail at this confidence). */
  readonly lower: number | null;
  readonly upper: number | null;
  /** The order-statistic ranks behind the bounds (1-based). */
  readonly lowerRank: number | null;
  readonly upperRank: number | null;
  /** The requested two-sided confidence level. */
  readonly confidence: number;
  /** The exact binomial coverage P(l ≤ B ≤ u − 1) of the rank interval (≥ confidence when both bounds exist). */
  readonly coverage: number | null;
}

/** The serialisable state of a sketch (JSON-safe: no Infinity, no NaN, no typed arrays). */
export interface QuantileSketchState {
  readonly version: 1;
  readonly subBucketsLog2: number;
  readonly exactCapacity: number;
  readonly count: number;
  readonly min: number | null;
  readonly max: number | null;
  /** The stored values while count ≤ exactCapacity (in insertion order), else null. */
  readonly exact: number[] | null;
  /** Non-empty buckets as [index, count] pairs, by increasing index. */
  readonly buckets: [number, number][];
}

/** Lowest binary exponent with its own octave: values below 2^-10 m go to the underflow bucket. */
export const SKETCH_MIN_EXPONENT = -10;
/** One past the highest octave: values of 2^24 m and above go to the overflow bucket. */
export const SKETCH_MAX_EXPONENT = 24;
const LOW = 2 ** SKETCH_MIN_EXPONENT;
const HIGH = 2 ** SKETCH_MAX_EXPONENT;
const OCTAVES = SKETCH_MAX_EXPONENT - SKETCH_MIN_EXPONENT;

// Scratch for reading the bits of a double (big-endian DataView: word 0 holds sign, exponent and
// the top 20 mantissa bits, whatever the platform's byte order).
const BITS = new DataView(new ArrayBuffer(8));

/**
 * The relative accuracy 1/(2M + 1), M = 2^subBucketsLog2, of a sketch's estimates for values from
 * 2^-10 m to 2^24 m.
 */
export function sketchRelativeAccuracy(subBucketsLog2: number): number {
  return 1 / (2 * 2 ** subBucketsLog2 + 1);
}

/**
 * The rank of the nearest-rank q-quantile of n values: ⌈q·n⌉ clamped to [1, n], computed with a
 * relative tolerance of 1e-12 so that e.g. 0.9·30 gives 27 and not 28 from rounding.
 */
export function nearestRank(q: number, n: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile level must be in [0, 1], got ${q}`);
  const r = q * n;
  return Math.min(n, Math.max(1, Math.ceil(r - r * 1e-12)));
}

/** Ranks of the distribution-free order-statistic confidence interval for a quantile. */
export interface OrderStatisticInterval {
  /** 1-based rank l of the lower bound X_(l), or null if even X_(1) is not low enough. */
  readonly lowerRank: number | null;
  /** 1-based rank u of the upper bound X_(u), or null if even X_(n) is not high enough. */
  readonly upperRank: number | null;
  /** Exact P(l ≤ B ≤ u − 1), B ~ Binomial(n, q), with a missing bound taken as unbounded. */
  readonly coverage: number;
}

/**
 * The ranks (l, u) with P(B ≤ l − 1) ≤ α/2 (l largest) and P(B ≥ u) ≤ α/2 (u smallest), B ~
 * Binomial(n, q), α = 1 − confidence. The binomial probabilities are summed exactly over the
 * terms within a factor 1e-40 of the mode (all terms for small n; about 27·√(nq(1 − q)) terms in
 * general), found by the ratio recursion and normalised by their sum, so no log-gamma is needed
 * and the cost is O(√n).
 */
export function orderStatisticInterval(
  n: number,
  q: number,
  confidence: number,
): OrderStatisticInterval {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`n must be an integer ≥ 1, got ${n}`);
  if (!(q > 0 && q < 1)) throw new RangeError(`quantile level must be in (0, 1), got ${q}`);
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  }
  const tail = (1 - confidence) / 2;
  const { start, terms, total } = binomialTerms(n, q);
  const end = start + terms.length - 1;
  // Lower: largest k with P(B ≤ k) ≤ tail (k = start − 1 qualifies: its mass is below 1e-40).
  let k = start - 1;
  let cum = 0;
  for (let i = 0; i < terms.length; i++) {
    const c = cum + terms[i] / total;
    if (c > tail) break;
    cum = c;
    k = start + i;
  }
  const lowerRank = k + 1 >= 1 ? k + 1 : null;
  const lowerTail = lowerRank === null ? 0 : cum;
  // Upper: smallest u with P(B ≥ u) ≤ tail.
  let u = end + 1;
  let sur = 0;
  for (let i = terms.length - 1; i >= 0; i--) {
    const s = sur + terms[i] / total;
    if (s > tail) break;
    sur = s;
    u = start + i;
  }
  const upperRank = u <= n ? u : null;
  const upperTail = upperRank === null ? 0 : sur;
  return { lowerRank, upperRank, coverage: 1 - lowerTail - upperTail };
}

/** Unnormalised Binomial(n, q) probabilities around the mode, with their sum. */
function binomialTerms(n: number, q: number): { start: number; terms: number[]; total: number } {
  const CUTOFF = 1e-40;
  const odds = q / (1 - q);
  const mode = Math.min(n, Math.floor((n + 1) * q));
  const down: number[] = [];
  let t = 1;
  for (let k = mode; k > 0; k--) {
    // P(k − 1)/P(k) = k / ((n − k + 1)·odds)
    t *= k / ((n - k + 1) * odds);
    if (t < CUTOFF) break;
    down.push(t);
  }
  const up: number[] = [];
  t = 1;
  for (let k = mode; k < n; k++) {
    // P(k + 1)/P(k) = (n − k)·odds / (k + 1)
    t *= ((n - k) * odds) / (k + 1);
    if (t < CUTOFF) break;
    up.push(t);
  }
  const terms: number[] = [];
  for (let i = down.length - 1; i >= 0; i--) terms.push(down[i]);
  terms.push(1);
  for (const v of up) terms.push(v);
  // Sum from the smallest terms inwards for accuracy (fixed order: deterministic).
  let total = 0;
  let lo = 0;
  let hi = terms.length - 1;
  while (lo <= hi) {
    if (terms[lo] <= terms[hi]) total += terms[lo++];
    else total += terms[hi--];
  }
  return { start: mode - down.length, terms, total };
}

/** See the module notes. */
export class QuantileSketch {
  readonly subBucketsLog2: number;
  readonly exactCapacity: number;
  /** Relative accuracy of estimates for values in [2^-10, 2^24) m. */
  readonly relativeAccuracy: number;
  private readonly m: number;
  /** counts[0]: underflow; counts[1 … OCTAVES·M]: the octaves; counts[last]: overflow. */
  private readonly counts: Float64Array;
  private readonly exact: Float64Array;
  private readonly sorted: Float64Array;
  private sortedValid = false;
  private n = 0;
  private lo = Number.POSITIVE_INFINITY;
  private hi = Number.NEGATIVE_INFINITY;

  constructor(options: QuantileSketchOptions = {}) {
    const s = options.subBucketsLog2 ?? 9;
    const k = options.exactCapacity ?? 1024;
    if (!(Number.isInteger(s) && s >= 1 && s <= 20)) {
      throw new RangeError(`subBucketsLog2 must be an integer from 1 to 20, got ${s}`);
    }
    if (!(Number.isInteger(k) && k >= 0 && k <= 1e7)) {
      throw new RangeError(`exactCapacity must be an integer from 0 to 1e7, got ${k}`);
    }
    this.subBucketsLog2 = s;
    this.exactCapacity = k;
    this.relativeAccuracy = sketchRelativeAccuracy(s);
    this.m = 2 ** s;
    this.counts = new Float64Array(OCTAVES * this.m + 2);
    this.exact = new Float64Array(k);
    this.sorted = new Float64Array(k);
  }

  /** Number of values added. */
  get count(): number {
    return this.n;
  }

  /** Smallest value added (null when empty). */
  get min(): number | null {
    return this.n > 0 ? this.lo : null;
  }

  /** Largest value added (null when empty). */
  get max(): number | null {
    return this.n > 0 ? this.hi : null;
  }

  /** Whether quantiles are exact (count ≤ exactCapacity). */
  get isExact(): boolean {
    return this.n <= this.exactCapacity;
  }

  /** Add one finite value ≥ 0 (RangeError otherwise). */
  add(x: number): void {
    if (!(x >= 0 && x < Number.POSITIVE_INFINITY)) {
      throw new RangeError(`QuantileSketch takes finite values ≥ 0, got ${x}`);
    }
    if (x === 0) x = 0; // −0 → +0, so stored values serialise identically
    this.counts[this.bucketOf(x)] += 1;
    if (this.n < this.exactCapacity) this.exact[this.n] = x;
    this.n += 1;
    this.sortedValid = false;
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
  }

  /** Add another sketch's values to this one (same options required). */
  merge(other: QuantileSketch): void {
    if (
      other.subBucketsLog2 !== this.subBucketsLog2 ||
      other.exactCapacity !== this.exactCapacity
    ) {
      throw new RangeError("QuantileSketch.merge needs sketches with the same options");
    }
    const on = other.n;
    if (on === 0) return;
    if (this.n + on <= this.exactCapacity) {
      // Both are exact (each count ≤ the combined one); append the other's stored values.
      this.exact.set(other.exact.subarray(0, on), this.n);
    }
    this.n += on;
    this.sortedValid = false;
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
    // The long loop comes last: V8 compiles it on-stack while the first merge still runs it, and
    // statements after it that had not yet run once made that code de-optimise on every later
    // merge (hundreds of times in a 10-run study).
    const c = this.counts;
    const oc = other.counts;
    for (let i = 0; i < c.length; i++) c[i] += oc[i];
  }

  /** The nearest-rank q-quantile (null when empty). */
  quantile(q: number): number | null {
    if (this.n === 0) return null;
    return this.valueAtRank(nearestRank(q, this.n));
  }

  /** The k-th smallest value (1-based): exact while isExact, else within the relative accuracy. */
  valueAtRank(k: number): number {
    this.checkRank(k);
    if (this.isExact) return this.sortedValues()[k - 1];
    if (k === 1) return this.lo;
    if (k === this.n) return this.hi;
    const b = this.bucketAtRank(k);
    return this.clamp(this.representative(b));
  }

  /** A value ≤ the k-th smallest: exact while isExact, else the lower edge of its bucket. */
  lowerBoundAtRank(k: number): number {
    this.checkRank(k);
    if (this.isExact) return this.sortedValues()[k - 1];
    if (k === 1) return this.lo;
    return this.clamp(this.lowerEdge(this.bucketAtRank(k)));
  }

  /** A value ≥ the k-th smallest: exact while isExact, else the upper edge of its bucket. */
  upperBoundAtRank(k: number): number {
    this.checkRank(k);
    if (this.isExact) return this.sortedValues()[k - 1];
    if (k === this.n) return this.hi;
    return this.clamp(this.upperEdge(this.bucketAtRank(k)));
  }

  /** The q-quantile with its distribution-free confidence interval (see the module notes). */
  quantileWithInterval(q: number, confidence = 0.95): QuantileEstimate {
    if (!(q > 0 && q < 1)) throw new RangeError(`quantile level must be in (0, 1), got ${q}`);
    const n = this.n;
    if (n === 0) {
      return {
        q,
        n,
        estimate: null,
        lower: null,
        upper: null,
        lowerRank: null,
        upperRank: null,
        confidence,
        coverage: null,
      };
    }
    const ranks = orderStatisticInterval(n, q, confidence);
    return {
      q,
      n,
      estimate: this.valueAtRank(nearestRank(q, n)),
      lower: ranks.lowerRank === null ? null : this.lowerBoundAtRank(ranks.lowerRank),
      upper: ranks.upperRank === null ? null : this.upperBoundAtRank(ranks.upperRank),
      lowerRank: ranks.lowerRank,
      upperRank: ranks.upperRank,
      confidence,
      coverage: ranks.coverage,
    };
  }

  /** Lengths of the internal arrays (constant for the sketch's life; for memory tests). */
  sizes(): { buckets: number; exact: number } {
    return { buckets: this.counts.length, exact: this.exact.length + this.sorted.length };
  }

  /** The serialisable state (for moving partial results between processes). */
  toJSON(): QuantileSketchState {
    const buckets: [number, number][] = [];
    const c = this.counts;
    for (let i = 0; i < c.length; i++) if (c[i] !== 0) buckets.push([i, c[i]]);
    return {
      version: 1,
      subBucketsLog2: this.subBucketsLog2,
      exactCapacity: this.exactCapacity,
      count: this.n,
      min: this.min,
      max: this.max,
      exact: this.isExact ? Array.from(this.exact.subarray(0, this.n)) : null,
      buckets,
    };
  }

  /** Rebuild a sketch from toJSON()'s state (validated). */
  static fromJSON(state: QuantileSketchState): QuantileSketch {
    if (state.version !== 1) throw new RangeError(`unknown QuantileSketch state version`);
    const s = new QuantileSketch({
      subBucketsLog2: state.subBucketsLog2,
      exactCapacity: state.exactCapacity,
    });
    s.mergeState(state);
    return s;
  }

  /**
   * RangeError unless `state` is a valid toJSON() state of a sketch with this one's options (this
   * sketch is not changed).
   */
  checkState(state: QuantileSketchState): void {
    if (state.version !== 1) throw new RangeError(`unknown QuantileSketch state version`);
    if (
      state.subBucketsLog2 !== this.subBucketsLog2 ||
      state.exactCapacity !== this.exactCapacity
    ) {
      throw new RangeError("QuantileSketch.merge needs sketches with the same options");
    }
    let total = 0;
    for (const [i, c] of state.buckets) {
      if (
        !(Number.isInteger(i) && i >= 0 && i < this.counts.length && Number.isInteger(c) && c > 0)
      ) {
        throw new RangeError(`bad QuantileSketch bucket [${i}, ${c}]`);
      }
      total += c;
    }
    if (total !== state.count) throw new RangeError("QuantileSketch state count mismatch");
    if (state.count > 0 && (state.min === null || state.max === null)) {
      throw new RangeError("missing min/max");
    }
    if (state.count <= this.exactCapacity && state.exact?.length !== state.count) {
      throw new RangeError("QuantileSketch state lacks its exact values");
    }
  }

  /**
   * Add the values of a serialised sketch (validated first; same options required): what
   * merge(fromJSON(state)) gives, without building the other sketch (a chunk summary carries ~100
   * of them, and building each allocated ~13 kB the coordinator only read once).
   */
  mergeState(state: QuantileSketchState): void {
    this.checkState(state);
    const on = state.count;
    if (on === 0) return;
    if (this.n + on <= this.exactCapacity) {
      // Both are exact (each count ≤ the combined one); append the other's stored values.
      this.exact.set(state.exact as number[], this.n);
    }
    this.n += on;
    this.sortedValid = false;
    const lo = state.min as number;
    const hi = state.max as number;
    if (lo < this.lo) this.lo = lo;
    if (hi > this.hi) this.hi = hi;
    const c = this.counts;
    for (const [i, k] of state.buckets) c[i] += k;
  }

  private checkRank(k: number): void {
    if (!(Number.isInteger(k) && k >= 1 && k <= this.n)) {
      throw new RangeError(`rank must be an integer from 1 to ${this.n}, got ${k}`);
    }
  }

  private sortedValues(): Float64Array {
    const view = this.sorted.subarray(0, this.n);
    if (!this.sortedValid) {
      view.set(this.exact.subarray(0, this.n));
      view.sort();
      this.sortedValid = true;
    }
    return view;
  }

  private clamp(x: number): number {
    return Math.min(this.hi, Math.max(this.lo, x));
  }

  /** Index of the bucket holding the k-th smallest value. */
  private bucketAtRank(k: number): number {
    const c = this.counts;
    let cum = 0;
    for (let i = 0; i < c.length; i++) {
      cum += c[i];
      if (cum >= k) return i;
    }
    return c.length - 1; // unreachable while the counts sum to n
  }

  private bucketOf(x: number): number {
    if (x < LOW) return 0;
    if (x >= HIGH) return this.counts.length - 1;
    BITS.setFloat64(0, x);
    const w = BITS.getUint32(0);
    const e = (w >>> 20) - 1023; // x is a positive normal number here
    const j = (w & 0xfffff) >>> (20 - this.subBucketsLog2);
    return 1 + (e - SKETCH_MIN_EXPONENT) * this.m + j;
  }

  private lowerEdge(b: number): number {
    if (b === 0) return 0;
    if (b === this.counts.length - 1) return HIGH;
    const i = b - 1;
    const j = i % this.m;
    return 2 ** ((i - j) / this.m + SKETCH_MIN_EXPONENT) * (1 + j / this.m);
  }

  private upperEdge(b: number): number {
    if (b === 0) return LOW;
    if (b === this.counts.length - 1) return this.hi;
    const i = b - 1;
    const j = i % this.m;
    return 2 ** ((i - j) / this.m + SKETCH_MIN_EXPONENT) * (1 + (j + 1) / this.m);
  }

  private representative(b: number): number {
    if (b === 0) return LOW / 2;
    if (b === this.counts.length - 1) return this.hi;
    const lo = this.lowerEdge(b);
    const hi = this.upperEdge(b);
    return (2 * lo * hi) / (lo + hi);
  }
}
