import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";
import { pointInPolygon } from "../../src/earth/polygon.js";

/**
 * `aircraft[i].auto` of a salvo: the aircraft releases from the launch region's recommended point
 * — the point `standoff lar` writes to lar.json for the equivalent mission — and salvo.json
 * reports its release and margins. Bad inputs name the field and write nothing.
 */

const tmp = mkdtempSync(join(tmpdir(), "standoff-salvo-auto-"));
const ENTRY = { lat_deg: 29.2, lon_deg: 9.3 };
const TARGET = { name: "aimpoint", lat_deg: 30.0, lon_deg: 10.0, elevation_m: 0 };
const SAM = { name: "SAM", preset: "short-range-sam", lat_deg: 29.7, lon_deg: 9.7, network: "n" };
const RELEASE = { alt_m: 6000, mach: 0.8 };

type Doc = Record<string, unknown>;

function write(name: string, doc: Doc): string {
  const file = join(tmp, `${name}.yaml`);
  writeFileSync(file, stringify(doc));
  return file;
}

function salvo(name: string, edit: (d: Doc) => void = () => {}): string {
  const doc: Doc = {
    kind: "salvo",
    name,
    missile: { preset: "agm158a-class", overrides: { fuel_kg: 60 } },
    cruise: { alt_m: 300, mach: 0.7 },
    air_defence: { sites: [SAM] },
    lar: { cell_km: 2, entry: ENTRY },
    aircraft: [{ name: "A", auto: true, ...RELEASE }],
    missiles: [
      { name: "M1", aircraft: "A", target: TARGET },
      { name: "M2", aircraft: "A", target: TARGET },
    ],
    arrival: { window_s: 40 },
  };
  edit(doc);
  return write(name, doc);
}

/** The mission `standoff lar` sees for the salvo's missile M1 (its launch point only names the entry). */
function mission(name: string, target = TARGET): string {
  return write(name, {
    kind: "mission",
    name,
    launch: { ...ENTRY, ...RELEASE, heading_deg: 45, platform: "A" },
    missile: { preset: "agm158a-class", overrides: { fuel_kg: 60 } },
    route: { cruise: { alt_m: 300, mach: 0.7 } },
    target,
    air_defence: { sites: [SAM] },
    lar: { cell_km: 2, entry: ENTRY },
  });
}

async function cli(args: string[], file: string) {
  const io = captureOutput();
  const out = join(tmp, `out-${Math.random().toString(36).slice(2)}`);
  const code = await main([...args, file, "--out", out], io);
  return { code, out, stdout: io.stdout.join("\n"), stderr: io.stderr.join("\n") };
}

const json = (path: string) => JSON.parse(readFileSync(path, "utf8"));

describe("salvo aircraft[i].auto", () => {
  it("releases from lar.json's recommended point, its missiles arrive, salvo.json has its exposure", async () => {
    const lar = await cli(["lar"], mission("equivalent"));
    expect(lar.code).toBe(0);
    const rec = json(join(lar.out, "lar.json")).conditions[0].recommended;
    const run = await cli(["run"], salvo("auto"));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const doc = json(join(run.out, "salvo.json"));
    const ac = doc.aircraft[0];
    expect(ac.name).toBe("A");
    expect(ac.release.auto).toBe(true);
    expect(ac.release.lat_deg).toBe(rec.lat_deg);
    expect(ac.release.lon_deg).toBe(rec.lon_deg);
    expect(ac.threat_margins).toEqual(rec.threat_margins);
    expect(ac.time_in_detection_s).toBe(rec.time_in_detection_s);
    // Both missiles arrive at the aimpoint.
    expect(doc.arrived).toBe(2);
    for (const m of doc.missiles) {
      expect(m.outcome).toBe("ground_impact");
      expect(m.miss_m).toBeLessThan(20);
    }
    // M1's trajectory starts at the chosen release.
    const rows = readFileSync(join(run.out, "m1", "trajectory.csv"), "utf8").split("\n");
    const head = rows[0].split(",");
    const first = rows[1].split(",").map(Number);
    expect(first[head.indexOf("lat_deg")]).toBeCloseTo(rec.lat_deg, 5);
    expect(first[head.indexOf("lon_deg")]).toBeCloseTo(rec.lon_deg, 5);
    expect(run.stdout).toMatch(
      /release +A: auto [-\d.]+°, [-\d.]+°, heading [\d.]+°; smallest SAM margin [\d.]+ km/,
    );
  }, 180_000);

  it("two targets: the release lies in both targets' regions and every missile arrives", async () => {
    const second = { name: "second", lat_deg: 30.1, lon_deg: 9.8, elevation_m: 0 };
    const lar = await cli(["lar"], mission("second", second));
    expect(lar.code).toBe(0);
    const geo = json(join(lar.out, "lar.geojson"));
    const region = geo.features.find(
      (f: { properties: { role: string; condition: number } }) =>
        f.properties.role === "acceptable" && f.properties.condition === 0,
    ).geometry.coordinates as [number, number][][][];
    const run = await cli(
      ["run"],
      salvo("two-targets", (d) => {
        (d.missiles as Doc[])[1].target = second;
      }),
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const doc = json(join(run.out, "salvo.json"));
    const r = doc.aircraft[0].release;
    expect(r.auto).toBe(true);
    // Even-odd over every ring (outer rings and holes) of the second target's region.
    const rings = region.flat().map((ring) => ring.map(([lon, lat]) => [lat, lon] as const));
    const hits = rings.filter((ring) => pointInPolygon(r.lat_deg, r.lon_deg, ring)).length;
    expect(hits % 2).toBe(1);
    expect(doc.arrived).toBe(2);
  }, 240_000);

  async function refused(file: string, ...parts: (string | RegExp)[]) {
    const r = await cli(["run"], file);
    expect(r.code).not.toBe(0);
    for (const p of parts) expect(r.stderr).toMatch(p);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(r.out)).toBe(false);
  }

  it("auto without a lar block: refused naming aircraft[0].auto, nothing written", async () => {
    await refused(
      salvo("no-lar", (d) => {
        delete d.lar;
      }),
      /aircraft\[0\]\.auto: expected a `lar` block/,
    );
  }, 60_000);

  it("auto with a release position: refused naming aircraft[0].auto, nothing written", async () => {
    await refused(
      salvo("both", (d) => {
        (d.aircraft as Doc[])[0] = { ...(d.aircraft as Doc[])[0], lat_deg: 29.2, lon_deg: 9.3 };
      }),
      /aircraft\[0\]\.auto: expected either auto: true .* not both, got auto: true and lat_deg, lon_deg/,
    );
  }, 60_000);

  it("neither auto nor a position: refused naming aircraft[0].lat_deg, nothing written", async () => {
    await refused(
      salvo("neither", (d) => {
        (d.aircraft as Doc[])[0] = { name: "A", ...RELEASE };
      }),
      /aircraft\[0\]\.lat_deg: expected a number here, or auto: true/,
      /aircraft\[0\]\.heading_deg/,
    );
  }, 60_000);

  it("an empty region: refused naming aircraft[0].auto and the nearest point, nothing written", async () => {
    await refused(
      salvo("empty", (d) => {
        d.air_defence = {
          sites: [
            { name: "big SAM", preset: "long-range-sam", lat_deg: 30, lon_deg: 10.1, network: "n" },
          ],
        };
        d.lar = { cell_km: 2, entry: "none" };
      }),
      /aircraft\[0\]\.auto: expected a non-empty launch acceptability region/,
      /nearest point that would work: [-\d.]+, [-\d.]+/,
    );
  }, 60_000);
});
