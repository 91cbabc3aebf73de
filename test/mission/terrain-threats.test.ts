import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { RAD_PER_DEG } from "../../src/core/units.js";
import { makeEarth } from "../../src/earth/earth-model.js";
import { DEFAULT_TERRAIN_FOLLOWING } from "../../src/guidance/terrain-following.js";
import type { MissionParams } from "../../src/mission/mission-params.js";
import { simulateMission } from "../../src/mission/simulate.js";
import { ElevationGrid } from "../../src/terrain/elevation-grid.js";
import { ViewshedCache } from "../../src/terrain/site-visibility.js";
import { syntheticTerrain } from "../../src/terrain/synthetic-terrain.js";
import { AirDefence } from "../../src/threats/air-defence.js";
import { LONG_RANGE_SEARCH_RADAR } from "../../src/threats/presets.js";
import { constantRcs } from "../../src/threats/rcs.js";
import { AGM158B_CLASS } from "../../src/vehicle/presets.js";

/** A mission over terrain from (lat0, lon0) through waypoints, holding agl_m (null: alt_m MSL). */
function mission(
  terrain: ElevationGrid,
  start: [number, number],
  waypoints: { lat: number; lon: number; alt_m: number; agl_m: number | null }[],
  release_alt_m: number,
  maxTime_s = 900,
): MissionParams {
  return {
    name: "terrain test",
    earth: makeEarth(),
    missile: AGM158B_CLASS,
    release: {
      lat_deg: start[0],
      lon_deg: start[1],
      alt_m: release_alt_m,
      tas_mps: 240,
      heading_rad: 90 * RAD_PER_DEG,
      platform: "test",
    },
    waypoints: waypoints.map((w, i) => ({
      name: `WP${i + 1}`,
      lat_deg: w.lat,
      lon_deg: w.lon,
      alt_m: w.alt_m,
      agl_m: w.agl_m,
      mach: 0.75,
    })),
    cruise: { alt_m: 100, mach: 0.75 },
    aimpoint: null,
    ground_m: 0,
    terrain,
    terrainFollowing: DEFAULT_TERRAIN_FOLLOWING,
    step_s: 0.05,
    terminalStep_s: 0.05,
    sampleDt_s: 1,
    maxTime_s,
  };
}

describe("terrain following", () => {
  // Rough mountains: 2,500 m of relief over a 1.2° map sampled every ~260 m.
  const rough = syntheticTerrain(
    { lat0_deg: 10, lon0_deg: 20, size_deg: 1.2, n: 512, relief_m: 2500, sea_fraction: 0 },
    Rng.fromSeed(5).stream("terrain"),
  );

  it("holds the commanded height above rough terrain and never falls below 40 % of it", () => {
    const agl = 100;
    const p = mission(
      rough,
      [10.3, 19.95],
      [
        { lat: 10.5, lon: 20.6, alt_m: 0, agl_m: agl },
        { lat: 10.9, lon: 21.5, alt_m: 0, agl_m: agl },
      ],
      3000,
      // Long enough to cross the whole map (it ends at 21.2° E), short of the route's end.
      720,
    );
    const r = simulateMission(p);
    // No ground contact on the way: the flight stops at its time limit, past the map.
    expect(r.outcome.status).toBe("completed");
    expect(r.samples.column("lon_deg")[r.samples.length - 1]).toBeGreaterThan(21.2);
    const s = r.summary;
    expect(s.min_clearance_m).not.toBeNull();
    // The stated minimum: 40 m for a 100 m command (0.4 of the set clearance).
    expect(s.min_clearance_m ?? 0).toBeGreaterThan(0.4 * agl);
    // And it really follows the terrain: the median height above ground is near the command.
    const lat = r.samples.column("lat_deg");
    const lon = r.samples.column("lon_deg");
    const alt = r.samples.column("alt_m");
    const heights: number[] = [];
    let span = 0;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < r.samples.length; i++) {
      if (lon[i] < 20.2) continue;
      const g = rough.heightAt(lat[i], lon[i]);
      heights.push(alt[i] - g);
      lo = Math.min(lo, g);
      hi = Math.max(hi, g);
    }
    span = hi - lo;
    heights.sort((a, b) => a - b);
    const median = heights[heights.length >> 1];
    expect(span).toBeGreaterThan(1000);
    expect(median).toBeGreaterThan(0.8 * agl);
    expect(median).toBeLessThan(3 * agl);
  });
});

describe("a missile behind a ridge", () => {
  // Flat ground with a north–south ridge 600 m high at 30.0° E; the radar stands 22 km east of it.
  const n = 400;
  const h = new Float32Array(n * n);
  const lat0 = -1;
  const lon0 = 29;
  const d = 2 / (n - 1);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const lon = lon0 + j * d;
      h[i * n + j] = 600 * Math.exp(-(((lon - 30) / 0.03) ** 2));
    }
  const terrain = new ElevationGrid(lat0, lon0, d, d, n, n, h, 0);
  const radar = { lat: 0, lon: 30.2 };

  it("is not detected while it flies low behind the ridge, and is once it climbs", () => {
    // North along 29.9° E at 60 m (hidden: the ridge's shadow reaches over 1 km up at the missile),
    // then a climb to 3,000 m on the last leg.
    const p = mission(
      terrain,
      [-0.3, 29.9],
      [
        { lat: -0.1, lon: 29.9, alt_m: 60, agl_m: null },
        { lat: 0.15, lon: 29.9, alt_m: 60, agl_m: null },
        { lat: 0.5, lon: 29.9, alt_m: 3000, agl_m: null },
      ],
      60,
    );
    const defence = new AirDefence(
      {
        update_s: 0.5,
        rcs: constantRcs(10),
        searchRadars: [
          {
            name: "radar",
            lat_deg: radar.lat,
            lon_deg: radar.lon,
            network: "n",
            radar: { ...LONG_RANGE_SEARCH_RADAR.radar, scan_s: 2 },
          },
        ],
        sams: [],
      },
      terrain,
      p.earth.ellipsoid,
      Rng.fromSeed(1),
      new ViewshedCache(),
    );
    const r = simulateMission(p, undefined, defence);
    const detected = r.events.filter((e) => e.kind === "detected");
    expect(detected.length).toBeGreaterThan(0);
    const first = detected[0];
    // Detected only after passing WP2 (the start of the climb), high above the ridge's shadow.
    const wp2 = r.events.find((e) => e.kind === "waypoint" && e.message.includes("WP2"));
    expect(wp2).toBeDefined();
    expect(first.t_s).toBeGreaterThan(wp2?.t_s ?? 0);
    expect(first.data?.alt_m ?? 0).toBeGreaterThan(700);
    expect(first.source).toBe("radar");
    // The same flight over flat ground is seen from the first scans.
    const flat = new ElevationGrid(lat0, lon0, d, d, n, n, new Float32Array(n * n), 0);
    const open = new AirDefence(
      defence.params,
      flat,
      p.earth.ellipsoid,
      Rng.fromSeed(1),
      new ViewshedCache(),
    );
    const r2 = simulateMission({ ...p, terrain: flat }, undefined, open);
    const first2 = r2.events.find((e) => e.kind === "detected");
    expect(first2?.t_s ?? Number.POSITIVE_INFINITY).toBeLessThan(10);
  });
});
