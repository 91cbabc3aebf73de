import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";

const tmp = mkdtempSync(join(tmpdir(), "standoff-mission-"));
const example = (n: string) => new URL(`../../examples/${n}.yaml`, import.meta.url).pathname;

describe("standoff run on a mission", () => {
  it("prints the summary and writes every output", async () => {
    const io = captureOutput();
    const out = join(tmp, "a");
    expect(await main(["run", example("strike-a-high"), "--out", out], io)).toBe(0);
    const text = io.stdout.join("\n");
    for (const k of ["flight time", "ground distance", "fuel", "miss distance", "impact"])
      expect(text).toContain(k);
    const csv = readFileSync(join(out, "trajectory.csv"), "utf8");
    const header = csv.slice(0, csv.indexOf("\n")).split(",");
    for (const c of ["t_s", "lat_deg", "lon_deg", "alt_m", "mach", "fuel_kg", "thrust_n", "phase"])
      expect(header).toContain(c);
    expect(csv).toMatch(/,midcourse,/);
    expect(csv).toMatch(/,terminal,/);
    expect(csv).not.toMatch(/NaN|Infinity/);
    const geo = JSON.parse(readFileSync(join(out, "trajectory.geojson"), "utf8"));
    expect(geo.type).toBe("FeatureCollection");
    const czml = JSON.parse(readFileSync(join(out, "trajectory.czml"), "utf8"));
    expect(czml[0].id).toBe("document");
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain("Notional A-class strike");
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.miss_m).toBeLessThan(1);
  });

  it("standoff reach writes a closed footprint polygon around the launch point", async () => {
    const io = captureOutput();
    const out = join(tmp, "reach");
    expect(
      await main(
        [
          "reach",
          example("strike-a-high"),
          "--out",
          out,
          "--azimuth-step",
          "45",
          "--alt-m",
          "7620",
          "--mach",
          "0.8",
        ],
        io,
      ),
    ).toBe(0);
    const geo = JSON.parse(readFileSync(join(out, "reach.geojson"), "utf8"));
    const ring = geo.features[0].geometry.coordinates[0];
    expect(ring).toHaveLength(9);
    expect(ring[0]).toEqual(ring[8]);
    const r = JSON.parse(readFileSync(join(out, "reach.json"), "utf8"));
    // A headwind shortens reach and a tailwind lengthens it: the directions differ.
    expect(r.max_range_km).toBeGreaterThan(r.min_range_km);
    expect(r.max_range_km).toBeGreaterThan(300);
    expect(io.stdout.join("\n")).toContain("reach");
  }, 60_000);

  it("refuses reach on a body scenario with a clear message", async () => {
    const io = captureOutput();
    expect(await main(["reach", example("released-store")], io)).toBe(1);
    expect(io.stderr[0]).toContain('kind: expected "mission"');
  });
});
