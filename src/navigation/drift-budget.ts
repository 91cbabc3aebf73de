/**
 * Free-inertial horizontal position error of a strapdown INS at rest, predicted from what an
 * alignment leaves (its filter's covariance at the end) and the IMU grade's own sensor figures
 * (IMU_GRADES). It is the linearised short-term error model of a stationary local-level INS: per
 * horizontal channel a Schuler loop driven by the residual tilt, accelerometer and gyro biases,
 * with the Earth rate turning a heading error into a level-gyro drift (Titterton and Weston,
 * "Strapdown Inertial Navigation Technology", 2nd ed., ch. 12; Groves, "Principles of GNSS,
 * Inertial, and Multisensor Integrated Navigation Systems", 2nd ed., ch. 5 and ch. 14). Error
 * states, order and signs are those of eskf.ts ("estimate minus truth"). Derivation, assumptions
 * and the terms left out (Foucault, gyrocompass loop, scale factor): docs/navigation-drift.md.
 *
 * With ω_s = √(g/R), S = 1 − cos(ω_s·t), G = t − sin(ω_s·t)/ω_s, H = t²/2 − S/ω_s², Ω_N = Ω·cos L:
 *   δp_N = δp_N0 + δv_N0·sin(ω_s·t)/ω_s + R·S·(ψ_E − b_N/g) + R·G·(ε_E + Ω_N·ψ_D) + R·Ω_N·H·ε_D
 *   δp_E = δp_E0 + δv_E0·sin(ω_s·t)/ω_s − R·S·(ψ_N + b_E/g) − R·G·ε_N
 * for the residuals at the end of alignment, plus what arises after it: angle and velocity random
 * walk, and the wander of each bias's in-run (Gauss–Markov) part from the value at the end.
 */

import type { ImuGrade, SensorErrors } from "./imu.js";

/** Number of error states in the filter's covariance (eskf.ts). */
const N = 15;

/** Where the INS sits: at rest, body axes along north, east and down. */
export interface BudgetSite {
  /** Geodetic latitude, rad. */
  readonly lat_rad: number;
  /** Meridian radius of curvature plus height, m. */
  readonly rn_m: number;
  /** Transverse radius of curvature plus height, m. */
  readonly re_m: number;
  /** Magnitude of gravity (plumb bob), m/s². */
  readonly g_mps2: number;
  /** Earth rotation rate, rad/s. */
  readonly omega_ie_radps: number;
}

/** Variance of one channel's error by cause, m². */
export interface ChannelBudget {
  /** Position and velocity residual of the alignment, m². */
  readonly posVel_m2: number;
  /** Tilt and accelerometer-bias residual (observed together at rest), m². */
  readonly tiltAccel_m2: number;
  /** Level gyro bias and heading residual (observed together at rest), m². */
  readonly gyroHeading_m2: number;
  /** Down gyro bias, unobservable in a short alignment at rest, m². */
  readonly downGyro_m2: number;
  /** Correlation between the groups above, m² (may be negative). */
  readonly cross_m2: number;
  /** Gyro angle random walk after alignment, m². */
  readonly arw_m2: number;
  /** Accelerometer velocity random walk after alignment, m². */
  readonly vrw_m2: number;
  /** In-run gyro bias wander after alignment (with its correlation to the residual), m². */
  readonly gyroInRun_m2: number;
  /** In-run accelerometer bias wander after alignment (with its correlation to the residual), m². */
  readonly accelInRun_m2: number;
  /** Sum: the channel's error variance, m². */
  readonly total_m2: number;
}

/** Predicted free-inertial error after t seconds. */
export interface DriftBudget {
  readonly t_s: number;
  readonly north: ChannelBudget;
  readonly east: ChannelBudget;
  /** Expected horizontal error, RMS: √(σ_N² + σ_E²), m. */
  readonly horizontal_m: number;
}

/** What the alignment leaves: the error covariance and how it correlates with the in-run biases. */
export interface AlignmentResidual {
  /** Covariance of the 15 error states (eskf.ts order, "estimate minus truth"), row-major 15×15. */
  readonly P: ArrayLike<number>;
  /**
   * Covariance of each error state with the in-run (Gauss–Markov) part of each bias at the end of
   * alignment, row-major 15×6; columns: accelerometer x, y, z, gyro x, y, z (body = NED).
   */
  readonly inRunCov: ArrayLike<number>;
}

/** How one bias reaches a channel. */
interface BiasPath {
  /** Its error state in P (9–14). */
  readonly state: number;
  /** Its column in inRunCov (0–5). */
  readonly column: number;
  /** Position error at t per unit bias acting at time t − u, per second of action (m/(unit·s)). */
  readonly kernel: (u: number) => number;
  /** The triad's figures (in-run σ and correlation time). */
  readonly sensor: SensorErrors;
}

