import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { executeRun } from "../../src/engine/execute-run.js";
import { writeMissionOutputs } from "../../src/io/mission-outputs.js";

const example = new URL("../../examples/layered-defence.yaml", import.meta.url).pathname;

describe("the layered air-defence example", async () => {
  const run = await executeRun(example, { sampleDt_s: 1 });
  if (run.kind !== "mission") throw new Error("not a mission");
  const { result, params } = run;

  it("flies over its synthetic terrain against four sites and reports each", () => {
    expect(params.terrain).not.toBeNull();
    const s = result.summary;
    expect(s.threats.map((t) => t.name)).toEqual([
      "search radar",
      "long-range SAM",
      "medium-range SAM",
      "point defence",
    ]);
    // Terrain following held the route's 90 m above ground within reason all the way.
    expect(s.min_clearance_m ?? 0).toBeGreaterThan(40);
    // Every site's time in track is inside its time in sight.
    for (const t of s.threats) expect(t.tracked_s).toBeLessThanOrEqual(t.exposure_s + 1);
    // A kill ends the flight where it happened, and names the site.
    if (result.outcome.status === "killed") {
      expect(s.killed_by).not.toBeNull();
      expect(s.miss_m).toBeNull();
      const kill = result.events.find((e) => e.kind === "killed");
      expect(kill?.source).toBe(s.killed_by);
      expect(kill?.t_s).toBeCloseTo(s.flight_time_s, 6);
    }
  });

  it("puts the defence's events, with positions and sources, in events.json and on the report map", () => {
    const dir = mkdtempSync(join(tmpdir(), "standoff-layered-"));
    writeMissionOutputs(dir, example, params, result, "standoff test", {
      defence: run.defence,
      viewsheds: run.viewsheds,
    });
    const events = JSON.parse(readFileSync(join(dir, "events.json"), "utf8")).events as {
      kind: string;
      source?: string;
      data?: Record<string, number>;
    }[];
    const threat = events.filter((e) => e.source);
    expect(threat.some((e) => e.kind === "detected")).toBe(true);
    expect(threat.some((e) => e.kind === "shot")).toBe(true);
    for (const e of threat) {
      expect(Number.isFinite(e.data?.lat_deg)).toBe(true);
      expect(Number.isFinite(e.data?.range_m)).toBe(true);
    }
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).toContain("Map: terrain, air defence and engagements");
    expect(html).toContain("data:image/png;base64,");
    for (const name of ["search radar", "long-range SAM", "medium-range SAM", "point defence"])
      expect(html).toContain(name);
    // The viewsheds were computed once per antenna and reused by the map's coverage layer.
    expect(run.viewsheds.computed).toBe(5);
  });

  it("is deterministic for its seed", async () => {
    const again = await executeRun(example, { sampleDt_s: 1 });
    if (again.kind !== "mission") throw new Error("not a mission");
    expect(again.result.summary).toEqual(result.summary);
  });
});
