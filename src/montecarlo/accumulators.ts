/**
 * Streaming statistics of a Monte Carlo study, in memory that does not grow with the number of
 * runs, and independent of how the runs were split over workers or in which order they arrived.
 *
 * Determinism. Every statistic is a function of the *multiset* of run records, so one accumulator
 * fed all runs and any tree of merge()s of accumulators fed parts of them give the same summary,
 * byte for byte:
 * - counts are integers (exact in a double up to 2^53);
 * - sums (of damage probabilities, impact offsets, times, and their squares and cross products)
 *   are kept exactly, as integers in units of 2^-2148 in a BigInt (`ExactSum`): every double is an
 *   integer multiple of 2^-1074 and every product of two doubles one of 2^-2148, so addition is
 *   exact and associative. Means and variances are rounded once, from the exact sums
 *   (variance from n·Σx² − (Σx)², itself exact, so no cancellation either). This replaces the
 *   usual Welford/Chan updates, whose merge is only accurate to rounding and depends on order;
 * - the miss-distance sketch adds integer bucket counts, keeps exact minima/maxima, and stores
 *   exact values only while the count is small (see quantile-sketch.ts);
 * - kills per site are integer counts in a map keyed by site name, reported in a fixed order.
 * An ExactSum's BigInt holds about 2148 + log2(max |x|) + log2(N) bits (≈ 2,200 bits, 280 bytes
 * for this use), growing only logarithmically with N; the other state is fixed in size, apart from
 * one entry per distinct threat-site name.
 *
 * Which runs feed which statistic (the record's flags decide; nothing is inferred):
 * - P(arrival): all runs; successes are runs with `arrived`.
 * - P(damage): all runs; the mean of `pDamage` with a Wilson interval on the expected count
 *   (wilson.ts explains why that is conservative).
 * - CEP50/CEP90: the radial miss `miss_m` of runs that arrived (accuracy given arrival; a missile
 *   shot down or crashed short is counted against P(arrival), not CEP).
 * - Mean point of impact: arrived runs with both an impact point and an aimpoint; the impact's
 *   north and east offsets from its own aimpoint in the aimpoint's local tangent plane (WGS-84,
 *   both points on the ellipsoid: the ECEF difference rotated into north-east-down). The plane
 *   shortens a distance s along the surface by about s³/(6R²): 0.5 mm at 5 km, 4 mm at 10 km.
 * - Time on target: arrived runs with `timeOnTarget_s`; min, max, spread = max − min, mean and
 *   sample standard deviation.
 * - Kills per site: runs with `killedBy`, as a share of all runs (P(kill by site)) and of all kills.
 */

import { type ProportionEstimate, wilsonInterval, zForConfidence } from "../core/wilson.js";
import { geodeticToEcef, WGS84 } from "../earth/ellipsoid.js";
import {
  type QuantileEstimate,
  QuantileSketch,
  type QuantileSketchOptions,
  type QuantileSketchState,
} from "./quantile-sketch.js";

/* ------------------------------------------------------------------------------------------------
 * Exact sums
 * --------------------------------------------------------------------------------------------- */

/** Scale of an ExactSum: values are stored as integers in units of 2^-SCALE. */
const SCALE = 2148;
const SCALE_N = BigInt(SCALE);
const F64 = new DataView(new ArrayBuffer(8));

/** x = sign · mant · 2^exp with mant a 53-bit (or smaller, subnormal) integer. */
function decompose(x: number): { neg: boolean; mant: bigint; exp: number } {
  F64.setFloat64(0, x);
  const hi = F64.getUint32(0);
  const lo = F64.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biased === 0) {
    exp = -1074;
  } else {
    mant |= 1n << 52n;
    exp = biased - 1075;
  }
  return { neg: hi >>> 31 === 1, mant, exp };
}

/** x · y · 2^SCALE as an exact BigInt (x, y finite). */
function scaledProduct(x: number, y: number): bigint {
  if (x === 0 || y === 0) return 0n;
  const a = decompose(x);
  const b = decompose(y);
  const v = (a.mant * b.mant) << BigInt(a.exp + b.exp + SCALE);
  return a.neg !== b.neg ? -v : v;
}

