/**
 * What people read in the reports says what happened, in words: a clean hit is not "lost", a run
 * in fog does not claim "no weather", no code name leaks into the text, an empty statistic says
 * so instead of showing an interval over nothing, and an offset reads "0.95 m W", not
 * "-0.9468 m E".
 */

import { describe, expect, it } from "vitest";
import { SampleTable } from "../../src/core/sample-table.js";
import { wilsonInterval } from "../../src/core/wilson.js";
import { executeScenario } from "../../src/engine/execute-run.js";
import { missionReportInput } from "../../src/io/mission-outputs.js";
import type { QuantileEstimate } from "../../src/montecarlo/quantile-sketch.js";
import type { McSummaryDoc } from "../../src/montecarlo/summary-doc.js";
import {
  EAST_WEST,
  formatMetres,
  formatNorthEast,
  formatOffset,
  formatProportion,
  NORTH_SOUTH,
  UP_DOWN,
} from "../../src/report/format.js";
import { renderReport } from "../../src/report/html-report.js";
import {
  type ModelledRun,
  missionLimitations,
  modelledRunOf,
  planNotes,
  salvoLimitations,
} from "../../src/report/limitations.js";
import { renderMcReport, studyLimitations } from "../../src/report/mc-report.js";
import { loadScenarioFile } from "../../src/scenario/load.js";
import type { MissionScenario } from "../../src/scenario/mission-schema.js";

const example = (name: string) => new URL(`../../examples/${name}`, import.meta.url).pathname;
const mission = (name: string) => loadScenarioFile(example(name)) as MissionScenario;

/** The text a person sees: no scripts, styles, tags or <code> (code there is meant as code). */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style|code|title)[^>]*>[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");
}

/** camelCase or snake_case identifiers, the way code names look. */
const CODE_NAME = /\b[a-z]+(?:[A-Z][a-z0-9]*)+\b|\b[a-z]+_[a-z_]+\b/g;

describe("signed offsets with direction words", () => {
  it("reads -0.9468 m east as 0.95 m W, never with a minus sign", () => {
    expect(formatOffset(-0.9468, EAST_WEST)).toBe("0.95 m W");
    expect(formatOffset(3.2, NORTH_SOUTH)).toBe("3.20 m N");
    expect(formatOffset(-1234.4, NORTH_SOUTH)).toBe("1,234 m S");
    expect(formatOffset(-12.34, UP_DOWN)).toBe("12.3 m down");
    expect(formatNorthEast(-0.5, -0.9468)).toBe("0.50 m S, 0.95 m W");
  });

  it("gives an offset that rounds to zero no direction", () => {
    expect(formatOffset(-0.001, EAST_WEST)).toBe("0.00 m");
    expect(formatOffset(0, NORTH_SOUTH)).toBe("0.00 m");
  });

  it("keeps the size and flips only the word with the sign, for any offset", () => {
    for (let k = 0; k < 500; k++) {
      const v = (Math.random() - 0.5) * 10 ** (Math.random() * 8 - 3);
      const text = formatOffset(v, EAST_WEST);
      expect(text).not.toMatch(/[-−]/);
      const size = Number(text.split(" ")[0].replace(/,/g, ""));
      if (size === 0) continue;
      expect(text.endsWith(v > 0 ? " E" : " W")).toBe(true);
      // Two decimals below 10 m, one below 100, whole metres above: within half a last digit.
      const step = Math.abs(v) < 9.995 ? 0.01 : Math.abs(v) < 99.95 ? 0.1 : 1;
      expect(Math.abs(size - Math.abs(v))).toBeLessThanOrEqual(step / 2 + 1e-9);
      expect(formatMetres(v)).toBe(text.split(" ")[0]);
    }
  });
});

describe("proportions over nothing", () => {
  it("say 'no runs' (or the given words) instead of [0.0 %, 100.0 %]", () => {
    expect(formatProportion(wilsonInterval(0, 0, 0.95))).toBe("no runs");
    expect(formatProportion(wilsonInterval(0, 0, 0.95), "no kills")).toBe("no kills");
    expect(formatProportion(wilsonInterval(3, 10, 0.95))).toMatch(
      /^30\.0 % \[\d+\.\d %, \d+\.\d %\]$/,
    );
  });
});

/** A quantile estimate over n misses (null without any). */
function quantile(q: number, n: number, value: number): QuantileEstimate {
  return {
    q,
    n,
    estimate: n > 0 ? value : null,
    lower: n > 4 ? value * 0.8 : null,
    upper: n > 4 ? value * 1.25 : null,
    lowerRank: null,
    upperRank: null,
    confidence: 0.95,
    coverage: null,
  };
}

