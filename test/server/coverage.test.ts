/**
 * Each radar's own coverage at the flight height, as `standoff serve` draws it: in the layered
 * example (90 m above the ground over hills) a search radar's coverage is far smaller than its
 * detection ring, because terrain hides the low missile; where it is drawn covered or not agrees
 * with the site's viewshed (the defence model's own line of sight) and, as an outside check, with
 * a straight 4/3-Earth ray marched over the terrain.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { terrainFromScenario } from "../../src/engine/world.js";
import { parseScenarioText } from "../../src/scenario/load.js";
import { buildApp } from "../../src/server/app.js";
import type { ElevationGrid } from "../../src/terrain/elevation-grid.js";
import { lineOfSight, surfaceDistance_m } from "../../src/terrain/line-of-sight.js";
import { siteViewshed } from "../../src/terrain/site-visibility.js";

const root = new URL("../../", import.meta.url).pathname;
const text = readFileSync(join(root, "examples", "layered-defence.yaml"), "utf8");

interface Cov {
  width: number;
  height: number;
  covered: number[];
  south: number;
  west: number;
  north: number;
  east: number;
}

describe("per-radar coverage at the cruise height", () => {
  let app: FastifyInstance;
  let grid: ElevationGrid;
  beforeAll(async () => {
    app = await buildApp();
    const s = parseScenarioText(text, "layered-defence.yaml");
    if (s.kind !== "mission") throw new Error("expected a mission");
    const g = await terrainFromScenario(s, "layered-defence.yaml");
    if (!g) throw new Error("expected terrain");
    grid = g;
  }, 60_000);
  afterAll(async () => app?.close());

  it("names one coverage image per radar, and each differs from its ring as the viewshed says", async () => {
    const v = await app.inject({ method: "POST", url: "/api/validate", payload: { text } });
    const answer = v.json() as {
      features: {
        points: { name: string; lat_deg: number; lon_deg: number }[];
        rings: { point: number; kind: string; radius_m: number; mast_m?: number }[];
      };
      coverageImages: { ring: number; url: string }[];
    };
    // One per radar (four detection rings) and one for the long-range SAM's jammer.
    const shaded = answer.features.rings.filter((r) => r.kind !== "engagement");
    expect(shaded.length).toBe(5);
    expect(answer.coverageImages.length).toBe(5);
    const one = answer.coverageImages.find(
      (c) => answer.features.points[answer.features.rings[c.ring].point].name === "search radar",
    );
    if (!one) throw new Error("no coverage for the search radar");
    const png = await app.inject({ method: "GET", url: one.url });
    expect(png.headers["content-type"]).toBe("image/png");
    expect(png.rawPayload.subarray(1, 4).toString()).toBe("PNG");
    const cov = (
      await app.inject({ method: "GET", url: one.url.replace(".png", ".json") })
    ).json() as Cov;
    const ring = answer.features.rings[one.ring];
    const site = answer.features.points[ring.point];
    const mast = ring.mast_m ?? 0;
    const shed = siteViewshed(grid, site.lat_deg, site.lon_deg, mast);
    const ground = grid.heightAt(site.lat_deg, site.lon_deg);
    let inRing = 0;
    let covered = 0;
    let shedAgrees = 0;
    let rayAgrees = 0;
    let sampled = 0;
    for (let y = 0; y < cov.height; y += 3)
      for (let x = 0; x < cov.width; x += 3) {
        const lat = cov.north - ((y + 0.5) / cov.height) * (cov.north - cov.south);
        const lon = cov.west + ((x + 0.5) / cov.width) * (cov.east - cov.west);
        if (surfaceDistance_m(site.lat_deg, site.lon_deg, lat, lon) > ring.radius_m) {
          expect(cov.covered[y * cov.width + x]).toBe(0);
          continue;
        }
        const i = Math.round((lat - grid.lat0_deg) / grid.dLat_deg);
        const j = Math.round((lon - grid.lon0_deg) / grid.dLon_deg);
        if (i < 0 || j < 0 || i >= grid.nLat || j >= grid.nLon) continue;
        inRing++;
        const c = cov.covered[y * cov.width + x] === 1;
        if (c) covered++;
        const alt = 90 + grid.heightAt(lat, lon);
        if (alt >= shed[i * grid.nLon + j] === c) shedAgrees++;
        if (sampled < 400 && (x + y) % 9 === 0) {
          sampled++;
          if (
            lineOfSight(grid, site.lat_deg, site.lon_deg, ground + mast, lat, lon, alt, 200) === c
          )
            rayAgrees++;
        }
      }
    // Behind the hills at 90 m AGL the radar sees well under its ring, but not nothing.
    expect(inRing).toBeGreaterThan(1000);
    expect(covered / inRing).toBeGreaterThan(0.02);
    expect(covered / inRing).toBeLessThan(0.8);
    expect(shedAgrees).toBe(inRing);
    expect(rayAgrees / sampled).toBeGreaterThan(0.9);
  }, 120_000);

  it("answers 404 for an unknown coverage id", async () => {
    const r = await app.inject({ method: "GET", url: `/api/coverage/${"0".repeat(32)}.png` });
    expect(r.statusCode).toBe(404);
  });
});
