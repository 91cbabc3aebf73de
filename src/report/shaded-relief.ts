/**
 * The terrain under the map: a hypsometric shaded-relief raster of an elevation grid over a box,
 * as pixels or as a PNG. Heights are sampled with supersampling so a coarse map averages the grid
 * instead of aliasing it; sea (≤ 0 m) is blue and flat, land takes a height tint lit by a
 * hillshade with the sun in the north-west.
 */

import type { ElevationGrid } from "../terrain/elevation-grid.js";
import type { MapBounds } from "./map-input.js";
import { checkBounds, D2R, M_PER_DEG } from "./map-projection.js";
import { encodePng } from "./png.js";

/** Hypsometric tints (m → sRGB), after the usual topographic-map convention: greens to browns to white. */
const RAMP: readonly (readonly [number, number, number, number])[] = [
  [0, 172, 208, 165],
  [100, 148, 191, 139],
  [250, 189, 204, 150],
  [500, 225, 228, 181],
  [750, 239, 235, 192],
  [1000, 222, 214, 163],
  [1500, 202, 185, 130],
  [2000, 185, 152, 90],
  [2500, 170, 135, 83],
  [3000, 172, 154, 124],
  [4000, 202, 195, 184],
  [5000, 245, 244, 242],
];
/** Sea colour at 0 m and at DEEP_M and below (a grid with bathymetry gets darker with depth). */
export const SEA_SHALLOW = [166, 206, 227] as const;
const SEA_DEEP = [84, 142, 189] as const;
const DEEP_M = -4000;
/** Sun azimuth (from north, clockwise) and elevation: north-west, 45°, the cartographic convention. */
const SUN_AZ_DEG = 315;
const SUN_EL_DEG = 45;
/** Share of the light that is ambient (reaches even slopes facing away from the sun). */
const AMBIENT = 0.35;

/** Terrain colour for a height, m (sea for ≤ 0), written to out[o..o+2]. */
export function hypsometric(h: number, out: Uint8Array, o: number): void {
  if (h <= 0) {
    const f = Math.min(1, h / DEEP_M);
    for (let c = 0; c < 3; c++)
      out[o + c] = Math.round(SEA_SHALLOW[c] + f * (SEA_DEEP[c] - SEA_SHALLOW[c]));
    return;
  }
  let k = 1;
  while (k < RAMP.length - 1 && RAMP[k][0] < h) k++;
  const a = RAMP[k - 1];
  const b = RAMP[k];
  const f = Math.max(0, Math.min(1, (h - a[0]) / (b[0] - a[0])));
  for (let c = 0; c < 3; c++) out[o + c] = Math.round(a[c + 1] + f * (b[c + 1] - a[c + 1]));
}

/** Raster size for a box: square-ish pixels in the map projection, no finer than the grid, ≤ maxPx a side. */
function rasterSize(
  bounds: MapBounds,
  cellLat_deg: number,
  cellLon_deg: number,
  maxPx: number,
): { w: number; h: number } {
  const kx = Math.max(0.01, Math.cos(((bounds.lat0 + bounds.lat1) / 2) * D2R));
  const ex = (bounds.lon1 - bounds.lon0) * kx;
  const ey = bounds.lat1 - bounds.lat0;
  const pix = Math.max(Math.min(cellLat_deg, cellLon_deg * kx), Math.max(ex, ey) / maxPx);
  const clamp = (n: number) => Math.max(1, Math.min(maxPx, Math.round(n)));
  return { w: clamp(ex / pix), h: clamp(ey / pix) };
}

/** Fractional grid column of a longitude, trying ±360° so a grid in 0…360 or −180…180 both work; NaN outside. */
function gridColumn(grid: ElevationGrid, lon: number): number {
  for (const shift of [0, -360, 360, -720, 720]) {
    const v = (lon + shift - grid.lon0_deg) / grid.dLon_deg;
    if (v >= 0 && v <= grid.nLon - 1) return v;
  }
  return Number.NaN;
}

/** Height samples of the grid over a box: h rows (north first) × w columns, each the mean of k×k bilinear samples. */
function sampleHeights(grid: ElevationGrid, bounds: MapBounds, w: number, h: number): Float32Array {
  const pxLat = (bounds.lat1 - bounds.lat0) / h;
  const pxLon = (bounds.lon1 - bounds.lon0) / w;
  // Supersampling when a pixel spans several grid cells, so downsampling averages instead of aliasing.
  const kr = Math.max(1, Math.min(4, Math.ceil(pxLat / grid.dLat_deg)));
  const kc = Math.max(1, Math.min(4, Math.ceil(pxLon / grid.dLon_deg)));
  const us = new Float64Array(h * kr);
  const vs = new Float64Array(w * kc);
  for (let r = 0; r < h; r++) {
    for (let s = 0; s < kr; s++) {
      const lat = bounds.lat1 - (r + (s + 0.5) / kr) * pxLat;
      const u = (lat - grid.lat0_deg) / grid.dLat_deg;
      us[r * kr + s] = u >= 0 && u <= grid.nLat - 1 ? u : Number.NaN;
    }
  }
  for (let c = 0; c < w; c++) {
    for (let s = 0; s < kc; s++)
      vs[c * kc + s] = gridColumn(grid, bounds.lon0 + (c + (s + 0.5) / kc) * pxLon);
  }
  const H = grid.heights_m;
  const n = grid.nLon;
  const out = new Float32Array(w * h);
  const inv = 1 / (kr * kc);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      let sum = 0;
      for (let a = 0; a < kr; a++) {
        const u = us[r * kr + a];
        for (let b = 0; b < kc; b++) {
          const v = vs[c * kc + b];
          if (Number.isNaN(u) || Number.isNaN(v)) {
            sum += grid.outside_m;
            continue;
          }
          const i = Math.min(Math.floor(u), grid.nLat - 2);
          const j = Math.min(Math.floor(v), n - 2);
          if (i < 0 || j < 0) {
            // A grid one sample wide in some direction: nearest sample.
            sum += H[Math.round(u) * n + Math.round(v)];
            continue;
          }
          const fu = u - i;
          const fv = v - j;
          const k = i * n + j;
          const lo = H[k] + fv * (H[k + 1] - H[k]);
          const hi = H[k + n] + fv * (H[k + n + 1] - H[k + n]);
          sum += lo + fu * (hi - lo);
        }
      }
      out[r * w + c] = sum * inv;
    }
  }
  return out;
}

