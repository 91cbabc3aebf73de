import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { geodesicInverse } from "../../src/earth/geodesic.js";
import { computeLar, computeLarFile } from "../../src/engine/lar.js";
import {
  colLon,
  metresPerDegLat,
  metresPerDegLon,
  rowLat,
} from "../../src/planning/planning-grid.js";
import { loadScenarioFile } from "../../src/scenario/load.js";
import type { MissionScenario } from "../../src/scenario/mission-schema.js";
import { ElevationGrid } from "../../src/terrain/elevation-grid.js";
import { SiteVisibility, ViewshedCache } from "../../src/terrain/site-visibility.js";
import { SAM_PRESETS } from "../../src/threats/presets.js";

/**
 * The aircraft side of the launch acceptability region against closed forms: one SAM on flat
 * ground excludes the disc of its envelope's maximum range plus the margin (within one cell: the
 * egress turn of 1.1 km radius at Mach 0.7 and 500 m may reach that far beyond it); a straight
 * ingress from an entry point also excludes every release point whose ingress passes within that
 * distance of the site (point-to-segment distance); and a ridge that masks the site from the
 * aircraft's height gives back the masked part of the disc, as the site's viewshed says.
 */

const tmp = mkdtempSync(join(tmpdir(), "standoff-lar-ac-"));
const SAM = { lat_deg: 30.0, lon_deg: 10.0 };
const MARGIN_KM = 10;
const D = SAM_PRESETS["medium-range-sam"].envelope.max_range_m + MARGIN_KM * 1000;

function scenario(name: string, lar: Record<string, unknown>): string {
  const doc = {
    kind: "mission",
    name,
    launch: { lat_deg: 29.0, lon_deg: 10.0, alt_m: 3000, mach: 0.7, heading_deg: 0 },
    missile: { preset: "agm158a-class", overrides: { fuel_kg: 25 } },
    route: { cruise: { alt_m: 300, mach: 0.7 } },
    target: { lat_deg: 30.0, lon_deg: 10.0, elevation_m: 0, impact_angle_deg: 60 },
    air_defence: {
      sites: [{ name: "SAM", preset: "medium-range-sam", ...SAM, network: "iads" }],
    },
    lar: {
      cell_km: 2,
      margin_km: MARGIN_KM,
      releases: [{ alt_m: 500, mach: 0.7 }],
      ...lar,
    },
  };
  const file = join(tmp, `${name}.yaml`);
  writeFileSync(file, stringify(doc));
  return file;
}

const distanceToSam = (lat: number, lon: number) =>
  geodesicInverse(SAM.lat_deg, SAM.lon_deg, lat, lon).distance_m;

describe("aircraft side: one SAM on flat ground", () => {
  it("excludes exactly the disc of maximum range plus margin, within one cell", async () => {
    const lar = await computeLarFile(scenario("sam-disc", { entry: "none" }));
    const g = lar.grid;
    const safe = lar.conditions[0].rasters.aircraft;
    let inDisc = 0;
    let ring = 0;
    for (let r = 0; r < g.nLat; r++) {
      for (let c = 0; c < g.nLon; c++) {
        const d = distanceToSam(rowLat(g, r), colLon(g, c));
        const k = r * g.nLon + c;
        if (d <= D) {
          inDisc++;
          expect(safe[k]).toBe(0);
        } else if (d > D + lar.cell_m) {
          ring++;
          expect(safe[k]).toBe(1);
        }
      }
    }
    expect(inDisc).toBeGreaterThan(1000);
    expect(ring).toBeGreaterThan(1000);
  }, 60_000);

  it("with an entry point, also excludes the releases whose ingress passes within it", async () => {
    const entry = { lat_deg: 29.5, lon_deg: 9.3 };
    const lar = await computeLarFile(scenario("sam-entry", { entry }));
    const g = lar.grid;
    const safe = lar.conditions[0].rasters.aircraft;
    // Local plane about the site (the grid's straight segments within 0.5 % over 100 km).
    const mLat = metresPerDegLat(SAM.lat_deg);
    const mLon = metresPerDegLon(SAM.lat_deg);
    const xy = (lat: number, lon: number) => [
      (lon - SAM.lon_deg) * mLon,
      (lat - SAM.lat_deg) * mLat,
    ];
    const [ex, ey] = xy(entry.lat_deg, entry.lon_deg);
    let checked = 0;
    let shadowed = 0;
    for (let r = 0; r < g.nLat; r++) {
      for (let c = 0; c < g.nLon; c++) {
        const [px, py] = xy(rowLat(g, r), colLon(g, c));
        // Distance from the site (origin) to the segment entry → release point.
        const vx = px - ex;
        const vy = py - ey;
        const t = Math.max(0, Math.min(1, -(ex * vx + ey * vy) / (vx * vx + vy * vy)));
        const seg = Math.hypot(ex + t * vx, ey + t * vy);
        const k = r * g.nLon + c;
        if (seg < D - lar.cell_m) {
          expect(safe[k]).toBe(0);
          if (Math.hypot(px, py) > D + lar.cell_m) shadowed++;
          checked++;
        } else if (seg > D + lar.cell_m && Math.hypot(px, py) > D + lar.cell_m) {
          expect(safe[k]).toBe(1);
          checked++;
        }
      }
    }
    expect(shadowed).toBeGreaterThan(100);
    expect(checked).toBeGreaterThan(0.8 * g.nLat * g.nLon);
  }, 60_000);
});

