import { describe, expect, it } from "vitest";
import { makeEarth } from "../../src/earth/earth-model.js";
import { WGS84, WGS84_A_M, WGS84_GM_M3PS2, WGS84_J2 } from "../../src/earth/ellipsoid.js";
import { gravitation } from "../../src/earth/gravity.js";

const FT = 0.3048;

describe("gravitation", () => {
  it("J2 matches the NASA check-case local gravity at 30,000 ft over the equator", () => {
    // NASA TM-2015-218675 Atmos_01 sim_01, t = 0: localGravity_ft_s2 = 32.1065364063.
    const g = new Float64Array(3);
    gravitation(makeEarth().gravity, WGS84_A_M + 30000 * FT, 0, 0, g);
    expect(Math.hypot(g[0], g[1], g[2]) / FT).toBeCloseTo(32.1065364063, 5);
  });

  it("J2 matches the NASA cannonball's local gravity at sea level on the equator", () => {
    // Atmos_09 sim_01, t = 0: localGravity_ft_s2 = 32.1988106712.
    const g = new Float64Array(3);
    gravitation(makeEarth().gravity, WGS84_A_M, 0, 0, g);
    expect(Math.hypot(g[0], g[1], g[2]) / FT).toBeCloseTo(32.1988106712, 5);
  });

  it("reproduces normal gravity at the equator and pole once the centrifugal term is added", () => {
    // WGS-84 normal gravity (NIMA TR8350.2 Table 3.4): γe = 9.7803253359, γp = 9.8321849378 m/s².
    // A J2-only field is not the full normal field (higher zonals are left out), so agree to 1e-4.
    const g = new Float64Array(3);
    const w = 7.292115e-5;
    gravitation(makeEarth().gravity, WGS84_A_M, 0, 0, g);
    expect(-g[0] - w * w * WGS84_A_M).toBeCloseTo(9.7803253359, 3);
    gravitation(makeEarth().gravity, 0, 0, WGS84.b_m, g);
    expect(-g[2]).toBeCloseTo(9.8321849378, 3);
  });

  it("point mass is μ/r², radial, and symmetric", () => {
    const g = new Float64Array(3);
    const earth = makeEarth({ gravity: "point_mass" });
    const r = 7e6;
    gravitation(earth.gravity, r / Math.sqrt(3), r / Math.sqrt(3), r / Math.sqrt(3), g);
    expect(Math.hypot(g[0], g[1], g[2])).toBeCloseTo(WGS84_GM_M3PS2 / (r * r), 10);
    expect(g[0]).toBeCloseTo(g[1], 14);
    expect(g[1]).toBeCloseTo(g[2], 14);
    expect(g[0]).toBeLessThan(0);
  });

  it("J2 is axially symmetric, mirror-symmetric about the equator and derives from its potential", () => {
    const p = makeEarth().gravity;
    const U = (x: number, y: number, z: number) => {
      const r = Math.hypot(x, y, z);
      const s = z / r;
      return (WGS84_GM_M3PS2 / r) * (1 - WGS84_J2 * (WGS84_A_M / r) ** 2 * 0.5 * (3 * s * s - 1));
    };
    const g = new Float64Array(3);
    const g2 = new Float64Array(3);
    const x = 4.1e6;
    const y = -2.3e6;
    const z = 4.4e6;
    gravitation(p, x, y, z, g);
    // g = ∇U, checked by central differences.
    const e = 1;
    expect(g[0]).toBeCloseTo((U(x + e, y, z) - U(x - e, y, z)) / (2 * e), 6);
    expect(g[1]).toBeCloseTo((U(x, y + e, z) - U(x, y - e, z)) / (2 * e), 6);
    expect(g[2]).toBeCloseTo((U(x, y, z + e) - U(x, y, z - e)) / (2 * e), 6);
    gravitation(p, x, y, -z, g2);
    expect(g2[0]).toBeCloseTo(g[0], 12);
    expect(g2[2]).toBeCloseTo(-g[2], 12);
    const r = Math.hypot(x, y);
    gravitation(p, r, 0, z, g2);
    expect(Math.hypot(g2[0], g2[1])).toBeCloseTo(Math.hypot(g[0], g[1]), 12);
  });

  it("is zero with gravity off", () => {
    const g = Float64Array.of(1, 1, 1);
    gravitation(makeEarth({ gravity: "none" }).gravity, 7e6, 0, 0, g);
    expect([...g]).toEqual([0, 0, 0]);
  });
});
