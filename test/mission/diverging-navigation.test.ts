import { describe, expect, it } from "vitest";
import { RAD_PER_DEG } from "../../src/core/units.js";
import type { AirData } from "../../src/dynamics/air-data.js";
import { makeEarth } from "../../src/earth/earth-model.js";
import { DEFAULT_TERRAIN_FOLLOWING } from "../../src/guidance/terrain-following.js";
import { tableToCsv } from "../../src/io/csv.js";
import { simulateMission } from "../../src/mission/simulate.js";
import { type NavEstimate, PerfectNavigator } from "../../src/navigation/navigation.js";
import { AGM158A_CLASS } from "../../src/vehicle/presets.js";

/** Perfect navigation that diverges (every estimate non-finite) from t = 60 s on. */
class DivergingNavigator extends PerfectNavigator {
  override update(t: number, truth: AirData): NavEstimate {
    const e = super.update(t, truth);
    if (t >= 60) {
      e.rEcef.fill(Number.NaN);
      e.alt_m = Number.NaN;
      e.vn_mps = Number.NaN;
    }
    return e;
  }
}

describe("a run whose navigation diverges", () => {
  it("fails with a message, keeps its samples and writes no NaN", () => {
    const r = simulateMission(
      {
        name: "diverging",
        earth: makeEarth(),
        missile: AGM158A_CLASS,
        release: {
          lat_deg: 0,
          lon_deg: 0,
          alt_m: 7000,
          tas_mps: 240,
          heading_rad: 45 * RAD_PER_DEG,
          platform: "test",
        },
        waypoints: [],
        cruise: { alt_m: 7000, mach: 0.75 },
        aimpoint: {
          lat_deg: 1,
          lon_deg: 1,
          alt_m: 0,
          impact_rad: 60 * RAD_PER_DEG,
          terminalRange_m: null,
        },
        ground_m: 0,
        terrain: null,
        terrainFollowing: DEFAULT_TERRAIN_FOLLOWING,
        step_s: 0.05,
        terminalStep_s: 0.005,
        sampleDt_s: 1,
        maxTime_s: 2000,
      },
      new DivergingNavigator(),
    );
    expect(r.outcome.status).toBe("failed");
    expect(r.outcome.message).toMatch(/non-finite/);
    expect(r.samples.length).toBeGreaterThan(50);
    const csv = tableToCsv(r.samples, {});
    expect(csv).not.toMatch(/NaN|Infinity/);
    expect(Number.isFinite(r.summary.nav_error_horizontal_m)).toBe(true);
    for (const [key, v] of Object.entries(r.summary))
      if (typeof v === "number") expect(Number.isFinite(v), key).toBe(true);
  });
});
