/**
 * A small planar homing harness for analysis (it allocates its history arrays; nothing in the
 * flight loop uses it).
 *
 * Two engagement models:
 * - `simulatePlanarEngagement`: nonlinear 2-D kinematics. The missile flies at constant speed,
 *   its acceleration normal to its velocity (γ̇ = a/V_M); the target moves at constant speed with
 *   a constant normal acceleration (0 and 0 for a fixed ground target). The guidance law (true PN
 *   or the impact-angle law of proportional-navigation.ts) is evaluated continuously inside the
 *   RK4 derivative, and the achieved acceleration follows the command through a first-order lag
 *   τ (τ = 0: no lag). No gravity, no drag: a kinematic check of the laws. The run ends at closest
 *   approach; the miss is the closest distance of straight-line relative motion over the last
 *   step, as in Zarchan's engagement simulations.
 * - `simulateLinearHoming`: Zarchan's linearised homing loop (ch. 2–3), the model his closed forms
 *   and adjoint results are exact for: ÿ = n_T − n_L, λ = y/(V_c·t_go), n_c = N′·V_c·λ̇,
 *   n_L = n_c/(1 + sτ), y(0) = 0, ẏ(0) = −V_M·HE. Miss = y(t_F).
 *
 * Reference closed forms (derived from the adjoint transfer functions and cross-checked against
 * simulation in the project's public-figures note §2b [C]):
 * - zero-lag PN, heading error: n_c(t) = −(V_M·HE·N′/t_F)·(1 − t/t_F)^(N′−2);
 * - single time constant τ, heading error: the adjoint M(s) = s^(N′−2)/(s + 1/τ)^N′ inverts to
 *   miss/(−V_M·HE·τ) = e^(−x)·Σ_{k=0}^{N′−2} C(N′−2,k)·(−1)^k·x^(k+1)/(k+1)!,  x = t_F/τ;
 * - single time constant, target step n_T: miss/(n_T·τ²) = e^(−x)·Σ_{k=0}^{N′−3} C(N′−3,k)·(−1)^k·
 *   x^(k+2)/(k+2)!.
 */

import { wrapPi } from "./proportional-navigation.js";

export type PlanarLaw = "pn" | "impact-angle";

export interface PlanarEngagementParams {
  /** Missile speed (constant), m/s; initial position (m) and flight-path angle (rad, CCW from +x). */
  readonly vm_mps: number;
  readonly xm0_m: number;
  readonly ym0_m: number;
  readonly gamma0_rad: number;
  /** Target initial position (m), speed (m/s), heading (rad) and normal acceleration (m/s²). */
  readonly xt0_m: number;
  readonly yt0_m: number;
  readonly vt_mps: number;
  readonly beta0_rad: number;
  readonly nt_mps2: number;
  readonly law: PlanarLaw;
  /** Effective navigation ratio N′ for "pn". */
  readonly navRatio: number;
  /** Desired final line-of-sight / flight-path angle for "impact-angle", rad. */
  readonly finalAngle_rad: number;
  /** First-order guidance lag, s (0: none). */
  readonly tau_s: number;
  /** Command limit, m/s² (Infinity: none). */
  readonly maxAccel_mps2: number;
  /** Integration step and time limit, s. */
  readonly dt_s: number;
  readonly maxTime_s: number;
  /** Floor on t_go in the impact-angle bias term, s. */
  readonly tgoMin_s: number;
}

export interface PlanarResult {
  miss_m: number;
  /** Time of closest approach (nonlinear) or t_F (linear), s. */
  time_s: number;
  /** Missile flight-path angle at the end, rad (NaN for the linear model). */
  finalGamma_rad: number;
  /** Time, commanded and achieved acceleration at the start of each step. */
  t_s: Float64Array;
  ac_mps2: Float64Array;
  al_mps2: Float64Array;
}

const NS = 7; // xm, ym, gamma, aL, xt, yt, beta

