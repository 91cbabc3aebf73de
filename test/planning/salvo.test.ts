import { describe, expect, it } from "vitest";
import { RAD_PER_DEG } from "../../src/core/units.js";
import { makeEarth } from "../../src/earth/earth-model.js";
import { DEFAULT_TERRAIN_FOLLOWING } from "../../src/guidance/terrain-following.js";
import type { MissionParams } from "../../src/mission/mission-params.js";
import { simulateMission } from "../../src/mission/simulate.js";
import type { NoFlyArea } from "../../src/planning/no-fly.js";
import { cruisePerformance, flyByTurnRadius_m } from "../../src/planning/performance.js";
import { type PlannedRoute, planRoute } from "../../src/planning/plan.js";
import type { LatLon } from "../../src/planning/route-search.js";
import {
  planSalvo,
  type SalvoAircraft,
  type SalvoMissile,
  stretchRoute,
} from "../../src/planning/salvo.js";
import { flownLength_m, flyByGeometry } from "../../src/planning/smoothing.js";
import { AGM158B_CLASS } from "../../src/vehicle/presets.js";
import { flatPlanner, searchRadars } from "./helpers.js";

const m = (name: string, aircraft: string, length_m: number): SalvoMissile => ({
  name,
  aircraft,
  length_m,
  groundSpeed_mps: 240,
  overhead_s: 20,
});

