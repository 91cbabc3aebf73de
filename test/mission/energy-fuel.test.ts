import { describe, expect, it } from "vitest";
import { initialState3Dof } from "../../src/dynamics/initial-state.js";
import { Rk4 } from "../../src/dynamics/ode.js";
import { PointMass3Dof, S3_MASS, S3_RX, S3_VX } from "../../src/dynamics/point-mass-3dof.js";
import { makeEarth } from "../../src/earth/earth-model.js";
import { WGS84_GM_M3PS2 } from "../../src/earth/ellipsoid.js";
import { M_BANK, M_LOAD, M_THRUST, MissileForces } from "../../src/vehicle/missile-forces.js";
import { AGM158B_CLASS } from "../../src/vehicle/presets.js";

/** Fly the B-class point mass with fixed commands and integrate power and fuel flow alongside. */
function flyWithBookkeeping() {
  // Non-rotating, calm, point-mass gravity: mechanical energy e = ½v² − μ/r changes only by the
  // work of thrust and drag, and lift (normal to the velocity) does none.
  const earth = makeEarth({
    shape: "sphere",
    radius_m: 6371000,
    rotation: false,
    gravity: "point_mass",
  });
  const forces = new MissileForces(AGM158B_CLASS);
  const sys = new PointMass3Dof(forces, earth);
  const x = new Float64Array(sys.size);
  initialState3Dof(
    earth,
    {
      lat_rad: 0.3,
      lon_rad: 1.2,
      alt_m: 6000,
      velocity: { frame: "ned", vn_mps: 180, ve_mps: 120, vd_mps: -10 },
      roll_rad: 0,
      pitch_rad: 0,
      yaw_rad: 0,
      p_radps: 0,
      q_radps: 0,
      r_radps: 0,
      ratesRelativeTo: "inertial",
    },
    AGM158B_CLASS.launch_mass_kg,
    x,
  );
  x[M_BANK] = 0;
  x[M_LOAD] = 1;
  x[M_THRUST] = 0.3;
  forces.engineOn = true;
  forces.bankCmd_rad = 0.4;
  forces.loadCmd_g = 1.15;
  forces.throttleCmd = 0.9;
  const dx = new Float64Array(sys.size);
  const energy = () => {
    const v2 = x[S3_VX] ** 2 + x[S3_VX + 1] ** 2 + x[S3_VX + 2] ** 2;
    const r = Math.hypot(x[S3_RX], x[S3_RX + 1], x[S3_RX + 2]);
    return 0.5 * v2 - WGS84_GM_M3PS2 / r;
  };
  const rates = () => {
    sys.derivative(0, x, dx);
    const v = Math.hypot(x[S3_VX], x[S3_VX + 1], x[S3_VX + 2]);
    return {
      power: ((forces.thrust_n - forces.drag_n) * v) / x[S3_MASS],
      flow: forces.fuelFlow_kgps,
    };
  };
  const rk4 = new Rk4(sys.size);
  const h = 0.01;
  const e0 = energy();
  const m0 = x[S3_MASS];
  let work = 0;
  let burned = 0;
  let absWork = 0;
  let prev = rates();
  for (let i = 0; i < 20000; i++) {
    rk4.step(sys, i * h, x, h);
    const now = rates();
    work += 0.5 * (prev.power + now.power) * h;
    absWork += 0.5 * Math.abs(prev.power + now.power) * h;
    burned += 0.5 * (prev.flow + now.flow) * h;
    prev = now;
  }
  return { dE: energy() - e0, work, absWork, burned, dm: m0 - x[S3_MASS] };
}

describe("fuel and energy bookkeeping of the missile model", () => {
  const r = flyWithBookkeeping();

  it("changes mechanical energy by exactly the work of thrust and drag (lift does no work)", () => {
    expect(Math.abs(r.work)).toBeGreaterThan(1000);
    expect(Math.abs(r.dE - r.work) / r.absWork).toBeLessThan(1e-6);
  });

  it("loses exactly the mass of the fuel it burned", () => {
    expect(r.burned).toBeGreaterThan(1);
    expect(Math.abs(r.dm - r.burned) / r.burned).toBeLessThan(1e-7);
  });
});
