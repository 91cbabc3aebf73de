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
  fire_channels: 1,
  salvo: 1,
  look_s: 5,
  cued_look_s: 1,
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
    expect(kinds).toEqual(["detected", "tracked", "engaged", "shot", "killed"]);
    const launch = events[3];
    expect(launch.t_s).toBe(12);
    // Intercept: R/(v_int + v_tgt) after launch, with R = 50,000 − 250·12 = 47,000 m.
    const tFly = 47_000 / 1250;
    const kill = events[4];
    expect(kill.t_s).toBeGreaterThanOrEqual(12 + tFly);
    expect(kill.t_s).toBeLessThan(12 + tFly + 0.5);
    expect(eng.killed).toBe(true);
    expect(eng.fired).toBe(1);
  });

  it("does not fire at a target above its ceiling or hidden by terrain", () => {
    expect(fly(SITE, 50_000, 250, 30_000, 1000).events.some((e) => e.kind === "shot")).toBe(false);
    const hidden = fly(SITE, 50_000, 250, 1000, 1000, false);
    expect(hidden.events).toEqual([]);
    expect(hidden.eng.exposure_s).toBe(0);
  });

  it("shoots, looks and shoots again after a miss, until the magazine is empty", () => {
    const { events } = fly({ ...SITE, pk: 0 }, 55_000, 250, 1000, 1000);
    const launches = events.filter((e) => e.kind === "shot");
    const misses = events.filter((e) => e.kind === "survived");
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

describe("fire channels, salvos and cueing", () => {
  it("fires salvos no larger than the free fire channels and never beyond the magazine", () => {
    const site = { ...SITE, pk: 0, magazine: 5, salvo: 2, fire_channels: 4 };
    const { events, eng } = fly(site, 55_000, 250, 1000, 1000);
    const shots = events.filter((e) => e.kind === "shot").map((e) => e.count);
    // 2 + 2 + the last one left.
    expect(shots).toEqual([2, 2, 1]);
    expect(eng.fired).toBe(5);
    expect(events.filter((e) => e.kind === "survived").length).toBe(5);
    const narrow = fly({ ...site, fire_channels: 1 }, 55_000, 250, 1000, 1000).events;
    expect(narrow.filter((e) => e.kind === "shot").every((e) => e.count === 1)).toBe(true);
  });

  it("a salvo of two kills with probability 1 − (1 − Pk)²", () => {
    const pk = 0.5;
    let kills = 0;
    const n = 2000;
    for (let s = 0; s < n; s++) {
      // One salvo only: a magazine of two.
      const r = fly(
        { ...SITE, pk, magazine: 2, salvo: 2, fire_channels: 2 },
        50_000,
        250,
        1000,
        1000,
        true,
        0.5,
        s,
      );
      if (r.eng.killed) kills++;
    }
    const p = kills / n;
    // 0.75 ± 4.4 standard errors of a binomial at n = 2000.
    expect(Math.abs(p - 0.75)).toBeLessThan(4.4 * Math.sqrt((0.75 * 0.25) / n));
  });

  it("a cue from a search radar starts the reaction clock early and shortens the look interval", () => {
    const site = { ...SITE, reaction_s: 12, radar: { ...RADAR, scan_s: 10 } };
    const eng = new SamEngagement(site, Rng.fromSeed(3));
    const events: SamEvent[] = [];
    const obs: SamObservation = {
      range_m: 50_000,
      height_m: 1000,
      rcs_m2: 1000,
      visible: false,
      closing_mps: 250,
    };
    // Hidden at first; a search radar cues at t = 2 s; the site sees the target from t = 6 s.
    for (let k = 0; k < 60; k++) {
      const t = k * 0.5;
      obs.range_m = 50_000 - 250 * t;
      obs.visible = t >= 6;
      if (t === 2) eng.cue(t);
      eng.update(t, 0.5, obs, events);
    }
    const detected = events.find((e) => e.kind === "detected");
    const shot = events.find((e) => e.kind === "shot");
    // Without the cue the next look would come 10 s after the t = 0 scan; cued looks come every 1 s.
    expect(detected?.t_s).toBe(6);
    // The reaction clock runs from the cue: 2 + 12 = 14 s, not 6 + 12 = 18 s.
    expect(shot?.t_s).toBe(14);
  });
});
