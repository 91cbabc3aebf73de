/**
 * Locating the moment within one integration step at which a scalar function of the state crosses
 * zero (e.g. height above the ground), by bisection on re-integrated partial steps. Used once per
 * run at its end, so it may allocate.
 */

import { type OdeSystem, Rk4 } from "./ode.js";

/**
 * With g(t0, prev) ≥ 0 and g(t0 + dt, after) < 0, find the partial step h (s) at which g crosses
 * zero to 1e-12 of dt, write the state there into `out`, and return h.
 */
export function findCrossing(
  sys: OdeSystem,
  prev: Float64Array,
  t0: number,
  dt: number,
  g: (t: number, x: Float64Array) => number,
  out: Float64Array,
): number {
  const rk4 = new Rk4(sys.size);
  let lo = 0;
  let hi = dt;
  for (let k = 0; k < 40; k++) {
    const mid = 0.5 * (lo + hi);
    out.set(prev);
    rk4.step(sys, t0, out, mid);
    if (g(t0 + mid, out) < 0) hi = mid;
    else lo = mid;
  }
  out.set(prev);
  rk4.step(sys, t0, out, hi);
  return hi;
}
