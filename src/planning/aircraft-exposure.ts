/**
 * The launch aircraft against the air defence, for the launch acceptability region: where on the
 * planning grid a release keeps the aircraft outside every SAM engagement envelope that can see it,
 * by a margin, on a straight ingress from an entry point, at the release point and through its
 * egress turn; and along one such flight, the time it spends inside each radar's detection range
 * and its smallest margin to each envelope.
 *
 * Geometry. A point is in danger of a site when the site sees it (its viewshed at the aircraft's
 * height, or the smooth-Earth horizon off the terrain: terrain/site-visibility.ts), its slant range
 * from the antenna (the Earth's drop d²/2R included) is at most the envelope's maximum range plus
 * the margin, and its height above the ground lies inside the envelope's heights. The minimum range
 * is ignored on purpose: inside it the aircraft has crossed the envelope on its way in. Ingress
 * and egress are straight in latitude and longitude, like the planner's segments, on a plane with
 * the grid's middle-row scales. The ingress is checked as a shadow: from the entry point every
 * direction is blocked beyond the nearest danger node (an angular sweep over danger nodes, each
 * covering the angle half a cell subtends at its distance). The egress is a level 180° turn at the
 * aircraft's turn radius, to whichever side is clear, checked at 16 points per side against the
 * sites directly; the straight run back after the turn lies 2 turn radii beside the ingress (3.7 km
 * for the notional F-16-class at Mach 0.85 and 4 g) and is taken as covered by the ingress check.
 */

import { EARTH_RADIUS_M } from "../terrain/line-of-sight.js";
import type { SiteVisibility } from "../terrain/site-visibility.js";
import { type RadarParams, snr, snrForPdSwerling1 } from "../threats/radar.js";
import { type RcsTable, rcsAt } from "../threats/rcs.js";
import type { SamEnvelope } from "../threats/sam-site.js";
import {
  colLon,
  latRow,
  lonCol,
  metresPerDegLat,
  metresPerDegLon,
  type PlanningGrid,
  rowLat,
} from "./planning-grid.js";

/** A SAM site as the aircraft side needs it. */
export interface SamThreat {
  readonly name: string;
  readonly lat_deg: number;
  readonly lon_deg: number;
  /** Antenna height above the ellipsoid, m. */
  readonly antennaAlt_m: number;
  readonly envelope: SamEnvelope;
  /** Line of sight from its antenna (viewshed over the terrain, horizon beyond). */
  readonly visibility: SiteVisibility;
}

/** A radar (search or SAM) for the detection time along a flight. */
export interface DetectingRadar {
  readonly name: string;
  readonly lat_deg: number;
  readonly lon_deg: number;
  readonly antennaAlt_m: number;
  readonly radar: RadarParams;
  readonly visibility: SiteVisibility;
}

/** What the aircraft side is computed from. */
export interface AircraftSideParams {
  readonly grid: PlanningGrid;
  /** Aircraft altitude above the ellipsoid, m. */
  readonly alt_m: number;
  /** Ground height per node, m (for heights above the ground). */
  readonly ground_m: Float32Array;
  /** Ground height at any point, m. */
  readonly groundAt: (lat_deg: number, lon_deg: number) => number;
  readonly sams: readonly SamThreat[];
  /** Distance kept outside each envelope, m. */
  readonly margin_m: number;
  /** Start of the straight ingress (null: not checked; the release heading is then to the target). */
  readonly entry: { readonly lat_deg: number; readonly lon_deg: number } | null;
  readonly target: { readonly lat_deg: number; readonly lon_deg: number };
  /** Level-turn radius of the egress, m. */
  readonly turnRadius_m: number;
}

/** Slant range (m) from a site's antenna to a point alt_m above the ellipsoid, Earth's drop included. */
export function slantRange_m(
  s: { lat_deg: number; lon_deg: number; antennaAlt_m: number },
  lat_deg: number,
  lon_deg: number,
  alt_m: number,
): number {
  const mid = 0.5 * (lat_deg + s.lat_deg);
  const dy = (lat_deg - s.lat_deg) * metresPerDegLat(mid);
  const dx = (lon_deg - s.lon_deg) * metresPerDegLon(mid);
  const d2 = dx * dx + dy * dy;
  const dh = alt_m - s.antennaAlt_m + d2 / (2 * EARTH_RADIUS_M);
  return Math.sqrt(d2 + dh * dh);
}

