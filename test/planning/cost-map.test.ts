import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { makeEarth } from "../../src/earth/earth-model.js";
import { pointInPolygon } from "../../src/earth/polygon.js";
import { reachFlight } from "../../src/mission/reach.js";
import { buildExposureMap, meanRcs_m2, prepareRadars } from "../../src/planning/cost-map.js";
import { rasteriseNoFly } from "../../src/planning/no-fly.js";
import { cruisePerformance } from "../../src/planning/performance.js";
import {
  coarsenTerrain,
  colLon,
  latRow,
  lonCol,
  planningGrid,
  rowLat,
} from "../../src/planning/planning-grid.js";
import { ElevationGrid } from "../../src/terrain/elevation-grid.js";
import { EARTH_RADIUS_M, radarHorizon_m } from "../../src/terrain/line-of-sight.js";
import { ViewshedCache } from "../../src/terrain/site-visibility.js";
import { syntheticTerrain } from "../../src/terrain/synthetic-terrain.js";
import { LONG_RANGE_SEARCH_RADAR, SAM_PRESETS } from "../../src/threats/presets.js";
import { pdSwerling1, snr } from "../../src/threats/radar.js";
import { NOTIONAL_STEALTHY_RCS } from "../../src/threats/rcs.js";
import { AGM158B_CLASS } from "../../src/vehicle/presets.js";
import { searchRadars } from "./helpers.js";

/** Index of the planning cell holding a point (degrees). */
function cellAt(g: ReturnType<typeof planningGrid>, lat: number, lon: number): number {
  return Math.round(latRow(g, lat)) * g.nLon + Math.round(lonCol(g, lon));
}

