import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { executeRun } from "../../src/engine/execute-run.js";

const example = new URL("../../examples/strike-b-jammed.yaml", import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), "standoff-jam-"));

async function run(file: string) {
  const r = await executeRun(file, { sampleDt_s: 1 });
  if (r.kind !== "mission") throw new Error("not a mission");
  return r.result;
}

describe("GPS/INS under jamming in a mission", async () => {
  const jammed = await run(example);

  it("loses GNSS near the jammer, navigates inertially, and the error grows until impact", () => {
    const s = jammed.summary;
    expect(s.gnss_outage_s).toBeGreaterThan(200);
    const err = jammed.samples
      .column("nav_err_n_m")
      .map((n, i) => Math.hypot(n, jammed.samples.column("nav_err_e_m")[i]));
    const state = jammed.samples.column("gnss_state");
    const lost = state.findIndex((g) => g !== 0);
    expect(lost).toBeGreaterThan(0);
    // Before the outage the error is a few metres; at impact it is tens to hundreds.
    expect(Math.max(...err.slice(60, lost))).toBeLessThan(15);
    expect(s.nav_error_horizontal_m).toBeGreaterThan(50);
    // With perfect guidance on a wrong estimate, the miss is the navigation error.
    expect(Math.abs((s.miss_m ?? 0) - s.nav_error_horizontal_m)).toBeLessThan(
      0.1 * s.nav_error_horizontal_m + 2,
    );
  });

  it("is deterministic for its seed", async () => {
    const again = await run(example);
    expect(again.summary).toEqual(jammed.summary);
  });

  it("an adaptive anti-jam antenna with 25 dB nulls keeps the receiver tracking longer", async () => {
    const text = readFileSync(example, "utf8").replace(
      "antenna: { kind: fixed, gain_toward_jammer_dbi: 0 }",
      "antenna: { kind: adaptive, nulling_db: 25, beam_gain_db: 0 }",
    );
    const file = join(tmp, "adaptive.yaml");
    writeFileSync(file, text);
    const adaptive = await run(file);
    expect(adaptive.summary.gnss_outage_s).toBeLessThan(jammed.summary.gnss_outage_s);
    expect(adaptive.summary.miss_m ?? 0).toBeLessThan(jammed.summary.miss_m ?? 0);
  });
});
