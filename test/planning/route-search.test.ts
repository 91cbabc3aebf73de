import { describe, expect, it } from "vitest";
import { geodesicInverse } from "../../src/earth/geodesic.js";
import type { NoFlyArea } from "../../src/planning/no-fly.js";
import { cruisePerformance, flyByTurnRadius_m } from "../../src/planning/performance.js";
import { planRoute } from "../../src/planning/plan.js";
import type { LatLon } from "../../src/planning/route-search.js";
import { firstFlyByIssue, flyByGeometry } from "../../src/planning/smoothing.js";
import { AGM158B_CLASS } from "../../src/vehicle/presets.js";
import { flatPlanner, routeEntersArea, searchRadars } from "./helpers.js";

const perf = cruisePerformance(AGM158B_CLASS, 100, 0.75);
const cruise = { speed_mps: perf.speed_mps, fuelFlow_kgps: perf.fuelFlowMean_kgps };
const R = flyByTurnRadius_m(AGM158B_CLASS, perf.mach, 100);
const reserve = 0.15;
const maxLength = (1 - reserve) * perf.range_m;
const start: LatLon = { lat_deg: 10, lon_deg: 20 };
const goal: LatLon = { lat_deg: 10, lon_deg: 22.7 };
const direct = geodesicInverse(10, 20, 10, 22.7).distance_m;
const radarSite: LatLon = { lat_deg: 10, lon_deg: 21.35 };

