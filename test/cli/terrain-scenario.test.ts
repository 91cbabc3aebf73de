import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";
import { executeRun } from "../../src/engine/execute-run.js";
import { ElevationGrid } from "../../src/terrain/elevation-grid.js";
import { writeGeoTiff } from "../../src/terrain/geotiff.js";

const tmp = mkdtempSync(join(tmpdir(), "standoff-terrain-"));

/** A mission over a GeoTIFF map: a 400 m plateau east of 30.2° E, the aimpoint on it. */
function scenario(terrainFile: string): string {
  return `kind: mission
name: "GeoTIFF terrain"
launch: { lat_deg: 0, lon_deg: 29.6, alt_m: 3000, mach: 0.7, heading_deg: 90 }
missile: { preset: agm158a-class }
route:
  cruise: { alt_m: 120, alt_ref: agl, mach: 0.7 }
target: { lat_deg: 0, lon_deg: 30.6, impact_angle_deg: 45 }
environment:
  terrain: { kind: geotiff, file: ${terrainFile} }
simulation: { max_time_s: 2000 }
`;
}

describe("a mission over a GeoTIFF terrain", () => {
  it("reads the map relative to the scenario, follows it, and puts the aimpoint on it", async () => {
    const n = 121;
    const h = new Float32Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) h[i * n + j] = 29.5 + j * 0.01 > 30.2 ? 400 : 0;
    await writeGeoTiff(new ElevationGrid(-0.6, 29.5, 0.01, 0.01, n, n, h, 0), join(tmp, "dem.tif"));
    const file = join(tmp, "geotiff.yaml");
    writeFileSync(file, scenario("dem.tif"));
    const run = await executeRun(file, { sampleDt_s: 1 });
    if (run.kind !== "mission") throw new Error("not a mission");
    expect(run.params.terrain?.heightAt(0, 30.5)).toBeCloseTo(400, 3);
    // The aimpoint's default elevation is the map's.
    expect(run.params.aimpoint?.alt_m).toBeCloseTo(400, 3);
    const s = run.result.summary;
    expect(run.result.outcome.status).toBe("ground_impact");
    expect(s.miss_m ?? 1e9).toBeLessThan(1);
    // It climbed onto the plateau at its commanded height instead of flying into the step.
    expect(s.min_clearance_m ?? 0).toBeGreaterThan(40);
  });

  it("names the field and the problem when the GeoTIFF is missing or not a GeoTIFF", async () => {
    const file = join(tmp, "missing.yaml");
    writeFileSync(file, scenario("nowhere.tif"));
    const io = captureOutput();
    expect(await main(["run", file, "--out", join(tmp, "o1")], io)).toBe(1);
    const err = io.stderr.join("\n");
    expect(err).toContain("environment.terrain.file");
    expect(err).not.toMatch(/\n\s+at /);
    writeFileSync(join(tmp, "not.tif"), "plain text, not a TIFF");
    const file2 = join(tmp, "nottiff.yaml");
    writeFileSync(file2, scenario("not.tif"));
    const io2 = captureOutput();
    expect(await main(["run", file2, "--out", join(tmp, "o2")], io2)).toBe(1);
    expect(io2.stderr.join("\n")).toContain("environment.terrain.file");
    expect(readFileSync(file2, "utf8")).toContain("not.tif");
  });
});
