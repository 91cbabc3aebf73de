/**
 * End-to-end studies of the short fixture (12 runs, each well under 0.3 s) on real worker threads
 * loading the TypeScript sources: byte-identical files for 1 and 2 workers and for any batch size,
 * interruption and resume equal to one uninterrupted study, a clean runs.csv, a self-contained
 * report, and the command's exit codes and output.
 */

import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_INTERRUPTED, mcCommand, registerMcCommand } from "../../src/cli/mc-command.js";
import { captureOutput } from "../../src/cli/output.js";
import { RUN_COLUMNS } from "../../src/montecarlo/run-record.js";
import { type MonteCarloResult, runMonteCarlo } from "../../src/montecarlo/runner.js";
import { ScenarioError } from "../../src/scenario/problems.js";

const FIXTURE = "test/montecarlo/fixtures/short-study.yaml";
const FILES = ["summary.json", "runs.csv", "nav-error.csv", "study.json"] as const;
const root = mkdtempSync(join(tmpdir(), "standoff-mc-"));
const dir = (name: string) => join(root, name);
const read = (d: string, f: string) => readFileSync(join(d, f), "utf8");

let one: MonteCarloResult;
let two: MonteCarloResult;

beforeAll(async () => {
  // The reference: one worker, one run per batch.
  one = await runMonteCarlo({ file: FIXTURE, out: dir("one"), workers: 1, batchSize: 1 });
  two = await runMonteCarlo({ file: FIXTURE, out: dir("two"), workers: 2 });
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("a study of the short fixture", () => {
  it("runs the fixture's 12 runs with its study seed and mixed outcomes", () => {
    const s = one.summary;
    expect(one.complete).toBe(true);
    expect(s.study).toMatchObject({
      seed: 2024,
      runsRequested: 12,
      runsCompleted: 12,
      complete: true,
    });
    expect(s.statistics.runs).toBe(12);
    // The fixture is tuned so some runs are shot down and some arrive.
    expect(s.outcomes.arrived).toBeGreaterThan(0);
    expect(s.outcomes.killed).toBeGreaterThan(0);
    expect(s.statistics.kills.bySite.map((k) => k.site)).toEqual(["point defence"]);
    expect(s.funnel.map((f) => f.stage)).toEqual(["released", "midcourse", "terminal", "arrived"]);
    expect(s.funnel[0].runs).toBe(12);
    expect(s.funnel[3].runs).toBe(s.outcomes.arrived);
    expect(s.statistics.cep.cep50_m.estimate).toBeGreaterThan(0);
    expect(s.navigationEnvelope.horizontal.length).toBeGreaterThan(10);
    expect(s.navigationEnvelope.horizontal[0].n).toBe(12);
  });

  it("writes the same bytes with 1 and 2 workers", () => {
    expect(two.workers).toBe(2);
    for (const f of [...FILES, "report.html"])
      expect(read(dir("two"), f)).toBe(read(dir("one"), f));
  });

  it("writes a runs.csv that loads as a clean table", () => {
    const lines = read(dir("one"), "runs.csv").split("\n");
    expect(lines.at(-1)).toBe(""); // ends with a line break
    const rows = lines.slice(0, -1).map((l) => l.split(","));
    const header = rows[0];
    expect(header.slice(0, RUN_COLUMNS.length)).toEqual([...RUN_COLUMNS]);
    expect(header.slice(RUN_COLUMNS.length)).toEqual([
      "launch.heading_deg",
      "launch.alt_m",
      "air_defence.sites[0].lat_deg",
      "air_defence.sites[0].overrides.pk",
      "navigation.baro_sigma_m",
    ]);
    expect(rows).toHaveLength(13);
    const numeric = new Set([
      "run",
      "seed",
      "miss_m",
      "impact_north_m",
      "impact_east_m",
      "end_lat_deg",
      "end_lon_deg",
      "aim_lat_deg",
      "aim_lon_deg",
      "flight_time_s",
      "tot_s",
      "p_damage",
      "nav_error_h_m",
      "nav_error_v_m",
      "gnss_outage_s",
      "fuel_left_kg",
      ...header.slice(RUN_COLUMNS.length),
    ]);
    rows.slice(1).forEach((r, i) => {
      expect(r).toHaveLength(header.length);
      expect(Number(r[0])).toBe(i);
      r.forEach((cell, c) => {
        expect(cell).not.toMatch(/NaN|Infinity|undefined|null/);
        if (numeric.has(header[c]) && cell !== "") expect(Number.isFinite(Number(cell))).toBe(true);
      });
      const arrived = r[header.indexOf("outcome")] === "arrived";
      expect(r[header.indexOf("miss_m")] !== "").toBe(arrived);
      expect(r[header.indexOf("killed_by")] !== "").toBe(r[header.indexOf("outcome")] === "killed");
    });
    const nav = read(dir("one"), "nav-error.csv").trimEnd().split("\n");
    expect(nav).toHaveLength(13);
    expect(new Set(nav.map((l) => l.split(",").length)).size).toBe(1);
  });

  it("writes a self-contained report with the four sections", () => {
    const html = read(dir("one"), "report.html");
    for (const id of ["impact-scatter", "survival-funnel", "navigation-envelopes", "kill-share"]) {
      expect(html).toContain(`<section id="${id}">`);
    }
    expect(html).toContain("Content-Security-Policy");
    expect(html).toContain("not a model of any real weapon");
    expect(html).toMatch(/class="cep50"/);
    expect(html).toMatch(/class="cep90"/);
    expect(html).not.toMatch(/\b(src|href|action|poster)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<script[^>]+src=/i);
  });
});

describe("interruption and resume", () => {
  it("stopped after 5 runs (maxRuns) and resumed, equals one uninterrupted study", async () => {
    const d = dir("partial");
    const first = await runMonteCarlo({
      file: FIXTURE,
      out: d,
      workers: 2,
      batchSize: 3,
      maxRuns: 5,
    });
    expect(first.complete).toBe(false);
    expect(first.completed).toBe(5);
    expect(first.summary.study).toMatchObject({ runsCompleted: 5, complete: false });
    expect(read(d, "runs.csv").trimEnd().split("\n")).toHaveLength(6);
    expect(read(d, "report.html")).toContain("Incomplete study");
    // Named another way: the study keeps the name it started with.
    const rest = await runMonteCarlo({ file: `./${FIXTURE}`, out: d, workers: 1, resume: true });
    expect(rest.complete).toBe(true);
    expect(rest.sessionRuns).toBe(7);
    for (const f of [...FILES, "report.html"]) expect(read(d, f)).toBe(read(dir("one"), f));
  }, 60_000);

  it("drops a row cut short by a hard stop and flies that run again", async () => {
    const d = dir("cut");
    await runMonteCarlo({ file: FIXTURE, out: d, workers: 1, batchSize: 4, maxRuns: 4 });
    // A hard kill mid-write: half of a 5th row in runs.csv, none in nav-error.csv.
    const line = read(dir("one"), "runs.csv").split("\n")[5];
    writeFileSync(join(d, "runs.csv"), read(d, "runs.csv") + line.slice(0, 20));
    const rest = await runMonteCarlo({ file: FIXTURE, out: d, workers: 2, resume: true });
    expect(rest.sessionRuns).toBe(8);
    for (const f of FILES) expect(read(d, f)).toBe(read(dir("one"), f));
  }, 60_000);

  it("refuses to resume a study of another scenario", async () => {
    const d = dir("partial");
    const other = join(root, "other.yaml");
    copyFileSync(FIXTURE, other);
    writeFileSync(other, `${readFileSync(other, "utf8")}# changed\n`);
    await expect(runMonteCarlo({ file: other, out: d, resume: true })).rejects.toThrow(
      /expected the scenario the study was started with/,
    );
    await expect(runMonteCarlo({ file: FIXTURE, out: dir("none"), resume: true })).rejects.toThrow(
      /expected a study folder with study\.json/,
    );
  });
});

describe("standoff mc", () => {
  it("stops on an abort like Ctrl-C (exit 130, runs kept) and --resume finishes it", async () => {
    const d = dir("cli");
    const io = captureOutput();
    const controller = new AbortController();
    const code = await mcCommand(
      FIXTURE,
      {
        out: d,
        workers: 1,
        json: false,
        progress: "lines",
        signal: controller.signal,
        maxRuns: 100,
      },
      {
        out: io.out,
        err: (l) => {
          io.err(l);
          // Abort at the first progress line that reports a completed run.
          if (/^mc: [1-9]/.test(l)) controller.abort();
        },
      },
    );
    expect(code).toBe(EXIT_INTERRUPTED);
    expect(io.stderr.some((l) => /^mc: \d+\/12 runs \(\d+\.\d %\)/.test(l))).toBe(true);
    expect(io.stderr.at(-1)).toMatch(
      /study incomplete: \d+ of 12 runs; continue with: standoff mc .* --resume /,
    );
    const done = JSON.parse(read(d, "summary.json")).study.runsCompleted as number;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(12);

    const json = captureOutput();
    const code2 = await mcCommand(
      FIXTURE,
      { out: "ignored", resume: d, workers: 2, json: true },
      json,
    );
    expect(code2).toBe(0);
    expect(json.stderr).toEqual([]);
    expect(json.stdout).toHaveLength(1);
    expect(`${json.stdout[0]}\n`).toBe(read(dir("one"), "summary.json"));
    expect(read(d, "runs.csv")).toBe(read(dir("one"), "runs.csv"));
  }, 60_000);

  it("prints a readable summary", async () => {
    const io = captureOutput();
    const code = await mcCommand(
      FIXTURE,
      { out: dir("print"), runs: 3, workers: 1, json: false },
      io,
    );
    expect(code).toBe(0);
    const text = io.stdout.join("\n");
    expect(text).toContain("Short study fixture — Monte Carlo study");
    expect(text).toMatch(/P\(arrival\) +\d+\.\d %/);
    expect(text).toMatch(/CEP50 /);
    expect(text).toMatch(/wrote .*summary\.json/);
    expect(io.stderr.at(-1)).toMatch(/^mc: 3\/3 runs \(100\.0 %\)/);
  }, 60_000);

  it("registers with commander: options parsed, JSON on stdout, bad numbers refused", async () => {
    const run = async (args: string[]) => {
      const io = captureOutput();
      let code = -1;
      const program = new Command()
        .exitOverride()
        .configureOutput({ writeOut: (t) => io.out(t), writeErr: (t) => io.err(t) });
      registerMcCommand(program, io, (c) => {
        code = c;
      });
      try {
        await program.parseAsync(args, { from: "user" });
      } catch {
        code = 2;
      }
      return { code, io };
    };
    const ok = await run([
      "mc",
      FIXTURE,
      "--runs",
      "2",
      "-w",
      "1",
      "--seed",
      "2024",
      "-o",
      dir("cmd"),
      "--json",
    ]);
    expect(ok.code).toBe(0);
    const s = JSON.parse(ok.io.stdout.join("\n"));
    expect(s.study).toMatchObject({ seed: 2024, runsRequested: 2, complete: true });
    expect(read(dir("cmd"), "runs.csv")).toBe(
      `${read(dir("one"), "runs.csv").split("\n").slice(0, 3).join("\n")}\n`,
    );
    const bad = await run(["mc", FIXTURE, "--runs", "0"]);
    expect(bad.code).toBe(2);
    expect(bad.io.stderr.join("\n")).toContain(
      'expected a whole number of runs from 1 to 10000000, got "0"',
    );
  }, 60_000);

  it("reports a bad scenario as problem lines, before any run", async () => {
    const bad = join(root, "bad.yaml");
    writeFileSync(
      bad,
      `${readFileSync(FIXTURE, "utf8")}    - { path: launch.speed, dist: normal, sd: 1 }\n`,
    );
    const err = await runMonteCarlo({ file: bad, out: dir("bad") }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as ScenarioError).message).toMatch(
      /bad\.yaml:\d+:1: dispersions\.params\[5\]\.path: expected a path to a number in the scenario, got no key speed at launch/,
    );
  });
});
