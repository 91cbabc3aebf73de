/**
 * A situation map as one self-contained SVG string: shaded-relief terrain (an inline PNG), the
 * flown track, route points, threat sites with their range rings, engagement events and optional
 * per-site radar coverage, with a graticule, a scale bar and a legend. Nothing is fetched: the
 * images are `data:` URIs, so the SVG can sit inside the offline HTML report (whose CSP must allow
 * `img-src data:`) or be saved as a .svg file on its own.
 *
 * Projection: equirectangular with x scaled by cos(mid-latitude), so at the map's middle latitude
 * a kilometre is the same length east–west and north–south (the scale bar is exact there).
 * Longitudes are unwrapped around the track, so a flight across ±180° stays one piece.
 *
 * Output is deterministic: the same input gives the same string, byte for byte.
 */

import { deflateSync } from "node:zlib";
import type { ElevationGrid } from "../terrain/elevation-grid.js";
import { EARTH_RADIUS_M } from "../terrain/line-of-sight.js";
import { escapeHtml } from "./html-report.js";

/** A threat site (e.g. a SAM battery or radar) with range rings drawn around it. */
export interface MapSite {
  readonly name: string;
  readonly lat_deg: number;
  readonly lon_deg: number;
  readonly kind: string;
  /** circles to draw, m, e.g. max engagement range, detection range vs the missile */
  readonly rings_m: readonly { readonly radius_m: number; readonly label: string }[];
}

/** Something that happened at a place and time, e.g. a site detecting or engaging the missile. */
export interface MapEvent {
  /** detected | tracked | lost | launch | kill | miss | survived | jammed, or any other word. */
  readonly kind: string;
  readonly lat_deg: number;
  readonly lon_deg: number;
  readonly t_s: number;
  readonly label: string;
}

/** Everything the map shows. */
export interface TerrainMapInput {
  /** null: a plain background. */
  readonly terrain: ElevationGrid | null;
  readonly track: { readonly lat_deg: ArrayLike<number>; readonly lon_deg: ArrayLike<number> };
  readonly sites: readonly MapSite[];
  readonly events: readonly MapEvent[];
  /** Launch, waypoints, aimpoint. */
  readonly points: readonly {
    readonly name: string;
    readonly lat_deg: number;
    readonly lon_deg: number;
  }[];
  /** Legend label of `track`; default "flown track" (a plan's map shows a planned route). */
  readonly trackLabel?: string;
  /**
   * More polylines drawn under the track, e.g. a planned route and the straight line it is
   * compared with: each with its legend label, optionally dashed, coloured in turn from
   * EXTRA_TRACK_COLORS unless it names a colour (#rrggbb).
   */
  readonly extraTracks?: readonly {
    readonly label: string;
    readonly lat_deg: ArrayLike<number>;
    readonly lon_deg: ArrayLike<number>;
    readonly dashed?: boolean;
    readonly color?: string;
  }[];
  /** Areas to outline and hatch, e.g. no-fly areas: polygons of [lat, lon] vertices, degrees. */
  readonly areas?: readonly {
    readonly name: string;
    readonly polygon: readonly (readonly [number, number])[];
  }[];
  /**
   * Optional per-site masking layer: cells where the site sees a target at the planned height
   * (1 = visible), row-major from the south like ElevationGrid. A layer spans the same corner
   * samples as `terrain` (nLat × nLon may be coarser than the terrain's); it is ignored when
   * `terrain` is null, since nothing else places it on the Earth.
   */
  readonly coverage?: readonly {
    readonly site: string;
    readonly visible: Uint8Array;
    readonly nLat: number;
    readonly nLon: number;
  }[];
}

/** A latitude/longitude box, degrees: lat0 south, lat1 north, lon0 west, lon1 east (lon1 > lon0; may pass 180). */
export interface MapBounds {
  readonly lat0: number;
  readonly lat1: number;
  readonly lon0: number;
  readonly lon1: number;
}

/** Options of renderTerrainMap. */
export interface TerrainMapOptions {
  /** Width of the whole SVG, px (default 900; at least 320). */
  readonly width_px?: number;
  /** Largest side of an embedded raster (terrain, coverage), px (default 1024). */
  readonly maxImagePx?: number;
}

const D2R = Math.PI / 180;
/** Metres per degree of latitude (spherical Earth, as line-of-sight and viewshed use). */
const M_PER_DEG = EARTH_RADIUS_M * D2R;
/** Latitude limit of the map: the projection is useless nearer the poles. */
const MAX_LAT = 85;

// ---------------------------------------------------------------------------------------------
// PNG encoder
// ---------------------------------------------------------------------------------------------

/** CRC-32 lookup table for the polynomial of ISO 3309 / ITU-T V.42 (reflected 0xEDB88320). */
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** The CRC-32 a PNG chunk carries (over chunk type and data). */
function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * A PNG file (8-bit truecolour, no interlace) for `width × height` pixels given top row first,
 * `channels` bytes per pixel: 3 = RGB (colour type 2), 4 = RGBA (colour type 6, straight alpha).
 *
 * The layout (PNG spec, ISO/IEC 15948): the 8-byte signature, then chunks of [length (4 bytes,
 * big-endian), type (4 ASCII bytes), data, CRC-32 of type + data]: IHDR (size and pixel format),
 * one IDAT (the zlib stream of all scanlines, each prefixed by its filter byte) and an empty IEND.
 * Every row uses filter 2 ("Up": each byte minus the byte above), which suits smooth images and
 * deflates a shaded relief to about half the size of unfiltered rows. zlib level 6: level 9 saves
 * about 2 % more and takes five times as long.
 */
