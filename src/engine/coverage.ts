/**
 * One radar's coverage at the flight height: over a box round the site, which points at the
 * scenario's cruise height (above the sea, or above the ground under the point for AGL) the radar
 * both sees over the terrain and reaches within its detection range. Line of sight is the
 * defence model's own (terrain/site-visibility.ts: the site's viewshed on the 4/3-Earth model,
 * smooth Earth beyond the grid), so the map shows exactly where a run's radar can see the missile.
 */

import type { ElevationGrid } from "../terrain/elevation-grid.js";
import { EARTH_RADIUS_M, surfaceDistance_m } from "../terrain/line-of-sight.js";
import { SiteVisibility, ViewshedCache } from "../terrain/site-visibility.js";

/** A radar site and the height it is asked about. */
export interface CoverageSite {
  readonly lat_deg: number;
  readonly lon_deg: number;
  /** Antenna height above the ground, m. */
  readonly mast_m: number;
  /** Antenna height above the ellipsoid, m, when given so (a free-standing jammer); else the mast. */
  readonly antennaAlt_m?: number;
  /** Detection range, m (beyond it nothing is covered). */
  readonly radius_m: number;
  /** Cruise height, m, above the sea ("msl") or the ground under the point ("agl"). */
  readonly alt_m: number;
  readonly ref: "msl" | "agl";
}

/** A coverage raster: rows from the north, 1 where covered, over its box in degrees. */
export interface Coverage {
  readonly width: number;
  readonly height: number;
  readonly covered: Uint8Array;
  readonly south: number;
  readonly west: number;
  readonly north: number;
  readonly east: number;
}

/** The box (degrees) of a circle of radius_m round a point. */
export function ringBox(
  lat_deg: number,
  lon_deg: number,
  radius_m: number,
): { south: number; west: number; north: number; east: number } {
  const dLat = (radius_m / EARTH_RADIUS_M) * (180 / Math.PI);
  const dLon = dLat / Math.max(0.01, Math.cos((lat_deg * Math.PI) / 180));
  return {
    south: lat_deg - dLat,
    north: lat_deg + dLat,
    west: lon_deg - dLon,
    east: lon_deg + dLon,
  };
}

/** Height (m above the ellipsoid) of the cruise at a point. */
export function cruiseAlt_m(
  terrain: ElevationGrid | null,
  s: CoverageSite,
  lat_deg: number,
  lon_deg: number,
): number {
  if (s.ref === "msl") return s.alt_m;
  return s.alt_m + (terrain ? terrain.heightAt(lat_deg, lon_deg) : 0);
}

/**
 * The site's coverage at the cruise height on a px × px raster over its ring's box: for a radar
 * where it detects the missile, for a GNSS jammer where it reaches the receiver (both line of
 * sight over the terrain within the ring, as the run models them).
 */
export function radarCoverage(
  terrain: ElevationGrid | null,
  s: CoverageSite,
  px: number,
  cache: ViewshedCache = new ViewshedCache(1),
): Coverage {
  const box = ringBox(s.lat_deg, s.lon_deg, s.radius_m);
  const ground = terrain ? terrain.heightAt(s.lat_deg, s.lon_deg) : 0;
  const mast = s.antennaAlt_m === undefined ? s.mast_m : Math.max(0, s.antennaAlt_m - ground);
  const vis = new SiteVisibility(terrain, s.lat_deg, s.lon_deg, mast, cache);
  const covered = new Uint8Array(px * px);
  for (let y = 0; y < px; y++) {
    const lat = box.north - ((y + 0.5) / px) * (box.north - box.south);
    for (let x = 0; x < px; x++) {
      const lon = box.west + ((x + 0.5) / px) * (box.east - box.west);
      if (surfaceDistance_m(s.lat_deg, s.lon_deg, lat, lon) > s.radius_m) continue;
      if (vis.visible(lat, lon, cruiseAlt_m(terrain, s, lat, lon))) covered[y * px + x] = 1;
    }
  }
  return { width: px, height: px, covered, ...box };
}