/** A study summary: `runs` runs, `arrived` of them arrived, `kills` shot down by "long-range SAM". */
function studyDoc(runs: number, arrived: number, kills: number, scored: number): McSummaryDoc {
  const c = 0.95;
  const sites = kills > 0 ? ["long-range SAM"] : [];
  return {
    format: "standoff-mc-summary",
    version: 1,
    generator: "standoff test",
    scenario: { file: "study.yaml", name: "wording study", sha256: "0".repeat(64) },
    study: {
      seed: 1,
      runsRequested: runs,
      runsCompleted: runs,
      complete: true,
      sampleDt_s: 1,
      dispersions: [],
    },
    damageModel: {
      function: "Carleton",
      defaultTargetClass: "light-structure",
      rx_m: 15,
      ry_m: 12,
      d0: 1,
      note: "Runs that arrive are scored with the scenario's own damage model when the simulation gives one (damageScoredByScenario), else with the default.",
    },
    sites: ["point defence", ...sites],
    nominal: {
      seed: 1,
      status: "ground_impact",
      outcome: "arrived",
      miss_m: 0.4,
      flightTime_s: 100,
      pDamage: 1,
    },
    statistics: {
      runs,
      confidence: c,
      arrival: wilsonInterval(arrived, runs, c),
      damage: wilsonInterval(arrived * 0.9, runs, c),
      cep: {
        n: arrived,
        exact: true,
        relativeAccuracy: 0,
        cep50_m: quantile(0.5, arrived, 1.2),
        cep90_m: quantile(0.9, arrived, 2.5),
        minMiss_m: arrived > 0 ? 0.1 : null,
        maxMiss_m: arrived > 0 ? 3 : null,
      },
      meanPointOfImpact: {
        n: arrived,
        north_m: arrived > 0 ? 0.31 : null,
        east_m: arrived > 0 ? -0.9468 : null,
        sdNorth_m: arrived > 1 ? 1.1 : null,
        sdEast_m: arrived > 1 ? 0.8 : null,
        covNorthEast_m2: arrived > 1 ? 0.1 : null,
      },
      timeOnTarget: {
        n: arrived,
        min_s: arrived > 0 ? 99 : null,
        max_s: arrived > 0 ? 101 : null,
        spread_s: arrived > 0 ? 2 : null,
        mean_s: arrived > 0 ? 100 : null,
        sd_s: arrived > 1 ? 0.5 : null,
      },
      kills: {
        total: kills,
        bySite:
          kills > 0
            ? [
                {
                  site: "long-range SAM",
                  kills,
                  pKill: wilsonInterval(kills, runs, c),
                  shareOfKills: wilsonInterval(kills, kills, c),
                },
              ]
            : [],
      },
    },
    outcomes: { arrived, killed: kills, crashed: 0, timeout: runs - arrived - kills, failed: 0 },
    funnel: [
      { stage: "released", runs },
      { stage: "midcourse", runs },
      { stage: "terminal", runs: arrived },
      { stage: "arrived", runs: arrived },
    ],
    losses:
      runs - arrived - kills > 0
        ? [{ phase: "midcourse", outcome: "timeout", runs: runs - arrived - kills }]
        : [],
    damageScoredByScenario: scored,
    navigationEnvelope: { step_s: 10, relativeAccuracy: 0, horizontal: [], vertical: [] },
  };
}

const LAYERED: ModelledRun = modelledRunOf(mission("layered-defence.yaml"));

function mcHtml(doc: McSummaryDoc, modelled: ModelledRun = LAYERED): string {
  const n = doc.statistics.meanPointOfImpact.n;
  return renderMcReport({
    summary: doc,
    scatter: { north_m: new Float64Array(n).fill(0.3), east_m: new Float64Array(n).fill(-0.9) },
    modelled,
  });
}

