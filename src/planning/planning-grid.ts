/**
 * The planner's geodetic grid: cells of a fixed size in metres (independent of the terrain grid),
 * rows of latitude and columns of longitude, with the WGS-84 metres per degree at each latitude, and
 * a coarsened copy of the terrain on the same cells.
 */

import { RAD_PER_DEG } from "../core/units.js";
import { WGS84_A_M, WGS84_F } from "../earth/ellipsoid.js";
import { ElevationGrid } from "../terrain/elevation-grid.js";

const E2 = WGS84_F * (2 - WGS84_F);

/** Metres per degree of latitude on the WGS-84 ellipsoid at latitude lat_deg. */
export function metresPerDegLat(lat_deg: number): number {
  const s = Math.sin(lat_deg * RAD_PER_DEG);
  const w = Math.sqrt(1 - E2 * s * s);
  return ((WGS84_A_M * (1 - E2)) / (w * w * w)) * RAD_PER_DEG;
}

/** Metres per degree of longitude on the WGS-84 ellipsoid at latitude lat_deg. */
export function metresPerDegLon(lat_deg: number): number {
  const s = Math.sin(lat_deg * RAD_PER_DEG);
  const w = Math.sqrt(1 - E2 * s * s);
  return (WGS84_A_M / w) * Math.cos(lat_deg * RAD_PER_DEG) * RAD_PER_DEG;
}

/**
 * A regular geodetic planning grid. Node (r, c) sits at lat0 + r·dLat, lon0 + c·dLon and owns the
 * cell ±half a spacing around it; arrays over the grid are row-major from the south, like
 * ElevationGrid. Fractional coordinates (r, c) address any point; segments between them are
 * straight in (lat, lon).
 */
export interface PlanningGrid {
  readonly lat0_deg: number;
  readonly lon0_deg: number;
  readonly dLat_deg: number;
  readonly dLon_deg: number;
  readonly nLat: number;
  readonly nLon: number;
  /** Metres per row step and per column step along each row (rows differ by latitude). */
  readonly rowStep_m: Float64Array;
  readonly colStep_m: Float64Array;
  /** Smallest column step over the grid, m (for distance lower bounds). */
  readonly minColStep_m: number;
}

/** A planning grid over a box (degrees) with cells about cell_m on a side at its middle latitude. */
export function planningGrid(
  south_deg: number,
  west_deg: number,
  north_deg: number,
  east_deg: number,
  cell_m: number,
): PlanningGrid {
  if (!(north_deg > south_deg && east_deg > west_deg && cell_m > 0)) {
    throw new RangeError("planning grid: need north > south, east > west and cell_m > 0");
  }
  const mid = 0.5 * (south_deg + north_deg);
  const dLat = cell_m / metresPerDegLat(mid);
  const dLon = cell_m / metresPerDegLon(mid);
  const nLat = Math.max(2, Math.ceil((north_deg - south_deg) / dLat) + 1);
  const nLon = Math.max(2, Math.ceil((east_deg - west_deg) / dLon) + 1);
  return gridFromSpacing(south_deg, west_deg, dLat, dLon, nLat, nLon);
}

/** A planning grid with the given origin (degrees), spacing (degrees) and size. */
export function gridFromSpacing(
  lat0_deg: number,
  lon0_deg: number,
  dLat_deg: number,
  dLon_deg: number,
  nLat: number,
  nLon: number,
): PlanningGrid {
  const rowStep = new Float64Array(nLat);
  const colStep = new Float64Array(nLat);
  let minCol = Number.POSITIVE_INFINITY;
  for (let r = 0; r < nLat; r++) {
    const lat = lat0_deg + r * dLat_deg;
    rowStep[r] = dLat_deg * metresPerDegLat(lat);
    colStep[r] = dLon_deg * metresPerDegLon(lat);
    if (colStep[r] < minCol) minCol = colStep[r];
  }
  return {
    lat0_deg,
    lon0_deg,
    dLat_deg,
    dLon_deg,
    nLat,
    nLon,
    rowStep_m: rowStep,
    colStep_m: colStep,
    minColStep_m: minCol,
  };
}

/** Latitude (degrees) of fractional row r. */
export function rowLat(g: PlanningGrid, r: number): number {
  return g.lat0_deg + r * g.dLat_deg;
}

/** Longitude (degrees) of fractional column c. */
export function colLon(g: PlanningGrid, c: number): number {
  return g.lon0_deg + c * g.dLon_deg;
}

/** Fractional row of latitude lat_deg. */
export function latRow(g: PlanningGrid, lat_deg: number): number {
  return (lat_deg - g.lat0_deg) / g.dLat_deg;
}

/** Fractional column of longitude lon_deg. */
export function lonCol(g: PlanningGrid, lon_deg: number): number {
  return (lon_deg - g.lon0_deg) / g.dLon_deg;
}

/**
 * Length (m) of the straight grid segment between fractional points, with the scales of its mean
 * row; within 0.1 % of the geodesic for segments of up to a few hundred kilometres.
 */
export function gridDistance_m(
  g: PlanningGrid,
  r0: number,
  c0: number,
  r1: number,
  c1: number,
): number {
  const k = Math.round(Math.min(g.nLat - 1, Math.max(0, 0.5 * (r0 + r1))));
  const dy = (r1 - r0) * g.rowStep_m[k];
  const dx = (c1 - c0) * g.colStep_m[k];
  return Math.sqrt(dy * dy + dx * dx);
}

/**
 * A copy of the terrain resampled onto the planning grid by the highest terrain sample inside each
 * planning cell (the bilinear height at the node where a cell holds none), for computing viewsheds
 * at the planning resolution. Cells off the terrain take its outside level. The maximum rather
 * than the mean keeps ridges at their crest height: against full-resolution viewsheds at 1 km
 * cells and 100 m above rough terrain it agreed slightly better than the mean (98.0 % vs 97.8 % of
 * cells on the same side of "half visible", total hazard +22 % vs +24 %; measured in
 * test/planning/cost-map.test.ts), and both err on the side of more exposure.
 */
export function coarsenTerrain(terrain: ElevationGrid, g: PlanningGrid): ElevationGrid {
  const n = g.nLat * g.nLon;
  const out = new Float32Array(n).fill(Number.NEGATIVE_INFINITY);
  const h = terrain.heights_m;
  for (let i = 0; i < terrain.nLat; i++) {
    const r = Math.round(latRow(g, terrain.lat0_deg + i * terrain.dLat_deg));
    if (r < 0 || r >= g.nLat) continue;
    for (let j = 0; j < terrain.nLon; j++) {
      const c = Math.round(lonCol(g, terrain.lon0_deg + j * terrain.dLon_deg));
      if (c < 0 || c >= g.nLon) continue;
      const k = r * g.nLon + c;
      const v = h[i * terrain.nLon + j];
      if (v > out[k]) out[k] = v;
    }
  }
  for (let r = 0; r < g.nLat; r++) {
    for (let c = 0; c < g.nLon; c++) {
      const k = r * g.nLon + c;
      if (out[k] === Number.NEGATIVE_INFINITY)
        out[k] = terrain.heightAt(rowLat(g, r), colLon(g, c));
    }
  }
  return new ElevationGrid(
    g.lat0_deg,
    g.lon0_deg,
    g.dLat_deg,
    g.dLon_deg,
    g.nLat,
    g.nLon,
    out,
    terrain.outside_m,
  );
}
