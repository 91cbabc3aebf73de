/**
 * Salvo timing: several missiles from one or more launch aircraft onto one or more aimpoints,
 * all to arrive inside a commanded window. Pure functions of the planned routes.
 *
 * Each missile's time of flight is its fixed overhead (separation, engine start, the descent from
 * release and the terminal dive, as the caller estimates them) plus its flown length over its
 * cruise ground speed. Each aircraft releases its missiles no closer than its minimum interval,
 * within its launch bounds; different aircraft are independent.
 *
 * Launch times alone: per aircraft, find the smallest s such that every time on target (TOT) can
 * lie within s of the aim time (default the window's middle) and inside the window. For a given s
 * every missile's launch must fall in [max(open, T − s) − TOF, min(close, T + s) − TOF]: windows of
 * one width, in the same order by start and by end, for which releasing greedily in that order
 * (each at the later of its window start and the previous release plus the interval) is optimal;
 * s is found by bisection.
 *
 * Stretching, when launch times cannot fit (too many missiles for the window at the release
 * interval): the aircraft releases longest flight first, as early as allowed (or later, to put the
 * last arrival at the aim time); the last arrival sets T_last; every missile arriving earlier than
 * max(open, T_last − width/2) is lengthened by the difference times its speed, so all arrive in
 * the later half of the window at most. A missile whose stretch exceeds its spare range, or a
 * T_last after the window closes, makes the plan infeasible, and the reason says which.
 * `stretchRoute` then lengthens a route by that much with one dog-leg (no loiter).
 */

import { geodesicDirect, geodesicInverse } from "../earth/geodesic.js";
import type { LatLon } from "./route-search.js";
import { flownLength_m, flyByGeometry } from "./smoothing.js";

/** One missile of the salvo, with its planned route. */
export interface SalvoMissile {
  readonly name: string;
  /** The aircraft that releases it. */
  readonly aircraft: string;
  /** Flown route length, m. */
  readonly length_m: number;
  /** Mean ground speed along the route, m/s. */
  readonly groundSpeed_mps: number;
  /** Time not spent cruising: separation, engine start, descent and terminal dive overheads, s. */
  readonly overhead_s: number;
  /** Longest extension the fuel allows, m (range less reserve less length); default unlimited. */
  readonly maxStretch_m?: number;
}

/** A launch aircraft. */
export interface SalvoAircraft {
  readonly name: string;
  /** Earliest and latest release times, s (latest default unlimited). */
  readonly earliestLaunch_s: number;
  readonly latestLaunch_s?: number;
  /** Shortest time between two releases, s. */
  readonly minInterval_s: number;
}

/** The commanded arrival window, s on the same clock as the launch times. */
export interface ArrivalWindow {
  readonly open_s: number;
  readonly close_s: number;
  /** The time to aim at; default the middle of the window. */
  readonly aim_s?: number;
}

/** One missile's plan. */
export interface SalvoEntry {
  readonly name: string;
  readonly aircraft: string;
  readonly launch_s: number;
  readonly timeOfFlight_s: number;
  /** Extra route length asked for, m (0 unless stretched). */
  readonly stretch_m: number;
  /** Planned time on target, s. */
  readonly tot_s: number;
}

/** The salvo plan. */
export interface SalvoPlan {
  readonly ok: boolean;
  /** Why it is infeasible (empty when ok). */
  readonly reasons: string[];
  /** Every missile, in input order (best effort when infeasible). */
  readonly entries: SalvoEntry[];
  /** Latest minus earliest planned TOT, s. */
  readonly spread_s: number;
}

/** Planned time of flight (s) of a missile whose route is lengthened by stretch_m. */
export function timeOfFlight_s(m: SalvoMissile, stretch_m = 0): number {
  return m.overhead_s + (m.length_m + stretch_m) / m.groundSpeed_mps;
}

/** Greedy releases in the given order within [lo, hi] each, interval apart; null if one misses. */
function greedy(
  order: readonly number[],
  lo: Float64Array,
  hi: Float64Array,
  interval: number,
  out: Float64Array,
): boolean {
  let prev = Number.NEGATIVE_INFINITY;
  for (const i of order) {
    const t = Math.max(lo[i], prev + interval);
    if (t > hi[i] + 1e-9) return false;
    out[i] = t;
    prev = t;
  }
  return true;
}

