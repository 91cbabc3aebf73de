import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { geodesicInverse } from "../../src/earth/geodesic.js";
import { computeLarFile, larRoute } from "../../src/engine/lar.js";
import { missionFromScenario } from "../../src/engine/mission-params.js";
import { computeReach } from "../../src/engine/reach.js";
import { PHASE_TERMINAL } from "../../src/mission/phases.js";
import { simulateMission } from "../../src/mission/simulate.js";
import { type CostToGo, costToGo } from "../../src/planning/cost-to-go.js";
import { distanceToEdge_m } from "../../src/planning/launch-region.js";
import { colLon, rowLat } from "../../src/planning/planning-grid.js";
import { loadScenarioFile } from "../../src/scenario/load.js";
import type { MissionScenario } from "../../src/scenario/mission-schema.js";

/**
 * The missile side of the launch acceptability region against things outside it: the reach
 * footprint `standoff reach` flies (no threats, flat ground, still air: the region is the disc of
 * that radius), and the full simulation flown from release points inside and outside the region.
 * A short-legged variant of the A-class (25 kg of fuel, cruise 300 m, Mach 0.7: about 77 km) keeps
 * the hundred flights cheap; the region's rule does not depend on the size of the tank.
 */

const tmp = mkdtempSync(join(tmpdir(), "standoff-lar-"));

function scenario(name: string, extra: Record<string, unknown> = {}): string {
  const doc = {
    kind: "mission",
    name,
    launch: { lat_deg: 29.0, lon_deg: 10.0, alt_m: 3000, mach: 0.7, heading_deg: 0 },
    missile: { preset: "agm158a-class", overrides: { fuel_kg: 25 } },
    route: { cruise: { alt_m: 300, mach: 0.7 } },
    target: { lat_deg: 30.0, lon_deg: 10.0, elevation_m: 0, impact_angle_deg: 60 },
    simulation: { step_s: 0.1, terminal_step_s: 0.01 },
    lar: { cell_km: 2 },
    ...extra,
  };
  const file = join(tmp, `${name}.yaml`);
  writeFileSync(file, stringify(doc));
  return file;
}

describe("missile side: no threats, flat ground, still air", () => {
  it("is the disc of `standoff reach`'s radius (within one cell), less the reserve", async () => {
    const file = scenario("disc", { planning: { reserve_fraction: 0 } });
    const reach = computeReach(file, { azimuthStep_deg: 45, alt_m: 300, mach: 0.7 });
    const lar = await computeLarFile(file);
    const c = lar.conditions[0];
    expect(c.polygons.missile).toHaveLength(1);
    const [outer, hole] = c.polygons.missile[0];
    const cell = lar.cell_m;
    for (const [lon, lat] of outer) {
      const d = geodesicInverse(30, 10, lat, lon).distance_m;
      expect(Math.abs(d - reach.maxRange_m)).toBeLessThan(cell);
      expect(Math.abs(d - reach.minRange_m)).toBeLessThan(cell);
    }
    // The hole: the minimum engagement distance around the target.
    for (const [lon, lat] of hole) {
      const d = geodesicInverse(30, 10, lat, lon).distance_m;
      expect(Math.abs(d - c.minDistance_m)).toBeLessThan(cell);
    }
    // Area of the annulus within the cells along its rim.
    const R = reach.maxRange_m;
    const annulus = Math.PI * (R * R - c.minDistance_m ** 2);
    expect(Math.abs(c.area_m2.missile - annulus)).toBeLessThan(2 * Math.PI * R * cell * 0.5);

    const reserve = await computeLarFile(
      scenario("disc-reserve", { planning: { reserve_fraction: 0.15 } }),
    );
    for (const [lon, lat] of reserve.conditions[0].polygons.missile[0][0]) {
      const d = geodesicInverse(30, 10, lat, lon).distance_m;
      expect(Math.abs(d - 0.85 * reach.maxRange_m)).toBeLessThan(cell);
    }
  }, 60_000);
});

