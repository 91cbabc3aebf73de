import { describe, expect, it } from "vitest";
import { executeRun, loadScenario } from "../../src/index.js";

/** The README's library example, as written there, through the package's entry point. */
describe("the library entry point", () => {
  it("runs the README example through the engine, as the CLI does", async () => {
    expect(loadScenario("examples/strike-a-high.yaml").kind).toBe("mission");
    const run = await executeRun("examples/strike-a-high.yaml", { sampleDt_s: 1 });
    expect(run.kind).toBe("mission");
    if (run.kind !== "mission") return;
    expect(run.result.outcome.status).toBe("ground_impact");
    expect(run.result.summary.miss_m).toBeLessThan(5);
    expect(run.result.samples.column("fuel_kg").at(-1)).toBeGreaterThan(0);
  }, 60_000);
});
