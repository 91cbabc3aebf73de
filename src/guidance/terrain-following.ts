/**
 * Terrain following: hold a commanded height above the ground along the planned path, looking
 * ahead so the missile starts climbing before a rise instead of meeting it.
 *
 * The required altitude now is the upper envelope of the terrain ahead, each sample lowered by the
 * height a climb at the usable climb angle gains before reaching it:
 *
 *   h_req = max over 0 ≤ s ≤ L of [ H(s) + clearance − s·tan γ_c ]
 *
 * (the "look-ahead envelope" of classical terrain-following systems; e.g. Funk, "Optimal-path
 * precision terrain-following system", J. Aircraft 14(2), 1977, and the ADLAT/TERCOM-era cruise
 * missile literature). The look-ahead distance covers the reaction of the vertical loop plus the
 * climb over the map's highest relief. Descents are limited by the dive angle in the altitude
 * channel. The terrain comes from the on-board map along the path at the estimated position, as a
 * TERCOM/DSMAC-era missile's stored elevation data would; navigation error shifts it accordingly.
 */

import type { ElevationGrid } from "../terrain/elevation-grid.js";
import type { AltitudeGains } from "./altitude-speed.js";
import type { RoutePath } from "./route-path.js";

/** Tuning of the terrain-following law. */
export interface TerrainFollowingParams {
  /** Fraction of the airframe's climb limit the envelope plans with (margin for lags), 0–1. */
  readonly climb_fraction: number;
  /** Look-ahead time at the current ground speed, s. */
  readonly lookahead_s: number;
  /** Shortest look-ahead distance, m. */
  readonly min_lookahead_m: number;
  /** Terrain samples over the look-ahead distance. */
  readonly samples: number;
  /**
   * Lag of the vertical loop, s: the envelope's climb ramp starts this much flight time early,
   * because a loop with gain k_h trails a ramp of rate ḣ by ḣ/k_h (≈ 1/k_h plus the path-angle
   * response).
   */
  readonly lag_s: number;
  /** Altitude-channel gains while following terrain (tighter than the cruise default). */
  readonly gains: AltitudeGains;
}

/**
 * Defaults: plan climbs at 60 % of the limit, look 30 s ahead (at least 3 km), 48 samples, and a
 * 3 s altitude time constant (the cruise default's 10 s would lag a 10 % slope by a few hundred m).
 */
export const DEFAULT_TERRAIN_FOLLOWING: TerrainFollowingParams = {
  climb_fraction: 0.6,
  lookahead_s: 30,
  min_lookahead_m: 3000,
  samples: 48,
  lag_s: 4,
  gains: { k_h: 0.33, k_gamma: 1.4 },
};

/** What terrain following commands: an altitude and the fastest descent towards it. */
export interface TerrainFollowingCommand {
  /** Altitude to hold now, m above the ellipsoid. */
  alt_m: number;
  /** Fastest descent the missile may fly now, m/s. */
  maxDescent_mps: number;
}

/**
 * Where the missile is and what it can do, for one terrain-following command. The caller keeps one
 * and refills it every step: passed as separate doubles to this call (too long for V8 to inline),
 * each would be boxed on the heap every step.
 */
export interface TerrainFollowingQuery {
  /** Distance flown along the path (m) and the path segment it lies on. */
  along_m: number;
  segment: number;
  /** Commanded height above the terrain, m. */
  clearance_m: number;
  /** Ground speed, m/s. */
  v_mps: number;
  /** Climb limit (flight-path angle), rad. */
  maxClimb_rad: number;
  /** Current descent rate, m/s (positive down). */
  descent_mps: number;
  /** Vertical acceleration the airframe can pull up with now, m/s². */
  pullUp_mps2: number;
}

/** A query with every field zero, to be filled before use. */
export function newTerrainFollowingQuery(): TerrainFollowingQuery {
  return {
    along_m: 0,
    segment: 0,
    clearance_m: 0,
    v_mps: 0,
    maxClimb_rad: 0,
    descent_mps: 0,
    pullUp_mps2: 0,
  };
}

/**
 * Terrain-following command (written to out): clearance_m above the look-ahead envelope along the
 * path from along_m, for ground speed v_mps, climb limit maxClimb_rad, the current descent rate
 * descent_mps (positive down) and the vertical acceleration the airframe can pull up with now,
 * pullUp_mps2 ((n_available − 1)·g: at altitude and low speed, maximum lift, not the structural
 * limit, bounds it), all read from q. A descent is then limited so that reversing it loses at
 * most half the clearance (w²/(2a) ≤ c/2), and the envelope's climb ramp starts earlier by the
 * distance flown while a descent is reversed (w/a seconds).
 */
export function terrainFollowingCommand(
  terrain: ElevationGrid,
  path: RoutePath,
  q: TerrainFollowingQuery,
  p: TerrainFollowingParams,
  out: TerrainFollowingCommand,
): TerrainFollowingCommand {
  const along_m = q.along_m;
  const segment = q.segment;
  const clearance_m = q.clearance_m;
  const v_mps = q.v_mps;
  const maxClimb_rad = q.maxClimb_rad;
  const descent_mps = q.descent_mps;
  const pullUp_mps2 = q.pullUp_mps2;
  const a = Math.max(0.5, pullUp_mps2);
  const L = Math.max(p.min_lookahead_m, v_mps * p.lookahead_s);
  const slope = Math.tan(p.climb_fraction * maxClimb_rad);
  const n = p.samples;
  const lead = v_mps * (p.lag_s + Math.max(0, descent_mps) / a);
  const s = path.s_m;
  let k = Math.max(0, Math.min(segment, path.n - 2));
  let best = Number.NEGATIVE_INFINITY;
  for (let i = 0; i <= n; i++) {
    const d = (L * i) / n;
    const at = along_m + d;
    while (k < path.n - 2 && s[k + 1] < at) k++;
    const len = s[k + 1] - s[k];
    // Beyond the path's end the missile flies on straight: extrapolate the last segment.
    const f = len > 0 ? Math.max(0, (at - s[k]) / len) : 0;
    const lat = path.lat_deg[k] + f * (path.lat_deg[k + 1] - path.lat_deg[k]);
    const lon = path.lon_deg[k] + f * (path.lon_deg[k + 1] - path.lon_deg[k]);
    const need = terrain.heightAt(lat, lon) + clearance_m - Math.max(0, d - lead) * slope;
    if (need > best) best = need;
  }
  out.alt_m = best;
  out.maxDescent_mps = Math.sqrt(a * clearance_m);
  return out;
}