describe("missile side: consistency with flight", () => {
  it("≥ 98 % of 50 release points inside arrive and ≥ 98 % of 50 outside do not", async () => {
    // A no-fly box south-west of the target bends the routes: the region has its shadow.
    const file = scenario("flights", {
      planning: {
        reserve_fraction: 0,
        no_fly: [
          {
            name: "box",
            polygon: [
              [29.55, 9.55],
              [29.55, 9.85],
              [29.7, 9.85],
              [29.7, 9.55],
            ],
          },
        ],
      },
    });
    const lar = await computeLarFile(file);
    const c = lar.conditions[0];
    const g = lar.grid;
    const inside = c.rasters.missile;
    const outside = inside.map((v) => (v ? 0 : 1));
    const depthIn = distanceToEdge_m(g, inside);
    const depthOut = distanceToEdge_m(g, outside);
    const cell = lar.cell_m;
    // Near the edge, where the answer is in doubt: more than one cell from it and less than four.
    // The edge runs between nodes, and a node's distance to the nearest node across it exceeds
    // its distance to the edge by up to half a cell's diagonal: count that.
    const slack = cell * Math.SQRT1_2;
    const pick = (depth: Float64Array, set: Uint8Array, want: number): number[] => {
      const cand: number[] = [];
      for (let k = 0; k < set.length; k++) {
        if (set[k] && depth[k] > cell + slack && depth[k] < 4 * cell + slack) cand.push(k);
      }
      const out: number[] = [];
      const step = cand.length / want;
      for (let i = 0; i < want; i++) out.push(cand[Math.floor(i * step)]);
      return out;
    };
    const inPts = pick(depthIn, inside, 50);
    const s = loadScenarioFile(file) as MissionScenario;
    const base = missionFromScenario(s, file, 10);
    // Routes from the outside points: the same reverse search, without the range pruning.
    const unbounded = costToGo(
      g,
      lar.planner.costPerM,
      { lat_deg: 30, lon_deg: 10 },
      lar.maxSegment_m,
      Number.POSITIVE_INFINITY,
    );
    // Beyond the outer rim only: not in a no-fly area (no route starts there) nor in the hole
    // of the minimum engagement distance.
    const outCand = pick(depthOut, outside, 400).filter((k) => {
      const r = Math.floor(k / g.nLon);
      const d = geodesicInverse(30, 10, rowLat(g, r), colLon(g, k - r * g.nLon)).distance_m;
      return d > 20_000 && unbounded.parent[k] >= 0;
    });
    const outPts = outCand
      .filter((_, i, a) => i % Math.max(1, Math.floor(a.length / 50)) === 0)
      .slice(0, 50);
    expect(inPts.length).toBe(50);
    expect(outPts.length).toBe(50);

    const fly = (k: number, field: CostToGo) => {
      const r = Math.floor(k / g.nLon);
      const start = { lat_deg: rowLat(g, r), lon_deg: colLon(g, k - r * g.nLon) };
      const pts = larRoute(lar, k, field);
      const inner = pts.slice(1, -1);
      const first = inner[0] ?? { lat_deg: 30, lon_deg: 10 };
      const az = geodesicInverse(
        start.lat_deg,
        start.lon_deg,
        first.lat_deg,
        first.lon_deg,
      ).azi1_deg;
      const res = simulateMission({
        ...base,
        release: { ...base.release, ...start, heading_rad: (az * Math.PI) / 180 },
        waypoints: inner.map((w, i) => ({
          name: `w${i}`,
          ...w,
          alt_m: base.cruise.alt_m,
          agl_m: null,
          mach: base.cruise.mach,
        })),
        sampleDt_s: 10,
      });
      const phase = res.samples.column("phase");
      return (
        res.summary.status === "ground_impact" &&
        phase[res.samples.length - 1] === PHASE_TERMINAL &&
        (res.summary.miss_m ?? Number.POSITIVE_INFINITY) < 50
      );
    };
    let arrivedIn = 0;
    for (const k of inPts) if (fly(k, lar.field)) arrivedIn++;
    let arrivedOut = 0;
    for (const k of outPts) if (fly(k, unbounded)) arrivedOut++;
    if (process.env.LAR_DEBUG)
      console.log(`inside ${arrivedIn}/50 arrived, outside ${arrivedOut}/50`);
    expect(arrivedIn / 50).toBeGreaterThanOrEqual(0.98);
    expect(arrivedOut / 50).toBeLessThanOrEqual(0.02);
  }, 300_000);
});
