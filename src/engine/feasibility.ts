/**
 * Is a mission physically possible at all? Two bounds, checked before anything is planned or
 * flown, so that `standoff validate` and `standoff run` reject the same impossible missions with
 * the real cause (and the planner never builds a continent-sized map for a target out of reach):
 *
 * - **Reach**: an upper bound on the distance the missile can cover from its release: the best
 *   steady-cruise range over the same profile grid `standoff reach` searches (Breguet's range
 *   integrated over the falling mass, planning/performance.ts), plus a glide from the highest of
 *   the release and cruise heights at the airframe's best lift-to-drag ratio (engine out), plus
 *   the strongest wind anywhere in the profile blowing along the whole powered flight. Every term
 *   is optimistic, so a route longer than this bound cannot be flown; a route shorter than it may
 *   still fall short, which the simulation then reports as a flight outcome, not as bad input.
 * - **Minimum engagement distance**: the missile falls unguided for its separation time, then
 *   needs room to push over, at its load-factor limit, into the dive at the impact angle the
 *   scenario asks, and to dive down the remaining height. Closer than that the simulated missile
 *   misses by hundreds of metres or flies far past the aimpoint (minEngagementDistance_m).
 */

import { RAD_PER_DEG } from "../core/units.js";
import { geodesicInverse } from "../earth/geodesic.js";
import { windAt } from "../earth/wind.js";
import type { MissionParams } from "../mission/mission-params.js";
import { PROFILE_ALTITUDES_M, PROFILE_MACHS } from "../mission/reach.js";
import { cruisePerformance } from "../planning/performance.js";
import type { Problem } from "../scenario/problems.js";
import { maxLiftToDrag } from "../vehicle/airframe.js";
import { G0 } from "../vehicle/missile-forces.js";
import type { MissileParams } from "../vehicle/missile-params.js";

/** The terms of the reach bound, m (and the profile that gives the best cruise range). */
export interface ReachBound {
  readonly total_m: number;
  readonly cruise_m: number;
  readonly glide_m: number;
  readonly wind_m: number;
  readonly best_alt_m: number;
  readonly best_mach: number;
}

/** Highest horizontal wind speed (m/s) of a mission's wind model from the ground to 20 km. */
export function maxWindSpeed_mps(p: Pick<MissionParams, "earth">): number {
  const w = new Float64Array(3);
  let max = 0;
  for (let h = 0; h <= 20_000; h += 100) {
    windAt(p.earth.wind, h, w);
    max = Math.max(max, Math.hypot(w[0], w[1]));
  }
  return max;
}

/** Upper bound on the distance (m) the missile can cover from a release at relAlt_m. */
export function reachBound(
  missile: MissileParams,
  relAlt_m: number,
  cruiseAlt_m: number,
  wind_mps: number,
): ReachBound {
  let best = { range_m: 0, endurance_s: 0, alt_m: PROFILE_ALTITUDES_M[0], mach: PROFILE_MACHS[0] };
  for (const alt of PROFILE_ALTITUDES_M) {
    for (const mach of PROFILE_MACHS) {
      const perf = cruisePerformance(missile, alt, mach);
      if (perf.range_m > best.range_m) {
        best = { range_m: perf.range_m, endurance_s: perf.endurance_s, alt_m: alt, mach };
      }
    }
  }
  const top = Math.max(relAlt_m, cruiseAlt_m, best.alt_m);
  const glide_m = top * maxLiftToDrag(missile.airframe);
  const wind_m = wind_mps * best.endurance_s;
  return {
    total_m: best.range_m + glide_m + wind_m,
    cruise_m: best.range_m,
    glide_m,
    wind_m,
    best_alt_m: best.alt_m,
    best_mach: best.mach,
  };
}

/**
 * The minimum engagement distance (m): the unguided separation (flown forward at release speed,
 * falling ½gt²), the quickest push-over the airframe allows from level flight into the γ dive — a
 * circle of radius v²/((1 − n_min)·g) at the most negative load factor n_min (the autopilot does
 * not roll inverted) — and the straight dive at γ down the remaining height, as the impact-angle
 * law flies it. Measured against the simulation (test/engine/feasibility.test.ts): at this
 * distance the missile hits at its impact angle; at 0.8 of it a 45° attack misses by hundreds of
 * metres, while a shallow 30° attack, diving steeper and shallowing late, can still hit — the
 * bound is up to ~20 % conservative there. Turning onto the first leg is left out.
 */
