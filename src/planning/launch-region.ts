/**
 * The launch acceptability region on the planning grid, as rasters (1 = inside, per node): the
 * missile side from the cost-to-go field (cost-to-go.ts) against the range the vehicle model gives
 * for the release condition (mission/reach-table.ts), the aircraft side from aircraft-exposure.ts,
 * and the figures a user asks of the result: area, the release points nearest to and farthest from
 * the target, and a recommended point, the acceptable node farthest from the region's edge
 * (largest distance to the nearest unacceptable node, by an exact Euclidean distance transform),
 * i.e. the release point that tolerates the largest error in where the release happens.
 */

import type { CostToGo } from "./cost-to-go.js";
import type { PlanningGrid } from "./planning-grid.js";

/** The missile side: where the planned route fits the usable range. */
export interface MissileSide {
  /** 1 where the route fits and the target is beyond the minimum engagement distance. */
  readonly inside: Uint8Array;
  /** Route length less the usable range along the way to the target, m (+∞: no route). */
  readonly shortfall_m: Float32Array;
  /** Straight distance to the target, m. */
  readonly distance_m: Float32Array;
}

/**
 * Missile side of the region: node inside when its route length ≤ usable(azimuth to the goal) and
 * its straight distance to the goal ≥ minDistance_m (the minimum engagement distance).
 */
export function missileSide(
  f: CostToGo,
  usable_m: (azimuth_deg: number) => number,
  minDistance_m: number,
): MissileSide {
  const { nLat, nLon } = f.grid;
  const n = nLat * nLon;
  const inside = new Uint8Array(n);
  const shortfall = new Float32Array(n);
  const dist = new Float32Array(n);
  const g = f.grid;
  for (let r = 0; r < nLat; r++) {
    const dy = (f.goalR - r) * g.rowStep_m[r];
    for (let c = 0; c < nLon; c++) {
      const k = r * nLon + c;
      const dx = (f.goalC - c) * g.colStep_m[r];
      const d = Math.hypot(dx, dy);
      dist[k] = d;
      const len = f.length_m[k];
      if (!Number.isFinite(len)) {
        shortfall[k] = Number.POSITIVE_INFINITY;
        continue;
      }
      const az = (Math.atan2(dx, dy) * 180) / Math.PI;
      shortfall[k] = len - usable_m(az);
      inside[k] = shortfall[k] <= 0 && d >= minDistance_m ? 1 : 0;
    }
  }
  return { inside, shortfall_m: shortfall, distance_m: dist };
}

/** Node-wise AND of rasters. */
export function intersect(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let k = 0; k < a.length; k++) out[k] = a[k] && b[k] ? 1 : 0;
  return out;
}

/** Area of the nodes set in a raster, m² (each node's cell: its row step × column step). */
export function rasterArea_m2(g: PlanningGrid, inside: Uint8Array): number {
  let a = 0;
  for (let r = 0; r < g.nLat; r++) {
    let cnt = 0;
    for (let c = 0; c < g.nLon; c++) cnt += inside[r * g.nLon + c];
    a += cnt * g.rowStep_m[r] * g.colStep_m[r];
  }
  return a;
}

/** 1-D squared Euclidean distance transform (Felzenszwalb and Huttenlocher 2012), in place on f. */
function edt1d(f: Float64Array, n: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = 0;
  v[0] = 0;
  z[0] = Number.NEGATIVE_INFINITY;
  z[1] = Number.POSITIVE_INFINITY;
  for (let q = 1; q < n; q++) {
    let s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    while (s <= z[k]) {
      k--;
      s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Number.POSITIVE_INFINITY;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1] < q) k++;
    const p = v[k];
    d[q] = (q - p) * (q - p) + f[p];
  }
  for (let q = 0; q < n; q++) f[q] = d[q];
}

/**
 * Distance (m) from each inside node to the nearest outside node or the grid's edge, on a plane
 * with the grid's middle-row scales (exact Euclidean transform, separable in rows and columns).
 */
export function distanceToEdge_m(g: PlanningGrid, inside: Uint8Array): Float64Array {
  const { nLat, nLon } = g;
  const mid = Math.floor(nLat / 2);
  const sy = g.rowStep_m[mid];
  const sx = g.colStep_m[mid];
  // Larger than any squared distance in cells, small enough to keep q² in its precision.
  const BIG = 1e12;
  // Padded by one node of "outside" all round, so the grid's edge counts as outside.
  const H = nLat + 2;
  const W = nLon + 2;
  const f = new Float64Array(H * W);
  for (let r = 1; r <= nLat; r++) {
    for (let c = 1; c <= nLon; c++) f[r * W + c] = inside[(r - 1) * nLon + (c - 1)] ? BIG : 0;
  }
  const m = Math.max(H, W);
  const line = new Float64Array(m);
  const d = new Float64Array(m);
  const v = new Int32Array(m);
  const z = new Float64Array(m + 1);
  const ratio = (sx * sx) / (sy * sy);
  // Along rows in column steps (every padded row has an outside node), then along columns in row steps.
  for (let r = 0; r < H; r++) {
    for (let c = 0; c < W; c++) line[c] = f[r * W + c];
    edt1d(line, W, d, v, z);
    for (let c = 0; c < W; c++) f[r * W + c] = line[c] * ratio;
  }
  for (let c = 0; c < W; c++) {
    for (let r = 0; r < H; r++) line[r] = f[r * W + c];
    edt1d(line, H, d, v, z);
    for (let r = 0; r < H; r++) f[r * W + c] = line[r];
  }
  const out = new Float64Array(nLat * nLon);
  for (let r = 0; r < nLat; r++) {
    for (let c = 0; c < nLon; c++) out[r * nLon + c] = Math.sqrt(f[(r + 1) * W + (c + 1)]) * sy;
  }
  return out;
}

/** Notable nodes of a region (−1 when the region is empty). */
export interface RegionPoints {
  /** Inside nodes nearest to and farthest from the target (straight distance). */
  readonly nearest: number;
  readonly farthest: number;
  /** The inside node farthest from the region's edge (ties: the shorter distance to the target). */
  readonly recommended: number;
  /** Its distance to the edge, m. */
  readonly depth_m: number;
}

/** Nearest, farthest and recommended nodes of a region; distance_m per node to the target. */
export function regionPoints(
  g: PlanningGrid,
  inside: Uint8Array,
  distance_m: Float32Array,
): RegionPoints {
  let nearest = -1;
  let farthest = -1;
  for (let k = 0; k < inside.length; k++) {
    if (!inside[k]) continue;
    if (nearest < 0 || distance_m[k] < distance_m[nearest]) nearest = k;
    if (farthest < 0 || distance_m[k] > distance_m[farthest]) farthest = k;
  }
  if (nearest < 0) return { nearest, farthest, recommended: -1, depth_m: 0 };
  const depth = distanceToEdge_m(g, inside);
  let rec = -1;
  for (let k = 0; k < inside.length; k++) {
    if (!inside[k]) continue;
    if (
      rec < 0 ||
      depth[k] > depth[rec] + 1e-6 ||
      (Math.abs(depth[k] - depth[rec]) <= 1e-6 && distance_m[k] < distance_m[rec])
    )
      rec = k;
  }
  return { nearest, farthest, recommended: rec, depth_m: depth[rec] };
}
