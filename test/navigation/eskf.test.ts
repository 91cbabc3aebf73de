import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { makeEarth } from "../../src/earth/earth-model.js";
import { Eskf, type EskfNoise } from "../../src/navigation/eskf.js";
import { type ImuGrade, ImuModel } from "../../src/navigation/imu.js";
import { StrapdownIns } from "../../src/navigation/ins.js";
import { restTruth } from "./at-rest.js";

/**
 * Filter consistency on a vehicle at rest: the IMU errors are exactly the kinds the filter models
 * (white noise and first-order Gauss–Markov biases), initial errors are drawn from the filter's
 * initial covariance, and GNSS position and velocity fixes carry white noise of the stated σ.
 * Then the normalised estimation error squared, NEES = eᵀ·P⁻¹·e over the 15 states, averaged over
 * N runs, must lie inside the two-sided 95 % χ² bounds for 15·N degrees of freedom divided by N
 * (Bar-Shalom, Li and Kirubarajan, "Estimation with Applications to Tracking and Navigation",
 * §5.4.2).
 */

const GRADE: ImuGrade = {
  name: "tactical",
  example: "test grade: white noise and Gauss–Markov biases only",
  source: "test",
  accel: {
    bias_1sigma: 0,
    bias_instability: 5e-3,
    bias_tau_s: 300,
    scale_factor_ppm: 0,
    misalignment_rad: 0,
    random_walk: 1e-3,
  },
  gyro: {
    bias_1sigma: 0,
    bias_instability: 2e-5,
    bias_tau_s: 300,
    scale_factor_ppm: 0,
    misalignment_rad: 0,
    random_walk: 1e-4,
  },
  published_drift_m_per_h: 0,
  drift_source: "test",
};

const NOISE: EskfNoise = {
  accel_vrw: GRADE.accel.random_walk,
  gyro_arw: GRADE.gyro.random_walk,
  accel_bias_p0: GRADE.accel.bias_instability,
  accel_bias_tau_s: GRADE.accel.bias_tau_s,
  accel_bias_psd: (2 * GRADE.accel.bias_instability ** 2) / GRADE.accel.bias_tau_s,
  gyro_bias_p0: GRADE.gyro.bias_instability,
  gyro_bias_tau_s: GRADE.gyro.bias_tau_s,
  gyro_bias_psd: (2 * GRADE.gyro.bias_instability ** 2) / GRADE.gyro.bias_tau_s,
  p0_pos_m: 5,
  p0_vel_mps: 0.2,
  p0_tilt_rad: 2e-3,
  p0_heading_rad: 5e-3,
};

const POS_SIGMA = 3;
const VEL_SIGMA = 0.1;

/** Solve A·y = b for symmetric positive-definite A (n×n) by Cholesky; returns y. */
function cholSolve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = i === j ? Math.sqrt(s) : s / L[j * n + j];
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * y[k];
    y[i] = s / L[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * y[k];
    y[i] = s / L[i * n + i];
  }
  return y;
}

