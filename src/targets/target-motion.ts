/**
 * Where a ground target truly is over time: fixed, relocating between hides along a road, or
 * moving along a path. Synthetic geography only; positions are north/east metres on a local plane
 * around a reference point (the engine converts to and from latitude and longitude).
 *
 * A motion is laid out once per run as a track: knots (t_k, s_k) of the distance s along a
 * polyline, linear in between, so the target's speed is constant on each leg and zero while it
 * dwells. Time zero is the missile's release; the track starts at the observation time
 * t_obs = −intelligence age, at the target's observed start point.
 *
 * Relocating: from the start point (on the road) the target leaves after a time drawn from the
 * departure distribution, drives along the road at its speed to the first hide, dwells there a
 * time drawn from the dwell distribution, drives to the next hide, and so on, cycling through the
 * hides in order. Moving: it drives along its path from the start, halting at listed vertices for
 * their stop times, and stays at the path's end. A shoot-and-scoot launcher and a road convoy are
 * the pictures (public descriptions of mobile missile operations, e.g. RAND MR-1104, "Time-critical
 * targets" [U]); every number a scenario gives is notional.
 *
 * The track uses its own Rng stream ("target"), so drawing it changes no other subsystem's draws.
 */

import type { Rng } from "../core/rng.js";

/** A distribution of a duration, s. */
export type DurationDistribution =
  | { readonly kind: "fixed"; readonly value_s: number }
  | { readonly kind: "uniform"; readonly min_s: number; readonly max_s: number }
  | { readonly kind: "exponential"; readonly mean_s: number };

/** A polyline on the local plane: vertices north/east (m) and cumulative length (m). */
export interface Polyline {
  readonly north_m: Float64Array;
  readonly east_m: Float64Array;
  readonly s_m: Float64Array;
}

/** How the target moves (positions on the local plane, m). */
export type TargetMotion =
  | { readonly kind: "fixed" }
  | {
      readonly kind: "relocating";
      readonly road: Polyline;
      /** Distance along the road of the start point and of each hide, m. */
      readonly start_s_m: number;
      readonly hides_s_m: readonly number[];
      readonly speed_mps: number;
      readonly departure: DurationDistribution;
      readonly dwell: DurationDistribution;
    }
  | {
      readonly kind: "moving";
      /** The path, starting at the target's start point. */
      readonly path: Polyline;
      readonly speed_mps: number;
      /** Halts at path vertices (index ≥ 1), in order along the path. */
      readonly stops: readonly { readonly vertex: number; readonly duration_s: number }[];
    };

/** A laid-out track: s(t) piecewise linear through the knots, held before the first and after the last. */
export interface TargetTrack {
  /** The polyline the target stays on (a single point for a fixed target). */
  readonly line: Polyline;
  readonly t_s: Float64Array;
  readonly s_m: Float64Array;
}

/** Most legs a track may hold: a guard against a zero-length cycle of hides with no dwell. */
const MAX_KNOTS = 20_000;

/** A polyline through north/east vertices (m). */
export function polyline(north_m: readonly number[], east_m: readonly number[]): Polyline {
  const n = north_m.length;
  const s = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    s[i] = s[i - 1] + Math.hypot(north_m[i] - north_m[i - 1], east_m[i] - east_m[i - 1]);
  }
  return { north_m: Float64Array.from(north_m), east_m: Float64Array.from(east_m), s_m: s };
}

/** The nearest point of a polyline to (north, east): its distance along (m) and off the line (m). */
export function projectOnPolyline(
  line: Polyline,
  north_m: number,
  east_m: number,
): { along_m: number; off_m: number } {
  let best = { along_m: 0, off_m: Math.hypot(north_m - line.north_m[0], east_m - line.east_m[0]) };
  for (let i = 1; i < line.s_m.length; i++) {
    const an = line.north_m[i - 1];
    const ae = line.east_m[i - 1];
    const dn = line.north_m[i] - an;
    const de = line.east_m[i] - ae;
    const len2 = dn * dn + de * de;
    const u =
      len2 > 0 ? Math.min(1, Math.max(0, ((north_m - an) * dn + (east_m - ae) * de) / len2)) : 0;
    const off = Math.hypot(north_m - an - u * dn, east_m - ae - u * de);
    if (off < best.off_m) best = { along_m: line.s_m[i - 1] + u * Math.sqrt(len2), off_m: off };
  }
  return best;
}

