/**
 * The launch acceptability region of a mission scenario (`standoff lar`): for each release
 * condition of its `lar` block (default: the launch's altitude and speed), the release points
 * from which the planned route fits the missile's range less the reserve (missile side), the
 * release points where the launch aircraft stays outside every SAM envelope that sees it by the
 * margin (aircraft side), and both (the region), with its outlines, area, nearest, farthest and
 * recommended release points. Assembly only: the models are planning/cost-to-go.ts,
 * launch-region.ts, aircraft-exposure.ts, region-contours.ts and mission/reach-table.ts.
 */

import { M_PER_FT, MPS_PER_KT } from "../core/units.js";
import { UserError } from "../core/user-error.js";
import { atmosphere } from "../earth/atmosphere.js";
import { geodesicDirect, geodesicInverse } from "../earth/geodesic.js";
import type { MissionParams } from "../mission/mission-params.js";
import { buildReachTable, reachAt } from "../mission/reach-table.js";
import {
  type AircraftSideParams,
  aircraftSafeRaster,
  aircraftTrack,
  type DetectingRadar,
  dangerRaster,
  detectionTime,
  inDanger,
  type SamThreat,
  trackMargins,
} from "../planning/aircraft-exposure.js";
import { buildExposureMap, type ExposureOptions, prepareRadars } from "../planning/cost-map.js";
import { type CostToGo, costToGo, routeFrom } from "../planning/cost-to-go.js";
import { intersect, missileSide, rasterArea_m2, regionPoints } from "../planning/launch-region.js";
import { maxSegmentFor, rasteriseNoFly } from "../planning/no-fly.js";
import { cruisePerformance, flyByTurnRadius_m } from "../planning/performance.js";
import {
  colLon,
  metresPerDegLat,
  metresPerDegLon,
  type PlanningGrid,
  planningGrid,
  rowLat,
} from "../planning/planning-grid.js";
import { type GridPolygon, regionPolygons } from "../planning/region-contours.js";
import { RoutePlanner } from "../planning/route-search.js";
import { smoothPath } from "../planning/smoothing.js";
import type { LarScenario } from "../scenario/lar-schema.js";
import { larReleaseAlt_m } from "../scenario/lar-schema.js";
import { loadScenarioFile } from "../scenario/load.js";
import type { MissionScenario } from "../scenario/mission-schema.js";
import { type Problem, ScenarioError } from "../scenario/problems.js";
import type { ElevationGrid } from "../terrain/elevation-grid.js";
import { SiteVisibility, ViewshedCache } from "../terrain/site-visibility.js";
import { LAUNCH_AIRCRAFT_PRESETS, levelTurnRadius_m } from "../vehicle/launch-aircraft.js";
import { maxWindSpeed_mps, minEngagementDistance_m } from "./feasibility.js";
import { missionFromScenario } from "./mission-params.js";
import { planningSettings } from "./plan-mission.js";
import { airDefenceParamsFromScenario, type StageListener, terrainFromScenario } from "./world.js";

export { ReachTableCache } from "./reach-table-cache.js";

import { ReachTableCache } from "./reach-table-cache.js";

export type * from "./lar-types.js";

import type {
  LarConditionResult,
  LarPoint,
  LarRecommended,
  LarResult,
  LonLatPolygon,
} from "./lar-types.js";

/**
 * The route the planner would fly from node k of a field (default the region's): the cost-to-go
 * path smoothed into fly-by waypoints as planning/plan.ts does, degrees, release first.
 */
export function larRoute(
  r: Pick<LarResult, "field" | "planner" | "maxSegment_m" | "missileTurnRadius_m">,
  k: number,
  field: CostToGo = r.field,
): { lat_deg: number; lon_deg: number }[] {
  const path = routeFrom(field, k);
  if (path.length < 2) return path.map((q) => r.planner.toLatLon(q));
  const sm = smoothPath(
    r.planner,
    path.map((q, i) => ({ p: q, fixed: i === 0 || i === path.length - 1 })),
    { turnRadius_m: r.missileTurnRadius_m, maxSegment_m: r.maxSegment_m },
  );
  return sm.points.map((q) => r.planner.toLatLon(q.p));
}

