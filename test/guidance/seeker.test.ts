import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import {
  ADVECTION_FOG_WEATHER,
  CLEAR_WEATHER,
  cloudBlocksLineOfSight,
  DEFAULT_EXTINCTION,
  DENSE_FOG_WEATHER,
  fogLwirToVisibleRatio,
  HAZE_WEATHER,
  lwirExtinction_perKm,
  MODERATE_RAIN_WEATHER,
  RADIATION_FOG_WEATHER,
  rainLwirExtinction_perKm,
  transmittance,
  visibleExtinction_perKm,
  type Weather,
} from "../../src/guidance/atmospheric-extinction.js";
import {
  type AcquisitionInputs,
  acquisitionRange_m,
  footprintProbability,
  JASSM_CLASS_IIR_SEEKER,
  lambertW0,
  newSeekerOutput,
  probabilityOfAcquisition,
  rangeProbability,
  Seeker,
  type SeekerGeometry,
  type SeekerOutput,
  type SeekerParams,
} from "../../src/guidance/seeker.js";

const DEG = Math.PI / 180;
const P = JASSM_CLASS_IIR_SEEKER;

function geometry(): SeekerGeometry {
  return {
    los_n_m: 0,
    los_e_m: 0,
    los_d_m: 0,
    vel_n_mps: 250,
    vel_e_mps: 0,
    vel_d_mps: 0,
    navErr_n_m: 0,
    navErr_e_m: 0,
    navErr_d_m: 0,
    extinction_perKm: lwirExtinction_perKm(CLEAR_WEATHER),
    cloudBlocked: false,
  };
}

/** Target `range` m ahead (north) and `below` m below a missile flying north. */
function setAhead(g: SeekerGeometry, range: number, below = 100): void {
  const h = Math.sqrt(Math.max(range * range - below * below, 0));
  g.los_n_m = h;
  g.los_e_m = 0;
  g.los_d_m = below;
}

/** Run frames at a fixed geometry until locked or tMax; returns lock time or NaN. */
function timeToLock(s: Seeker, g: SeekerGeometry, out: SeekerOutput, tMax: number): number {
  const f = s.params.frame_s;
  for (let k = 0; k * f <= tMax; k++) {
    s.update(k * f, g, out);
    if (out.locked) return k * f;
  }
  return Number.NaN;
}

describe("LWIR atmospheric extinction", () => {
  it("clear air is 0.1–0.2 /km and the weather cases order clear < haze < rain < fog", () => {
    const s = (w: Weather) => lwirExtinction_perKm(w);
    expect(s(CLEAR_WEATHER)).toBeGreaterThan(0.1);
    expect(s(CLEAR_WEATHER)).toBeLessThan(0.2);
    expect(s(CLEAR_WEATHER)).toBeCloseTo(P.refExtinction_perKm, 3);
    const order = [
      CLEAR_WEATHER,
      HAZE_WEATHER,
      MODERATE_RAIN_WEATHER,
      RADIATION_FOG_WEATHER,
      ADVECTION_FOG_WEATHER,
      DENSE_FOG_WEATHER,
    ].map(s);
    for (let i = 1; i < order.length; i++) expect(order[i]).toBeGreaterThan(order[i - 1]);
    // Visible extinction is Koschmieder's: 2 % transmittance over the visibility.
    expect(transmittance(visibleExtinction_perKm(7000), 7000)).toBeCloseTo(0.02, 12);
    // Fog LWIR/visible ratio k·ρ·r_eff/3: 0.30 (radiation, 6 µm) and 0.60 (advection, 12 µm).
    expect(fogLwirToVisibleRatio("radiation")).toBeCloseTo(0.3, 12);
    expect(fogLwirToVisibleRatio("advection")).toBeCloseTo(0.6, 12);
    // The aerosol ratio is continuous across the fog and haze limits.
    const a = (v: number) => lwirExtinction_perKm({ ...CLEAR_WEATHER, visibility_m: v });
    expect(a(999.999) / a(1000.001)).toBeCloseTo(1, 4);
    expect(a(4999.999) / a(5000.001)).toBeCloseTo(1, 4);
  });

  it("rain: Q·(π/2)·N0/Λ³ equals the Marshall–Palmer integral, ≈ 0.365·R^0.63 /km", () => {
    for (const r of [1, 5, 25]) {
      const lam = 4.1 * r ** -0.21;
      let sum = 0;
      const h = 1e-4;
      for (let d = h / 2; d < 15; d += h)
        sum += ((2 * Math.PI) / 4) * d * d * 8000 * Math.exp(-lam * d) * h;
      expect(rainLwirExtinction_perKm(r)).toBeCloseTo(sum * 1e-3, 6);
      expect(rainLwirExtinction_perKm(r) / r ** 0.63).toBeCloseTo(0.3647, 4);
    }
    expect(rainLwirExtinction_perKm(0)).toBe(0);
    expect(
      rainLwirExtinction_perKm(10, { ...DEFAULT_EXTINCTION, rainQ: 1 }) / 10 ** 0.63,
    ).toBeCloseTo(0.1823, 4);
  });

  it("an overcast layer blocks a line of sight that crosses it", () => {
    const w: Weather = { ...CLEAR_WEATHER, cloudBase_m: 600, cloudTop_m: 1500 };
    expect(cloudBlocksLineOfSight(100, 0, w)).toBe(false); // under the base
    expect(cloudBlocksLineOfSight(2000, 0, w)).toBe(true); // from above the tops
    expect(cloudBlocksLineOfSight(1000, 0, w)).toBe(true); // from inside
    expect(cloudBlocksLineOfSight(2000, 1800, w)).toBe(false); // above the tops
    expect(cloudBlocksLineOfSight(5000, 0, CLEAR_WEATHER)).toBe(false);
  });
});