/** x · 2^SCALE as an exact BigInt (x finite). */
function scaled(x: number): bigint {
  if (x === 0) return 0n;
  const a = decompose(x);
  const v = a.mant << BigInt(a.exp + SCALE);
  return a.neg ? -v : v;
}

/** Number of bits of |v|. */
function bitLength(v: bigint): number {
  return v === 0n ? 0 : (v < 0n ? -v : v).toString(2).length;
}

/** x · 2^k for integer k, exact unless the result is subnormal (stepping to avoid overflow of 2^k). */
function ldexp(x: number, k: number): number {
  while (k > 1000) {
    x *= 2 ** 1000;
    k -= 1000;
  }
  while (k < -1000) {
    x *= 2 ** -1000;
    k += 1000;
  }
  return x * 2 ** k;
}

/** v · 2^-scale rounded once to the nearest double (ties to even), for a normal-range result. */
export function scaledToNumber(v: bigint, scale: number): number {
  if (v === 0n) return 0;
  const neg = v < 0n;
  let a = neg ? -v : v;
  const shift = bitLength(a) - 64;
  if (shift > 0) {
    // Keep 64 bits and fold the discarded ones into a sticky bit: Number() of a 64-bit integer then
    // rounds exactly as the full value would.
    const s = BigInt(shift);
    const rest = a & ((1n << s) - 1n);
    a >>= s;
    if (rest !== 0n) a |= 1n;
  }
  const r = ldexp(Number(a), Math.max(shift, 0) - scale);
  return neg ? -r : r;
}

/**
 * An exact sum of doubles and of products of two doubles (integers in units of 2^-2148 in a
 * BigInt): order-independent, exactly mergeable. Inputs must be finite.
 */
export class ExactSum {
  private v = 0n;

  /** Add x. */
  add(x: number): void {
    if (!Number.isFinite(x)) throw new RangeError(`ExactSum takes finite values, got ${x}`);
    this.v += scaled(x);
  }

  /** Add the exact product x·y. */
  addProduct(x: number, y: number): void {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      throw new RangeError(`ExactSum takes finite values, got ${x}·${y}`);
    }
    this.v += scaledProduct(x, y);
  }

  /** Add another sum. */
  merge(other: ExactSum): void {
    this.v += other.v;
  }

  /** The sum rounded once to the nearest double. */
  value(): number {
    return scaledToNumber(this.v, SCALE);
  }

  /** The raw scaled integer (units of 2^-2148). */
  get raw(): bigint {
    return this.v;
  }

  /** Bits in the scaled integer (grows as log2 of the sum). */
  get bits(): number {
    return bitLength(this.v);
  }

  /** Serialise as a hexadecimal string (sign first). */
  toJSON(): string {
    return this.v < 0n ? `-0x${(-this.v).toString(16)}` : `0x${this.v.toString(16)}`;
  }

  /** Rebuild from toJSON()'s string. */
  static fromJSON(s: string): ExactSum {
    if (!/^-?0x[0-9a-f]+$/.test(s)) throw new RangeError(`bad ExactSum state ${s}`);
    const e = new ExactSum();
    e.v = s.startsWith("-") ? -BigInt(s.slice(1)) : BigInt(s);
    return e;
  }
}

/** The mean Σx/n, from an exact sum, rounded deterministically (null for n = 0). */
function meanOf(sum: ExactSum, n: number): number | null {
  return n > 0 ? sum.value() / n : null;
}

/**
 * The sample covariance (n·Σxy − Σx·Σy) / (n(n − 1)) from exact sums (variance when x = y); the
 * numerator is formed exactly, then rounded once. Null for n < 2.
 */
function covarianceOf(sx: ExactSum, sy: ExactSum, sxy: ExactSum, n: number): number | null {
  if (n < 2) return null;
  const num = ((BigInt(n) * sxy.raw) << SCALE_N) - sx.raw * sy.raw; // units of 2^-(2·SCALE)
  return scaledToNumber(num, 2 * SCALE) / (n * (n - 1));
}

