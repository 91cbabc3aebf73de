/**
 * Airframe aerodynamics of a subsonic cruise missile as a drag polar:
 *
 *   CD = CD0(M) + K·CL²,   K = 1/(π·e·AR),   AR = b²/S
 *
 * with a transonic drag rise from Lock's fourth-power law, ΔCD0 = 20·(M − Mcrit)⁴ for M > Mcrit,
 * Mcrit = Mdd − (0.1/80)^(1/3), which puts the rise at 0.002 (the usual definition of the
 * drag-divergence Mach number Mdd) exactly at Mdd (Raymer, "Aircraft Design: A Conceptual
 * Approach", 6th ed., §12.5.10; Lock's law as used by Mason's "Transonic Aerodynamics of Airfoils
 * and Wings" notes). Lift is linear in angle of attack up to CLmax; above it the airframe cannot
 * pull more lift (stall is not modelled beyond the limit).
 */

/** Aerodynamic parameters of an airframe. */
export interface AirframeParams {
  /** Reference (wing) area, m². */
  readonly S_m2: number;
  /** Wing span, m. */
  readonly span_m: number;
  /** Oswald span efficiency. */
  readonly oswald_e: number;
  /** Zero-lift drag coefficient below the drag rise. */
  readonly cd0: number;
  /** Drag-divergence Mach number. */
  readonly mach_dd: number;
  /** Maximum lift coefficient. */
  readonly cl_max: number;
  /** Lift-curve slope, per radian (for reporting angle of attack). */
  readonly cl_alpha_per_rad: number;
}

/**
 * A copy of a made at this one object literal, so every copy has one hidden class (V8 map) and
 * one field layout: the force model and guidance read these per step, and airframes built from
 * presets, overrides and dispersions in different shapes made those reads polymorphic (each one a
 * freshly boxed number) and de-optimised them ("wrong map"), run after run.
 */
export function copyAirframeParams(a: AirframeParams): AirframeParams {
  return {
    S_m2: a.S_m2,
    span_m: a.span_m,
    oswald_e: a.oswald_e,
    cd0: a.cd0,
    mach_dd: a.mach_dd,
    cl_max: a.cl_max,
    cl_alpha_per_rad: a.cl_alpha_per_rad,
  };
}

/** Lock's constant: the drag rise reaches 0.002 at Mdd when Mcrit = Mdd − (0.1/80)^(1/3). */
const LOCK_OFFSET = (0.1 / 80) ** (1 / 3);

/** Induced-drag factor K = 1/(π·e·AR). */
export function inducedDragFactor(a: AirframeParams): number {
  const ar = (a.span_m * a.span_m) / a.S_m2;
  return 1 / (Math.PI * a.oswald_e * ar);
}

/** Zero-lift drag coefficient at Mach number M, with the transonic rise. */
export function zeroLiftDrag(a: AirframeParams, mach: number): number {
  const mcrit = a.mach_dd - LOCK_OFFSET;
  if (mach <= mcrit) return a.cd0;
  const d = mach - mcrit;
  return a.cd0 + 20 * d * d * d * d;
}

/** Maximum lift-to-drag ratio of the polar below the drag rise: 1/(2·√(K·CD0)). */
export function maxLiftToDrag(a: AirframeParams): number {
  return 1 / (2 * Math.sqrt(inducedDragFactor(a) * a.cd0));
}

/** Lift coefficient of maximum L/D below the drag rise: √(CD0/K). */
export function bestLiftCoefficient(a: AirframeParams): number {
  return Math.sqrt(a.cd0 / inducedDragFactor(a));
}
