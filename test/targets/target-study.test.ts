/**
 * A Monte Carlo study of an uncertain target reports P(acquire) with its Wilson interval next to
 * P(damage), keeps the acquisition in runs.csv (target_acquired), and resumes to the same summary.
 * The fixed target, σ = 100 m location error and a 150 m search footprint give the closed form
 * P(acquire) = 1 − exp(−1.5²/2) = 0.675, which the interval must hold.
 */

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runMonteCarlo } from "../../src/montecarlo/runner.js";
import { strikeText } from "./scenarios.js";

const dir = mkdtempSync(join(tmpdir(), "standoff-target-study-"));
const file = join(dir, "uncertain.yaml");
writeFileSync(
  file,
  strikeText({
    target: "  location_error: { sigma_m: 100 }",
    seeker:
      "{ contrast: high, overrides: { fov_deg: 20, acquisition_scale: 2 }, search: { pattern: scan, radius_m: 150 } }",
  }),
);

describe("a study of an uncertain target", () => {
  it("reports P(acquire) and P(damage) with intervals, and resumes to the same summary", async () => {
    const whole = await runMonteCarlo({ file, out: join(dir, "whole"), runs: 40, workers: 2 });
    const st = whole.summary.statistics;
    expect(st.acquisition).toBeDefined();
    const a = st.acquisition as NonNullable<typeof st.acquisition>;
    expect(a.trials).toBe(40);
    const closed = 1 - Math.exp(-(1.5 * 1.5) / 2);
    expect(a.lower).toBeLessThanOrEqual(closed);
    expect(a.upper).toBeGreaterThanOrEqual(closed);
    expect(st.damage.trials).toBe(40);
    const runs = readFileSync(join(dir, "whole", "runs.csv"), "utf8")
      .trimEnd()
      .split("\n");
    expect(runs[0].endsWith(",target_acquired")).toBe(true);
    expect(runs.slice(1).filter((l) => l.endsWith(",yes")).length).toBe(a.successes);

    const part = join(dir, "part");
    await runMonteCarlo({ file, out: part, runs: 40, workers: 1, maxRuns: 15 });
    const rest = await runMonteCarlo({ file, out: part, workers: 2, resume: true });
    expect(rest.summary.statistics).toEqual(st);
  }, 120_000);
});
