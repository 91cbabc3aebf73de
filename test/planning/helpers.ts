/** Shared fixtures of the planning tests: a flat-ground defence and route checks. */

import { geodesicPoints } from "../../src/earth/geodesic.js";
import { pointInPolygon } from "../../src/earth/polygon.js";
import { buildExposureMap, prepareRadars } from "../../src/planning/cost-map.js";
import { type NoFlyArea, rasteriseNoFly } from "../../src/planning/no-fly.js";
import { planningGrid } from "../../src/planning/planning-grid.js";
import type { LatLon } from "../../src/planning/route-search.js";
import { RoutePlanner } from "../../src/planning/route-search.js";
import { flyByArcPoints } from "../../src/planning/smoothing.js";
import { ViewshedCache } from "../../src/terrain/site-visibility.js";
import type { AirDefenceParams } from "../../src/threats/air-defence.js";
import { LONG_RANGE_SEARCH_RADAR } from "../../src/threats/presets.js";
import { NOTIONAL_STEALTHY_RCS } from "../../src/threats/rcs.js";

/** One search radar (network "n") per position, on flat ground. */
export function searchRadars(sites: readonly LatLon[]): AirDefenceParams {
  return {
    update_s: 1,
    rcs: NOTIONAL_STEALTHY_RCS,
    sams: [],
    searchRadars: sites.map((s, i) => ({
      name: `radar ${i}`,
      lat_deg: s.lat_deg,
      lon_deg: s.lon_deg,
      radar: LONG_RANGE_SEARCH_RADAR.radar,
      network: "n",
    })),
  };
}

/** A planner over flat ground at sea level: box 9.5–10.5° N, 19.8–23° E, 1 km cells. */
export function flatPlanner(
  defence: AirDefenceParams,
  noFly: readonly NoFlyArea[] = [],
  agl_m = 100,
  margin_m = 1000,
): RoutePlanner {
  const grid = planningGrid(9.3, 19.8, 10.7, 23, 1000);
  const radars = prepareRadars(defence, null, new ViewshedCache(), { agl_m });
  const map = buildExposureMap(grid, radars, null, { agl_m });
  const blocked = noFly.length > 0 ? rasteriseNoFly(grid, noFly, margin_m) : null;
  return new RoutePlanner(map, blocked);
}

/** Does any point of the flown route (legs every 100 m, fly-by arcs) fall inside a polygon? */
export function routeEntersArea(
  wps: readonly LatLon[],
  area: NoFlyArea,
  turnRadius_m: number,
  legDistances_m: readonly number[],
): boolean {
  for (let i = 0; i + 1 < wps.length; i++) {
    const a = wps[i];
    const b = wps[i + 1];
    const pts = geodesicPoints(
      a.lat_deg,
      a.lon_deg,
      b.lat_deg,
      b.lon_deg,
      0,
      legDistances_m[i],
      100,
    );
    for (const p of pts) if (pointInPolygon(p.lat_deg, p.lon_deg, area.polygon)) return true;
  }
  for (let k = 1; k + 1 < wps.length; k++) {
    for (const p of flyByArcPoints(wps, k, turnRadius_m))
      if (pointInPolygon(p.lat_deg, p.lon_deg, area.polygon)) return true;
  }
  return false;
}
