/**
 * A notional MALD-class air-launched decoy: a small turbojet flyer with no warhead, released in a
 * salvo to draw the air defence's fire channels and interceptors. Public figures, rounded:
 * - ADM-160B MALD: weight about 300 lb (136 kg), length 2.84 m, folding wing, range more than
 *   500 nmi (about 925 km) (US Air Force and Raytheon public descriptions, via Wikipedia
 *   "ADM-160 MALD") [S];
 * - engine: a Hamilton Sundstrand TJ-150 class turbojet of about 150 lbf (0.67 kN) [S, weak].
 * Wing area, drag, SFC and fuel are engineering estimates [notional]: a slender body of 0.3 m
 * diameter (frontal area 0.07 m²) with zero-lift drag 0.3 of it, and fuel sized so that the range
 * is of the public order at Mach 0.75 near the ground. Nothing here describes a real decoy.
 */

import { RAD_PER_DEG } from "../core/units.js";
import { copyAirframeParams } from "./airframe.js";
import { copyFlightLimits, type MissileParams } from "./missile-params.js";
import { copyEngineParams } from "./propulsion.js";

/** Notional MALD-class decoy (TJ-150-class turbojet). */
export const MALD_CLASS: MissileParams = {
  name: "notional MALD-class decoy (turbojet)",
  // Made by the copy functions: one hidden class per kind of parameters (see airframe.ts).
  airframe: copyAirframeParams({
    S_m2: 0.3,
    span_m: 1.71,
    oswald_e: 0.75,
    cd0: 0.07,
    mach_dd: 0.86,
    cl_max: 1.2,
    cl_alpha_per_rad: 5.0,
  }),
  engine: copyEngineParams({
    kind: "turbojet",
    static_thrust_n: 900,
    tsfc_static_per_h: 1.2,
    tsfc_mach_slope_per_h: 0.3 * (1.2 / 1.1),
    throttle_ratio: 1.0,
    idle_fraction: 0.15,
    spool_tau_s: 0.8,
    start_delay_s: 1.5,
  }),
  launch_mass_kg: 136,
  fuel_kg: 45,
  cruise_mach: 0.75,
  limits: copyFlightLimits({
    max_load_g: 5,
    min_load_g: -2,
    max_bank_rad: 70 * RAD_PER_DEG,
    max_climb_rad: 15 * RAD_PER_DEG,
    max_dive_rad: 30 * RAD_PER_DEG,
    min_mach: 0.45,
    max_mach: 0.85,
  }),
  autopilot: { bank_tau_s: 0.2, load_tau_s: 0.15 },
  separation_s: 1.0,
};

/** Decoy presets by the names scenario files use. */
export const DECOY_PRESETS: Readonly<Record<string, MissileParams>> = {
  "mald-class": MALD_CLASS,
};