describe("the Monte Carlo report's words", () => {
  it("shows the mean impact as a size and a direction word", () => {
    const text = visibleText(mcHtml(studyDoc(20, 20, 0, 20)));
    expect(text).toContain("0.31 m N, 0.95 m W");
    expect(text).not.toContain("-0.9468");
    expect(text).not.toMatch(/-\d[\d.]* m [NE]\b/);
  });

  it("says 'no kills' when nothing was shot down, not an interval over zero kills", () => {
    const text = visibleText(mcHtml(studyDoc(20, 20, 0, 20)));
    expect(text).toContain("no kills");
    expect(text).not.toContain("all 0 kills");
    expect(text).not.toContain("[0.0 %, 100.0 %]");
  });

  it("with no runs at all, shows no interval anywhere", () => {
    const text = visibleText(mcHtml(studyDoc(0, 0, 0, 0)));
    expect(text).not.toContain("[0.0 %, 100.0 %]");
    expect(text).toContain("no runs");
    expect(text).toContain("no run arrived");
    expect(text).toContain("no impacts");
  });

  it("keeps an interval where there is a sample", () => {
    const text = visibleText(mcHtml(studyDoc(20, 12, 5, 12)));
    expect(text).toMatch(/share of all 5 kills/);
    expect(text).toMatch(/100\.0 % \[\d+\.\d %, 100\.0 %\]/);
    expect(text).toContain("still flying at the time limit");
  });

  it("leaks no code name into the text a person reads", () => {
    for (const doc of [studyDoc(20, 20, 0, 20), studyDoc(20, 15, 5, 0), studyDoc(0, 0, 0, 0)]) {
      const found = visibleText(mcHtml(doc)).match(CODE_NAME) ?? [];
      expect(found).toEqual([]);
    }
  });

  it("says how damage was scored from what the runs did", () => {
    const own = visibleText(mcHtml(studyDoc(20, 20, 0, 20)));
    expect(own).toContain("with the Carleton function of the scenario's target class");
    const fallback = visibleText(mcHtml(studyDoc(20, 20, 0, 0)));
    expect(fallback).toContain("the notional light structure Carleton function");
  });
});

