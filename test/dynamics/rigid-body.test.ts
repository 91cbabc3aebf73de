import { describe, expect, it } from "vitest";
import { quatToDcm } from "../../src/core/quat.js";
import { NO_AERO } from "../../src/dynamics/aero-coefficients.js";
import { runBody } from "../../src/dynamics/body-run.js";
import {
  type InitialConditions,
  initialState3Dof,
  initialState6Dof,
} from "../../src/dynamics/initial-state.js";
import { Rk4 } from "../../src/dynamics/ode.js";
import { BallisticDrag, PointMass3Dof, S3_EXTRA } from "../../src/dynamics/point-mass-3dof.js";
import { RigidBody6Dof, S6_QW, S6_SIZE, S6_WX } from "../../src/dynamics/rigid-body-6dof.js";
import { makeEarth } from "../../src/earth/earth-model.js";
import { WGS84_GM_M3PS2 } from "../../src/earth/ellipsoid.js";
import { windProfile } from "../../src/earth/wind.js";

const vacuumInertial = makeEarth({
  shape: "sphere",
  rotation: false,
  gravity: "none",
  atmosphere: false,
});

const still: InitialConditions = {
  lat_rad: 0,
  lon_rad: 0,
  alt_m: 1000,
  velocity: { frame: "ned", vn_mps: 0, ve_mps: 0, vd_mps: 0 },
  roll_rad: 0,
  pitch_rad: 0,
  yaw_rad: 0,
  p_radps: 0,
  q_radps: 0,
  r_radps: 0,
  ratesRelativeTo: "inertial",
};

/** Angular momentum in inertial axes and rotational kinetic energy. */
function momentum(x: Float64Array, I: Float64Array) {
  const w = [x[S6_WX], x[S6_WX + 1], x[S6_WX + 2]];
  const hb = [0, 1, 2].map((r) => I[3 * r] * w[0] + I[3 * r + 1] * w[1] + I[3 * r + 2] * w[2]);
  const C = quatToDcm(new Float64Array(9), x, S6_QW);
  const hi = [0, 1, 2].map((r) => C[3 * r] * hb[0] + C[3 * r + 1] * hb[1] + C[3 * r + 2] * hb[2]);
  const T = 0.5 * (w[0] * hb[0] + w[1] * hb[1] + w[2] * hb[2]);
  return { hi, T };
}