describe("salvo timing", () => {
  it("puts every planned TOT in the window with launch times alone when it can", () => {
    const missiles = [
      m("m1", "a", 300_000),
      m("m2", "a", 250_000),
      m("m3", "b", 320_000),
      m("m4", "b", 200_000),
    ];
    const aircraft: SalvoAircraft[] = [
      { name: "a", earliestLaunch_s: 0, minInterval_s: 10 },
      { name: "b", earliestLaunch_s: 60, minInterval_s: 10 },
    ];
    const window = { open_s: 1500, close_s: 1530 };
    const plan = planSalvo(missiles, aircraft, window);
    expect(plan.ok).toBe(true);
    for (const e of plan.entries) {
      expect(e.stretch_m).toBe(0);
      expect(e.tot_s).toBeGreaterThanOrEqual(window.open_s);
      expect(e.tot_s).toBeLessThanOrEqual(window.close_s);
    }
    // Releases of one aircraft keep the interval and the earliest time.
    for (const ac of aircraft) {
      const ls = plan.entries
        .filter((e) => e.aircraft === ac.name)
        .map((e) => e.launch_s)
        .sort((x, y) => x - y);
      expect(ls[0]).toBeGreaterThanOrEqual(ac.earliestLaunch_s);
      for (let i = 1; i < ls.length; i++)
        expect(ls[i] - ls[i - 1]).toBeGreaterThanOrEqual(10 - 1e-9);
    }
    // Aimed at the middle: here every missile can arrive exactly then.
    expect(plan.spread_s).toBeLessThan(1e-3);
  });

  it("stretches routes when the release interval cannot fit the window, and reports infeasible windows", () => {
    const four = [1, 2, 3, 4].map((i) => m(`m${i}`, "a", 300_000));
    const ac: SalvoAircraft[] = [{ name: "a", earliestLaunch_s: 0, minInterval_s: 15 }];
    const window = { open_s: 1300, close_s: 1320 };
    const plan = planSalvo(four, ac, window);
    expect(plan.ok).toBe(true);
    expect(plan.entries.some((e) => e.stretch_m > 0)).toBe(true);
    for (const e of plan.entries) {
      expect(e.tot_s).toBeGreaterThanOrEqual(window.open_s - 1e-6);
      expect(e.tot_s).toBeLessThanOrEqual(window.close_s + 1e-6);
    }
    // Too early for the routes: the window closes before the first missile can arrive.
    const early = planSalvo(four, ac, { open_s: 100, close_s: 200 });
    expect(early.ok).toBe(false);
    expect(early.reasons.join(" ")).toMatch(/after the window closes/);
    // Not enough spare range for the stretch.
    const short = planSalvo(
      four.map((x) => ({ ...x, maxStretch_m: 1000 })),
      ac,
      window,
    );
    expect(short.ok).toBe(false);
    expect(short.reasons.join(" ")).toMatch(/to spare/);
  });

  it("lengthens a route by the asked amount with a dog-leg", () => {
    const R = 5500;
    const wps: LatLon[] = [
      { lat_deg: 10, lon_deg: 20 },
      { lat_deg: 10.3, lon_deg: 21 },
      { lat_deg: 10, lon_deg: 22.5 },
    ];
    const s = stretchRoute(wps, 12_000, R, () => true);
    expect(s.ok).toBe(true);
    expect(s.waypoints).toHaveLength(4);
    const before = flownLength_m(flyByGeometry(wps, R), R);
    const after = flownLength_m(flyByGeometry(s.waypoints, R), R);
    expect(after - before).toBeCloseTo(12_000, -1);
  });

  it("keeps the simulated time-on-target spread of a 4-missile salvo inside the window", () => {
    // Two aircraft, two aimpoints, a no-fly area that makes the routes differ; flat ground, no
    // defence, perfect navigation. Planning speed: steady cruise at 100 m with the thrust limit.
    const perf = cruisePerformance(AGM158B_CLASS, 100, 0.75);
    const R = flyByTurnRadius_m(AGM158B_CLASS, perf.mach, 100);
    const cruise = { speed_mps: perf.speed_mps, fuelFlow_kgps: perf.fuelFlowMean_kgps };
    const area: NoFlyArea = {
      name: "area",
      polygon: [
        [9.8, 21.0],
        [10.4, 21.0],
        [10.4, 21.4],
        [9.8, 21.4],
      ],
    };
    const planner = flatPlanner(searchRadars([]), [area]);
    const aimpoints = [
      { lat_deg: 10.1, lon_deg: 22.2 },
      { lat_deg: 9.9, lon_deg: 22.4 },
    ];
    const launches = [
      { ac: "a", at: { lat_deg: 10.0, lon_deg: 20.0 }, aim: 0 },
      { ac: "a", at: { lat_deg: 10.0, lon_deg: 20.0 }, aim: 1 },
      { ac: "b", at: { lat_deg: 9.5, lon_deg: 20.3 }, aim: 0 },
      { ac: "b", at: { lat_deg: 9.5, lon_deg: 20.3 }, aim: 1 },
    ];
    const routes: PlannedRoute[] = launches.map((l) => {
      const r = planRoute(planner, {
        start: l.at,
        target: aimpoints[l.aim],
        maxLength_m: 0.85 * perf.range_m,
        cruise,
        turnRadius_m: R,
      });
      if (!r.ok) throw new Error(r.reason);
      return r;
    });
    // Overhead: separation and engine start (the descent from release at cruise-like speed).
    const overhead = AGM158B_CLASS.separation_s + AGM158B_CLASS.engine.start_delay_s;
    const missiles: SalvoMissile[] = routes.map((r, i) => ({
      name: `m${i + 1}`,
      aircraft: launches[i].ac,
      length_m: r.flownLength_m,
      groundSpeed_mps: cruise.speed_mps,
      overhead_s: overhead,
    }));
    const window = { open_s: 1200, close_s: 1240 };
    const plan = planSalvo(
      missiles,
      [
        { name: "a", earliestLaunch_s: 0, minInterval_s: 20 },
        { name: "b", earliestLaunch_s: 0, minInterval_s: 20 },
      ],
      window,
    );
    expect(plan.ok).toBe(true);
    const tots: number[] = [];
    routes.forEach((r, i) => {
      const p: MissionParams = {
        name: `salvo ${i + 1}`,
        earth: makeEarth(),
        missile: AGM158B_CLASS,
        release: {
          lat_deg: r.waypoints[0].lat_deg,
          lon_deg: r.waypoints[0].lon_deg,
          alt_m: 7620,
          tas_mps: 248,
          heading_rad: r.initialAzimuth_deg * RAD_PER_DEG,
          platform: launches[i].ac,
        },
        waypoints: r.waypoints.slice(1, -1).map((w, k) => ({
          name: `P${k + 1}`,
          lat_deg: w.lat_deg,
          lon_deg: w.lon_deg,
          alt_m: 100,
          mach: 0.75,
        })),
        cruise: { alt_m: 100, mach: 0.75 },
        aimpoint: {
          ...aimpoints[launches[i].aim],
          alt_m: 0,
          impact_rad: 30 * RAD_PER_DEG,
          terminalRange_m: null,
        },
        ground_m: 0,
        terrain: null,
        terrainFollowing: DEFAULT_TERRAIN_FOLLOWING,
        step_s: 0.05,
        terminalStep_s: 0.01,
        sampleDt_s: 1,
        maxTime_s: 3000,
      };
      const res = simulateMission(p);
      expect(res.summary.status).toBe("ground_impact");
      tots.push(plan.entries[i].launch_s + res.summary.flight_time_s);
    });
    const spread = Math.max(...tots) - Math.min(...tots);
    console.log(
      `salvo: planned TOTs ${plan.entries.map((e) => e.tot_s.toFixed(1)).join(", ")} s; simulated ${tots.map((t) => t.toFixed(1)).join(", ")} s; simulated spread ${spread.toFixed(1)} s in a ${window.close_s - window.open_s} s window; launches ${plan.entries.map((e) => e.launch_s.toFixed(1)).join(", ")} s`,
    );
    expect(spread).toBeLessThanOrEqual(window.close_s - window.open_s);
    for (const t of tots) {
      expect(t).toBeGreaterThanOrEqual(window.open_s);
      expect(t).toBeLessThanOrEqual(window.close_s);
    }
  });
});
