/**
 * Binomial proportions with Wilson score intervals, and the standard normal quantile they need.
 *
 * Wilson interval: E. B. Wilson (1927), "Probable inference, the law of succession, and
 * statistical inference", J. Amer. Statist. Assoc. 22, 209–212; recommended over the Wald
 * interval by R. G. Newcombe (1998), "Two-sided confidence intervals for the single proportion:
 * comparison of seven methods", Statistics in Medicine 17, 857–872 (method 3, no continuity
 * correction), and by Brown, Cai and DasGupta (2001), Statistical Science 16, 101–133. For x
 * successes in n trials and z = Φ⁻¹(1 − α/2):
 *
 *   centre = (x + z²/2) / (n + z²),   half-width = z·√(x(n − x)/n + z²/4) / (n + z²).
 *
 * Standard normal quantile Φ⁻¹: M. J. Wichura (1988), "Algorithm AS 241: The percentage points of
 * the normal distribution", Applied Statistics 37, 477–484, the PPND16 variant (relative accuracy
 * about 1e-16, the algorithm of R's qnorm). Coefficients as published; the tests check it against
 * 20-digit values from mpmath.
 *
 * Fractional successes. A run's damage outcome may be a probability p_i ∈ [0, 1] rather than 0/1.
 * P(damage) is then the mean of the p_i, and its interval is the Wilson interval with the
 * *expected* success count x = Σ p_i (a real number) over the n runs. This is the interval one
 * would get by drawing a Bernoulli(p_i) per run, on average; it is conservative for the mean of
 * the p_i themselves, because a variable in [0, 1] with mean μ has variance E[p²] − μ² ≤ μ − μ² =
 * μ(1 − μ), the Bernoulli variance the Wilson interval assumes. Integer inputs give the ordinary
 * Wilson interval.
 */

/** A proportion with its two-sided confidence interval (JSON-ready). */
export interface ProportionEstimate {
  /** Successes (may be fractional: the expected count Σ p_i). */
  readonly successes: number;
  readonly trials: number;
  /** successes / trials; null when there are no trials. */
  readonly p: number | null;
  /** Interval bounds in [0, 1]; [0, 1] when there are no trials. */
  readonly lower: number;
  readonly upper: number;
  /** Two-sided confidence level, e.g. 0.95. */
  readonly confidence: number;
}

// AS 241 (PPND16) coefficients, Wichura (1988), lowest power first, written as the shortest
// decimals of the doubles nearest the published 20-digit values (the same doubles; the lint rule
// against precision loss rejects the longer forms).
const A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
];
const C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008,
  0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9,
];
const E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487,
  0.026532189526576124, 0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
];

/** Horner evaluation of c[0] + c[1]·r + … + c[7]·r⁷. */
function poly(c: readonly number[], r: number): number {
  let s = c[7];
  for (let i = 6; i >= 0; i--) s = s * r + c[i];
  return s;
}

/**
 * The standard normal quantile Φ⁻¹(p) by AS 241 (PPND16): −∞ at 0, +∞ at 1, RangeError outside
 * [0, 1] or for NaN. Relative error about 1e-16 (checked to 1e-13 against mpmath in the tests).
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile needs p in [0, 1], got ${p}`);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  // r = √(−ln min(p, 1 − p)); then one of two rational functions in r.
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val = poly(C, r) / poly(D, r);
  } else {
    r -= 5;
    val = poly(E, r) / poly(F, r);
  }
  return q < 0 ? -val : val;
}

/** The two-sided critical value z = Φ⁻¹((1 + c)/2) for confidence c in (0, 1), e.g. 1.96 for 0.95. */
export function zForConfidence(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  }
  return normalQuantile(0.5 + confidence / 2);
}

/**
 * The Wilson score interval for `successes` out of `trials` at the given two-sided confidence
 * (default 0.95). `successes` may be fractional (an expected count, see the module notes) but must
 * lie in [0, trials]. With no trials the interval is [0, 1] and p is null.
 */
export function wilsonInterval(
  successes: number,
  trials: number,
  confidence = 0.95,
): ProportionEstimate {
  const z = zForConfidence(confidence);
  if (!(Number.isInteger(trials) && trials >= 0)) {
    throw new RangeError(`trials must be a non-negative integer, got ${trials}`);
  }
  if (!(successes >= 0 && successes <= trials)) {
    throw new RangeError(`successes must be in [0, ${trials}], got ${successes}`);
  }
  if (trials === 0) return { successes, trials, p: null, lower: 0, upper: 1, confidence };
  const n = trials;
  const x = successes;
  const z2 = z * z;
  const denom = n + z2;
  const centre = (x + z2 / 2) / denom;
  const half = (z * Math.sqrt((x * (n - x)) / n + z2 / 4)) / denom;
  const lower = x === 0 ? 0 : Math.max(0, centre - half);
  const upper = x === n ? 1 : Math.min(1, centre + half);
  return { successes, trials, p: x / n, lower, upper, confidence };
}
