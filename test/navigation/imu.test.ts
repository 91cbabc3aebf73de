import { PerformanceObserver } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { IMU_GRADES, IMU_PERFECT, type ImuGrade, ImuModel } from "../../src/navigation/imu.js";

const only = (
  accel: Partial<ImuGrade["accel"]>,
  gyro: Partial<ImuGrade["gyro"]> = {},
): ImuGrade => ({
  ...IMU_PERFECT,
  accel: { ...IMU_PERFECT.accel, ...accel },
  gyro: { ...IMU_PERFECT.gyro, ...gyro },
});

describe("IMU error model", () => {
  it("grades are ordered: navigation < tactical < MEMS", () => {
    const g = IMU_GRADES;
    expect(g.navigation.gyro.bias_instability).toBeLessThan(g.tactical.gyro.bias_instability);
    expect(g.tactical.gyro.bias_instability).toBeLessThan(g.mems.gyro.bias_instability);
    expect(g.navigation.gyro.random_walk).toBeLessThan(g.tactical.gyro.random_walk);
    expect(g.tactical.gyro.random_walk).toBeLessThan(g.mems.gyro.random_walk);
    expect(g.navigation.accel.bias_1sigma).toBeLessThan(g.tactical.accel.bias_1sigma);
    expect(g.navigation.published_drift_m_per_h).toBeLessThan(g.tactical.published_drift_m_per_h);
    // 0.125 °/√h is 3.64e-5 rad/√s.
    expect(g.tactical.gyro.random_walk).toBeCloseTo(3.636e-5, 7);
  });

  it("is exact with no errors", () => {
    const imu = new ImuModel(IMU_PERFECT, Rng.fromSeed(1), 0.01);
    const f = Float64Array.of(0.1, -0.2, -9.8);
    const w = Float64Array.of(1e-3, 2e-3, -3e-3);
    const fo = new Float64Array(3);
    const wo = new Float64Array(3);
    imu.measure(f, w, fo, wo);
    expect([...fo]).toEqual([...f]);
    expect([...wo]).toEqual([...w]);
  });

  it("has white noise of σ = N/√dt per sample and a √t random walk", () => {
    const N = 1e-3;
    const dt = 0.01;
    const imu = new ImuModel(only({}, { random_walk: N }), Rng.fromSeed(2), dt);
    const z = new Float64Array(3);
    const fo = new Float64Array(3);
    const wo = new Float64Array(3);
    let s2 = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      imu.measure(z, z, fo, wo);
      s2 += wo[0] * wo[0];
    }
    expect(Math.sqrt(s2 / n) / (N / Math.sqrt(dt))).toBeCloseTo(1, 1);
    // Integrated angle after T: variance N²·T, over 200 runs.
    const T = 10;
    let v = 0;
    for (let r = 0; r < 200; r++) {
      const m = new ImuModel(only({}, { random_walk: N }), Rng.fromSeed(100 + r), dt);
      let angle = 0;
      for (let i = 0; i < T / dt; i++) {
        m.measure(z, z, fo, wo);
        angle += wo[1] * dt;
      }
      v += angle * angle;
    }
    expect(v / 200 / (N * N * T)).toBeGreaterThan(0.75);
    expect(v / 200 / (N * N * T)).toBeLessThan(1.25);
  });

  it("has Gauss–Markov bias instability with the stated σ and correlation time", () => {
    const sigma = 1e-3;
    const tau = 50;
    const imu = new ImuModel(
      only({ bias_instability: sigma, bias_tau_s: tau }),
      Rng.fromSeed(3),
      1,
    );
    const z = new Float64Array(3);
    const o = new Float64Array(3);
    const b: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      imu.measure(z, z, o, o);
      b.push(imu.accelBias[0]);
    }
    const mean = b.reduce((a, c) => a + c, 0) / b.length;
    const varb = b.reduce((a, c) => a + (c - mean) ** 2, 0) / b.length;
    expect(Math.sqrt(varb) / sigma).toBeCloseTo(1, 1);
    let cov = 0;
    for (let i = 0; i + tau < b.length; i++) cov += (b[i] - mean) * (b[i + tau] - mean);
    expect(Math.abs(cov / (b.length - tau) / varb - Math.exp(-1))).toBeLessThan(0.1);
  });

  it("applies scale factor and misalignment of the stated size", () => {
    let sf = 0;
    let mis = 0;
    const runs = 400;
    for (let r = 0; r < runs; r++) {
      const imu = new ImuModel(
        only({ scale_factor_ppm: 300, misalignment_rad: 1e-3 }),
        Rng.fromSeed(r),
        0.01,
      );
      const o = new Float64Array(3);
      imu.measure(Float64Array.of(10, 0, 0), new Float64Array(3), o, new Float64Array(3));
      sf += ((o[0] - 10) / 10) ** 2;
      mis += (o[1] / 10) ** 2;
    }
    expect(Math.sqrt(sf / runs) / 300e-6).toBeCloseTo(1, 0);
    expect(Math.sqrt(mis / runs) / 1e-3).toBeCloseTo(1, 0);
  });

  it("is deterministic per seed and allocates nothing per sample", () => {
    const a = new ImuModel(IMU_GRADES.mems, Rng.fromSeed(5), 0.01);
    const b = new ImuModel(IMU_GRADES.mems, Rng.fromSeed(5), 0.01);
    const f = Float64Array.of(0, 0, -9.8);
    const w = new Float64Array(3);
    const oa = new Float64Array(3);
    const ob = new Float64Array(3);
    for (let i = 0; i < 100; i++) {
      a.measure(f, w, oa, w.slice());
      b.measure(f, w, ob, w.slice());
      expect([...oa]).toEqual([...ob]);
    }
    const obs = new PerformanceObserver(() => {});
    obs.observe({ entryTypes: ["gc"] });
    const wo = new Float64Array(3);
    for (let i = 0; i < 1_000_000; i++) a.measure(f, w, oa, wo);
    expect(obs.takeRecords().length).toBe(0);
    obs.disconnect();
  });
});
