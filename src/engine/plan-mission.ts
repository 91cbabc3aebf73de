/**
 * From a scenario to planned routes: the planning block's settings with their defaults, one
 * exposure map over the scenario's terrain and air defence (sharing the run's viewsheds), the
 * missile's steady cruise from the vehicle model, and a route from each release point to its
 * target (planning/plan.ts), with the straight line evaluated on the same map for comparison.
 * The dependency runs scenario → planning: planning/ knows nothing of scenario files.
 */

import { geodesicInverse, geodesicPoints } from "../earth/geodesic.js";
import type { RouteWaypoint } from "../guidance/route-path.js";
import type { MissionParams } from "../mission/mission-params.js";
import { terminalStartRange } from "../mission/simulate.js";
import { buildExposureMap, type ExposureOptions, prepareRadars } from "../planning/cost-map.js";
import { maxSegmentFor, type NoFlyArea, rasteriseNoFly } from "../planning/no-fly.js";
import {
  type CruisePerformance,
  cruisePerformance,
  flyByTurnRadius_m,
} from "../planning/performance.js";
import { type ApproachSpec, type PlannedRoute, planRoute } from "../planning/plan.js";
import { metresPerDegLat, metresPerDegLon, planningGrid } from "../planning/planning-grid.js";
import {
  type CostWeights,
  type CruiseModel,
  type GridPoint,
  type LatLon,
  type RouteMetrics,
  RoutePlanner,
} from "../planning/route-search.js";
import type { MissionScenario } from "../scenario/mission-schema.js";
import type { PlanningScenario } from "../scenario/planning-schema.js";
import { ScenarioError } from "../scenario/problems.js";
import type { ElevationGrid } from "../terrain/elevation-grid.js";
import type { ViewshedCache } from "../terrain/site-visibility.js";
import type { AirDefenceParams } from "../threats/air-defence.js";
import { airDefenceParamsFromScenario } from "./world.js";

/** A planning block with its defaults resolved, SI. */
export interface PlanningSettings {
  /** Planning grid cell, m. */
  readonly cell_m: number;
  /** Height above the terrain the exposure map assumes, m. */
  readonly agl_m: number;
  readonly noFly: readonly NoFlyArea[];
  /** Course of the final approach, degrees from north; null: free. */
  readonly approachAzimuth_deg: number | null;
  readonly weights: Required<CostWeights>;
  /** Share of the cruise range kept in reserve. */
  readonly reserveFraction: number;
  /** Distance kept from no-fly areas, m. */
  readonly margin_m: number;
  /** RCS the map assumes, m²; null: the missile's, averaged over azimuth. */
  readonly rcs_m2: number | null;
}

/** The settings of a planning block (absent: all defaults) for a cruise cruiseAgl_m above ground (null: MSL). */
export function planningSettings(
  block: PlanningScenario | undefined,
  cruiseAgl_m: number | null,
): PlanningSettings {
  const cell_km = block?.cell_km ?? 1;
  return {
    cell_m: cell_km * 1000,
    agl_m: block?.agl_m ?? cruiseAgl_m ?? 100,
    noFly: (block?.no_fly ?? []).map((a) => ({ name: a.name, polygon: a.polygon })),
    approachAzimuth_deg: block?.approach_azimuth_deg ?? null,
    weights: {
      exposure: block?.weights.exposure ?? 1,
      fuel_perKg: block?.weights.fuel_per_kg ?? 0.02,
    },
    reserveFraction: block?.reserve_fraction ?? 0.15,
    // One cell by default: what the search's longest segment assumes (cost-map.ts maxSegmentFor).
    margin_m: (block?.margin_km ?? cell_km) * 1000,
    rcs_m2: block?.rcs_m2 ?? null,
  };
}

/** What the planner plans over. */
export interface PlanningWorld {
  /** Terrain (null: flat ground at ground_m). */
  readonly terrain: ElevationGrid | null;
  readonly ground_m: number;
  readonly defence: AirDefenceParams | null;
  /** The run's viewshed cache, so planning and flight compute each site's viewshed once. */
  readonly cache: ViewshedCache;
  readonly settings: PlanningSettings;
}

/** Most planning cells allowed (about 4 s of map building and 100 MB of search arrays). */
const MAX_CELLS = 4_000_000;

/**
 * A route planner over a box around the given points (release points and targets), padded by
 * 30 % of its diagonal and at least 50 km so routes can go around what lies between.
 */
