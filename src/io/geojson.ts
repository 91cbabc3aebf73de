/**
 * The flown path and the mission's named points as RFC 7946 GeoJSON, for GIS tools such as QGIS.
 * Also home of the sample thinning shared by the map writers and the HTML report, so the three
 * outputs show the same vertices.
 */

import { normalizeLon, roundTo } from "../core/rounding.js";
import { thinSampleIndices } from "../core/thin-samples.js";
import type { MissionReportInput, NamedPoint } from "../report/report-data.js";

/** [lon, lat] or [lon, lat, alt_m]: RFC 7946 puts longitude first. */
export type GeoJsonPosition = [number, number] | [number, number, number];

/** A single position. */
export interface GeoJsonPoint {
  type: "Point";
  coordinates: GeoJsonPosition;
}

/** An open polyline of two or more positions. */
export interface GeoJsonLineString {
  type: "LineString";
  coordinates: GeoJsonPosition[];
}

/** Polylines; used only when the path crosses the antimeridian (RFC 7946 §3.1.9). */
export interface GeoJsonMultiLineString {
  type: "MultiLineString";
  coordinates: GeoJsonPosition[][];
}

/** A polygon: closed linear rings (first position repeated last), the outer ring first. */
export interface GeoJsonPolygon {
  type: "Polygon";
  coordinates: GeoJsonPosition[][];
}

/** The geometries the writers emit. */
export type GeoJsonGeometry =
  | GeoJsonPoint
  | GeoJsonLineString
  | GeoJsonMultiLineString
  | GeoJsonPolygon;

/** Flat properties, because QGIS turns nested objects into opaque strings in its attribute table. */
export type GeoJsonProperties = Record<string, string | number | boolean | null>;

/** A geometry with its attributes. */
export interface GeoJsonFeature<G extends GeoJsonGeometry = GeoJsonGeometry> {
  type: "Feature";
  geometry: G;
  properties: GeoJsonProperties;
}

/** The document root. RFC 7946 dropped the `crs` member: coordinates are always WGS-84 degrees. */
export interface GeoJsonFeatureCollection {
  type: "FeatureCollection";
  features: GeoJsonFeature[];
}

/** The flown path as a 3D LineString plus points for launch, waypoints, aimpoint and events. */
export function trajectoryToGeoJson(input: MissionReportInput): GeoJsonFeatureCollection {
  const { samples } = input;
  const t = samples.column("t_s");
  const lat = samples.column("lat_deg");
  const lon = samples.column("lon_deg");
  const alt = samples.column("alt_m");
  const features: GeoJsonFeature[] = [];

  const rows = thinSampleIndices(samples);
  if (rows.length >= 2) {
    const coords = rows.map((i) => position(lon[i], lat[i], alt[i], `sample row ${i + 1}`));
    const parts = splitAtAntimeridian(coords);
    const phases = input.phaseNames.length > 0 ? input.phaseNames.join(", ") : null;
    features.push({
      type: "Feature",
      geometry:
        parts.length === 1
          ? { type: "LineString", coordinates: parts[0] }
          : { type: "MultiLineString", coordinates: parts },
      properties: {
        role: "flown_path",
        title: input.title,
        generator: input.generator,
        scenario_file: input.scenarioFile,
        duration_s: roundTo(t[t.length - 1] - t[0], 3),
        samples: samples.length,
        vertices: coords.length,
        phases,
      },
    });
  }

  features.push(pointFeature(input.launch, "launch", { t_s: t.length > 0 ? t[0] : null }));
  input.waypoints.forEach((wp, k) => {
    features.push(pointFeature(wp, "waypoint", { index: k + 1 }));
  });
  features.push(pointFeature(input.aimpoint, "aimpoint", {}));

  for (const ev of input.events) {
    const evLat = ev.data?.lat_deg;
    const evLon = ev.data?.lon_deg;
    if (evLat === undefined || evLon === undefined) continue;
    // Events rarely carry an altitude; the flown path at that time is the best stand-in.
    const evAlt = ev.data?.alt_m ?? interpolate(t, alt, ev.t_s);
    features.push({
      type: "Feature",
      geometry: { type: "Point", coordinates: position(evLon, evLat, evAlt, `event ${ev.kind}`) },
      properties: {
        ...ev.data,
        role: "event",
        name: ev.kind,
        kind: ev.kind,
        message: ev.message,
        t_s: ev.t_s,
      },
    });
  }
  return { type: "FeatureCollection", features };
}

/**
 * Twice the signed area of a ring in the lon/lat plane (degrees², shoelace formula): positive
 * when the ring runs counter-clockwise with east to the right and north up. Longitudes are taken
 * relative to the first vertex's, unwrapped across ±180°, so a ring over the antimeridian counts
 * as the small ring it is. Closed or open rings give the same value.
 */
