/** Everything one missile flight needs, in SI units, built by scenario/ from a scenario file. */

import type { EarthModel } from "../earth/earth-model.js";
import type { RouteWaypoint } from "../guidance/route-path.js";
import type { TerrainFollowingParams } from "../guidance/terrain-following.js";
import type { ElevationGrid } from "../terrain/elevation-grid.js";
import type { MissileParams } from "../vehicle/missile-params.js";

/** Release conditions from the launch aircraft. */
export interface ReleaseConditions {
  readonly lat_deg: number;
  readonly lon_deg: number;
  /** Height above the ellipsoid, m. */
  readonly alt_m: number;
  /** True airspeed at release, m/s. */
  readonly tas_mps: number;
  /** Heading (air-relative course) at release, rad from north. */
  readonly heading_rad: number;
  readonly platform: string;
}

/** The aimpoint and how to arrive there. */
export interface AimpointSpec {
  /** The scenario's name for it (a label for outputs; absent: "aimpoint"). */
  readonly name?: string;
  readonly lat_deg: number;
  readonly lon_deg: number;
  /** Height of the aimpoint (and of the flat ground around it) above the ellipsoid, m. */
  readonly alt_m: number;
  /** Impact angle below the horizon, rad. */
  readonly impact_rad: number;
  /** Horizontal range at which terminal guidance starts, m; null: chosen from the geometry. */
  readonly terminalRange_m: number | null;
  /**
   * Terminal law: "impact_angle" (the energy-optimal impact-angle law, the default) or "pn"
   * (true proportional navigation, N′ = 4: no control of the impact angle).
   */
  readonly law?: "impact_angle" | "pn";
  /** Allow one notional re-attack after a failed seeker search (mission/reattack.ts). */
  readonly reattack?: boolean;
}

/** A complete mission for simulate(). */
export interface MissionParams {
  readonly name: string;
  readonly earth: EarthModel;
  readonly missile: MissileParams;
  readonly release: ReleaseConditions;
  /** Waypoints after release, in order (the aimpoint is appended as the route's end). */
  readonly waypoints: readonly RouteWaypoint[];
  /** Altitude (m above the ellipsoid) and Mach on the last leg when no waypoint sets them. */
  readonly cruise: {
    readonly alt_m: number;
    readonly mach: number;
    /** Height above the ground to hold instead of alt_m, m (absent or null: alt_m). */
    readonly agl_m?: number | null;
  };
  /** The aimpoint; null for a reach run, which flies the route until it reaches the ground. */
  readonly aimpoint: AimpointSpec | null;
  /** Elevation of the flat ground above the ellipsoid (m) where there is no terrain grid. */
  readonly ground_m: number;
  /** The terrain, or null for flat ground at ground_m. */
  readonly terrain: ElevationGrid | null;
  /** Tuning of terrain following (waypoints with a height above ground over a terrain grid). */
  readonly terrainFollowing: TerrainFollowingParams;
  /** Integration step in midcourse and in the terminal phase, s (terminal divides midcourse). */
  readonly step_s: number;
  readonly terminalStep_s: number;
  /** Output sample interval, s (a whole multiple of step_s). */
  readonly sampleDt_s: number;
  /** Give up after this much flight time, s. */
  readonly maxTime_s: number;
}
