import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { makeEarth } from "../../src/earth/earth-model.js";
import { Eskf, HEIGHT_STATES } from "../../src/navigation/eskf.js";
import { eskfNoiseFor } from "../../src/navigation/gnss-ins-navigator.js";
import { IMU_GRADES, type ImuGrade, ImuModel } from "../../src/navigation/imu.js";
import { StrapdownIns } from "../../src/navigation/ins.js";
import { LevelFlightTruth, levelAttitude } from "./level-flight.js";

/**
 * GPS/INS in flight, as the missile uses it: GNSS-aided flight with ±20° weaves (so heading and
 * all three gyro biases are observable), then GNSS denial in straight flight with barometric
 * height only. 250 m/s at 5,000 m, IMU at 10 Hz, filter and fixes at 1 Hz (fix σ 4 m, 0.1 m/s).
 */

const DEG_H = Math.PI / 180 / 3600;
const WEAVE_PERIOD_S = 120;
const WEAVE_RATE = 0.35 * ((2 * Math.PI) / WEAVE_PERIOD_S);

interface FlightResult {
  /** Gyro-bias estimate minus truth (rad/s) and the filter's σ for it, when GNSS is lost. */
  readonly gyroErr: number[];
  readonly gyroSigma: number[];
  /** Horizontal truth-minus-estimate distance at the end, m. */
  readonly drift_m: number;
}

function flight(grade: ImuGrade, seed: number, aided_s: number, denied_s: number): FlightResult {
  const earth = makeEarth();
  const rng = Rng.fromSeed(seed);
  const dt = 0.1;
  const heading = 1.0;
  const truth = new LevelFlightTruth(earth, 0.6, 0.2, 5000, 250, heading);
  const t0 = truth.ins;
  const nav = new StrapdownIns(earth);
  const init = rng.stream("init");
  const noise = eskfNoiseFor(grade);
  const p = [
    init.gaussian(0, noise.p0_tilt_rad),
    init.gaussian(0, noise.p0_tilt_rad),
    init.gaussian(0, noise.p0_heading_rad),
  ];
  // Ĉ = (I − [ψ×])·C
  const E = Float64Array.of(1, p[2], -p[1], -p[2], 1, p[0], p[1], -p[0], 1);
  const C0 = levelAttitude(heading);
  const c = new Float64Array(9);
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++)
      for (let k = 0; k < 3; k++) c[3 * i + j] += E[3 * i + k] * C0[3 * k + j];
  nav.reset(t0.lat_rad, t0.lon_rad, t0.alt_m, t0.vNed, c);
  const imu = new ImuModel(grade, rng.stream("imu"), dt);
  const kf = new Eskf(nav, noise);
  const gnss = rng.stream("gnss");
  const fm = new Float64Array(3);
  const wm = new Float64Array(3);
  const rad = new Float64Array(2);
  let gyroErr: number[] = [];
  let gyroSigma: number[] = [];
  const n = Math.round((aided_s + denied_s) / dt);
  for (let i = 1; i <= n; i++) {
    const t = i * dt;
    const aided = t <= aided_s + 1e-9;
    truth.step(aided ? WEAVE_RATE * Math.sin((2 * Math.PI * t) / WEAVE_PERIOD_S) : 0, dt);
    imu.measure(truth.f, truth.w, fm, wm);
    for (let k = 0; k < 3; k++) {
      fm[k] -= kf.accelBias[k];
      wm[k] -= kf.gyroBias[k];
    }
    nav.update(fm, wm, dt);
    if (i % 10 !== 0) continue;
    kf.predict(1);
    nav.radii(rad);
    if (aided) {
      const rn = rad[0] + nav.alt_m;
      const re = rad[1] + nav.alt_m;
      kf.updateScalar(0, -1, (t0.lat_rad - nav.lat_rad) * rn + gnss.gaussian(0, 4), 16);
      const dLon = (t0.lon_rad - nav.lon_rad) * re * Math.cos(nav.lat_rad);
      kf.updateScalar(1, -1, dLon + gnss.gaussian(0, 4), 16);
      for (let k = 0; k < 3; k++)
        kf.updateScalar(3 + k, -1, t0.vNed[k] + gnss.gaussian(0, 0.1) - nav.vNed[k], 0.01);
    }
    kf.updateScalar(2, -1, nav.alt_m - (t0.alt_m + gnss.gaussian(0, 15)), 225, HEIGHT_STATES);
    kf.feedback();
    if (Math.abs(t - aided_s) < 1e-6) {
      gyroErr = [0, 1, 2].map((k) => kf.gyroBias[k] - imu.gyroBias[k]);
      gyroSigma = [12, 13, 14].map((k) => Math.sqrt(kf.P[k * 16]));
    }
  }
  nav.radii(rad);
  const dN = (nav.lat_rad - t0.lat_rad) * rad[0];
  const dE = (nav.lon_rad - t0.lon_rad) * rad[1] * Math.cos(t0.lat_rad);
  return { gyroErr, gyroSigma, drift_m: Math.hypot(dN, dE) };
}

const SEEDS = Array.from({ length: 12 }, (_, k) => 300 + k);

describe("GPS/INS in flight", () => {
  it("calibrates the tactical IMU's gyro biases in aided flight, as well as its covariance says", () => {
    // Ten minutes of weaving flight: the turn-on bias (1 °/h) is estimated down to what the
    // angle random walk and the in-run wander allow, and the estimate's error matches its σ.
    const runs = SEEDS.map((s) => flight(IMU_GRADES.tactical, s, 600, 0));
    let e2 = 0;
    let s2 = 0;
    for (const r of runs) {
      for (let k = 0; k < 3; k++) {
        e2 += r.gyroErr[k] ** 2;
        s2 += r.gyroSigma[k] ** 2;
      }
    }
    const rmsErr = Math.sqrt(e2 / (3 * runs.length));
    const rmsSigma = Math.sqrt(s2 / (3 * runs.length));
    const msg = `error ${(rmsErr / DEG_H).toFixed(3)} °/h, σ ${(rmsSigma / DEG_H).toFixed(3)} °/h`;
    expect(rmsErr / rmsSigma, msg).toBeGreaterThan(0.6);
    expect(rmsErr / rmsSigma, msg).toBeLessThan(1.5);
    expect(rmsSigma, msg).toBeLessThan(0.6 * IMU_GRADES.tactical.gyro.bias_1sigma);
  }, 60_000);

  it("stays finite through an hour of denial, and drifts in grade order", () => {
    const rms = (g: ImuGrade) =>
      Math.sqrt(SEEDS.reduce((a, s) => a + flight(g, s, 600, 3600).drift_m ** 2, 0) / SEEDS.length);
    const nav = rms(IMU_GRADES.navigation);
    const tac = rms(IMU_GRADES.tactical);
    expect(Number.isFinite(nav) && Number.isFinite(tac)).toBe(true);
    expect(nav, `navigation ${nav.toFixed(0)} m, tactical ${tac.toFixed(0)} m`).toBeLessThan(tac);
  }, 120_000);
});