export function buildPlanner(
  world: PlanningWorld,
  points: readonly LatLon[],
  file: string,
): RoutePlanner {
  let s = Number.POSITIVE_INFINITY;
  let n = Number.NEGATIVE_INFINITY;
  let w = Number.POSITIVE_INFINITY;
  let e = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    s = Math.min(s, p.lat_deg);
    n = Math.max(n, p.lat_deg);
    w = Math.min(w, p.lon_deg);
    e = Math.max(e, p.lon_deg);
  }
  const diag = geodesicInverse(s, w, n, e).distance_m;
  const pad = Math.max(50_000, 0.3 * diag);
  const padLat = pad / metresPerDegLat(0.5 * (s + n));
  const south = Math.max(-89, s - padLat);
  const north = Math.min(89, n + padLat);
  const padLon = pad / metresPerDegLon(Math.max(Math.abs(south), Math.abs(north)));
  const cfg = world.settings;
  const cells =
    Math.ceil((north - south) / (cfg.cell_m / metresPerDegLat(0.5 * (south + north)))) *
    Math.ceil((e - w + 2 * padLon) / (cfg.cell_m / metresPerDegLon(0.5 * (south + north))));
  if (!(cells <= MAX_CELLS)) {
    throw new ScenarioError([
      {
        file,
        path: "planning.cell_km",
        expected: `a cell size giving at most ${MAX_CELLS.toLocaleString("en-US")} planning cells over the ${Math.round(diag / 1000)} km the routes span`,
        got: `${cfg.cell_m / 1000} (about ${cells.toLocaleString("en-US")} cells)`,
      },
    ]);
  }
  const grid = planningGrid(south, w - padLon, north, e + padLon, cfg.cell_m);
  const opts: ExposureOptions = {
    agl_m: cfg.agl_m,
    ...(cfg.rcs_m2 === null ? {} : { rcs_m2: cfg.rcs_m2 }),
  };
  const radars = world.defence
    ? prepareRadars(world.defence, world.terrain, world.cache, opts, world.ground_m)
    : [];
  const map = buildExposureMap(grid, radars, world.terrain, opts, world.ground_m);
  const blocked = cfg.noFly.length > 0 ? rasteriseNoFly(grid, cfg.noFly, cfg.margin_m) : null;
  return new RoutePlanner(map, blocked);
}

/** Figures of a polyline of geodesic legs (degrees) on the planner's map, sampled every cell. */
export function evaluateGeodesic(planner: RoutePlanner, pts: readonly LatLon[]): RouteMetrics {
  const cell = Math.min(planner.grid.rowStep_m[0], planner.grid.minColStep_m);
  const gridPts: GridPoint[] = [planner.toGrid(pts[0])];
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i];
    const b = pts[i + 1];
    const d = geodesicInverse(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg).distance_m;
    const along = geodesicPoints(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg, 0, d, cell);
    for (let k = 1; k < along.length; k++) gridPts.push(planner.toGrid(along[k]));
  }
  return planner.evaluate(gridPts);
}

/** One missile's planned route and what it is compared with. */
export interface MissileRoutePlan {
  readonly route: PlannedRoute;
  /** The planned route and the straight line (release → target), along their geodesics. */
  readonly planned: RouteMetrics;
  readonly straight: RouteMetrics;
  /** Steady cruise the plan assumes (at the mean ground along the straight line + agl). */
  readonly perf: CruisePerformance;
  readonly cruise: CruiseModel;
  /** Altitude (m above the ellipsoid) the cruise performance is taken at. */
  readonly cruiseAlt_m: number;
  readonly turnRadius_m: number;
  /** Longest route allowed, m: the cruise range less the reserve. */
  readonly maxLength_m: number;
  /** The missile's fuel and the reserve kept, kg. */
  readonly missileFuel_kg: number;
  readonly reserveFuel_kg: number;
  readonly approach: ApproachSpec | null;
}

/** Mean ground height (m, sea counted as 0) along the geodesic a → b, sampled every 2 km. */
function meanGround_m(terrain: ElevationGrid | null, flat_m: number, a: LatLon, b: LatLon): number {
  if (!terrain) return flat_m;
  const d = geodesicInverse(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg).distance_m;
  const pts = geodesicPoints(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg, 0, d, 2000);
  let sum = 0;
  for (const p of pts) sum += Math.max(0, terrain.heightAt(p.lat_deg, p.lon_deg));
  return sum / pts.length;
}

/**
 * Plan the route of a mission (its release point to its aimpoint, its missile and cruise) on the
 * planner's map. A route that cannot be planned is bad input: a ScenarioError at targetPath.
 */
