/**
 * Route planning across 1,000 km × 1,000 km at 1 km: a seeded synthetic terrain (2048 × 2048
 * samples, about 490 m; generating it is not timed, its time is printed), ten notional sites (two
 * long-range search radars and eight SAM sites of the three presets, placed by a seeded Rng), the
 * 1 km exposure map at 100 m above the terrain, and a corner-to-corner route (south-west to
 * north-east, about 1,400 km) for the B-class missile at low level, smoothed to fly-by waypoints.
 *
 * Timed, per trial, from the terrain in memory: "viewsheds" (the terrain coarsened to the planning
 * grid, then one viewshed per site on it, through a fresh ViewshedCache), "cost map" (the hazard
 * of every site over its reach), "search" (planner set-up, per-metre costs and Lazy Theta*) and
 * "smoothing" (string pulling and fly-by repair). Target: total ≤ 2 s on one core. The range limit
 * is set above the route's length (the notional missile's low-level reach is about 470 km; a
 * corner-to-corner route is a benchmark of the search, not a mission).
 *
 * Also printed, outside the target: the same map with viewsheds on the full-resolution terrain
 * (the mode that shares the simulation's viewsheds).
 */

import { pathToFileURL } from "node:url";
import { Rng } from "../src/core/rng.js";
import { buildExposureMap, prepareRadars } from "../src/planning/cost-map.js";
import { cruisePerformance, flyByTurnRadius_m } from "../src/planning/performance.js";
import {
  coarsenTerrain,
  metresPerDegLat,
  metresPerDegLon,
  planningGrid,
} from "../src/planning/planning-grid.js";
import { RoutePlanner } from "../src/planning/route-search.js";
import { type SmoothPoint, smoothPath } from "../src/planning/smoothing.js";
import type { ElevationGrid } from "../src/terrain/elevation-grid.js";
import { ViewshedCache } from "../src/terrain/site-visibility.js";
import { syntheticTerrain } from "../src/terrain/synthetic-terrain.js";
import type { AirDefenceParams, PlacedSam } from "../src/threats/air-defence.js";
import { LONG_RANGE_SEARCH_RADAR, SAM_PRESETS } from "../src/threats/presets.js";
import { NOTIONAL_STEALTHY_RCS } from "../src/threats/rcs.js";
import { AGM158B_CLASS } from "../src/vehicle/presets.js";
import { machineLine } from "./harness.js";

