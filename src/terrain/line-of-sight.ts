/**
 * Line of sight over terrain with the Earth's curvature and standard atmospheric refraction: the
 * ray is straight over an Earth of effective radius k·R (k = 4/3, the "4/3-Earth" model of radar
 * propagation; Skolnik, "Introduction to Radar Systems", §8.2, and Federal Standard 1037C, "radar
 * line-of-sight equation"). The ray's height above the sea at fraction s of the way is
 * h1 + (h2 − h1)·s − d²·s·(1 − s)/(2·k·R), and the terrain must stay below it everywhere.
 */

import type { ElevationGrid } from "./elevation-grid.js";

/** Mean Earth radius, m, and the standard refraction factor. */
export const EARTH_RADIUS_M = 6_371_000;
export const REFRACTION_K = 4 / 3;

/** Radar horizon distance (m) between heights h1 and h2 (m above a smooth Earth): √(2kRh1) + √(2kRh2). */
export function radarHorizon_m(h1_m: number, h2_m: number, k = REFRACTION_K): number {
  const r = 2 * k * EARTH_RADIUS_M;
  return Math.sqrt(r * Math.max(0, h1_m)) + Math.sqrt(r * Math.max(0, h2_m));
}

/** Great-circle distance (m) between two points (degrees) on the mean sphere (haversine). */
export function surfaceDistance_m(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const d2r = Math.PI / 180;
  const dLat = (lat2 - lat1) * d2r;
  const dLon = (lon2 - lon1) * d2r;
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * d2r) * Math.cos(lat2 * d2r) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * True when a point at h2_m (m above the ellipsoid) is visible from one at h1_m over the terrain,
 * checking the ray every `step_m` metres (no allocation; a straight interpolation in latitude and
 * longitude, accurate over the few hundred kilometres a radar sees).
 */
export function lineOfSight(
  terrain: ElevationGrid,
  lat1: number,
  lon1: number,
  h1_m: number,
  lat2: number,
  lon2: number,
  h2_m: number,
  step_m = 100,
  k = REFRACTION_K,
): boolean {
  const d = surfaceDistance_m(lat1, lon1, lat2, lon2);
  const n = Math.max(1, Math.ceil(d / step_m));
  const bulge = (d * d) / (2 * k * EARTH_RADIUS_M);
  for (let i = 1; i < n; i++) {
    const s = i / n;
    const ray = h1_m + (h2_m - h1_m) * s - bulge * s * (1 - s);
    if (terrain.heightAt(lat1 + (lat2 - lat1) * s, lon1 + (lon2 - lon1) * s) >= ray) return false;
  }
  return true;
}
