/**
 * A mission sweep against a closed form: a fixed target known with circular Gaussian location
 * error σ, and a scanning seeker that finds it only inside its R = 300 m search footprint, so
 * P(acquire) = 1 − exp(−R²/2σ²); a missile that does not acquire lands at the believed position,
 * ≥ R from the target, where the soft-area damage function gives almost nothing, so P(damage) at
 * each value of σ lies within the sweep's 95 % interval of that closed form.
 */

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSweep } from "../../src/montecarlo/sweep.js";
import { parseSweepSpec } from "../../src/scenario/sweep-spec.js";
import { strikeText } from "../targets/scenarios.js";

describe("mission sweep", () => {
  it("P(damage) against location error follows 1 − exp(−R²/2σ²)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "standoff-msweep-"));
    const file = join(dir, "strike.yaml");
    writeFileSync(file, strikeText({ target: "  location_error: { sigma_m: 100 }" }));
    const sigmas = [150, 400];
    const r = await runSweep({
      file,
      spec: parseSweepSpec(`target.location_error.sigma_m=${sigmas.join(",")}`),
      runs: 40,
    });
    expect(r.points.map((p) => p.value)).toEqual(sigmas);
    for (const p of r.points) {
      const closed = 1 - Math.exp(-(300 ** 2) / (2 * p.value ** 2));
      expect(p.pDestroyed.lower).toBeLessThanOrEqual(closed);
      expect(p.pDestroyed.upper).toBeGreaterThanOrEqual(closed);
      expect(p.runs).toBe(40);
    }
    expect(r.points[0].pDestroyed.p ?? 0).toBeGreaterThan(r.points[1].pDestroyed.p ?? 1);
  }, 60_000);
});
