import { describe, expect, it } from "vitest";
import { LONG_RANGE_SEARCH_RADAR, SAM_PRESETS } from "../../src/threats/presets.js";
import { rangeForPd } from "../../src/threats/radar.js";

describe("notional air-defence presets", () => {
  it("keep the public envelope figures they cite", () => {
    const lr = SAM_PRESETS["long-range-sam"].envelope;
    // "aircraft at 250 km" (upper bound), "150 km range, up to 27 km altitude", "from 25 m".
    expect(lr.max_range_m).toBeGreaterThanOrEqual(150_000);
    expect(lr.max_range_m).toBeLessThanOrEqual(250_000);
    expect(lr.max_alt_m).toBe(27_000);
    expect(lr.min_alt_m).toBe(25);
    // "36 targets / 72 missiles": two interceptors per target.
    expect(SAM_PRESETS["long-range-sam"].salvo).toBe(2);
    const mr = SAM_PRESETS["medium-range-sam"];
    // Aircraft at 3–42 km and 15 m–25 km; four launchers of four; under half a minute to launch.
    expect([mr.envelope.min_range_m, mr.envelope.max_range_m]).toEqual([3000, 42_000]);
    expect([mr.envelope.min_alt_m, mr.envelope.max_alt_m]).toEqual([15, 25_000]);
    expect(mr.magazine).toBe(16);
    expect(mr.reaction_s).toBeLessThan(30);
    const sr = SAM_PRESETS["short-range-sam"];
    // 12 km, up to 10 km altitude, 16 missiles, four targets at once.
    expect(sr.envelope.max_range_m).toBe(12_000);
    expect(sr.envelope.max_alt_m).toBe(10_000);
    expect(sr.magazine).toBe(16);
    expect(sr.fire_channels).toBe(4);
  });

  it("have the detection ranges their link budgets were sized for (1 m², Pd 0.5 per look)", () => {
    const radars = [
      LONG_RANGE_SEARCH_RADAR.radar,
      SAM_PRESETS["long-range-sam"].radar,
      SAM_PRESETS["medium-range-sam"].radar,
      SAM_PRESETS["short-range-sam"].radar,
    ];
    const km = (k: number) => rangeForPd(radars[k], 1, 0.5) / 1000;
    expect(km(0)).toBeCloseTo(302, -1);
    expect(km(1)).toBeCloseTo(200, -1);
    expect(km(2)).toBeCloseTo(80, -1);
    expect(km(3)).toBeCloseTo(30, -1);
    // The long-range SAM out-ranges its own radar against nothing smaller than about 1 m².
    expect(km(1) * 1000).toBeGreaterThanOrEqual(
      SAM_PRESETS["long-range-sam"].envelope.max_range_m * 0.99,
    );
  });
});