/** Commanded acceleration for the state s. */
function command(p: PlanarEngagementParams, s: Float64Array): number {
  const rx = s[4] - s[0];
  const ry = s[5] - s[1];
  const vx = p.vt_mps * Math.cos(s[6]) - p.vm_mps * Math.cos(s[2]);
  const vy = p.vt_mps * Math.sin(s[6]) - p.vm_mps * Math.sin(s[2]);
  const r2 = rx * rx + ry * ry;
  if (r2 < 1e-12) return 0;
  const r = Math.sqrt(r2);
  const losRate = (rx * vy - ry * vx) / r2;
  const vc = -(rx * vx + ry * vy) / r;
  let a: number;
  if (p.law === "pn") {
    a = p.navRatio * vc * losRate;
  } else {
    let tgo = vc > 0 ? r / vc : p.tgoMin_s;
    if (tgo < p.tgoMin_s) tgo = p.tgoMin_s;
    const los = Math.atan2(ry, rx);
    a = 4 * vc * losRate + (2 * vc * wrapPi(los - p.finalAngle_rad)) / tgo;
  }
  if (a > p.maxAccel_mps2) a = p.maxAccel_mps2;
  else if (a < -p.maxAccel_mps2) a = -p.maxAccel_mps2;
  return a;
}

function derivative(p: PlanarEngagementParams, s: Float64Array, ds: Float64Array): number {
  const ac = command(p, s);
  const aL = p.tau_s > 0 ? s[3] : ac;
  ds[0] = p.vm_mps * Math.cos(s[2]);
  ds[1] = p.vm_mps * Math.sin(s[2]);
  ds[2] = aL / p.vm_mps;
  ds[3] = p.tau_s > 0 ? (ac - s[3]) / p.tau_s : 0;
  ds[4] = p.vt_mps * Math.cos(s[6]);
  ds[5] = p.vt_mps * Math.sin(s[6]);
  ds[6] = p.vt_mps > 0 ? p.nt_mps2 / p.vt_mps : 0;
  return ac;
}

