import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { seedSharedViewsheds } from "../../src/montecarlo/shared-viewsheds.js";
import { ElevationGrid } from "../../src/terrain/elevation-grid.js";
import {
  EARTH_RADIUS_M,
  lineOfSight,
  REFRACTION_K,
  radarHorizon_m,
} from "../../src/terrain/line-of-sight.js";
import { ViewshedCache } from "../../src/terrain/site-visibility.js";
import { syntheticTerrain } from "../../src/terrain/synthetic-terrain.js";
import { viewshed, viewshedR2 } from "../../src/terrain/viewshed.js";
import { viewshedWang } from "../../src/terrain/viewshed-wang.js";

const t = syntheticTerrain(
  { lat0_deg: 0, lon0_deg: 0, size_deg: 1, n: 160, relief_m: 1500, sea_fraction: 0.2 },
  Rng.fromSeed(11).stream("terrain"),
);
const radar = { lat: 0.4, lon: 0.55, mast: 20 };

/** Share of random cells and target heights on which a viewshed agrees with exact line of sight. */
function agreementWithExact(mvh: Float32Array): number {
  const rng = Rng.fromSeed(5);
  const hRadar = t.heightAt(radar.lat, radar.lon) + radar.mast;
  let agree = 0;
  const n = 600;
  for (let k = 0; k < n; k++) {
    const i = rng.int(t.nLat);
    const j = rng.int(t.nLon);
    const lat = t.lat0_deg + i * t.dLat_deg;
    const lon = t.lon0_deg + j * t.dLon_deg;
    const ground = t.heights_m[i * t.nLon + j];
    const h = ground + rng.uniform(0, 1500);
    const exact = lineOfSight(t, radar.lat, radar.lon, hRadar, lat, lon, h, 50);
    const fromViewshed = h >= mvh[i * t.nLon + j];
    if (exact === fromViewshed) agree++;
  }
  return agree / n;
}

describe("viewshed (default: Wang et al. reference-plane sweep)", () => {
  const mvh = viewshed(t, radar.lat, radar.lon, radar.mast);

  it("agrees with exact line-of-sight checks on at least 99 % of random cells and heights", () => {
    // Measured 100 % on this map (R2: 99.7 %).
    expect(agreementWithExact(mvh)).toBeGreaterThan(0.99);
  });

  it("never puts the visible height below the ground, and sees the cells next to the radar", () => {
    for (let c = 0; c < mvh.length; c++)
      expect(mvh[c]).toBeGreaterThanOrEqual(t.heights_m[c] - 1e-3);
    const i = Math.round((radar.lat - t.lat0_deg) / t.dLat_deg);
    const j = Math.round((radar.lon - t.lon0_deg) / t.dLon_deg);
    expect(mvh[(i + 1) * t.nLon + j]).toBeCloseTo(t.heights_m[(i + 1) * t.nLon + j], 3);
  });

  it("is the Wang sweep on the grid and R2 for an antenna off it", () => {
    expect(Array.from(mvh)).toEqual(Array.from(viewshedWang(t, radar.lat, radar.lon, radar.mast)));
    const off = viewshed(t, -0.2, 0.5, 30);
    expect(Array.from(off)).toEqual(Array.from(viewshedR2(t, -0.2, 0.5, 30)));
    expect(() => viewshedWang(t, -0.2, 0.5, 30)).toThrow(RangeError);
  });
});

describe("viewshed (R2 sweep, for antennas off the grid)", () => {
  it("agrees with exact line-of-sight checks on at least 97 % of random cells and heights", () => {
    expect(agreementWithExact(viewshedR2(t, radar.lat, radar.lon, radar.mast))).toBeGreaterThan(
      0.97,
    );
  });
});