describe("6-DOF rigid body", () => {
  it("conserves angular momentum (inertial) and rotational energy of a torque-free asymmetric body", () => {
    // Full inertia tensor with products of inertia, spinning near the unstable intermediate axis.
    const I = Float64Array.of(2.0, -0.1, 0.05, -0.1, 3.0, -0.2, 0.05, -0.2, 4.0);
    const body = new RigidBody6Dof({ mass_kg: 5, inertia_kgm2: I }, NO_AERO, vacuumInertial);
    const x = new Float64Array(S6_SIZE);
    initialState6Dof(vacuumInertial, { ...still, p_radps: 0.05, q_radps: 3, r_radps: 0.02 }, x);
    const h0 = momentum(x, I);
    const rk4 = new Rk4(S6_SIZE);
    const h = 1e-3;
    let maxDh = 0;
    let maxDT = 0;
    let maxP = 0;
    for (let i = 0; i < 20000; i++) {
      rk4.step(body, i * h, x, h);
      const m = momentum(x, I);
      maxDh = Math.max(
        maxDh,
        Math.hypot(m.hi[0] - h0.hi[0], m.hi[1] - h0.hi[1], m.hi[2] - h0.hi[2]),
      );
      maxDT = Math.max(maxDT, Math.abs(m.T - h0.T));
      maxP = Math.max(maxP, Math.abs(x[S6_WX]));
    }
    const H = Math.hypot(...h0.hi);
    expect(maxDh / H).toBeLessThan(1e-9);
    expect(maxDT / h0.T).toBeLessThan(1e-9);
    // The intermediate-axis (Dzhanibekov) instability must actually show up: p grows large.
    expect(maxP).toBeGreaterThan(1);
  });

  it("keeps a steady spin about a principal axis constant", () => {
    const I = Float64Array.of(1, 0, 0, 0, 2, 0, 0, 0, 3);
    const body = new RigidBody6Dof({ mass_kg: 1, inertia_kgm2: I }, NO_AERO, vacuumInertial);
    const x = new Float64Array(S6_SIZE);
    initialState6Dof(vacuumInertial, { ...still, r_radps: 2 }, x);
    const rk4 = new Rk4(S6_SIZE);
    for (let i = 0; i < 1000; i++) rk4.step(body, i * 0.01, x, 0.01);
    expect(x[S6_WX]).toBe(0);
    expect(x[S6_WX + 1]).toBe(0);
    expect(x[S6_WX + 2]).toBeCloseTo(2, 14);
  });

  it("flies a circular Kepler orbit back to its start after one period (point-mass gravity)", () => {
    const earth = makeEarth({
      shape: "sphere",
      radius_m: 6371000,
      rotation: false,
      gravity: "point_mass",
      atmosphere: false,
    });
    const r = 7_000_000;
    const v = Math.sqrt(WGS84_GM_M3PS2 / r);
    const period = 2 * Math.PI * Math.sqrt(r ** 3 / WGS84_GM_M3PS2);
    const I = Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1);
    const res = runBody({
      earth,
      mass: { mass_kg: 100, inertia_kgm2: I },
      aero: NO_AERO,
      initial: {
        ...still,
        alt_m: r - 6371000,
        velocity: { frame: "ned", vn_mps: 0, ve_mps: v, vd_mps: 0 },
      },
      duration_s: period,
      step_s: period / 20000,
      sampleEvery: 20000,
      stopBelowAlt_m: null,
    });
    const x = res.samples.column("x_ecef_m");
    const y = res.samples.column("y_ecef_m");
    const alt = res.samples.column("alt_m");
    const last = res.samples.length - 1;
    expect(res.outcome.status).toBe("completed");
    expect(Math.hypot(x[last] - x[0], y[last] - y[0])).toBeLessThan(0.01);
    expect(Math.abs(alt[last] - alt[0])).toBeLessThan(0.01);
  });

  it("approaches the drag terminal velocity √(2mg/(ρ·CD·S)) near sea level", () => {
    // Flat, non-rotating, near-uniform setting: a heavy-drag body falls 100 m onto a level where ρ
    // is known; at terminal speed drag balances weight.
    const earth = makeEarth({
      shape: "sphere",
      radius_m: 6371000,
      rotation: false,
      gravity: "point_mass",
    });
    const S = 1;
    const CD = 1;
    const m = 1;
    const res = runBody({
      earth,
      mass: { mass_kg: m, inertia_kgm2: Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1) },
      aero: { ...NO_AERO, S_m2: S, CD },
      initial: { ...still, alt_m: 100 },
      duration_s: 60,
      step_s: 0.001,
      sampleEvery: 100,
      stopBelowAlt_m: 0,
    });
    const n = res.samples.length - 1;
    const vd = res.samples.column("vd_mps")[n];
    const rho = res.samples.column("rho_kgpm3")[n];
    const g = res.samples.column("gravity_mps2")[n];
    expect(res.outcome.status).toBe("ground_impact");
    expect(vd / Math.sqrt((2 * m * g) / (rho * CD * S))).toBeCloseTo(1, 2);
    // The stop is found by bisection: the last sample sits on the stop altitude.
    expect(Math.abs(res.samples.column("alt_m")[n])).toBeLessThan(1e-6);
    expect(res.events[0].kind).toBe("ground_impact");
  });

  it("is carried by a steady wind until it moves with the air", () => {
    const earth = makeEarth({
      shape: "sphere",
      radius_m: 6371000,
      rotation: false,
      gravity: "none",
      wind: windProfile([{ alt_m: 0, speed_mps: 10, from_rad: Math.PI }]),
    });
    const res = runBody({
      earth,
      mass: { mass_kg: 0.1, inertia_kgm2: Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1) },
      aero: { ...NO_AERO, S_m2: 0.5, CD: 1 },
      initial: still,
      duration_s: 300,
      step_s: 0.01,
      sampleEvery: 100,
      stopBelowAlt_m: null,
    });
    const n = res.samples.length - 1;
    // A wind FROM the south (180°) blows north at 10 m/s.
    expect(res.samples.column("vn_mps")[n]).toBeCloseTo(10, 2);
    expect(Math.abs(res.samples.column("ve_mps")[n])).toBeLessThan(1e-9);
    expect(res.samples.column("tas_mps")[n]).toBeLessThan(0.01);
  });

  it("the 3-DOF point mass and the 6-DOF sphere fly the same trajectory", () => {
    const earth = makeEarth();
    const ic: InitialConditions = {
      ...still,
      lat_rad: 0.4,
      lon_rad: -1.1,
      alt_m: 8000,
      velocity: { frame: "ned", vn_mps: 150, ve_mps: -80, vd_mps: -100 },
      ratesRelativeTo: "earth",
    };
    const S = 0.2;
    const CD = 0.3;
    const six = new RigidBody6Dof(
      { mass_kg: 50, inertia_kgm2: Float64Array.of(2, 0, 0, 0, 2, 0, 0, 0, 2) },
      { ...NO_AERO, S_m2: S, CD },
      earth,
    );
    const three = new PointMass3Dof(new BallisticDrag(S * CD), earth);
    const x6 = new Float64Array(S6_SIZE);
    const x3 = new Float64Array(S3_EXTRA);
    initialState6Dof(earth, ic, x6);
    initialState3Dof(earth, ic, 50, x3);
    const r6 = new Rk4(S6_SIZE);
    const r3 = new Rk4(S3_EXTRA);
    for (let i = 0; i < 3000; i++) {
      r6.step(six, i * 0.01, x6, 0.01);
      r3.step(three, i * 0.01, x3, 0.01);
    }
    for (let k = 0; k < 6; k++) expect(Math.abs(x6[k] - x3[k])).toBeLessThan(1e-6);
    expect(x3[6]).toBe(50);
  });
});
