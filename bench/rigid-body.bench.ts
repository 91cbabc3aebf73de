/**
 * 6-DOF core throughput: RK4 steps per second of a sphere with drag dropped from 80 km through the
 * U.S. 1976 atmosphere, J2 gravitation, rotating WGS-84 Earth — every derivative evaluation does the
 * full ECI → ECEF → geodetic → atmosphere → aero → gravity chain.
 */

import { NO_AERO } from "../src/dynamics/aero-coefficients.js";
import { initialState6Dof } from "../src/dynamics/initial-state.js";
import { Rk4 } from "../src/dynamics/ode.js";
import { RigidBody6Dof, S6_SIZE } from "../src/dynamics/rigid-body-6dof.js";
import { makeEarth } from "../src/earth/earth-model.js";
import { type BenchResult, bench } from "./harness.js";

/** Steps per trial and step size: 1,000,000 steps of 0.1 ms = 100 s of flight, staying airborne. */
const STEPS = 1_000_000;
const H = 1e-4;

/** Run the benchmark. */
export function benchRigidBody(): BenchResult {
  const earth = makeEarth({ shape: "wgs84", rotation: true, gravity: "j2", atmosphere: true });
  const I = 4.880944613990913;
  const body = new RigidBody6Dof(
    { mass_kg: 14.5939029372, inertia_kgm2: Float64Array.of(I, 0, 0, 0, I, 0, 0, 0, I) },
    { ...NO_AERO, S_m2: 0.018241465452480003, CD: 0.1 },
    earth,
  );
  const rk4 = new Rk4(S6_SIZE);
  const x = new Float64Array(S6_SIZE);
  const x0 = new Float64Array(S6_SIZE);
  initialState6Dof(
    earth,
    {
      lat_rad: 0.6,
      lon_rad: 0.3,
      alt_m: 80_000,
      velocity: { frame: "ned", vn_mps: 0, ve_mps: 0, vd_mps: 0 },
      roll_rad: 0,
      pitch_rad: 0,
      yaw_rad: 0,
      p_radps: 0.01,
      q_radps: 0.02,
      r_radps: 0.03,
      ratesRelativeTo: "earth",
    },
    x0,
  );
  let checksum = 0;
  const result = bench("6-DOF RK4 step (sphere, J2, WGS-84 rotating, US76)", "steps", STEPS, () => {
    x.set(x0);
    for (let i = 0; i < STEPS; i++) rk4.step(body, i * H, x, H);
    checksum += x[0];
  });
  if (!Number.isFinite(checksum)) throw new Error("benchmark state became non-finite");
  return result;
}