describe("exposure map", () => {
  // Flat ground with a north–south ridge 600 m high at 30.0° E; the radar stands 22 km east of it
  // (as in test/mission/terrain-threats.test.ts).
  const n = 400;
  const h = new Float32Array(n * n);
  const d = 2 / (n - 1);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) h[i * n + j] = 600 * Math.exp(-(((29 + j * d - 30) / 0.03) ** 2));
  const ridge = new ElevationGrid(-1, 29, d, d, n, n, h, 0);
  const defence = searchRadars([{ lat_deg: 0, lon_deg: 30.2 }]);

  it("gives λ = 0 to a cell hidden behind a ridge and λ > 0 to one in sight", () => {
    const g = planningGrid(-0.5, 29.5, 0.5, 30.9, 1000);
    const opts = { agl_m: 90 };
    const radars = prepareRadars(defence, ridge, new ViewshedCache(), opts);
    const map = buildExposureMap(g, radars, ridge, opts);
    // 10 km behind the ridge (the shadow is over a kilometre deep there) and 20 km in front.
    expect(map.detection_perS[cellAt(g, 0, 29.9)]).toBe(0);
    expect(map.detection_perS[cellAt(g, 0, 30.4)]).toBeGreaterThan(0);
    // And in front of the ridge at the same range as the hidden cell, seen.
    expect(map.detection_perS[cellAt(g, 0, 30.5)]).toBeGreaterThan(0);
  });

  it("follows the radar equation and Swerling 1 with range, and the smooth-Earth horizon", () => {
    const g = planningGrid(-0.2, -0.1, 0.2, 1.2, 500);
    const agl = 100;
    const def = searchRadars([{ lat_deg: 0, lon_deg: 0 }]);
    const radars = prepareRadars(def, null, new ViewshedCache(), { agl_m: agl, rcs_m2: 0.05 });
    const map = buildExposureMap(g, radars, null, { agl_m: agl, rcs_m2: 0.05 });
    const radar = LONG_RANGE_SEARCH_RADAR.radar;
    const horizon = radarHorizon_m(radar.mast_m, agl);
    const r0 = Math.round(latRow(g, 0));
    let prev = Number.POSITIVE_INFINITY;
    let checked = 0;
    for (let c = Math.round(lonCol(g, 0)) + 1; c < g.nLon; c++) {
      const k = r0 * g.nLon + c;
      const lat = rowLat(g, r0);
      const lon = colLon(g, c);
      // Independent reference: ground distance by haversine, slant range with the Earth's drop.
      const dG = EARTH_RADIUS_M * Math.abs(lon * (Math.PI / 180)) * Math.cos(lat * (Math.PI / 180));
      const dh = agl - radar.mast_m - (dG * dG) / (2 * EARTH_RADIUS_M);
      const range = Math.hypot(dG, dh);
      const pd = pdSwerling1(snr(radar, 0.05, range), radar.pfa);
      const expected = -Math.log(1 - pd) / radar.scan_s;
      const lam = map.detection_perS[k];
      if (dG < horizon - 1500) {
        expect(lam).toBeGreaterThan(0);
        // Distances differ by the ellipsoid's scale from the sphere's (< 0.5 %): λ within 3 %.
        expect(Math.abs(lam / expected - 1)).toBeLessThan(0.03);
        expect(lam).toBeLessThan(prev);
        prev = lam;
        checked++;
      } else if (dG > horizon + 1500) {
        expect(lam).toBe(0);
      }
    }
    expect(checked).toBeGreaterThan(50);
    // SNR falls as R⁻⁴: doubling the range divides it by 16.
    expect(snr(radar, 0.05, 20_000) / snr(radar, 0.05, 40_000)).toBeCloseTo(16, 9);
    // The default RCS is the table's mean over azimuth at zero elevation: between its extremes.
    const mean = meanRcs_m2(NOTIONAL_STEALTHY_RCS);
    expect(mean).toBeGreaterThan(0.01);
    expect(mean).toBeLessThan(0.1);
  });

  it("weights a SAM's hazard inside its engagement envelope", () => {
    const g = planningGrid(-0.5, -0.5, 0.5, 0.5, 1000);
    const def = {
      ...searchRadars([]),
      sams: [
        {
          name: "sam",
          preset: "medium-range-sam",
          lat_deg: 0,
          lon_deg: 0,
          network: "n",
          params: SAM_PRESETS["medium-range-sam"],
        },
      ],
    };
    const opts = { agl_m: 500, envelopeWeight: 3 };
    const radars = prepareRadars(def, null, new ViewshedCache(), opts);
    const map = buildExposureMap(g, radars, null, opts);
    const inside = cellAt(g, 0, 0.2); // 22 km: inside the 42 km envelope
    const outside = cellAt(g, 0, 0.45); // 50 km: outside
    expect(map.weighted_perS[inside] / map.detection_perS[inside]).toBeCloseTo(3, 5);
    expect(map.weighted_perS[outside] / map.detection_perS[outside]).toBeCloseTo(1, 5);
  });

  it("blocks the cells of no-fly polygons, with a margin", () => {
    const g = planningGrid(9.5, 19.8, 10.5, 21, 1000);
    const tri = {
      name: "triangle",
      polygon: [
        [9.8, 20.1],
        [10.2, 20.3],
        [9.8, 20.6],
      ] as [number, number][],
    };
    const tight = rasteriseNoFly(g, [tri], 0);
    const wide = rasteriseNoFly(g, [tri], 3000);
    let inside = 0;
    let blockedTight = 0;
    let blockedWide = 0;
    for (let r = 0; r < g.nLat; r++)
      for (let c = 0; c < g.nLon; c++) {
        const k = r * g.nLon + c;
        if (pointInPolygon(rowLat(g, r), colLon(g, c), tri.polygon)) {
          inside++;
          // Every cell whose centre is in the polygon is blocked, margin or not.
          expect(tight[k]).toBe(1);
        }
        blockedTight += tight[k];
        blockedWide += wide[k];
        // A wide margin contains the tight mask.
        if (tight[k]) expect(wide[k]).toBe(1);
      }
    expect(inside).toBeGreaterThan(300);
    // Conservative: partly covered edge cells are blocked too; the margin adds a band.
    expect(blockedTight).toBeGreaterThan(inside);
    expect(blockedWide).toBeGreaterThan(blockedTight + 100);
    // Far away: free.
    expect(tight[cellAt(g, 10.4, 20.9)]).toBe(0);
  });

  it("agrees, computed on terrain coarsened to the planning grid, with the full-resolution viewsheds", () => {
    // 1.2° of rough synthetic terrain at ~260 m, planning at 1 km; a search radar in the middle.
    const t = syntheticTerrain(
      { lat0_deg: 10, lon0_deg: 20, size_deg: 1.2, n: 512, relief_m: 1500, sea_fraction: 0.1 },
      Rng.fromSeed(7).stream("terrain"),
    );
    const def = searchRadars([{ lat_deg: 10.6, lon_deg: 20.6 }]);
    const g = planningGrid(10, 20, 11.2, 21.2, 1000);
    const opts = { agl_m: 100 };
    const full = buildExposureMap(g, prepareRadars(def, t, new ViewshedCache(), opts), t, opts);
    const coarse = coarsenTerrain(t, g);
    const approx = buildExposureMap(
      g,
      prepareRadars(def, coarse, new ViewshedCache(), opts),
      coarse,
      opts,
    );
    // Each cell's visible share: its hazard over the hazard without terrain at the same spot.
    const open = buildExposureMap(
      g,
      prepareRadars(def, null, new ViewshedCache(), opts),
      null,
      opts,
    );
    let cells = 0;
    let agree = 0;
    let absDiff = 0;
    let sumFull = 0;
    let sumApprox = 0;
    for (let k = 0; k < open.detection_perS.length; k++) {
      const f = open.detection_perS[k];
      if (f === 0) continue;
      const a = full.detection_perS[k] / f;
      const b = approx.detection_perS[k] / f;
      cells++;
      if (a >= 0.5 === b >= 0.5) agree++;
      absDiff += Math.abs(a - b);
      sumFull += full.detection_perS[k];
      sumApprox += approx.detection_perS[k];
    }
    const agreement = agree / cells;
    console.log(
      `coarse vs full viewsheds: ${cells} cells in reach, ${(100 * agreement).toFixed(1)} % on the same side of half visible, mean |Δ visible share| ${(absDiff / cells).toFixed(3)}, total hazard ratio ${(sumApprox / sumFull).toFixed(3)}`,
    );
    expect(cells).toBeGreaterThan(10_000);
    expect(agreement).toBeGreaterThan(0.97);
    expect(absDiff / cells).toBeLessThan(0.03);
    // The coarse terrain is smoother between crests: it errs toward more exposure, not less.
    expect(sumApprox / sumFull).toBeGreaterThan(1);
    expect(sumApprox / sumFull).toBeLessThan(1.3);
  });

  it("takes a missile's range from its steady cruise, close to the simulated reach", () => {
    // Low level, Mach 0.6: the simulated reach flight of the B class (docs/missile-model.md: 559 km).
    const perf = cruisePerformance(AGM158B_CLASS, 100, 0.6);
    const sim = reachFlight(
      {
        earth: makeEarth(),
        missile: AGM158B_CLASS,
        release: {
          lat_deg: 0,
          lon_deg: 0,
          alt_m: 7620,
          tas_mps: 248,
          heading_rad: 0,
          platform: "test",
        },
      },
      { alt_m: 100, mach: 0.6 },
      90,
    );
    // The steady estimate leaves out the descent from release: a little short, never long.
    expect(perf.range_m).toBeLessThan(sim.powered_range_m);
    expect(perf.range_m).toBeGreaterThan(0.9 * sim.powered_range_m);
    // At Mach 0.75 low down the engine cannot hold the Mach: the planner uses what it can hold.
    const fast = cruisePerformance(AGM158B_CLASS, 100, 0.75);
    expect(fast.thrustLimited).toBe(true);
    expect(fast.mach).toBeLessThan(0.75);
    expect(fast.mach).toBeGreaterThan(0.65);
  });
});