export function ringArea2(ring: readonly GeoJsonPosition[]): number {
  if (ring.length < 3) return 0;
  const lon0 = ring[0][0];
  const x = (p: GeoJsonPosition) => p[0] - lon0 - 360 * Math.round((p[0] - lon0) / 360);
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    sum += x(a) * b[1] - x(b) * a[1];
  }
  return sum;
}

/** The ring closed (first position repeated last), in the given winding: RFC 7946 §3.1.6. */
function wound(ring: readonly GeoJsonPosition[], ccw: boolean): GeoJsonPosition[] {
  const open = [...ring];
  const first = open[0];
  const last = open.at(-1);
  if (open.length > 1 && first && last && first.every((v, i) => v === last[i])) open.pop();
  if (ringArea2(open) > 0 !== ccw) open.reverse();
  return open.length > 0 ? [...open, open[0]] : open;
}

/** An exterior ring as RFC 7946 §3.1.6 asks: counter-clockwise (right-hand rule) and closed. */
export function counterClockwise(ring: readonly GeoJsonPosition[]): GeoJsonPosition[] {
  return wound(ring, true);
}

/** A hole as RFC 7946 §3.1.6 asks: clockwise and closed. */
export function clockwise(ring: readonly GeoJsonPosition[]): GeoJsonPosition[] {
  return wound(ring, false);
}

/**
 * A Polygon from an exterior ring and holes in any winding, open or closed: every polygon the
 * writers emit goes through here, so none is wound against RFC 7946.
 */
export function polygon(
  exterior: readonly GeoJsonPosition[],
  holes: readonly (readonly GeoJsonPosition[])[] = [],
): GeoJsonPolygon {
  return { type: "Polygon", coordinates: [counterClockwise(exterior), ...holes.map(clockwise)] };
}

/** GeoJSON text with one feature per line: diffable, and still a single valid JSON document. */
export function geoJsonText(fc: GeoJsonFeatureCollection): string {
  const lines = fc.features.map((f) => JSON.stringify(f));
  return `{"type":"FeatureCollection","features":[\n${lines.join(",\n")}\n]}\n`;
}

function position(lon: number, lat: number, alt: number, where: string): GeoJsonPosition {
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || !Number.isFinite(alt)) {
    // JSON.stringify would write null, which GIS readers reject far from the cause.
    throw new RangeError(`non-finite position at ${where}: lon ${lon}, lat ${lat}, alt ${alt}`);
  }
  return [roundTo(normalizeLon(lon), 7), roundTo(lat, 7), roundTo(alt, 2)];
}

function pointFeature(
  p: NamedPoint,
  role: string,
  extra: GeoJsonProperties,
): GeoJsonFeature<GeoJsonPoint> {
  return {
    type: "Feature",
    geometry: { type: "Point", coordinates: position(p.lon_deg, p.lat_deg, p.alt_m, p.name) },
    properties: { role, name: p.name, kind: role, ...extra },
  };
}

/**
 * Cut a polyline where it jumps across ±180° longitude, adding an interpolated vertex on each
 * side, so GIS tools do not draw a line the long way round the globe.
 */
function splitAtAntimeridian(coords: GeoJsonPosition[]): GeoJsonPosition[][] {
  const parts: GeoJsonPosition[][] = [[coords[0]]];
  for (let i = 1; i < coords.length; i++) {
    const a = coords[i - 1];
    const b = coords[i];
    const dLon = b[0] - a[0];
    if (Math.abs(dLon) > 180) {
      const edge = dLon < 0 ? 180 : -180; // the side of the line `a` sits on
      const bUnwrapped = b[0] + (dLon < 0 ? 360 : -360);
      const f = (edge - a[0]) / (bUnwrapped - a[0]);
      const latX = roundTo(a[1] + f * (b[1] - a[1]), 7);
      const altX = roundTo((a[2] ?? 0) + f * ((b[2] ?? 0) - (a[2] ?? 0)), 2);
      parts[parts.length - 1].push([edge, latX, altX]);
      parts.push([[-edge, latX, altX]]);
    }
    parts[parts.length - 1].push(b);
  }
  return parts.filter((p) => p.length >= 2);
}

function interpolate(xs: Float64Array, ys: Float64Array, x: number): number {
  const n = xs.length;
  if (n === 0) return 0;
  if (x <= xs[0]) return ys[0];
  if (x >= xs[n - 1]) return ys[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid;
  }
  const span = xs[hi] - xs[lo];
  return span > 0 ? ys[lo] + ((x - xs[lo]) / span) * (ys[hi] - ys[lo]) : ys[lo];
}
