/**
 * From a searched grid path to flyable fly-by waypoints.
 *
 * 1. String pulling: from each kept vertex, the path jumps to the farthest later vertex whose
 *    straight segment is clear of blocked cells, no longer than the longest allowed segment, and
 *    costs at most (1 + tolerance) times the path it replaces; so the cost rises by at most that
 *    fraction overall, and the many small bends a weighted any-angle search leaves go away.
 * 2. Fly-by feasibility, with the geometry the simulation builds (guidance/route-path.ts): at an
 *    interior waypoint turning by θ the arc of radius R starts and ends R·tan(|θ|/2) from it, and
 *    that must fit in half of each adjacent leg (route-path would otherwise shrink the arc and the
 *    missile cut the corner); θ must not exceed maxTurn; and the arc itself, which lies inside the
 *    corner by up to R·(sec(θ/2) − 1), must not cross a blocked cell. A violation is repaired by
 *    the cheapest clear change among: dropping the waypoint, dropping its neighbour across the
 *    short leg, merging the two into the intersection of their outer legs, or moving the waypoint
 *    outward along its bisector by the arc's inset. Fixed waypoints (start, target, approach
 *    point) are never dropped or moved.
 * 3. A commanded final approach: a waypoint on the approach line, far enough before the target
 *    for the arc onto it to end before the terminal phase begins (plan.ts puts it in the route).
 *
 * Not in a hot loop: small arrays of objects per route are fine here.
 */

import { RAD_PER_DEG } from "../core/units.js";
import { geodesicDirect, geodesicInverse } from "../earth/geodesic.js";
import { flyByArc } from "../guidance/route-path.js";
import type { GridPoint, LatLon, RoutePlanner } from "./route-search.js";

/** A waypoint being smoothed: its grid point and whether it may be dropped or moved. */
export interface SmoothPoint {
  readonly p: GridPoint;
  readonly fixed: boolean;
}

/** Options of smoothing. */
export interface SmoothingOptions {
  /** Fly-by turn radius, m (performance.ts flyByTurnRadius_m). */
  readonly turnRadius_m: number;
  /** Relative cost rise allowed per shortcut; default 0.02. */
  readonly costTolerance?: number;
  /** Largest turn at a waypoint, degrees; default 120. */
  readonly maxTurn_deg?: number;
  /** Longest straight segment, m (as in the search); default unlimited. */
  readonly maxSegment_m?: number;
}

/** Fly-by geometry of a waypoint list. */
export interface FlyByGeometry {
  /** Geodesic leg lengths, m (n − 1). */
  readonly legs_m: number[];
  /** Turn at each waypoint, degrees, positive right (0 at the ends). */
  readonly turns_deg: number[];
  /** Arc tangent distance at each waypoint, m (0 at the ends). */
  readonly trims_m: number[];
}

/** Legs, turns and arc tangent distances of a route through points (degrees), as route-path builds them. */
export function flyByGeometry(pts: readonly LatLon[], turnRadius_m: number): FlyByGeometry {
  const legs_m: number[] = [];
  const azi1: number[] = [];
  const azi2: number[] = [];
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i];
    const b = pts[i + 1];
    const inv = geodesicInverse(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg);
    legs_m.push(inv.distance_m);
    azi1.push(inv.azi1_deg);
    azi2.push(inv.azi2_deg);
  }
  const turns_deg = new Array<number>(pts.length).fill(0);
  const trims_m = new Array<number>(pts.length).fill(0);
  for (let k = 1; k + 1 < pts.length; k++) {
    const d = ((((azi1[k] - azi2[k - 1]) % 360) + 540) % 360) - 180;
    turns_deg[k] = d;
    trims_m[k] = turnRadius_m * Math.tan((Math.abs(d) * RAD_PER_DEG) / 2);
  }
  return { legs_m, turns_deg, trims_m };
}

