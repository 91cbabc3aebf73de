/**
 * RFC 7946 §3.1.6: a polygon's exterior ring is counter-clockwise and its holes clockwise. Every
 * polygon the writers emit goes through one helper; these tests check the helper on random simple
 * polygons and the two writers that emit polygons (reach footprint, plan no-fly areas).
 */

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { PlanningSettings } from "../../src/engine/plan-mission.js";
import { planningSettings } from "../../src/engine/plan-mission.js";
import type { ReachResult } from "../../src/engine/reach.js";
import {
  clockwise,
  counterClockwise,
  type GeoJsonPosition,
  polygon,
  ringArea2,
} from "../../src/io/geojson.js";
import { type PlanOutputInput, planGeoJson } from "../../src/io/plan-outputs.js";
import { writeReachOutputs } from "../../src/io/reach-outputs.js";
import { loadScenarioFile } from "../../src/scenario/load.js";

/** A small deterministic generator, so a failure names its case. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A random simple polygon: a star-shaped ring about (lon0, lat0), vertices at sorted random
 * angles and random radii (simple by construction), counter-clockwise or clockwise.
 */
function randomRing(rand: () => number, ccw: boolean): GeoJsonPosition[] {
  const n = 3 + Math.floor(rand() * 30);
  const lon0 = -180 + 360 * rand();
  const lat0 = -60 + 120 * rand();
  const size = 10 ** (-3 + 3 * rand());
  const angles = Array.from({ length: n }, () => 2 * Math.PI * rand()).sort((a, b) => a - b);
  const ring = angles.map((a): GeoJsonPosition => {
    const r = size * (0.2 + rand());
    let lon = lon0 + r * Math.cos(a);
    // Positions stay in [-180, 180]: a ring near the antimeridian wraps, as written.
    if (lon > 180) lon -= 360;
    if (lon < -180) lon += 360;
    return [lon, lat0 + r * Math.sin(a)];
  });
  return ccw ? ring : ring.reverse();
}

const key = (p: GeoJsonPosition) => `${p[0]},${p[1]}`;

/** The ring's positions as a sorted multiset, the closing repeat dropped. */
function vertexSet(ring: readonly GeoJsonPosition[]): string[] {
  const open =
    ring.length > 1 && key(ring[0]) === key(ring[ring.length - 1]) ? ring.slice(0, -1) : ring;
  return open.map(key).sort();
}

describe("counterClockwise and clockwise", () => {
  it("wind random simple polygons as asked, closed, with the same vertices", () => {
    const rand = lcg(7);
    for (let k = 0; k < 500; k++) {
      const ring = randomRing(rand, rand() < 0.5);
      const closed = rand() < 0.5;
      const input = closed ? [...ring, ring[0]] : ring;
      const outer = counterClockwise(input);
      const hole = clockwise(input);
      for (const out of [outer, hole]) {
        expect(key(out[0])).toBe(key(out[out.length - 1]));
        expect(vertexSet(out)).toEqual(vertexSet(ring));
      }
      expect(ringArea2(outer)).toBeGreaterThan(0);
      expect(ringArea2(hole)).toBeLessThan(0);
      // The cyclic order is kept or reversed, never shuffled.
      const i = outer.findIndex((p) => key(p) === key(ring[0]));
      const next = key(outer[(i + 1) % (outer.length - 1)]);
      expect([key(ring[1]), key(ring[ring.length - 1])]).toContain(next);
    }
  });

  it("counts a ring across the antimeridian as the small ring it is", () => {
    // Counter-clockwise about (180°, 0°): east of it, north, west of it, south.
    const ring: GeoJsonPosition[] = [
      [-179.5, 0],
      [180, 0.5],
      [179.5, 0],
      [180, -0.5],
    ];
    expect(ringArea2(ring)).toBeCloseTo(1, 9); // twice the area of a diamond of diagonals 1 and 1
    expect(counterClockwise(ring).slice(0, 4)).toEqual(ring);
  });

  it("builds a Polygon with a counter-clockwise shell and clockwise holes", () => {
    const square: GeoJsonPosition[] = [
      [0, 0],
      [0, 2],
      [2, 2],
      [2, 0],
    ];
    const inner: GeoJsonPosition[] = [
      [0.5, 0.5],
      [1.5, 0.5],
      [1.5, 1.5],
      [0.5, 1.5],
    ];
    const p = polygon(square, [inner]);
    expect(p.type).toBe("Polygon");
    expect(ringArea2(p.coordinates[0])).toBeGreaterThan(0);
    expect(ringArea2(p.coordinates[1])).toBeLessThan(0);
  });
});

describe("the writers' polygons", () => {
  it("the reach footprint, flown clockwise by azimuth, is written counter-clockwise", () => {
    const lat0 = 10;
    const lon0 = 20;
    const ring = Array.from({ length: 12 }, (_, k) => {
      const az = (k * 30 * Math.PI) / 180;
      const d = 3 + (k % 3);
      return {
        azimuth_deg: k * 30,
        range_m: d * 111e3,
        powered_range_m: d * 100e3,
        flight_time_s: 1000,
        end_lat_deg: lat0 + d * Math.cos(az),
        end_lon_deg: lon0 + (d * Math.sin(az)) / Math.cos((lat0 * Math.PI) / 180),
      };
    });
    const reach = {
      missile: { name: "notional" },
      release: { lat_deg: lat0, lon_deg: lon0, alt_m: 7000, tas_mps: 240, platform: "aircraft" },
      profile: { alt_m: 7000, mach: 0.8 },
      search: null,
      ring,
      maxRange_m: 5 * 111e3,
      minRange_m: 3 * 111e3,
    } as unknown as ReachResult;
    const dir = mkdtempSync(join(tmpdir(), "standoff-winding-"));
    writeReachOutputs(dir, reach, "standoff test");
    const geo = JSON.parse(readFileSync(join(dir, "reach.geojson"), "utf8"));
    const footprint = geo.features.find(
      (f: { properties: { role: string } }) => f.properties.role === "reach_footprint",
    );
    const coords: GeoJsonPosition[] = footprint.geometry.coordinates[0];
    expect(coords).toHaveLength(13);
    expect(coords[0]).toEqual(coords[12]);
    expect(ringArea2(coords)).toBeGreaterThan(0);
  });

  it("plan no-fly areas are written counter-clockwise, whatever the scenario's order", () => {
    // The salvo example's no-fly area runs clockwise (north, east, south) as written.
    const file = new URL("../../examples/salvo-tot.yaml", import.meta.url).pathname;
    const s = loadScenarioFile(file);
    if (s.kind !== "salvo") throw new Error("expected a salvo");
    const settings = planningSettings(s.planning, null);
    expect(settings.noFly.length).toBeGreaterThan(0);
    const written = settings.noFly[0].polygon.map(([lat, lon]): GeoJsonPosition => [lon, lat]);
    expect(ringArea2(written)).toBeLessThan(0);
    const reversed = {
      ...settings.noFly[0],
      name: "reversed",
      polygon: [...settings.noFly[0].polygon].reverse(),
    };
    const input = {
      title: "winding",
      file,
      generator: "standoff test",
      routes: [],
      settings: { ...settings, noFly: [...settings.noFly, reversed] } as PlanningSettings,
      defence: null,
    } as unknown as PlanOutputInput;
    const areas = planGeoJson(input).features.filter((f) => f.properties.kind === "no_fly");
    expect(areas).toHaveLength(2);
    for (const f of areas) {
      if (f.geometry.type !== "Polygon") throw new Error("expected a polygon");
      expect(ringArea2(f.geometry.coordinates[0])).toBeGreaterThan(0);
    }
  });
});
