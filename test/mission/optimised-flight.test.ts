/**
 * A Monte Carlo thread flies run after run of one scenario. Every run builds new objects of the same
 * roles (events, lists, parameter copies); when one of them reaches the optimised flight loop with
 * another hidden class (V8 map) or elements kind than the runs before, V8 throws the compiled loop
 * away and compiles it again: tens of milliseconds of compile work per thread each time, which with
 * every core flying is taken from the runs (bench/RESULTS.md, issue 19). This watches V8's
 * optimiser from outside (`--trace-deopt`) while a fresh process flies a study's first runs, and
 * asks that the per-step functions never deoptimise on a shape they had not seen. (Deopts for
 * "insufficient type feedback", a branch first taken after optimisation, are expected once each.)
 */

import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Functions optimised once per thread that must not meet new shapes: the world loop and the step. */
const STABLE = ["flyWorld", "integrate"];

describe("the optimised flight loop keeps its code across runs", () => {
  it("flyWorld and a flight's step never deoptimise on a new map, call target or elements kind", () => {
    const r = spawnSync(
      process.execPath,
      ["--import", "tsx", "--trace-deopt", "test/fixtures/fly-study-runs.ts", "12"],
      { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    // The trace is there (a process that optimised nothing would pass for the wrong reason).
    expect(r.stdout).toContain("flown 12");
    expect(r.stdout).toMatch(/bailout \(kind: deopt-/);
    const shapeDeopts = r.stdout
      .split("\n")
      .filter((l) => /reason: (wrong map|wrong call target|not a Smi)\)/.test(l))
      .map((l) => /<JSFunction (\S+)/.exec(l)?.[1] ?? "?")
      .filter((name) => STABLE.includes(name));
    expect(shapeDeopts).toEqual([]);
  });
});
