/**
 * The target models on their own: a relocating schedule laid out by hand, duration and
 * location-error draws against their distributions' moments, the local plane against
 * GeographicLib, and the data link's J/S against the Friis free-space form
 * J/S = (EIRP_j − EIRP_s) + 20·log10(d_s/d_j), which holds at any frequency.
 */

import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { RAD_PER_DEG } from "../../src/core/units.js";
import { geodeticToEcef, WGS84 } from "../../src/earth/ellipsoid.js";
import { geodesicInverse } from "../../src/earth/geodesic.js";
import { DataLink } from "../../src/targets/data-link.js";
import { localPlane, toGeo, toPlane } from "../../src/targets/local-plane.js";
import { drawLocationError, plannerAimpoint } from "../../src/targets/target-belief.js";
import {
  buildTrack,
  drawDuration,
  polyline,
  type TargetMotion,
  trackPosition,
} from "../../src/targets/target-motion.js";

const road = polyline([0, 0, 2000], [0, 1000, 1000]); // east 1 km, then north 2 km: 3 km long

describe("relocating track", () => {
  const motion: TargetMotion = {
    kind: "relocating",
    road,
    start_s_m: 0,
    hides_s_m: [1000, 3000],
    speed_mps: 10,
    departure: { kind: "fixed", value_s: 100 },
    dwell: { kind: "fixed", value_s: 50 },
  };
  const track = buildTrack(motion, { north_m: 0, east_m: 0 }, -600, 2000, Rng.fromSeed(1));
  const at = (t: number) => Array.from(trackPosition(track, t, new Float64Array(2)));
  it("dwells, drives at its speed along the road, dwells at each hide, cycles", () => {
    // Observed at t = −600 at the start; leaves at −500; first hide (1 km east) at −400.
    expect(at(-550)).toEqual([0, 0]);
    expect(at(-450)).toEqual([0, 500]);
    expect(at(-375)).toEqual([0, 1000]);
    // Leaves at −350, 1 km up the northward leg at −250, second hide (2 km north) at −150.
    expect(at(-250)[0]).toBeCloseTo(1000, 9);
    expect(at(-150)).toEqual([2000, 1000]);
    // Dwells to −100, then back towards the first hide: 1 km down the road at 0.
    expect(at(0)[0]).toBeCloseTo(1000, 9);
    expect(at(0)[1]).toBeCloseTo(1000, 9);
  });
});

describe("draws", () => {
  it("exponential and uniform durations have their means", () => {
    const rng = Rng.fromSeed(7);
    const n = 20_000;
    let se = 0;
    let su = 0;
    for (let i = 0; i < n; i++) {
      se += drawDuration({ kind: "exponential", mean_s: 600 }, rng);
      su += drawDuration({ kind: "uniform", min_s: 100, max_s: 300 }, rng);
    }
    // Standard errors: 600/√n = 4.2 s and (200/√12)/√n = 0.41 s; 4σ bounds.
    expect(Math.abs(se / n - 600)).toBeLessThan(17);
    expect(Math.abs(su / n - 200)).toBeLessThan(1.7);
  });

  it("an elliptical location error has σ_major and σ_minor along its rotated axes", () => {
    const rng = Rng.fromSeed(3);
    const e = { sigmaMajor_m: 200, sigmaMinor_m: 50, orientation_rad: 30 * RAD_PER_DEG };
    const out = new Float64Array(2);
    const n = 20_000;
    let sa = 0;
    let sb = 0;
    const c = Math.cos(e.orientation_rad);
    const s = Math.sin(e.orientation_rad);
    for (let i = 0; i < n; i++) {
      drawLocationError(e, rng, out);
      const a = out[0] * c + out[1] * s;
      const b = -out[0] * s + out[1] * c;
      sa += a * a;
      sb += b * b;
    }
    // The variance estimate's relative standard error is √(2/n) = 1 %.
    expect(Math.abs(Math.sqrt(sa / n) / 200 - 1)).toBeLessThan(0.03);
    expect(Math.abs(Math.sqrt(sb / n) / 50 - 1)).toBeLessThan(0.03);
  });
});

describe("planner's aimpoint", () => {
  const motion: TargetMotion = {
    kind: "relocating",
    road,
    start_s_m: 0,
    hides_s_m: [1000, 3000],
    speed_mps: 10,
    departure: { kind: "fixed", value_s: 0 },
    dwell: { kind: "fixed", value_s: 0 },
  };
  it("predicts along the road towards the next hide and stops there", () => {
    const obs = { north_m: 5, east_m: 0 };
    expect(plannerAimpoint(motion, obs, "last_known", 60)).toEqual(obs);
    const p = plannerAimpoint(motion, obs, "predicted", 60);
    expect(p.east_m).toBeCloseTo(600, 9);
    expect(p.north_m).toBeCloseTo(5, 9);
    const q = plannerAimpoint(motion, obs, "predicted", 600);
    expect(q.east_m).toBeCloseTo(1000, 9);
  });
});

describe("local plane", () => {
  it("distances agree with GeographicLib within 0.1 % over 30 km", () => {
    const p = localPlane(WGS84, 35, 40);
    for (const [lat, lon] of [
      [35.2, 40.1],
      [34.8, 40.25],
      [35.0, 39.7],
    ]) {
      const q = toPlane(p, lat, lon);
      const d = geodesicInverse(35, 40, lat, lon).distance_m;
      expect(Math.abs(Math.hypot(q.north_m, q.east_m) / d - 1)).toBeLessThan(1e-3);
      const g = toGeo(p, q.north_m, q.east_m, new Float64Array(2));
      expect(g[0]).toBeCloseTo(lat, 12);
      expect(g[1]).toBeCloseTo(lon, 12);
    }
  });
});

describe("data link J/S", () => {
  const ecef = (lat: number, lon: number, h: number) => {
    const o = new Float64Array(3);
    geodeticToEcef(WGS84, lat * RAD_PER_DEG, lon * RAD_PER_DEG, h, o);
    return o;
  };
  const missile = ecef(10, 40, 3000);
  const tx = ecef(10, 39, 9000);
  const jam = { name: "j", lat_deg: 10, lon_deg: 40.1, alt_m: 10, eirp_dbw: 40 };
  const dist = (a: Float64Array, b: Float64Array) =>
    Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
  for (const f of [300e6, 1000e6, 5000e6]) {
    it(`follows the Friis form at ${f / 1e6} MHz, and decides lost above the tolerance`, () => {
      const link = new DataLink(
        {
          interval_s: 5,
          latency_s: 0,
          errorSigma_m: 0,
          freq_hz: f,
          txEcef: tx,
          eirp_dbw: 20,
          rxGain_dbi: 0,
          jammerGain_dbi: 0,
          jsTolerance_db: 20,
        },
        [jam],
        WGS84,
        Rng.fromSeed(1),
      );
      const js = link.jammerToSignal_db(missile, 10, 40, 3000);
      const expected =
        40 - 20 + 20 * Math.log10(dist(missile, tx) / dist(missile, ecef(10, 40.1, 10)));
      expect(js).toBeCloseTo(expected, 9);
      const err = new Float64Array(2);
      expect(link.poll(1, missile, 10, 40, 3000, err)).toBe("none");
      expect(link.poll(5, missile, 10, 40, 3000, err)).toBe(expected > 20 ? "lost" : "received");
    });
  }
});
