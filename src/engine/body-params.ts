/** Turning a validated `body` scenario (units at the edges) into the SI parameters of runBody(). */

import { M_PER_FT, RAD_PER_DEG } from "../core/units.js";
import type { BodyRunParams } from "../dynamics/body-run.js";
import type { InitialConditions } from "../dynamics/initial-state.js";
import { makeEarth } from "../earth/earth-model.js";
import { CALM, type WindModel, windPowerLaw, windProfile } from "../earth/wind.js";
import type { BodyScenario } from "../scenario/body-schema.js";

/** Wind model from the scenario's wind block. */
export function windFromScenario(w: BodyScenario["wind"]): WindModel {
  if (!w) return CALM;
  if ("levels" in w) {
    return windProfile(
      w.levels.map((l) => ({
        alt_m: l.alt_m,
        speed_mps: l.speed_mps,
        from_rad: l.from_deg * RAD_PER_DEG,
        down_mps: l.down_mps,
      })),
    );
  }
  const p = w.power_law;
  return windPowerLaw(p.ref_alt_m, p.speed_mps, p.from_deg * RAD_PER_DEG, p.exponent);
}

/** Initial conditions in SI from the scenario's initial block. */
export function initialFromScenario(i: BodyScenario["initial"]): InitialConditions {
  const alt_m = i.alt_m ?? (i.alt_ft ?? 0) * M_PER_FT;
  const velocity = i.velocity_body_mps
    ? {
        frame: "body" as const,
        u_mps: i.velocity_body_mps.u,
        v_mps: i.velocity_body_mps.v,
        w_mps: i.velocity_body_mps.w,
      }
    : {
        frame: "ned" as const,
        vn_mps: i.velocity_ned_mps?.n ?? 0,
        ve_mps: i.velocity_ned_mps?.e ?? 0,
        vd_mps: i.velocity_ned_mps?.d ?? 0,
      };
  return {
    lat_rad: i.lat_deg * RAD_PER_DEG,
    lon_rad: i.lon_deg * RAD_PER_DEG,
    alt_m,
    velocity,
    roll_rad: i.euler_deg.roll * RAD_PER_DEG,
    pitch_rad: i.euler_deg.pitch * RAD_PER_DEG,
    yaw_rad: i.euler_deg.yaw * RAD_PER_DEG,
    p_radps: i.rates_dps.p * RAD_PER_DEG,
    q_radps: i.rates_dps.q * RAD_PER_DEG,
    r_radps: i.rates_dps.r * RAD_PER_DEG,
    ratesRelativeTo: i.rates_relative_to,
  };
}

/** SI run parameters for a body scenario sampled every `sampleEvery` steps. */
export function bodyRunParams(s: BodyScenario, sampleEvery: number): BodyRunParams {
  const I = s.body.inertia_kgm2;
  const inertia = Float64Array.of(
    I.Ixx,
    -I.Ixy,
    -I.Ixz,
    -I.Ixy,
    I.Iyy,
    -I.Iyz,
    -I.Ixz,
    -I.Iyz,
    I.Izz,
  );
  const earth = makeEarth({
    shape: s.earth.shape,
    ...(s.earth.radius_m === undefined ? {} : { radius_m: s.earth.radius_m }),
    rotation: s.earth.rotation,
    gravity: s.earth.gravity,
    atmosphere: s.earth.atmosphere,
    wind: windFromScenario(s.wind),
  });
  return {
    earth,
    mass: { mass_kg: s.body.mass_kg, inertia_kgm2: inertia },
    aero: s.body.aero,
    initial: initialFromScenario(s.initial),
    duration_s: s.simulation.duration_s,
    step_s: s.simulation.step_s,
    sampleEvery,
    stopBelowAlt_m: s.simulation.stop_below_alt_m,
  };
}