/** Median wall times (ms) of the phases, and what the planned route looks like. */
export interface PlanningBenchFigures {
  readonly trials: number;
  readonly terrainGeneration_ms: number;
  readonly gridCells: number;
  readonly viewsheds_ms: number;
  readonly costMap_ms: number;
  readonly search_ms: number;
  readonly smoothing_ms: number;
  readonly total_ms: number;
  /** Viewsheds and cost map with full-resolution viewsheds instead (not in the total). */
  readonly fullResViewsheds_ms: number;
  readonly fullResCostMap_ms: number;
  readonly pops: number;
  readonly searchVertices: number;
  readonly waypoints: number;
  readonly length_km: number;
  readonly exposure: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The ten notional sites, placed by a seeded Rng inside the box (south-west corner, size in degrees). */
function defence(lat0: number, lon0: number, dLat: number, dLon: number): AirDefenceParams {
  const rng = Rng.fromSeed(42).stream("sites");
  const presets = ["long-range-sam", "medium-range-sam", "short-range-sam"] as const;
  const sams: PlacedSam[] = [];
  for (let i = 0; i < 8; i++) {
    const preset = presets[i % 3];
    sams.push({
      name: `site ${i + 1}`,
      preset,
      lat_deg: lat0 + rng.uniform(0.15, 0.85) * dLat,
      lon_deg: lon0 + rng.uniform(0.15, 0.85) * dLon,
      params: SAM_PRESETS[preset],
      network: "iads",
    });
  }
  const searchRadars = [0, 1].map((i) => ({
    name: `search ${i + 1}`,
    lat_deg: lat0 + rng.uniform(0.3, 0.7) * dLat,
    lon_deg: lon0 + rng.uniform(0.3, 0.7) * dLon,
    radar: LONG_RANGE_SEARCH_RADAR.radar,
    network: "iads",
  }));
  return { update_s: 1, rcs: NOTIONAL_STEALTHY_RCS, sams, searchRadars };
}

/** Run the benchmark: `trials` timed trials after one warm-up; prints and returns the medians. */
export function benchPlanning(trials = 5): PlanningBenchFigures {
  const lat0 = 20;
  const lon0 = 30;
  const dLat = 1_000_000 / metresPerDegLat(lat0 + 4.5);
  const dLon = 1_000_000 / metresPerDegLon(lat0 + 4.5);
  const t0 = performance.now();
  const terrain: ElevationGrid = syntheticTerrain(
    {
      lat0_deg: lat0,
      lon0_deg: lon0,
      size_deg: Math.max(dLat, dLon),
      n: 2048,
      relief_m: 1500,
      sea_fraction: 0.1,
    },
    Rng.fromSeed(1).stream("terrain"),
  );
  const terrainGeneration = performance.now() - t0;
  const def = defence(lat0, lon0, dLat, dLon);
  const grid = planningGrid(lat0, lon0, lat0 + dLat, lon0 + dLon, 1000);
  const opts = { agl_m: 100 };
  const perf = cruisePerformance(AGM158B_CLASS, 100, 0.75);
  const cruise = { speed_mps: perf.speed_mps, fuelFlow_kgps: perf.fuelFlowMean_kgps };
  const R = flyByTurnRadius_m(AGM158B_CLASS, perf.mach, 100);
  const start = { lat_deg: lat0 + 0.05, lon_deg: lon0 + 0.05 };
  const goal = { lat_deg: lat0 + dLat - 0.05, lon_deg: lon0 + dLon - 0.05 };

  const times = {
    vs: [] as number[],
    map: [] as number[],
    search: [] as number[],
    smooth: [] as number[],
  };
  const full = { vs: [] as number[], map: [] as number[] };
  let last = { pops: 0, vertices: 0, waypoints: 0, length_km: 0, exposure: 0 };
  for (let trial = 0; trial <= trials; trial++) {
    const a = performance.now();
    const coarse = coarsenTerrain(terrain, grid);
    const radars = prepareRadars(def, coarse, new ViewshedCache(), opts);
    const b = performance.now();
    const map = buildExposureMap(grid, radars, coarse, opts);
    const c = performance.now();
    const planner = new RoutePlanner(map, null);
    planner.setCosts(cruise);
    const res = planner.search(start, goal, { maxLength_m: 3_000_000 });
    const d = performance.now();
    if (!res.ok) throw new Error(`bench search failed: ${res.reason}`);
    const path: SmoothPoint[] = res.points.map((p, i) => ({
      p,
      fixed: i === 0 || i === res.points.length - 1,
    }));
    const sm = smoothPath(planner, path, { turnRadius_m: R });
    const e = performance.now();
    if (!sm.feasible) throw new Error(`bench smoothing failed: ${sm.issues[0]?.message}`);
    // Full-resolution viewsheds, for comparison.
    const f0 = performance.now();
    const radarsFull = prepareRadars(def, terrain, new ViewshedCache(), opts);
    const f1 = performance.now();
    buildExposureMap(grid, radarsFull, terrain, opts);
    const f2 = performance.now();
    if (trial === 0) continue; // warm-up
    times.vs.push(b - a);
    times.map.push(c - b);
    times.search.push(d - c);
    times.smooth.push(e - d);
    full.vs.push(f1 - f0);
    full.map.push(f2 - f1);
    const m = planner.evaluate(sm.points.map((s) => s.p));
    last = {
      pops: res.pops,
      vertices: res.points.length,
      waypoints: sm.points.length,
      length_km: m.length_m / 1000,
      exposure: m.exposure,
    };
  }
  const totals = times.vs.map((v, i) => v + times.map[i] + times.search[i] + times.smooth[i]);
  const fig: PlanningBenchFigures = {
    trials,
    terrainGeneration_ms: terrainGeneration,
    gridCells: grid.nLat * grid.nLon,
    viewsheds_ms: median(times.vs),
    costMap_ms: median(times.map),
    search_ms: median(times.search),
    smoothing_ms: median(times.smooth),
    total_ms: median(totals),
    fullResViewsheds_ms: median(full.vs),
    fullResCostMap_ms: median(full.map),
    pops: last.pops,
    searchVertices: last.vertices,
    waypoints: last.waypoints,
    length_km: last.length_km,
    exposure: last.exposure,
  };
  console.log(`machine: ${machineLine()}`);
  console.log(
    `planning, 1,000 km × 1,000 km at 1 km (${grid.nLat} × ${grid.nLon} = ${fig.gridCells.toLocaleString("en-US")} cells), 10 sites; terrain 2048² generated in ${terrainGeneration.toFixed(0)} ms (not counted)`,
  );
  console.log(`  median of ${trials} trials (ms):`);
  console.log(`    viewsheds (coarsen + 10 sweeps) ${fig.viewsheds_ms.toFixed(0)}`);
  console.log(`    cost map                        ${fig.costMap_ms.toFixed(0)}`);
  console.log(
    `    search (Lazy Theta*)            ${fig.search_ms.toFixed(0)}  (${fig.pops.toLocaleString("en-US")} pops)`,
  );
  console.log(`    smoothing                       ${fig.smoothing_ms.toFixed(0)}`);
  console.log(`    total                           ${fig.total_ms.toFixed(0)}  (target ≤ 2000)`);
  console.log(
    `  full-resolution viewsheds instead: ${fig.fullResViewsheds_ms.toFixed(0)} ms + cost map ${fig.fullResCostMap_ms.toFixed(0)} ms (not in the total)`,
  );
  console.log(
    `  route: ${fig.searchVertices} search vertices → ${fig.waypoints} waypoints, ${fig.length_km.toFixed(1)} km, exposure ${fig.exposure.toExponential(2)}`,
  );
  return fig;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  benchPlanning();
}
