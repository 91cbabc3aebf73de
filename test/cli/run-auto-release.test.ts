import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";

/**
 * `launch.auto`: `standoff run` releases from the launch region's recommended point — the point
 * `standoff lar` writes to lar.json for the same file — and reports the aircraft's margins there.
 */

const tmp = mkdtempSync(join(tmpdir(), "standoff-auto-release-"));

function scenario(
  name: string,
  edit: (d: Record<string, Record<string, unknown>>) => void,
): string {
  const doc: Record<string, Record<string, unknown>> = {
    kind: "mission" as never,
    name: name as never,
    launch: { lat_deg: 29.2, lon_deg: 9.3, alt_m: 6000, mach: 0.8, heading_deg: 45, auto: true },
    missile: { preset: "agm158a-class", overrides: { fuel_kg: 60 } },
    route: { cruise: { alt_m: 300, mach: 0.7 } },
    target: { lat_deg: 30.0, lon_deg: 10.0, elevation_m: 0 },
    air_defence: {
      sites: [
        { name: "SAM", preset: "short-range-sam", lat_deg: 29.7, lon_deg: 9.7, network: "n" },
      ],
    },
    lar: { cell_km: 2 },
  };
  edit(doc);
  const file = join(tmp, `${name}.yaml`);
  writeFileSync(file, stringify(doc));
  return file;
}

async function cli(args: string[], file: string) {
  const io = captureOutput();
  const out = join(tmp, `out-${Math.random().toString(36).slice(2)}`);
  const code = await main([...args, file, "--out", out], io);
  return { code, out, stdout: io.stdout.join("\n"), stderr: io.stderr.join("\n") };
}

describe("launch.auto", () => {
  it("flies from lar.json's recommended point and reports its margins", async () => {
    const file = scenario("auto", () => {});
    const lar = await cli(["lar"], file);
    expect(lar.code).toBe(0);
    const rec = JSON.parse(readFileSync(join(lar.out, "lar.json"), "utf8")).conditions[0]
      .recommended;
    const run = await cli(["run"], file);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(run.out, "summary.json"), "utf8"));
    // It arrives: a ground impact at the aimpoint (within a few metres).
    expect(summary.status).toBe("ground_impact");
    expect(summary.miss_m).toBeLessThan(20);
    const ac = summary.aircraft;
    expect(ac.release.auto).toBe(true);
    expect(ac.release.lat_deg).toBe(rec.lat_deg);
    expect(ac.release.lon_deg).toBe(rec.lon_deg);
    expect(ac.threat_margins).toEqual(rec.threat_margins);
    expect(ac.time_in_detection_s).toBe(rec.time_in_detection_s);
    // The trajectory starts there: the first row of trajectory.csv is the release.
    const rows = readFileSync(join(run.out, "trajectory.csv"), "utf8").split("\n");
    const head = rows[0].split(",");
    const first = rows[1].split(",").map(Number);
    expect(first[head.indexOf("lat_deg")]).toBeCloseTo(rec.lat_deg, 5);
    expect(first[head.indexOf("lon_deg")]).toBeCloseTo(rec.lon_deg, 5);
    expect(run.stdout).toMatch(/release +auto \(launch region's recommended point\)/);
    expect(run.stdout).toMatch(/aircraft margin +SAM: [\d.]+ km/);
  }, 120_000);

  it("without a lar block: exit non-zero naming launch.auto, nothing written", async () => {
    const r = await cli(
      ["run"],
      scenario("no-lar", (d) => {
        delete d.lar;
      }),
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("launch.auto");
    expect(r.stderr).toContain("lar");
    expect(existsSync(r.out)).toBe(false);
  }, 60_000);

  it("with an empty region: exit non-zero naming launch.auto and the nearest point, nothing written", async () => {
    const r = await cli(
      ["run"],
      scenario("empty", (d) => {
        d.air_defence = {
          sites: [
            { name: "big SAM", preset: "long-range-sam", lat_deg: 30, lon_deg: 10.1, network: "n" },
          ],
        } as never;
        d.lar = { cell_km: 2, entry: "none" };
      }),
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("launch.auto");
    expect(r.stderr).toMatch(/nearest point that would work: [-\d.]+, [-\d.]+/);
    expect(existsSync(r.out)).toBe(false);
  }, 60_000);

  it("standoff validate checks it too", async () => {
    const io = captureOutput();
    const code = await main(
      [
        "validate",
        scenario("v-no-lar", (d) => {
          delete d.lar;
        }),
      ],
      io,
    );
    expect(code).not.toBe(0);
    expect(io.stderr.join("\n")).toContain("launch.auto");
  }, 60_000);

  it("a salvo's aircraft saying auto and a position: refused naming the field", async () => {
    const text = readFileSync("examples/salvo-tot.yaml", "utf8").replace(
      "    lat_deg: -29.0\n",
      "    auto: true\n    lat_deg: -29.0\n",
    );
    expect(text).toContain("auto: true");
    const file = join(tmp, "salvo-auto.yaml");
    writeFileSync(file, text);
    const io = captureOutput();
    const code = await main(["validate", file], io);
    expect(code).not.toBe(0);
    expect(io.stderr.join("\n")).toMatch(/aircraft\[0\]\.auto: expected either auto: true/);
  }, 60_000);

  it("a release given by position with a lar block: the aircraft's figures there", async () => {
    // The same region (entry pinned to the auto file's launch point), released by hand at its
    // recommended point: the flight through it is the recommended one, so the figures agree.
    const auto = scenario("pinned-auto", (d) => {
      d.lar = { cell_km: 2, entry: { lat_deg: 29.2, lon_deg: 9.3 } };
    });
    const lar = await cli(["lar"], auto);
    const rec = JSON.parse(readFileSync(join(lar.out, "lar.json"), "utf8")).conditions[0]
      .recommended;
    const manual = scenario("manual", (d) => {
      d.launch = { ...d.launch, auto: false, lat_deg: rec.lat_deg, lon_deg: rec.lon_deg };
      d.lar = { cell_km: 2, entry: { lat_deg: 29.2, lon_deg: 9.3 } };
    });
    const run = await cli(["run"], manual);
    expect(run.code).toBe(0);
    const ac = JSON.parse(readFileSync(join(run.out, "summary.json"), "utf8")).aircraft;
    expect(ac.release).toEqual({
      auto: false,
      lat_deg: rec.lat_deg,
      lon_deg: rec.lon_deg,
      heading_deg: 45,
    });
    expect(ac.threat_margins).toEqual(rec.threat_margins);
    expect(ac.time_in_detection_s).toBe(rec.time_in_detection_s);
    expect(run.stdout).toMatch(/release +given: /);
  }, 120_000);
});
