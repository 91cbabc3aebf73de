/**
 * A Monte Carlo thread flies run after run of one scenario. When optimised code meets an object
 * with another hidden class (V8 map), elements kind or call target than the runs before, or takes a
 * branch it had never taken, V8 throws the compiled code away and compiles it again; the flight
 * step and the world loop inline most of the models, so each time costs tens of milliseconds of
 * compile work per thread, which with every core flying comes out of the runs (bench/RESULTS.md,
 * issue 19). This watches V8's optimiser from outside (`--trace-deopt-verbose`) while a fresh
 * process flies a study's first runs the way a worker thread does.
 *
 * Some deoptimisations are expected once per thread: a branch first taken late in the first flight
 * (the first waypoint, the terminal dive, the impact). What must not happen is the flight loop
 * meeting shapes it had not seen, or the models below deoptimising at all on their own branches.
 */

import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";

/** Functions that must never deoptimise on a shape: the world loop and a flight's step. */
const SHAPE_STABLE = ["flyWorld", "integrate"];

/**
 * Sources that must not deoptimise at all (each once did, on a branch first taken late). The GNSS
 * receiver may, once, when a jammer first comes into sight: computing hidden jammers' powers at
 * every step to avoid that cost more than the recompile it saves.
 */
const NO_DEOPTS = [
  "src/vehicle/autopilot.ts",
  "src/guidance/path-follower.ts",
  "src/guidance/altitude-speed.ts",
  "src/mission/terminal-phase.ts",
  "src/terrain/viewshed-wang.ts",
  "src/planning/performance.ts",
  "src/navigation/imu.ts",
  "src/navigation/ins.ts",
  "src/navigation/eskf.ts",
  "src/navigation/gnss-ins-navigator.ts",
];

interface Deopt {
  readonly fn: string;
  readonly reason: string;
  /** The innermost source (file under src/) the deoptimisation happened in. */
  readonly at: string;
}

let deopts: Deopt[] = [];

beforeAll(() => {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", "--trace-deopt-verbose", "test/fixtures/fly-study-runs.ts", "12"],
    { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
  );
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.stdout).toContain("flown 12");
  const lines = r.stdout.split("\n");
  deopts = lines.flatMap((line, i) => {
    const head = /reason: ([^)]*)\).*<JSFunction (\S+)/.exec(line);
    if (!head) return [];
    const at = /deoptimize at <[^>]*?\/(src\/[^:>]+)/.exec(lines[i + 1] ?? "");
    return [{ fn: head[2] ?? "?", reason: head[1] ?? "?", at: at?.[1] ?? "" }];
  });
}, 120_000);

describe("the optimised flight keeps its code across runs", () => {
  it("is watched: the trace names deoptimisations in the flight's own sources", () => {
    // A trace that never reached the models would pass the tests below for the wrong reason.
    expect(deopts.some((d) => d.at.startsWith("src/mission/"))).toBe(true);
  });

  it("flyWorld and a flight's step never deoptimise on a new map, call target or elements kind", () => {
    const shapes = deopts.filter(
      (d) => SHAPE_STABLE.includes(d.fn) && /wrong map|wrong call target|not a Smi/.test(d.reason),
    );
    expect(shapes).toEqual([]);
  });

  it("guidance, autopilot, terminal start, viewshed, planning and navigation code never deoptimise", () => {
    expect(deopts.filter((d) => NO_DEOPTS.includes(d.at))).toEqual([]);
  });
});
