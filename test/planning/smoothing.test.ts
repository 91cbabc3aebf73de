import { describe, expect, it } from "vitest";
import { geodesicInverse } from "../../src/earth/geodesic.js";
import type { NoFlyArea } from "../../src/planning/no-fly.js";
import { cruisePerformance, flyByTurnRadius_m } from "../../src/planning/performance.js";
import { planRoute } from "../../src/planning/plan.js";
import {
  arcClear,
  flyByGeometry,
  type SmoothPoint,
  smoothPath,
  stringPull,
} from "../../src/planning/smoothing.js";
import { AGM158B_CLASS } from "../../src/vehicle/presets.js";
import { flatPlanner, searchRadars } from "./helpers.js";

const perf = cruisePerformance(AGM158B_CLASS, 100, 0.75);
const cruise = { speed_mps: perf.speed_mps, fuelFlow_kgps: perf.fuelFlowMean_kgps };
const R = flyByTurnRadius_m(AGM158B_CLASS, perf.mach, 100);
const start = { lat_deg: 10, lon_deg: 20 };
const goal = { lat_deg: 10, lon_deg: 22.7 };
const block: NoFlyArea = {
  name: "block",
  polygon: [
    [9.7, 20.9],
    [10.3, 20.9],
    [10.3, 21.3],
    [9.7, 21.3],
  ],
};

describe("smoothing", () => {
  const planner = flatPlanner(searchRadars([{ lat_deg: 10.2, lon_deg: 22.0 }]), [block]);
  planner.setCosts(cruise);
  const raw = planner.search(start, goal, { maxLength_m: 0.85 * perf.range_m });
  if (!raw.ok) throw new Error(raw.reason);
  const path: SmoothPoint[] = raw.points.map((p, i) => ({
    p,
    fixed: i === 0 || i === raw.points.length - 1,
  }));

  it("string-pulls within the cost tolerance and never across blocked cells", () => {
    const pulled = stringPull(planner, path, 0.02);
    const before = planner.evaluate(raw.points);
    const after = planner.evaluate(pulled.map((s) => s.p));
    console.log(
      `string pulling: ${raw.points.length} → ${pulled.length} vertices, cost ${before.cost.toFixed(3)} → ${after.cost.toFixed(3)}`,
    );
    expect(pulled.length).toBeLessThanOrEqual(raw.points.length);
    expect(after.clear).toBe(true);
    expect(after.cost).toBeLessThanOrEqual(1.02 * before.cost + 1e-9);
  });

  it("leaves waypoints far enough apart for their fly-by arcs, turns within limits, arcs clear", () => {
    const sm = smoothPath(planner, path, { turnRadius_m: R });
    expect(sm.feasible).toBe(true);
    const ll = sm.points.map((s) => planner.toLatLon(s.p));
    const geo = flyByGeometry(ll, R);
    for (let k = 1; k + 1 < ll.length; k++) {
      expect(Math.abs(geo.turns_deg[k])).toBeLessThanOrEqual(120);
      // route-path.ts shrinks an arc that needs more than half of either leg: never here.
      expect(geo.trims_m[k]).toBeLessThanOrEqual(0.5 * Math.min(geo.legs_m[k - 1], geo.legs_m[k]));
      expect(arcClear(planner, ll, k, R)).toBe(true);
    }
    expect(planner.evaluate(sm.points.map((s) => s.p)).clear).toBe(true);
  });

  it("repairs waypoints too close for their arcs", () => {
    // A zig-zag with 3 km legs (a 5.5 km radius needs far more for 60° turns).
    const g = (lat: number, lon: number) => planner.toGrid({ lat_deg: lat, lon_deg: lon });
    const zig: SmoothPoint[] = [
      { p: g(9.5, 20.0), fixed: true },
      { p: g(9.5, 20.5), fixed: false },
      { p: g(9.52, 20.52), fixed: false },
      { p: g(9.5, 20.54), fixed: false },
      { p: g(9.5, 21.5), fixed: true },
    ];
    const sm = smoothPath(planner, zig, { turnRadius_m: R, costTolerance: 0 });
    expect(sm.feasible).toBe(true);
    expect(sm.repairs + (zig.length - sm.points.length)).toBeGreaterThan(0);
  });

  it("puts a commanded final approach on its azimuth, far enough out for the turn and the terminal phase", () => {
    const terminal_m = 12_000;
    for (const az of [0, 60, 135, 200]) {
      const r = planRoute(planner, {
        start,
        target: goal,
        maxLength_m: 0.85 * perf.range_m,
        cruise,
        turnRadius_m: R,
        approach: { azimuth_deg: az, terminalStart_m: terminal_m },
      });
      if (!r.ok) throw new Error(`${az}°: ${r.reason}`);
      const n = r.waypoints.length;
      const a = r.waypoints[n - 2];
      const last = geodesicInverse(a.lat_deg, a.lon_deg, goal.lat_deg, goal.lon_deg);
      const d = ((((last.azi2_deg - az) % 360) + 540) % 360) - 180;
      expect(Math.abs(d)).toBeLessThan(0.01);
      expect(last.distance_m).toBeGreaterThanOrEqual(R + terminal_m - 1);
      // The arc onto the approach line ends before the terminal phase starts.
      const geo = flyByGeometry(r.waypoints, R);
      expect(last.distance_m - geo.trims_m[n - 2]).toBeGreaterThanOrEqual(terminal_m - 1);
    }
  });
});
