/**
 * What the shooter believes about a target: the observed position (the truth at the observation
 * plus a target-location error), the planner's aimpoint (that position, or a prediction along the
 * road), and how an in-flight update replaces the belief.
 *
 * Target-location error: a bivariate normal on the ground, an ellipse of 1σ semi-axes σ_major and
 * σ_minor with the major axis at `orientation` from north (circular when equal). For a circular
 * error of σ per axis the radial error is Rayleigh, so the chance it falls within R is
 * 1 − exp(−R²/2σ²) (e.g. Driels, "Weaponeering", the circular normal distribution): the closed
 * form the tests compare the flight's acquisition against.
 */

import type { Rng } from "../core/rng.js";
import { pointAlong, projectOnPolyline, type TargetMotion } from "./target-motion.js";

/** A target-location error: 1σ semi-axes (m) and the major axis's bearing (rad from north). */
export interface LocationError {
  readonly sigmaMajor_m: number;
  readonly sigmaMinor_m: number;
  readonly orientation_rad: number;
}

/** No error at all. */
export const NO_LOCATION_ERROR: LocationError = {
  sigmaMajor_m: 0,
  sigmaMinor_m: 0,
  orientation_rad: 0,
};

/** One draw of a location error, written to out [north, east] (m); no draw when it is zero. */
export function drawLocationError(e: LocationError, rng: Rng, out: Float64Array): Float64Array {
  if (!(e.sigmaMajor_m > 0 || e.sigmaMinor_m > 0)) {
    out[0] = 0;
    out[1] = 0;
    return out;
  }
  const a = e.sigmaMajor_m * rng.normal();
  const b = e.sigmaMinor_m * rng.normal();
  const c = Math.cos(e.orientation_rad);
  const s = Math.sin(e.orientation_rad);
  out[0] = a * c - b * s;
  out[1] = a * s + b * c;
  return out;
}

/** How the planner turns the observation into an aimpoint. */
export type AimpointRule = "last_known" | "predicted";

/**
 * The planner's aimpoint (north/east m) from an observed position: the observation itself, or
 * (predicted) the observation carried along the target's line for lead_s seconds at its speed:
 * a relocating target towards its next hide (stopping there), a moving one along its path
 * (stopping at its end). A fixed target is never predicted to move.
 */
export function plannerAimpoint(
  motion: TargetMotion,
  observed: { readonly north_m: number; readonly east_m: number },
  rule: AimpointRule,
  lead_s: number,
): { north_m: number; east_m: number } {
  if (rule === "last_known" || motion.kind === "fixed") return { ...observed };
  const line = motion.kind === "relocating" ? motion.road : motion.path;
  const from = projectOnPolyline(line, observed.north_m, observed.east_m).along_m;
  const go = motion.speed_mps * Math.max(0, lead_s);
  let to: number;
  if (motion.kind === "relocating") {
    const hide = motion.hides_s_m[0];
    to = hide >= from ? Math.min(hide, from + go) : Math.max(hide, from - go);
  } else {
    to = from + go;
  }
  const p = pointAlong(line, to, new Float64Array(2));
  // Keep the observation's offset from the line: the prediction moves the target, not the error.
  const q = pointAlong(line, from, new Float64Array(2));
  return { north_m: observed.north_m + p[0] - q[0], east_m: observed.east_m + p[1] - q[1] };
}