/** Length (m) flown along the legs with the fly-by arcs: each turn θ saves 2·R·tan(θ/2) − R·θ. */
export function flownLength_m(geo: FlyByGeometry, turnRadius_m: number): number {
  let s = 0;
  for (const l of geo.legs_m) s += l;
  for (const t of geo.turns_deg) {
    const th = Math.abs(t) * RAD_PER_DEG;
    s -= turnRadius_m * (2 * Math.tan(th / 2) - th);
  }
  return s;
}

/** Points (degrees) of the fly-by arc at waypoint k, laid out as route-path's flyByArc does. */
export function flyByArcPoints(pts: readonly LatLon[], k: number, turnRadius_m: number): LatLon[] {
  const a = pts[k - 1];
  const w = pts[k];
  const b = pts[k + 1];
  const inAz = geodesicInverse(a.lat_deg, a.lon_deg, w.lat_deg, w.lon_deg).azi2_deg;
  const outAz = geodesicInverse(w.lat_deg, w.lon_deg, b.lat_deg, b.lon_deg).azi1_deg;
  const turnDeg = ((((outAz - inAz) % 360) + 540) % 360) - 180;
  const turn = turnDeg * RAD_PER_DEG;
  if (Math.abs(turn) < 1e-9) return [w];
  // The same arc the guidance will fly (route-path.ts), so planning checks what is flown.
  const trim = turnRadius_m * Math.tan(Math.abs(turn) / 2);
  return flyByArc(w, inAz, turn, turnRadius_m, trim).map(([lat_deg, lon_deg]) => ({
    lat_deg,
    lon_deg,
  }));
}

/** String pulling within a relative cost tolerance, never across blocked cells or past maxSegment_m. */
export function stringPull(
  planner: RoutePlanner,
  pts: readonly SmoothPoint[],
  tolerance = 0.02,
  maxSegment_m = Number.POSITIVE_INFINITY,
): SmoothPoint[] {
  if (pts.length <= 2) return pts.slice();
  // Cost of each original segment, prefix-summed, so a stretch's cost is one subtraction.
  const prefix = new Float64Array(pts.length);
  for (let i = 1; i < pts.length; i++)
    prefix[i] = prefix[i - 1] + planner.segmentCost(pts[i - 1].p, pts[i].p);
  const out: SmoothPoint[] = [pts[0]];
  let i = 0;
  while (i < pts.length - 1) {
    let best = i + 1;
    let misses = 0;
    // Walk forward; a few failures in a row end the walk (a bend around an obstacle).
    for (let j = i + 2; j < pts.length && misses < 4; j++) {
      // A fixed waypoint between i and j cannot be skipped.
      if (pts[j - 1].fixed) break;
      const allowed = (prefix[j] - prefix[i]) * (1 + tolerance);
      const ok =
        planner.distance(pts[i].p, pts[j].p) <= maxSegment_m &&
        planner.segmentCost(pts[i].p, pts[j].p, allowed) <= allowed;
      if (ok) {
        best = j;
        misses = 0;
      } else misses++;
    }
    out.push(pts[best]);
    i = best;
  }
  return out;
}

/** A fly-by problem at a waypoint. */
export interface FlyByIssue {
  readonly index: number;
  readonly kind: "turn_too_sharp" | "legs_too_short" | "arc_blocked";
  readonly message: string;
}

/** The first fly-by problem of a route (grid points), or null when every waypoint is flyable. */
export function firstFlyByIssue(
  planner: RoutePlanner,
  pts: readonly GridPoint[],
  turnRadius_m: number,
  maxTurn_deg = 120,
): FlyByIssue | null {
  const ll = pts.map((p) => planner.toLatLon(p));
  const geo = flyByGeometry(ll, turnRadius_m);
  for (let k = 1; k + 1 < pts.length; k++) {
    const turn = Math.abs(geo.turns_deg[k]);
    if (turn > maxTurn_deg) {
      return {
        index: k,
        kind: "turn_too_sharp",
        message: `waypoint ${k} turns ${turn.toFixed(0)}° (> ${maxTurn_deg}°)`,
      };
    }
    const room = 0.5 * Math.min(geo.legs_m[k - 1], geo.legs_m[k]);
    if (geo.trims_m[k] > room + 1e-6) {
      return {
        index: k,
        kind: "legs_too_short",
        message: `waypoint ${k}: the fly-by arc needs ${geo.trims_m[k].toFixed(0)} m of each leg, half the shorter leg is ${room.toFixed(0)} m`,
      };
    }
    if (turn > 0.5 && !arcClear(planner, ll, k, turnRadius_m)) {
      return {
        index: k,
        kind: "arc_blocked",
        message: `waypoint ${k}: the fly-by arc crosses a blocked cell`,
      };
    }
  }
  return null;
}

