import { describe, expect, it } from "vitest";
import { WGS84 } from "../../src/earth/ellipsoid.js";
import { geodesicInverse } from "../../src/earth/geodesic.js";
import { buildRoutePath } from "../../src/guidance/route-path.js";

const wp = (name: string, lat_deg: number, lon_deg: number) => ({
  name,
  lat_deg,
  lon_deg,
  alt_m: 1000,
  mach: 0.8,
});

describe("route path", () => {
  it("follows the geodesic on a straight leg (length agrees with GeographicLib to 0.1 m)", () => {
    const p = buildRoutePath(WGS84, [wp("a", 10, 20), wp("b", 13, 24)], () => 5000);
    const g = geodesicInverse(10, 20, 13, 24);
    expect(Math.abs(p.length_m - g.distance_m)).toBeLessThan(0.1);
    expect(p.lat_deg[0]).toBeCloseTo(10, 12);
    expect(p.lon_deg[p.n - 1]).toBeCloseTo(24, 9);
  });

  it("cuts a 90° corner with a fly-by arc of the requested radius", () => {
    // East along the equator, then north: a 90° left turn at (0°, 1°).
    const R = 4000;
    const p = buildRoutePath(WGS84, [wp("a", 0, 0), wp("corner", 0, 1), wp("b", 1, 1)], () => R);
    const straight =
      geodesicInverse(0, 0, 0, 1).distance_m + geodesicInverse(0, 1, 1, 1).distance_m;
    // A fillet of radius R on a right angle shortens the path by 2R − πR/2.
    const saved = straight - p.length_m;
    expect(Math.abs(saved - (2 * R - (Math.PI * R) / 2)) / R).toBeLessThan(0.01);
    // The path never passes through the corner: its closest vertex is R·(√2 − 1) away from it.
    let closest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < p.n; i++)
      closest = Math.min(closest, geodesicInverse(0, 1, p.lat_deg[i], p.lon_deg[i]).distance_m);
    expect(Math.abs(closest - R * (Math.SQRT2 - 1)) / R).toBeLessThan(0.02);
    expect(p.waypointVertex).toHaveLength(3);
  });
});
