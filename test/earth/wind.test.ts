import { describe, expect, it } from "vitest";
import { CALM, windAt, windPowerLaw, windProfile } from "../../src/earth/wind.js";

const D2R = Math.PI / 180;

describe("wind", () => {
  it("is zero when calm", () => {
    const w = Float64Array.of(9, 9, 9);
    windAt(CALM, 1000, w);
    expect([...w]).toEqual([0, 0, 0]);
  });

  it("uses the meteorological convention: a westerly (from 270°) blows east", () => {
    const w = new Float64Array(3);
    windAt(windProfile([{ alt_m: 0, speed_mps: 10, from_rad: 270 * D2R }]), 5000, w);
    expect(w[0]).toBeCloseTo(0, 12);
    expect(w[1]).toBeCloseTo(10, 12);
    windAt(windProfile([{ alt_m: 0, speed_mps: 10, from_rad: 0 }]), 5000, w);
    expect(w[0]).toBeCloseTo(-10, 12);
  });

  it("interpolates a shear profile linearly in altitude and holds the end values", () => {
    const prof = windProfile([
      { alt_m: 1000, speed_mps: 20, from_rad: 270 * D2R },
      { alt_m: 0, speed_mps: 0, from_rad: 270 * D2R },
      { alt_m: 3000, speed_mps: 20, from_rad: 180 * D2R, down_mps: 1 },
    ]);
    const w = new Float64Array(3);
    windAt(prof, 500, w);
    expect(w[1]).toBeCloseTo(10, 12);
    windAt(prof, 2000, w);
    expect(w[0]).toBeCloseTo(10, 12);
    expect(w[1]).toBeCloseTo(10, 12);
    expect(w[2]).toBeCloseTo(0.5, 12);
    windAt(prof, -50, w);
    expect(Math.hypot(w[0], w[1])).toBe(0);
    windAt(prof, 9000, w);
    expect(w[0]).toBeCloseTo(20, 12);
  });

  it("follows the power law V(h) = V_ref·(h/h_ref)^α and is calm at the surface", () => {
    const pl = windPowerLaw(10, 8, 270 * D2R, 1 / 7);
    const w = new Float64Array(3);
    windAt(pl, 10, w);
    expect(w[1]).toBeCloseTo(8, 12);
    windAt(pl, 640, w);
    expect(w[1]).toBeCloseTo(8 * 64 ** (1 / 7), 12);
    windAt(pl, 0, w);
    expect(w[1]).toBe(0);
  });
});
