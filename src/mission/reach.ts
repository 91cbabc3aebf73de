/**
 * Reach: how far a missile flies from a release condition. A reach flight follows a straight
 * geodesic from the release point at a chosen cruise altitude and Mach number until the fuel runs
 * out, then glides at its best lift-to-drag ratio to the ground. The best-range profile is found by
 * searching cruise altitude and Mach; the footprint repeats the flight in every direction, with
 * the scenario's wind.
 */

import { RAD_PER_DEG } from "../core/units.js";
import type { EarthModel } from "../earth/earth-model.js";
import { geodesicDirect, geodesicInverse } from "../earth/geodesic.js";
import { DEFAULT_TERRAIN_FOLLOWING } from "../guidance/terrain-following.js";
import type { MissileParams } from "../vehicle/missile-params.js";
import type { ReleaseConditions } from "./mission-params.js";
import { simulateMission } from "./simulate.js";

/** A cruise profile: altitude above the ellipsoid (m) and Mach number. */
export interface CruiseProfile {
  readonly alt_m: number;
  readonly mach: number;
}

/** Outcome of one reach flight. */
export interface ReachFlight {
  readonly profile: CruiseProfile;
  readonly azimuth_deg: number;
  /** Geodesic distance from release to where the fuel ran out, and to the ground, m. */
  readonly powered_range_m: number;
  readonly range_m: number;
  readonly flight_time_s: number;
  readonly end_lat_deg: number;
  readonly end_lon_deg: number;
}

/** Options for reach flights. */
export interface ReachOptions {
  readonly earth: EarthModel;
  readonly missile: MissileParams;
  readonly release: ReleaseConditions;
  readonly ground_m?: number;
  readonly step_s?: number;
}

/** Fly one reach flight along azimuth az_deg at the profile. */
export function reachFlight(o: ReachOptions, profile: CruiseProfile, az_deg: number): ReachFlight {
  const r = o.release;
  // A leg far longer than any reach; the flight ends on the ground long before its end.
  const far = geodesicDirect(r.lat_deg, r.lon_deg, az_deg, 4_000_000);
  const res = simulateMission({
    name: "reach",
    earth: o.earth,
    missile: o.missile,
    release: { ...r, heading_rad: az_deg * RAD_PER_DEG },
    waypoints: [
      {
        name: "far",
        lat_deg: far.lat_deg,
        lon_deg: far.lon_deg,
        alt_m: profile.alt_m,
        mach: profile.mach,
      },
    ],
    aimpoint: null,
    cruise: profile,
    ground_m: o.ground_m ?? 0,
    terrain: null,
    terrainFollowing: DEFAULT_TERRAIN_FOLLOWING,
    step_s: o.step_s ?? 0.1,
    terminalStep_s: o.step_s ?? 0.1,
    sampleDt_s: 10 * (o.step_s ?? 0.1),
    maxTime_s: 20_000,
  });
  const fuelOut = res.events.find((e) => e.kind === "fuel_exhausted");
  let powered = res.summary.range_m;
  if (fuelOut?.data) {
    const d = fuelOut.data;
    powered = geodesicInverse(r.lat_deg, r.lon_deg, d.lat_deg, d.lon_deg).distance_m;
  }
  return {
    profile,
    azimuth_deg: az_deg,
    powered_range_m: powered,
    range_m: res.summary.range_m,
    flight_time_s: res.summary.flight_time_s,
    end_lat_deg: res.summary.impact_lat_deg,
    end_lon_deg: res.summary.impact_lon_deg,
  };
}

/** Default search grid for the best-range profile. */
export const PROFILE_ALTITUDES_M = [100, 1000, 3000, 5000, 7620, 9000, 10500, 12000];
export const PROFILE_MACHS = [0.6, 0.65, 0.7, 0.75, 0.8];

/** The profile of greatest range along az_deg, searching the altitude and Mach grids. */
export function bestRangeProfile(
  o: ReachOptions,
  az_deg = 0,
  altitudes: readonly number[] = PROFILE_ALTITUDES_M,
  machs: readonly number[] = PROFILE_MACHS,
): { best: ReachFlight; all: ReachFlight[] } {
  const all: ReachFlight[] = [];
  for (const alt_m of altitudes) {
    for (const mach of machs) all.push(reachFlight(o, { alt_m, mach }, az_deg));
  }
  const best = all.reduce((a, b) => (b.range_m > a.range_m ? b : a));
  return { best, all };
}

/** Reach in every direction (step_deg apart) at one profile: the footprint's vertices. */
export function reachFootprint(
  o: ReachOptions,
  profile: CruiseProfile,
  step_deg = 10,
): ReachFlight[] {
  const out: ReachFlight[] = [];
  for (let az = 0; az < 360 - 1e-9; az += step_deg) out.push(reachFlight(o, profile, az));
  return out;
}