/** Does the fly-by arc at waypoint k stay out of blocked cells? */
export function arcClear(
  planner: RoutePlanner,
  ll: readonly LatLon[],
  k: number,
  turnRadius_m: number,
): boolean {
  const arc = flyByArcPoints(ll, k, turnRadius_m);
  for (let i = 0; i + 1 < arc.length; i++) {
    const c = planner.segmentCost(planner.toGrid(arc[i]), planner.toGrid(arc[i + 1]));
    if (!Number.isFinite(c)) return false;
  }
  return true;
}

/** Intersection of lines a1→a2 and b1→b2 in grid coordinates (metric at a2), or null when parallel. */
function intersect(
  planner: RoutePlanner,
  a1: GridPoint,
  a2: GridPoint,
  b1: GridPoint,
  b2: GridPoint,
): GridPoint | null {
  const g = planner.grid;
  const k = Math.min(g.nLat - 1, Math.max(0, Math.round(a2.r)));
  const sy = g.rowStep_m[k];
  const sx = g.colStep_m[k];
  const ax = (a2.c - a1.c) * sx;
  const ay = (a2.r - a1.r) * sy;
  const bx = (b2.c - b1.c) * sx;
  const by = (b2.r - b1.r) * sy;
  const den = ax * by - ay * bx;
  if (Math.abs(den) < 1e-9 * Math.hypot(ax, ay) * Math.hypot(bx, by)) return null;
  const wx = (b1.c - a1.c) * sx;
  const wy = (b1.r - a1.r) * sy;
  const t = (wx * by - wy * bx) / den;
  const u = (wx * ay - wy * ax) / den;
  // Ahead of a1 along a, and ahead of b1 along b (b runs from the far side toward the merge).
  if (t < 1 || u < 1) return null;
  return { r: a1.r + t * (a2.r - a1.r), c: a1.c + t * (a2.c - a1.c) };
}

/** The waypoint k moved outward along its bisector by the inset of its fly-by arc. */
function shiftedOutward(
  planner: RoutePlanner,
  pts: readonly SmoothPoint[],
  k: number,
  turnRadius_m: number,
): GridPoint | null {
  const g = planner.grid;
  const a = pts[k - 1].p;
  const w = pts[k].p;
  const b = pts[k + 1].p;
  const row = Math.min(g.nLat - 1, Math.max(0, Math.round(w.r)));
  const sy = g.rowStep_m[row];
  const sx = g.colStep_m[row];
  const ux = (w.c - a.c) * sx;
  const uy = (w.r - a.r) * sy;
  const vx = (b.c - w.c) * sx;
  const vy = (b.r - w.r) * sy;
  const nu = Math.hypot(ux, uy);
  const nv = Math.hypot(vx, vy);
  if (nu === 0 || nv === 0) return null;
  // Inside of the turn is along v̂ − û; outward the opposite way.
  const ix = vx / nv - ux / nu;
  const iy = vy / nv - uy / nu;
  const ni = Math.hypot(ix, iy);
  if (ni < 1e-9) return null;
  const cosHalf = Math.sqrt(Math.max(1e-6, 0.5 * (1 + (ux * vx + uy * vy) / (nu * nv))));
  const inset = turnRadius_m * (1 / cosHalf - 1) + 0.5 * Math.min(sx, sy);
  return { r: w.r - ((iy / ni) * inset) / sy, c: w.c - ((ix / ni) * inset) / sx };
}