/** Launch times (and stretches where needed) putting every planned TOT inside the window. */
export function planSalvo(
  missiles: readonly SalvoMissile[],
  aircraft: readonly SalvoAircraft[],
  window: ArrivalWindow,
): SalvoPlan {
  const { open_s: open, close_s: close } = window;
  if (!(close >= open)) throw new RangeError("arrival window: close must not be before open");
  const aim = window.aim_s ?? 0.5 * (open + close);
  const n = missiles.length;
  const tof = Float64Array.from(missiles, (m) => timeOfFlight_s(m));
  const launch = new Float64Array(n);
  const stretch = new Float64Array(n);
  const reasons: string[] = [];
  const byName = new Map(aircraft.map((a) => [a.name, a]));
  for (const m of missiles) {
    if (!byName.has(m.aircraft)) throw new RangeError(`${m.name}: unknown aircraft ${m.aircraft}`);
  }
  for (const ac of aircraft) {
    const idx = missiles.map((_, i) => i).filter((i) => missiles[i].aircraft === ac.name);
    if (idx.length === 0) continue;
    const e = ac.earliestLaunch_s;
    const L = ac.latestLaunch_s ?? Number.POSITIVE_INFINITY;
    const lo = new Float64Array(n);
    const hi = new Float64Array(n);
    const order = [...idx].sort((a, b) => tof[b] - tof[a] || a - b);
    const fits = (s: number) => {
      const A = Math.max(open, aim - s);
      const B = Math.min(close, aim + s);
      for (const i of idx) {
        lo[i] = Math.max(A - tof[i], e);
        hi[i] = Math.min(B - tof[i], L);
      }
      return greedy(order, lo, hi, ac.minInterval_s, launch);
    };
    const sMax = Math.max(aim - open, close - aim);
    if (fits(sMax)) {
      let a = 0;
      let b = sMax;
      if (!fits(0)) {
        for (let it = 0; it < 60 && b - a > 1e-6; it++) {
          const mid = 0.5 * (a + b);
          if (fits(mid)) b = mid;
          else a = mid;
        }
      } else b = 0;
      fits(b);
      continue;
    }
    // Stretching: longest flight first, as early as allowed, then delayed toward the aim time.
    let prev = Number.NEGATIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const i of order) {
      launch[i] = Math.max(e, prev + ac.minInterval_s);
      prev = launch[i];
      last = Math.max(last, launch[i] + tof[i]);
    }
    const delay = Math.max(0, Math.min(aim - last, L - prev));
    if (delay > 0) {
      for (const i of idx) launch[i] += delay;
      last += delay;
    }
    if (prev > L + 1e-9) {
      reasons.push(`${ac.name}: cannot release ${idx.length} missiles before ${L} s`);
    }
    if (last > close + 1e-9) {
      reasons.push(
        `${ac.name}: its last missile arrives at ${last.toFixed(1)} s, after the window closes at ${close} s, even released as early as allowed`,
      );
    }
    const floor = Math.max(open, last - 0.5 * (close - open));
    for (const i of idx) {
      const tot = launch[i] + tof[i];
      if (tot < floor) {
        stretch[i] = (floor - tot) * missiles[i].groundSpeed_mps;
        const spare = missiles[i].maxStretch_m ?? Number.POSITIVE_INFINITY;
        if (stretch[i] > spare + 1e-6) {
          reasons.push(
            `${missiles[i].name}: needs ${(stretch[i] / 1000).toFixed(1)} km more route, has ${(spare / 1000).toFixed(1)} km to spare`,
          );
        }
      }
    }
  }
  const entries = salvoEntries(missiles, launch, stretch);
  let first = Number.POSITIVE_INFINITY;
  let lastTot = Number.NEGATIVE_INFINITY;
  for (const en of entries) {
    first = Math.min(first, en.tot_s);
    lastTot = Math.max(lastTot, en.tot_s);
    if (reasons.length === 0 && (en.tot_s < open - 1e-6 || en.tot_s > close + 1e-6)) {
      reasons.push(`${en.name}: planned TOT ${en.tot_s.toFixed(1)} s is outside the window`);
    }
  }
  return { ok: reasons.length === 0, reasons, entries, spread_s: n > 0 ? lastTot - first : 0 };
}

