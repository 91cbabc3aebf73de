import LatLon, { Cartesian } from "geodesy/latlon-ellipsoidal.js";
import { describe, expect, it } from "vitest";
import {
  ecefToGeodetic,
  geodeticToEcef,
  sphere,
  WGS84,
  WGS84_A_M,
  WGS84_F,
} from "../../src/earth/ellipsoid.js";

const D2R = Math.PI / 180;

// @types/geodesy lags the package's API (Cartesian has x, y, z and a 3-argument constructor).
type Xyz = { x: number; y: number; z: number };
const CartesianXyz = Cartesian as unknown as new (
  x: number,
  y: number,
  z: number,
) => { toLatLon(): { lat: number; lon: number; height: number } };

describe("WGS-84 geodetic ↔ ECEF", () => {
  it("uses the NIMA TR8350.2 defining constants", () => {
    expect(WGS84_A_M).toBe(6378137);
    expect(1 / WGS84_F).toBeCloseTo(298.257223563, 9);
    // Derived polar radius b = 6,356,752.3142 m (TR8350.2 Table 3.3).
    expect(WGS84.b_m).toBeCloseTo(6356752.3142, 4);
    // First eccentricity squared 6.69437999014e-3 (TR8350.2 Table 3.3).
    expect(WGS84.e2).toBeCloseTo(6.69437999014e-3, 14);
  });

  it("matches the independent geodesy package (Veness) both ways, pole to pole", () => {
    const out = new Float64Array(3);
    for (const lat of [-89.999, -60, -33.3, 0, 12.5, 45, 71, 89.9999]) {
      for (const lon of [-179.5, -45, 0, 100]) {
        for (const h of [-400, 0, 9144, 86000, 400000]) {
          geodeticToEcef(WGS84, lat * D2R, lon * D2R, h, out);
          const c = new LatLon(lat, lon, h).toCartesian() as unknown as Xyz;
          expect(Math.abs(out[0] - c.x)).toBeLessThan(1e-6);
          expect(Math.abs(out[1] - c.y)).toBeLessThan(1e-6);
          expect(Math.abs(out[2] - c.z)).toBeLessThan(1e-6);
          const back = new Float64Array(3);
          ecefToGeodetic(WGS84, out[0], out[1], out[2], back);
          const ref = new CartesianXyz(out[0], out[1], out[2]).toLatLon();
          expect(Math.abs(back[0] / D2R - ref.lat)).toBeLessThan(1e-9);
          expect(Math.abs(back[2] - ref.height)).toBeLessThan(1e-4);
          // Round trip to sub-micrometre and 1e-12 degree.
          expect(Math.abs(back[0] / D2R - lat)).toBeLessThan(1e-11);
          expect(Math.abs(back[2] - h)).toBeLessThan(1e-6);
          if (Math.abs(lat) < 89.99) expect(Math.abs(back[1] / D2R - lon)).toBeLessThan(1e-11);
        }
      }
    }
  });

  it("agrees with the NASA check-case reference position (30,000 ft over 0°, 0°)", () => {
    // Atmos_01 sim_01 at t = 0: gePosition_ft_X = 2.09556463253E7 ft.
    const out = new Float64Array(3);
    geodeticToEcef(WGS84, 0, 0, 30000 * 0.3048, out);
    expect(out[0] / 0.3048).toBeCloseTo(2.09556463253e7, 3);
  });

  it("is exact at the poles and on the equator", () => {
    const back = new Float64Array(3);
    ecefToGeodetic(WGS84, 0, 0, WGS84.b_m + 1000, back);
    expect(back[0]).toBeCloseTo(Math.PI / 2, 14);
    expect(back[2]).toBeCloseTo(1000, 8);
    ecefToGeodetic(WGS84, 0, 0, -(WGS84.b_m + 10), back);
    expect(back[0]).toBeCloseTo(-Math.PI / 2, 14);
    expect(back[2]).toBeCloseTo(10, 8);
    ecefToGeodetic(WGS84, WGS84_A_M + 5, 0, 0, back);
    expect(back[0]).toBe(0);
    expect(back[2]).toBeCloseTo(5, 9);
  });

  it("reduces to spherical coordinates on a sphere", () => {
    const s = sphere(6371000);
    const out = new Float64Array(3);
    geodeticToEcef(s, 0.7, -1.2, 500, out);
    const r = Math.hypot(out[0], out[1], out[2]);
    expect(r).toBeCloseTo(6371500, 6);
    expect(Math.asin(out[2] / r)).toBeCloseTo(0.7, 13);
  });
});