describe("acquisition range and probability", () => {
  it("Lambert W and the extinction-reduced range solve their equations", () => {
    for (const x of [1e-8, 0.01, 0.5, 1, Math.E, 10, 1e3, 1e8]) {
      const w = lambertW0(x);
      expect((w * Math.exp(w)) / x).toBeCloseTo(1, 12);
    }
    expect(lambertW0(Math.E)).toBeCloseTo(1, 14);
    const r0 = 3600;
    const s0 = P.refExtinction_perKm;
    expect(acquisitionRange_m(r0, s0, s0)).toBeCloseTo(r0, 6);
    let last = Number.POSITIVE_INFINITY;
    for (const s of [0, 0.05, 0.137, 0.5, 2, 10, 30]) {
      const r = acquisitionRange_m(r0, s0, s);
      // C0·exp(−σR)/R² is the same threshold as in the reference air.
      const lhs = s * (r / 1000) + 2 * Math.log(r / 1000);
      expect(lhs).toBeCloseTo(s0 * (r0 / 1000) + 2 * Math.log(r0 / 1000), 9);
      expect(r).toBeLessThan(last);
      last = r;
    }
  });

  it("the range probability is 1/2 at R50 and falls with range", () => {
    expect(rangeProbability(3000, 3000)).toBeCloseTo(0.5, 15);
    expect(rangeProbability(1500, 3000)).toBeGreaterThan(0.9);
    expect(rangeProbability(6000, 3000)).toBeLessThan(0.15);
    expect(rangeProbability(0, 3000)).toBe(1);
  });

  it("the footprint probability is the Rayleigh CDF for a nadir footprint (seeded Monte Carlo)", () => {
    const range = 2000;
    const fov = P.fov_deg * DEG;
    const h = range * Math.tan(fov / 2);
    const rng = Rng.fromSeed(11).stream("footprint");
    for (const sigma of [50, 100, 200]) {
      const p = footprintProbability(sigma, range, fov, 90 * DEG);
      expect(p).toBeCloseTo(1 - Math.exp(-(h * h) / (2 * sigma * sigma)), 12);
      let inside = 0;
      const n = 100_000;
      for (let i = 0; i < n; i++)
        if (Math.hypot(sigma * rng.normal(), sigma * rng.normal()) <= h) inside++;
      expect(Math.abs(inside / n - p)).toBeLessThan(0.006);
    }
    // A shallow line of sight stretches the footprint along track: larger probability.
    expect(footprintProbability(200, range, fov, 3 * DEG)).toBeGreaterThan(
      footprintProbability(200, range, fov, 90 * DEG),
    );
  });

  it("P(acquisition) in clear air exceeds that in haze, rain and fog", () => {
    const base: AcquisitionInputs = {
      range_m: 3000,
      contrast: "medium",
      night: false,
      extinction_perKm: 0,
      navErrSigma_m: 10,
      depression_rad: 2 * DEG,
      offBoresight_rad: 0,
      cloudBlocked: false,
    };
    for (const range of [1000, 2000, 3000, 5000]) {
      const p = (w: Weather) =>
        probabilityOfAcquisition(P, {
          ...base,
          range_m: range,
          extinction_perKm: lwirExtinction_perKm(w),
        });
      expect(p(CLEAR_WEATHER)).toBeGreaterThan(p(HAZE_WEATHER));
      expect(p(HAZE_WEATHER)).toBeGreaterThan(p(MODERATE_RAIN_WEATHER));
      expect(p(MODERATE_RAIN_WEATHER)).toBeGreaterThan(p(RADIATION_FOG_WEATHER));
      expect(p(RADIATION_FOG_WEATHER)).toBeGreaterThan(p(DENSE_FOG_WEATHER));
    }
    // Measured at 3 km, medium contrast, day: clear 0.656, radiation fog 0.053.
    const clear = probabilityOfAcquisition(P, {
      ...base,
      extinction_perKm: lwirExtinction_perKm(CLEAR_WEATHER),
    });
    const fog = probabilityOfAcquisition(P, {
      ...base,
      extinction_perKm: lwirExtinction_perKm(RADIATION_FOG_WEATHER),
    });
    expect(clear).toBeGreaterThan(0.6);
    expect(fog).toBeLessThan(0.1);
    // Zero outside the gimbal or behind cloud; lower with a larger navigation error; lower for
    // low contrast; lower at night for structures.
    const ext = lwirExtinction_perKm(CLEAR_WEATHER);
    const q = { ...base, extinction_perKm: ext };
    expect(probabilityOfAcquisition(P, { ...q, offBoresight_rad: 31 * DEG })).toBe(0);
    expect(probabilityOfAcquisition(P, { ...q, cloudBlocked: true })).toBe(0);
    expect(
      probabilityOfAcquisition(P, { ...q, navErrSigma_m: 300, depression_rad: 30 * DEG }),
    ).toBeLessThan(probabilityOfAcquisition(P, { ...q, depression_rad: 30 * DEG }));
    expect(probabilityOfAcquisition(P, { ...q, contrast: "low" })).toBeLessThan(
      probabilityOfAcquisition(P, q),
    );
    expect(probabilityOfAcquisition(P, { ...q, night: true })).toBeLessThan(
      probabilityOfAcquisition(P, q),
    );
  });
});

