/**
 * What the commands write and print (issue 15, items 6, 7, 8 and 12): a body run's summary and
 * report, no impact figures without an impact, output folders written whole with stale outputs
 * replaced, and the stage display.
 */

import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { mcCommand } from "../../src/cli/mc-command.js";
import { captureOutput } from "../../src/cli/output.js";
import { runCommand } from "../../src/cli/run-command.js";
import { executeRun } from "../../src/engine/execute-run.js";
import { reportedMissionSummary } from "../../src/io/mission-outputs.js";
import { writeOutputFolder } from "../../src/io/output-folder.js";

const tmp = mkdtempSync(join(tmpdir(), "standoff-outputs-"));
const example = (n: string) => new URL(`../../examples/${n}.yaml`, import.meta.url).pathname;
const store = example("released-store");

/** The A-class strike stopped after 60 s of flight: a mission that ends without an impact. */
const timeoutMission = join(tmp, "timeout.yaml");
writeFileSync(
  timeoutMission,
  `${readFileSync(example("strike-a-high"), "utf8")}\nsimulation: { max_time_s: 60 }\n`,
);

/** A fresh folder under tmp. */
let folders = 0;
function folder(): string {
  return join(tmp, `out-${++folders}`);
}

async function run(args: string[]) {
  const io = captureOutput();
  const code = await main(args, io);
  return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
}

const ls = (dir: string) => readdirSync(dir).sort();

describe("a body run", () => {
  it("prints and writes its highest Mach and altitude range, never NaN, and writes a report", async () => {
    const out = folder();
    const r = await run(["run", store, "--out", out]);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/NaN|Infinity|-0\.0\b/);
    expect(r.out).toMatch(/Mach 1\.179 \(max 1\.179\)/);
    expect(r.out).toMatch(/altitude {5}0\.0 to 7620\.0 m/);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.max_mach).toBeCloseTo(1.1789, 3);
    expect(summary.min_alt_m).toBeCloseTo(0, 3);
    expect(summary.max_alt_m).toBe(7620);
    expect(ls(out)).toEqual(["events.json", "report.html", "summary.json", "trajectory.csv"]);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain("Notional store released at 25,000 ft");
    for (const id of ["altitude", "speed", "mach", "rates", "attitude", "aero-angles"]) {
      expect(html).toContain(`id="chart-${id}"`);
    }
    expect(html).toContain("highest Mach");
  });

  it("that fails still writes every output for the part that ran", async () => {
    // Thrown upward out of the atmosphere model (as in run.test.ts): a failure after 0.5 s.
    const text = readFileSync(new URL("../fixtures/minimal-body.yaml", import.meta.url), "utf8")
      .replace("alt_m: 1000", "alt_m: 85000")
      .replace(
        "velocity_ned_mps: { n: 0, e: 0, d: 0 }",
        "velocity_ned_mps: { n: 0, e: 0, d: -2000 }",
      );
    const file = join(tmp, "escape.yaml");
    writeFileSync(file, text);
    const out = folder();
    const r = await run(["run", file, "--out", out, "--json"]);
    expect(r.code).toBe(1);
    expect(ls(out)).toEqual(["events.json", "report.html", "summary.json", "trajectory.csv"]);
    const s = JSON.parse(r.out);
    expect(s.status).toBe("failed");
    expect(s.files).toHaveLength(4);
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain(
      "outside the atmosphere model",
    );
  });
});

