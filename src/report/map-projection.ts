/**
 * Where the terrain map looks and how it lays the Earth on the page: the map's box (everything
 * drawn plus a margin), longitudes unwrapped across ±180°, and the equirectangular projection with
 * x scaled by cos(mid-latitude), so at the map's middle latitude a kilometre is the same length
 * east–west and north–south.
 */

import { EARTH_RADIUS_M } from "../terrain/line-of-sight.js";
import type { MapBounds, TerrainMapInput } from "./map-input.js";

/** Radians per degree. */
export const D2R = Math.PI / 180;
/** Metres per degree of latitude (spherical Earth, as line-of-sight and viewshed use). */
export const M_PER_DEG = EARTH_RADIUS_M * D2R;
/** Latitude limit of the map: the projection is useless nearer the poles. */
const MAX_LAT = 85;

/** Throws a RangeError unless the box is finite with lat0 < lat1 and lon0 < lon1. */
export function checkBounds(b: MapBounds): void {
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

/** lon shifted by a whole number of turns to lie within 180° of ref. */
export function nearestTurn(lon: number, ref: number): number {
  return lon - 360 * Math.round((lon - ref) / 360);
}

/** Degrees of latitude and of longitude (at lat) spanned by a distance, m. */
export function degreesFor(distance_m: number, lat_deg: number): { dLat: number; dLon: number } {
  const dLat = distance_m / M_PER_DEG;
  return { dLat, dLon: dLat / Math.max(0.01, Math.cos(lat_deg * D2R)) };
}

/** A growing latitude/longitude box, empty until the first point. */
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
 * The track's longitudes unwrapped into one continuous run (NaN where a sample is not finite),
 * and the longitude the rest of the map is unwrapped around: the track's last finite sample, else
 * the first site, point or event, else 0.
 */
export function unwrapTrack(input: TerrainMapInput): { trackLon: Float64Array; refLon: number } {
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
  return { trackLon, refLon };
}

/**
 * The map's box: everything to be drawn (track, points, sites, events, rings) plus a 6 % margin.
 * Rings may widen the box around the other items by at most max(half their span, 50 km) on each
 * side, so one long-range surveillance ring cannot shrink the flight to a dot; a ring cut by
 * that limit is drawn clipped. The box is at least 10 km a side, kept between 1:2 and 5:4
 * (height:width, projected) by widening the short side, and limited to ±85° latitude.
 */
export function mapExtent(
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
  for (const c of input.circles ?? []) {
    const { dLat, dLon } = degreesFor(c.radius_m, c.lat_deg);
    const lon = nearestTurn(c.lon_deg, refLon);
    core.add(c.lat_deg - dLat, lon - dLon);
    core.add(c.lat_deg + dLat, lon + dLon);
  }
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
export class Projection {
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
