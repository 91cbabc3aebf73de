/**
 * A reach table: how far the missile flies from one release condition (altitude, speed) at one
 * cruise profile, by direction, from simulated reach flights (reach.ts: cruise until the fuel runs
 * out, then glide to the ground). Built once per condition and kept by the caller; in still air the
 * range does not depend on the direction beyond the Earth's rotation (well under 1 %), so one
 * flight stands for all directions, while with wind a flight every `step_deg` is interpolated.
 */

import { type CruiseProfile, type ReachOptions, reachFlight } from "./reach.js";

/** Ranges by azimuth, clockwise from north, evenly spaced over 360°. */
export interface ReachTable {
  readonly profile: CruiseProfile;
  /** Azimuth of each entry, degrees (one entry: the same range every way). */
  readonly azimuth_deg: readonly number[];
  /** Ground distance from release to ground impact, m. */
  readonly range_m: readonly number[];
  /** Ground distance from release to fuel exhaustion, m. */
  readonly powered_range_m: readonly number[];
  /** Longest flight time, s. */
  readonly flight_time_s: number;
}

/** Fly the reach flights of one release condition: one when `windy` is false, else every step_deg. */
export function buildReachTable(
  o: ReachOptions,
  profile: CruiseProfile,
  windy: boolean,
  step_deg = 30,
): ReachTable {
  const az: number[] = windy ? [] : [0];
  if (windy) for (let a = 0; a < 360 - 1e-9; a += step_deg) az.push(a);
  const flights = az.map((a) => reachFlight(o, profile, a));
  return {
    profile,
    azimuth_deg: az,
    range_m: flights.map((f) => f.range_m),
    powered_range_m: flights.map((f) => f.powered_range_m),
    flight_time_s: Math.max(...flights.map((f) => f.flight_time_s)),
  };
}

/** Range (m) of the table along az_deg, linear between its entries (periodic). */
export function reachAt(t: ReachTable, az_deg: number): number {
  const n = t.range_m.length;
  if (n === 1) return t.range_m[0];
  const step = 360 / n;
  const x = ((((az_deg - t.azimuth_deg[0]) % 360) + 360) % 360) / step;
  const i = Math.floor(x) % n;
  const f = x - Math.floor(x);
  return (1 - f) * t.range_m[i] + f * t.range_m[(i + 1) % n];
}

/** Shortest range of the table, m. */
export function minReach_m(t: ReachTable): number {
  return Math.min(...t.range_m);
}

/** Longest range of the table, m. */
export function maxReach_m(t: ReachTable): number {
  return Math.max(...t.range_m);
}