/** Each missile's timed entry from its launch time (s) and route stretch (m). */
export function salvoEntries(
  missiles: readonly SalvoMissile[],
  launch: ArrayLike<number>,
  stretch: ArrayLike<number>,
): SalvoEntry[] {
  return missiles.map((m, i) => {
    const t = timeOfFlight_s(m, stretch[i]);
    return {
      name: m.name,
      aircraft: m.aircraft,
      launch_s: launch[i],
      timeOfFlight_s: t,
      stretch_m: stretch[i],
      tot_s: launch[i] + t,
    };
  });
}

/** A route lengthened by a dog-leg. */
export interface StretchedRoute {
  readonly ok: boolean;
  readonly waypoints: LatLon[];
  /** Flown length added (with fly-by arcs), m. */
  readonly added_m: number;
  readonly reason: string;
}

/**
 * Lengthen a route (degrees, start … target) by extra_m of flown length with one dog-leg: an apex
 * offset sideways from the middle of the longest leg (never the last leg, which may be a
 * commanded approach), found by bisection so the flown length (fly-by arcs of turnRadius_m
 * included) grows by extra_m within 1 m. Tries each leg from the longest and both sides; keeps the
 * first whose new legs `isClear` accepts and whose arcs fit their legs (or, with `cost`, the
 * cheapest such).
 */
export function stretchRoute(
  waypoints: readonly LatLon[],
  extra_m: number,
  turnRadius_m: number,
  isClear: (a: LatLon, b: LatLon) => boolean,
  cost?: (pts: readonly LatLon[]) => number,
): StretchedRoute {
  if (extra_m <= 0) return { ok: true, waypoints: waypoints.slice(), added_m: 0, reason: "" };
  const R = turnRadius_m;
  const base = flownLength_m(flyByGeometry(waypoints, R), R);
  const legs = flyByGeometry(waypoints, R).legs_m;
  const order = legs
    .map((l, i) => ({ l, i }))
    .filter((x) => x.i < legs.length - 1 || legs.length === 1)
    .sort((a, b) => b.l - a.l);
  let best: LatLon[] | null = null;
  let bestCost = Number.POSITIVE_INFINITY;
  let added = 0;
  for (const { i } of order) {
    const a = waypoints[i];
    const b = waypoints[i + 1];
    const inv = geodesicInverse(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg);
    const mid = geodesicDirect(a.lat_deg, a.lon_deg, inv.azi1_deg, 0.5 * inv.distance_m);
    for (const side of [90, -90]) {
      const withApex = (h: number): LatLon[] => {
        const apex = geodesicDirect(mid.lat_deg, mid.lon_deg, mid.azi_deg + side, h);
        return [
          ...waypoints.slice(0, i + 1),
          { lat_deg: apex.lat_deg, lon_deg: apex.lon_deg },
          ...waypoints.slice(i + 1),
        ];
      };
      const gain = (h: number) => flownLength_m(flyByGeometry(withApex(h), R), R) - base - extra_m;
      let hi = Math.max(extra_m, 1000);
      for (let k = 0; k < 40 && gain(hi) < 0; k++) hi *= 2;
      if (gain(hi) < 0) continue;
      let lo = 0;
      for (let k = 0; k < 60 && hi - lo > 0.5; k++) {
        const m = 0.5 * (lo + hi);
        if (gain(m) < 0) lo = m;
        else hi = m;
      }
      const pts = withApex(hi);
      const geo = flyByGeometry(pts, R);
      let fits = true;
      for (let k = 1; k + 1 < pts.length && fits; k++) {
        fits = geo.trims_m[k] <= 0.5 * Math.min(geo.legs_m[k - 1], geo.legs_m[k]) + 1e-6;
      }
      if (!fits || !isClear(pts[i], pts[i + 1]) || !isClear(pts[i + 1], pts[i + 2])) continue;
      const c = cost ? cost(pts) : 0;
      if (c < bestCost) {
        bestCost = c;
        best = pts;
        added = flownLength_m(geo, R) - base;
      }
      if (!cost) break;
    }
    if (best && !cost) break;
  }
  if (!best) {
    return {
      ok: false,
      waypoints: waypoints.slice(),
      added_m: 0,
      reason: `no clear dog-leg adds ${(extra_m / 1000).toFixed(1)} km with fly-by arcs that fit`,
    };
  }
  return { ok: true, waypoints: best, added_m: added, reason: "" };
}