/** A point 100 km from the target on the side away from the nearest site (north if none). */
function awayFromSites(
  target: { lat_deg: number; lon_deg: number },
  sams: readonly SamThreat[],
): { lat_deg: number; lon_deg: number } {
  let best: SamThreat | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  for (const t of sams) {
    const d = geodesicInverse(target.lat_deg, target.lon_deg, t.lat_deg, t.lon_deg).distance_m;
    if (d < bestD) {
      bestD = d;
      best = t;
    }
  }
  const az =
    best && bestD > 1
      ? geodesicInverse(best.lat_deg, best.lon_deg, target.lat_deg, target.lon_deg).azi2_deg
      : 0;
  return geodesicDirect(target.lat_deg, target.lon_deg, az, 100_000);
}

/** Most nodes a region grid may have. */
const MAX_CELLS = 4_000_000;

interface Condition {
  readonly alt_m: number;
  readonly tas_mps: number;
  readonly mach: number;
  /** Path of its altitude in the file, for messages. */
  readonly path: string;
  readonly inFt: boolean;
}

function conditionsOf(s: MissionScenario, lar: LarScenario | undefined): Condition[] {
  const list = lar?.releases;
  if (!list) {
    const L = s.launch;
    const alt = L.alt_m ?? (L.alt_ft ?? 0) * M_PER_FT;
    const a = atmosphere(alt).a_mps;
    const tas = L.speed_kt !== undefined ? L.speed_kt * MPS_PER_KT : (L.mach ?? 0.8) * a;
    return [
      {
        alt_m: alt,
        tas_mps: tas,
        mach: tas / a,
        path: L.alt_m === undefined ? "launch.alt_ft" : "launch.alt_m",
        inFt: L.alt_m === undefined,
      },
    ];
  }
  return list.map((r, i) => {
    const alt = larReleaseAlt_m(r);
    const a = atmosphere(alt).a_mps;
    const tas = r.speed_kt !== undefined ? r.speed_kt * MPS_PER_KT : (r.mach ?? 0.8) * a;
    return {
      alt_m: alt,
      tas_mps: tas,
      mach: tas / a,
      path: `lar.releases[${i}].${r.alt_m === undefined ? "alt_ft" : "alt_m"}`,
      inFt: r.alt_m === undefined,
    };
  });
}

function toLonLat(g: PlanningGrid, polys: GridPolygon[]): LonLatPolygon[] {
  const ring = (pts: { r: number; c: number }[]): [number, number][] =>
    pts.map((p) => [round7(colLon(g, p.c)), round7(rowLat(g, p.r))]);
  return polys.map((p) => [ring(p.outer), ...p.holes.map(ring)]);
}

function round7(x: number): number {
  return Math.round(x * 1e7) / 1e7;
}

/** Options of a region computation. */
export interface LarOptions {
  readonly onStage?: StageListener;
  readonly reachCache?: ReachTableCache;
  readonly viewsheds?: ViewshedCache;
  /** A given release point to fly the aircraft through as well (first condition), degrees. */
  readonly through?: { readonly lat_deg: number; readonly lon_deg: number };
}

/** Load a mission scenario and compute its launch acceptability region. */
export async function computeLarFile(file: string, opts: LarOptions = {}): Promise<LarResult> {
  const scenario = loadScenarioFile(file);
  if (scenario.kind !== "mission") {
    throw new UserError([
      `${file}: kind: expected "mission" (a launch acceptability region needs one missile and its target), got "${scenario.kind}"`,
    ]);
  }
  opts.onStage?.("terrain");
  const terrain = await terrainFromScenario(scenario, file);
  return computeLar(scenario, file, terrain, opts);
}