describe("Seeker (stateful, per frame)", () => {
  const quiet: SeekerParams = { ...P, lockLoss_perS: 0 };

  it("processes frames at its own interval whatever the caller's rate", () => {
    const s = new Seeker(P, Rng.fromSeed(1).stream("seeker"), { contrast: "high", night: false });
    const g = geometry();
    setAhead(g, 20_000);
    const out = newSeekerOutput();
    let frames = 0;
    for (let i = 0; i < 100; i++) if (s.update(i * 0.01, g, out)) frames++;
    expect(frames).toBe(30);
  });

  it("the fraction of engagements acquirable at a fixed range equals P(range)", () => {
    const g = geometry();
    const out = newSeekerOutput();
    const r50 = acquisitionRange_m(
      P.acqRange_m.medium.day_m,
      P.refExtinction_perKm,
      g.extinction_perKm,
    );
    for (const range of [r50, 0.8 * r50]) {
      setAhead(g, range);
      const expected = rangeProbability(range, r50);
      const n = 2000;
      let locked = 0;
      for (let seed = 0; seed < n; seed++) {
        const s = new Seeker(quiet, Rng.fromSeed(seed).stream("seeker"), {
          contrast: "medium",
          night: false,
        });
        if (!Number.isNaN(timeToLock(s, g, out, 10))) locked++;
      }
      expect(Math.abs(locked / n - expected)).toBeLessThan(
        4 * Math.sqrt((expected * (1 - expected)) / n),
      );
    }
  });

  it("the time to declare is exponential with mean acqTime_s (on the frame grid)", () => {
    const g = geometry();
    setAhead(g, 1000);
    const out = newSeekerOutput();
    const n = 3000;
    let sum = 0;
    for (let seed = 0; seed < n; seed++) {
      const s = new Seeker(quiet, Rng.fromSeed(seed).stream("seeker"), {
        contrast: "high",
        night: false,
      });
      sum += timeToLock(s, g, out, 30);
    }
    const f = P.frame_s;
    const p = 1 - Math.exp(-f / P.acqTime_s);
    const mean = (f * (1 - p)) / p; // ≈ τ − f/2
    expect(Math.abs(sum / n / mean - 1)).toBeLessThan(0.06);
  });

  it("measured angle noise has the configured standard deviation and no bias", () => {
    const s = new Seeker(quiet, Rng.fromSeed(42).stream("seeker"), {
      contrast: "high",
      night: false,
    });
    const g = geometry();
    setAhead(g, 2000, 150);
    const out = newSeekerOutput();
    const r = Math.hypot(g.los_n_m, g.los_e_m, g.los_d_m);
    const un = g.los_n_m / r;
    const ud = g.los_d_m / r;
    // e1 = east (horizontal, ⟂ LOS); e2 = u × e1.
    const e2n = -ud;
    const e2d = un;
    const n = 20_000;
    let c1 = 0;
    let s1 = 0;
    let s11 = 0;
    let s2 = 0;
    let s22 = 0;
    let k = 0;
    while (c1 < n) {
      s.update(k * P.frame_s, g, out);
      k++;
      if (!out.measured) continue;
      const a1 = out.u_e;
      const a2 = out.u_n * e2n + out.u_d * e2d;
      s1 += a1;
      s11 += a1 * a1;
      s2 += a2;
      s22 += a2 * a2;
      c1++;
    }
    const sd1 = Math.sqrt(s11 / n - (s1 / n) ** 2);
    const sd2 = Math.sqrt(s22 / n - (s2 / n) ** 2);
    // Measured: 0.4 % above 0.3 mrad on both axes (20,000 frames).
    expect(Math.abs(sd1 / P.noise_rad - 1)).toBeLessThan(0.03);
    expect(Math.abs(sd2 / P.noise_rad - 1)).toBeLessThan(0.03);
    expect(Math.abs(s1 / n)).toBeLessThan((4 * P.noise_rad) / Math.sqrt(n));
    expect(Math.abs(s2 / n)).toBeLessThan((4 * P.noise_rad) / Math.sqrt(n));
    // Azimuth error = east error for a north line of sight.
    expect(Math.abs(out.az_rad)).toBeLessThan(6 * P.noise_rad);
  });

  it("never acquires when the navigation error puts the target outside the field of view", () => {
    const g = geometry();
    setAhead(g, 2000);
    g.navErr_e_m = 300; // half-width of the footprint across: 2000·tan(3.2°) = 112 m
    const out = newSeekerOutput();
    for (let seed = 0; seed < 50; seed++) {
      const s = new Seeker(quiet, Rng.fromSeed(seed).stream("seeker"), {
        contrast: "high",
        night: false,
      });
      expect(timeToLock(s, g, out, 10)).toBeNaN();
    }
    // Inside the footprint the same seeds mostly lock (acquisition is a draw, not a certainty).
    g.navErr_e_m = 50;
    let locked = 0;
    for (let seed = 0; seed < 50; seed++) {
      const s = new Seeker(quiet, Rng.fromSeed(seed).stream("seeker"), {
        contrast: "high",
        night: false,
      });
      if (!Number.isNaN(timeToLock(s, g, out, 10))) locked++;
    }
    expect(locked).toBeGreaterThan(35);
  });

  it("loses lock out of gimbal, behind cloud, beyond tracking range, and at random", () => {
    const out = newSeekerOutput();
    const lockAt = (params: SeekerParams, seed: number) => {
      const s = new Seeker(params, Rng.fromSeed(seed).stream("seeker"), {
        contrast: "high",
        night: false,
      });
      const g = geometry();
      setAhead(g, 800);
      const t = timeToLock(s, g, out, 20);
      expect(t).not.toBeNaN();
      return { s, g, t };
    };
    {
      const { s, g, t } = lockAt(quiet, 1);
      g.vel_n_mps = 250 * Math.cos(40 * DEG);
      g.vel_e_mps = 250 * Math.sin(40 * DEG);
      s.update(t + P.frame_s, g, out);
      expect(out.event).toBe("lost");
      expect(out.lossReason).toBe("gimbal");
      expect(s.isLocked).toBe(false);
    }
    {
      const { s, g, t } = lockAt(quiet, 2);
      g.cloudBlocked = true;
      s.update(t + P.frame_s, g, out);
      expect(out.lossReason).toBe("cloud");
    }
    {
      const { s, g, t } = lockAt(quiet, 3);
      g.extinction_perKm = lwirExtinction_perKm(DENSE_FOG_WEATHER); // 1.5·R_acq ≈ 0.71 km
      s.update(t + P.frame_s, g, out);
      expect(out.lossReason).toBe("range");
    }
    {
      const { s, g, t } = lockAt(quiet, 4);
      g.los_e_m = 800 * Math.tan(4 * DEG); // the target jumps 4° off the tracked line of sight
      s.update(t + P.frame_s, g, out);
      expect(out.lossReason).toBe("fov");
    }
    // Random loss: mean time to lose ≈ 1/rate.
    const rate = 2;
    const lossy: SeekerParams = { ...P, lockLoss_perS: rate };
    const n = 1500;
    let sum = 0;
    for (let seed = 0; seed < n; seed++) {
      const { s, g, t } = lockAt(lossy, seed);
      let k = 1;
      for (;;) {
        s.update(t + k * P.frame_s, g, out);
        if (!out.locked) break;
        k++;
      }
      expect(out.lossReason).toBe("random");
      sum += k * P.frame_s;
    }
    const p = 1 - Math.exp(-rate * P.frame_s);
    expect(Math.abs(sum / n / (P.frame_s / p) - 1)).toBeLessThan(0.07);
  });

  it("holds lock without new measurements inside the blind range", () => {
    const s = new Seeker(quiet, Rng.fromSeed(9).stream("seeker"), {
      contrast: "high",
      night: false,
    });
    const g = geometry();
    setAhead(g, 800, 50);
    const out = newSeekerOutput();
    const t = timeToLock(s, g, out, 20);
    const u = [out.u_n, out.u_e, out.u_d];
    // Same direction, 90 m out.
    const k = 90 / 800;
    g.los_n_m *= k;
    g.los_d_m *= k;
    s.update(t + P.frame_s, g, out);
    expect(out.locked).toBe(true);
    expect(out.measured).toBe(false);
    expect([out.u_n, out.u_e, out.u_d]).toEqual(u);
  });

  it("is deterministic for a seed over a closing approach, and clear air acquires farther than fog", () => {
    const run = (seed: number, w: Weather) => {
      const s = new Seeker(P, Rng.fromSeed(seed).stream("seeker"), {
        contrast: "medium",
        night: false,
      });
      const g = geometry();
      g.extinction_perKm = lwirExtinction_perKm(w);
      g.navErr_n_m = 20;
      g.navErr_e_m = -15;
      const out = newSeekerOutput();
      const log: number[] = [];
      let acqRange = 0;
      for (let i = 0; ; i++) {
        const t = i * 0.01; // a 100 Hz caller
        const range = 8000 - 250 * t;
        if (range < 50) break;
        setAhead(g, range, Math.min(100, range / 2));
        if (s.update(t, g, out))
          log.push(out.frameTime_s, out.locked ? 1 : 0, out.u_n, out.u_e, out.u_d);
        if (out.event === "acquired" && acqRange === 0) acqRange = range;
      }
      return { log, acqRange };
    };
    const a = run(5, CLEAR_WEATHER);
    const b = run(5, CLEAR_WEATHER);
    const c = run(6, CLEAR_WEATHER);
    expect(b.log).toEqual(a.log);
    expect(c.log).not.toEqual(a.log);
    let clear = 0;
    let fog = 0;
    const n = 200;
    for (let seed = 0; seed < n; seed++) {
      clear += run(seed, CLEAR_WEATHER).acqRange;
      fog += run(seed, RADIATION_FOG_WEATHER).acqRange;
    }
    // Measured over 500 seeds, medium contrast, day: mean first acquisition 3.86 km in clear air,
    // 1.22 km in radiation fog (visibility 500 m).
    expect(clear / n).toBeGreaterThan(2 * (fog / n));
  });
});
