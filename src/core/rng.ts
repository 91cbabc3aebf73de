/**
 * Seeded, splittable pseudo-random numbers for the simulation core.
 *
 * Generator: xoshiro128** 1.1 (D. Blackman and S. Vigna, public domain,
 * https://prng.di.unimi.it/xoshiro128starstar.c), on four uint32 words with Math.imul and
 * unsigned shifts, so every platform produces the same bits. Named streams: a child's state is
 * derived from its parent's *key* (not its current state) and the FNV-1a hash of the name, mixed by
 * MurmurHash3's 32-bit finaliser; so `rng.stream("imu")` is the same sequence no matter how many
 * numbers the parent or any other stream has drawn, and adding draws in one subsystem never
 * changes another's.
 */

/** MurmurHash3 fmix32: a bijective avalanche mix of a uint32. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 code units of a string (names are short ASCII in practice). */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;
const TWO_POW_MINUS_32 = 1 / TWO_POW_32;

/** A xoshiro128** generator with a key from which named child streams are derived. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  private constructor(
    private readonly key0: number,
    private readonly key1: number,
  ) {
    // Expand the 64-bit key into 128 bits of state; never all zero. Every word mixes both key
    // halves: xoshiro128**'s first output is a function of s1 alone, so an s1 that ignored key0
    // would make the first draw of every stream the same for all seeds below 2^32.
    this.s0 = fmix32(key0 ^ 0x9e3779b9);
    this.s1 = fmix32(key1 ^ fmix32(key0 ^ 0x7f4a7c15));
    this.s2 = fmix32(((key0 + 0x3c6ef372) >>> 0) ^ fmix32(key1 ^ 0x85ebca6b));
    this.s3 = fmix32(((key1 + 0xdaa66d2b) >>> 0) ^ this.s0);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A generator for an integer seed 0 … 2^53 − 1 (throws a RangeError otherwise). */
  static fromSeed(seed: number): Rng {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new RangeError(`seed must be an integer from 0 to 2^53 − 1, got ${seed}`);
    }
    const lo = (seed % TWO_POW_32) >>> 0;
    const hi = Math.floor(seed / TWO_POW_32) >>> 0;
    return new Rng(fmix32(lo ^ fmix32(hi)), fmix32(hi ^ fmix32(lo ^ 0x5bd1e995)));
  }

  /** A generator started from raw xoshiro128** state words (for tests and checkpoints). */
  static fromState(s0: number, s1: number, s2: number, s3: number, key0 = 0, key1 = 0): Rng {
    const r = new Rng(key0 >>> 0, key1 >>> 0);
    r.s0 = s0 >>> 0;
    r.s1 = s1 >>> 0;
    r.s2 = s2 >>> 0;
    r.s3 = s3 >>> 0;
    return r;
  }

  /** The independent named child stream (same name → same sequence, whatever has been drawn). */
  stream(name: string): Rng {
    const h = fnv1a(name);
    return new Rng(fmix32(this.key0 ^ h), fmix32((this.key1 + Math.imul(h, 0x9e3779b9)) >>> 0));
  }

  /** The state words and key, for checkpointing: restore with Rng.fromState(...state()). */
  state(): [number, number, number, number, number, number] {
    return [this.s0, this.s1, this.s2, this.s3, this.key0, this.key1];
  }

  /** Next uniform uint32, 0 … 2^32 − 1. */
  nextUint32(): number {
    const s1 = this.s1;
    const r = Math.imul(s1, 5);
    const result = Math.imul((r << 7) | (r >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    this.s0 >>>= 0;
    this.s1 >>>= 0;
    this.s2 >>>= 0;
    this.s3 >>>= 0;
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) * TWO_POW_MINUS_53;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [0, n) for 1 ≤ n ≤ 2^32, without modulo bias (rejection sampling). */
  int(n: number): number {
    if (!(n >= 1 && n <= TWO_POW_32) || !Number.isInteger(n)) {
      throw new RangeError(`int(n) needs an integer n from 1 to 2^32, got ${n}`);
    }
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const u = this.nextUint32();
      if (u < limit) return u % n;
    }
  }

  /**
   * Standard normal deviate by Box–Muller, using one of the pair so no value is carried between
   * calls (the state stays four words, simple to checkpoint).
   */
  normal(): number {
    // 1 − next() is in (0, 1], so the logarithm is finite.
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Normal deviate with the given mean and standard deviation. */
  gaussian(mean: number, sd: number): number {
    return mean + sd * this.normal();
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Exponential deviate with the given rate (mean 1/rate). */
  exponential(rate: number): number {
    return -Math.log(1 - this.next()) / rate;
  }

  /**
   * Fill a Float64Array with standard normal deviates, in place: Box–Muller on 32-bit uniforms,
   * using both values of each pair (a quarter of the work of repeated normal(); nothing is carried
   * between calls). The 32-bit uniforms bound |z| below 6.7, irrelevant for sensor noise.
   */
  fillNormal(out: Float64Array): void {
    const n = out.length;
    for (let i = 0; i < n; i += 2) {
      // (k + 0.5)/2³² lies strictly inside (0, 1), so the logarithm is finite.
      const u = (this.nextUint32() + 0.5) * TWO_POW_MINUS_32;
      const r = Math.sqrt(-2 * Math.log(u));
      const a = 2 * Math.PI * (this.nextUint32() * TWO_POW_MINUS_32);
      out[i] = r * Math.cos(a);
      if (i + 1 < n) out[i + 1] = r * Math.sin(a);
    }
  }
}