/** The outcome of smoothing. */
export interface SmoothResult {
  readonly points: SmoothPoint[];
  /** True when every interior waypoint passes the fly-by checks. */
  readonly feasible: boolean;
  /** What is left unresolved (empty when feasible). */
  readonly issues: FlyByIssue[];
  /** Repairs made. */
  readonly repairs: number;
}

/** String-pull a searched path, then repair fly-by problems until none is left or none can be fixed. */
export function smoothPath(
  planner: RoutePlanner,
  path: readonly SmoothPoint[],
  opts: SmoothingOptions,
): SmoothResult {
  const R = opts.turnRadius_m;
  const maxTurn = opts.maxTurn_deg ?? 120;
  const maxSeg = opts.maxSegment_m ?? Number.POSITIVE_INFINITY;
  let pts = stringPull(planner, path, opts.costTolerance ?? 0.02, maxSeg);
  let repairs = 0;
  const clear = (a: GridPoint, b: GridPoint) =>
    planner.distance(a, b) <= maxSeg && Number.isFinite(planner.segmentCost(a, b));
  const costOf = (q: SmoothPoint[]) => planner.evaluate(q.map((s) => s.p)).cost;
  for (let iter = 0; iter < 8 * path.length + 16; iter++) {
    const issue = firstFlyByIssue(
      planner,
      pts.map((s) => s.p),
      R,
      maxTurn,
    );
    if (!issue) return { points: pts, feasible: true, issues: [], repairs };
    const k = issue.index;
    const options: SmoothPoint[][] = [];
    const drop = (i: number) => {
      if (i <= 0 || i >= pts.length - 1 || pts[i].fixed) return;
      if (!clear(pts[i - 1].p, pts[i + 1].p)) return;
      options.push([...pts.slice(0, i), ...pts.slice(i + 1)]);
    };
    const merge = (i: number) => {
      // Waypoints i and i + 1 become one at the crossing of the legs into i and out of i + 1.
      if (i <= 0 || i + 2 >= pts.length || pts[i].fixed || pts[i + 1].fixed) return;
      const x = intersect(planner, pts[i - 1].p, pts[i].p, pts[i + 2].p, pts[i + 1].p);
      if (!x || !clear(pts[i - 1].p, x) || !clear(x, pts[i + 2].p)) return;
      options.push([...pts.slice(0, i), { p: x, fixed: false }, ...pts.slice(i + 2)]);
    };
    drop(k);
    drop(k - 1);
    drop(k + 1);
    merge(k - 1);
    merge(k);
    if (!pts[k].fixed) {
      const s = shiftedOutward(planner, pts, k, R);
      if (s && clear(pts[k - 1].p, s) && clear(s, pts[k + 1].p)) {
        options.push([...pts.slice(0, k), { p: s, fixed: false }, ...pts.slice(k + 1)]);
      }
    }
    let best: SmoothPoint[] | null = null;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const o of options) {
      const c = costOf(o);
      if (c < bestCost) {
        bestCost = c;
        best = o;
      }
    }
    if (!best) return { points: pts, feasible: false, issues: [issue], repairs };
    pts = best;
    repairs++;
  }
  const left = firstFlyByIssue(
    planner,
    pts.map((s) => s.p),
    R,
    maxTurn,
  );
  return { points: pts, feasible: left === null, issues: left ? [left] : [], repairs };
}

/**
 * The approach waypoint: distance_m before the target on the line flown at azimuth_deg (degrees
 * from north) into it. Use at least the turn radius plus the terminal start range.
 */
export function approachPoint(target: LatLon, azimuth_deg: number, distance_m: number): LatLon {
  const p = geodesicDirect(target.lat_deg, target.lon_deg, azimuth_deg + 180, distance_m);
  return { lat_deg: p.lat_deg, lon_deg: p.lon_deg };
}
