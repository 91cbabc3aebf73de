import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { geodeticToEcef, WGS84 } from "../../src/earth/ellipsoid.js";
import {
  chipRate,
  DEFAULT_RECEIVER,
  equivalentCn0_dbhz,
  freeSpaceLoss_db,
  GnssReceiver,
  jammerToSignal_db,
  jsTolerance_db,
} from "../../src/navigation/gnss.js";

/**
 * Reference values from the project's public reference note (public-figures.md §1.3), computed
 * there from Kaplan and Hegarty's J/S tolerance equation with a nominal C/N0 of 45 dB-Hz and from
 * the free-space loss at L1, 96.4 + 20·log10(d_km) dB [C].
 */
const JS_TABLE: ReadonlyArray<readonly ["CA" | "PY", number, number, number, number]> = [
  ["CA", 35, 24.6, 26.4, 27.7],
  ["CA", 28, 32.0, 33.8, 35.0],
  ["PY", 35, 34.6, 36.4, 37.7],
  ["PY", 28, 42.0, 43.8, 45.0],
];

describe("GNSS link budget", () => {
  it("free-space loss at L1 is 96.4 + 20·log10(d_km) dB", () => {
    for (const d of [1, 10, 55.5, 200])
      expect(freeSpaceLoss_db(d * 1000)).toBeCloseTo(96.4 + 20 * Math.log10(d), 1);
  });

  it("a 1 W jammer gives J/S 43.6 / 29.6 / 23.6 / 17.6 dB at 10 / 50 / 100 / 200 km", () => {
    const rx = new Float64Array(3);
    const jam = new Float64Array(3);
    geodeticToEcef(WGS84, 0, 0, 0, jam, 0);
    const eirp = Float64Array.of(0);
    for (const [km, js] of [
      [10, 43.6],
      [50, 29.6],
      [100, 23.6],
      [200, 17.6],
    ] as const) {
      // Straight up from the jammer: the range is exactly the height.
      geodeticToEcef(WGS84, 0, 0, km * 1000, rx, 0);
      expect(
        jammerToSignal_db(rx, jam, eirp, { kind: "fixed", gain_toward_jammer_dbi: 0 }),
      ).toBeCloseTo(js, 1);
    }
  });

  it("reproduces the J/S tolerance table for C/A and P(Y) at Q = 1, 1.5 and 2", () => {
    for (const [code, thr, q1, q15, q2] of JS_TABLE) {
      const rc = chipRate(code);
      expect(jsTolerance_db(45, thr, 1, rc)).toBeCloseTo(q1, 1);
      expect(jsTolerance_db(45, thr, 1.5, rc)).toBeCloseTo(q15, 1);
      expect(jsTolerance_db(45, thr, 2, rc)).toBeCloseTo(q2, 1);
      expect(equivalentCn0_dbhz(45, jsTolerance_db(45, thr, 1, rc), 1, rc)).toBeCloseTo(thr, 9);
    }
  });

  it("an adaptive antenna lowers J/S by its null depth plus its beam gain", () => {
    const rx = new Float64Array(3);
    const jam = new Float64Array(3);
    geodeticToEcef(WGS84, 0, 0, 0, jam, 0);
    geodeticToEcef(WGS84, 0, 0, 30000, rx, 0);
    const eirp = Float64Array.of(20);
    const fixed = jammerToSignal_db(rx, jam, eirp, { kind: "fixed", gain_toward_jammer_dbi: 0 });
    const adaptive = jammerToSignal_db(rx, jam, eirp, {
      kind: "adaptive",
      nulling_db: 31,
      beam_gain_db: 6,
    });
    expect(fixed - adaptive).toBeCloseTo(37, 9);
  });
});