/** Is a point (degrees, alt_m above the ellipsoid, agl_m above the ground) in danger of site s? */
export function inDanger(
  s: SamThreat,
  margin_m: number,
  lat_deg: number,
  lon_deg: number,
  alt_m: number,
  agl_m: number,
): boolean {
  const e = s.envelope;
  if (agl_m < e.min_alt_m || agl_m > e.max_alt_m) return false;
  if (slantRange_m(s, lat_deg, lon_deg, alt_m) > e.max_range_m + margin_m) return false;
  return s.visibility.visible(lat_deg, lon_deg, alt_m);
}

/** Danger per node (1: some site sees it inside its envelope plus the margin). */
export function dangerRaster(p: AircraftSideParams): Uint8Array {
  const g = p.grid;
  const out = new Uint8Array(g.nLat * g.nLon);
  for (const s of p.sams) {
    const reach = s.envelope.max_range_m + p.margin_m;
    const dLat = reach / metresPerDegLat(s.lat_deg);
    const r0 = Math.max(0, Math.floor(latRow(g, s.lat_deg - dLat)));
    const r1 = Math.min(g.nLat - 1, Math.ceil(latRow(g, s.lat_deg + dLat)));
    for (let r = r0; r <= r1; r++) {
      const lat = rowLat(g, r);
      const dLon =
        reach / metresPerDegLon(Math.min(89, Math.max(Math.abs(lat), Math.abs(s.lat_deg))));
      const c0 = Math.max(0, Math.floor(lonCol(g, s.lon_deg - dLon)));
      const c1 = Math.min(g.nLon - 1, Math.ceil(lonCol(g, s.lon_deg + dLon)));
      for (let c = c0; c <= c1; c++) {
        const k = r * g.nLon + c;
        if (out[k]) continue;
        if (inDanger(s, p.margin_m, lat, colLon(g, c), p.alt_m, p.alt_m - p.ground_m[k]))
          out[k] = 1;
      }
    }
  }
  return out;
}

/**
 * Nodes whose straight ingress from the entry point meets a danger node (1), by an angular sweep
 * from the entry over the danger nodes; all 0 without an entry point.
 */
export function ingressShadow(p: AircraftSideParams, danger: Uint8Array): Uint8Array {
  const g = p.grid;
  const n = g.nLat * g.nLon;
  const out = new Uint8Array(n);
  if (!p.entry) return out;
  const mid = Math.floor(g.nLat / 2);
  const sy = g.rowStep_m[mid];
  const sx = g.colStep_m[mid];
  const half = 0.5 * Math.min(sx, sy);
  const yE = latRow(g, p.entry.lat_deg) * sy;
  const xE = lonCol(g, p.entry.lon_deg) * sx;
  let rhoMax = 0;
  for (const [r, c] of [
    [0, 0],
    [0, g.nLon - 1],
    [g.nLat - 1, 0],
    [g.nLat - 1, g.nLon - 1],
  ]) {
    rhoMax = Math.max(rhoMax, Math.hypot(c * sx - xE, r * sy - yE));
  }
  const bins = Math.min(1 << 17, Math.max(64, Math.ceil((2 * Math.PI * rhoMax) / (0.5 * half))));
  const perRad = bins / (2 * Math.PI);
  const first = new Float64Array(bins).fill(Number.POSITIVE_INFINITY);
  for (let r = 0; r < g.nLat; r++) {
    for (let c = 0; c < g.nLon; c++) {
      if (!danger[r * g.nLon + c]) continue;
      const x = c * sx - xE;
      const y = r * sy - yE;
      const rho = Math.hypot(x, y);
      const start = Math.max(0, rho - half);
      if (rho <= half) {
        first.fill(0);
        continue;
      }
      const th = Math.atan2(y, x);
      const dth = Math.asin(Math.min(1, half / rho));
      const b0 = Math.floor((th - dth) * perRad);
      const b1 = Math.floor((th + dth) * perRad);
      for (let b = b0; b <= b1; b++) {
        const i = ((b % bins) + bins) % bins;
        if (start < first[i]) first[i] = start;
      }
    }
  }
  for (let r = 0; r < g.nLat; r++) {
    for (let c = 0; c < g.nLon; c++) {
      const x = c * sx - xE;
      const y = r * sy - yE;
      const rho = Math.hypot(x, y);
      const i = ((Math.floor(Math.atan2(y, x) * perRad) % bins) + bins) % bins;
      if (rho >= first[i]) out[r * g.nLon + c] = 1;
    }
  }
  return out;
}

