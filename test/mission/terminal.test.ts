import { describe, expect, it } from "vitest";
import { RAD_PER_DEG } from "../../src/core/units.js";
import { makeEarth } from "../../src/earth/earth-model.js";
import { terminalGuidance } from "../../src/guidance/terminal.js";
import { DEFAULT_TERRAIN_FOLLOWING } from "../../src/guidance/terrain-following.js";
import type { MissionParams } from "../../src/mission/mission-params.js";
import { simulateMission } from "../../src/mission/simulate.js";
import { AGM158A_CLASS, AGM158B_CLASS } from "../../src/vehicle/presets.js";

function mission(cruiseAlt: number, impactDeg: number, missile = AGM158B_CLASS): MissionParams {
  return {
    name: "terminal test",
    earth: makeEarth(),
    missile,
    release: {
      lat_deg: 5,
      lon_deg: 60,
      alt_m: 7620,
      tas_mps: 248,
      heading_rad: 0.3,
      platform: "F-16-class",
    },
    waypoints: [{ name: "WP1", lat_deg: 5.4, lon_deg: 60.2, alt_m: cruiseAlt, mach: 0.75 }],
    cruise: { alt_m: cruiseAlt, mach: 0.75 },
    aimpoint: {
      lat_deg: 5.55,
      lon_deg: 60.75,
      alt_m: 40,
      impact_rad: impactDeg * RAD_PER_DEG,
      terminalRange_m: null,
    },
    ground_m: 40,
    terrain: null,
    terrainFollowing: DEFAULT_TERRAIN_FOLLOWING,
    step_s: 0.05,
    terminalStep_s: 0.005,
    sampleDt_s: 0.5,
    maxTime_s: 2000,
  };
}

describe("terminal phase with perfect navigation", () => {
  for (const [alt, angle] of [
    [7620, 30],
    [7620, 60],
    [3000, 85],
    [140, 45],
    [140, 75],
  ] as const) {
    it(`from a ${alt} m cruise: impact angle within 2° of ${angle}° and a miss under 1 m`, () => {
      const r = simulateMission(mission(alt, angle));
      expect(r.summary.status).toBe("ground_impact");
      expect(Math.abs(r.summary.impact_angle_deg - angle)).toBeLessThan(2);
      expect(r.summary.miss_m).not.toBeNull();
      expect(r.summary.miss_m as number).toBeLessThan(1);
      expect(r.events.some((e) => e.kind === "terminal")).toBe(true);
    });
  }

  it("true PN (law: pn) also hits, at whatever angle the geometry gives", () => {
    for (const alt of [7620, 140]) {
      const base = mission(alt, 60);
      const r = simulateMission({
        ...base,
        aimpoint: base.aimpoint ? { ...base.aimpoint, law: "pn" } : null,
      });
      expect(r.summary.status).toBe("ground_impact");
      expect(r.summary.miss_m as number).toBeLessThan(1);
      // PN does not shape the dive: from low level it arrives much flatter than 60°.
      if (alt === 140) expect(r.summary.impact_angle_deg).toBeLessThan(40);
    }
  });

  it("works for the turbojet preset too", () => {
    const r = simulateMission(mission(7620, 60, AGM158A_CLASS));
    expect(r.summary.miss_m as number).toBeLessThan(1);
    expect(Math.abs(r.summary.impact_angle_deg - 60)).toBeLessThan(2);
  });

  it("asks for no acceleration on the desired approach line, and pulls towards it from off it", () => {
    const out = { a_up: 0, a_right: 0, tgo_s: 0, range_m: 0 };
    // On a 45° line through the aimpoint, flying down it at 250 m/s: nothing to correct.
    const d = 2000;
    const v = 250 / Math.SQRT2;
    terminalGuidance(d, 0, d, v, 0, v, Math.PI / 4, out);
    expect(Math.abs(out.a_up)).toBeLessThan(1e-9);
    expect(Math.abs(out.a_right)).toBeLessThan(1e-9);
    // Level at the same point: the law must pitch the nose down (negative a_up) to steepen.
    terminalGuidance(d, 0, d, 250, 0, 0, Math.PI / 4, out);
    expect(out.a_up).toBeLessThan(0);
    // Heading to the right of the aimpoint: turn left.
    terminalGuidance(d, 0, d, v, 30, v, Math.PI / 4, out);
    expect(out.a_right).toBeLessThan(0);
  });
});
