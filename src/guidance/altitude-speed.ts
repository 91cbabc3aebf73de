/**
 * Midcourse vertical and speed channels.
 *
 * Altitude: the commanded climb rate is proportional to the altitude error and limited to the
 * airframe's climb and dive angles; the flight-path angle follows it through a proportional
 * normal-acceleration command. Speed: a proportional-integral throttle loop on Mach number with
 * the integrator frozen while the throttle is saturated (anti-windup).
 */

import type { FlightLimits } from "../vehicle/missile-params.js";

/** Gains of the altitude channel. */
export interface AltitudeGains {
  /** Climb-rate command per metre of altitude error, 1/s. */
  readonly k_h: number;
  /** Normal acceleration per radian of flight-path-angle error, per unit speed (1/s). */
  readonly k_gamma: number;
}

/** Default altitude-channel gains: a 10 s altitude time constant, a 0.7 s path-angle response. */
export const DEFAULT_ALTITUDE_GAINS: AltitudeGains = { k_h: 0.1, k_gamma: 1.4 };

/**
 * Upward normal acceleration (m/s²) to fly towards altitude alt_cmd_m from alt_m at speed v_mps,
 * flight-path angle gamma_rad.
 */
export function altitudeAccel(
  alt_cmd_m: number,
  alt_m: number,
  v_mps: number,
  gamma_rad: number,
  lim: FlightLimits,
  gains: AltitudeGains = DEFAULT_ALTITUDE_GAINS,
): number {
  if (v_mps < 1) return 0;
  const maxUp = v_mps * Math.sin(lim.max_climb_rad);
  const maxDown = v_mps * Math.sin(lim.max_dive_rad);
  let hdot = gains.k_h * (alt_cmd_m - alt_m);
  if (hdot > maxUp) hdot = maxUp;
  else if (hdot < -maxDown) hdot = -maxDown;
  const gammaCmd = Math.asin(hdot / v_mps);
  return gains.k_gamma * v_mps * (gammaCmd - gamma_rad);
}

/** PI throttle controller on Mach number (state: the integrator). */
export class MachHold {
  private integ: number;

  /** kp: throttle per unit Mach error; ki: per unit Mach error per second; idle: lowest throttle. */
  constructor(
    readonly kp = 4,
    readonly ki = 0.4,
    readonly idle = 0.15,
    initialThrottle = 0.7,
  ) {
    this.integ = initialThrottle;
  }

  /** Throttle command in [idle, 1] for Mach command machCmd at Mach mach, after dt_s. */
  update(machCmd: number, mach: number, dt_s: number): number {
    const err = machCmd - mach;
    const raw = this.integ + this.kp * err;
    const sat = Math.min(1, Math.max(this.idle, raw));
    // Integrate only when that does not push further into saturation. Every comparison is made at
    // every call: one first made at idle throttle threw away the optimised flight step.
    const high = raw >= 1;
    const low = raw <= this.idle;
    const up = err > 0;
    const down = err < 0;
    if (!((high && up) || (low && down))) {
      this.integ += this.ki * err * dt_s;
      if (this.integ > 1) this.integ = 1;
      else if (this.integ < this.idle) this.integ = this.idle;
    }
    return sat;
  }
}
