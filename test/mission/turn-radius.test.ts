import { describe, expect, it } from "vitest";
import { initialState3Dof } from "../../src/dynamics/initial-state.js";
import { Rk4 } from "../../src/dynamics/ode.js";
import { PointMass3Dof } from "../../src/dynamics/point-mass-3dof.js";
import { makeEarth } from "../../src/earth/earth-model.js";
import { accelToCommand, turnRadius } from "../../src/vehicle/autopilot.js";
import { G0, M_BANK, M_LOAD, MissileForces } from "../../src/vehicle/missile-forces.js";
import type { MissileParams } from "../../src/vehicle/missile-params.js";
import { AGM158A_CLASS } from "../../src/vehicle/presets.js";

/**
 * A level, coordinated turn at constant speed has radius R = V²/(g·tan φ). Fly the point mass with
 * drag and thrust removed (so speed stays constant), bank φ and the load the autopilot asks for a
 * level turn, over a flat, non-rotating Earth with uniform gravity g0, and measure R = V/ψ̇.
 */
function measuredRadius(v: number, bank_rad: number): number {
  // A very large sphere with point-mass gravity of exactly g0 at the surface: flat Earth, uniform g.
  const R_E = 1e12;
  const earth = makeEarth({
    shape: "sphere",
    radius_m: R_E,
    rotation: false,
    gravity: "point_mass",
    atmosphere: true,
  });
  const gm = G0 * R_E * R_E;
  const e = { ...earth, gravity: { ...earth.gravity, gm_m3ps2: gm } };
  const missile: MissileParams = {
    ...AGM158A_CLASS,
    airframe: { ...AGM158A_CLASS.airframe, cd0: 0, oswald_e: 1e12, cl_max: 100 },
    limits: { ...AGM158A_CLASS.limits, max_bank_rad: 1.5, max_load_g: 20 },
  };
  const forces = new MissileForces(missile);
  const sys = new PointMass3Dof(forces, e);
  const x = new Float64Array(sys.size);
  initialState3Dof(
    e,
    {
      lat_rad: 0,
      lon_rad: 0,
      alt_m: 3000,
      velocity: { frame: "ned", vn_mps: v, ve_mps: 0, vd_mps: 0 },
      roll_rad: 0,
      pitch_rad: 0,
      yaw_rad: 0,
      p_radps: 0,
      q_radps: 0,
      r_radps: 0,
      ratesRelativeTo: "inertial",
    },
    missile.launch_mass_kg,
    x,
  );
  const cmd = { bank_rad: 0, load_g: 0 };
  accelToCommand(0, G0 * Math.tan(bank_rad), 0, G0, missile.limits, cmd);
  expect(cmd.bank_rad).toBeCloseTo(bank_rad, 12);
  forces.bankCmd_rad = cmd.bank_rad;
  forces.loadCmd_g = cmd.load_g;
  // Start already banked so no roll-in transient enters the measurement.
  x[M_BANK] = cmd.bank_rad;
  x[M_LOAD] = cmd.load_g;
  const rk4 = new Rk4(sys.size);
  const h = 0.005;
  const heading = () => Math.atan2(x[4], x[5]);
  // On this flat Earth the ECI y axis points east and z north at (0°, 0°).
  const psi0 = Math.atan2(x[4], x[5]);
  const T = 5;
  for (let i = 0; i < T / h; i++) rk4.step(sys, i * h, x, h);
  const psi1 = heading();
  const rate = (psi1 - psi0) / T;
  return v / rate;
}

describe("turn radius", () => {
  for (const [v, bankDeg] of [
    [220, 30],
    [220, 60],
    [280, 45],
  ] as const) {
    it(`at ${v} m/s and ${bankDeg}° bank matches V²/(g·tan φ) within 0.5 %`, () => {
      const bank = (bankDeg * Math.PI) / 180;
      const expected = turnRadius(v, bank);
      expect(expected).toBeCloseTo((v * v) / (G0 * Math.tan(bank)), 9);
      const r = measuredRadius(v, bank);
      expect(Math.abs(r - expected) / expected).toBeLessThan(0.005);
    });
  }
});
