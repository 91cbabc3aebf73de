import { describe, expect, it } from "vitest";
import { makeEarth } from "../../src/earth/earth-model.js";
import {
  type BudgetSite,
  freeInertialDrift,
  gaussMarkovIntegrals,
} from "../../src/navigation/drift-budget.js";
import { IMU_PERFECT, type ImuGrade } from "../../src/navigation/imu.js";
import { StrapdownIns } from "../../src/navigation/ins.js";
import { restTruth } from "./at-rest.js";

/**
 * The closed-form free-inertial budget (drift-budget.ts) against the strapdown mechanization it
 * describes, one error source at a time, and its in-run (Gauss–Markov) terms against their limits.
 */

const LAT = 0.6;
const LON = 0.2;
const ALT = 0;
const DEG_H = Math.PI / 180 / 3600;
const earth = makeEarth();
const { fTrue, wTrue } = restTruth(earth, LAT, LON, ALT);

function site(): BudgetSite {
  const probe = new StrapdownIns(earth);
  probe.reset(LAT, LON, ALT, [0, 0, 0], [1, 0, 0, 0, 1, 0, 0, 0, 1]);
  const rad = new Float64Array(2);
  probe.radii(rad);
  return {
    lat_rad: LAT,
    rn_m: rad[0] + ALT,
    re_m: rad[1] + ALT,
    g_mps2: Math.hypot(fTrue[0], fTrue[1], fTrue[2]),
    omega_ie_radps: earth.omega_radps,
  };
}

/** Horizontal error (m) of the INS at rest after t_s with error state `state` (eskf.ts) set to `value`, height held. */
function mechanize(state: number, value: number, t_s: number): number {
  const ins = new StrapdownIns(earth);
  const psi = [0, 0, 0];
  if (state >= 6 && state <= 8) psi[state - 6] = value;
  // Ĉ = (I − [ψ×])·C with C = I.
  ins.reset(
    LAT,
    LON,
    ALT,
    [0, 0, 0],
    Float64Array.of(1, psi[2], -psi[1], -psi[2], 1, psi[0], psi[1], -psi[0], 1),
  );
  // A bias error (estimate minus truth) x leaves the corrected measurement at truth − x.
  const f = Float64Array.from(fTrue);
  const w = Float64Array.from(wTrue);
  if (state >= 9 && state <= 11) f[state - 9] -= value;
  if (state >= 12) w[state - 12] -= value;
  const dt = 0.1;
  for (let i = 0; i < Math.round(t_s / dt); i++) {
    ins.update(f, w, dt);
    ins.alt_m = ALT;
    ins.vNed[2] = 0;
  }
  const rad = new Float64Array(2);
  ins.radii(rad);
  return Math.hypot(
    (ins.lat_rad - LAT) * (rad[0] + ALT),
    (ins.lon_rad - LON) * (rad[1] + ALT) * Math.cos(LAT),
  );
}

/** A covariance with the given diagonal entries. */
function diag(entries: Record<number, number>): Float64Array {
  const P = new Float64Array(225);
  for (const [i, v] of Object.entries(entries)) P[Number(i) * 16] = v;
  return P;
}

const NO_IN_RUN = new Float64Array(90);