export function minEngagementDistance_m(p: MissionParams, firstLegTurn_rad: number): number {
  const aim = p.aimpoint;
  if (!aim) return 0;
  const v = p.release.tas_mps;
  const t = p.missile.separation_s;
  const ahead = Math.max(0, Math.cos(firstLegTurn_rad));
  const sep_m = v * t * ahead;
  const height = Math.max(0, p.release.alt_m - aim.alt_m - 0.5 * G0 * t * t);
  const R = (v * v) / ((1 - Math.min(0, p.missile.limits.min_load_g)) * G0);
  const gamma = aim.impact_rad;
  // A height below the arc's drop ends the arc early, before the path reaches γ.
  const arcDrop = R * (1 - Math.cos(gamma));
  const dive =
    height >= arcDrop
      ? R * Math.sin(gamma) + (height - arcDrop) / Math.tan(gamma)
      : Math.sqrt(height * (2 * R - height));
  return sep_m + dive;
}

/** Geodesic length (m) of the route release → waypoints → aimpoint, and the first leg's turn (rad). */
function routeGeometry(p: MissionParams): { length_m: number; firstTurn_rad: number } {
  const aim = p.aimpoint;
  const pts = [p.release, ...p.waypoints, ...(aim ? [aim] : [])];
  let length_m = 0;
  let firstAz = p.release.heading_rad;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1];
    const b = pts[i];
    const g = geodesicInverse(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg);
    if (i === 1 && g.distance_m > 0) firstAz = g.azi1_deg * RAD_PER_DEG;
    length_m += g.distance_m;
  }
  let turn = firstAz - p.release.heading_rad;
  turn = Math.atan2(Math.sin(turn), Math.cos(turn));
  return { length_m, firstTurn_rad: turn };
}

const km = (m: number) =>
  (m / 1000).toLocaleString("en-US", {
    minimumFractionDigits: m < 10_000 ? 1 : 0,
    maximumFractionDigits: m < 10_000 ? 1 : 0,
  });

/**
 * Problems (path relative to the mission: "target") when the aimpoint lies beyond the reach
 * bound or closer than the minimum engagement distance along the route; empty when feasible.
 */
export function feasibilityProblems(
  p: MissionParams,
  file: string,
  targetPath = "target",
): Problem[] {
  if (!p.aimpoint) return [];
  const { length_m, firstTurn_rad } = routeGeometry(p);
  const legs =
    p.waypoints.length === 0
      ? "straight from the release point"
      : `from the release point through ${p.waypoints.length} waypoint${p.waypoints.length === 1 ? "" : "s"}`;
  const bound = reachBound(p.missile, p.release.alt_m, p.cruise.alt_m, maxWindSpeed_mps(p));
  if (length_m > bound.total_m) {
    return [
      {
        file,
        path: targetPath,
        expected: `a target within the ${p.missile.name}'s reach: at most ${km(bound.total_m)} km along the route (an upper bound: best cruise ${km(bound.cruise_m)} km at ${bound.best_alt_m.toLocaleString("en-US")} m and Mach ${bound.best_mach}, glide ${km(bound.glide_m)} km${bound.wind_m > 0 ? `, tailwind ${km(bound.wind_m)} km` : ""})`,
        got: `${km(length_m)} km ${legs}`,
      },
    ];
  }
  const min = minEngagementDistance_m(p, firstTurn_rad);
  if (length_m < min) {
    return [
      {
        file,
        path: targetPath,
        expected: `a target at least ${km(min)} km ${legs} (the minimum engagement distance: separation, the push-over at the missile's load limit and the ${Math.round(p.aimpoint.impact_rad / RAD_PER_DEG)}° dive)`,
        got: `${km(length_m)} km`,
      },
    ];
  }
  return [];
}
