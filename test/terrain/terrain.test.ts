import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { shareTerrain } from "../../src/montecarlo/study-context.js";
import { ElevationGrid, flatTerrain } from "../../src/terrain/elevation-grid.js";
import { lineOfSight, radarHorizon_m, surfaceDistance_m } from "../../src/terrain/line-of-sight.js";
import { syntheticTerrain } from "../../src/terrain/synthetic-terrain.js";

describe("elevation grid", () => {
  it("interpolates bilinearly and is exact at the samples", () => {
    const g = new ElevationGrid(10, 20, 1, 1, 2, 2, Float32Array.of(0, 100, 200, 300));
    expect(g.heightAt(10, 20)).toBe(0);
    expect(g.heightAt(11, 21)).toBe(300);
    expect(g.heightAt(10.5, 20.5)).toBeCloseTo(150, 9);
    expect(g.heightAt(10.25, 20)).toBeCloseTo(50, 9);
    expect(g.heightAt(50, 50)).toBe(0);
  });
});

describe("synthetic terrain", () => {
  const params = {
    lat0_deg: -5,
    lon0_deg: 10,
    size_deg: 2,
    n: 256,
    relief_m: 2500,
    sea_fraction: 0.3,
  };

  it("is reproducible from its seed and different for another seed", () => {
    const a = syntheticTerrain(params, Rng.fromSeed(1).stream("terrain"));
    const b = syntheticTerrain(params, Rng.fromSeed(1).stream("terrain"));
    const c = syntheticTerrain(params, Rng.fromSeed(2).stream("terrain"));
    expect(Array.from(a.heights_m)).toEqual(Array.from(b.heights_m));
    expect(Array.from(a.heights_m)).not.toEqual(Array.from(c.heights_m));
  });

  it("keeps the bundled example's map to the bit (its results depend on every height)", () => {
    // examples/layered-defence.yaml's terrain: seed 4, 4° from (−30, −20), 1024 cells.
    const t = syntheticTerrain(
      { lat0_deg: -30, lon0_deg: -20, size_deg: 4, n: 1024, relief_m: 1200, sea_fraction: 0.35 },
      Rng.fromSeed(4).stream("terrain"),
    );
    const sha = createHash("sha256").update(new Uint8Array(t.heights_m.buffer)).digest("hex");
    expect(sha.slice(0, 16)).toBe("a643ca6d4d87f1aa");
  });

  it("writes into shared memory with the same bits, and the threads' view needs no copy", () => {
    const fresh = syntheticTerrain(params, Rng.fromSeed(1).stream("terrain"));
    const into = new Float32Array(new SharedArrayBuffer(4 * params.n * params.n)).fill(-7);
    const shared = syntheticTerrain(params, Rng.fromSeed(1).stream("terrain"), into);
    expect(shared.heights_m).toBe(into);
    expect(Array.from(into)).toEqual(Array.from(fresh.heights_m));
    // Already in shared memory: handed to the threads as it is (a copy cost ~11 ms at 1024²).
    expect(shareTerrain(shared).heights_m).toBe(into);
    const copied = shareTerrain(fresh).heights_m;
    expect(copied.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(copied)).toEqual(Array.from(fresh.heights_m));
    expect(() =>
      syntheticTerrain(params, Rng.fromSeed(1).stream("terrain"), new Float32Array(10)),
    ).toThrow(/expected 65536 cells to write into, got 10/);
  });

  it("has sea, coast and mountains", () => {
    const t = syntheticTerrain(params, Rng.fromSeed(3).stream("terrain"));
    const h = t.heights_m;
    const sea = h.filter((x) => x === 0).length / h.length;
    expect(sea).toBeGreaterThan(0.1);
    expect(sea).toBeLessThan(0.7);
    expect(t.maxHeight()).toBeGreaterThan(800);
    // Relief is continuous: neighbouring samples (≈ 870 m apart) rarely differ by more than 300 m.
    let jumps = 0;
    for (let i = 0; i < h.length - 1; i++) if (Math.abs(h[i + 1] - h[i]) > 300) jumps++;
    expect(jumps / h.length).toBeLessThan(0.01);
  });
});

describe("line of sight", () => {
  it("over a smooth sea, ends at the 4/3-Earth radar horizon", () => {
    const sea = flatTerrain(0);
    const h = radarHorizon_m(25, 100);
    // Along the equator, 1° of longitude = 111.19 km on the mean sphere.
    const deg = h / surfaceDistance_m(0, 0, 0, 1);
    expect(lineOfSight(sea, 0, 0, 25, 0, 0.97 * deg, 100, 50)).toBe(true);
    expect(lineOfSight(sea, 0, 0, 25, 0, 1.03 * deg, 100, 50)).toBe(false);
  });

  it("a missile behind a ridge is hidden, and seen once it climbs above the ridge line", () => {
    // A 600 m ridge at 20 km from a radar on a 20 m mast; the missile 40 km out.
    const n = 201;
    const heights = new Float32Array(n * 2);
    for (let j = 0; j < n; j++) {
      const km = j * 0.5;
      const ridge = Math.max(0, 600 - 120 * Math.abs(km - 20));
      heights[j] = ridge;
      heights[n + j] = ridge;
    }
    const dLon = 0.5 / 111.195; // 500 m in longitude at the equator
    const g = new ElevationGrid(0, 0, 0.01, dLon, 2, n, heights);
    const lon = (km: number) => km / 111.195;
    expect(lineOfSight(g, 0, 0, 20, 0, lon(40), 100)).toBe(false);
    // The ridge top, seen from 20 m at 20 km, sets a sight line reaching about 1,180 m at 40 km
    // (plus the 4/3-Earth bulge): at 1,500 m the missile is seen.
    expect(lineOfSight(g, 0, 0, 20, 0, lon(40), 1500)).toBe(true);
  });
});
