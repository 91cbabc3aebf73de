/**
 * Where a mission's named places really are, for the map writers (report, GeoJSON, CZML): launch,
 * waypoints and aimpoint under the scenario's own names, the planned route as the guidance flies
 * it, and the air-defence sites on the ground. All heights are geodetic (m above the WGS-84
 * ellipsoid): a waypoint held at a height above the ground sits that far above the terrain under
 * it, not above the flat ground_m that its params' alt_m assumes.
 */

import { geodesicInverse, geodesicPoints } from "../earth/geodesic.js";
import type { MissionParams } from "../mission/mission-params.js";
import type { MissionResult } from "../mission/simulate.js";
import type { NamedPoint } from "../report/report-data.js";
import type { AirDefenceParams } from "../threats/air-defence.js";
import type { CzmlGeoPoint, CzmlSite } from "./czml.js";

/** The parts of a mission's params that place its points. */
export type RouteParams = Pick<
  MissionParams,
  "release" | "waypoints" | "cruise" | "aimpoint" | "terrain" | "ground_m"
>;

/** The terrain (or flat ground) height above the ellipsoid at a point, m. */
export function groundHeight_m(
  p: Pick<MissionParams, "terrain" | "ground_m">,
  lat_deg: number,
  lon_deg: number,
): number {
  return p.terrain ? p.terrain.heightAt(lat_deg, lon_deg) : p.ground_m;
}

/** A commanded height at a point: above the ground there when agl_m is set, else alt_m; m. */
function commandedHeight_m(
  p: Pick<MissionParams, "terrain" | "ground_m">,
  cmd: { readonly alt_m: number; readonly agl_m?: number | null | undefined },
  lat_deg: number,
  lon_deg: number,
): number {
  return cmd.agl_m === null || cmd.agl_m === undefined
    ? cmd.alt_m
    : groundHeight_m(p, lat_deg, lon_deg) + cmd.agl_m;
}

/** Launch, waypoints and aimpoint of a mission, named as in the scenario, heights geodetic. */
export function missionPoints(
  p: RouteParams,
  r: { readonly summary: Pick<MissionResult["summary"], "impact_lat_deg" | "impact_lon_deg"> },
): { launch: NamedPoint; waypoints: NamedPoint[]; aimpoint: NamedPoint } {
  const rel = p.release;
  const s = r.summary;
  return {
    launch: {
      name: `release (${rel.platform})`,
      lat_deg: rel.lat_deg,
      lon_deg: rel.lon_deg,
      alt_m: rel.alt_m,
    },
    waypoints: p.waypoints.map((w) => ({
      name: w.name,
      lat_deg: w.lat_deg,
      lon_deg: w.lon_deg,
      alt_m: commandedHeight_m(p, w, w.lat_deg, w.lon_deg),
    })),
    aimpoint: p.aimpoint
      ? {
          name: p.aimpoint.name ?? "aimpoint",
          lat_deg: p.aimpoint.lat_deg,
          lon_deg: p.aimpoint.lon_deg,
          alt_m: p.aimpoint.alt_m,
        }
      : {
          name: "end",
          lat_deg: s.impact_lat_deg,
          lon_deg: s.impact_lon_deg,
          alt_m: groundHeight_m(p, s.impact_lat_deg, s.impact_lon_deg),
        },
  };
}

/** Spacing of the drawn route's points, m: finer than the relief a 90 m route follows matters. */
const ROUTE_SPACING_M = 1000;

/**
 * The planned route as the guidance commands it, every spacing_m along the geodesic legs: each
 * leg at the height of the waypoint it ends at (as route-path.ts assigns it), above the terrain
 * under each point when that is a height above the ground, the leg to the aimpoint at the last
 * waypoint's height, and the first leg descending evenly from the release height. Ends at the
 * aimpoint. Fly-by arcs are not drawn: the route passes through its waypoints.
 */
export function plannedRoutePoints(p: RouteParams, spacing_m = ROUTE_SPACING_M): CzmlGeoPoint[] {
  const rel = p.release;
  const last = p.waypoints.at(-1);
  const legEnds = [
    ...p.waypoints,
    ...(p.aimpoint
      ? [
          {
            lat_deg: p.aimpoint.lat_deg,
            lon_deg: p.aimpoint.lon_deg,
            alt_m: last?.alt_m ?? p.cruise.alt_m,
            agl_m: last ? last.agl_m : p.cruise.agl_m,
          },
        ]
      : []),
  ];
  const out: CzmlGeoPoint[] = [{ lat_deg: rel.lat_deg, lon_deg: rel.lon_deg, alt_m: rel.alt_m }];
  let from: { lat_deg: number; lon_deg: number } = rel;
  legEnds.forEach((to, k) => {
    const d = geodesicInverse(from.lat_deg, from.lon_deg, to.lat_deg, to.lon_deg).distance_m;
    const pts = geodesicPoints(from.lat_deg, from.lon_deg, to.lat_deg, to.lon_deg, 0, d, spacing_m);
    for (let i = 1; i < pts.length; i++) {
      const { lat_deg, lon_deg } = pts[i];
      let alt_m = commandedHeight_m(p, to, lat_deg, lon_deg);
      if (k === 0) {
        const f = i / (pts.length - 1);
        alt_m = (1 - f) * rel.alt_m + f * alt_m;
      }
      out.push({ lat_deg, lon_deg, alt_m });
    }
    from = to;
  });
  if (p.aimpoint) {
    // The dive: the last point is the aimpoint itself, on the ground.
    out[out.length - 1] = {
      lat_deg: p.aimpoint.lat_deg,
      lon_deg: p.aimpoint.lon_deg,
      alt_m: p.aimpoint.alt_m,
    };
  }
  return out;
}

/** The air defence's search radars and SAM sites on the ground, SAMs with their envelopes. */
export function defenceSites(
  p: Pick<MissionParams, "terrain" | "ground_m">,
  defence: AirDefenceParams | null,
): CzmlSite[] {
  if (!defence) return [];
  return [
    ...defence.searchRadars.map((r) => ({
      name: r.name,
      kind: "search radar",
      lat_deg: r.lat_deg,
      lon_deg: r.lon_deg,
      ground_m: groundHeight_m(p, r.lat_deg, r.lon_deg),
      envelope: null,
    })),
    ...defence.sams.map((s) => ({
      name: s.name,
      kind: s.preset,
      lat_deg: s.lat_deg,
      lon_deg: s.lon_deg,
      ground_m: groundHeight_m(p, s.lat_deg, s.lon_deg),
      envelope: {
        max_range_m: s.params.envelope.max_range_m,
        min_alt_m: s.params.envelope.min_alt_m,
        max_alt_m: s.params.envelope.max_alt_m,
      },
    })),
  ];
}