/** The launch acceptability region of a mission scenario over its terrain (null: flat). */
export function computeLar(
  s: MissionScenario,
  file: string,
  terrain: ElevationGrid | null,
  opts: LarOptions = {},
): LarResult {
  const onStage = opts.onStage;
  const cache = opts.viewsheds ?? new ViewshedCache();
  const reachCache = opts.reachCache ?? new ReachTableCache();
  const p: MissionParams = missionFromScenario(s, file, 1, terrain);
  const aim = p.aimpoint;
  if (!aim) throw new RangeError("a mission always has an aimpoint");
  const T = s.target;
  if (terrain) {
    const i = (T.lat_deg - terrain.lat0_deg) / terrain.dLat_deg;
    const j = (T.lon_deg - terrain.lon0_deg) / terrain.dLon_deg;
    if (i < 0 || j < 0 || i > terrain.nLat - 1 || j > terrain.nLon - 1) {
      const north = terrain.lat0_deg + (terrain.nLat - 1) * terrain.dLat_deg;
      const east = terrain.lon0_deg + (terrain.nLon - 1) * terrain.dLon_deg;
      throw new ScenarioError([
        {
          file,
          path: "target",
          expected: `a target on the terrain (latitude ${terrain.lat0_deg} to ${north.toFixed(4)}, longitude ${terrain.lon0_deg} to ${east.toFixed(4)})`,
          got: `${T.lat_deg}, ${T.lon_deg}`,
        },
      ]);
    }
  }
  const lar = s.lar;
  const aircraft = LAUNCH_AIRCRAFT_PRESETS[lar?.aircraft ?? "notional-f16-class"];
  const conditions = conditionsOf(s, lar);
  const targetGround = terrain ? terrain.heightAt(T.lat_deg, T.lon_deg) : p.ground_m;
  const problems: Problem[] = [];
  for (const c of conditions) {
    const shown = (m: number) =>
      c.inFt
        ? `${Math.round(m / M_PER_FT).toLocaleString("en-US")} ft`
        : `${Math.round(m).toLocaleString("en-US")} m`;
    const got = shown(c.alt_m);
    if (c.alt_m > aircraft.ceiling_m) {
      problems.push({
        file,
        path: c.path,
        expected: `a release altitude at or below the ${aircraft.name}'s ceiling (${shown(aircraft.ceiling_m)})`,
        got,
      });
    } else if (c.alt_m <= targetGround) {
      problems.push({
        file,
        path: c.path,
        expected: `a release altitude above the ground at the target (${shown(targetGround)})`,
        got,
      });
    }
  }
  if (problems.length > 0) throw new ScenarioError(problems);

  const settings = planningSettings(s.planning, p.cruise.agl_m ?? null);
  const cell_m = (lar?.cell_km ?? s.planning?.cell_km ?? 2) * 1000;
  const cruiseAlt = p.cruise.agl_m == null ? p.cruise.alt_m : targetGround + p.cruise.agl_m;
  const profile = { alt_m: cruiseAlt, mach: p.cruise.mach };
  const windy = maxWindSpeed_mps(p) > 0;

  // Reach tables first: they size the grid.
  onStage?.("reach table");
  const tables = conditions.map((c) =>
    reachCache.get(
      JSON.stringify({
        missile: p.missile,
        alt: c.alt_m,
        tas: c.tas_mps,
        profile,
        windy,
        wind: s.environment.wind ?? null,
        ground: targetGround,
      }),
      () =>
        buildReachTable(
          {
            earth: p.earth,
            missile: p.missile,
            release: {
              lat_deg: T.lat_deg,
              lon_deg: T.lon_deg,
              alt_m: c.alt_m,
              tas_mps: c.tas_mps,
              heading_rad: 0,
              platform: aircraft.name,
            },
            ground_m: targetGround,
          },
          profile,
          windy,
        ),
    ),
  );
  const reserve = settings.reserveFraction;
  let maxUsable = 0;
  for (const t of tables)
    for (const r of t.range_m) maxUsable = Math.max(maxUsable, (1 - reserve) * r);
  const half = maxUsable + 3 * cell_m;
  const dLat = half / metresPerDegLat(T.lat_deg);
  const south = Math.max(-89, T.lat_deg - dLat);
  const north = Math.min(89, T.lat_deg + dLat);
  const dLon = half / metresPerDegLon(Math.max(Math.abs(south), Math.abs(north)));
  const cells = Math.ceil((2 * half) / cell_m) ** 2;
  if (!(cells <= MAX_CELLS)) {
    throw new ScenarioError([
      {
        file,
        path: "lar.cell_km",
        expected: `a cell giving at most ${MAX_CELLS.toLocaleString("en-US")} cells over the ${Math.round(maxUsable / 1000)} km the missile reaches`,
        got: `${cell_m / 1000} km (about ${cells.toLocaleString("en-US")} cells)`,
      },
    ]);
  }
  const grid = planningGrid(south, T.lon_deg - dLon, north, T.lon_deg + dLon, cell_m);

  // The planner's map and costs over the region's grid.
  onStage?.("cost map");
  const defence = airDefenceParamsFromScenario(s);
  const expOpts: ExposureOptions = {
    agl_m: settings.agl_m,
    ...(settings.rcs_m2 === null ? {} : { rcs_m2: settings.rcs_m2 }),
  };
  const radars = defence ? prepareRadars(defence, terrain, cache, expOpts, p.ground_m) : [];
  const map = buildExposureMap(grid, radars, terrain, expOpts, p.ground_m);
  const blocked =
    settings.noFly.length > 0 ? rasteriseNoFly(grid, settings.noFly, settings.margin_m) : null;
  const planner = new RoutePlanner(map, blocked);
  const perf = cruisePerformance(p.missile, cruiseAlt, p.cruise.mach);
  planner.setCosts(
    { speed_mps: perf.speed_mps, fuelFlow_kgps: perf.fuelFlowMean_kgps },
    settings.weights,
  );
  onStage?.("cost-to-go");
  const maxSegment = maxSegmentFor(grid, settings.margin_m);
  // The reverse search integrates every shortcut it offers: segments of at most 64 cells keep
  // that linear in the grid's size; a longer straight leg gains a vertex on its own line, which
  // changes its length by well under a metre.
  const searchSegment = Math.min(maxSegment, 64 * cell_m);
  const missileTurn = flyByTurnRadius_m(p.missile, perf.mach, cruiseAlt);
  const field = costToGo(
    grid,
    planner.costPerM,
    { lat_deg: T.lat_deg, lon_deg: T.lon_deg },
    searchSegment,
    maxUsable,
  );

  // Sites and radars as the aircraft side needs them.
  const groundAt = (lat: number, lon: number) =>
    terrain ? terrain.heightAt(lat, lon) : p.ground_m;
  const vis = (lat: number, lon: number, mast: number) =>
    new SiteVisibility(terrain, lat, lon, mast, cache, p.ground_m);
  const placed = defence?.sams ?? [];
  const sams: SamThreat[] = placed.map((m) => {
    const v = vis(m.lat_deg, m.lon_deg, m.params.radar.mast_m);
    return {
      name: m.name,
      lat_deg: m.lat_deg,
      lon_deg: m.lon_deg,
      antennaAlt_m: v.antennaAlt_m,
      envelope: m.params.envelope,
      visibility: v,
    };
  });
  const detecting: DetectingRadar[] = [
    ...sams.map((t, i) => ({
      name: t.name,
      lat_deg: t.lat_deg,
      lon_deg: t.lon_deg,
      antennaAlt_m: t.antennaAlt_m,
      radar: placed[i].params.radar,
      visibility: t.visibility,
    })),
    ...(defence?.searchRadars ?? []).map((r) => {
      const v = vis(r.lat_deg, r.lon_deg, r.radar.mast_m);
      return {
        name: r.name,
        lat_deg: r.lat_deg,
        lon_deg: r.lon_deg,
        antennaAlt_m: v.antennaAlt_m,
        radar: r.radar,
        visibility: v,
      };
    }),
  ];
  const entry =
    lar?.entry === "none"
      ? null
      : (lar?.entry ?? { lat_deg: s.launch.lat_deg, lon_deg: s.launch.lon_deg });
  const margin_m = (lar?.margin_km ?? 10) * 1000;
  const target = { lat_deg: T.lat_deg, lon_deg: T.lon_deg };

  const results = conditions.map((c, ci): LarConditionResult => {
    const table = tables[ci];
    const usable = (az: number) => (1 - reserve) * reachAt(table, az);
    const minDistance = minEngagementDistance_m(
      { ...p, release: { ...p.release, alt_m: c.alt_m, tas_mps: c.tas_mps } },
      0,
    );
    onStage?.("missile side", ci / conditions.length);
    const ms = missileSide(field, usable, minDistance);
    onStage?.("aircraft side", ci / conditions.length);
    const turnRadius = levelTurnRadius_m(c.tas_mps, aircraft.turnLoadFactor);
    const side: AircraftSideParams = {
      grid,
      alt_m: c.alt_m,
      ground_m: map.ground_m,
      groundAt,
      sams,
      margin_m,
      entry,
      target,
      turnRadius_m: turnRadius,
    };
    const danger = dangerRaster(side);
    const safe = aircraftSafeRaster(side, danger);
    // The aircraft cannot fly at its release height where the ground rises to it.
    for (let k = 0; k < safe.length; k++) if (map.ground_m[k] >= c.alt_m) safe[k] = 0;
    const acceptable = intersect(ms.inside, safe);
    onStage?.("region", ci / conditions.length);
    const pts = regionPoints(grid, acceptable, ms.distance_m);
    const point = (k: number): LarPoint => {
      const r = Math.floor(k / grid.nLon);
      const col = k - r * grid.nLon;
      const len = field.length_m[k];
      return {
        lat_deg: rowLat(grid, r),
        lon_deg: colLon(grid, col),
        distance_m: ms.distance_m[k],
        routeLength_m: len,
        usable_m: len - ms.shortfall_m[k],
      };
    };
    // The aircraft's flight through a release point: the egress side with the larger smallest
    // margin to a site that sees the aircraft.
    const flightThrough = (
      base: LarPoint,
      depth_m: number,
      route: { lat_deg: number; lon_deg: number }[],
    ): LarRecommended => {
      let best: LarRecommended | null = null;
      for (const sideSign of [1, -1] as const) {
        const track = aircraftTrack(side, base, sideSign, c.tas_mps, 1);
        const margins = trackMargins(track, c.alt_m, sams);
        const worst = Math.min(
          Number.POSITIVE_INFINITY,
          ...margins.map((m) => m.visibleMargin_m ?? Number.POSITIVE_INFINITY),
        );
        const bestWorst = best
          ? Math.min(
              Number.POSITIVE_INFINITY,
              ...best.margins.map((m) => m.visibleMargin_m ?? Number.POSITIVE_INFINITY),
            )
          : Number.NEGATIVE_INFINITY;
        if (!best || worst > bestWorst) {
          best = {
            ...base,
            depth_m,
            route,
            track: { lat_deg: Array.from(track.lat_deg), lon_deg: Array.from(track.lon_deg) },
            turn: sideSign === 1 ? "left" : "right",
            margins,
            detection: detectionTime(track, c.alt_m, detecting, aircraft.rcs),
          };
        }
      }
      if (!best) throw new RangeError("two egress sides always give a flight");
      return best;
    };
    let recommended: LarRecommended | null = null;
    if (pts.recommended >= 0) {
      const k = pts.recommended;
      const route = larRoute(
        { field, planner, maxSegment_m: maxSegment, missileTurnRadius_m: missileTurn },
        k,
      );
      recommended = flightThrough(point(k), pts.depth_m, route);
    }
    const through =
      opts.through && ci === 0
        ? flightThrough(
            {
              lat_deg: opts.through.lat_deg,
              lon_deg: opts.through.lon_deg,
              distance_m: geodesicInverse(
                opts.through.lat_deg,
                opts.through.lon_deg,
                target.lat_deg,
                target.lon_deg,
              ).distance_m,
              routeLength_m: Number.NaN,
              usable_m: Number.NaN,
            },
            Number.NaN,
            [],
          )
        : null;
    let empty: LarConditionResult["empty"] = null;
    if (pts.recommended < 0) {
      // Route length where the search reached, else the straight line (a lower bound).
      const need = (k: number) => {
        if (Number.isFinite(ms.shortfall_m[k])) return ms.shortfall_m[k];
        const r = Math.floor(k / grid.nLon);
        const dy = (field.goalR - r) * grid.rowStep_m[r];
        const dx = (field.goalC - (k - r * grid.nLon)) * grid.colStep_m[r];
        return ms.distance_m[k] - usable((Math.atan2(dx, dy) * 180) / Math.PI);
      };
      let nearestSafe = -1;
      let nearestNeed = Number.POSITIVE_INFINITY;
      for (let k = 0; k < safe.length; k++) {
        if (!safe[k] || ms.distance_m[k] < minDistance || (blocked?.[k] ?? 0)) continue;
        const v = need(k);
        if (v < nearestNeed) {
          nearestNeed = v;
          nearestSafe = k;
        }
      }
      const anyMissile = ms.inside.some((v) => v === 1);
      const anySafe = safe.some((v) => v === 1);
      // No safe node on the grid: march out from the target (towards the entry, else away from
      // the nearest site) to the first point the aircraft could hold at this altitude.
      let beyond: LarPoint | null = null;
      if (!anySafe) {
        const from = entry ?? awayFromSites(target, sams);
        const az = geodesicInverse(
          target.lat_deg,
          target.lon_deg,
          from.lat_deg,
          from.lon_deg,
        ).azi1_deg;
        for (let d = cell_m; d <= 2_000_000; d += cell_m) {
          const q = geodesicDirect(target.lat_deg, target.lon_deg, az, d);
          const agl = c.alt_m - groundAt(q.lat_deg, q.lon_deg);
          if (sams.some((t) => inDanger(t, margin_m, q.lat_deg, q.lon_deg, c.alt_m, agl))) continue;
          const use = usable(az + 180);
          beyond = {
            lat_deg: q.lat_deg,
            lon_deg: q.lon_deg,
            distance_m: d,
            routeLength_m: d,
            usable_m: use,
          };
          break;
        }
      }
      const reason = !anyMissile
        ? `no release point on the ${Math.round((2 * half) / 1000)} km grid reaches the target within the usable range (${(maxUsable / 1000).toFixed(0)} km)`
        : !anySafe
          ? `no release point within the missile's reach keeps the aircraft at ${Math.round(c.alt_m).toLocaleString("en-US")} m ${(margin_m / 1000).toFixed(0)} km outside every envelope that sees it${beyond ? `; the nearest that would (towards ${entry ? "the entry" : "open air"}) is ${(beyond.distance_m / 1000).toFixed(0)} km from the target, ${((beyond.distance_m - beyond.usable_m) / 1000).toFixed(0)} km beyond the missile's usable range` : ""}`
          : nearestSafe >= 0
            ? `no release point is both in the missile's reach and safe for the aircraft: from the nearest safe point the route is at least ${(nearestNeed / 1000).toFixed(1)} km longer than the usable range`
            : "no release point is both in the missile's reach and safe for the aircraft";
      if (beyond) nearestSafe = -1;
      empty = { reason, nearest: nearestSafe >= 0 ? point(nearestSafe) : beyond };
    }
    return {
      alt_m: c.alt_m,
      tas_mps: c.tas_mps,
      mach: c.mach,
      reach: table,
      usableMin_m: (1 - reserve) * Math.min(...table.range_m),
      usableMax_m: (1 - reserve) * Math.max(...table.range_m),
      minDistance_m: minDistance,
      turnRadius_m: turnRadius,
      rasters: { missile: ms.inside, aircraft: safe, acceptable },
      polygons: {
        missile: toLonLat(grid, regionPolygons(ms.inside, grid.nLat, grid.nLon)),
        aircraft: toLonLat(grid, regionPolygons(safe, grid.nLat, grid.nLon)),
        acceptable: toLonLat(grid, regionPolygons(acceptable, grid.nLat, grid.nLon)),
      },
      area_m2: {
        missile: rasterArea_m2(grid, ms.inside),
        aircraft: rasterArea_m2(grid, safe),
        acceptable: rasterArea_m2(grid, acceptable),
      },
      nearest: pts.nearest >= 0 ? point(pts.nearest) : null,
      farthest: pts.farthest >= 0 ? point(pts.farthest) : null,
      recommended,
      through,
      empty,
    };
  });

  return {
    file,
    name: s.name,
    missile: p.missile.name,
    aircraft,
    target: { name: T.name, lat_deg: T.lat_deg, lon_deg: T.lon_deg },
    entry,
    cruise: { alt_m: cruiseAlt, agl_m: p.cruise.agl_m ?? null, mach: p.cruise.mach },
    reserveFraction: reserve,
    margin_m,
    grid,
    cell_m,
    terrain,
    sams: sams.map((t) => ({
      name: t.name,
      lat_deg: t.lat_deg,
      lon_deg: t.lon_deg,
      maxRange_m: t.envelope.max_range_m,
    })),
    noFly: settings.noFly,
    conditions: results,
    field,
    planner,
    maxSegment_m: maxSegment,
    missileTurnRadius_m: missileTurn,
  };
}
