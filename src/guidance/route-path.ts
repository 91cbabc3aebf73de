/**
 * A flyable horizontal path from a route: geodesic legs between waypoints, with each interior
 * waypoint replaced by a circular fly-by arc tangent to both legs, sized for the turn radius the
 * missile can fly. Built once before flight; the guidance loop then only walks arrays.
 *
 * Each path vertex carries its ECEF position (on the ellipsoid surface), the distance along the
 * path, and the altitude and Mach commanded there. Legs are sampled every `spacing_m` (chords of a
 * 2 km-sampled geodesic depart from it by under 0.1 m); arcs are laid out in the waypoint's local
 * tangent plane, exact to a few metres for arcs of a few kilometres.
 */

import { RAD_PER_DEG } from "../core/units.js";
import { type Ellipsoid, geodeticToEcef } from "../earth/ellipsoid.js";
import { geodesicInverse, geodesicPoints } from "../earth/geodesic.js";

/** One point the route passes: position (deg), commanded altitude above the ellipsoid (m), Mach. */
export interface RouteWaypoint {
  readonly name: string;
  readonly lat_deg: number;
  readonly lon_deg: number;
  readonly alt_m: number;
  readonly mach: number;
  /** Height to hold above the terrain (m) instead of alt_m; absent or null: hold alt_m. */
  readonly agl_m?: number | null;
}

/** The densified path, as parallel arrays. */
export interface RoutePath {
  readonly n: number;
  /** Vertex positions in ECEF, m (3 per vertex). */
  readonly ecef: Float64Array;
  readonly lat_deg: Float64Array;
  readonly lon_deg: Float64Array;
  /** Distance along the path from its start, m. */
  readonly s_m: Float64Array;
  /** Commanded altitude and Mach on the segment that ends at each vertex. */
  readonly alt_m: Float64Array;
  readonly mach: Float64Array;
  /** Height above the terrain to hold on the segment (m), NaN where alt_m holds. */
  readonly agl_m: Float64Array;
  /** Index of the vertex where each route waypoint's fly-by arc is centred (its nearest vertex). */
  readonly waypointVertex: readonly number[];
  /** Total length, m. */
  readonly length_m: number;
}

/**
 * Build the path through the points (first = start, last = end). turnRadius(wp) gives the fly-by
 * radius at an interior waypoint (m); spacing_m is the vertex spacing on straight legs.
 */