/**
 * RGB pixels of a hypsometric shaded-relief image of a box (north row first): height colours
 * (sea blue at ≤ 0 m) darkened and lightened by a Lambertian hillshade, sun in the north-west at
 * 45°, slopes by Horn's 3×3 operator. Small-scale maps get vertical exaggeration
 * √(pixel size / 100 m), 1–8×, so relief stays visible when a pixel spans kilometres.
 */
export function reliefPixels(
  grid: ElevationGrid,
  bounds: MapBounds,
  maxPx: number,
): { w: number; h: number; rgb: Uint8Array; maxHeight_m: number } {
  checkBounds(bounds);
  const { w, h } = rasterSize(bounds, grid.dLat_deg, grid.dLon_deg, maxPx);
  const z = sampleHeights(grid, bounds, w, h);
  const dy_m = ((bounds.lat1 - bounds.lat0) / h) * M_PER_DEG;
  const dxDeg = (bounds.lon1 - bounds.lon0) / w;
  const midPx_m = Math.min(
    dy_m,
    dxDeg * M_PER_DEG * Math.cos(((bounds.lat0 + bounds.lat1) / 2) * D2R),
  );
  const exaggeration = Math.max(1, Math.min(8, Math.sqrt(Math.max(midPx_m, 0) / 100)));
  const az = SUN_AZ_DEG * D2R;
  const el = SUN_EL_DEG * D2R;
  const lx = Math.sin(az) * Math.cos(el);
  const ly = Math.cos(az) * Math.cos(el);
  const lz = Math.sin(el);
  const rgb = new Uint8Array(w * h * 3);
  for (let r = 0; r < h; r++) {
    const lat = bounds.lat1 - ((r + 0.5) * (bounds.lat1 - bounds.lat0)) / h;
    const dx_m = Math.max(1e-6, dxDeg * M_PER_DEG * Math.cos(lat * D2R));
    const rn = Math.max(0, r - 1); // row to the north
    const rs = Math.min(h - 1, r + 1); // row to the south
    for (let c = 0; c < w; c++) {
      const o = (r * w + c) * 3;
      const e = z[r * w + c];
      hypsometric(e, rgb, o);
      if (e <= 0) continue; // the sea is flat
      const cw = Math.max(0, c - 1);
      const ce = Math.min(w - 1, c + 1);
      const a = z[rn * w + cw];
      const b = z[rn * w + c];
      const cc = z[rn * w + ce];
      const d = z[r * w + cw];
      const f = z[r * w + ce];
      const g = z[rs * w + cw];
      const hh = z[rs * w + c];
      const i = z[rs * w + ce];
      // Horn: dz/dx (east) and dz/dy (north), with the spacing actually spanned at the edges.
      const sx = ((cc + 2 * f + i - (a + 2 * d + g)) / (4 * (ce - cw || 1) * dx_m)) * exaggeration;
      const sy = ((a + 2 * b + cc - (g + 2 * hh + i)) / (4 * (rs - rn || 1) * dy_m)) * exaggeration;
      const shade = Math.max(0, (-sx * lx - sy * ly + lz) / Math.sqrt(sx * sx + sy * sy + 1));
      const light = AMBIENT + ((1 - AMBIENT) * shade) / lz; // 1 on level ground
      for (let k = 0; k < 3; k++) rgb[o + k] = Math.min(255, Math.round(rgb[o + k] * light));
    }
  }
  let maxHeight_m = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < z.length; k++) if (z[k] > maxHeight_m) maxHeight_m = z[k];
  return { w, h, rgb, maxHeight_m };
}

/**
 * PNG bytes (RGB) of a hypsometric shaded-relief image of the grid over `bounds` (degrees), one
 * pixel per grid cell or coarser so that neither side exceeds maxPx; pixels are square in the
 * map projection (x scaled by cos of the middle latitude). Outside the grid the height is the
 * grid's `outside_m`. Sea (≤ 0 m) is blue, land takes a hypsometric tint lit by a hillshade with
 * the sun in the north-west.
 */
export function shadedReliefPng(grid: ElevationGrid, bounds: MapBounds, maxPx: number): Uint8Array {
  const { w, h, rgb } = reliefPixels(grid, bounds, maxPx);
  return encodePng(w, h, rgb, 3);
}