describe("viewshedWang", () => {
  it("over a smooth sea, ends at the 4/3-Earth radar horizon in every direction", () => {
    const n = 401;
    const d_deg = 0.005; // ≈ 556 m
    const sea = new ElevationGrid(-1, -1, d_deg, d_deg, n, n, new Float32Array(n * n));
    const mast_m = 30;
    const target_m = 100;
    const mvh = viewshedWang(sea, 0, 0, mast_m);
    const horizon_m = radarHorizon_m(mast_m, target_m);
    const cell_m = d_deg * (Math.PI / 180) * EARTH_RADIUS_M;
    const c = (n - 1) / 2;
    // East, north and north-east: seen inside the horizon, hidden beyond it.
    for (const [di, dj] of [
      [0, 1],
      [1, 0],
      [1, 1],
    ]) {
      const step_m = cell_m * Math.hypot(di, dj);
      const inside = Math.floor((0.97 * horizon_m) / step_m);
      const beyond = Math.ceil((1.03 * horizon_m) / step_m);
      expect(mvh[(c + di * inside) * n + c + dj * inside]).toBeLessThanOrEqual(target_m);
      expect(mvh[(c + di * beyond) * n + c + dj * beyond]).toBeGreaterThan(target_m);
    }
  });

  it("behind a wall, along the antenna's row, gives the sight line over the wall top exactly", () => {
    // A 500 m wall 10 cells east of the antenna, on flat ground at 100 m; cells 1 km apart.
    const n = 41;
    const d_deg = 1000 / ((Math.PI / 180) * EARTH_RADIUS_M);
    const heights = new Float32Array(n * n).fill(100);
    for (let i = 0; i < n; i++) heights[i * n + 20] = 500;
    // The antenna on the equator, so a degree of longitude is as long as one of latitude.
    const g = new ElevationGrid(-20 * d_deg, 0, d_deg, d_deg, n, n, heights);
    const mast_m = 20;
    const mvh = viewshedWang(g, 0, 10 * d_deg, mast_m);
    const hObs = 100 + mast_m;
    const twoKR = 2 * REFRACTION_K * EARTH_RADIUS_M;
    const wall_m = 10_000;
    // The sight line grazing the wall top is straight once the bulge d²/(2kR) is taken off terrain.
    const slope = (500 - (wall_m * wall_m) / twoKR - hObs) / wall_m;
    for (let x = 11; x <= 30; x++) {
      const d_m = x * 1000;
      const expected = hObs + slope * d_m + (d_m * d_m) / twoKR;
      expect(mvh[20 * n + 10 + x]).toBeCloseTo(expected, 2);
    }
    // West of the antenna nothing is in the way.
    expect(mvh[20 * n + 2]).toBe(100);
  });

  it("with the antenna between cells, agrees with exact line of sight as well as on a cell", () => {
    const g = syntheticTerrain(
      { lat0_deg: 0, lon0_deg: 0, size_deg: 1, n: 128, relief_m: 1500, sea_fraction: 0.2 },
      Rng.fromSeed(13).stream("terrain"),
    );
    const rng = Rng.fromSeed(8);
    for (const [lat, lon] of [
      [0.5, 0.5],
      [0.4137, 0.6021],
    ]) {
      const mvh = viewshedWang(g, lat, lon, 25);
      const hRadar = g.heightAt(lat, lon) + 25;
      let agree = 0;
      for (let k = 0; k < 400; k++) {
        const i = rng.int(g.nLat);
        const j = rng.int(g.nLon);
        const h = g.heights_m[i * g.nLon + j] + rng.uniform(0, 1000);
        const exact = lineOfSight(
          g,
          lat,
          lon,
          hRadar,
          g.lat0_deg + i * g.dLat_deg,
          g.lon0_deg + j * g.dLon_deg,
          h,
          50,
        );
        if (exact === h >= mvh[i * g.nLon + j]) agree++;
      }
      expect(agree / 400).toBeGreaterThan(0.98);
    }
  });
});