/* ------------------------------------------------------------------------------------------------
 * Run records and the study accumulator
 * --------------------------------------------------------------------------------------------- */

/** A point on the ellipsoid, degrees. */
export interface GeoPoint {
  readonly lat_deg: number;
  readonly lon_deg: number;
}

/** What the statistics need from one run (the Monte Carlo runner builds it from a RunResult). */
export interface RunRecord {
  /** The missile reached its aimpoint (not shot down, not crashed or out of fuel on the way). */
  readonly arrived: boolean;
  /** Name of the threat site that killed the missile, or null (must be null if it arrived). */
  readonly killedBy: string | null;
  /** Probability, in [0, 1], that this run damaged its target (0 or 1 for a hit/miss model). */
  readonly pDamage: number;
  /** Impact point, or null (e.g. shot down, or no impact recorded). */
  readonly impact: GeoPoint | null;
  /** The aimpoint of this run, or null if it had none. */
  readonly aimpoint: GeoPoint | null;
  /** Horizontal (geodesic) distance from the aimpoint to the impact, m, or null. */
  readonly miss_m: number | null;
  /** Time of arrival on target since release, s, or null. */
  readonly timeOnTarget_s: number | null;
  /** Moving or uncertain target: seeker acquired it (null: no seeker; absent: fixed, exact). */
  readonly acquired?: boolean | null;
}

/** Options fixed at construction; accumulators merge only with the same options. */
export interface StudyAccumulatorOptions {
  /** Two-sided confidence level of every interval; default 0.95. */
  readonly confidence?: number;
  /** Options of the miss-distance sketch. */
  readonly sketch?: QuantileSketchOptions;
}

/** Kills credited to one threat site. */
export interface SiteKills {
  readonly site: string;
  readonly kills: number;
  /** kills / runs: the probability a missile is killed by this site. */
  readonly pKill: ProportionEstimate;
  /** kills / all kills: the site's share of the kills. */
  readonly shareOfKills: ProportionEstimate;
}

/** The JSON-ready summary of a study (null where a statistic has too few samples). */
export interface StudySummary {
  readonly runs: number;
  readonly confidence: number;
  readonly arrival: ProportionEstimate;
  /** Mean of pDamage over all runs; `successes` is the expected damage count Σ pDamage. */
  readonly damage: ProportionEstimate;
  readonly cep: {
    /** Arrived runs with a miss distance. */
    readonly n: number;
    /** Whether the quantiles are exact (n ≤ the sketch's exact capacity). */
    readonly exact: boolean;
    /** Relative accuracy of the quantiles when not exact. */
    readonly relativeAccuracy: number;
    readonly cep50_m: QuantileEstimate;
    readonly cep90_m: QuantileEstimate;
    readonly minMiss_m: number | null;
    readonly maxMiss_m: number | null;
  };
  readonly meanPointOfImpact: {
    /** Arrived runs with impact and aimpoint. */
    readonly n: number;
    /** Mean offsets of the impact from the aimpoint, m. */
    readonly north_m: number | null;
    readonly east_m: number | null;
    /** Sample standard deviations and covariance of the offsets (n ≥ 2). */
    readonly sdNorth_m: number | null;
    readonly sdEast_m: number | null;
    readonly covNorthEast_m2: number | null;
  };
  readonly timeOnTarget: {
    readonly n: number;
    readonly min_s: number | null;
    readonly max_s: number | null;
    /** max − min. */
    readonly spread_s: number | null;
    readonly mean_s: number | null;
    /** Sample standard deviation (n ≥ 2). */
    readonly sd_s: number | null;
  };
  readonly kills: {
    /** Runs killed by any site. */
    readonly total: number;
    /** By kills (descending), then site name. */
    readonly bySite: SiteKills[];
  };
  /**
   * Target acquisition, in a study of a moving or uncertain target with a seeker (absent
   * otherwise): runs whose seeker acquired the target over all runs of the study.
   */
  readonly acquisition?: ProportionEstimate;
}