describe("a flight without an impact", () => {
  it("prints 'no impact' and writes no impact figures anywhere", async () => {
    const out = folder();
    const r = await run(["run", timeoutMission, "--out", out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/outcome +timeout/);
    expect(r.out).toMatch(/impact +no impact \(timeout\)/);
    expect(r.out).not.toContain("miss distance");
    expect(r.out).not.toContain("below the horizon");
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    for (const k of [
      "miss_m",
      "impact_speed_mps",
      "impact_angle_deg",
      "impact_lat_deg",
      "impact_lon_deg",
      "p_damage",
    ]) {
      expect(summary[k], k).toBeNull();
    }
    const html = readFileSync(join(out, "report.html"), "utf8");
    const table = html.slice(html.indexOf('<table class="summary">'), html.indexOf("</table>"));
    expect(table).not.toContain("impact speed");
    expect(table).not.toContain("miss distance");
    expect(table).toContain("none: the flight did not reach the ground");

    const j = await run(["run", timeoutMission, "--out", folder(), "--json"]);
    const s = JSON.parse(j.out);
    expect(s.status).toBe("timeout");
    expect(s.miss_m).toBeNull();
    expect(s.impact_speed_mps).toBeNull();
  });

  it("keeps impact figures only for a ground impact, whatever else ended the flight", async () => {
    const run = await executeRun(timeoutMission, { sampleDt_s: 1 });
    if (run.kind !== "mission") throw new Error("expected a mission");
    const s = run.result.summary;
    for (const status of ["killed", "failed", "timeout"] as const) {
      const r = reportedMissionSummary({ ...s, status, miss_m: 12, p_damage: 0.5 });
      expect(r.miss_m, status).toBeNull();
      expect(r.impact_speed_mps, status).toBeNull();
      expect(r.p_damage, status).toBeNull();
      expect(r.flight_time_s).toBe(s.flight_time_s);
    }
    const hit = reportedMissionSummary({ ...s, status: "ground_impact", miss_m: 12 });
    expect(hit.miss_m).toBe(12);
    expect(hit.impact_speed_mps).toBe(s.impact_speed_mps);
  });
});

describe("output folders", () => {
  it("replace an earlier run's outputs and list those no new file replaces", async () => {
    const out = folder();
    expect((await run(["run", timeoutMission, "--out", out])).code).toBe(0);
    expect(ls(out)).toContain("trajectory.czml");
    const body = await run(["run", store, "--out", out]);
    expect(body.code).toBe(0);
    expect(ls(out)).toEqual(["events.json", "report.html", "summary.json", "trajectory.csv"]);
    expect(body.out).toContain(
      `removed      ${join(out, "trajectory.czml")}, ${join(out, "trajectory.geojson")} (outputs of an earlier run)`,
    );
    const reach = await run([
      ...["reach", example("strike-a-high"), "--out", out, "--json"],
      ...["--azimuth-step", "90", "--alt-m", "7620", "--mach", "0.8"],
    ]);
    expect(reach.code).toBe(0);
    expect(ls(out)).toEqual(["reach.geojson", "reach.json"]);
    expect(JSON.parse(reach.out).removed).toHaveLength(4);
  });

  it("remove an earlier salvo's missile folders, and leave hidden files and other folders", async () => {
    const out = folder();
    mkdirSync(join(out, "v1-a"), { recursive: true });
    mkdirSync(join(out, "mc"));
    const salvo = { missiles: [{ folder: "v1-a" }, { folder: "../escape" }] };
    writeFileSync(join(out, "salvo.json"), JSON.stringify(salvo));
    writeFileSync(join(out, "salvo.czml"), "[]");
    writeFileSync(join(out, "v1-a", "trajectory.csv"), "t_s\n0\n");
    writeFileSync(join(out, "v1-a", "report.html"), "<p>old</p>");
    writeFileSync(join(out, "mc", "study.json"), "{}");
    writeFileSync(join(out, ".keep"), "");
    const r = await run(["run", store, "--out", out]);
    expect(r.code).toBe(0);
    expect(ls(out)).toEqual([
      ".keep",
      "events.json",
      "mc",
      "report.html",
      "summary.json",
      "trajectory.csv",
    ]);
    expect(existsSync(join(out, "mc", "study.json"))).toBe(true);
    expect(r.out).toMatch(/removed .*salvo\.czml, .*salvo\.json, .*v1-a\//);
  });

  it("are refused, before anything runs, when they hold files standoff did not write", async () => {
    const out = folder();
    mkdirSync(join(out, "v1-a"), { recursive: true });
    writeFileSync(join(out, "salvo.json"), JSON.stringify({ missiles: [{ folder: "v1-a" }] }));
    writeFileSync(join(out, "v1-a", "notes.md"), "mine");
    writeFileSync(join(out, "notes.txt"), "mine");
    writeFileSync(join(out, "trajectory.csv"), "old");
    const before = ls(out);
    for (const args of [
      ["run", store],
      ["plan", example("strike-a-high")],
      ["reach", example("strike-a-high")],
      ["mc", example("strike-a-high"), "--runs", "2"],
    ]) {
      const r = await run([...args, "--out", out]);
      expect(r.code, args[0]).toBe(1);
      expect(r.err).toContain(`--out ${out}: expected a folder that is empty or holds only`);
      expect(r.err).toContain("2 files standoff did not write: notes.txt, v1-a/notes.md");
      expect(ls(out)).toEqual(before);
      expect(readFileSync(join(out, "trajectory.csv"), "utf8")).toBe("old");
    }
    const file = join(out, "notes.txt");
    const r = await run(["run", store, "--out", file]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`standoff: --out ${file}: expected a folder, got a file`);
  });

  it("stay as they were when writing fails half-way, with no staging folder left behind", () => {
    const parent = folder();
    const out = join(parent, "out");
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "summary.json"), "old");
    // A staging folder a killed process left (no process has this id).
    mkdirSync(join(parent, ".out.standoff-999999999-abc123"));
    expect(() =>
      writeOutputFolder(out, (dir) => {
        writeFileSync(join(dir, "trajectory.csv"), "new");
        throw new Error("disk full");
      }),
    ).toThrow("disk full");
    expect(ls(out)).toEqual(["summary.json"]);
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe("old");
    expect(ls(parent)).toEqual(["out"]);

    const w = writeOutputFolder(join(parent, "new", "deeper"), (dir) => {
      writeFileSync(join(dir, "plan.json"), "{}");
      return [join(dir, "plan.json")];
    });
    expect(w.value.map(w.final)).toEqual([join(parent, "new", "deeper", "plan.json")]);
    expect(ls(join(parent, "new"))).toEqual(["deeper"]);
  });

  it("of a new Monte Carlo study are cleared of another command's outputs", async () => {
    const out = folder();
    expect((await run(["run", store, "--out", out])).code).toBe(0);
    const io = captureOutput();
    const code = await mcCommand(
      example("strike-a-high"),
      { out, runs: 2, workers: 1, json: false, progress: "none" },
      io,
    );
    expect(code).toBe(0);
    expect(ls(out)).toEqual([
      "nav-error.csv",
      "report.html",
      "runs.csv",
      "study.json",
      "summary.json",
    ]);
    expect(io.stderr).toEqual([
      `standoff: removed ${join(out, "events.json")}, ${join(out, "trajectory.csv")} (outputs of an earlier run)`,
    ]);
  }, 120_000);

  it("of a Monte Carlo study are kept when its dispersions are bad (checked before clearing)", async () => {
    const out = folder();
    expect((await run(["run", store, "--out", out])).code).toBe(0);
    const before = ls(out);
    // A scenario that `standoff run` accepts, with a dispersion whose path names no number.
    const bad = join(tmp, "bad-dispersion.yaml");
    writeFileSync(
      bad,
      `${readFileSync(example("strike-a-high"), "utf8")}\ndispersions:\n  params:\n    - { path: missile.nothing_here, dist: normal, sd: 1 }\n`,
    );
    const io = captureOutput();
    const code = await mcCommand(bad, { out, runs: 2, workers: 1, json: false }, io).catch(
      (e: unknown) => e,
    );
    expect(code).toBeInstanceOf(Error);
    expect(String((code as Error).message)).toContain("dispersions.params[0].path");
    expect(ls(out)).toEqual(before);
    expect(io.stderr).toEqual([]);
  }, 120_000);
});

