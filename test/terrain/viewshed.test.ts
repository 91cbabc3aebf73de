import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { lineOfSight } from "../../src/terrain/line-of-sight.js";
import { syntheticTerrain } from "../../src/terrain/synthetic-terrain.js";
import { viewshed } from "../../src/terrain/viewshed.js";

describe("viewshed (R2 sweep)", () => {
  const t = syntheticTerrain(
    { lat0_deg: 0, lon0_deg: 0, size_deg: 1, n: 160, relief_m: 1500, sea_fraction: 0.2 },
    Rng.fromSeed(11).stream("terrain"),
  );
  const radar = { lat: 0.4, lon: 0.55, mast: 20 };
  const mvh = viewshed(t, radar.lat, radar.lon, radar.mast);

  it("agrees with exact line-of-sight checks on at least 97 % of random cells and heights", () => {
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
    expect(agree / n).toBeGreaterThan(0.97);
  });

  it("never puts the visible height below the ground, and sees the cells next to the radar", () => {
    for (let c = 0; c < mvh.length; c++)
      expect(mvh[c]).toBeGreaterThanOrEqual(t.heights_m[c] - 1e-3);
    const i = Math.round((radar.lat - t.lat0_deg) / t.dLat_deg);
    const j = Math.round((radar.lon - t.lon0_deg) / t.dLon_deg);
    expect(mvh[(i + 1) * t.nLon + j]).toBeCloseTo(t.heights_m[(i + 1) * t.nLon + j], 3);
  });
});
