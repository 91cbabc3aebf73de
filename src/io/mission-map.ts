/**
 * The report map of a mission: the terrain, the flown track, the route points, each air-defence
 * site with its engagement range and the range at which it detects the missile nose-on (Pd 0.5
 * per look), the defence's events where they happened, and one coverage layer: where any radar
 * sees a missile at the planned height above the ground; and the no-fly areas, if any.
 */

import type { MissionParams } from "../mission/mission-params.js";
import type { MissionResult } from "../mission/simulate.js";
import type { NoFlyArea } from "../planning/no-fly.js";
import type { MapEvent, MapSite, TerrainMapInput } from "../report/terrain-map.js";
import type { ElevationGrid } from "../terrain/elevation-grid.js";
import type { ViewshedCache } from "../terrain/site-visibility.js";
import type { AirDefenceParams } from "../threats/air-defence.js";
import { rangeForPd } from "../threats/radar.js";
import { rcsAt } from "../threats/rcs.js";

/** Largest coverage layer side, samples (the map image is about this size anyway). */
const COVERAGE_MAX = 256;

/** Where any of the radars sees a target heightAboveGround_m above the terrain (1 = seen). */
export function coverage(
  terrain: ElevationGrid,
  defence: AirDefenceParams,
  cache: ViewshedCache,
  heightAboveGround_m: number,
): { visible: Uint8Array; nLat: number; nLon: number } {
  const nLat = Math.min(COVERAGE_MAX, terrain.nLat);
  const nLon = Math.min(COVERAGE_MAX, terrain.nLon);
  const visible = new Uint8Array(nLat * nLon);
  const radars = [
    ...defence.searchRadars.map((r) => ({ lat: r.lat_deg, lon: r.lon_deg, mast: r.radar.mast_m })),
    ...defence.sams.map((s) => ({ lat: s.lat_deg, lon: s.lon_deg, mast: s.params.radar.mast_m })),
  ];
  for (const r of radars) {
    // The same viewshed the flight used (ViewshedCache keys on position and mast).
    const shed = cache.get(terrain, r.lat, r.lon, r.mast);
    for (let I = 0; I < nLat; I++) {
      const i = Math.round((I * (terrain.nLat - 1)) / Math.max(1, nLat - 1));
      for (let J = 0; J < nLon; J++) {
        const j = Math.round((J * (terrain.nLon - 1)) / Math.max(1, nLon - 1));
        const k = i * terrain.nLon + j;
        if (shed[k] <= terrain.heights_m[k] + heightAboveGround_m) visible[I * nLon + J] = 1;
      }
    }
  }
  return { visible, nLat, nLon };
}

/** Map sites of an air defence: each radar with its nose-on Pd 0.5 range, each SAM also with its engagement range. */
export function defenceMapSites(defence: AirDefenceParams | null): MapSite[] {
  const noseRcs = defence ? rcsAt(defence.rcs, 0, 0) : 0;
  return defence
    ? [
        ...defence.searchRadars.map((s) => {
          const d = rangeForPd(s.radar, noseRcs, 0.5);
          return {
            name: s.name,
            lat_deg: s.lat_deg,
            lon_deg: s.lon_deg,
            kind: "search radar",
            rings_m: [{ radius_m: d, label: "nose-on Pd 0.5" }],
          };
        }),
        ...defence.sams.map((s) => {
          const d = rangeForPd(s.params.radar, noseRcs, 0.5);
          const e = s.params.envelope.max_range_m;
          return {
            name: s.name,
            lat_deg: s.lat_deg,
            lon_deg: s.lon_deg,
            kind: s.preset,
            rings_m: [
              { radius_m: e, label: "engagement" },
              { radius_m: d, label: "nose-on Pd 0.5" },
            ],
          };
        }),
      ]
    : [];
}

/** The map input for a finished mission, or undefined without terrain, defence or no-fly areas. */
export function missionMapInput(
  p: MissionParams,
  r: MissionResult,
  defence: AirDefenceParams | null,
  cache: ViewshedCache | null,
  noFly: readonly NoFlyArea[] = [],
): TerrainMapInput | undefined {
  if (!p.terrain && !defence && noFly.length === 0) return undefined;
  const sites = defenceMapSites(defence);
  const events: MapEvent[] = [];
  for (const e of r.events) {
    if (!e.source || !e.data) continue;
    const { lat_deg, lon_deg } = e.data;
    if (lat_deg === undefined || lon_deg === undefined) continue;
    events.push({ kind: e.kind, lat_deg, lon_deg, t_s: e.t_s, label: e.message });
  }
  const cruiseAgl =
    p.waypoints.find((w) => w.agl_m !== null && w.agl_m !== undefined)?.agl_m ??
    p.cruise.agl_m ??
    null;
  const height = cruiseAgl ?? 100;
  return {
    terrain: p.terrain,
    track: { lat_deg: r.samples.column("lat_deg"), lon_deg: r.samples.column("lon_deg") },
    sites,
    events,
    points: [
      { name: "release", lat_deg: p.release.lat_deg, lon_deg: p.release.lon_deg },
      ...p.waypoints.map((w) => ({ name: w.name, lat_deg: w.lat_deg, lon_deg: w.lon_deg })),
      ...(p.aimpoint
        ? [{ name: "aimpoint", lat_deg: p.aimpoint.lat_deg, lon_deg: p.aimpoint.lon_deg }]
        : []),
    ],
    ...(noFly.length > 0
      ? { areas: noFly.map((a) => ({ name: `no-fly: ${a.name}`, polygon: a.polygon })) }
      : {}),
    ...(p.terrain && defence && cache
      ? {
          coverage: [
            {
              site: `a radar at ${height.toFixed(0)} m above ground`,
              ...coverage(p.terrain, defence, cache, height),
            },
          ],
        }
      : {}),
  };
}