describe("the stage display", () => {
  it("goes to stderr, one line per stage, and never into --json stdout", async () => {
    const io = captureOutput();
    const code = await runCommand(
      store,
      { out: folder(), sampleDt: 0.1, json: true, progress: "lines" },
      io,
    );
    expect(code).toBe(0);
    expect(JSON.parse(io.stdout.join("\n")).status).toBe("ground_impact");
    expect(io.stderr.map((l) => l.replace(/ \(\d+\.\d s\)$/, ""))).toEqual([
      "standoff: flight",
      "standoff: writing outputs",
    ]);
    // Captured output (tests, embedders) gets no display unless asked.
    const quiet = captureOutput();
    await runCommand(store, { out: folder(), sampleDt: 0.1, json: false }, quiet);
    expect(quiet.stderr).toEqual([]);
  });

  it("is told terrain, viewsheds and flight by the engine, which flies the same either way", async () => {
    const stages: Array<[string, number | undefined]> = [];
    const file = example("layered-defence");
    const told = await executeRun(file, {
      sampleDt_s: 1,
      onStage: (stage, fraction) => stages.push([stage, fraction]),
    });
    const names = stages.map(([s]) => s).filter((s, i, all) => all.indexOf(s) === i);
    expect(names).toEqual(["terrain", "viewsheds", "flight"]);
    const shares = stages.filter(([s]) => s === "viewsheds").map(([, f]) => f ?? -1);
    expect(shares[0]).toBe(0);
    expect(shares.length).toBeGreaterThan(1);
    for (let i = 1; i < shares.length; i++) expect(shares[i]).toBeGreaterThan(shares[i - 1]);
    const plain = await executeRun(file, { sampleDt_s: 1 });
    if (told.kind !== "mission" || plain.kind !== "mission") throw new Error("expected missions");
    expect(told.result.summary).toEqual(plain.result.summary);
    expect(told.viewsheds.computed).toBe(plain.viewsheds.computed);
  }, 120_000);
});