describe("GNSS receiver", () => {
  /** Fly straight at 250 m/s towards (then away from) a jammer, straight down on it from above. */
  function fly(direction: 1 | -1, eirp_dbw: number) {
    const rng = Rng.fromSeed(4);
    const rx = new GnssReceiver(
      { ...DEFAULT_RECEIVER, reacquire_s: 10 },
      [{ name: "j", lat_deg: 0, lon_deg: 0, alt_m: 0, eirp_dbw }],
      rng,
      WGS84,
    );
    const pos = new Float64Array(3);
    const vel = Float64Array.of(0, 0, 0);
    const trace: Array<{ t: number; h: number; state: string }> = [];
    for (let k = 0; k <= 20_000; k++) {
      const t = k * 0.1;
      const h = direction > 0 ? 500_000 - 250 * t : 1000 + 250 * t;
      geodeticToEcef(WGS84, 0, 0, h, pos, 0);
      rx.update(t, pos, vel, 0, 1, 0, 1);
      trace.push({ t, h, state: rx.state });
    }
    return { rx, trace };
  }

  it("loses track where J/S crosses the tracking tolerance, and counts the outage", () => {
    const eirp = 20; // 100 W
    const { rx, trace } = fly(1, eirp);
    const tol = jsTolerance_db(45, 28, 1, chipRate("PY"));
    // J/S = EIRP − FSL + 160 → range where it reaches the tolerance.
    const lossRange = 10 ** ((eirp + 160 - tol - freeSpaceLoss_db(1)) / 20);
    const first = trace.find((p) => p.state !== "tracking");
    expect(first).toBeDefined();
    // Seen at the first 0.1 s update after the crossing: within 25 m.
    expect(Math.abs((first?.h ?? 0) - lossRange)).toBeLessThan(26);
    const lostFor = trace.filter((p) => p.state !== "tracking").length * 0.1;
    expect(Math.abs(rx.outage_s - lostFor)).toBeLessThan(0.2);
  });

  it("reacquires only past the acquisition tolerance and after the reacquisition time", () => {
    const eirp = 20;
    const { trace } = fly(-1, eirp);
    const tolAcq = jsTolerance_db(45, 35, 1, chipRate("PY"));
    // Exact inverse of the free-space loss (its 1 m value is the constant of 20·log10 d).
    const acqRange = 10 ** ((eirp + 160 - tolAcq - freeSpaceLoss_db(1)) / 20);
    const back = trace.findIndex(
      (p, i) => i > 0 && p.state === "tracking" && trace[i - 1].state !== "tracking",
    );
    expect(back).toBeGreaterThan(0);
    // It passed the acquisition range reacquire_s (10 s = 2.5 km at 250 m/s) earlier; each of the
    // two state changes is seen at the first 0.1 s update after it (up to 2 × 25 m).
    expect(trace[back].h).toBeGreaterThan(acqRange + 2500 - 1);
    expect(trace[back].h).toBeLessThan(acqRange + 2500 + 51);
  });

  it("gives fixes at its rate with the configured noise while tracking", () => {
    const rng = Rng.fromSeed(9);
    const rx = new GnssReceiver({ ...DEFAULT_RECEIVER, rate_hz: 2 }, [], rng, WGS84);
    const pos = new Float64Array(3);
    geodeticToEcef(WGS84, 0, 0, 1000, pos, 0);
    const vel = Float64Array.of(100, 0, 0);
    let n = 0;
    let sx = 0;
    let sxx = 0;
    let sv = 0;
    for (let k = 0; k < 100_000; k++) {
      if (rx.update(k * 0.1, pos, vel, 0, 1, 0, 1)) {
        n++;
        // At (0°, 0°), ECEF z is north.
        const north = rx.fixEcef[2] - pos[2];
        sx += north;
        sxx += north * north;
        sv += (rx.fixVelNed[0] - 100) ** 2;
      }
    }
    expect(n).toBe(20000);
    expect(Math.abs(sx / n)).toBeLessThan((5 * DEFAULT_RECEIVER.pos_sigma_m) / Math.sqrt(n));
    expect(Math.sqrt(sxx / n) / DEFAULT_RECEIVER.pos_sigma_m).toBeCloseTo(1, 1);
    expect(Math.sqrt(sv / n) / DEFAULT_RECEIVER.vel_sigma_mps).toBeCloseTo(1, 1);
  });
});