/** The serialisable state of a StudyAccumulator. */
export interface StudyAccumulatorState {
  readonly version: 1;
  readonly confidence: number;
  readonly runs: number;
  readonly arrivals: number;
  readonly damage: string;
  readonly miss: QuantileSketchState;
  readonly impacts: number;
  readonly north: string;
  readonly east: string;
  readonly northNorth: string;
  readonly eastEast: string;
  readonly northEast: string;
  readonly timed: number;
  readonly time: string;
  readonly timeTime: string;
  readonly timeMin: number | null;
  readonly timeMax: number | null;
  /** [site, kills] by site name. */
  readonly kills: [string, number][];
  /** Runs that searched for a moving or uncertain target, and those that acquired it (absent: 0). */
  readonly searched?: number;
  readonly acquired?: number;
}

// Scratch ECEF vectors for the tangent-plane offsets.
const AIM_ECEF = new Float64Array(3);
const IMPACT_ECEF = new Float64Array(3);
const DEG = Math.PI / 180;

/**
 * North and east offsets (m) of `p` from `origin` in the local tangent plane at `origin` (WGS-84,
 * both points on the ellipsoid): the ECEF difference rotated into north-east-down.
 */
export function tangentPlaneOffset(
  origin: GeoPoint,
  p: GeoPoint,
): { north_m: number; east_m: number } {
  const lat = origin.lat_deg * DEG;
  const lon = origin.lon_deg * DEG;
  geodeticToEcef(WGS84, lat, lon, 0, AIM_ECEF);
  geodeticToEcef(WGS84, p.lat_deg * DEG, p.lon_deg * DEG, 0, IMPACT_ECEF);
  const dx = IMPACT_ECEF[0] - AIM_ECEF[0];
  const dy = IMPACT_ECEF[1] - AIM_ECEF[1];
  const dz = IMPACT_ECEF[2] - AIM_ECEF[2];
  const sLat = Math.sin(lat);
  const cLat = Math.cos(lat);
  const sLon = Math.sin(lon);
  const cLon = Math.cos(lon);
  return {
    north_m: -sLat * cLon * dx - sLat * sLon * dy + cLat * dz,
    east_m: -sLon * dx + cLon * dy,
  };
}

function checkPoint(p: GeoPoint, what: string): void {
  if (!(Math.abs(p.lat_deg) <= 90 && Number.isFinite(p.lon_deg))) {
    throw new RangeError(`${what} must have lat in [−90, 90] and a finite lon`);
  }
}

/** See the module notes. */
export class StudyAccumulator {
  readonly confidence: number;
  private runs = 0;
  private arrivals = 0;
  private readonly damage = new ExactSum();
  private readonly miss: QuantileSketch;
  private impacts = 0;
  private readonly north = new ExactSum();
  private readonly east = new ExactSum();
  private readonly northNorth = new ExactSum();
  private readonly eastEast = new ExactSum();
  private readonly northEast = new ExactSum();
  private timed = 0;
  private readonly time = new ExactSum();
  private readonly timeTime = new ExactSum();
  private timeMin = Number.POSITIVE_INFINITY;
  private timeMax = Number.NEGATIVE_INFINITY;
  private readonly kills = new Map<string, number>();
  private searched = 0;
  private acquired = 0;

  constructor(options: StudyAccumulatorOptions = {}) {
    const c = options.confidence ?? 0.95;
    zForConfidence(c); // validates
    this.confidence = c;
    this.miss = new QuantileSketch(options.sketch);
  }

  /** Number of runs added. */
  get count(): number {
    return this.runs;
  }