export function buildRoutePath(
  ell: Ellipsoid,
  points: readonly RouteWaypoint[],
  turnRadius: (wp: RouteWaypoint) => number,
  spacing_m = 2000,
): RoutePath {
  if (points.length < 2) throw new RangeError("a route needs at least two points");
  const legs = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    legs.push({ a, b, ...geodesicInverse(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg) });
  }
  // Tangent distance of each interior waypoint's arc, limited to half of each adjacent leg.
  const trim = new Array<number>(points.length).fill(0);
  const turn = new Array<number>(points.length).fill(0);
  const radius = new Array<number>(points.length).fill(0);
  for (let k = 1; k + 1 < points.length; k++) {
    const inAz = legs[k - 1].azi2_deg;
    const outAz = legs[k].azi1_deg;
    let d = ((((outAz - inAz) % 360) + 540) % 360) - 180;
    if (Math.abs(d) < 1e-6) d = 0;
    turn[k] = d * RAD_PER_DEG;
    let r = turnRadius(points[k]);
    let t = r * Math.tan(Math.abs(turn[k]) / 2);
    const room = Math.min(legs[k - 1].distance_m, legs[k].distance_m) / 2;
    if (t > room) {
      // A turn too sharp for its legs: shrink the arc (the guidance will cut the corner).
      r *= room / t;
      t = room;
    }
    trim[k] = t;
    radius[k] = r;
  }

  const lat: number[] = [];
  const lon: number[] = [];
  const alt: number[] = [];
  const mach: number[] = [];
  const agl: number[] = [];
  const wpVertex: number[] = [0];
  const push = (la: number, lo: number, wp: RouteWaypoint) => {
    lat.push(la);
    lon.push(lo);
    alt.push(wp.alt_m);
    mach.push(wp.mach);
    agl.push(wp.agl_m ?? Number.NaN);
  };
  for (let k = 0; k < legs.length; k++) {
    const leg = legs[k];
    const from = trim[k];
    const to = leg.distance_m - trim[k + 1];
    const pts = geodesicPoints(
      leg.a.lat_deg,
      leg.a.lon_deg,
      leg.b.lat_deg,
      leg.b.lon_deg,
      from,
      to,
      spacing_m,
    );
    // The first vertex of a leg after an arc duplicates the arc's last one.
    for (let i = k === 0 ? 0 : 1; i < pts.length; i++) push(pts[i].lat_deg, pts[i].lon_deg, leg.b);
    const next = k + 1;
    if (next < points.length - 1 && turn[next] !== 0) {
      const arc = flyByArc(points[next], legs[k].azi2_deg, turn[next], radius[next], trim[next]);
      const nextLeg = legs[next];
      // Half the arc belongs to each leg for altitude and speed.
      for (let i = 1; i < arc.length; i++) {
        const wp = i <= arc.length / 2 ? leg.b : nextLeg.b;
        push(arc[i][0], arc[i][1], wp);
        if (i === Math.floor(arc.length / 2)) wpVertex.push(lat.length - 1);
      }
    } else if (next < points.length) {
      wpVertex.push(lat.length - 1);
    }
  }

  const n = lat.length;
  const ecef = new Float64Array(3 * n);
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    geodeticToEcef(ell, lat[i] * RAD_PER_DEG, lon[i] * RAD_PER_DEG, 0, ecef, 3 * i);
    if (i > 0) {
      const dx = ecef[3 * i] - ecef[3 * i - 3];
      const dy = ecef[3 * i + 1] - ecef[3 * i - 2];
      const dz = ecef[3 * i + 2] - ecef[3 * i - 1];
      s[i] = s[i - 1] + Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return {
    n,
    ecef,
    lat_deg: Float64Array.from(lat),
    lon_deg: Float64Array.from(lon),
    s_m: s,
    alt_m: Float64Array.from(alt),
    mach: Float64Array.from(mach),
    agl_m: Float64Array.from(agl),
    waypointVertex: wpVertex,
    length_m: s[n - 1],
  };
}

/**
 * Points [lat, lon] (deg) of the fly-by arc at waypoint wp, entered on course inAz_deg, turning by
 * turn_rad (positive right) on radius r_m, tangent trim_m before and after the waypoint; laid out
 * in the waypoint's local east-north plane, one point per 2° of heading.
 */
export function flyByArc(
  wp: { readonly lat_deg: number; readonly lon_deg: number },
  inAz_deg: number,
  turn_rad: number,
  r_m: number,
  trim_m: number,
): Array<[number, number]> {
  const psi0 = inAz_deg * RAD_PER_DEG;
  const sign = turn_rad > 0 ? 1 : -1;
  // Entry tangent point, trim_m back along the inbound course (east, north).
  const te = -trim_m * Math.sin(psi0);
  const tn = -trim_m * Math.cos(psi0);
  // Centre: r_m to the right (right turn) or left of the inbound course.
  const ce = te + sign * r_m * Math.cos(psi0);
  const cn = tn - sign * r_m * Math.sin(psi0);
  const steps = Math.max(2, Math.ceil(Math.abs(turn_rad) / (2 * RAD_PER_DEG)));
  // Metres per degree of latitude and longitude at the waypoint (local spherical approximation of
  // the ellipsoid's radii of curvature, ample over an arc of a few kilometres).
  const a = 6378137;
  const e2 = 6.69437999014e-3;
  const sl = Math.sin(wp.lat_deg * RAD_PER_DEG);
  const w = Math.sqrt(1 - e2 * sl * sl);
  const mPerDegLat = ((a * (1 - e2)) / (w * w * w)) * RAD_PER_DEG;
  const mPerDegLon = (a / w) * Math.cos(wp.lat_deg * RAD_PER_DEG) * RAD_PER_DEG;
  const out: Array<[number, number]> = [];
  for (let i = 0; i <= steps; i++) {
    const psi = psi0 + (turn_rad * i) / steps;
    const e = ce - sign * r_m * Math.cos(psi);
    const nn = cn + sign * r_m * Math.sin(psi);
    out.push([wp.lat_deg + nn / mPerDegLat, wp.lon_deg + e / mPerDegLon]);
  }
  return out;
}