/** Nonlinear planar engagement to closest approach. */
export function simulatePlanarEngagement(p: PlanarEngagementParams): PlanarResult {
  const n = Math.ceil(p.maxTime_s / p.dt_s) + 2;
  const ts = new Float64Array(n);
  const acs = new Float64Array(n);
  const als = new Float64Array(n);
  const s = new Float64Array(NS);
  const prev = new Float64Array(NS);
  const tmp = new Float64Array(NS);
  const k1 = new Float64Array(NS);
  const k2 = new Float64Array(NS);
  const k3 = new Float64Array(NS);
  const k4 = new Float64Array(NS);
  s.set([p.xm0_m, p.ym0_m, p.gamma0_rad, 0, p.xt0_m, p.yt0_m, p.beta0_rad]);
  const h = p.dt_s;
  let t = 0;
  let count = 0;
  let miss = Number.NaN;
  let tEnd = Number.NaN;
  for (;;) {
    prev.set(s);
    const ac = derivative(p, s, k1);
    ts[count] = t;
    acs[count] = ac;
    als[count] = p.tau_s > 0 ? s[3] : ac;
    count++;
    for (let i = 0; i < NS; i++) tmp[i] = s[i] + 0.5 * h * k1[i];
    derivative(p, tmp, k2);
    for (let i = 0; i < NS; i++) tmp[i] = s[i] + 0.5 * h * k2[i];
    derivative(p, tmp, k3);
    for (let i = 0; i < NS; i++) tmp[i] = s[i] + h * k3[i];
    derivative(p, tmp, k4);
    for (let i = 0; i < NS; i++) s[i] += (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    t += h;
    // Closing speed after the step: stop once the range opens.
    const rx = s[4] - s[0];
    const ry = s[5] - s[1];
    const vx = p.vt_mps * Math.cos(s[6]) - p.vm_mps * Math.cos(s[2]);
    const vy = p.vt_mps * Math.sin(s[6]) - p.vm_mps * Math.sin(s[2]);
    if (rx * vx + ry * vy >= 0 || count >= n - 1 || t >= p.maxTime_s) {
      // Straight-line relative motion across the last step from its start.
      const px = prev[4] - prev[0];
      const py = prev[5] - prev[1];
      const dx = rx - px;
      const dy = ry - py;
      const d2 = dx * dx + dy * dy;
      let f = d2 > 0 ? -(px * dx + py * dy) / d2 : 0;
      if (f < 0) f = 0;
      else if (f > 1) f = 1;
      const mx = px + f * dx;
      const my = py + f * dy;
      miss = Math.sqrt(mx * mx + my * my);
      tEnd = t - h + f * h;
      break;
    }
  }
  return {
    miss_m: miss,
    time_s: tEnd,
    finalGamma_rad: s[2],
    t_s: ts.subarray(0, count),
    ac_mps2: acs.subarray(0, count),
    al_mps2: als.subarray(0, count),
  };
}

export interface LinearHomingParams {
  readonly vm_mps: number;
  readonly vc_mps: number;
  readonly tf_s: number;
  /** Heading error, rad. */
  readonly he_rad: number;
  /** Target step acceleration, m/s². */
  readonly nt_mps2: number;
  readonly navRatio: number;
  readonly tau_s: number;
  readonly dt_s: number;
}

/** Zarchan's linearised homing loop, RK4 with the command evaluated inside the derivative. */
export function simulateLinearHoming(p: LinearHomingParams): PlanarResult {
  const steps = Math.round(p.tf_s / p.dt_s);
  const h = p.tf_s / steps;
  const ts = new Float64Array(steps + 1);
  const acs = new Float64Array(steps + 1);
  const als = new Float64Array(steps + 1);
  // State: y, ẏ, n_L.
  const s = new Float64Array(3);
  const tmp = new Float64Array(3);
  const k1 = new Float64Array(3);
  const k2 = new Float64Array(3);
  const k3 = new Float64Array(3);
  const k4 = new Float64Array(3);
  s[1] = -p.vm_mps * p.he_rad;
  const deriv = (t: number, x: Float64Array, d: Float64Array): number => {
    const tgo = p.tf_s - t + 1e-5; // Zarchan's guard
    const losRate = (x[0] + x[1] * tgo) / (p.vc_mps * tgo * tgo);
    const nc = p.navRatio * p.vc_mps * losRate;
    const nl = p.tau_s > 0 ? x[2] : nc;
    d[0] = x[1];
    d[1] = p.nt_mps2 - nl;
    d[2] = p.tau_s > 0 ? (nc - x[2]) / p.tau_s : 0;
    return nc;
  };
  for (let i = 0; i < steps; i++) {
    const t = i * h;
    const nc = deriv(t, s, k1);
    ts[i] = t;
    acs[i] = nc;
    als[i] = p.tau_s > 0 ? s[2] : nc;
    for (let j = 0; j < 3; j++) tmp[j] = s[j] + 0.5 * h * k1[j];
    deriv(t + 0.5 * h, tmp, k2);
    for (let j = 0; j < 3; j++) tmp[j] = s[j] + 0.5 * h * k2[j];
    deriv(t + 0.5 * h, tmp, k3);
    for (let j = 0; j < 3; j++) tmp[j] = s[j] + h * k3[j];
    deriv(t + h, tmp, k4);
    for (let j = 0; j < 3; j++) s[j] += (h / 6) * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
  }
  ts[steps] = p.tf_s;
  acs[steps] = Number.NaN;
  als[steps] = Number.NaN;
  return {
    miss_m: s[0],
    time_s: p.tf_s,
    finalGamma_rad: Number.NaN,
    t_s: ts,
    ac_mps2: acs,
    al_mps2: als,
  };
}

/** Zero-lag PN closed form for a heading error: n_c(t) = −(V_M·HE·N′/t_F)·(1 − t/t_F)^(N′−2). */
export function headingErrorCommand(
  vm_mps: number,
  he_rad: number,
  navRatio: number,
  tf_s: number,
  t_s: number,
): number {
  return -((vm_mps * he_rad * navRatio) / tf_s) * (1 - t_s / tf_s) ** (navRatio - 2);
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/**
 * Single-time-constant heading-error miss, normalised: miss/(−V_M·HE·τ) as a function of
 * x = t_F/τ, for an integer N′ ≥ 2 (adjoint closed form).
 */
export function headingErrorMissNormalised(navRatio: number, x: number): number {
  const m = navRatio - 2;
  let sum = 0;
  for (let k = 0; k <= m; k++) {
    sum += (binomial(m, k) * (k % 2 === 0 ? 1 : -1) * x ** (k + 1)) / factorial(k + 1);
  }
  return Math.exp(-x) * sum;
}

/**
 * Single-time-constant miss from a target step acceleration, normalised: miss/(n_T·τ²) as a
 * function of x = t_F/τ, for an integer N′ ≥ 3.
 */
export function targetStepMissNormalised(navRatio: number, x: number): number {
  const m = navRatio - 3;
  let sum = 0;
  for (let k = 0; k <= m; k++) {
    sum += (binomial(m, k) * (k % 2 === 0 ? 1 : -1) * x ** (k + 2)) / factorial(k + 2);
  }
  return Math.exp(-x) * sum;
}
