/**
 * The built CLI's worker threads load one bundled file (scripts/bundle.mjs) instead of the
 * ~240 modules under dist/: the pool must pick it, a study flown with it must write the same bytes
 * as the TypeScript sources, and a user's error raised inside it must still come back as problem
 * lines. Needs dist/ (`npm run build`; `npm ci` builds it).
 */

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { McTask } from "../../src/montecarlo/mc-worker.js";
import { createMcPool, workerLocation } from "../../src/montecarlo/pool.js";
import { runMonteCarlo } from "../../src/montecarlo/runner.js";

const FIXTURE = "test/montecarlo/fixtures/short-study.yaml";
const DIST = join(process.cwd(), "dist", "montecarlo");
const root = mkdtempSync(join(tmpdir(), "standoff-bundle-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Runner = typeof runMonteCarlo;
let distRun: Runner;

beforeAll(async () => {
  if (!existsSync(join(DIST, "mc-worker.bundle.js"))) {
    throw new Error("dist/ is not built: run npm run build before this test");
  }
  const mod = (await import(pathToFileURL(join(DIST, "runner.js")).href)) as {
    runMonteCarlo: Runner;
  };
  distRun = mod.runMonteCarlo;
});

describe("the bundled Monte Carlo worker", () => {
  it("is what the built pool loads; the sources load the TypeScript module", () => {
    const built = workerLocation(pathToFileURL(join(DIST, "pool.js")).href);
    expect(built.filename).toBe(pathToFileURL(join(DIST, "mc-worker.bundle.js")).href);
    expect(built.execArgv).toBeUndefined();
    // The CLI's bundle (dist/bundle/) finds the same file.
    const cli = workerLocation(pathToFileURL(join(process.cwd(), "dist", "bundle", "x.js")).href);
    expect(cli.filename).toBe(pathToFileURL(join(DIST, "mc-worker.bundle.js")).href);
    // Without a bundle beside it (a tsc-only build), the separate modules.
    const bare = workerLocation(pathToFileURL(join(root, "montecarlo", "pool.js")).href);
    expect(bare.filename).toBe(pathToFileURL(join(root, "montecarlo", "mc-worker.js")).href);
    const src = workerLocation(pathToFileURL(join(process.cwd(), "src/montecarlo/pool.ts")).href);
    expect(src.filename.endsWith("/src/montecarlo/mc-worker.ts")).toBe(true);
  });

  it("flies a study to the same bytes as the sources", async () => {
    const a = join(root, "src");
    const b = join(root, "dist");
    await runMonteCarlo({ file: FIXTURE, out: a, workers: 1, runs: 6, report: false });
    await distRun({ file: FIXTURE, out: b, workers: 2, runs: 6, report: false });
    for (const f of ["summary.json", "runs.csv", "nav-error.csv", "study.json"]) {
      expect(readFileSync(join(b, f), "utf8")).toBe(readFileSync(join(a, f), "utf8"));
    }
  }, 120_000);

  it("sends a dispersion that leaves the schema's range back as a problem line", async () => {
    // launch.mach with sd 5 soon draws a negative or supersonic Mach number.
    const wide = join(root, "wide.yaml");
    writeFileSync(
      wide,
      readFileSync(FIXTURE, "utf8").replace(
        "    - { path: launch.heading_deg, dist: normal, sd: 2 }",
        "    - { path: launch.mach, dist: normal, sd: 5 }",
      ),
    );
    const err = await distRun({ file: wide, out: join(root, "wide"), workers: 1, runs: 12 }).then(
      () => null,
      (e: unknown) => e as { name: string; problems?: unknown[]; message: string },
    );
    expect(err?.name).toBe("ScenarioError");
    expect(err?.message).toMatch(
      /dispersions\.params\[0\] \(launch\.mach\): expected draws within/,
    );
  }, 120_000);
});

describe("a worker thread that cannot start", () => {
  it("fails the study's tasks with its error instead of ending the process or hanging", async () => {
    const broken = join(root, "broken-worker.mjs");
    writeFileSync(broken, 'throw new Error("this worker module is broken");\n');
    const pool = createMcPool(2, { filename: pathToFileURL(broken).href, execArgv: undefined });
    try {
      // The threads fail while loading, before the task is given to one of them.
      await new Promise((r) => setTimeout(r, 500));
      const task = { kind: "nominal", setup: {} } as unknown as McTask;
      await expect(pool.run(task)).rejects.toThrow("this worker module is broken");
    } finally {
      await pool.destroy();
    }
  }, 30_000);
});