/** Unit vector (east, north) of the release heading at a node: from the entry, else to the target. */
function releaseHeading(p: AircraftSideParams, r: number, c: number): [number, number] {
  const g = p.grid;
  const row = Math.min(g.nLat - 1, Math.max(0, Math.round(r)));
  const from = p.entry;
  let dx: number;
  let dy: number;
  if (from) {
    dx = (c - lonCol(g, from.lon_deg)) * g.colStep_m[row];
    dy = (r - latRow(g, from.lat_deg)) * g.rowStep_m[row];
  } else {
    dx = (lonCol(g, p.target.lon_deg) - c) * g.colStep_m[row];
    dy = (latRow(g, p.target.lat_deg) - r) * g.rowStep_m[row];
  }
  const L = Math.hypot(dx, dy);
  return L > 0 ? [dx / L, dy / L] : [0, 1];
}

/** Points (degrees) of the 180° egress turn from (lat, lon) on heading u, to the left (+1) or right (−1). */
export function egressArc(
  lat_deg: number,
  lon_deg: number,
  u: readonly [number, number],
  side: 1 | -1,
  radius_m: number,
  points = 16,
): { lat_deg: number; lon_deg: number }[] {
  const mLat = metresPerDegLat(lat_deg);
  const mLon = metresPerDegLon(lat_deg);
  // Left normal of (east, north) = (−north, east).
  const nx = -u[1] * side;
  const ny = u[0] * side;
  const out: { lat_deg: number; lon_deg: number }[] = [];
  for (let k = 1; k <= points; k++) {
    const phi = (Math.PI * k) / points;
    const e = radius_m * (nx * (1 - Math.cos(phi)) + u[0] * Math.sin(phi));
    const nn = radius_m * (ny * (1 - Math.cos(phi)) + u[1] * Math.sin(phi));
    out.push({ lat_deg: lat_deg + nn / mLat, lon_deg: lon_deg + e / mLon });
  }
  return out;
}

/** The aircraft side: 1 where the release, its ingress and one of its egress turns are safe. */
export function aircraftSafeRaster(
  p: AircraftSideParams,
  danger: Uint8Array = dangerRaster(p),
): Uint8Array {
  const g = p.grid;
  const shadow = ingressShadow(p, danger);
  const out = new Uint8Array(g.nLat * g.nLon);
  const turn = p.turnRadius_m;
  const near: SamThreat[] = [];
  for (let r = 0; r < g.nLat; r++) {
    const lat = rowLat(g, r);
    for (let c = 0; c < g.nLon; c++) {
      const k = r * g.nLon + c;
      if (danger[k] || shadow[k]) continue;
      const lon = colLon(g, c);
      // Only sites within reach of the turn can make it unsafe.
      near.length = 0;
      for (const s of p.sams) {
        if (slantRange_m(s, lat, lon, p.alt_m) <= s.envelope.max_range_m + p.margin_m + 2.5 * turn)
          near.push(s);
      }
      if (near.length === 0) {
        out[k] = 1;
        continue;
      }
      const u = releaseHeading(p, r, c);
      for (const side of [1, -1] as const) {
        const arc = egressArc(lat, lon, u, side, turn);
        const clear = arc.every((q) => {
          const agl = p.alt_m - p.groundAt(q.lat_deg, q.lon_deg);
          return near.every((s) => !inDanger(s, p.margin_m, q.lat_deg, q.lon_deg, p.alt_m, agl));
        });
        if (clear) {
          out[k] = 1;
          break;
        }
      }
    }
  }
  return out;
}

/** A sampled flight of the launch aircraft: points (degrees) and headings (rad), evenly in time. */
export interface AircraftTrack {
  readonly lat_deg: Float64Array;
  readonly lon_deg: Float64Array;
  readonly heading_rad: Float64Array;
  /** Time between samples, s. */
  readonly dt_s: number;
  /** Index of the release sample. */
  readonly releaseIndex: number;
}

/**
 * The flight through a release point: the straight ingress from the entry (none without one), the
 * egress turn to the given side and the straight run back on the reciprocal heading for as long as
 * the ingress (or backLength_m without an entry), sampled every dt_s at speed_mps.
 */