describe("free-inertial drift budget", () => {
  it("moves the position as the strapdown mechanization does, source by source, over 1 h (within 3 %)", () => {
    const s = site();
    const sources: [string, number, number][] = [
      ["north tilt 1 mrad", 6, 1e-3],
      ["east tilt 1 mrad", 7, 1e-3],
      ["heading 10 mrad", 8, 1e-2],
      ["north accelerometer 1 mm/s²", 9, 1e-3],
      ["east accelerometer 1 mm/s²", 10, 1e-3],
      ["north gyro 1 °/h", 12, DEG_H],
      ["east gyro 1 °/h", 13, DEG_H],
      ["down gyro 1 °/h", 14, DEG_H],
      ["down gyro 36 °/h (MEMS turn-on)", 14, 36 * DEG_H],
    ];
    for (const [name, state, value] of sources) {
      for (const t of [1800, 3600]) {
        const sim = mechanize(state, value, t);
        const b = freeInertialDrift(
          { P: diag({ [state]: value * value }), inRunCov: NO_IN_RUN },
          IMU_PERFECT,
          s,
          t,
        );
        expect(
          Math.abs(sim / b.horizontal_m - 1),
          `${name} at ${t} s: ${sim.toFixed(0)} m vs ${b.horizontal_m.toFixed(0)} m`,
        ).toBeLessThan(0.03);
      }
    }
  });

  it("cancels a tilt balanced by an accelerometer bias, and treats heading as an east gyro bias", () => {
    const s = site();
    const theta = 1e-3;
    const P = diag({ 7: theta * theta, 9: (s.g_mps2 * theta) ** 2 });
    P[7 * 15 + 9] = s.g_mps2 * theta * theta;
    P[9 * 15 + 7] = P[7 * 15 + 9];
    const balanced = freeInertialDrift({ P, inRunCov: NO_IN_RUN }, IMU_PERFECT, s, 3600);
    expect(balanced.horizontal_m).toBeLessThan(1e-6);
    const psi = 5e-3;
    const heading = freeInertialDrift(
      { P: diag({ 8: psi * psi }), inRunCov: NO_IN_RUN },
      IMU_PERFECT,
      s,
      3600,
    );
    const eps = s.omega_ie_radps * Math.cos(LAT) * psi;
    const gyro = freeInertialDrift(
      { P: diag({ 13: eps * eps }), inRunCov: NO_IN_RUN },
      IMU_PERFECT,
      s,
      3600,
    );
    expect(heading.horizontal_m / gyro.horizontal_m).toBeCloseTo(1, 12);
  });

  it("turns an unknown in-run bias into white noise of density σ·√(2τ) as τ → 0, and into a constant as τ → ∞", () => {
    const s = site();
    const sigma = 1 * DEG_H;
    const inRun = (tau_s: number): ImuGrade => ({
      ...IMU_PERFECT,
      gyro: { ...IMU_PERFECT.gyro, bias_instability: sigma, bias_tau_s: tau_s },
    });
    // The alignment knows nothing of the in-run part: P = σ², Cov(x, m0) = −σ² on each gyro axis.
    const unknown = () => {
      const inRunCov = new Float64Array(90);
      for (let c = 3; c < 6; c++) inRunCov[(9 + c) * 6 + c] = -sigma * sigma;
      return { P: diag({ 12: sigma * sigma, 13: sigma * sigma, 14: sigma * sigma }), inRunCov };
    };
    const tau = 5;
    const white: ImuGrade = {
      ...IMU_PERFECT,
      gyro: { ...IMU_PERFECT.gyro, random_walk: sigma * Math.sqrt(2 * tau) },
    };
    for (const t of [600, 3600]) {
      const gm = freeInertialDrift(unknown(), inRun(tau), s, t);
      const wn = freeInertialDrift({ P: diag({}), inRunCov: NO_IN_RUN }, white, s, t);
      expect(Math.abs(gm.horizontal_m / wn.horizontal_m - 1), `${t} s`).toBeLessThan(0.02);
      const slow = freeInertialDrift(unknown(), inRun(1e12), s, t);
      const constant = freeInertialDrift(unknown(), IMU_PERFECT, s, t);
      expect(slow.horizontal_m / constant.horizontal_m).toBeCloseTo(1, 4);
    }
  });

  it("integrates a Gauss–Markov kernel as the closed forms do", () => {
    // k = 1: I = t, E = τ(1 − e^{−t/τ}), D = 2τ·(t − τ(1 − e^{−t/τ})).
    const t = 3600;
    const tau = 600;
    const { I, E, D } = gaussMarkovIntegrals(() => 1, t, tau);
    const decay = tau * (1 - Math.exp(-t / tau));
    expect(I / t).toBeCloseTo(1, 9);
    expect(E / decay).toBeCloseTo(1, 5);
    expect(D / (2 * tau * (t - decay))).toBeCloseTo(1, 5);
  });
});
