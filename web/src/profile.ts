/**
 * The vertical profile of a flight: its altitude and the terrain under it against the distance
 * flown, and for each radar the stretches where it has line of sight to the missile (terrain
 * sampled along the sight line from the antenna, on the 4/3-Earth model the simulation's
 * viewsheds use). A guide drawn from the page's coarser terrain grid, not the run's own record.
 */

import type { MapFeatures } from "./api.js";
import { distance_m } from "./geo.js";
import { type Grid, gridHeight } from "./replay.js";

/** Effective Earth radius for radar propagation, m (4/3 of 6,371 km). */
const R_EFF = (4 / 3) * 6_371_008.8;

/** Whether an antenna (lat, lon, height m) sees a point (lat, lon, alt m) over the grid's terrain. */
export function inSight(
  g: Grid,
  a: { lat: number; lon: number; h: number },
  p: { lat: number; lon: number; h: number },
  steps = 64,
): boolean {
  const d = distance_m(a.lat, a.lon, p.lat, p.lon);
  for (let k = 1; k < steps; k++) {
    const f = k / steps;
    const lat = a.lat + f * (p.lat - a.lat);
    const lon = a.lon + f * (p.lon - a.lon);
    // Height of the straight sight line above the curved surface at this point.
    const x = f * d;
    const line = a.h + f * (p.h - a.h) - (x * (d - x)) / (2 * R_EFF);
    if (gridHeight(g, lat, lon) > line) return false;
  }
  return true;
}

/** Series for the profile chart: terrain under the track and, per radar, altitude where in sight. */
export function profileSeries(
  g: Grid,
  f: MapFeatures,
  lat: Float64Array,
  lon: Float64Array,
  alt: Float64Array,
): { terrain: Float64Array; radars: { name: string; values: (number | null)[] }[] } {
  const terrain = new Float64Array(lat.length);
  for (let i = 0; i < lat.length; i++) terrain[i] = gridHeight(g, lat[i], lon[i]);
  const radars = f.rings
    .filter((r) => r.kind === "detection")
    .map((r) => {
      const s = f.points[r.point];
      const a = {
        lat: s.lat_deg,
        lon: s.lon_deg,
        h: gridHeight(g, s.lat_deg, s.lon_deg) + (r.mast_m ?? 25),
      };
      const values = Array.from(alt, (h, i) => {
        const p = { lat: lat[i], lon: lon[i], h };
        if (distance_m(a.lat, a.lon, p.lat, p.lon) > r.radius_m) return null;
        return inSight(g, a, p) ? h : null;
      });
      return { name: s.name, values };
    });
  return { terrain, radars };
}