describe("aircraft side: a ridge masking the site", () => {
  it("grows the safe region by the masked sector of the disc, as the viewshed says", async () => {
    const file = scenario("ridge", { entry: "none" });
    const s = loadScenarioFile(file) as MissionScenario;
    // A 1,500 m ridge 8–10 km north of the site, 30 km long east–west, on 0.01° terrain.
    const lat0 = 29.3;
    const lon0 = 9.2;
    const d = 0.01;
    const n = 160;
    const h = new Float32Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const north_m = (lat0 + i * d - SAM.lat_deg) * metresPerDegLat(30);
        const east_m = (lon0 + j * d - SAM.lon_deg) * metresPerDegLon(30);
        if (north_m >= 8000 && north_m <= 10_000 && Math.abs(east_m) <= 15_000) h[i * n + j] = 1500;
      }
    }
    const ridge = new ElevationGrid(lat0, lon0, d, d, n, n, h, 0);
    const flat = new ElevationGrid(lat0, lon0, d, d, n, n, new Float32Array(n * n), 0);
    const withRidge = computeLar(s, file, ridge);
    const without = computeLar(s, file, flat);
    const g = withRidge.grid;
    const safeR = withRidge.conditions[0].rasters.aircraft;
    const safeF = without.conditions[0].rasters.aircraft;
    const vis = new SiteVisibility(
      ridge,
      SAM.lat_deg,
      SAM.lon_deg,
      SAM_PRESETS["medium-range-sam"].radar.mast_m,
      new ViewshedCache(),
    );
    const cell = withRidge.cell_m;
    const area = (r: number) => g.rowStep_m[r] * g.colStep_m[r];
    let gained = 0;
    let masked = 0;
    let maskedDeep = 0;
    for (let r = 0; r < g.nLat; r++) {
      for (let c = 0; c < g.nLon; c++) {
        const k = r * g.nLon + c;
        const lat = rowLat(g, r);
        const lon = colLon(g, c);
        const dist = distanceToSam(lat, lon);
        if (safeR[k] && !safeF[k]) gained += area(r);
        // Where the site sees the aircraft inside the disc, still unsafe.
        if (dist <= D && vis.visible(lat, lon, 500)) expect(safeR[k]).toBe(0);
        if (dist > D || vis.visible(lat, lon, 500) || ridge.heightAt(lat, lon) >= 500) continue;
        masked += area(r);
        // Masked with all of its surroundings within two cells masked too: safe.
        let deep = true;
        for (let dr = -2; dr <= 2 && deep; dr++) {
          for (let dc = -2; dc <= 2 && deep; dc++) {
            const la = rowLat(g, r + dr);
            const lo = colLon(g, c + dc);
            if (distanceToSam(la, lo) <= D && vis.visible(la, lo, 500)) deep = false;
          }
        }
        if (deep) {
          maskedDeep++;
          expect(safeR[k]).toBe(1);
        }
      }
    }
    if (process.env.LAR_DEBUG) console.log({ gained, masked, maskedDeep });
    expect(maskedDeep).toBeGreaterThan(50);
    // The gain is the masked sector, to within a cell along its two edges and its rim.
    const sectorEdge = 2 * D + 2 * Math.PI * D * 0.1;
    expect(Math.abs(gained - masked)).toBeLessThan(sectorEdge * cell);
    expect(gained).toBeGreaterThan(0.5 * masked);
  }, 120_000);
});
