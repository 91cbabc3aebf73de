import { describe, expect, it } from "vitest";
import { geodesicInverse } from "../../src/earth/geodesic.js";
import { missionFromScenario } from "../../src/engine/mission-params.js";
import { salvoMissionScenario } from "../../src/engine/salvo.js";
import {
  defenceSites,
  missionPoints,
  plannedRoutePoints,
  type RouteParams,
} from "../../src/io/mission-points.js";
import { loadScenarioFile } from "../../src/scenario/load.js";
import { ElevationGrid } from "../../src/terrain/elevation-grid.js";
import type { AirDefenceParams } from "../../src/threats/air-defence.js";
import { LONG_RANGE_SEARCH_RADAR, SAM_PRESETS } from "../../src/threats/presets.js";
import { constantRcs } from "../../src/threats/rcs.js";

const example = (name: string) => new URL(`../../examples/${name}`, import.meta.url).pathname;

/** A plane tilted upwards to the east: 1000 m at lon 10, 2000 m at lon 11 (outside: 0 m). */
function tilted(): ElevationGrid {
  const n = 11;
  const h = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) h[i * n + j] = 1000 + 100 * j;
  return new ElevationGrid(40, 10, 0.1, 0.1, n, n, h, 0);
}

/** Release at 7,000 m, two waypoints 90 m above the ground (alt_m as over flat ground at 0 m). */
function params(terrain: ElevationGrid | null): RouteParams {
  return {
    release: {
      lat_deg: 40.5,
      lon_deg: 9.5,
      alt_m: 7000,
      tas_mps: 240,
      heading_rad: Math.PI / 2,
      platform: "F-16-class aircraft",
    },
    waypoints: [
      { name: "coast-in", lat_deg: 40.5, lon_deg: 10.2, alt_m: 90, agl_m: 90, mach: 0.75 },
      { name: "IP", lat_deg: 40.6, lon_deg: 10.8, alt_m: 90, agl_m: 90, mach: 0.75 },
    ],
    cruise: { alt_m: 90, agl_m: 90, mach: 0.75 },
    aimpoint: {
      name: "notional aimpoint",
      lat_deg: 40.7,
      lon_deg: 10.9,
      alt_m: 1900,
      impact_rad: 1,
      terminalRange_m: null,
    },
    ground_m: 0,
    terrain,
  };
}

const summary = { impact_lat_deg: 40.7, impact_lon_deg: 10.9 } as const;

describe("missionPoints", () => {
  it("puts a waypoint held above the ground that far above the terrain under it", () => {
    const pts = missionPoints(params(tilted()), { summary });
    // 90 m above 1200 m and 1800 m of terrain, not 90 m above the ellipsoid.
    expect(pts.waypoints.map((w) => w.alt_m)).toEqual([
      expect.closeTo(1290, 6),
      expect.closeTo(1890, 6),
    ]);
    // Over flat ground the same waypoint is 90 m above ground_m.
    const flat = missionPoints(params(null), { summary });
    expect(flat.waypoints.map((w) => w.alt_m)).toEqual([90, 90]);
  });

  it("keeps the scenario's names for the aimpoint and the launch", () => {
    const pts = missionPoints(params(tilted()), { summary });
    expect(pts.aimpoint.name).toBe("notional aimpoint");
    expect(pts.launch.name).toBe("release (F-16-class aircraft)");
    expect(pts.waypoints.map((w) => w.name)).toEqual(["coast-in", "IP"]);
  });

  it("names the aimpoint and the salvo's aircraft from the scenario files", () => {
    const layered = loadScenarioFile(example("layered-defence.yaml"));
    if (layered.kind !== "mission") throw new Error("not a mission");
    expect(missionFromScenario(layered, "x", 1).aimpoint?.name).toBe("notional aimpoint");
    const salvo = loadScenarioFile(example("salvo-tot.yaml"));
    if (salvo.kind !== "salvo") throw new Error("not a salvo");
    const m = salvoMissionScenario(salvo, 2);
    expect(m.launch.platform).toBe("Viper 2, F-16-class aircraft");
    expect(missionFromScenario(m, "x", 1).aimpoint?.name).toBe("aimpoint A");
  });
});

describe("plannedRoutePoints", () => {
  const p = params(tilted());
  const route = plannedRoutePoints(p, 1000);

  it("follows the terrain at the route's height above the ground, starting from the release", () => {
    expect(route[0]).toEqual({ lat_deg: 40.5, lon_deg: 9.5, alt_m: 7000 });
    const last = route[route.length - 1];
    expect(last).toEqual({ lat_deg: 40.7, lon_deg: 10.9, alt_m: 1900 });
    // Past the first waypoint every point but the aimpoint is 90 m above the terrain under it.
    const k = route.findIndex((q) => q.lon_deg >= 10.2 - 1e-9);
    expect(k).toBeGreaterThan(0);
    for (const q of route.slice(k, -1)) {
      expect(q.alt_m - tilted().heightAt(q.lat_deg, q.lon_deg)).toBeCloseTo(90, 6);
    }
    // The first leg descends from the release without going below the commanded height.
    for (const q of route.slice(1, k)) {
      expect(q.alt_m).toBeLessThanOrEqual(7000);
      expect(q.alt_m - tilted().heightAt(q.lat_deg, q.lon_deg)).toBeGreaterThanOrEqual(90 - 1e-6);
    }
  });

  it("has no gap wider than the spacing between points", () => {
    for (let i = 1; i < route.length; i++) {
      const a = route[i - 1];
      const b = route[i];
      const d = geodesicInverse(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg).distance_m;
      expect(d).toBeLessThanOrEqual(1000 + 1e-6);
    }
  });
});

describe("defenceSites", () => {
  it("stands each site on the terrain and gives SAMs their envelope", () => {
    const sam = SAM_PRESETS["long-range-sam"];
    const defence: AirDefenceParams = {
      searchRadars: [
        {
          name: "EW",
          lat_deg: 40.5,
          lon_deg: 10.5,
          radar: LONG_RANGE_SEARCH_RADAR.radar,
          network: "n",
        },
      ],
      sams: [
        {
          name: "SAM 1",
          preset: "long-range-sam",
          lat_deg: 40.2,
          lon_deg: 10.1,
          params: sam,
          network: "n",
        },
      ],
      update_s: 1,
      rcs: constantRcs(0.1),
    };
    const sites = defenceSites(params(tilted()), defence);
    expect(sites.map((s) => [s.name, s.kind])).toEqual([
      ["EW", "search radar"],
      ["SAM 1", "long-range-sam"],
    ]);
    expect(sites[0].ground_m).toBeCloseTo(1500, 6);
    expect(sites[0].envelope).toBeNull();
    expect(sites[1].ground_m).toBeCloseTo(1100, 6);
    expect(sites[1].envelope?.max_range_m).toBe(sam.envelope.max_range_m);
    expect(defenceSites(params(null), null)).toEqual([]);
  });
});
