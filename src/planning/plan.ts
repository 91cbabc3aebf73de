/**
 * One missile's route, end to end: search (route-search.ts), smoothing to fly-by waypoints
 * (smoothing.ts) and the optional commanded final approach, within the range the vehicle model
 * gives less a reserve.
 *
 * The range constraint is kept by the search's pruning; when the search finds nothing under the
 * asked weights (one label per node can miss a longer-but-cheaper alternative), it is retried with
 * fuel weighted 8 and 64 times more and finally as a pure shortest path; only if that fails too is
 * the route reported impossible, with the reason.
 */

import { geodesicInverse } from "../earth/geodesic.js";
import type {
  CostWeights,
  CruiseModel,
  GridPoint,
  LatLon,
  RouteMetrics,
  RoutePlanner,
} from "./route-search.js";
import {
  approachPoint,
  flownLength_m,
  flyByGeometry,
  type SmoothPoint,
  smoothPath,
} from "./smoothing.js";

/** A commanded final approach. */
export interface ApproachSpec {
  /** Course flown on the final leg into the target, degrees from north. */
  readonly azimuth_deg: number;
  /** Range at which the terminal phase starts, m (mission/simulate.ts terminalStartRange). */
  readonly terminalStart_m: number;
}

/** What to plan. */
export interface RouteRequest {
  readonly start: LatLon;
  readonly target: LatLon;
  /** Longest route allowed: the missile's range less the reserve, m. */
  readonly maxLength_m: number;
  readonly cruise: CruiseModel;
  readonly weights?: CostWeights;
  /** Fly-by turn radius, m. */
  readonly turnRadius_m: number;
  readonly approach?: ApproachSpec;
  /** Relative cost rise allowed per smoothing shortcut; default 0.02. */
  readonly costTolerance?: number;
  readonly heuristicWeight?: number;
  /** Longest straight segment, m (see cost-map.ts maxSegmentFor). */
  readonly maxSegment_m?: number;
  /** Largest turn at a waypoint, degrees; default 120. */
  readonly maxTurn_deg?: number;
}

/** A planned route. */
export interface PlannedRoute {
  readonly ok: true;
  /** Start, fly-by waypoints, (approach point,) target, degrees. */
  readonly waypoints: LatLon[];
  /** Figures along the straight legs under the weights finally used. */
  readonly metrics: RouteMetrics;
  /** Sum of the geodesic leg lengths, m, and the length flown with the fly-by arcs, m. */
  readonly geodesicLength_m: number;
  readonly flownLength_m: number;
  /** Turn at each waypoint, degrees (0 at the ends). */
  readonly turns_deg: number[];
  /** Course of the first leg, degrees (a release heading that needs no turn). */
  readonly initialAzimuth_deg: number;
  /** Weights finally used (after range retries) and how many searches it took. */
  readonly weights: Required<CostWeights>;
  readonly searches: number;
  readonly pops: number;
  /** Smoothing repairs and the grid path's vertex count before smoothing. */
  readonly repairs: number;
  readonly searchVertices: number;
}

/** A route that could not be planned. */
export interface FailedRoute {
  readonly ok: false;
  readonly reason: string;
}