export function aircraftTrack(
  p: AircraftSideParams,
  release: { lat_deg: number; lon_deg: number },
  side: 1 | -1,
  speed_mps: number,
  dt_s: number,
  backLength_m = 300_000,
): AircraftTrack {
  const mLat = metresPerDegLat(release.lat_deg);
  const mLon = metresPerDegLon(release.lat_deg);
  const g = p.grid;
  const u = releaseHeading(p, latRow(g, release.lat_deg), lonCol(g, release.lon_deg));
  const step = speed_mps * dt_s;
  const lat: number[] = [];
  const lon: number[] = [];
  const hdg: number[] = [];
  const psi = Math.atan2(u[0], u[1]);
  let inLen = 0;
  if (p.entry) {
    const ex = (p.entry.lon_deg - release.lon_deg) * mLon;
    const ey = (p.entry.lat_deg - release.lat_deg) * mLat;
    inLen = Math.hypot(ex, ey);
    for (let s = inLen; s > 0; s -= step) {
      lat.push(release.lat_deg - (u[1] * s) / mLat);
      lon.push(release.lon_deg - (u[0] * s) / mLon);
      hdg.push(psi);
    }
  }
  const releaseIndex = lat.length;
  lat.push(release.lat_deg);
  lon.push(release.lon_deg);
  hdg.push(psi);
  const R = p.turnRadius_m;
  const arcPts = Math.max(2, Math.ceil((Math.PI * R) / step));
  const arc = egressArc(release.lat_deg, release.lon_deg, u, side, R, arcPts);
  arc.forEach((q, i) => {
    lat.push(q.lat_deg);
    lon.push(q.lon_deg);
    hdg.push(psi - side * Math.PI * ((i + 1) / arcPts));
  });
  const end = arc[arc.length - 1];
  const back = p.entry ? inLen : backLength_m;
  for (let s = step; s <= back; s += step) {
    lat.push(end.lat_deg - (u[1] * s) / mLat);
    lon.push(end.lon_deg - (u[0] * s) / mLon);
    hdg.push(psi + Math.PI);
  }
  return {
    lat_deg: Float64Array.from(lat),
    lon_deg: Float64Array.from(lon),
    heading_rad: Float64Array.from(hdg),
    dt_s,
    releaseIndex,
  };
}

/** Per radar: time (s) the aircraft is in its sight and inside its single-look Pd ≥ 0.5 range. */
export interface DetectionTime {
  readonly name: string;
  readonly detectable_s: number;
}

/**
 * Time in detection along a track: per radar, and in any radar, the time in sight with single-look
 * Pd ≥ 0.5 (the aspect-dependent RCS for the bearing off the nose and the elevation of the radar).
 */
export function detectionTime(
  track: AircraftTrack,
  alt_m: number,
  radars: readonly DetectingRadar[],
  rcs: RcsTable,
): { perRadar: DetectionTime[]; any_s: number } {
  const n = track.lat_deg.length;
  const per = new Float64Array(radars.length);
  let seenByAny_s = 0;
  for (let i = 0; i < n; i++) {
    let seen = false;
    for (let j = 0; j < radars.length; j++) {
      const rd = radars[j];
      const lat = track.lat_deg[i];
      const lon = track.lon_deg[i];
      const range = slantRange_m(rd, lat, lon, alt_m);
      const mid = 0.5 * (lat + rd.lat_deg);
      const bearing = Math.atan2(
        (rd.lon_deg - lon) * metresPerDegLon(mid),
        (rd.lat_deg - lat) * metresPerDegLat(mid),
      );
      const offNose = ((bearing - track.heading_rad[i]) * 180) / Math.PI;
      const elev =
        (Math.asin(Math.max(-1, Math.min(1, (rd.antennaAlt_m - alt_m) / range))) * 180) / Math.PI;
      const s = snr(rd.radar, rcsAt(rcs, offNose, elev), range);
      if (s < snrForPdSwerling1(0.5, rd.radar.pfa)) continue;
      if (!rd.visibility.visible(lat, lon, alt_m)) continue;
      per[j] += track.dt_s;
      seen = true;
    }
    if (seen) seenByAny_s += track.dt_s;
  }
  return {
    perRadar: radars.map((r, j) => ({ name: r.name, detectable_s: per[j] })),
    any_s: seenByAny_s,
  };
}

/** Smallest margin (m) of a track to a site's envelope: slant range less maximum range. */
export interface ThreatMargin {
  readonly name: string;
  /** Over the points the site sees (null: it never sees the aircraft). */
  readonly visibleMargin_m: number | null;
  /** Over every point, seen or not. */
  readonly geometricMargin_m: number;
}

/** The smallest margin to each SAM envelope along a track at alt_m. */
export function trackMargins(
  track: AircraftTrack,
  alt_m: number,
  sams: readonly SamThreat[],
): ThreatMargin[] {
  return sams.map((s) => {
    let vis = Number.POSITIVE_INFINITY;
    let geo = Number.POSITIVE_INFINITY;
    for (let i = 0; i < track.lat_deg.length; i++) {
      const m = slantRange_m(s, track.lat_deg[i], track.lon_deg[i], alt_m) - s.envelope.max_range_m;
      if (m < geo) geo = m;
      if (m < vis && s.visibility.visible(track.lat_deg[i], track.lon_deg[i], alt_m)) vis = m;
    }
    return {
      name: s.name,
      visibleMargin_m: Number.isFinite(vis) ? vis : null,
      geometricMargin_m: geo,
    };
  });
}