describe("limitations written from what the run modelled", () => {
  const fog = modelledRunOf(mission("strike-b-seeker-fog.yaml"));
  const high = modelledRunOf(mission("strike-a-high.yaml"));

  it("a run in fog says where its weather acts, never 'no weather'", () => {
    const text = missionLimitations(fog).join(" ");
    expect(fog.weather).not.toBeNull();
    expect(text).not.toMatch(/no weather/i);
    expect(text).toContain("0.5 km visibility in radiation fog");
    expect(text).toContain("statistical imaging-IR");
    expect(text).toMatch(/GNSS jamming \(one jammer\)/);
  });

  it("a run against an air defence describes it; one without says it has none", () => {
    const defended = missionLimitations(LAYERED).join(" ");
    expect(defended).toMatch(/The air defence \(.*SAM sites?\) is notional/);
    expect(defended).not.toMatch(/no air defence/i);
    expect(defended).toContain("elevation grid");
    const open = missionLimitations(high).join(" ");
    expect(open).toContain("The scenario has no air defence");
    expect(open).toContain("flat");
    expect(open).toContain("no seeker");
    expect(open).not.toContain("imaging-IR sensor model");
  });

  it("perfect navigation explains that jammers have no effect, and weather without a seeker none", () => {
    const m: ModelledRun = {
      ...high,
      jammers: 2,
      weather: { visibility_km: 1, rain_mmph: 2, cloudBase_m: null, fogType: "advection" },
    };
    const text = missionLimitations(m).join(" ");
    expect(text).toContain("2 GNSS jammers have no effect".replace("2", "two"));
    expect(text).toContain("has no effect on this run");
  });

  it("a study's list depends on its scenario: no terrain line without terrain, no envelope line with perfect navigation", () => {
    const doc = studyDoc(20, 20, 0, 0);
    const layered = studyLimitations(LAYERED, doc).join(" ");
    expect(layered).toContain("Terrain is not dispersed");
    expect(layered).toContain("the air defence's detections and shots");
    const plain = studyLimitations(high, doc).join(" ");
    expect(plain).not.toContain("Terrain is not dispersed");
    expect(plain).toContain("envelopes are zero");
    expect(plain).toContain("every run flies the same flight");
    expect(plain).not.toMatch(/IMU|seeker's|wind draws/);
  });

  it("the study report lists each flight's limitations too", () => {
    const text = visibleText(mcHtml(studyDoc(20, 20, 0, 20), fog));
    expect(text).toContain("0.5 km visibility in radiation fog");
    expect(text).not.toMatch(/no weather/i);
  });

  it("salvo and plan notes follow the air defence", () => {
    const salvo = salvoLimitations(high).join(" ");
    expect(salvo).toContain("no air defence");
    expect(salvo).not.toContain("can be saturated");
    expect(salvo).not.toMatch(CODE_NAME);
    expect(salvoLimitations(LAYERED).join(" ")).toContain("one world against one air defence");
    const none = planNotes({ defence: false, terrain: false, noFlyAreas: 0 }).join(" ");
    expect(none).toContain("no air defence");
    expect(none).not.toContain("No-fly areas");
    const full = planNotes({ defence: true, terrain: true, noFlyAreas: 1 }).join(" ");
    expect(full).toContain("viewshed masking");
    expect(full).toContain("No-fly areas");
  });
});

describe("the mission report's labels", () => {
  it("names events and site kinds in words, in the events table and on the map", () => {
    const samples = new SampleTable(
      ["t_s", "lat_deg", "lon_deg", "alt_m", "mach", "fuel_kg", "thrust_n", "phase"],
      2,
    );
    samples.push([0, 10, 20, 5000, 0.8, 100, 1000, 0]);
    samples.push([100, 10.1, 20.2, 100, 0.8, 90, 1000, 0]);
    const html = renderReport({
      title: "labels",
      scenarioFile: "labels.yaml",
      generator: "standoff test",
      samples,
      phaseNames: ["midcourse"],
      events: [
        { t_s: 50, kind: "track_lost", message: "long-range SAM lost the track at 38.8 km" },
        { t_s: 90, kind: "seeker_lock", message: "seeker locked on at 6810 m" },
      ],
      summary: [],
      launch: { name: "release", lat_deg: 10, lon_deg: 20, alt_m: 5000 },
      waypoints: [],
      aimpoint: { name: "aimpoint", lat_deg: 10.1, lon_deg: 20.2, alt_m: 0 },
      limitations: [],
      map: {
        terrain: null,
        track: { lat_deg: [10, 10.1], lon_deg: [20, 20.2] },
        sites: [
          { name: "site A", lat_deg: 10.05, lon_deg: 20.1, kind: "long-range-sam", rings_m: [] },
        ],
        events: [
          { kind: "track_lost", lat_deg: 10.05, lon_deg: 20.1, t_s: 50, label: "lost the track" },
        ],
        points: [],
      },
    });
    const text = visibleText(html.replace(/<title>[\s\S]*?<\/title>/g, " "));
    expect(text).toContain("track lost");
    expect(text).toContain("seeker lock");
    expect(text).toContain("site A (long range SAM)");
    expect(text.match(CODE_NAME) ?? []).toEqual([]);
  });
});

describe("the mission report's limitations", () => {
  it("a flight in fog never says 'no weather', whether or not the caller says what it modelled", () => {
    const file = example("strike-b-seeker-fog.yaml");
    const s = mission("strike-b-seeker-fog.yaml");
    const run = executeScenario(s, file, { sampleDt_s: 1 }, null);
    if (run.kind !== "mission") throw new Error("expected a mission");
    for (const world of [
      { defence: null, viewsheds: null, modelled: modelledRunOf(s) },
      { defence: null, viewsheds: null },
    ]) {
      const input = missionReportInput(file, run.params, run.result, "standoff test", world);
      const text = input.limitations.join(" ");
      expect(text).not.toMatch(/no weather/i);
      expect(text).toContain("seeker's infrared line of sight");
      expect(text).toContain("GPS/INS");
      expect(text).toContain("no air defence");
    }
  });
});

describe("seeker state at impact", () => {
  const file = example("strike-b-seeker.yaml");
  const fly = (s: MissionScenario) => {
    const run = executeScenario(s, file, { sampleDt_s: 1 }, null);
    if (run.kind !== "mission") throw new Error("expected a mission");
    return run.result;
  };

  it("a clean hit whose lock held into the blind range reads 'locked (blind range)', not 'lost'", () => {
    const r = fly(mission("strike-b-seeker.yaml"));
    expect(r.summary.miss_m).toBeLessThan(1);
    expect(r.summary.seeker_at_impact).toBe("locked (blind range)");
    const lost = r.events.filter((e) => e.kind === "seeker_lost");
    for (const e of lost) {
      expect(e.message).toContain("blind range");
      expect(e.message).not.toMatch(/\((fov|gimbal|range|cloud|random)\)/);
    }
  });

  it("a lock lost outside the blind range and never regained reads 'lost'", () => {
    // A seeker that drops its lock three times a second on average: with seed 6 the last loss
    // comes 1.7 km out and the target is not reacquired.
    const s = mission("strike-b-seeker.yaml");
    const seeker = s.terminal?.seeker;
    if (!s.terminal || !seeker) throw new Error("expected a seeker");
    const r = fly({
      ...s,
      seed: 6,
      terminal: { ...s.terminal, seeker: { ...seeker, overrides: { lock_loss_per_s: 3 } } },
    });
    const last = r.events.filter((e) => e.kind.startsWith("seeker_")).at(-1);
    expect(last?.kind).toBe("seeker_lost");
    expect(Number(last?.data?.range_m)).toBeGreaterThan(100);
    expect(last?.message).toMatch(/^seeker lost lock \d+ m out \(random loss\)$/);
    expect(r.summary.seeker_at_impact).toBe("lost");
  });
});