/** Plan one route with the planner's map (its costs are set here from the request). */
export function planRoute(planner: RoutePlanner, req: RouteRequest): PlannedRoute | FailedRoute {
  const w0: Required<CostWeights> = {
    exposure: req.weights?.exposure ?? 1,
    fuel_perKg: req.weights?.fuel_perKg ?? 0.02,
  };
  const R = req.turnRadius_m;
  let approachDist = 0;
  if (req.approach) {
    approachDist = R + req.approach.terminalStart_m;
    const toTarget = geodesicInverse(
      req.start.lat_deg,
      req.start.lon_deg,
      req.target.lat_deg,
      req.target.lon_deg,
    ).distance_m;
    if (approachDist >= toTarget) {
      return {
        ok: false,
        reason: `the approach point (${(approachDist / 1000).toFixed(1)} km out) is farther than the target`,
      };
    }
  }
  const ladder: Required<CostWeights>[] = [
    w0,
    { exposure: w0.exposure, fuel_perKg: w0.fuel_perKg * 8 },
    { exposure: w0.exposure, fuel_perKg: w0.fuel_perKg * 64 },
    { exposure: 0, fuel_perKg: Math.max(w0.fuel_perKg, 1e-3) },
  ];
  let searches = 0;
  let pops = 0;
  let lastReason = "";
  // With an approach, the turn onto the approach line may need the point farther out: up to 6 tries.
  for (let attempt = 0; attempt < 6; attempt++) {
    const goal = req.approach
      ? approachPoint(req.target, req.approach.azimuth_deg, approachDist)
      : req.target;
    for (const w of ladder) {
      planner.setCosts(req.cruise, w);
      const res = planner.search(req.start, goal, {
        maxLength_m: req.maxLength_m - approachDist,
        heuristicWeight: req.heuristicWeight,
        maxSegment_m: req.maxSegment_m,
      });
      searches++;
      pops += res.pops;
      if (!res.ok) {
        lastReason = res.reason;
        continue;
      }
      const path: SmoothPoint[] = res.points.map((p, i) => ({
        p,
        fixed: i === 0 || i === res.points.length - 1,
      }));
      if (req.approach) {
        const t = planner.toGrid(req.target);
        if (!Number.isFinite(planner.segmentCost(path[path.length - 1].p, t))) {
          return { ok: false, reason: "the approach leg into the target crosses a no-fly area" };
        }
        path.push({ p: t, fixed: true });
      }
      const sm = smoothPath(planner, path, {
        turnRadius_m: R,
        costTolerance: req.costTolerance,
        maxSegment_m: req.maxSegment_m,
        maxTurn_deg: req.maxTurn_deg,
      });
      const pts: GridPoint[] = sm.points.map((s) => s.p);
      const ll = pts.map((p) => planner.toLatLon(p));
      // Keep the exact start and target coordinates (grid round trips move them by ~1e-12°).
      ll[0] = req.start;
      ll[ll.length - 1] = req.target;
      const geo = flyByGeometry(ll, R);
      if (req.approach) {
        // The arc onto the approach line must end before the terminal phase starts.
        const k = ll.length - 2;
        const needed = Math.max(geo.trims_m[k] + req.approach.terminalStart_m, 2 * geo.trims_m[k]);
        if (needed > approachDist + 1) {
          approachDist = needed * 1.25;
          lastReason = `the turn onto the approach needs the approach point ${(needed / 1000).toFixed(1)} km out`;
          break;
        }
      }
      if (!sm.feasible) {
        lastReason = sm.issues.map((i) => i.message).join("; ");
        continue;
      }
      const metrics = planner.evaluate(pts);
      const geodesicLength = geo.legs_m.reduce((a, b) => a + b, 0);
      if (geodesicLength > req.maxLength_m) {
        lastReason = `route of ${(geodesicLength / 1000).toFixed(1)} km exceeds the ${(req.maxLength_m / 1000).toFixed(1)} km allowed`;
        continue;
      }
      return {
        ok: true,
        waypoints: ll,
        metrics,
        geodesicLength_m: geodesicLength,
        flownLength_m: flownLength_m(geo, R),
        turns_deg: geo.turns_deg,
        initialAzimuth_deg: geodesicInverse(
          ll[0].lat_deg,
          ll[0].lon_deg,
          ll[1].lat_deg,
          ll[1].lon_deg,
        ).azi1_deg,
        weights: w,
        searches,
        pops,
        repairs: sm.repairs,
        searchVertices: res.points.length,
      };
    }
    if (!req.approach || !lastReason.startsWith("the turn onto")) break;
  }
  return { ok: false, reason: lastReason || "no route found" };
}
