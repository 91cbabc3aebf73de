/**
 * A loosely coupled, 15-state error-state Kalman filter for GNSS/INS (Groves, 2nd ed., §14.2 and
 * §14.3; Farrell, "Aided Navigation", ch. 11). States, all "estimate minus truth":
 *   0–2 position error (north, east, down; m), 3–5 velocity error (NED; m/s),
 *   6–8 attitude error ψ (NED; rad, with Ĉ_nb = (I − [ψ×])·C_nb),
 *   9–11 accelerometer bias error (body; m/s²), 12–14 gyro bias error (body; rad/s).
 * Error dynamics (the psi-angle model):
 *   δṗ = δv,  δv̇ = f_n × ψ − C·δb_a + (2g/R)·δp_D on the vertical,
 *   ψ̇ = −ω_in × ψ + δω_in(δv) + C·δb_g,  δḃ = −δb/τ (first-order Gauss–Markov biases).
 * Measurements (GNSS position and velocity, barometric height) are processed one scalar at a time,
 * which is exact for independent noises and needs no matrix inverse; after each batch the estimated
 * errors are fed back into the INS and zeroed. Allocation-free after construction.
 */

import type { StrapdownIns } from "./ins.js";

const N = 15;

// Slots of Eskf.q (the noise figures predict() reads).
const Q_ACCEL_TAU = 0;
const Q_GYRO_TAU = 1;
const Q_ACCEL_VRW = 2;
const Q_GYRO_ARW = 3;
const Q_ACCEL_PSD = 4;
const Q_GYRO_PSD = 5;
const Q_SIZE = 6;

/** Index of row r, column c in an N×N row-major matrix. */
const at = (r: number, c: number): number => r * N + c;

/**
 * States a height measurement (baro) corrects: height, vertical velocity and the accelerometer
 * biases. It carries no first-order information on the horizontal or attitude states; letting it
 * correct them through the second-order coupling f̂ × ψ (f̂ tilted by the attitude error) pulls the
 * gyro-bias estimates off during a long GNSS outage and can make the filter diverge.
 */
export const HEIGHT_STATES: Uint8Array = Uint8Array.from({ length: N }, (_, i) =>
  i === 2 || i === 5 || (i >= 9 && i <= 11) ? 1 : 0,
);

/** Noise and initial-uncertainty parameters of the filter (1σ values, SI). */
export interface EskfNoise {
  /** Accelerometer white noise (m/s/√s) and gyro white noise (rad/√s). */
  readonly accel_vrw: number;
  readonly gyro_arw: number;
  /**
   * Bias model δḃ = −δb/τ + w: initial 1σ (accel m/s², gyro rad/s), correlation time τ (s;
   * Infinity for a random constant plus a random walk) and the power spectral density of w
   * (accel (m/s²)²/s, gyro (rad/s)²/s).
   */
  readonly accel_bias_p0: number;
  readonly accel_bias_tau_s: number;
  readonly accel_bias_psd: number;
  readonly gyro_bias_p0: number;
  readonly gyro_bias_tau_s: number;
  readonly gyro_bias_psd: number;
  /** Initial 1σ: position (m), velocity (m/s), tilt (rad), heading (rad). */
  readonly p0_pos_m: number;
  readonly p0_vel_mps: number;
  readonly p0_tilt_rad: number;
  readonly p0_heading_rad: number;
}

/** The filter: error state, covariance and the INS it corrects. */
export class Eskf {
  /** Error-state estimate (zero after each feedback). */
  readonly x = new Float64Array(N);
  /** Covariance, row-major N×N. */
  readonly P = new Float64Array(N * N);
  /** Estimated accelerometer and gyro biases (body), subtracted from the IMU by the caller. */
  readonly accelBias = new Float64Array(3);
  readonly gyroBias = new Float64Array(3);

  private readonly F = new Float64Array(N * N);
  private readonly Phi = new Float64Array(N * N);
  private readonly T1 = new Float64Array(N * N);
  private readonly col = new Float64Array(N);
  private readonly rowK = new Float64Array(N);
  private readonly fi = new Int32Array(N * N);
  private readonly fj = new Int32Array(N * N);
  private readonly rad = new Float64Array(2);

  /** Number of structural non-zeros of F (fixed by the model). */
  private readonly nzF: number;
  /**
   * The noise figures predict() reads, copied at construction: the noise object is a literal built
   * per run whose fields may start as small integers (or Infinity) and whose hidden class V8 may
   * rebuild from run to run; reading a Float64Array keeps predict()'s optimised code valid.
   */
  private readonly q = new Float64Array(Q_SIZE);

