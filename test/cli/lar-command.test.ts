import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";

/** `standoff lar` from the command line: outputs, the summary, bad input and an empty region. */

const tmp = mkdtempSync(join(tmpdir(), "standoff-lar-cli-"));

function scenario(
  name: string,
  edit: (d: Record<string, Record<string, unknown>>) => void,
): string {
  const doc: Record<string, Record<string, unknown>> = {
    kind: "mission" as never,
    name: name as never,
    launch: { lat_deg: 29.2, lon_deg: 9.3, alt_m: 6000, mach: 0.8, heading_deg: 45 },
    missile: { preset: "agm158a-class", overrides: { fuel_kg: 25 } },
    route: { cruise: { alt_m: 300, mach: 0.7 } },
    target: { lat_deg: 30.0, lon_deg: 10.0, elevation_m: 0 },
    lar: { cell_km: 2 },
  };
  edit(doc);
  const file = join(tmp, `${name}.yaml`);
  writeFileSync(file, stringify(doc));
  return file;
}

async function lar(file: string, extra: string[] = []) {
  const io = captureOutput();
  const out = join(tmp, `out-${Math.random().toString(36).slice(2)}`);
  const code = await main(["lar", file, "--out", out, ...extra], io);
  return { code, out, stdout: io.stdout.join("\n"), stderr: io.stderr.join("\n") };
}

describe("standoff lar", () => {
  it("writes lar.geojson, lar.json and lar.html and prints the region", async () => {
    const r = await lar(
      scenario("ok", (d) => {
        d.air_defence = {
          sites: [
            { name: "SAM", preset: "short-range-sam", lat_deg: 29.7, lon_deg: 9.7, network: "n" },
          ],
        } as never;
      }),
    );
    expect(r.stderr).not.toContain("Error");
    expect(r.code).toBe(0);
    for (const f of ["lar.geojson", "lar.json", "lar.html"])
      expect(existsSync(join(r.out, f))).toBe(true);
    expect(r.stdout).toMatch(/area +[\d,]+ km² acceptable/);
    expect(r.stdout).toMatch(/recommended +[-\d.]+°/);
    expect(r.stdout).toMatch(/margin +SAM: [\d.]+ km/);
    const geo = JSON.parse(readFileSync(join(r.out, "lar.geojson"), "utf8"));
    const roles = geo.features.map((f: { properties: { role: string } }) => f.properties.role);
    for (const role of [
      "missile_reach",
      "aircraft_safe",
      "acceptable",
      "recommended_release",
      "target",
      "entry",
    ]) {
      expect(roles).toContain(role);
    }
    const acceptable = geo.features.find(
      (f: { properties: { role: string } }) => f.properties.role === "acceptable",
    );
    expect(acceptable.geometry.type).toBe("MultiPolygon");
    const ring = acceptable.geometry.coordinates[0][0];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    const summary = JSON.parse(readFileSync(join(r.out, "lar.json"), "utf8"));
    expect(summary.conditions[0].recommended.threat_margins[0].site).toBe("SAM");
    expect(summary.conditions[0].area_km2.acceptable).toBeGreaterThan(0);
  }, 60_000);

  it("refuses a target off the terrain, naming the field", async () => {
    const r = await lar(
      scenario("off-terrain", (d) => {
        d.environment = {
          terrain: {
            kind: "synthetic",
            south_deg: 31,
            west_deg: 9,
            size_deg: 1,
            cells: 64,
            relief_m: 500,
          },
        } as never;
      }),
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/target: expected a target on the terrain/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses a release above the aircraft's ceiling or at or below the ground", async () => {
    const high = await lar(
      scenario("high", (d) => {
        d.lar = { releases: [{ alt_ft: 52_000, mach: 0.8 }] };
      }),
    );
    expect(high.code).not.toBe(0);
    expect(high.stderr).toMatch(/lar\.releases\[0\]\.alt_ft/);
    const low = await lar(
      scenario("low", (d) => {
        d.environment = { ground_elevation_m: 1500 } as never;
        d.target = { lat_deg: 30, lon_deg: 10 } as never;
        d.launch = { ...d.launch, alt_m: 3000 };
        d.lar = { releases: [{ alt_m: 1200, mach: 0.7 }] };
      }),
    );
    expect(low.code).not.toBe(0);
    expect(low.stderr).toMatch(
      /lar\.releases\[0\]\.alt_m: expected a release altitude above the ground at the target \(1,500 m\), got 1,200 m/,
    );
  }, 60_000);

  it("says plainly when the region is empty, with the nearest point that would work, exit 0", async () => {
    // A long-range SAM at the target: its 200 km envelope covers all the missile's 70 km reach.
    const r = await lar(
      scenario("empty", (d) => {
        d.air_defence = {
          sites: [
            { name: "big SAM", preset: "long-range-sam", lat_deg: 30, lon_deg: 10.1, network: "n" },
          ],
        } as never;
        d.lar = { cell_km: 2, entry: "none" };
      }),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /empty region +no release point within the missile's reach keeps the aircraft at 6,000 m 10 km outside every envelope that sees it; the nearest that would \(towards open air\) is \d+ km from the target/,
    );
    expect(r.stdout).toMatch(/nearest to work +[-\d.]+°, [-\d.]+° \([\d.]+ km from the target/);
    const summary = JSON.parse(readFileSync(join(r.out, "lar.json"), "utf8"));
    expect(summary.conditions[0].empty.nearest.distance_km).toBeGreaterThan(200);
  }, 60_000);
});
