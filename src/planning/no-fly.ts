/** No-fly areas on the planning grid: polygons rasterised to blocked cells with a margin. */

import { RAD_PER_DEG } from "../core/units.js";
import { pointInPolygon } from "../earth/polygon.js";
import { EARTH_RADIUS_M } from "../terrain/line-of-sight.js";
import {
  colLon,
  latRow,
  lonCol,
  metresPerDegLat,
  metresPerDegLon,
  type PlanningGrid,
  rowLat,
} from "./planning-grid.js";

/** A no-fly area: a polygon of [lat, lon] vertices (degrees), edges straight in latitude and longitude. */
export interface NoFlyArea {
  readonly name: string;
  readonly polygon: readonly (readonly [number, number])[];
}

/** Does the segment (y0,x0)–(y1,x1) meet the axis-aligned box [ya,yb]×[xa,xb]? (Liang–Barsky clip.) */
function segmentMeetsBox(
  y0: number,
  x0: number,
  y1: number,
  x1: number,
  ya: number,
  yb: number,
  xa: number,
  xb: number,
): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = x1 - x0;
  const dy = y1 - y0;
  const p = [-dx, dx, -dy, dy];
  const q = [x0 - xa, xb - x0, y0 - ya, yb - y0];
  for (let i = 0; i < 4; i++) {
    if (p[i] === 0) {
      if (q[i] < 0) return false;
    } else {
      const t = q[i] / p[i];
      if (p[i] < 0) {
        if (t > t1) return false;
        if (t > t0) t0 = t;
      } else {
        if (t < t0) return false;
        if (t < t1) t1 = t;
      }
    }
  }
  return true;
}

/**
 * The blocked mask (1 = blocked) of no-fly areas on the grid, conservative: a cell is blocked when
 * its square grown by margin_m on every side touches a polygon. So a straight segment that only
 * passes through unblocked cells stays at least margin_m from every area, which covers the
 * departure of the flown geodesic from the straight (lat, lon) segment (see maxSegmentFor).
 */
export function rasteriseNoFly(
  g: PlanningGrid,
  areas: readonly NoFlyArea[],
  margin_m: number,
  out: Uint8Array = new Uint8Array(g.nLat * g.nLon),
): Uint8Array {
  for (const a of areas) {
    const poly = a.polygon;
    if (poly.length < 3) throw new RangeError(`no-fly area ${a.name}: needs at least 3 vertices`);
    let s = Number.POSITIVE_INFINITY;
    let n = Number.NEGATIVE_INFINITY;
    let w = Number.POSITIVE_INFINITY;
    let e = Number.NEGATIVE_INFINITY;
    for (const [la, lo] of poly) {
      s = Math.min(s, la);
      n = Math.max(n, la);
      w = Math.min(w, lo);
      e = Math.max(e, lo);
    }
    const mLat = metresPerDegLat(0.5 * (s + n));
    const padLat = margin_m / mLat + 0.5 * g.dLat_deg;
    const r0 = Math.max(0, Math.floor(latRow(g, s - padLat)));
    const r1 = Math.min(g.nLat - 1, Math.ceil(latRow(g, n + padLat)));
    for (let r = r0; r <= r1; r++) {
      const lat = rowLat(g, r);
      const hy = 0.5 * g.dLat_deg + margin_m / metresPerDegLat(lat);
      const hx = 0.5 * g.dLon_deg + margin_m / metresPerDegLon(lat);
      const c0 = Math.max(0, Math.floor(lonCol(g, w - hx)));
      const c1 = Math.min(g.nLon - 1, Math.ceil(lonCol(g, e + hx)));
      for (let c = c0; c <= c1; c++) {
        const k = r * g.nLon + c;
        if (out[k]) continue;
        const lon = colLon(g, c);
        // Box touches polygon: its centre inside, or an edge crosses it (covers vertices inside).
        let hit = pointInPolygon(lat, lon, poly);
        for (let i = 0, j = poly.length - 1; !hit && i < poly.length; j = i++) {
          hit = segmentMeetsBox(
            poly[j][0],
            poly[j][1],
            poly[i][0],
            poly[i][1],
            lat - hy,
            lat + hy,
            lon - hx,
            lon + hx,
          );
        }
        if (hit) out[k] = 1;
      }
    }
  }
  return out;
}

/**
 * Longest straight grid segment (m) whose flown geodesic departs from it by at most margin_m / 2
 * anywhere on the grid: the sagitta of an east–west geodesic between points at latitude φ is
 * about L²·|tan φ|/(8R), largest at the grid's highest |latitude|.
 */
export function maxSegmentFor(g: PlanningGrid, margin_m: number): number {
  const latMax = Math.max(Math.abs(g.lat0_deg), Math.abs(g.lat0_deg + (g.nLat - 1) * g.dLat_deg));
  const t = Math.tan(Math.min(latMax, 85) * RAD_PER_DEG);
  if (t < 1e-6) return Number.POSITIVE_INFINITY;
  return Math.sqrt((8 * EARTH_RADIUS_M * 0.5 * margin_m) / t);
}