describe("viewsheds written into an array already used (Monte Carlo threads reuse them)", () => {
  const sites = [
    { lat: 0.4, lon: 0.55, mast: 20 },
    { lat: 0.12, lon: 0.9, mast: 30 }, // near a corner: the sweep's short sides
    { lat: 0.7, lon: 0.2, mast: 5 },
  ];
  const fresh = sites.map((s) => viewshed(t, s.lat, s.lon, s.mast, REFRACTION_K));

  it("overwrites every cell: the same bits as a new array, whatever was there before", () => {
    for (const [k, s] of sites.entries()) {
      const stale = new Float32Array(t.nLat * t.nLon).fill(Number.NaN);
      const into = viewshed(t, s.lat, s.lon, s.mast, REFRACTION_K, stale);
      expect(into).toBe(stale);
      expect(Buffer.from(into.buffer).equals(Buffer.from(fresh[k].buffer))).toBe(true);
      // The R2 sweep (antennas off the grid) fills its array first.
      const r2 = viewshedR2(t, s.lat, s.lon, s.mast, REFRACTION_K, stale);
      const r2Fresh = viewshedR2(t, s.lat, s.lon, s.mast, REFRACTION_K);
      expect(Buffer.from(r2.buffer).equals(Buffer.from(r2Fresh.buffer))).toBe(true);
    }
    expect(() => viewshedWang(t, 0.4, 0.55, 20, REFRACTION_K, new Float32Array(7))).toThrow(
      /expected 25600 cells to write into, got 7/,
    );
  });

  it("threads seed shared slots with the same bits, computed in place, and their caches hold them", () => {
    const cells = t.nLat * t.nLon;
    const shared = {
      sites: sites.map((s) => ({ lat_deg: s.lat, lon_deg: s.lon, antenna_m: s.mast })),
      state: new Int32Array(new SharedArrayBuffer(4 * sites.length)),
      sheds: sites.map(() => new Float32Array(new SharedArrayBuffer(4 * cells)).fill(Number.NaN)),
    };
    const cache = new ViewshedCache(sites.length + 1, true);
    seedSharedViewsheds(shared, t, cache);
    expect(Array.from(shared.state)).toEqual([2, 2, 2]);
    for (const [k, s] of sites.entries()) {
      expect(Buffer.from(shared.sheds[k].buffer).equals(Buffer.from(fresh[k].buffer))).toBe(true);
      expect(cache.get(t, s.lat, s.lon, s.mast)).toBe(shared.sheds[k]);
    }
    expect(cache.computed).toBe(0);
  });

  it("a reusing cache hands a dropped array of its own to the next site, with the new site's values", () => {
    const cache = new ViewshedCache(2, true);
    const shared = fresh[2].slice();
    cache.put(t, 0.7, 0.2, 5, shared);
    const a = cache.get(t, sites[0].lat, sites[0].lon, sites[0].mast);
    // Full (2 entries): the shared array is the oldest, dropped but never written.
    const b = cache.get(t, sites[1].lat, sites[1].lon, sites[1].mast);
    expect(cache.reused).toBe(0);
    expect(Buffer.from(shared.buffer).equals(Buffer.from(fresh[2].buffer))).toBe(true);
    // Now `a` is the oldest and the cache's own, and its run has ended: the next viewshed lands in it.
    cache.nextRun();
    const c = cache.get(t, sites[2].lat, sites[2].lon, sites[2].mast);
    expect(c).toBe(a);
    expect(cache.reused).toBe(1);
    expect(Buffer.from(c.buffer).equals(Buffer.from(fresh[2].buffer))).toBe(true);
    expect(Buffer.from(b.buffer).equals(Buffer.from(fresh[1].buffer))).toBe(true);
    // Without reuse every viewshed gets its own array.
    const plain = new ViewshedCache(1);
    const p1 = plain.get(t, sites[0].lat, sites[0].lon, sites[0].mast);
    expect(plain.get(t, sites[1].lat, sites[1].lon, sites[1].mast)).not.toBe(p1);
    expect(plain.reused).toBe(0);
  });

  it("never writes into an array the current run asked for, however small the cache", () => {
    const cache = new ViewshedCache(1, true);
    const a = cache.get(t, sites[0].lat, sites[0].lon, sites[0].mast);
    // The same run asks for two more sites: `a` is dropped each time but still held by the run.
    const b = cache.get(t, sites[1].lat, sites[1].lon, sites[1].mast);
    const c = cache.get(t, sites[2].lat, sites[2].lon, sites[2].mast);
    expect(cache.reused).toBe(0);
    expect(new Set([a, b, c]).size).toBe(3);
    for (const [k, v] of [a, b, c].entries()) {
      expect(Buffer.from(v.buffer).equals(Buffer.from(fresh[k].buffer))).toBe(true);
    }
    // The next run may reuse the dropped arrays.
    cache.nextRun();
    const d = cache.get(t, sites[0].lat, sites[0].lon, sites[0].mast);
    expect(d).toBe(c);
    expect(cache.reused).toBe(1);
    expect(Buffer.from(d.buffer).equals(Buffer.from(fresh[0].buffer))).toBe(true);
  });

  it("counts a viewshed found again as held by the run that found it", () => {
    const cache = new ViewshedCache(2, true);
    const a = cache.get(t, sites[0].lat, sites[0].lon, sites[0].mast);
    cache.nextRun();
    // The next run asks for the same site (found, not computed), then for two others: `a` is
    // dropped while this run holds it, so the third must get an array of its own.
    expect(cache.get(t, sites[0].lat, sites[0].lon, sites[0].mast)).toBe(a);
    cache.get(t, sites[1].lat, sites[1].lon, sites[1].mast);
    const c = cache.get(t, sites[2].lat, sites[2].lon, sites[2].mast);
    expect(c).not.toBe(a);
    expect(Buffer.from(a.buffer).equals(Buffer.from(fresh[0].buffer))).toBe(true);
    expect(Buffer.from(c.buffer).equals(Buffer.from(fresh[2].buffer))).toBe(true);
  });
});
