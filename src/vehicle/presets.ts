/**
 * Notional presets for JASSM-class missiles, built only from public figures. They are not models
 * of the real weapons: where no public figure exists (wing area, drag, fuel) the value is an
 * engineering estimate, said so below, and fuel is calibrated so that the public ranges emerge
 * from the physics (see docs/missile-model.md for the calibration and the measured ranges).
 *
 * Public figures ([S] = secondary public source, as graded in the project's reference note):
 * - AGM-158A launch mass about 1,020 kg (2,250 lb, "2,000-lb class"), LM fact sheet via a public
 *   weapons database [S]; AGM-158B about 1,180 kg (2,600 lb), Wikipedia estimate quoted in a public
 *   JSBSim model README [S].
 * - Length 4.27 m (168 in) for both [S]; body about 0.64 × 0.46 m [S]; span 2.4–2.7 m, sources
 *   disagree: 2.7 m used here (Wikipedia via the JSBSim README [S]).
 * - Engines: Teledyne CAE J402 turbojet (A), Williams F107-WR-105 turbofan (B) [S]. J402-CA-400
 *   class: about 2.94 kN static, SFC about 1.15 lb/(lbf·h) [S, weak]. F107-WR-101: 2.82 kN
 *   (635 lbf), SFC 0.68 lb/(lbf·h), BPR 1 (it.wikipedia.org/wiki/Williams_F107) [R].
 * - Cruise about Mach 0.8, "published top end near 0.85–0.90" [S/U].
 * - Range: AGM-158A > 200 nmi ≈ 370 km; AGM-158B > 500 nmi ≈ 925 km (CSIS Missile Threat / LM) [U].
 */

import { RAD_PER_DEG } from "../core/units.js";
import { type AirframeParams, copyAirframeParams } from "./airframe.js";
import { copyFlightLimits, type MissileParams } from "./missile-params.js";
import { copyEngineParams, type EngineParams } from "./propulsion.js";

/**
 * Airframe shared by both presets (same outer mould line).
 * - S = 0.70 m²: engineering estimate, a 2.7 m span with a mean chord of about 0.26 m.
 * - e = 0.75: engineering estimate for a high-aspect wing on a large body (Raymer's
 *   e = 1.78·(1 − 0.045·AR^0.68) − 0.64 gives 0.76 at AR 10.4).
 * - CD0 = 0.10 (CD0·S = 0.070 m², 0.24 of the 0.29 m² frontal area): engineering estimate. A
 *   clean component build-up (Raymer §12.5: 9.8 m² wetted, Cf 0.0023 at Re 3.6e7, form factors
 *   1.14 body and 1.3 wing, +15 %) gives only 0.044, but that leaves out the blunt base, inlet
 *   spillage and the faceted, chined body; subsonic missiles typically show a zero-lift drag of
 *   0.2–0.4 referred to frontal area (Fleeman, "Tactical Missile Design", 2nd ed., ch. 2), and with
 *   the clean value the public thrust, SFC and range would close with only 3 % fuel. The choice and
 *   its effect are in docs/missile-model.md.
 * - Mdd = 0.86: estimate, within the quoted 0.85–0.90 top end.
 * - CLmax = 1.2, CLα = 5.0 /rad: estimates for an unflapped high-aspect wing.
 */
// Parameter objects are made by the copy functions (copyAirframeParams, …): one hidden class per
// kind whatever built them (preset, scenario override, dispersion), see airframe.ts.
const JASSM_AIRFRAME: AirframeParams = copyAirframeParams({
  S_m2: 0.7,
  span_m: 2.7,
  oswald_e: 0.75,
  cd0: 0.1,
  mach_dd: 0.86,
  cl_max: 1.2,
  cl_alpha_per_rad: 5.0,
});

/** J402-class turbojet: public static thrust and SFC; spool and start times are estimates. */
const J402_CLASS: EngineParams = copyEngineParams({
  kind: "turbojet",
  static_thrust_n: 2940,
  tsfc_static_per_h: 1.15,
  // Mattingly's 0.30 per Mach on a static 1.1, scaled to the public 1.15.
  tsfc_mach_slope_per_h: 0.3 * (1.15 / 1.1),
  throttle_ratio: 1.0,
  idle_fraction: 0.15,
  spool_tau_s: 1.0,
  start_delay_s: 2.0,
});

/** F107-class turbofan: public static thrust and SFC; spool and start times are estimates. */
const F107_CLASS: EngineParams = copyEngineParams({
  kind: "turbofan",
  static_thrust_n: 2820,
  tsfc_static_per_h: 0.68,
  // Mattingly's low-bypass 0.30 per Mach on a static 0.9, scaled to the public 0.68.
  tsfc_mach_slope_per_h: 0.3 * (0.68 / 0.9),
  throttle_ratio: 1.0,
  idle_fraction: 0.15,
  spool_tau_s: 1.2,
  start_delay_s: 2.5,
});

/**
 * Limits and autopilot: estimates. 5 g and 70° bank are typical of subsonic cruise missiles'
 * published manoeuvre envelopes; the lags give a crisp but not instantaneous response.
 */
const LIMITS = copyFlightLimits({
  max_load_g: 5,
  min_load_g: -2,
  max_bank_rad: 70 * RAD_PER_DEG,
  max_climb_rad: 15 * RAD_PER_DEG,
  max_dive_rad: 30 * RAD_PER_DEG,
  min_mach: 0.45,
  max_mach: 0.85,
});
const AUTOPILOT = { bank_tau_s: 0.25, load_tau_s: 0.2 };

/** Notional AGM-158A-class missile (J402-class turbojet). Fuel: calibrated estimate. */
export const AGM158A_CLASS: MissileParams = {
  name: "notional AGM-158A-class (turbojet)",
  airframe: JASSM_AIRFRAME,
  engine: J402_CLASS,
  launch_mass_kg: 1020,
  fuel_kg: 64,
  cruise_mach: 0.8,
  limits: LIMITS,
  autopilot: AUTOPILOT,
  separation_s: 1.5,
};

/** Notional AGM-158B-class missile (F107-class turbofan). Fuel: calibrated estimate. */
export const AGM158B_CLASS: MissileParams = {
  name: "notional AGM-158B-class (turbofan)",
  airframe: JASSM_AIRFRAME,
  engine: F107_CLASS,
  launch_mass_kg: 1180,
  fuel_kg: 122,
  cruise_mach: 0.8,
  limits: LIMITS,
  autopilot: AUTOPILOT,
  separation_s: 1.5,
};

/** Presets by the names scenario files use. */
export const MISSILE_PRESETS: Readonly<Record<string, MissileParams>> = {
  "agm158a-class": AGM158A_CLASS,
  "agm158b-class": AGM158B_CLASS,
};