/** State groups of the breakdown: position and velocity; tilt and accelerometer bias; level gyro and heading; down gyro. */
const GROUPS: readonly (readonly number[])[] = [[0, 1, 3, 4], [6, 7, 9, 10], [8, 12, 13], [14]];

/** Most quadrature steps of the in-run integrals (1 s steps up to this many seconds). */
const MAX_STEPS = 4000;

/**
 * Integrals over u ∈ [0, t] of a kernel k(u) for a Gauss–Markov process of correlation time τ (s)
 * that starts at u = t: I = ∫k, E = ∫k·e^{−(t−u)/τ}, D = ∫∫k(u)·k(v)·e^{−|u−v|/τ} (trapezoidal
 * rule; D as 2∫k·y with y' = k − y/τ).
 */
export function gaussMarkovIntegrals(
  k: (u: number) => number,
  t_s: number,
  tau_s: number,
): { I: number; E: number; D: number } {
  const n = Math.max(16, Math.min(MAX_STEPS, Math.ceil(t_s)));
  const h = t_s / n;
  const phi = Number.isFinite(tau_s) ? Math.exp(-h / tau_s) : 1;
  let I = 0;
  let E = 0;
  let D = 0;
  let y = 0;
  let kPrev = k(0);
  let ykPrev = 0;
  for (let i = 1; i <= n; i++) {
    const u = i * h;
    const kNow = k(u);
    I += 0.5 * h * (kPrev + kNow);
    // e^{−(t−u)/τ} at the two ends of the step.
    const w0 = Number.isFinite(tau_s) ? Math.exp(-(t_s - (u - h)) / tau_s) : 1;
    const w1 = Number.isFinite(tau_s) ? Math.exp(-(t_s - u) / tau_s) : 1;
    E += 0.5 * h * (kPrev * w0 + kNow * w1);
    y = phi * y + 0.5 * h * (phi * kPrev + kNow);
    const yk = y * kNow;
    D += h * (ykPrev + yk);
    ykPrev = yk;
    kPrev = kNow;
  }
  return { I, E, D };
}

/** xᵀ·P·y over the listed states (P row-major N×N). */
function quad(P: ArrayLike<number>, x: Float64Array, a: readonly number[], b: readonly number[]) {
  let s = 0;
  for (const i of a) for (const j of b) s += x[i] * P[i * N + j] * x[j];
  return s;
}

/** One channel's variance from its sensitivity row s (m per unit error state), bias paths and white-noise variances (m²). */
function channel(
  P: ArrayLike<number>,
  inRunCov: ArrayLike<number>,
  s: Float64Array,
  paths: readonly BiasPath[],
  arw_m2: number,
  vrw_m2: number,
  t_s: number,
): ChannelBudget {
  const g = GROUPS.map((a) => quad(P, s, a, a));
  const all = GROUPS.flat();
  const residual = quad(P, s, all, all);
  let gyroInRun = 0;
  let accelInRun = 0;
  for (const p of paths) {
    const e = p.sensor;
    const sm2 = e.bias_instability * e.bias_instability;
    if (sm2 === 0) continue;
    const { I, E, D } = gaussMarkovIntegrals(p.kernel, t_s, e.bias_tau_s);
    // τ' seconds after alignment the bias error is x(0) + (1 − e^{−τ'/τ})·m0 − n(τ'): m0 the
    // in-run part at the end of alignment, n(τ') its later innovations (independent of all else,
    // covariance σ_m²·(e^{−|τ'−τ''|/τ} − e^{−(τ'+τ'')/τ})).
    let cov = 0;
    for (let j = 0; j < N; j++) cov += s[j] * inRunCov[j * 6 + p.column];
    const A = I - E;
    const v = sm2 * A * A + 2 * A * cov + sm2 * (D - E * E);
    if (p.state >= 12) gyroInRun += v;
    else accelInRun += v;
  }
  const total = residual + arw_m2 + vrw_m2 + gyroInRun + accelInRun;
  return {
    posVel_m2: g[0],
    tiltAccel_m2: g[1],
    gyroHeading_m2: g[2],
    downGyro_m2: g[3],
    cross_m2: residual - g[0] - g[1] - g[2] - g[3],
    arw_m2,
    vrw_m2,
    gyroInRun_m2: gyroInRun,
    accelInRun_m2: accelInRun,
    total_m2: total,
  };
}