/** The point at distance s (m) along a polyline (clamped to its ends), written to out [n, e]. */
export function pointAlong(line: Polyline, s: number, out: Float64Array): Float64Array {
  const ss = line.s_m;
  const last = ss.length - 1;
  if (last <= 0 || s <= 0) {
    out[0] = line.north_m[0];
    out[1] = line.east_m[0];
    return out;
  }
  if (s >= ss[last]) {
    out[0] = line.north_m[last];
    out[1] = line.east_m[last];
    return out;
  }
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (ss[mid] <= s) lo = mid;
    else hi = mid;
  }
  const len = ss[hi] - ss[lo];
  const u = len > 0 ? (s - ss[lo]) / len : 0;
  out[0] = line.north_m[lo] + u * (line.north_m[hi] - line.north_m[lo]);
  out[1] = line.east_m[lo] + u * (line.east_m[hi] - line.east_m[lo]);
  return out;
}

/** One draw of a duration, s. */
export function drawDuration(d: DurationDistribution, rng: Rng): number {
  switch (d.kind) {
    case "fixed":
      return d.value_s;
    case "uniform":
      return d.min_s + (d.max_s - d.min_s) * rng.next();
    case "exponential":
      return d.mean_s > 0 ? rng.exponential(1 / d.mean_s) : 0;
  }
}

/**
 * Lay out the track of a motion from the observation time t0_s to at least t1_s (s), starting at
 * the start point on `line` (a fixed target: a one-point line), drawing durations from rng.
 */
export function buildTrack(
  motion: TargetMotion,
  start: { readonly north_m: number; readonly east_m: number },
  t0_s: number,
  t1_s: number,
  rng: Rng,
): TargetTrack {
  const t: number[] = [t0_s];
  const s: number[] = [0];
  if (motion.kind === "fixed") {
    return {
      line: polyline([start.north_m], [start.east_m]),
      t_s: Float64Array.from(t),
      s_m: Float64Array.from(s),
    };
  }
  const v = motion.speed_mps;
  if (motion.kind === "relocating") {
    s[0] = motion.start_s_m;
    let now = t0_s + drawDuration(motion.departure, rng);
    let at = motion.start_s_m;
    let k = 0;
    while (now < t1_s && t.length < MAX_KNOTS && v > 0) {
      const to = motion.hides_s_m[k % motion.hides_s_m.length];
      t.push(now);
      s.push(at);
      now += Math.abs(to - at) / v;
      at = to;
      t.push(now);
      s.push(at);
      now += drawDuration(motion.dwell, rng);
      k++;
    }
    return { line: motion.road, t_s: Float64Array.from(t), s_m: Float64Array.from(s) };
  }
  // Moving: drive vertex to vertex, halting where a stop is listed.
  const path = motion.path;
  let now = t0_s;
  let stop = 0;
  for (let i = 1; i < path.s_m.length && v > 0; i++) {
    now += (path.s_m[i] - path.s_m[i - 1]) / v;
    t.push(now);
    s.push(path.s_m[i]);
    while (stop < motion.stops.length && motion.stops[stop].vertex === i) {
      now += motion.stops[stop].duration_s;
      t.push(now);
      s.push(path.s_m[i]);
      stop++;
    }
  }
  return { line: path, t_s: Float64Array.from(t), s_m: Float64Array.from(s) };
}

/** Distance along the track's line at time t_s (m). */
export function trackDistance(track: TargetTrack, t_s: number): number {
  const tt = track.t_s;
  const n = tt.length;
  if (t_s <= tt[0]) return track.s_m[0];
  if (t_s >= tt[n - 1]) return track.s_m[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (tt[mid] <= t_s) lo = mid;
    else hi = mid;
  }
  const dt = tt[hi] - tt[lo];
  const u = dt > 0 ? (t_s - tt[lo]) / dt : 1;
  return track.s_m[lo] + u * (track.s_m[hi] - track.s_m[lo]);
}

/** The target's true position at time t_s on the local plane, written to out [north, east] (m). */
export function trackPosition(track: TargetTrack, t_s: number, out: Float64Array): Float64Array {
  return pointAlong(track.line, trackDistance(track, t_s), out);
}
