import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { drawRun, studySeedOf } from "../../src/montecarlo/run-draws.js";
import {
  dispersedDocument,
  dispersedScenario,
  loadStudyScenario,
  parsePath,
  parseStudyScenarioText,
} from "../../src/scenario/dispersions.js";
import { formatProblem, ScenarioError } from "../../src/scenario/problems.js";

const FIXTURE = "test/montecarlo/fixtures/short-study.yaml";
const TEXT = readFileSync(FIXTURE, "utf8");
/** The fixture without its dispersions block. */
const BASE = TEXT.slice(0, TEXT.indexOf("# Paths with [i]"));

function withBlock(block: string): string {
  return `${BASE}dispersions:\n${block}`;
}

/** The problem lines a text raises (fails the test if it parses). */
function problems(text: string, file = "s.yaml"): string[] {
  try {
    parseStudyScenarioText(text, file);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    return e.problems.map(formatProblem);
  }
  throw new Error("expected a ScenarioError");
}

describe("dispersions block", () => {
  it("parses the fixture: paths, nominal values (from the file or the schema default)", () => {
    const s = loadStudyScenario(FIXTURE);
    expect(s.base.kind).toBe("mission");
    expect(s.dispersions.study_seed).toBe(2024);
    expect(s.dispersions.runs).toBe(12);
    expect(s.params.map((p) => [p.param.path, p.nominal])).toEqual([
      ["launch.heading_deg", 90],
      ["launch.alt_m", 7000],
      ["air_defence.sites[0].lat_deg", 0.03],
      ["air_defence.sites[0].overrides.pk", 0.15],
      // Not in the file: the schema's default.
      ["navigation.baro_sigma_m", 15],
    ]);
    expect(s.document).not.toHaveProperty("dispersions");
    expect(s.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(studySeedOf(s)).toBe(2024);
    expect(studySeedOf(s, 5)).toBe(5);
  });

  it("is optional: a scenario without one is a study of seeds only", () => {
    const s = parseStudyScenarioText(BASE, "s.yaml");
    expect(s.params).toEqual([]);
    expect(studySeedOf(s)).toBe(11); // the scenario's seed
    const d = drawRun(s, 11, 3);
    expect(dispersedScenario(s, d)).toEqual({ ...s.base, seed: d.seed });
  });

  it("takes mission scenarios only", () => {
    expect(() => loadStudyScenario("test/fixtures/minimal-body.yaml")).toThrow(
      'test/fixtures/minimal-body.yaml: kind: expected mission (a Monte Carlo study flies one missile), got "body"',
    );
  });

  it("splits paths with list indices", () => {
    expect(parsePath("air_defence.sites[0].lat_deg")).toEqual([
      "air_defence",
      "sites",
      0,
      "lat_deg",
    ]);
    expect(parsePath("a[2][3].b")).toEqual(["a", 2, 3, "b"]);
  });

  it("names file, line, path, expected and got for bad entries, one line each", () => {
    const lines = problems(
      withBlock(
        [
          "  params:",
          "    - { path: launch.heading, dist: normal, sd: 2 }",
          "    - { path: launch.platform, dist: normal, sd: 2 }",
          "    - { path: seed, dist: normal, sd: 2 }",
          '    - { path: "environment.jammers[3].eirp_w", dist: normal, sd: 1 }',
          "    - { path: route.waypoints, dist: normal, sd: 1 }",
          "",
        ].join("\n"),
      ),
    );
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(
      /^s\.yaml:\d+:1: dispersions\.params\[0\]\.path: expected a path to a number in the scenario, got no key heading at launch \(its keys: .*heading_deg/,
    );
    expect(lines[1]).toContain('got "F-16-class aircraft" at launch.platform');
    expect(lines[2]).toContain("expected a parameter other than seed");
    expect(lines[3]).toContain("environment.jammers has 1 item, no [3]");
    expect(lines[4]).toContain("got a list of 1 item at route.waypoints");
    for (const l of lines) expect(l).not.toMatch(/\n|at .*\.ts:/);
  });

  it("refuses terrain paths, duplicates, min > max, unknown distributions and bad syntax", () => {
    const lines = problems(
      withBlock(
        [
          "  params:",
          "    - { path: launch.mach, dist: lognormal, sd: 1 }",
          '    - { path: "launch..mach", dist: normal, sd: 1 }',
          "    - { path: launch.lat_deg, dist: normal, sd: -1 }",
          "",
        ].join("\n"),
      ),
    );
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^s\.yaml:\d+:\d+: dispersions\.params\[0\]\.dist: expected one of "normal", "uniform", "normal_relative", got "lognormal"$/,
    );
    expect(lines[1]).toContain("dispersions.params[1].path: expected a dotted path");
    expect(lines[2]).toContain("dispersions.params[2].sd: expected a number ≥ 0, got -1");
    // Checks across entries run once every entry is well formed.
    const cross = problems(
      withBlock(
        [
          "  params:",
          "    - { path: launch.heading_deg, dist: normal, sd: 2 }",
          "    - { path: launch.heading_deg, dist: normal, sd: 3 }",
          "    - { path: launch.alt_m, dist: uniform, min: 8000, max: 6000 }",
          "",
        ].join("\n"),
      ),
    );
    expect(cross).toHaveLength(2);
    expect(cross[0]).toContain(
      "dispersions.params[1].path: expected a path not dispersed twice, got launch.heading_deg, already dispersed by params[0]",
    );
    expect(cross[1]).toContain(
      "dispersions.params[2].max: expected a number ≥ min (8000), got 6000",
    );
    const terrain = problems(
      withBlock("  params:\n    - { path: environment.terrain.seed, dist: normal, sd: 1 }\n"),
    );
    expect(terrain[0]).toContain("terrain is loaded once per study, not dispersed");
  });

  it("keeps the file's line numbers for scenario errors after the block", () => {
    const text = TEXT.replace("  max_time_s: 600", "  max_time_s: -5");
    const block = `dispersions:\n  params:\n    - { path: launch.heading_deg, dist: normal, sd: 2 }\n`;
    // Put the block before the broken line, so stripping it must not shift line numbers.
    const moved = text
      .replace(/# Paths with[\s\S]*$/, "")
      .replace("simulation:", `${block}simulation:`);
    const line = moved.split("\n").findIndex((l) => l.includes("max_time_s: -5")) + 1;
    const lines = problems(moved);
    expect(lines).toEqual([
      `s.yaml:${line}:15: simulation.max_time_s: expected a number > 0, got -5`,
    ]);
  });

  it("reads JSON scenarios with a dispersions member", () => {
    const yaml = parseStudyScenarioText(BASE, "s.yaml");
    const doc = {
      ...yaml.document,
      dispersions: { params: [{ path: "launch.mach", dist: "normal", sd: 0.01 }] },
    };
    const s = parseStudyScenarioText(JSON.stringify(doc, null, 2), "s.json");
    expect(s.params.map((p) => p.param.path)).toEqual(["launch.mach"]);
    // Last member too (the comma before it goes).
    const { dispersions, ...rest } = doc;
    const last = parseStudyScenarioText(JSON.stringify({ ...rest, dispersions }), "s.json");
    expect(last.params).toHaveLength(1);
  });
});

describe("per-run draws", () => {
  const study = loadStudyScenario(FIXTURE);

  it("are a pure function of the study seed and the run index", () => {
    const a = drawRun(study, 2024, 7);
    expect(drawRun(study, 2024, 7)).toEqual(a);
    expect(drawRun(study, 2024, 8).seed).not.toBe(a.seed);
    expect(drawRun(study, 2025, 7).seed).not.toBe(a.seed);
    expect(Number.isSafeInteger(a.seed) && a.seed >= 0).toBe(true);
  });

  it("give each parameter its own stream: removing one leaves the others' draws alone", () => {
    const fewer = parseStudyScenarioText(
      TEXT.replace(/\n {4}- \{ path: launch\.alt_m[^\n]*/, ""),
      "s.yaml",
    );
    const all = drawRun(study, 2024, 3);
    const some = drawRun(fewer, 2024, 3);
    expect(some.seed).toBe(all.seed);
    expect(some.values).toEqual([all.values[0], ...all.values.slice(2)]);
  });

  it("follow their distributions", () => {
    const n = 4000;
    const heading: number[] = [];
    const alt: number[] = [];
    const baro: number[] = [];
    for (let i = 0; i < n; i++) {
      const d = drawRun(study, 1, i);
      heading.push(d.values[0]);
      alt.push(d.values[1]);
      baro.push(d.values[4]);
    }
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const sd = (v: number[]) => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2)));
    expect(mean(heading)).toBeCloseTo(90, 0);
    expect(sd(heading)).toBeGreaterThan(1.9);
    expect(sd(heading)).toBeLessThan(2.1);
    expect(Math.min(...alt)).toBeGreaterThanOrEqual(6000);
    expect(Math.max(...alt)).toBeLessThan(8000);
    expect(mean(alt)).toBeGreaterThan(6950);
    expect(mean(alt)).toBeLessThan(7050);
    expect(sd(baro) / 15).toBeGreaterThan(0.19);
    expect(sd(baro) / 15).toBeLessThan(0.21);
  });

  it("set the seed and the values in a copy of the document, creating defaulted keys", () => {
    const d = drawRun(study, 2024, 0);
    const doc = dispersedDocument(study, d) as {
      seed: number;
      launch: { heading_deg: number };
      navigation: { baro_sigma_m: number; mode: string };
      air_defence: { sites: { lat_deg: number; overrides: { pk: number } }[] };
    };
    expect(doc.seed).toBe(d.seed);
    expect(doc.launch.heading_deg).toBe(d.values[0]);
    expect(doc.air_defence.sites[0].lat_deg).toBe(d.values[2]);
    expect(doc.air_defence.sites[0].overrides.pk).toBe(d.values[3]);
    expect(doc.navigation).toEqual({
      mode: "gnss_ins",
      imu: "tactical",
      baro_sigma_m: d.values[4],
    });
    // The study's own document is untouched.
    expect((study.document.launch as { heading_deg: number }).heading_deg).toBe(90);
    const s = dispersedScenario(study, d);
    expect(s.seed).toBe(d.seed);
    expect(s.launch.heading_deg).toBe(d.values[0]);
  });

  it("report a draw outside the schema's range as a bad dispersion naming the parameter", () => {
    const wide = parseStudyScenarioText(
      withBlock("  params:\n    - { path: launch.mach, dist: normal, sd: 5 }\n"),
      "wide.yaml",
    );
    let err: ScenarioError | null = null;
    for (let i = 0; i < 50 && !err; i++) {
      try {
        dispersedScenario(wide, drawRun(wide, 1, i));
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e;
        err = e;
      }
    }
    expect(err).not.toBeNull();
    const line = formatProblem(err!.problems[0]);
    expect(line).toMatch(
      /^wide\.yaml:\d+:1: dispersions\.params\[0\] \(launch\.mach\): expected draws within the scenario's range: a number (>|≤) -?[\d.]+, got -?[\d.e-]+ in run \d+$/,
    );
  });
});
