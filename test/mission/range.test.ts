import { describe, expect, it } from "vitest";
import { makeEarth } from "../../src/earth/earth-model.js";
import { bestRangeProfile, reachFlight } from "../../src/mission/reach.js";
import { AGM158A_CLASS, AGM158B_CLASS } from "../../src/vehicle/presets.js";

/**
 * The public ranges must emerge from the physics: released at 25,000 ft and Mach 0.8, flown on the
 * best-range profile until the fuel runs out and then gliding to the ground, the A-class reaches
 * 200 nmi ≈ 370 km and the B-class 500 nmi ≈ 925 km, each within ±10 %; a low-level profile
 * reaches clearly less.
 */
const earth = makeEarth();
const release = {
  lat_deg: 10,
  lon_deg: 50,
  alt_m: 7620,
  tas_mps: 0.8 * 309.6,
  heading_rad: 0,
  platform: "F-16-class",
};

describe("emergent range", () => {
  for (const [missile, target_km] of [
    [AGM158A_CLASS, 370],
    [AGM158B_CLASS, 925],
  ] as const) {
    it(`${missile.name}: best-range profile reaches ${target_km} km ±10 %, low level clearly less`, () => {
      const o = { earth, missile, release };
      const { best } = bestRangeProfile(o, 45);
      expect(best.range_m / 1000).toBeGreaterThan(0.9 * target_km);
      expect(best.range_m / 1000).toBeLessThan(1.1 * target_km);
      // The powered part ends where the fuel runs out; the glide adds the rest.
      expect(best.powered_range_m).toBeLessThan(best.range_m);
      const low = reachFlight(o, { alt_m: 100, mach: 0.7 }, 45);
      expect(low.range_m).toBeLessThan(0.8 * best.range_m);
    }, 120_000);
  }
});
