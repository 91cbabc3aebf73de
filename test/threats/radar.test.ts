import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { radarHorizon_m } from "../../src/terrain/line-of-sight.js";
import {
  cumulativeDetection,
  pdSwerling1,
  type RadarParams,
  rangeForPd,
  snr,
  snrForPdSwerling1,
} from "../../src/threats/radar.js";

/**
 * Mahafza and Elsherbeni, "MATLAB Simulations for Radar Systems Design" (CRC 2004), Fig. 1.12
 * defaults: Pt 1.5 MW, 5.6 GHz, G 45 dB, Te 290 K, B 5 MHz, F 3 dB, L 6 dB, σ 0.1 m². SNR computed
 * with k = 1.38e-23 and c = 3e8 in the project's public reference note (§2d.1) [C]:
 * 35.43 / 23.39 / 16.35 / 11.35 / 2.65 dB at 25 / 50 / 75 / 100 / 165 km; 13.2 dB at 89.9 km.
 */
const MAHAFZA: RadarParams = {
  peak_power_w: 1.5e6,
  gain_db: 45,
  freq_hz: 5.6e9,
  bandwidth_hz: 5e6,
  noise_figure_db: 3,
  losses_db: 6,
  pfa: 1e-6,
  scan_s: 10,
  mast_m: 10,
};
const db = (x: number) => 10 * Math.log10(x);

describe("radar range equation", () => {
  it("reproduces the Mahafza Fig. 1.12 SNR values to 0.01 dB", () => {
    for (const [km, ref] of [
      [25, 35.43],
      [50, 23.39],
      [75, 16.35],
      [100, 11.35],
      [165, 2.65],
      [89.9, 13.2],
    ] as const) {
      expect(db(snr(MAHAFZA, 0.1, km * 1000, 1.38e-23, 3e8))).toBeCloseTo(ref, 1);
    }
  });

  it("scales detection range as σ^(1/4): −10 dB of RCS gives 0.562 of the range, −20 dB 0.316", () => {
    const r0 = rangeForPd(MAHAFZA, 1, 0.5);
    expect(rangeForPd(MAHAFZA, 0.1, 0.5) / r0).toBeCloseTo(0.5623, 4);
    expect(rangeForPd(MAHAFZA, 0.01, 0.5) / r0).toBeCloseTo(0.3162, 4);
  });

  it("finds the Pd = 0.5 range by hand: SNR needed = ln(Pfa)/ln(0.5) − 1 = 18.93 (12.77 dB)", () => {
    expect(db(snrForPdSwerling1(0.5, 1e-6))).toBeCloseTo(12.77, 2);
    const r = rangeForPd(MAHAFZA, 0.1, 0.5);
    expect(pdSwerling1(snr(MAHAFZA, 0.1, r), 1e-6)).toBeCloseTo(0.5, 12);
  });

  it("Swerling-1 Pd matches a Monte Carlo of an exponentially fluctuating echo in noise", () => {
    // |s + n|² with complex Gaussian noise of unit power and echo of power SNR is exponential with
    // mean 1 + SNR; detection when it exceeds −ln(Pfa).
    const rng = Rng.fromSeed(77);
    const pfa = 1e-3;
    const threshold = -Math.log(pfa);
    for (const snrDb of [5, 10, 15]) {
      const s = 10 ** (snrDb / 10);
      let hits = 0;
      const n = 200_000;
      for (let i = 0; i < n; i++) if (rng.exponential(1 / (1 + s)) > threshold) hits++;
      const pd = pdSwerling1(s, pfa);
      expect(Math.abs(hits / n - pd)).toBeLessThan(5 * Math.sqrt((pd * (1 - pd)) / n));
    }
  });

  it("accumulates detection over looks", () => {
    expect(cumulativeDetection([0.5, 0.5])).toBeCloseTo(0.75, 12);
    expect(cumulativeDetection([])).toBe(0);
  });
});

describe("radar horizon (4/3 Earth)", () => {
  it("matches d ≈ 4.12·(√h_r + √h_t) km and the reference note's worked values", () => {
    // public-figures.md §1.2 [C]: 25 m mast vs 30 m → 43.2 km; vs 100 m → 61.8 km; vs 10 km →
    // 432.6 km; a 10 m mast vs 15 m → 29.0 km.
    expect(radarHorizon_m(25, 30) / 1000).toBeCloseTo(43.2, 1);
    expect(radarHorizon_m(25, 100) / 1000).toBeCloseTo(61.8, 1);
    expect(radarHorizon_m(25, 10000) / 1000).toBeCloseTo(432.6, 0);
    expect(radarHorizon_m(10, 15) / 1000).toBeCloseTo(29.0, 1);
    expect(radarHorizon_m(25, 30) / 1000).toBeCloseTo(4.12 * (Math.sqrt(25) + Math.sqrt(30)), 1);
  });
});

describe("aspect-dependent RCS", () => {
  it("is small from the front, larger from the side, symmetric left and right", async () => {
    const {
      NOTIONAL_STEALTHY_RCS: t,
      rcsAt,
      constantRcs,
    } = await import("../../src/threats/rcs.js");
    expect(rcsAt(t, 0, 0)).toBeCloseTo(0.01, 9);
    expect(rcsAt(t, 90, 0)).toBeCloseTo(0.1, 9);
    expect(rcsAt(t, -90, 0)).toBeCloseTo(rcsAt(t, 90, 0), 12);
    expect(rcsAt(t, 45, 0)).toBeGreaterThan(rcsAt(t, 0, 0));
    expect(rcsAt(constantRcs(0.05), 123, -40)).toBeCloseTo(0.05, 12);
    // A stealthy nose-on approach is detected at 0.562× the range of a 10× larger RCS.
    const r1 = rangeForPd(MAHAFZA, rcsAt(t, 0, 0), 0.5);
    const r2 = rangeForPd(MAHAFZA, rcsAt(t, 90, 0), 0.5);
    expect(r1 / r2).toBeCloseTo(0.5623, 3);
  });
});
