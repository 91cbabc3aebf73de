import { describe, expect, it } from "vitest";
import { makeEarth } from "../../src/earth/earth-model.js";
import { StrapdownIns } from "../../src/navigation/ins.js";
import { IDENTITY, restTruth } from "./at-rest.js";

/**
 * Free-inertial navigation with an accelerometer bias: the horizontal position error oscillates at
 * the Schuler frequency ω_s = √(g/R), period 2π·√(R/g) ≈ 84.4 min (Titterton and Weston, §12.3.2;
 * Groves §14.2.3), with amplitude b/ω_s² about an offset of the same size. At the equator the
 * Foucault modulation (Earth rate × sin latitude) vanishes, so the error is a clean Schuler cosine.
 * The vertical channel is held (as baro aiding would), since it diverges on its own.
 */
describe("strapdown INS, free inertial", () => {
  it("shows a Schuler oscillation of 84.4 min (within 1 %) from an accelerometer bias", () => {
    const earth = makeEarth();
    const ins = new StrapdownIns(earth);
    ins.reset(0, 0, 0, [0, 0, 0], IDENTITY);
    // True IMU outputs of a body at rest, aligned with NED: f = −g (plumb bob), ω = Earth rate.
    const { fTrue: fb, wTrue: wb } = restTruth(earth, 0, 0, 0);
    const g = Math.hypot(fb[0], fb[1], fb[2]);
    const bias = 1e-3; // m/s² (≈ 100 µg) on the north accelerometer
    fb[0] += bias;
    const dt = 0.1;
    const hours = 3.5;
    const n = Math.round((hours * 3600) / dt);
    const north = new Float64Array(n);
    const R = 6335439; // meridian radius at the equator, m
    for (let i = 0; i < n; i++) {
      ins.update(fb, wb, dt);
      ins.alt_m = 0;
      ins.vNed[2] = 0;
      north[i] = ins.lat_rad * R;
    }
    // Period from the times the error returns to zero (local minima of 1 − cos).
    const mean = north.reduce((a, b) => a + b, 0) / n;
    const ups: number[] = [];
    for (let i = 1; i < n; i++) {
      if (north[i - 1] < mean && north[i] >= mean) {
        const f = (mean - north[i - 1]) / (north[i] - north[i - 1]);
        ups.push((i - 1 + f) * dt);
      }
    }
    expect(ups.length).toBeGreaterThanOrEqual(2);
    const period = (ups[ups.length - 1] - ups[0]) / (ups.length - 1);
    expect(Math.abs(period / 60 - 84.4) / 84.4).toBeLessThan(0.01);
    // Amplitude b/ω_s² = b·R/g: the error swings between 0 and 2·b·R/g.
    const peak = north.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
    expect(peak / ((2 * bias * R) / g)).toBeCloseTo(1, 1);
  });

  it("turns a horizontal gyro bias into R·ε·(t − sin(ω_s·t)/ω_s) of position error (within 0.1 %)", () => {
    // A constant north-gyro bias ε tilts the platform about north at rate ε; the Schuler loop then
    // gives an east error R·ε·(t − sin(ω_s t)/ω_s) (Titterton and Weston §12.3.2). At the equator
    // the north tilt does not couple to the other two through Earth rate, so the closed form holds.
    // This is the figure behind the tactical grade's drift (docs/navigation.md): 1 °/h ≈ 135 km/h.
    const earth = makeEarth();
    const ins = new StrapdownIns(earth);
    const { fTrue: fb, wTrue: wb } = restTruth(earth, 0, 0, 0);
    const eps = (1 * Math.PI) / 180 / 3600; // 1 °/h
    wb[0] += eps;
    const dt = 0.1;
    const R = 6378137; // transverse radius at the equator, m
    const ws = Math.sqrt(Math.hypot(fb[0], fb[1], fb[2]) / R);
    for (const t_s of [1800, 3600]) {
      ins.reset(0, 0, 0, [0, 0, 0], IDENTITY);
      for (let i = 0; i < Math.round(t_s / dt); i++) {
        ins.update(fb, wb, dt);
        ins.alt_m = 0;
        ins.vNed[2] = 0;
      }
      const east = Math.abs(ins.lon_rad) * R;
      const closed = R * eps * (t_s - Math.sin(ws * t_s) / ws);
      expect(
        Math.abs(east / closed - 1),
        `${t_s} s: ${east.toFixed(0)} m vs ${closed.toFixed(0)} m`,
      ).toBeLessThan(0.001);
    }
  });

  it("stays put with a perfect IMU at rest for an hour (mechanization error < 1 m)", () => {
    const earth = makeEarth();
    const lat = 0.7;
    const { fTrue: fb, wTrue: wb } = restTruth(earth, lat, 0.2, 500);
    const ins = new StrapdownIns(earth);
    ins.reset(lat, 0.2, 500, [0, 0, 0], IDENTITY);
    for (let i = 0; i < 36000; i++) {
      ins.update(fb, wb, 0.1);
      ins.alt_m = 500;
      ins.vNed[2] = 0;
    }
    expect(Math.abs(ins.lat_rad - lat) * 6.37e6).toBeLessThan(1);
    expect(Math.abs(ins.lon_rad - 0.2) * 6.37e6 * Math.cos(lat)).toBeLessThan(1);
  });
});