  /** Add one run (RangeError for an inconsistent or out-of-range record, leaving state unchanged). */
  add(r: RunRecord): void {
    if (!(r.pDamage >= 0 && r.pDamage <= 1)) {
      throw new RangeError(`pDamage must be in [0, 1], got ${r.pDamage}`);
    }
    if (r.killedBy !== null && r.arrived) {
      throw new RangeError(`a run killed by "${r.killedBy}" cannot have arrived`);
    }
    if (r.miss_m !== null && !(r.miss_m >= 0 && Number.isFinite(r.miss_m))) {
      throw new RangeError(`miss_m must be finite and ≥ 0, got ${r.miss_m}`);
    }
    if (r.timeOnTarget_s !== null && !Number.isFinite(r.timeOnTarget_s)) {
      throw new RangeError(`timeOnTarget_s must be finite, got ${r.timeOnTarget_s}`);
    }
    let offset: { north_m: number; east_m: number } | null = null;
    if (r.arrived && r.impact && r.aimpoint) {
      checkPoint(r.impact, "impact");
      checkPoint(r.aimpoint, "aimpoint");
      offset = tangentPlaneOffset(r.aimpoint, r.impact);
    }

    this.runs += 1;
    this.damage.add(r.pDamage);
    if (r.acquired !== undefined && r.acquired !== null) {
      this.searched += 1;
      if (r.acquired) this.acquired += 1;
    }
    if (r.killedBy !== null) this.kills.set(r.killedBy, (this.kills.get(r.killedBy) ?? 0) + 1);
    if (!r.arrived) return;
    this.arrivals += 1;
    if (r.miss_m !== null) this.miss.add(r.miss_m);
    if (offset) {
      const { north_m: n, east_m: e } = offset;
      this.impacts += 1;
      this.north.add(n);
      this.east.add(e);
      this.northNorth.addProduct(n, n);
      this.eastEast.addProduct(e, e);
      this.northEast.addProduct(n, e);
    }
    const t = r.timeOnTarget_s;
    if (t !== null) {
      this.timed += 1;
      this.time.add(t);
      this.timeTime.addProduct(t, t);
      if (t < this.timeMin) this.timeMin = t;
      if (t > this.timeMax) this.timeMax = t;
    }
  }

  /** Add another accumulator's runs to this one (same options required); exact. */
  merge(other: StudyAccumulator): void {
    if (other.confidence !== this.confidence) {
      throw new RangeError("StudyAccumulator.merge needs the same confidence level");
    }
    this.miss.merge(other.miss); // checks the sketch options first
    this.runs += other.runs;
    this.arrivals += other.arrivals;
    this.damage.merge(other.damage);
    this.impacts += other.impacts;
    this.north.merge(other.north);
    this.east.merge(other.east);
    this.northNorth.merge(other.northNorth);
    this.eastEast.merge(other.eastEast);
    this.northEast.merge(other.northEast);
    this.timed += other.timed;
    this.time.merge(other.time);
    this.timeTime.merge(other.timeTime);
    if (other.timeMin < this.timeMin) this.timeMin = other.timeMin;
    if (other.timeMax > this.timeMax) this.timeMax = other.timeMax;
    for (const [site, k] of other.kills) this.kills.set(site, (this.kills.get(site) ?? 0) + k);
    this.searched += other.searched;
    this.acquired += other.acquired;
  }

  /** The summary (a pure function of the multiset of runs added). */
  summary(): StudySummary {
    const c = this.confidence;
    const n = this.runs;
    const sdOf = (v: number | null) => (v === null ? null : Math.sqrt(v));
    let totalKills = 0;
    for (const k of this.kills.values()) totalKills += k;
    const bySite: SiteKills[] = [...this.kills.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([site, kills]) => ({
        site,
        kills,
        pKill: wilsonInterval(kills, n, c),
        shareOfKills: wilsonInterval(kills, totalKills, c),
      }));
    const timed = this.timed;
    return {
      runs: n,
      confidence: c,
      arrival: wilsonInterval(this.arrivals, n, c),
      damage: wilsonInterval(Math.min(n, this.damage.value()), n, c),
      cep: {
        n: this.miss.count,
        exact: this.miss.isExact,
        relativeAccuracy: this.miss.relativeAccuracy,
        cep50_m: this.miss.quantileWithInterval(0.5, c),
        cep90_m: this.miss.quantileWithInterval(0.9, c),
        minMiss_m: this.miss.min,
        maxMiss_m: this.miss.max,
      },
      meanPointOfImpact: {
        n: this.impacts,
        north_m: meanOf(this.north, this.impacts),
        east_m: meanOf(this.east, this.impacts),
        sdNorth_m: sdOf(covarianceOf(this.north, this.north, this.northNorth, this.impacts)),
        sdEast_m: sdOf(covarianceOf(this.east, this.east, this.eastEast, this.impacts)),
        covNorthEast_m2: covarianceOf(this.north, this.east, this.northEast, this.impacts),
      },
      timeOnTarget: {
        n: timed,
        min_s: timed > 0 ? this.timeMin : null,
        max_s: timed > 0 ? this.timeMax : null,
        spread_s: timed > 0 ? this.timeMax - this.timeMin : null,
        mean_s: meanOf(this.time, timed),
        sd_s: sdOf(covarianceOf(this.time, this.time, this.timeTime, timed)),
      },
      kills: { total: totalKills, bySite },
      ...(this.searched > 0 ? { acquisition: wilsonInterval(this.acquired, n, c) } : {}),
    };
  }

