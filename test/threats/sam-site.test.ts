import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import type { RadarParams } from "../../src/threats/radar.js";
import {
  SamEngagement,
  type SamEvent,
  type SamObservation,
  type SamSiteParams,
} from "../../src/threats/sam-site.js";

const RADAR: RadarParams = {
  peak_power_w: 1e6,
  gain_db: 40,
  freq_hz: 3e9,
  bandwidth_hz: 1e6,
  noise_figure_db: 3,
  losses_db: 6,
  pfa: 1e-6,
  scan_s: 5,
  mast_m: 20,
};

const SITE: SamSiteParams = {
  name: "notional medium-range site",
  radar: RADAR,
  reaction_s: 12,
  interceptor_speed_mps: 1000,
  envelope: { min_range_m: 3000, max_range_m: 60_000, min_alt_m: 20, max_alt_m: 25_000 },
  pk: 1,
  magazine: 4,
  look_s: 5,
};

/** Fly a target straight at the site from r0 (m) at closing speed v (m/s), height h (m), updating at dt. */
function fly(
  site: SamSiteParams,
  r0: number,
  v: number,
  h: number,
  rcs: number,
  visible = true,
  dt = 0.5,
  seed = 1,
) {
  const eng = new SamEngagement(site, Rng.fromSeed(seed));
  const events: SamEvent[] = [];
  const obs: SamObservation = { range_m: r0, height_m: h, rcs_m2: rcs, visible, closing_mps: v };
  for (let k = 0; k * dt * v < r0; k++) {
    const t = k * dt;
    obs.range_m = r0 - v * t;
    if (eng.update(t, dt, obs, events)) break;
  }
  return { eng, events };
}

describe("SAM engagement timeline", () => {
  it("detects at the first scan, launches after the reaction time, kills at the computed intercept", () => {
    // A large RCS makes the first scan a certain detection.
    const { events, eng } = fly(SITE, 50_000, 250, 1000, 1000);
    const kinds = events.map((e) => e.kind);
    expect(kinds).toEqual(["detected", "tracked", "launch", "kill"]);
    const launch = events[2];
    expect(launch.t_s).toBe(12);
    // Intercept: R/(v_int + v_tgt) after launch, with R = 50,000 − 250·12 = 47,000 m.
    const tFly = 47_000 / 1250;
    const kill = events[3];
    expect(kill.t_s).toBeGreaterThanOrEqual(12 + tFly);
    expect(kill.t_s).toBeLessThan(12 + tFly + 0.5);
    expect(eng.killed).toBe(true);
    expect(eng.fired).toBe(1);
  });

  it("does not fire at a target above its ceiling or hidden by terrain", () => {
    expect(fly(SITE, 50_000, 250, 30_000, 1000).events.some((e) => e.kind === "launch")).toBe(
      false,
    );
    const hidden = fly(SITE, 50_000, 250, 1000, 1000, false);
    expect(hidden.events).toEqual([]);
    expect(hidden.eng.exposure_s).toBe(0);
  });

  it("shoots, looks and shoots again after a miss, until the magazine is empty", () => {
    const { events } = fly({ ...SITE, pk: 0 }, 55_000, 250, 1000, 1000);
    const launches = events.filter((e) => e.kind === "launch");
    const misses = events.filter((e) => e.kind === "miss");
    expect(launches.length).toBe(4);
    expect(misses.length).toBe(4);
    // Each new shot comes look_s after the previous miss (to the update step).
    for (let i = 1; i < launches.length; i++) {
      expect(launches[i].t_s - misses[i - 1].t_s).toBeGreaterThanOrEqual(5);
      expect(launches[i].t_s - misses[i - 1].t_s).toBeLessThanOrEqual(5.5);
    }
  });

  it("a stealthy target is detected later (closer) than a conventional one", () => {
    const first = (rcs: number) => {
      let sum = 0;
      for (let s = 0; s < 40; s++) {
        const ev = fly(SITE, 150_000, 250, 1000, rcs, true, 0.5, s).events.find(
          (e) => e.kind === "detected",
        );
        sum += ev ? ev.range_m : 0;
      }
      return sum / 40;
    };
    expect(first(0.01)).toBeLessThan(0.8 * first(1));
  });
});
