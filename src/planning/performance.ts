/**
 * Steady cruise from the vehicle model, for planning: the fuel flow that holds level flight at an
 * altitude and Mach number (thrust = drag of the polar at the lift that carries the weight, times
 * the engine's TSFC there), and the still-air range that fuel gives, integrated over the falling
 * mass (Breguet's range equation done numerically, so the drag polar and TSFC can be anything).
 * It leaves out the descent or climb from release and the terminal dive; planners keep a reserve
 * for them and for terrain following.
 */

import { atmosphere } from "../earth/atmosphere.js";
import { inducedDragFactor, zeroLiftDrag } from "../vehicle/airframe.js";
import { turnRadius } from "../vehicle/autopilot.js";
import { G0 } from "../vehicle/missile-forces.js";
import { dryMass, type MissileParams } from "../vehicle/missile-params.js";
import { maxThrust, tsfc } from "../vehicle/propulsion.js";

/** Steady cruise performance at one altitude and Mach number. */
export interface CruisePerformance {
  /** Mach held: the commanded one, or lower where the engine cannot hold it (at mean mass). */
  readonly mach: number;
  /** True airspeed (= ground speed in still air), m/s. */
  readonly speed_mps: number;
  /** Fuel flow at launch mass and averaged over the fuel load, kg/s. */
  readonly fuelFlowLaunch_kgps: number;
  readonly fuelFlowMean_kgps: number;
  /** Still-air range and endurance on the whole fuel load, m and s. */
  readonly range_m: number;
  readonly endurance_s: number;
  /** True when the engine cannot hold the commanded Mach at mean mass (drag above maximum thrust). */
  readonly thrustLimited: boolean;
  /** False when no Mach number holds level flight there at mean mass (figures then optimistic). */
  readonly holdsLevel: boolean;
}

/**
 * Steady level cruise of a missile at alt_m (m above sea level) and the commanded Mach number, or
 * at the highest Mach full thrust holds at the mean mass when that is lower (the Mach hold of the
 * simulation then runs at full throttle).
 */
export function cruisePerformance(
  m: MissileParams,
  alt_m: number,
  machCmd: number,
  steps = 64,
): CruisePerformance {
  const atm = atmosphere(alt_m);
  const k = inducedDragFactor(m.airframe);
  const dry = dryMass(m);
  const meanMass = dry + 0.5 * m.fuel_kg;
  const drag = (mach: number, mass: number) => {
    const v = mach * atm.a_mps;
    const qS = 0.5 * atm.rho_kgpm3 * v * v * m.airframe.S_m2;
    const cl = (mass * G0) / qS;
    return qS * (zeroLiftDrag(m.airframe, mach) + k * cl * cl);
  };
  const excess = (mach: number) =>
    maxThrust(m.engine, atm.T_K, atm.p_Pa, mach) - drag(mach, meanMass);
  let mach = machCmd;
  let holdsLevel = true;
  const limited = excess(machCmd) < 0;
  if (limited) {
    // Excess thrust is positive on a band of Mach numbers (induced drag closes it below, the
    // engine's lapse and the drag rise above): step down to the band's top, then bisect.
    let lo = machCmd;
    let bestMach = machCmd;
    while (lo > 0.2 && excess(lo) < 0) {
      lo -= 0.01;
      if (excess(lo) > excess(bestMach)) bestMach = lo;
    }
    if (excess(lo) < 0) {
      // No Mach holds level flight at this altitude and mean mass: report the least deficit.
      lo = bestMach;
      holdsLevel = false;
    } else {
      let hi = Math.min(machCmd, lo + 0.01);
      for (let i = 0; i < 40; i++) {
        const mid = 0.5 * (lo + hi);
        if (excess(mid) >= 0) lo = mid;
        else hi = mid;
      }
    }
    mach = lo;
  }
  const v = mach * atm.a_mps;
  const sfc = tsfc(m.engine, atm.T_K, mach);
  const flowAt = (mass: number) => drag(mach, mass) * sfc;
  // Time to burn the fuel: ∫ dm / ṁ(m), midpoint rule over `steps` slices of the fuel load.
  const dm = m.fuel_kg / steps;
  let t = 0;
  for (let i = 0; i < steps; i++) t += dm / flowAt(dry + (i + 0.5) * dm);
  return {
    mach,
    speed_mps: v,
    fuelFlowLaunch_kgps: flowAt(m.launch_mass_kg),
    fuelFlowMean_kgps: m.fuel_kg / t,
    range_m: v * t,
    endurance_s: t,
    thrustLimited: limited,
    holdsLevel,
  };
}

/**
 * Fly-by turn radius (m) the simulation uses at a waypoint: true airspeed at Mach and altitude,
 * banked to 70 % of the missile's limit (mission/simulate.ts).
 */
export function flyByTurnRadius_m(m: MissileParams, mach: number, alt_m: number): number {
  const a = atmosphere(Math.min(Math.max(alt_m, 0), 11_000)).a_mps;
  return turnRadius(mach * a, 0.7 * m.limits.max_bank_rad);
}