  constructor(
    readonly ins: StrapdownIns,
    readonly noise: EskfNoise,
  ) {
    const q = this.q;
    q[Q_ACCEL_TAU] = noise.accel_bias_tau_s;
    q[Q_GYRO_TAU] = noise.gyro_bias_tau_s;
    q[Q_ACCEL_VRW] = noise.accel_vrw;
    q[Q_GYRO_ARW] = noise.gyro_arw;
    q[Q_ACCEL_PSD] = noise.accel_bias_psd;
    q[Q_GYRO_PSD] = noise.gyro_bias_psd;
    this.resetCovariance();
    // The sparsity pattern never changes: find it once from a structural F with every entry the
    // model can set marked.
    const F = this.F;
    F.fill(0);
    const mark = (r: number, c: number) => {
      F[at(r, c)] = 1;
    };
    for (let i = 0; i < 3; i++) {
      mark(i, 3 + i);
      mark(5, 2);
      for (let j = 0; j < 3; j++) {
        if (i !== j) mark(3 + i, 6 + j);
        mark(3 + i, 9 + j);
        if (i !== j) mark(6 + i, 6 + j);
        mark(6 + i, 12 + j);
      }
      mark(9 + i, 9 + i);
      mark(12 + i, 12 + i);
    }
    mark(6, 4);
    mark(7, 3);
    this.nzF = this.collect(F, this.fi, this.fj);
  }

  /** Set P to its initial diagonal. */
  resetCovariance(): void {
    const n = this.noise;
    this.P.fill(0);
    const d = [
      n.p0_pos_m,
      n.p0_pos_m,
      n.p0_pos_m,
      n.p0_vel_mps,
      n.p0_vel_mps,
      n.p0_vel_mps,
      n.p0_tilt_rad,
      n.p0_tilt_rad,
      n.p0_heading_rad,
      n.accel_bias_p0,
      n.accel_bias_p0,
      n.accel_bias_p0,
      n.gyro_bias_p0,
      n.gyro_bias_p0,
      n.gyro_bias_p0,
    ];
    for (let i = 0; i < N; i++) this.P[i * N + i] = d[i] * d[i];
    this.x.fill(0);
  }