  /**
   * Sizes of the internal state, for memory tests: typed-array lengths (fixed), the largest
   * ExactSum in bits (logarithmic in N), and the number of distinct kill sites.
   */
  sizes(): { sketchBuckets: number; sketchExact: number; maxSumBits: number; sites: number } {
    const sums = [
      this.damage,
      this.north,
      this.east,
      this.northNorth,
      this.eastEast,
      this.northEast,
      this.time,
      this.timeTime,
    ];
    const s = this.miss.sizes();
    return {
      sketchBuckets: s.buckets,
      sketchExact: s.exact,
      maxSumBits: Math.max(...sums.map((x) => x.bits)),
      sites: this.kills.size,
    };
  }

  /** The serialisable state (JSON-safe), for moving partial results between processes. */
  toJSON(): StudyAccumulatorState {
    return {
      version: 1,
      confidence: this.confidence,
      runs: this.runs,
      arrivals: this.arrivals,
      damage: this.damage.toJSON(),
      miss: this.miss.toJSON(),
      impacts: this.impacts,
      north: this.north.toJSON(),
      east: this.east.toJSON(),
      northNorth: this.northNorth.toJSON(),
      eastEast: this.eastEast.toJSON(),
      northEast: this.northEast.toJSON(),
      timed: this.timed,
      time: this.time.toJSON(),
      timeTime: this.timeTime.toJSON(),
      timeMin: this.timed > 0 ? this.timeMin : null,
      timeMax: this.timed > 0 ? this.timeMax : null,
      kills: [...this.kills.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
      ...(this.searched > 0 ? { searched: this.searched, acquired: this.acquired } : {}),
    };
  }

  /** Rebuild from toJSON()'s state. */
  static fromJSON(s: StudyAccumulatorState): StudyAccumulator {
    if (s.version !== 1) throw new RangeError("unknown StudyAccumulator state version");
    const a = new StudyAccumulator({
      confidence: s.confidence,
      sketch: { subBucketsLog2: s.miss.subBucketsLog2, exactCapacity: s.miss.exactCapacity },
    });
    a.miss.mergeState(s.miss);
    a.runs = s.runs;
    a.arrivals = s.arrivals;
    a.damage.merge(ExactSum.fromJSON(s.damage));
    a.impacts = s.impacts;
    a.north.merge(ExactSum.fromJSON(s.north));
    a.east.merge(ExactSum.fromJSON(s.east));
    a.northNorth.merge(ExactSum.fromJSON(s.northNorth));
    a.eastEast.merge(ExactSum.fromJSON(s.eastEast));
    a.northEast.merge(ExactSum.fromJSON(s.northEast));
    a.timed = s.timed;
    a.time.merge(ExactSum.fromJSON(s.time));
    a.timeTime.merge(ExactSum.fromJSON(s.timeTime));
    if (s.timed > 0) {
      if (s.timeMin === null || s.timeMax === null) throw new RangeError("missing time min/max");
      a.timeMin = s.timeMin;
      a.timeMax = s.timeMax;
    }
    for (const [site, k] of s.kills) a.kills.set(site, k);
    a.searched = s.searched ?? 0;
    a.acquired = s.acquired ?? 0;
    return a;
  }
}