/** One run at rest; returns the NEES and the position errors at the end. */
function run(seed: number, seconds: number) {
  const earth = makeEarth();
  const rng = Rng.fromSeed(seed);
  const lat = 0.5;
  const lon = 0.1;
  const alt = 100;
  const { fTrue, wTrue } = restTruth(earth, lat, lon, alt);
  const dt = 0.01;
  const imu = new ImuModel(GRADE, rng.stream("imu"), dt);
  // Start the Gauss–Markov biases in their stationary distribution, as the filter assumes.
  const ins = new StrapdownIns(earth);
  const init = rng.stream("init");
  const R = 6.37e6;
  const psi = [
    init.gaussian(0, NOISE.p0_tilt_rad),
    init.gaussian(0, NOISE.p0_tilt_rad),
    init.gaussian(0, NOISE.p0_heading_rad),
  ];
  // Ĉ = (I − [ψ×])·I
  const c0 = Float64Array.of(1, psi[2], -psi[1], -psi[2], 1, psi[0], psi[1], -psi[0], 1);
  ins.reset(
    lat + init.gaussian(0, NOISE.p0_pos_m) / R,
    lon + init.gaussian(0, NOISE.p0_pos_m) / (R * Math.cos(lat)),
    alt + init.gaussian(0, NOISE.p0_pos_m),
    [
      init.gaussian(0, NOISE.p0_vel_mps),
      init.gaussian(0, NOISE.p0_vel_mps),
      init.gaussian(0, NOISE.p0_vel_mps),
    ],
    c0,
  );
  const kf = new Eskf(ins, NOISE);
  const gnss = rng.stream("gnss");
  const fm = new Float64Array(3);
  const wm = new Float64Array(3);
  const rad = new Float64Array(2);
  const steps = Math.round(seconds / dt);
  for (let i = 1; i <= steps; i++) {
    imu.measure(fTrue, wTrue, fm, wm);
    for (let k = 0; k < 3; k++) {
      fm[k] -= kf.accelBias[k];
      wm[k] -= kf.gyroBias[k];
    }
    ins.update(fm, wm, dt);
    if (i % 10 === 0) kf.predict(10 * dt);
    if (i % 100 === 0) {
      ins.radii(rad);
      const rn = rad[0] + ins.alt_m;
      const re = rad[1] + ins.alt_m;
      kf.updateScalar(
        0,
        -1,
        (lat - ins.lat_rad) * rn + gnss.gaussian(0, POS_SIGMA),
        POS_SIGMA ** 2,
      );
      kf.updateScalar(
        1,
        -1,
        (lon - ins.lon_rad) * re * Math.cos(lat) + gnss.gaussian(0, POS_SIGMA),
        POS_SIGMA ** 2,
      );
      kf.updateScalar(2, -1, -(alt - ins.alt_m) + gnss.gaussian(0, POS_SIGMA), POS_SIGMA ** 2);
      for (let k = 0; k < 3; k++)
        kf.updateScalar(3 + k, -1, gnss.gaussian(0, VEL_SIGMA) - ins.vNed[k], VEL_SIGMA ** 2);
      kf.feedback();
    }
  }
  ins.radii(rad);
  const C = ins.cNb;
  const e = Float64Array.of(
    (ins.lat_rad - lat) * (rad[0] + alt),
    (ins.lon_rad - lon) * (rad[1] + alt) * Math.cos(lat),
    -(ins.alt_m - alt),
    ins.vNed[0],
    ins.vNed[1],
    ins.vNed[2],
    -C[7],
    -C[2],
    -C[3],
    kf.accelBias[0] - imu.accelBias[0],
    kf.accelBias[1] - imu.accelBias[1],
    kf.accelBias[2] - imu.accelBias[2],
    kf.gyroBias[0] - imu.gyroBias[0],
    kf.gyroBias[1] - imu.gyroBias[1],
    kf.gyroBias[2] - imu.gyroBias[2],
  );
  const y = cholSolve(kf.P, e, 15);
  let nees = 0;
  for (let i = 0; i < 15; i++) nees += e[i] * y[i];
  return { nees, e, P: kf.P };
}

describe("error-state Kalman filter", () => {
  it("is consistent: average NEES over 50 seeded runs inside the 95 % χ² bounds", () => {
    const runs = 50;
    let sum = 0;
    let pos2 = 0;
    let pvar = 0;
    for (let s = 0; s < runs; s++) {
      const r = run(1000 + s, 200);
      sum += r.nees;
      pos2 += r.e[0] ** 2 + r.e[1] ** 2;
      pvar += r.P[0] + r.P[16];
    }
    const avg = sum / runs;
    // χ²(750) two-sided 95 %: 750 ∓ 1.96·√1500 (normal approximation, accurate to 0.3 % at 750 dof).
    const lo = (750 - 1.96 * Math.sqrt(1500)) / runs;
    const hi = (750 + 1.96 * Math.sqrt(1500)) / runs;
    expect(avg).toBeGreaterThan(lo);
    expect(avg).toBeLessThan(hi);
    // GNSS-aided steady state: horizontal error consistent with the filter's own covariance, and
    // smaller than a single fix's error because the filter averages fixes.
    const rmsH = Math.sqrt(pos2 / runs);
    const predicted = Math.sqrt(pvar / runs);
    expect(rmsH / predicted).toBeGreaterThan(0.75);
    expect(rmsH / predicted).toBeLessThan(1.25);
    expect(predicted).toBeLessThan(POS_SIGMA * Math.SQRT2);
  }, 120_000);
});