export function encodePng(
  width: number,
  height: number,
  pixels: Uint8Array,
  channels: 3 | 4,
): Uint8Array {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new RangeError(`png: bad size ${width}×${height}`);
  }
  const stride = width * channels;
  if (pixels.length !== stride * height) {
    throw new RangeError(`png: expected ${stride * height} bytes, got ${pixels.length}`);
  }
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const o = y * (stride + 1);
    const p = y * stride;
    raw[o] = 2; // Up
    if (y === 0) raw.set(pixels.subarray(0, stride), o + 1);
    else
      for (let i = 0; i < stride; i++)
        raw[o + 1 + i] = (pixels[p + i] - pixels[p - stride + i]) & 0xff;
  }
  const idat = deflateSync(raw, { level: 6 });

  const ihdr = new Uint8Array(13);
  const hv = new DataView(ihdr.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = channels === 4 ? 6 : 2; // colour type
  // [10] compression 0 (deflate), [11] filter method 0 (adaptive, five types), [12] interlace 0.

  const chunks: [string, Uint8Array][] = [
    ["IHDR", ihdr],
    ["IDAT", idat],
    ["IEND", new Uint8Array(0)],
  ];
  const total = 8 + chunks.reduce((s, [, d]) => s + 12 + d.length, 0);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let at = 8;
  for (const [type, data] of chunks) {
    dv.setUint32(at, data.length);
    for (let i = 0; i < 4; i++) out[at + 4 + i] = type.charCodeAt(i);
    out.set(data, at + 8);
    dv.setUint32(at + 8 + data.length, crc32(out, at + 4, at + 8 + data.length));
    at += 12 + data.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Shaded relief
// ---------------------------------------------------------------------------------------------

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
const SEA_SHALLOW = [166, 206, 227] as const;
const SEA_DEEP = [84, 142, 189] as const;
const DEEP_M = -4000;
/** Sun azimuth (from north, clockwise) and elevation: north-west, 45°, the cartographic convention. */
const SUN_AZ_DEG = 315;
const SUN_EL_DEG = 45;
/** Share of the light that is ambient (reaches even slopes facing away from the sun). */
const AMBIENT = 0.35;

/** Terrain colour for a height, m (sea for ≤ 0), written to out[o..o+2]. */
function hypsometric(h: number, out: Uint8Array, o: number): void {
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
function reliefPixels(
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

function checkBounds(b: MapBounds): void {
  if (
    !(
      Number.isFinite(b.lat0) &&
      Number.isFinite(b.lat1) &&
      Number.isFinite(b.lon0) &&
      Number.isFinite(b.lon1) &&
      b.lat1 > b.lat0 &&
      b.lon1 > b.lon0
    )
  ) {
    throw new RangeError(`map bounds must satisfy lat0 < lat1, lon0 < lon1: ${JSON.stringify(b)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Map extent and projection
// ---------------------------------------------------------------------------------------------

/** lon shifted by a whole number of turns to lie within 180° of ref. */
function nearestTurn(lon: number, ref: number): number {
  return lon - 360 * Math.round((lon - ref) / 360);
}

/** Degrees of latitude and of longitude (at lat) spanned by a distance, m. */
function degreesFor(distance_m: number, lat_deg: number): { dLat: number; dLon: number } {
  const dLat = distance_m / M_PER_DEG;
  return { dLat, dLon: dLat / Math.max(0.01, Math.cos(lat_deg * D2R)) };
}

class Box {
  lat0 = Number.POSITIVE_INFINITY;
  lat1 = Number.NEGATIVE_INFINITY;
  lon0 = Number.POSITIVE_INFINITY;
  lon1 = Number.NEGATIVE_INFINITY;
  add(lat: number, lon: number): void {
    if (lat < this.lat0) this.lat0 = lat;
    if (lat > this.lat1) this.lat1 = lat;
    if (lon < this.lon0) this.lon0 = lon;
    if (lon > this.lon1) this.lon1 = lon;
  }
  get empty(): boolean {
    return !(this.lat1 >= this.lat0);
  }
}

/**
 * The map's box: everything to be drawn (track, points, sites, events, rings) plus a 6 % margin.
 * Rings may widen the box around the other items by at most max(half their span, 50 km) on each
 * side, so one long-range surveillance ring cannot shrink the flight to a dot; a ring cut by
 * that limit is drawn clipped. The box is at least 10 km a side, kept between 1:2 and 5:4
 * (height:width, projected) by widening the short side, and limited to ±85° latitude.
 */
function mapExtent(
  input: TerrainMapInput,
  refLon: number,
  trackLon: Float64Array,
): MapBounds | null {
  const core = new Box();
  const { lat_deg: tLat } = input.track;
  for (let i = 0; i < tLat.length; i++) {
    if (Number.isFinite(tLat[i]) && Number.isFinite(trackLon[i])) core.add(tLat[i], trackLon[i]);
  }
  for (const p of input.points) core.add(p.lat_deg, nearestTurn(p.lon_deg, refLon));
  for (const t of input.extraTracks ?? []) {
    const n = Math.min(t.lat_deg.length, t.lon_deg.length);
    for (let i = 0; i < n; i++) {
      if (Number.isFinite(t.lat_deg[i]) && Number.isFinite(t.lon_deg[i]))
        core.add(t.lat_deg[i], nearestTurn(t.lon_deg[i], refLon));
    }
  }
  for (const a of input.areas ?? [])
    for (const [lat, lon] of a.polygon) core.add(lat, nearestTurn(lon, refLon));
  for (const s of input.sites) core.add(s.lat_deg, nearestTurn(s.lon_deg, refLon));
  for (const e of input.events) core.add(e.lat_deg, nearestTurn(e.lon_deg, refLon));
  if (core.empty) return null;
  const rings = new Box();
  for (const s of input.sites) {
    const lon = nearestTurn(s.lon_deg, refLon);
    for (const ring of s.rings_m) {
      if (!(ring.radius_m > 0 && Number.isFinite(ring.radius_m))) continue;
      const { dLat, dLon } = degreesFor(ring.radius_m, s.lat_deg);
      rings.add(s.lat_deg - dLat, lon - dLon);
      rings.add(s.lat_deg + dLat, lon + dLon);
    }
  }
  let { lat0, lat1, lon0, lon1 } = core;
  if (!rings.empty) {
    const midLat = (core.lat0 + core.lat1) / 2;
    const allowLat = Math.max(0.5 * (core.lat1 - core.lat0), degreesFor(50_000, midLat).dLat);
    const allowLon = Math.max(0.5 * (core.lon1 - core.lon0), degreesFor(50_000, midLat).dLon);
    lat0 = Math.max(Math.min(lat0, rings.lat0), core.lat0 - allowLat);
    lat1 = Math.min(Math.max(lat1, rings.lat1), core.lat1 + allowLat);
    lon0 = Math.max(Math.min(lon0, rings.lon0), core.lon0 - allowLon);
    lon1 = Math.min(Math.max(lon1, rings.lon1), core.lon1 + allowLon);
  }
  // Margin and minimum size, in projected degrees (x = lon · kx).
  const kx = Math.max(0.05, Math.cos(((lat0 + lat1) / 2) * D2R));
  const minSpan = 10_000 / M_PER_DEG;
  let ex = Math.max((lon1 - lon0) * kx * 1.12, minSpan);
  let ey = Math.max((lat1 - lat0) * 1.12, minSpan);
  if (ey > 1.25 * ex) ex = ey / 1.25;
  if (ey < 0.5 * ex) ey = 0.5 * ex;
  const cy = (lat0 + lat1) / 2;
  const cx = (lon0 + lon1) / 2;
  ey = Math.min(ey, 2 * MAX_LAT);
  let b0 = cy - ey / 2;
  let b1 = cy + ey / 2;
  if (b1 > MAX_LAT) [b0, b1] = [MAX_LAT - ey, MAX_LAT];
  if (b0 < -MAX_LAT) [b0, b1] = [-MAX_LAT, -MAX_LAT + ey];
  const dLon = Math.min(360, ex / kx);
  return { lat0: b0, lat1: b1, lon0: cx - dLon / 2, lon1: cx + dLon / 2 };
}

/** Equirectangular projection of a box onto a pw-wide plot. */
class Projection {
  readonly kx: number;
  /** Pixels per degree of latitude. */
  readonly s: number;
  readonly pw: number;
  readonly ph: number;
  readonly midLat: number;
  constructor(
    readonly b: MapBounds,
    pw: number,
  ) {
    this.midLat = (b.lat0 + b.lat1) / 2;
    this.kx = Math.max(0.01, Math.cos(this.midLat * D2R));
    this.pw = pw;
    this.s = pw / ((b.lon1 - b.lon0) * this.kx);
    this.ph = Math.round((b.lat1 - b.lat0) * this.s);
  }
  x(lon: number): number {
    return (lon - this.b.lon0) * this.kx * this.s;
  }
  y(lat: number): number {
    return (this.b.lat1 - lat) * this.s;
  }
  /** lon unwrapped to the turn nearest the map's centre. */
  lon(lon: number): number {
    return nearestTurn(lon, (this.b.lon0 + this.b.lon1) / 2);
  }
  /** Pixels per metre (both axes, at the middle latitude). */
  get pxPerM(): number {
    return this.s / M_PER_DEG;
  }
}

// ---------------------------------------------------------------------------------------------
// SVG
// ---------------------------------------------------------------------------------------------

/** A number for an SVG attribute: one decimal, no "-0". */
function n1(x: number): string {
  const r = Math.round(x * 10) / 10;
  return String(r === 0 ? 0 : r);
}

function km(m: number): string {
  const k = m / 1000;
  return k >= 100 ? String(Math.round(k)) : String(Number(k.toPrecision(3)));
}

function base64Png(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString("base64")}`;
}

/** Text with a white halo so it reads over any terrain. */
function label(x: number, y: number, text: string, attrs = ""): string {
  return (
    `<text x="${n1(x)}" y="${n1(y)}" stroke="#fff" stroke-width="3" stroke-linejoin="round" ` +
    `paint-order="stroke"${attrs ? ` ${attrs}` : ""}>${escapeHtml(text)}</text>`
  );
}

type Shape =
  | "circle"
  | "ring"
  | "diamond"
  | "square"
  | "triangle"
  | "triangle-down"
  | "star"
  | "x"
  | "plus";

interface MarkStyle {
  readonly shape: Shape;
  readonly color: string;
}

/** Marker per event kind (Okabe–Ito colours where they fit); unknown kinds take FALLBACK_STYLES in turn. */
const EVENT_STYLES: Readonly<Record<string, MarkStyle>> = {
  detected: { shape: "circle", color: "#e69f00" },
  tracked: { shape: "diamond", color: "#d55e00" },
  lost: { shape: "ring", color: "#6e6e6e" },
  launch: { shape: "star", color: "#cc0033" },
  kill: { shape: "x", color: "#000000" },
  miss: { shape: "plus", color: "#0072b2" },
  survived: { shape: "square", color: "#009e73" },
  jammed: { shape: "triangle-down", color: "#7b3294" },
};
const FALLBACK_STYLES: readonly MarkStyle[] = [
  { shape: "diamond", color: "#8c6d31" },
  { shape: "square", color: "#cc79a7" },
  { shape: "triangle-down", color: "#56b4e9" },
  { shape: "circle", color: "#999999" },
  { shape: "plus", color: "#8c6d31" },
  { shape: "ring", color: "#cc79a7" },
];
/** Site colours (also their rings and coverage tint). */
const SITE_COLORS = [
  "#d7301f",
  "#7b3294",
  "#e66101",
  "#1b7837",
  "#2166ac",
  "#c51b7d",
  "#8c510a",
  "#4d4d4d",
];
const TRACK_COLOR = "#1d2330";
/** Colours of extra tracks in turn (Okabe–Ito blue, vermilion, bluish green, reddish purple). */
const EXTRA_TRACK_COLORS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"];
/** Outline and tint of areas (no-fly). */
const AREA_COLOR = "#b2182b";

/** An SVG element drawing a marker shape of half-size r centred on (x, y). */
function marker(shape: Shape, x: number, y: number, r: number, color: string): string {
  const fill = `fill="${color}" stroke="#fff" stroke-width="1.2"`;
  const pts = (p: [number, number][]) =>
    `<polygon points="${p.map(([a, b]) => `${n1(x + a)},${n1(y + b)}`).join(" ")}" ${fill}/>`;
  switch (shape) {
    case "circle":
      return `<circle cx="${n1(x)}" cy="${n1(y)}" r="${n1(r)}" ${fill}/>`;
    case "ring":
      return `<circle cx="${n1(x)}" cy="${n1(y)}" r="${n1(r * 0.85)}" fill="#fff" fill-opacity="0.6" stroke="${color}" stroke-width="2"/>`;
    case "square":
      return `<rect x="${n1(x - r * 0.85)}" y="${n1(y - r * 0.85)}" width="${n1(1.7 * r)}" height="${n1(1.7 * r)}" ${fill}/>`;
    case "diamond":
      return pts([
        [0, -r * 1.2],
        [r * 1.2, 0],
        [0, r * 1.2],
        [-r * 1.2, 0],
      ]);
    case "triangle":
      return pts([
        [0, -r * 1.15],
        [r, r * 0.75],
        [-r, r * 0.75],
      ]);
    case "triangle-down":
      return pts([
        [0, r * 1.15],
        [r, -r * 0.75],
        [-r, -r * 0.75],
      ]);
    case "star": {
      const p: [number, number][] = [];
      for (let k = 0; k < 10; k++) {
        const a = (k * Math.PI) / 5;
        const rr = k % 2 === 0 ? r * 1.35 : r * 0.6;
        p.push([rr * Math.sin(a), -rr * Math.cos(a)]);
      }
      return pts(p);
    }
    case "x":
    case "plus": {
      const d =
        shape === "x"
          ? `M${n1(x - r)},${n1(y - r)}L${n1(x + r)},${n1(y + r)}M${n1(x - r)},${n1(y + r)}L${n1(x + r)},${n1(y - r)}`
          : `M${n1(x - r * 1.2)},${n1(y)}L${n1(x + r * 1.2)},${n1(y)}M${n1(x)},${n1(y - r * 1.2)}L${n1(x)},${n1(y + r * 1.2)}`;
      return (
        `<path d="${d}" stroke="#fff" stroke-width="5" stroke-linecap="round"/>` +
        `<path d="${d}" stroke="${color}" stroke-width="2.6" stroke-linecap="round"/>`
      );
    }
  }
}

/** Largest of 1, 2, 2.5, 5 × 10ⁿ not above x (x > 0). */
function niceStep(x: number, steps: readonly number[] = [1, 2, 2.5, 5]): number {
  const p = 10 ** Math.floor(Math.log10(x));
  let best = p;
  for (const m of steps) if (m * p <= x) best = m * p;
  return best;
}

function decimalsOf(step: number): number {
  for (let d = 0; d < 6; d++)
    if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-6) return d;
  return 6;
}

function formatLat(lat: number, d: number): string {
  const v = Number(lat.toFixed(d));
  return v === 0 ? `${(0).toFixed(d)}°` : `${Math.abs(v).toFixed(d)}°${v > 0 ? "N" : "S"}`;
}

function formatLon(lon: number, d: number): string {
  let v = Number((((((lon + 180) % 360) + 360) % 360) - 180).toFixed(d));
  if (v === -180) v = 180;
  return v === 0 || v === 180
    ? `${Math.abs(v).toFixed(d)}°`
    : `${Math.abs(v).toFixed(d)}°${v > 0 ? "E" : "W"}`;
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

function finitePoint(what: string, name: string, lat: number, lon: number): void {
  if (!(Number.isFinite(lat) && Number.isFinite(lon))) {
    throw new RangeError(`terrain map: ${what} "${name}" has no finite position (${lat}, ${lon})`);
  }
}

/**
 * A PNG (RGBA) tinting the visible cells of a coverage layer, alpha = share of visible cells in
 * fi × fj blocks (fi, fj ≥ 1 so neither side exceeds maxPx). The image spans whole blocks, so a
 * partial last block is drawn up to one image pixel too wide.
 */
function coverageImage(
  layer: NonNullable<TerrainMapInput["coverage"]>[number],
  color: string,
  maxPx: number,
): { w: number; h: number; fi: number; fj: number; png: Uint8Array } {
  const { nLat, nLon, visible } = layer;
  const fi = Math.max(1, Math.ceil(nLat / maxPx));
  const fj = Math.max(1, Math.ceil(nLon / maxPx));
  const h = Math.ceil(nLat / fi);
  const w = Math.ceil(nLon / fj);
  const rgb = [1, 3, 5].map((k) => Number.parseInt(color.slice(k, k + 2), 16));
  const px = new Uint8Array(w * h * 4);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      let seen = 0;
      let all = 0;
      for (let i = r * fi; i < Math.min(nLat, (r + 1) * fi); i++) {
        for (let j = c * fj; j < Math.min(nLon, (c + 1) * fj); j++) {
          all++;
          if (visible[i * nLon + j]) seen++;
        }
      }
      const o = ((h - 1 - r) * w + c) * 4; // image rows run north first
      px[o] = rgb[0];
      px[o + 1] = rgb[1];
      px[o + 2] = rgb[2];
      px[o + 3] = Math.round((seen / all) * 255);
    }
  }
  return { w, h, fi, fj, png: encodePng(w, h, px, 4) };
}

/**
 * An <svg> (string) map: shaded-relief terrain image, track, sites with rings, event markers,
 * coverage tints, graticule, scale bar and legend. Sites, points and events must have finite
 * positions (RangeError otherwise); track samples that are not finite break the line.
 */
export function renderTerrainMap(input: TerrainMapInput, opts: TerrainMapOptions = {}): string {
  const W = Math.max(320, Math.round(opts.width_px ?? 900));
  const maxPx = Math.max(16, Math.round(opts.maxImagePx ?? 1024));
  for (const s of input.sites) finitePoint("site", s.name, s.lat_deg, s.lon_deg);
  for (const p of input.points) finitePoint("point", p.name, p.lat_deg, p.lon_deg);
  for (const e of input.events) finitePoint("event", e.label, e.lat_deg, e.lon_deg);

  // Track longitudes unwrapped into one continuous run.
  const { lat_deg: tLat, lon_deg: tLon } = input.track;
  const nTrack = Math.min(tLat.length, tLon.length);
  const trackLon = new Float64Array(nTrack);
  let refLon = Number.NaN;
  for (let i = 0; i < nTrack; i++) {
    const l = tLon[i];
    if (!Number.isFinite(l) || !Number.isFinite(tLat[i])) {
      trackLon[i] = Number.NaN;
      continue;
    }
    trackLon[i] = Number.isNaN(refLon) ? l : nearestTurn(l, refLon);
    refLon = trackLon[i];
  }
  if (Number.isNaN(refLon)) {
    refLon = input.sites[0]?.lon_deg ?? input.points[0]?.lon_deg ?? input.events[0]?.lon_deg ?? 0;
  }
  const bounds = mapExtent(input, refLon, trackLon);

  const ml = 62;
  const mr = 14;
  const mt = 12;
  const pw = W - ml - mr;
  const ariaTitle = "Map of the flight: terrain, track, threat sites and events";
  if (!bounds) {
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" class="terrain-map" viewBox="0 0 ${W} 60" width="${W}" height="60" role="img" font-family="system-ui, sans-serif" font-size="12">` +
      `<title>${ariaTitle}</title><text x="${ml}" y="34" fill="#5b6475">No positions to map.</text></svg>`
    );
  }
  const P = new Projection(bounds, pw);
  const ph = P.ph;
  const parts: string[] = [];
  /** Legend entries; rank orders them: track, extra tracks, points, sites, rings, events, coverage and areas, data extent. */
  const legend: { rank: number; mark: string; text: string; title?: string }[] = [];

  // --- plot area (a nested <svg> clips everything to the map frame without needing ids) ---
  parts.push(
    `<svg x="${ml}" y="${mt}" width="${pw}" height="${ph}" viewBox="0 0 ${pw} ${ph}" overflow="hidden" class="map-plot">`,
  );
  parts.push(
    `<rect width="${pw}" height="${ph}" fill="${input.terrain ? "#a6cee3" : "#f2f1ec"}"/>`,
  );

  const terrain = input.terrain;
  let maxLand = 0;
  if (terrain) {
    const relief = reliefPixels(terrain, bounds, maxPx);
    parts.push(
      `<image class="terrain" x="0" y="0" width="${pw}" height="${ph}" preserveAspectRatio="none" href="${base64Png(encodePng(relief.w, relief.h, relief.rgb, 3))}"/>`,
    );
    maxLand = relief.maxHeight_m;
    // Coverage tints.
    const gLat1 = terrain.lat0_deg + (terrain.nLat - 1) * terrain.dLat_deg;
    const gLon0 =
      P.lon(terrain.lon0_deg + ((terrain.nLon - 1) * terrain.dLon_deg) / 2) -
      ((terrain.nLon - 1) * terrain.dLon_deg) / 2;
    for (const [k, layer] of (input.coverage ?? []).entries()) {
      if (
        !(layer.nLat >= 1 && layer.nLon >= 1 && layer.visible.length === layer.nLat * layer.nLon)
      ) {
        throw new RangeError(
          `terrain map: coverage "${layer.site}" has ${layer.visible.length} cells, expected ${layer.nLat}×${layer.nLon}`,
        );
      }
      const color = siteColor(input.sites, layer.site, k);
      const img = coverageImage(layer, color, maxPx);
      // Samples sit at cell centres: the layer's first/last samples are the terrain's corners.
      const cLat =
        layer.nLat > 1
          ? ((terrain.nLat - 1) * terrain.dLat_deg) / (layer.nLat - 1)
          : terrain.dLat_deg;
      const cLon =
        layer.nLon > 1
          ? ((terrain.nLon - 1) * terrain.dLon_deg) / (layer.nLon - 1)
          : terrain.dLon_deg;
      const north = gLat1 + cLat / 2;
      const west = gLon0 - cLon / 2;
      const x = P.x(west);
      const y = P.y(north);
      const wPx = P.x(west + img.w * img.fj * cLon) - x;
      const hPx = P.y(north - img.h * img.fi * cLat) - y;
      parts.push(
        `<image class="coverage" data-site="${escapeHtml(layer.site)}" x="${n1(x)}" y="${n1(y)}" width="${n1(wPx)}" height="${n1(hPx)}" preserveAspectRatio="none" opacity="0.35" image-rendering="pixelated" href="${base64Png(img.png)}"/>`,
      );
      legend.push({
        rank: 5,
        mark: `<rect x="-7" y="-6" width="14" height="12" fill="${color}" fill-opacity="0.35" stroke="${color}"/>`,
        text: `seen by ${layer.site}`,
        title: `Cells where ${layer.site} sees a target at the planned height`,
      });
    }
    // Where the terrain data ends (outside it the simulation uses outside_m), if inside the map.
    const gLat0 = terrain.lat0_deg;
    const gLon1 = gLon0 + (terrain.nLon - 1) * terrain.dLon_deg;
    const wraps = (terrain.nLon - 1) * terrain.dLon_deg >= 360 - 1e-9; // a whole-globe grid
    const covers =
      gLat0 <= bounds.lat0 &&
      gLat1 >= bounds.lat1 &&
      (wraps || (gLon0 <= bounds.lon0 && gLon1 >= bounds.lon1));
    const meets =
      gLat0 < bounds.lat1 && gLat1 > bounds.lat0 && gLon0 < bounds.lon1 && gLon1 > bounds.lon0;
    if (!covers && meets) {
      parts.push(
        `<rect class="terrain-extent" x="${n1(P.x(gLon0))}" y="${n1(P.y(gLat1))}" width="${n1(P.x(gLon1) - P.x(gLon0))}" height="${n1(P.y(gLat0) - P.y(gLat1))}" fill="none" stroke="#5b6475" stroke-width="1" stroke-dasharray="2 3"/>`,
      );
      legend.push({
        rank: 6,
        mark: `<rect x="-7" y="-6" width="14" height="12" fill="none" stroke="#5b6475" stroke-dasharray="2 3"/>`,
        text: `terrain data (${terrain.outside_m} m outside)`,
      });
    }
  }

  // Graticule.
  const latStep = niceStep(90 / P.s);
  const lonStep = niceStep(110 / (P.s * P.kx));
  const latD = decimalsOf(latStep);
  const lonD = decimalsOf(lonStep);
  const lats: number[] = [];
  const lons: number[] = [];
  for (let k = Math.ceil(bounds.lat0 / latStep); k * latStep <= bounds.lat1; k++)
    lats.push(k * latStep);
  for (let k = Math.ceil(bounds.lon0 / lonStep); k * lonStep <= bounds.lon1; k++)
    lons.push(k * lonStep);
  const grat = [
    ...lats.map((v) => `M0,${n1(P.y(v))}H${pw}`),
    ...lons.map((v) => `M${n1(P.x(v))},0V${ph}`),
  ].join("");
  if (grat) {
    parts.push(
      `<path class="graticule" d="${grat}" fill="none" stroke="#1d2330" stroke-opacity="0.22" stroke-width="0.7"/>`,
    );
  }

  // Range rings (ellipses in lat/lon: the local degree lengths at the site).
  const sitePx = input.sites.map((s) => ({ x: P.x(P.lon(s.lon_deg)), y: P.y(s.lat_deg) }));
  /** Pixel positions of everything drawn, to keep the scale bar and north arrow off them. */
  const occupied: number[] = [];
  for (const { x, y } of sitePx) occupied.push(x, y, x + 40, y);
  for (const p of input.points) occupied.push(P.x(P.lon(p.lon_deg)), P.y(p.lat_deg));
  for (const e of input.events) occupied.push(P.x(P.lon(e.lon_deg)), P.y(e.lat_deg));
  for (const [k, s] of input.sites.entries()) {
    const color = SITE_COLORS[k % SITE_COLORS.length];
    for (const ring of s.rings_m) {
      if (!(ring.radius_m > 0 && Number.isFinite(ring.radius_m))) continue;
      const { dLat, dLon } = degreesFor(ring.radius_m, s.lat_deg);
      const rx = dLon * P.kx * P.s;
      const ry = dLat * P.s;
      const { x, y } = sitePx[k];
      const tip = `${s.name}: ${ring.label} — ${km(ring.radius_m)} km`;
      parts.push(
        `<g class="ring"><title>${escapeHtml(tip)}</title>` +
          `<ellipse cx="${n1(x)}" cy="${n1(y)}" rx="${n1(rx)}" ry="${n1(ry)}" fill="${color}" fill-opacity="0.04" stroke="${color}" stroke-width="1.5" stroke-dasharray="6 4"/>` +
          label(
            x,
            y - ry - 3,
            `${ring.label} ${km(ring.radius_m)} km`,
            `fill="${color}" font-size="10" text-anchor="middle"`,
          ) +
          "</g>",
      );
    }
  }
  if (input.sites.some((s) => s.rings_m.length > 0)) {
    legend.push({
      rank: 3,
      mark: `<circle r="6" fill="none" stroke="#5b6475" stroke-width="1.5" stroke-dasharray="3 2"/>`,
      text: "range ring (site colour)",
    });
  }

  // Areas (no-fly): a hatched tint with an outline, the name at the vertices' mean.
  for (const a of input.areas ?? []) {
    if (a.polygon.length < 3) continue;
    const pts = a.polygon.map(([lat, lon]) => `${n1(P.x(P.lon(lon)))},${n1(P.y(lat))}`).join(" ");
    const cx = a.polygon.reduce((t, [, lon]) => t + P.x(P.lon(lon)), 0) / a.polygon.length;
    const cy = a.polygon.reduce((t, [lat]) => t + P.y(lat), 0) / a.polygon.length;
    parts.push(
      `<g class="area"><title>${escapeHtml(a.name)}</title>` +
        `<polygon points="${pts}" fill="${AREA_COLOR}" fill-opacity="0.18" stroke="${AREA_COLOR}" stroke-width="1.8" stroke-dasharray="2 2"/>` +
        label(cx, cy + 4, a.name, `fill="${AREA_COLOR}" font-size="11" text-anchor="middle"`) +
        "</g>",
    );
    legend.push({
      rank: 5,
      mark: `<rect x="-7" y="-6" width="14" height="12" fill="${AREA_COLOR}" fill-opacity="0.18" stroke="${AREA_COLOR}" stroke-width="1.5" stroke-dasharray="2 2"/>`,
      text: a.name,
    });
  }

  // Extra tracks (under the main one), each a coloured line on a white casing.
  for (const [k, t] of (input.extraTracks ?? []).entries()) {
    const color = /^#[0-9a-fA-F]{6}$/.test(t.color ?? "")
      ? (t.color as string)
      : EXTRA_TRACK_COLORS[k % EXTRA_TRACK_COLORS.length];
    const n = Math.min(t.lat_deg.length, t.lon_deg.length);
    const xy: string[] = [];
    for (let i = 0; i < n; i++) {
      if (!(Number.isFinite(t.lat_deg[i]) && Number.isFinite(t.lon_deg[i]))) continue;
      const x = P.x(P.lon(t.lon_deg[i]));
      const y = P.y(t.lat_deg[i]);
      xy.push(`${n1(x)},${n1(y)}`);
      occupied.push(x, y);
    }
    if (xy.length < 2) continue;
    const dash = t.dashed ? ' stroke-dasharray="7 5"' : "";
    const line = xy.join(" ");
    parts.push(
      `<g class="extra-track"><title>${escapeHtml(t.label)}</title>` +
        `<polyline points="${line}" fill="none" stroke="#fff" stroke-opacity="0.85" stroke-width="4" stroke-linejoin="round"${dash}/>` +
        `<polyline points="${line}" fill="none" stroke="${color}" stroke-width="2" stroke-linejoin="round"${dash}/></g>`,
    );
    legend.push({
      rank: 0.5,
      mark: `<path d="M-9,0H9" stroke="#fff" stroke-width="4"/><path d="M-9,0H9" stroke="${color}" stroke-width="2"${t.dashed ? ' stroke-dasharray="4 3"' : ""}/>`,
      text: t.label,
    });
  }

  // Track: a dark line on a white casing, thinned to about a pixel.
  const segs: string[] = [];
  let run: string[] = [];
  let lastX = Number.NaN;
  let lastY = Number.NaN;
  // One whole-turn shift for the entire (continuous) track, to put it by the map's centre.
  let trackShift = Number.NaN;
  const flush = () => {
    if (run.length > 1) segs.push(run.join(" "));
    run = [];
    lastX = Number.NaN;
  };
  for (let i = 0; i < nTrack; i++) {
    if (Number.isNaN(trackLon[i])) {
      flush();
      continue;
    }
    if (Number.isNaN(trackShift)) trackShift = P.lon(trackLon[i]) - trackLon[i];
    const x = P.x(trackLon[i] + trackShift);
    const y = P.y(tLat[i]);
    const last = i === nTrack - 1 || Number.isNaN(trackLon[i + 1]);
    if (Number.isNaN(lastX) || Math.hypot(x - lastX, y - lastY) >= 0.75 || last) {
      run.push(`${n1(x)},${n1(y)}`);
      occupied.push(x, y);
      lastX = x;
      lastY = y;
    }
  }
  flush();
  if (segs.length > 0) {
    const lines = (attrs: string) =>
      segs.map((p) => `<polyline points="${p}" fill="none" ${attrs}/>`).join("");
    parts.push(
      `<g class="track"><title>Flown track</title>${lines('stroke="#fff" stroke-opacity="0.85" stroke-width="4.5" stroke-linejoin="round" stroke-linecap="round"')}${lines(`stroke="${TRACK_COLOR}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"`)}</g>`,
    );
    legend.push({
      rank: 0,
      mark: `<path d="M-9,0H9" stroke="#fff" stroke-width="4.5"/><path d="M-9,0H9" stroke="${TRACK_COLOR}" stroke-width="2"/>`,
      text: input.trackLabel ?? "flown track",
    });
  }

  // Route points.
  for (const p of input.points) {
    const x = P.x(P.lon(p.lon_deg));
    const y = P.y(p.lat_deg);
    parts.push(
      `<g class="point"><title>${escapeHtml(`${p.name} (${formatLat(p.lat_deg, 4)} ${formatLon(p.lon_deg, 4)})`)}</title>` +
        `<circle cx="${n1(x)}" cy="${n1(y)}" r="4.5" fill="#fff" stroke="${TRACK_COLOR}" stroke-width="2"/>` +
        label(x + 7, y - 6, p.name, `fill="${TRACK_COLOR}" font-size="11"`) +
        "</g>",
    );
  }
  if (input.points.length > 0) {
    legend.push({
      rank: 1,
      mark: `<circle r="4.5" fill="#fff" stroke="${TRACK_COLOR}" stroke-width="2"/>`,
      text: "launch, waypoint, aimpoint",
    });
  }

  // Sites.
  for (const [k, s] of input.sites.entries()) {
    const color = SITE_COLORS[k % SITE_COLORS.length];
    const { x, y } = sitePx[k];
    const rings = s.rings_m.map((r) => `${r.label} ${km(r.radius_m)} km`).join("; ");
    const tip = `${s.name} (${s.kind}) ${formatLat(s.lat_deg, 4)} ${formatLon(s.lon_deg, 4)}${rings ? ` — ${rings}` : ""}`;
    parts.push(
      `<g class="site"><title>${escapeHtml(tip)}</title>` +
        `<polygon points="${n1(x)},${n1(y - 9)} ${n1(x + 8)},${n1(y + 6)} ${n1(x - 8)},${n1(y + 6)}" fill="${color}" stroke="#1d2330" stroke-width="1.2"/>` +
        label(x + 10, y + 4, s.name, `fill="#1d2330" font-size="12" font-weight="600"`) +
        "</g>",
    );
    legend.push({
      rank: 2,
      mark: `<polygon points="0,-8 7,5 -7,5" fill="${color}" stroke="#1d2330" stroke-width="1.2"/>`,
      text: `${s.name} (${s.kind})`,
      title: tip,
    });
  }

  // Events, in input order so later ones sit on top.
  const styles = new Map<string, MarkStyle>();
  const counts = new Map<string, number>();
  let fallback = 0;
  for (const e of input.events) {
    if (!styles.has(e.kind)) {
      const known = Object.hasOwn(EVENT_STYLES, e.kind) ? EVENT_STYLES[e.kind] : undefined;
      styles.set(e.kind, known ?? FALLBACK_STYLES[fallback++ % FALLBACK_STYLES.length]);
    }
    counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  }
  for (const e of input.events) {
    const st = styles.get(e.kind)!;
    const x = P.x(P.lon(e.lon_deg));
    const y = P.y(e.lat_deg);
    const tip = `t = ${e.t_s.toFixed(1)} s — ${e.kind}: ${e.label}`;
    parts.push(
      `<g class="ev" data-kind="${escapeHtml(e.kind)}"><title>${escapeHtml(tip)}</title>${marker(st.shape, x, y, 5, st.color)}</g>`,
    );
  }
  for (const [kind, st] of styles) {
    legend.push({
      rank: 4,
      mark: marker(st.shape, 0, 0, 5, st.color),
      text: `${kind} (${counts.get(kind)})`,
    });
  }

  // Scale bar (exact at the middle latitude) and north arrow.
  const barM = niceStep((0.22 * pw) / P.pxPerM, [1, 2, 5]);
  const barPx = barM * P.pxPerM;
  const sbw = barPx + 52;
  const corners = cornerBoxes(pw, ph, sbw, 28);
  const sbCorner = quietestCorner(corners, occupied, [0, 1, 3, 2]);
  const sbx = corners[sbCorner].x + 6;
  const sby = corners[sbCorner].y + 18;
  const half = barPx / 2;
  parts.push(
    `<g class="scale-bar"><title>${escapeHtml(`Scale true at ${formatLat(P.midLat, 2)}`)}</title>` +
      `<rect x="${n1(sbx - 6)}" y="${n1(sby - 18)}" width="${n1(sbw)}" height="28" rx="3" fill="#fff" fill-opacity="0.8"/>` +
      `<rect x="${sbx}" y="${sby}" width="${n1(half)}" height="5" fill="#1d2330"/>` +
      `<rect x="${n1(sbx + half)}" y="${sby}" width="${n1(half)}" height="5" fill="#fff" stroke="#1d2330" stroke-width="1"/>` +
      `<rect x="${sbx}" y="${sby}" width="${n1(barPx)}" height="5" fill="none" stroke="#1d2330" stroke-width="1"/>` +
      `<text x="${sbx}" y="${sby - 4}" font-size="10" fill="#1d2330">0</text>` +
      `<text x="${n1(sbx + barPx)}" y="${sby - 4}" font-size="10" fill="#1d2330" text-anchor="middle">${km(barM)} km</text>` +
      "</g>",
  );
  const arrowCorners = cornerBoxes(pw, ph, 24, 38);
  const ac =
    arrowCorners[
      quietestCorner(
        arrowCorners,
        occupied,
        [2, 3, 1, 0].filter((k) => k !== sbCorner),
      )
    ];
  parts.push(
    `<g class="north" transform="translate(${n1(ac.x + 12)},${n1(ac.y + 16)})"><title>North is up</title>` +
      `<path d="M0,-14L6,4L0,0L-6,4Z" fill="#1d2330" stroke="#fff" stroke-width="1"/>` +
      `${label(0, 16, "N", 'font-size="11" font-weight="700" text-anchor="middle" fill="#1d2330"')}</g>`,
  );
  parts.push("</svg>");

  // Frame and graticule labels, outside the plot.
  parts.push(
    `<rect x="${ml}" y="${mt}" width="${pw}" height="${ph}" fill="none" stroke="#5b6475" stroke-width="1"/>`,
  );
  const labels: string[] = [];
  for (const v of lats) {
    labels.push(
      `<text x="${ml - 5}" y="${n1(mt + P.y(v) + 4)}" text-anchor="end">${formatLat(v, latD)}</text>`,
    );
  }
  for (const v of lons) {
    labels.push(
      `<text x="${n1(ml + P.x(v))}" y="${mt + ph + 15}" text-anchor="middle">${formatLon(v, lonD)}</text>`,
    );
  }
  parts.push(`<g class="graticule-labels" fill="#5b6475" font-size="10.5">${labels.join("")}</g>`);

  // Legend: items in columns, then the elevation key.
  const colW = 200;
  const cols = Math.max(1, Math.floor((W - ml) / colW));
  const ly0 = mt + ph + 40;
  legend.sort((a, b) => a.rank - b.rank); // stable: input order within a rank
  const items = legend.map((it, k) => {
    const x = ml + (k % cols) * colW;
    const y = ly0 + Math.floor(k / cols) * 20;
    return (
      `<g transform="translate(${x + 9},${y})">${it.title ? `<title>${escapeHtml(it.title)}</title>` : ""}${it.mark}` +
      `<text x="16" y="4" fill="#1d2330">${escapeHtml(truncate(it.text, 28))}</text></g>`
    );
  });
  let H = ly0 + Math.ceil(legend.length / cols) * 20;
  if (terrain) {
    // Key up to the first round height at or above the highest ground on the map.
    const top = [250, 500, 1000, 1500, 2000, 3000, 4000, 5000].find((v) => v >= maxLand) ?? 5000;
    const barW = Math.min(320, W - ml - 120);
    const y = H;
    const cells: string[] = [];
    const steps = 64;
    const px = new Uint8Array(3);
    for (let k = 0; k < steps; k++) {
      hypsometric(((k + 0.5) / steps) * top, px, 0);
      cells.push(
        `<rect x="${n1(ml + 60 + (k * barW) / steps)}" y="${y}" width="${n1(barW / steps + 0.4)}" height="10" fill="rgb(${px[0]},${px[1]},${px[2]})"/>`,
      );
    }
    hypsometric(0, px, 0);
    const ticks = [0, top / 2, top].map(
      (v, k) =>
        `<text x="${n1(ml + 60 + (k * barW) / 2)}" y="${y + 23}" text-anchor="middle" font-size="10" fill="#5b6475">${Math.round(v)}${k === 2 ? " m" : ""}</text>`,
    );
    items.push(
      `<g class="elevation-key"><title>Height above the ellipsoid; sea (≤ 0 m) blue; shaded with the sun in the north-west</title>` +
        `<rect x="${ml}" y="${y}" width="40" height="10" fill="rgb(${SEA_SHALLOW.join(",")})" stroke="#5b6475" stroke-width="0.5"/>` +
        `<text x="${ml + 20}" y="${y + 23}" text-anchor="middle" font-size="10" fill="#5b6475">sea</text>` +
        `${cells.join("")}<rect x="${ml + 60}" y="${y}" width="${barW}" height="10" fill="none" stroke="#5b6475" stroke-width="0.5"/>` +
        `${ticks.join("")}</g>`,
    );
    H = y + 30;
  }
  parts.push(`<g class="legend" font-size="11.5">${items.join("")}</g>`);
  H += 8;

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="terrain-map" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="11">` +
    `<title>${ariaTitle}</title>${parts.join("")}</svg>`
  );
}

/** Boxes of w × h px in the plot's corners, 6 px in: bottom-left, bottom-right, top-right, top-left. */
function cornerBoxes(
  pw: number,
  ph: number,
  w: number,
  h: number,
): { x: number; y: number; w: number; h: number }[] {
  return [
    { x: 6, y: ph - h - 6 },
    { x: pw - w - 6, y: ph - h - 6 },
    { x: pw - w - 6, y: 6 },
    { x: 6, y: 6 },
  ].map((c) => ({ ...c, w, h }));
}

/** Index of the box with the fewest of the points (x, y pairs) within 8 px, trying boxes in `order`; first wins ties. */
function quietestCorner(
  boxes: readonly { x: number; y: number; w: number; h: number }[],
  xy: readonly number[],
  order: readonly number[],
): number {
  let best = order[0];
  let bestCount = Number.POSITIVE_INFINITY;
  for (const k of order) {
    const b = boxes[k];
    let count = 0;
    for (let i = 0; i < xy.length; i += 2) {
      const x = xy[i];
      const y = xy[i + 1];
      if (x >= b.x - 8 && x <= b.x + b.w + 8 && y >= b.y - 8 && y <= b.y + b.h + 8) count++;
    }
    if (count < bestCount) {
      best = k;
      bestCount = count;
    }
  }
  return best;
}

/** The colour of a site by name (its index in sites), else the next palette colour after the sites. */
function siteColor(sites: readonly MapSite[], name: string, layer: number): string {
  const k = sites.findIndex((s) => s.name === name);
  // A layer of no one site (e.g. the whole defence's coverage) gets its own colours, never the
  // blue of the sea it would be mistaken for.
  return k >= 0
    ? SITE_COLORS[k % SITE_COLORS.length]
    : COVERAGE_COLORS[layer % COVERAGE_COLORS.length];
}

const COVERAGE_COLORS = ["#e7298a", "#d95f02", "#7570b3"];