  /** Propagate the covariance over dt (s) using the INS's current state. */
  predict(dt: number): void {
    const ins = this.ins;
    const F = this.F;
    F.fill(0);
    const C = ins.cNb;
    const f = ins.fNed;
    const w = ins.wIn;
    ins.radii(this.rad);
    const rn = this.rad[0] + ins.alt_m;
    const re = this.rad[1] + ins.alt_m;
    const g = Math.hypot(ins.gNed[0], ins.gNed[1], ins.gNed[2]);
    // δṗ = δv
    F[at(0, 3)] = 1;
    F[at(1, 4)] = 1;
    F[at(2, 5)] = 1;
    // δv̇ = f × ψ  ([f×] with f = (fN, fE, fD))
    F[at(3, 7)] = -f[2];
    F[at(3, 8)] = f[1];
    F[at(4, 6)] = f[2];
    F[at(4, 8)] = -f[0];
    F[at(5, 6)] = -f[1];
    F[at(5, 7)] = f[0];
    // Vertical gravity gradient: a height error changes computed gravity (the unstable vertical
    // channel). The horizontal (Schuler) coupling enters through δω_in below: ψ is the attitude
    // error relative to the true navigation frame (the "phi-angle" form).
    F[at(5, 2)] = (2 * g) / Math.sqrt(rn * re);
    // δv̇ = −C·δb_a
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) F[(3 + r) * N + 9 + c] = -C[3 * r + c];
    // ψ̇ = −ω_in × ψ + δω_in(δv) + C·δb_g
    F[at(6, 7)] = w[2];
    F[at(6, 8)] = -w[1];
    F[at(7, 6)] = -w[2];
    F[at(7, 8)] = w[0];
    F[at(8, 6)] = w[1];
    F[at(8, 7)] = -w[0];
    F[at(6, 4)] = 1 / re;
    F[at(7, 3)] = -1 / rn;
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) F[(6 + r) * N + 12 + c] = C[3 * r + c];
    // Gauss–Markov biases (τ = Infinity gives 0: a random constant plus a random walk)
    const q = this.q;
    for (let i = 0; i < 3; i++) {
      F[(9 + i) * N + 9 + i] = -1 / q[Q_ACCEL_TAU];
      F[(12 + i) * N + 12 + i] = -1 / q[Q_GYRO_TAU];
    }
    // Φ = I + A with A = F·dt: over the 1 s propagation interval the second-order terms are
    // below 1e-3 of the first-order ones for this model (tested: consistency and drift unchanged).
    // F has about 45 non-zeros out of 225, so Φ·P·Φᵀ = P + A·P + P·Aᵀ + A·P·Aᵀ is formed from
    // A's non-zeros only.
    const A = this.Phi;
    const T1 = this.T1;
    for (let a = 0; a < this.nzF; a++) {
      const k = this.fi[a] * N + this.fj[a];
      A[k] = F[k] * dt;
    }
    const nz = this.nzF;
    const P0 = this.P;
    // T1 = P + A·P
    T1.set(P0);
    for (let a = 0; a < nz; a++) {
      const i = this.fi[a];
      const k = this.fj[a];
      const v = A[i * N + k];
      for (let j = 0; j < N; j++) T1[i * N + j] += v * P0[k * N + j];
    }
    // P = T1 + T1·Aᵀ: (T1·Aᵀ)[r][i] = Σ_k T1[r][k]·A[i][k]
    P0.set(T1);
    for (let a = 0; a < nz; a++) {
      const i = this.fi[a];
      const k = this.fj[a];
      const v = A[i * N + k];
      for (let r = 0; r < N; r++) P0[r * N + i] += v * T1[r * N + k];
    }
    const P = this.P;
    const qv = q[Q_ACCEL_VRW] * q[Q_ACCEL_VRW] * dt;
    const qa = q[Q_GYRO_ARW] * q[Q_GYRO_ARW] * dt;
    const qba = q[Q_ACCEL_PSD] * dt;
    const qbg = q[Q_GYRO_PSD] * dt;
    for (let i = 0; i < 3; i++) {
      P[(3 + i) * N + 3 + i] += qv;
      P[(6 + i) * N + 6 + i] += qa;
      P[(9 + i) * N + 9 + i] += qba;
      P[(12 + i) * N + 12 + i] += qbg;
    }
  }

  /** Write the row and column of every non-zero of m into ri, ci; return how many. */
  private collect(m: Float64Array, ri: Int32Array, ci: Int32Array): number {
    let n = 0;
    for (let i = 0; i < N; i++) {
      for (let j = 0; j < N; j++) {
        if (m[i * N + j] !== 0) {
          ri[n] = i;
          ci[n] = j;
          n++;
        }
      }
    }
    return n;
  }

  /**
   * Scalar update with a measurement that observes −(error state k) (sign −1) or +(error state k)
   * (sign +1): residual z = measured − estimated quantity, noise variance r. With `only`, the
   * states outside the mask are "consider" states (Schmidt–Kalman): their gain is zero, so the
   * measurement corrects only the states it informs, while every covariance stays exact for the
   * gain actually used.
   */
  updateScalar(k: number, sign: number, z: number, r: number, only?: Uint8Array): void {
    const P = this.P;
    const x = this.x;
    const K = this.col;
    const s = P[k * N + k] + r;
    const innov = z - sign * x[k];
    // H·P = sign·(row k of P), copied before P changes.
    const hp = this.rowK;
    for (let j = 0; j < N; j++) hp[j] = sign * P[k * N + j];
    for (let i = 0; i < N; i++) K[i] = only === undefined || only[i] === 1 ? hp[i] / s : 0;
    for (let i = 0; i < N; i++) x[i] += K[i] * innov;
    // P ← (I − K·H)·P·(I − K·H)ᵀ + K·r·Kᵀ = P − K·hpᵀ − hp·Kᵀ + s·K·Kᵀ for every gain K; with the
    // optimal gain K = hp/s it is P − K·hpᵀ (feedback() restores exact symmetry).
    if (only === undefined) {
      for (let i = 0; i < N; i++) {
        const ki = K[i];
        if (ki === 0) continue;
        for (let j = 0; j < N; j++) P[i * N + j] -= ki * hp[j];
      }
      return;
    }
    for (let i = 0; i < N; i++) {
      const ki = K[i];
      const hi = hp[i];
      for (let j = 0; j < N; j++) P[i * N + j] += s * ki * K[j] - ki * hp[j] - hi * K[j];
    }
  }

  /** Restore exact symmetry of P (rounding in the updates breaks it slowly). */
  private symmetrize(): void {
    const P = this.P;
    for (let i = 0; i < N; i++) {
      for (let j = i + 1; j < N; j++) {
        const m = 0.5 * (P[i * N + j] + P[j * N + i]);
        P[i * N + j] = m;
        P[j * N + i] = m;
      }
    }
  }

  /** Feed the estimated errors back into the INS and the bias estimates, then zero them. */
  feedback(): void {
    this.symmetrize();
    const ins = this.ins;
    const x = this.x;
    ins.radii(this.rad);
    const rn = this.rad[0] + ins.alt_m;
    const re = this.rad[1] + ins.alt_m;
    ins.lat_rad -= x[0] / rn;
    ins.lon_rad -= x[1] / (re * Math.cos(ins.lat_rad));
    ins.alt_m += x[2];
    ins.vNed[0] -= x[3];
    ins.vNed[1] -= x[4];
    ins.vNed[2] -= x[5];
    // C_true = (I + [ψ×])·Ĉ
    const C = ins.cNb;
    const px = x[6];
    const py = x[7];
    const pz = x[8];
    for (let c = 0; c < 3; c++) {
      const a = C[c];
      const b = C[3 + c];
      const d = C[6 + c];
      C[c] = a - pz * b + py * d;
      C[3 + c] = b + pz * a - px * d;
      C[6 + c] = d - py * a + px * b;
    }
    for (let i = 0; i < 3; i++) {
      this.accelBias[i] -= x[9 + i];
      this.gyroBias[i] -= x[12 + i];
    }
    x.fill(0);
  }
}