/** Predicted error t_s seconds (≪ 24 h) into free-inertial navigation at rest after an alignment, for a grade at a site. */
export function freeInertialDrift(
  alignment: AlignmentResidual,
  grade: ImuGrade,
  site: BudgetSite,
  t_s: number,
): DriftBudget {
  const { P, inRunCov } = alignment;
  const { lat_rad, g_mps2: g, omega_ie_radps: W } = site;
  const wc = W * Math.cos(lat_rad);
  const t = t_s;
  const ch = (R: number) => {
    const ws = Math.sqrt(g / R);
    const S = (u: number) => 1 - Math.cos(ws * u);
    const G = (u: number) => u - Math.sin(ws * u) / ws;
    const H = (u: number) => (u * u) / 2 - S(u) / (ws * ws);
    return { R, ws, S, G, H };
  };
  const n = ch(site.rn_m);
  const e = ch(site.re_m);
  const a = grade.accel;
  const y = grade.gyro;

  // Sensitivity rows (position error at t per unit initial error state).
  const sN = new Float64Array(N);
  sN[0] = 1;
  sN[3] = Math.sin(n.ws * t) / n.ws;
  sN[7] = n.R * n.S(t);
  sN[9] = -(n.R / g) * n.S(t);
  sN[8] = n.R * wc * n.G(t);
  sN[13] = n.R * n.G(t);
  sN[14] = n.R * wc * n.H(t);
  const sE = new Float64Array(N);
  sE[1] = 1;
  sE[4] = Math.sin(e.ws * t) / e.ws;
  sE[6] = -e.R * e.S(t);
  sE[10] = -(e.R / g) * e.S(t);
  sE[12] = -e.R * e.G(t);

  // Kernels of the biases whose in-run part wanders (their integrals are the sensitivities above).
  const pathsN: BiasPath[] = [
    { state: 9, column: 0, kernel: (u) => -Math.sin(n.ws * u) / n.ws, sensor: a },
    { state: 13, column: 4, kernel: (u) => n.R * n.S(u), sensor: y },
    { state: 14, column: 5, kernel: (u) => n.R * wc * n.G(u), sensor: y },
  ];
  const pathsE: BiasPath[] = [
    { state: 10, column: 1, kernel: (u) => -Math.sin(e.ws * u) / e.ws, sensor: a },
    { state: 12, column: 3, kernel: (u) => -e.R * e.S(u), sensor: y },
  ];

  // White noise: variance = density²·∫k(u)²du in closed form; the down gyro's ARW turns the
  // heading, which the Earth rate turns into north error.
  const intS2 = (c: typeof n) =>
    1.5 * t - (2 * Math.sin(c.ws * t)) / c.ws + Math.sin(2 * c.ws * t) / (4 * c.ws);
  const intSin2 = (c: typeof n) => (t / 2 - Math.sin(2 * c.ws * t) / (4 * c.ws)) / (c.ws * c.ws);
  const intG2 = (c: typeof n) => {
    const w = c.ws;
    return (
      (t * t * t) / 3 -
      (2 * (Math.sin(w * t) - w * t * Math.cos(w * t))) / (w * w * w) +
      (t / 2 - Math.sin(2 * w * t) / (4 * w)) / (w * w)
    );
  };
  const arw2 = y.random_walk * y.random_walk;
  const vrw2 = a.random_walk * a.random_walk;
  const north = channel(
    P,
    inRunCov,
    sN,
    pathsN,
    arw2 * n.R * n.R * (intS2(n) + wc * wc * intG2(n)),
    vrw2 * intSin2(n),
    t,
  );
  const east = channel(P, inRunCov, sE, pathsE, arw2 * e.R * e.R * intS2(e), vrw2 * intSin2(e), t);
  return { t_s, north, east, horizontal_m: Math.sqrt(north.total_m2 + east.total_m2) };
}

/**
 * The in-run covariance under the assumption that the alignment informs each bias only through
 * the sum of its turn-on and in-run parts at the end: Cov(x, m0) = −σ_m²/(σ_c² + σ_m²)·P[·, bias]
 * (σ_c turn-on, σ_m in-run 1σ). It credits the alignment with tracking the in-run part up to its
 * end; docs/navigation-drift.md discusses the error this makes.
 */
export function sumOnlyInRunCov(P: ArrayLike<number>, grade: ImuGrade): Float64Array {
  const out = new Float64Array(N * 6);
  for (let c = 0; c < 6; c++) {
    const e = c < 3 ? grade.accel : grade.gyro;
    const sm2 = e.bias_instability * e.bias_instability;
    const total = e.bias_1sigma * e.bias_1sigma + sm2;
    if (total === 0) continue;
    const b = 9 + c;
    for (let j = 0; j < N; j++) out[j * 6 + c] = -(sm2 / total) * P[j * N + b];
  }
  return out;
}