describe("route search", () => {
  it("goes straight when there is no threat", () => {
    const planner = flatPlanner(searchRadars([]));
    const r = planRoute(planner, {
      start,
      target: goal,
      maxLength_m: maxLength,
      cruise,
      turnRadius_m: R,
    });
    if (!r.ok) throw new Error(r.reason);
    expect(r.waypoints).toHaveLength(2);
    expect(r.geodesicLength_m / direct).toBeCloseTo(1, 6);
    expect(r.metrics.exposure).toBe(0);
    expect(r.metrics.pUndetected).toBe(1);
  });

  it("goes around a radar's coverage when a detour exists", () => {
    const planner = flatPlanner(searchRadars([radarSite]));
    const r = planRoute(planner, {
      start,
      target: goal,
      maxLength_m: maxLength,
      cruise,
      turnRadius_m: R,
    });
    if (!r.ok) throw new Error(r.reason);
    planner.setCosts(cruise, r.weights);
    const straight = planner.evaluate([planner.toGrid(start), planner.toGrid(goal)]);
    console.log(
      `radar detour: straight ${(direct / 1000).toFixed(1)} km, exposure ${straight.exposure.toFixed(2)} (P undetected ${straight.pUndetected.toExponential(2)}); planned ${(r.geodesicLength_m / 1000).toFixed(1)} km, ${r.waypoints.length} waypoints, exposure ${r.metrics.exposure.toFixed(4)} (P undetected ${r.metrics.pUndetected.toFixed(4)}), ${r.pops} pops`,
    );
    expect(straight.pUndetected).toBeLessThan(0.01);
    expect(r.metrics.pUndetected).toBeGreaterThan(0.9);
    expect(r.metrics.exposure).toBeLessThan(0.02 * straight.exposure);
    // The detour costs range but stays inside it.
    expect(r.geodesicLength_m).toBeGreaterThan(direct);
    expect(r.geodesicLength_m).toBeLessThanOrEqual(maxLength);
    // Passes the radar beyond its low-level horizon (about 62 km for a 25 m mast and 100 m).
    let closest = Number.POSITIVE_INFINITY;
    for (const w of r.waypoints.slice(1, -1))
      closest = Math.min(
        closest,
        geodesicInverse(w.lat_deg, w.lon_deg, radarSite.lat_deg, radarSite.lon_deg).distance_m,
      );
    expect(closest).toBeGreaterThan(55_000);
    expect(
      firstFlyByIssue(
        planner,
        r.waypoints.map((w) => planner.toGrid(w)),
        R,
      ),
    ).toBeNull();
  });

  // A wall across the direct line with a gap to the north, and a U-shaped trap opening west.
  const wall: NoFlyArea = {
    name: "wall",
    polygon: [
      [9.3, 21.0],
      [10.25, 21.0],
      [10.25, 21.1],
      [9.3, 21.1],
    ],
  };
  const trap: NoFlyArea = {
    name: "trap",
    polygon: [
      [10.3, 21.8],
      [10.3, 22.3],
      [9.6, 22.3],
      [9.6, 21.8],
      [9.7, 21.8],
      [9.7, 22.2],
      [10.2, 22.2],
      [10.2, 21.8],
    ],
  };

  it("never enters a no-fly area, checked along the flown geodesics and fly-by arcs", () => {
    for (const defence of [searchRadars([]), searchRadars([{ lat_deg: 10.5, lon_deg: 21.05 }])]) {
      const planner = flatPlanner(defence, [wall, trap]);
      const target = { lat_deg: 10, lon_deg: 22.1 }; // inside the trap's mouth
      const r = planRoute(planner, {
        start,
        target,
        maxLength_m: maxLength,
        cruise,
        turnRadius_m: R,
      });
      if (!r.ok) throw new Error(r.reason);
      const legs = flyByGeometry(r.waypoints, R).legs_m;
      expect(routeEntersArea(r.waypoints, wall, R, legs)).toBe(false);
      expect(routeEntersArea(r.waypoints, trap, R, legs)).toBe(false);
      expect(r.metrics.clear).toBe(true);
      expect(
        firstFlyByIssue(
          planner,
          r.waypoints.map((w) => planner.toGrid(w)),
          R,
        ),
      ).toBeNull();
      console.log(
        `no-fly case: ${r.waypoints.length} waypoints, ${(r.geodesicLength_m / 1000).toFixed(1)} km, turns ${r.turns_deg.map((t) => t.toFixed(0)).join(", ")}°`,
      );
    }
  });

  it("keeps the fuel reserve and respects the maximum length, failing clearly when it cannot", () => {
    const planner = flatPlanner(searchRadars([radarSite]));
    // Range for the direct line plus 2 %: the detour does not fit, so the route flies closer.
    const tight = planRoute(planner, {
      start,
      target: goal,
      maxLength_m: 1.02 * direct,
      cruise,
      turnRadius_m: R,
    });
    if (!tight.ok) throw new Error(tight.reason);
    expect(tight.geodesicLength_m).toBeLessThanOrEqual(1.02 * direct);
    // The whole-range route keeps its reserve of fuel.
    const full = planRoute(planner, {
      start,
      target: goal,
      maxLength_m: maxLength,
      cruise,
      turnRadius_m: R,
    });
    if (!full.ok) throw new Error(full.reason);
    expect(full.metrics.fuel_kg).toBeLessThanOrEqual((1 - reserve) * AGM158B_CLASS.fuel_kg);
    // Impossible: the goal beyond the range.
    const far = planRoute(planner, {
      start,
      target: goal,
      maxLength_m: 0.9 * direct,
      cruise,
      turnRadius_m: R,
    });
    expect(far.ok).toBe(false);
    if (!far.ok) expect(far.reason).toMatch(/km/);
    // Impossible: a no-fly wall whose way round is longer than the range allows.
    const sealed: NoFlyArea = {
      name: "sealed",
      polygon: [
        [9.35, 21.0],
        [10.65, 21.0],
        [10.65, 21.1],
        [9.35, 21.1],
      ],
    };
    const walled = flatPlanner(searchRadars([]), [sealed]);
    const blocked = planRoute(walled, {
      start,
      target: goal,
      maxLength_m: 1.05 * direct,
      cruise,
      turnRadius_m: R,
    });
    expect(blocked.ok).toBe(false);
    if (!blocked.ok) expect(blocked.reason).toMatch(/no route within/);
  });
});
