import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";
import { planningSettings } from "../../src/engine/plan-mission.js";
import { parseScenarioText } from "../../src/scenario/load.js";

const dir = mkdtempSync(join(tmpdir(), "standoff-planning-schema-"));
type Json = Record<string, unknown>;
const load = (name: string) =>
  parse(readFileSync(new URL(`../../examples/${name}.yaml`, import.meta.url), "utf8")) as Json;
const mission = load("strike-a-high");
const salvo = load("salvo-tot");

/** A variant of a scenario written to a file. */
function variant(base: Json, name: string, mutate: (s: Json) => void): string {
  const s = structuredClone(base);
  mutate(s);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(s));
  return file;
}

const square = (lat: number, lon: number, d: number): number[][] => [
  [lat, lon],
  [lat + d, lon],
  [lat + d, lon + d],
  [lat, lon + d],
];

const cases: Array<{ what: string; base: Json; mutate: (s: Json) => void; frags: string[] }> = [
  {
    what: "a no-fly polygon with 2 points",
    base: mission,
    mutate: (s) => {
      s.planning = { no_fly: [{ name: "thin", polygon: square(-19.5, -119.5, 0.1).slice(0, 2) }] };
    },
    frags: [
      "planning.no_fly[0].polygon",
      "expected a list with at least 3 items",
      "got a list of 2 items",
    ],
  },
  {
    what: "a no-fly vertex at latitude 95",
    base: mission,
    mutate: (s) => {
      const polygon = square(-19.5, -119.5, 0.1);
      polygon[1][0] = 95;
      s.planning = { no_fly: [{ name: "pole", polygon }] };
    },
    frags: ["planning.no_fly[0].polygon[1][0]", "expected a number ≤ 90", "got 95"],
  },
  {
    what: "a flat no-fly polygon",
    base: mission,
    mutate: (s) => {
      s.planning = {
        no_fly: [
          {
            name: "line",
            polygon: [
              [-19.5, -119.5],
              [-19.4, -119.4],
              [-19.3, -119.3],
            ],
          },
        ],
      };
    },
    frags: ["planning.no_fly[0].polygon", "a polygon enclosing some area", "vertices on one line"],
  },
  {
    what: "a no-fly area over the target",
    base: mission,
    mutate: (s) => {
      s.planning = { no_fly: [{ name: "target box", polygon: square(-18.6, -118.95, 0.1) }] };
    },
    frags: [
      "planning.no_fly[0].polygon",
      "expected an area that does not contain the target",
      'got "target box", which contains target (-18.55, -118.9)',
    ],
  },
  {
    what: "a misspelt planning key and a reserve of 95 %",
    base: mission,
    mutate: (s) => {
      s.planning = { cell_kms: 2, reserve_fraction: 0.95 };
    },
    frags: [
      'planning.cell_kms: expected one of the keys cell_km, agl_m, no_fly, approach_azimuth_deg, weights, reserve_fraction, margin_km, rcs_m2 (did you mean "cell_km"?)',
      "planning.reserve_fraction: expected a number ≤ 0.9, got 0.95",
    ],
  },
  {
    what: "both weights zero",
    base: mission,
    mutate: (s) => {
      s.planning = { weights: { exposure: 0, fuel_per_kg: 0 } };
    },
    frags: ["planning.weights", "at least one non-zero weight", "both 0"],
  },
  {
    what: "a salvo missile whose aircraft does not exist",
    base: salvo,
    mutate: (s) => {
      (s.missiles as Json[])[2].aircraft = "Viper 3";
    },
    frags: [
      "missiles[2].aircraft",
      'expected the name of an aircraft (one of "Viper 1", "Viper 2")',
      'got "Viper 3"',
    ],
  },
  {
    what: "two salvo aircraft of one name and one without a speed",
    base: salvo,
    mutate: (s) => {
      const ac = s.aircraft as Json[];
      ac[1].name = "Viper 1";
      delete ac[0].mach;
    },
    frags: [
      'aircraft[1].name: expected a name no other aircraft has, got "Viper 1"',
      "aircraft[0].mach: expected exactly one of mach or speed_kt, got neither",
    ],
  },
  {
    what: "a salvo without an arrival window",
    base: salvo,
    mutate: (s) => {
      s.arrival = { time_s: 1500 };
    },
    frags: ["arrival.window_s", "expected a number", "got nothing (the field is missing)"],
  },
];

describe("the planning block and the salvo kind reject bad input with path-named errors", () => {
  for (const c of cases) {
    it(c.what, async () => {
      const file = variant(c.base, c.what.replace(/\W+/g, "-"), c.mutate);
      const io = captureOutput();
      expect(await main(["validate", file], io)).toBe(1);
      const err = io.stderr.join("\n");
      expect(err.startsWith(file)).toBe(true);
      for (const f of c.frags) expect(err).toContain(f);
      expect(err).not.toMatch(/\n\s+at /);
    });
  }
});

describe("a valid planning block", () => {
  it("fills in its defaults, and the examples validate", async () => {
    const text = stringify({
      ...mission,
      planning: { no_fly: [{ name: "box", polygon: square(-19.2, -119.5, 0.2) }] },
    });
    const s = parseScenarioText(text, "inline.yaml");
    if (s.kind !== "mission" || !s.planning) throw new Error("expected a mission with planning");
    const p = planningSettings(s.planning, 90);
    expect(p.cell_m).toBe(1000);
    expect(p.margin_m).toBe(1000);
    expect(p.agl_m).toBe(90); // the cruise height above ground when the block gives none
    expect(p.reserveFraction).toBe(0.15);
    expect(p.weights).toEqual({ exposure: 1, fuel_perKg: 0.02 });
    expect(p.approachAzimuth_deg).toBeNull();
    expect(planningSettings(undefined, null).agl_m).toBe(100);
    const io = captureOutput();
    const examples = ["salvo-tot", "layered-defence"].map(
      (n) => new URL(`../../examples/${n}.yaml`, import.meta.url).pathname,
    );
    expect(await main(["validate", ...examples], io)).toBe(0);
    expect(io.stdout[0]).toContain(
      "ok (salvo of 4, routes and launch times planned: Notional time-on-target salvo)",
    );
    expect(io.stdout[1]).toContain("ok (mission: ");
  });
});
