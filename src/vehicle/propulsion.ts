/**
 * Small jet engines for cruise missiles: maximum thrust and thrust-specific fuel consumption as
 * functions of altitude (through ambient temperature and pressure) and Mach number.
 *
 * Shapes are Mattingly's installed-engine models (Mattingly, Heiser and Pratt, "Aircraft Engine
 * Design", 2nd ed., AIAA 2002, ch. 2–3), with the static sea-level values replaced by public
 * figures for each engine class (see presets.ts) so that thrust lapse = 1 and TSFC = the public
 * figure at sea level, standing still:
 *
 *   θ0 = (T/T_SL)·(1 + 0.2·M²),  δ0 = (p/p_SL)·(1 + 0.2·M²)^3.5
 *   turbojet, dry:  T_max/T_SL = δ0·(1 − 0.16·√M − [θ0 > TR]·24·(θ0 − TR)/((9 + M)·θ0))
 *   turbofan, dry:  T_max/T_SL = δ0·(1 − [θ0 > TR]·3.8·(θ0 − TR)/θ0)        (low bypass)
 *   TSFC = (c0 + c1·M)·√(T/T_SL)
 *
 * Mattingly's dry forms carry a factor (0.8 turbojet, 0.6 turbofan) relative to maximum
 * afterburning thrust; an engine without afterburner is normalised to its own static rating, so
 * the factor drops out. With the throttle ratio TR = 1 (no margin above a standard sea-level day)
 * both engines lose about 12 % of their static thrust at Mach 0.8 at sea level, and about half of
 * it at 25,000 ft. TSFC uses Mattingly's slopes (0.30 per Mach on a static 1.1 for a turbojet and
 * 0.9 for a low-bypass turbofan) scaled by the ratio of the public static figure to his static
 * value. These are engineering estimates, not engine data.
 */

/** Sea-level standard temperature (K) and pressure (Pa). */
const T_SL = 288.15;
const P_SL = 101325;

/** Parameters of one engine. */
export interface EngineParams {
  readonly kind: "turbojet" | "turbofan";
  /** Maximum static thrust at sea level, N. */
  readonly static_thrust_n: number;
  /** Static sea-level TSFC, per hour (kg/h of fuel per kg·g of thrust = lb/(lbf·h)). */
  readonly tsfc_static_per_h: number;
  /** Increase of TSFC per unit Mach, per hour. */
  readonly tsfc_mach_slope_per_h: number;
  /** Throttle ratio TR: the total-temperature ratio θ0 above which thrust lapses faster (≥ 1). */
  readonly throttle_ratio: number;
  /** Lowest running thrust as a fraction of maximum (flight idle). */
  readonly idle_fraction: number;
  /** First-order spool time constant, s. */
  readonly spool_tau_s: number;
  /** Time from the start command to light-off, s. */
  readonly start_delay_s: number;
}

/** A copy of e in one hidden class (see copyAirframeParams in airframe.ts for why). */
export function copyEngineParams(e: EngineParams): EngineParams {
  return {
    kind: e.kind,
    static_thrust_n: e.static_thrust_n,
    tsfc_static_per_h: e.tsfc_static_per_h,
    tsfc_mach_slope_per_h: e.tsfc_mach_slope_per_h,
    throttle_ratio: e.throttle_ratio,
    idle_fraction: e.idle_fraction,
    spool_tau_s: e.spool_tau_s,
    start_delay_s: e.start_delay_s,
  };
}

/** Maximum thrust available (N) at ambient temperature T (K), pressure p (Pa) and Mach M. */
export function maxThrust(e: EngineParams, temp_K: number, press_pa: number, mach: number): number {
  const ram = 1 + 0.2 * mach * mach;
  const theta0 = (temp_K / T_SL) * ram;
  const delta0 = (press_pa / P_SL) * ram * ram * ram * Math.sqrt(ram);
  const over = theta0 > e.throttle_ratio ? theta0 - e.throttle_ratio : 0;
  const lapse =
    e.kind === "turbojet"
      ? delta0 * (1 - 0.16 * Math.sqrt(mach) - (24 * over) / ((9 + mach) * theta0))
      : delta0 * (1 - (3.8 * over) / theta0);
  return lapse > 0 ? e.static_thrust_n * lapse : 0;
}

/** Thrust-specific fuel consumption (kg of fuel per second per newton of thrust) at T (K) and Mach. */
export function tsfc(e: EngineParams, temp_K: number, mach: number): number {
  const perHour = (e.tsfc_static_per_h + e.tsfc_mach_slope_per_h * mach) * Math.sqrt(temp_K / T_SL);
  // 1 lb/(lbf·h) = 1 kg/(kgf·h) = 1/(9.80665·3600) kg/(N·s).
  return perHour / (9.80665 * 3600);
}
