/** The parameter set of a notional cruise missile: airframe, engine, masses, limits, autopilot. */

import type { AirframeParams } from "./airframe.js";
import type { EngineParams } from "./propulsion.js";

/** Manoeuvre and flight-path limits the autopilot and guidance respect. */
export interface FlightLimits {
  /** Largest and smallest commanded normal load factor, g. */
  readonly max_load_g: number;
  readonly min_load_g: number;
  /** Largest bank angle, rad. */
  readonly max_bank_rad: number;
  /** Steepest midcourse climb and dive (flight-path angle), rad. */
  readonly max_climb_rad: number;
  readonly max_dive_rad: number;
  /** Lowest and highest Mach the speed loop may command. */
  readonly min_mach: number;
  readonly max_mach: number;
}

/** FlightLimits with every field writable (guidance that narrows a limit step by step). */
export type MutableFlightLimits = { -readonly [K in keyof FlightLimits]: FlightLimits[K] };

/**
 * A copy of l made at this one object literal, so every copy has one hidden class (V8 map) and
 * one field layout. Guidance code runs on such copies only: limits met in two shapes (a preset,
 * a spread-merged override, a second spread copy) made the hot functions reading them
 * de-optimise ("wrong map") and re-compile, run after run of a Monte Carlo study.
 */
export function copyFlightLimits(l: FlightLimits): MutableFlightLimits {
  return {
    max_load_g: l.max_load_g,
    min_load_g: l.min_load_g,
    max_bank_rad: l.max_bank_rad,
    max_climb_rad: l.max_climb_rad,
    max_dive_rad: l.max_dive_rad,
    min_mach: l.min_mach,
    max_mach: l.max_mach,
  };
}

/** First-order response times of the autopilot loops, s. */
export interface AutopilotParams {
  readonly bank_tau_s: number;
  readonly load_tau_s: number;
}

/** Everything that defines one notional missile. */
export interface MissileParams {
  readonly name: string;
  readonly airframe: AirframeParams;
  readonly engine: EngineParams;
  /** Mass at release including fuel, kg. */
  readonly launch_mass_kg: number;
  /** Usable fuel at release, kg. */
  readonly fuel_kg: number;
  /** Cruise Mach number when a route does not say. */
  readonly cruise_mach: number;
  readonly limits: FlightLimits;
  readonly autopilot: AutopilotParams;
  /** Unpowered, unguided fall after release before the engine start command, s. */
  readonly separation_s: number;
}

/**
 * A missile's parameters made at this one object literal (the parts given as they are). Built by
 * spreading a preset, a run's missile had a hidden class (V8 map) made by adding fields one by one;
 * once the collector had dropped an earlier run's, the next run's was a new map, and the planning
 * code reading it per run de-optimised ("wrong map") and compiled again in every worker thread.
 */
export function copyMissileParams(m: MissileParams): MissileParams {
  return {
    name: m.name,
    airframe: m.airframe,
    engine: m.engine,
    launch_mass_kg: m.launch_mass_kg,
    fuel_kg: m.fuel_kg,
    cruise_mach: m.cruise_mach,
    limits: m.limits,
    autopilot: m.autopilot,
    separation_s: m.separation_s,
  };
}

/** Empty (burnout) mass, kg. */
export function dryMass(p: MissileParams): number {
  return p.launch_mass_kg - p.fuel_kg;
}