export function planMissileRoute(
  planner: RoutePlanner,
  world: PlanningWorld,
  p: MissionParams,
  file: string,
  targetPath = "target",
): MissileRoutePlan {
  const aim = p.aimpoint;
  if (!aim) throw new RangeError("planning needs a mission with an aimpoint");
  const cfg = world.settings;
  const start: LatLon = { lat_deg: p.release.lat_deg, lon_deg: p.release.lon_deg };
  const target: LatLon = { lat_deg: aim.lat_deg, lon_deg: aim.lon_deg };
  const agl = p.cruise.agl_m ?? null;
  const cruiseAlt =
    agl === null
      ? p.cruise.alt_m
      : meanGround_m(world.terrain, world.ground_m, start, target) + agl;
  const perf = cruisePerformance(p.missile, cruiseAlt, p.cruise.mach);
  const cruise: CruiseModel = { speed_mps: perf.speed_mps, fuelFlow_kgps: perf.fuelFlowMean_kgps };
  const R = flyByTurnRadius_m(p.missile, perf.mach, cruiseAlt);
  const maxLength = (1 - cfg.reserveFraction) * perf.range_m;
  let approach: ApproachSpec | null = null;
  if (cfg.approachAzimuth_deg !== null) {
    // Height above the aimpoint on the final leg: the cruise height over ground level with it.
    const height = agl ?? p.cruise.alt_m - aim.alt_m;
    approach = {
      azimuth_deg: cfg.approachAzimuth_deg,
      terminalStart_m:
        aim.terminalRange_m ??
        terminalStartRange(height, perf.speed_mps, aim.impact_rad, p.missile.limits.max_load_g),
    };
  }
  const route = planRoute(planner, {
    start,
    target,
    maxLength_m: maxLength,
    cruise,
    weights: cfg.weights,
    turnRadius_m: R,
    ...(approach ? { approach } : {}),
    maxSegment_m: maxSegmentFor(planner.grid, cfg.margin_m),
  });
  if (!route.ok) {
    throw new ScenarioError([
      {
        file,
        path: targetPath,
        expected: `a target the planner can reach within ${(maxLength / 1000).toFixed(0)} km (the cruise range less the ${Math.round(cfg.reserveFraction * 100)} % reserve) and outside the no-fly areas`,
        got: `no route: ${route.reason}`,
      },
    ]);
  }
  // Compare under the asked weights (the planner may have raised the fuel weight to fit the range).
  planner.setCosts(cruise, cfg.weights);
  return {
    route,
    planned: evaluateGeodesic(planner, route.waypoints),
    straight: evaluateGeodesic(planner, [start, target]),
    perf,
    cruise,
    cruiseAlt_m: cruiseAlt,
    turnRadius_m: R,
    maxLength_m: maxLength,
    missileFuel_kg: p.missile.fuel_kg,
    reserveFuel_kg: cfg.reserveFraction * p.missile.fuel_kg,
    approach,
  };
}

/** The route's fly-by waypoints (without release and target) at the mission's cruise. */
export function plannedWaypoints(
  p: MissionParams,
  route: readonly LatLon[],
  hasApproach: boolean,
): RouteWaypoint[] {
  const inner = route.slice(1, -1);
  return inner.map((w, i) => ({
    name: hasApproach && i === inner.length - 1 ? "approach" : `planned ${i + 1}`,
    lat_deg: w.lat_deg,
    lon_deg: w.lon_deg,
    alt_m: p.cruise.alt_m,
    agl_m: p.cruise.agl_m ?? null,
    mach: p.cruise.mach,
  }));
}

/** The mission flying a planned route instead of its own waypoints. */
export function withPlannedRoute(
  p: MissionParams,
  route: readonly LatLon[],
  hasApproach: boolean,
): MissionParams {
  return { ...p, waypoints: plannedWaypoints(p, route, hasApproach) };
}

/** A mission's plan with the world and planner it was made on. */
export interface MissionPlan {
  readonly world: PlanningWorld;
  readonly planner: RoutePlanner;
  readonly plan: MissileRoutePlan;
}

/** Plan a mission scenario's route from its release to its target (p: its params, over its terrain). */
export function planMission(
  s: MissionScenario,
  file: string,
  p: MissionParams,
  cache: ViewshedCache,
): MissionPlan {
  const world: PlanningWorld = {
    terrain: p.terrain,
    ground_m: p.ground_m,
    defence: airDefenceParamsFromScenario(s),
    cache,
    settings: planningSettings(s.planning, p.cruise.agl_m ?? null),
  };
  const aim = p.aimpoint ?? p.release;
  const planner = buildPlanner(
    world,
    [
      { lat_deg: p.release.lat_deg, lon_deg: p.release.lon_deg },
      { lat_deg: aim.lat_deg, lon_deg: aim.lon_deg },
    ],
    file,
  );
  return { world, planner, plan: planMissileRoute(planner, world, p, file) };
}
