import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { NOTIONAL_LETHAL_RADII } from "../../src/effects/damage.js";
import { missionFromScenario, navigatorFromScenario } from "../../src/engine/mission-params.js";
import {
  CLEAR_WEATHER,
  RADIATION_FOG_WEATHER,
  type Weather,
} from "../../src/guidance/atmospheric-extinction.js";
import { JASSM_CLASS_IIR_SEEKER, Seeker } from "../../src/guidance/seeker.js";
import { simulateMission } from "../../src/mission/simulate.js";
import { loadScenarioFile } from "../../src/scenario/load.js";
import type { MissionScenario } from "../../src/scenario/mission-schema.js";

// The jammed example with a weaker jammer (30 W): GNSS is lost for the last four minutes and the
// navigation error at impact is 20–200 m: inside the seeker's 6.4° footprint at a clear-air
// acquisition range of ~6 km, mostly outside it at fog's ~1.4 km.
const file = new URL("../../examples/strike-b-jammed.yaml", import.meta.url).pathname;

function fly(seed: number, weather: Weather | null, eirp_w: number) {
  const s = loadScenarioFile(file) as MissionScenario;
  const scenario: MissionScenario = {
    ...s,
    seed,
    environment: {
      ...s.environment,
      jammers: s.environment.jammers.map((j) => ({ ...j, eirp_w, eirp_dbw: undefined })),
    },
  };
  const p = missionFromScenario(scenario, file, 1);
  const seeker = weather
    ? {
        seeker: new Seeker(JASSM_CLASS_IIR_SEEKER, Rng.fromSeed(seed).stream("seeker"), {
          contrast: "high" as const,
          night: false,
        }),
        weather,
      }
    : null;
  return simulateMission(
    p,
    navigatorFromScenario(scenario, p),
    null,
    seeker,
    NOTIONAL_LETHAL_RADII["light-structure"],
  );
}

describe("the seeker in the mission: a jammed terminal area (30 W jammer, six seeds)", () => {
  const seeds = [1, 2, 3, 4, 5, 6];
  const none = seeds.map((seed) => fly(seed, null, 30));
  const clear = seeds.map((seed) => fly(seed, CLEAR_WEATHER, 30));
  const fog = seeds.map((seed) => fly(seed, RADIATION_FOG_WEATHER, 30));
  const miss = (r: ReturnType<typeof fly>) => r.summary.miss_m ?? Number.POSITIVE_INFINITY;

  it("without a seeker, misses by the navigation error (tens to hundreds of metres)", () => {
    for (const r of none) {
      expect(r.summary.gnss_outage_s).toBeGreaterThan(200);
      expect(miss(r)).toBeGreaterThan(20);
      // Guidance flies the estimate onto the aimpoint: the miss is the navigation error at impact.
      const nav = r.summary.nav_error_horizontal_m;
      expect(Math.abs(miss(r) - nav)).toBeLessThan(0.05 * nav + 2);
      expect(r.summary.seeker_at_impact).toBe("no seeker");
    }
  });

  it("in clear air, locks on kilometres out and the miss falls far below the navigation error", () => {
    const locked = clear.filter((r) => r.summary.seeker_lock_range_m !== null);
    expect(locked.length).toBeGreaterThanOrEqual(4);
    for (const r of locked) {
      expect(r.summary.seeker_lock_range_m ?? 0).toBeGreaterThan(3000);
      expect(miss(r)).toBeLessThan(2);
      expect(r.summary.p_damage ?? 0).toBeGreaterThan(0.95);
      expect(r.events.some((e) => e.kind === "seeker_lock")).toBe(true);
    }
    // Seed by seed, a lock never makes the miss worse than flying on the estimate.
    clear.forEach((r, k) => {
      expect(miss(r)).toBeLessThanOrEqual(miss(none[k]) + 0.5);
    });
  });

  it("in fog, locks later or not at all (the target falls outside the narrower footprint), and misses more", () => {
    const lockRange = (rs: typeof clear) =>
      rs.map((r) => r.summary.seeker_lock_range_m).filter((v): v is number => v !== null);
    expect(Math.max(...lockRange(fog))).toBeLessThan(Math.min(...lockRange(clear)));
    const mean = (rs: typeof clear) => rs.reduce((a, r) => a + miss(r), 0) / rs.length;
    expect(mean(fog)).toBeGreaterThan(10 * mean(clear.filter((r) => miss(r) < 2)));
    expect(fog.filter((r) => miss(r) > 30).length).toBeGreaterThan(
      clear.filter((r) => miss(r) > 30).length,
    );
  });
});

describe("the seeker examples (clear air and fog, same jammed flight)", async () => {
  const { executeRun } = await import("../../src/engine/execute-run.js");
  const run = async (name: string) => {
    const r = await executeRun(new URL(`../../examples/${name}`, import.meta.url).pathname, {
      sampleDt_s: 1,
    });
    if (r.kind !== "mission") throw new Error("not a mission");
    return r.result;
  };
  const clear = await run("strike-b-seeker.yaml");
  const fog = await run("strike-b-seeker-fog.yaml");

  it("clear air: a lock kilometres out, a sub-metre miss and a high P(damage)", () => {
    const s = clear.summary;
    expect(s.gnss_outage_s).toBeGreaterThan(200);
    expect(s.nav_error_horizontal_m).toBeGreaterThan(50);
    expect(s.seeker_lock_range_m ?? 0).toBeGreaterThan(4000);
    expect(s.miss_m ?? 1e9).toBeLessThan(1);
    expect(s.p_damage ?? 0).toBeGreaterThan(0.99);
    expect(clear.events.some((e) => e.kind === "seeker_lock")).toBe(true);
  });

  it("fog: a late lock at best and a miss of the order of the navigation error", () => {
    const s = fog.summary;
    expect(s.seeker_lock_range_m ?? 0).toBeLessThan(2000);
    expect(s.miss_m ?? 0).toBeGreaterThan(20 * (clear.summary.miss_m ?? 1));
    expect(s.miss_m ?? 0).toBeGreaterThan(0.5 * s.nav_error_horizontal_m);
    expect(s.p_damage ?? 1).toBeLessThan(0.1);
  });
});
