/**
 * The built `standoff` runs the CLI bundled into dist/bundle/ (scripts/bundle.mjs): a study's main
 * thread then reads a few files instead of resolving some 200 modules before its threads get work.
 * The bundle must be what bin/standoff.js loads, must keep each command's code lazy, must give a
 * user's error as the same clean lines (one copy of the error classes, so the CLI still recognises
 * them), and must write the same bytes as the sources. Needs dist/ (`npm run build`; `npm ci`
 * builds it).
 */

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMonteCarlo } from "../../src/montecarlo/runner.js";

const FIXTURE = "test/montecarlo/fixtures/short-study.yaml";
const dir = mkdtempSync(join(tmpdir(), "standoff-cli-bundle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  if (!existsSync(join("dist", "bundle", "main.js"))) {
    throw new Error("dist/bundle/ is not built: run npm run build before this test");
  }
});

let calls = 0;

/** Run the built `standoff ARGS` with the module log (test/fixtures/module-log/). */
function built(args: string[]): { code: number | null; stderr: string; urls: string[] } {
  const log = join(dir, `modules-${calls++}.txt`);
  const r = spawnSync(
    process.execPath,
    ["--import", "./test/fixtures/module-log/register.mjs", "bin/standoff.js", ...args],
    { encoding: "utf8", env: { ...process.env, STANDOFF_MODULE_LOG: log } },
  );
  const urls = existsSync(log) ? readFileSync(log, "utf8").split("\n").filter(Boolean) : [];
  return { code: r.status, stderr: r.stderr, urls };
}

const own = (urls: string[], folder: string) => urls.filter((u) => u.includes(`/dist/${folder}/`));

describe("the bundled CLI", () => {
  it("is what bin/standoff.js loads, and --version loads no command's code", () => {
    const r = built(["--version"]);
    expect(r.code).toBe(0);
    expect(r.urls.some((u) => u.endsWith("/dist/bundle/main.js"))).toBe(true);
    expect(own(r.urls, "cli")).toEqual([]);
    // Each command's code is a chunk of its own, loaded when the command runs.
    expect(r.urls.filter((u) => /\/dist\/bundle\/(runner|serve|queue-worker)-/.test(u))).toEqual(
      [],
    );
  });

  it("flies a study to the same bytes as the sources, its main thread on a few files", async () => {
    const a = join(dir, "src");
    const b = join(dir, "built");
    await runMonteCarlo({ file: FIXTURE, out: a, workers: 1, runs: 4, report: false });
    const r = built(["mc", FIXTURE, "--runs", "4", "--workers", "2", "--out", b, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    for (const f of ["summary.json", "runs.csv", "nav-error.csv", "study.json"]) {
      expect(readFileSync(join(b, f), "utf8")).toBe(readFileSync(join(a, f), "utf8"));
    }
    // No module of the separate build, and the schemas' libraries come inside the bundle.
    for (const folder of ["cli", "scenario", "montecarlo/runner.js", "engine"]) {
      expect(own(r.urls, folder)).toEqual([]);
    }
    expect(r.urls.filter((u) => u.includes("/node_modules/zod/"))).toEqual([]);
    expect(r.urls.filter((u) => u.includes("/node_modules/yaml/"))).toEqual([]);
    // ~200 separate modules before; the bundle loads in a few dozen chunks.
    const chunks = new Set(r.urls.filter((u) => u.includes("/dist/bundle/")));
    expect(chunks.size).toBeLessThan(50);
  }, 120_000);

  it("carries zod's English messages and none of its ~60 other locales (scripts/bundle.mjs)", () => {
    const files = [
      "dist/montecarlo/mc-worker.bundle.js",
      ...readdirSync("dist/bundle").map((f) => join("dist/bundle", f)),
    ];
    const locales = new Set<string>();
    for (const f of files) {
      for (const m of readFileSync(f, "utf8").matchAll(
        /\/\/ node_modules\/zod\/v4\/locales\/(\S+)/g,
      )) {
        locales.add(m[1]);
      }
    }
    expect([...locales]).toEqual(["en.js"]);
  });

  it("reports a bad file and a bad option as lines naming the field, without a stack", () => {
    const bad = built(["validate", "test/fixtures/bad/negative-mass.yaml"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("body.mass_kg: expected a number > 0, got -5");
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const workers = built(["mc", FIXTURE, "--workers", "0", "--out", join(dir, "w0")]);
    expect(workers.code).not.toBe(0);
    expect(workers.stderr).toContain("--workers");
    expect(workers.stderr).not.toMatch(/\n\s+at /);
  });
});
