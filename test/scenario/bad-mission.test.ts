import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";

const dir = mkdtempSync(join(tmpdir(), "standoff-badmission-"));
const base = parse(
  readFileSync(new URL("../../examples/strike-a-high.yaml", import.meta.url), "utf8"),
);
type Json = Record<string, unknown>;
const obj = (s: Json, ...keys: string[]) => keys.reduce((o, k) => o[k] as Json, s);

function variant(name: string, mutate: (s: Json) => void): string {
  const s = structuredClone(base) as Json;
  mutate(s);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(s));
  return file;
}

const cases: Array<{ what: string; mutate: (s: Json) => void; frags: string[] }> = [
  {
    what: "unknown preset",
    mutate: (s) => (obj(s, "missile").preset = "agm158z"),
    frags: ["missile.preset", 'expected one of "agm158a-class", "agm158b-class"', 'got "agm158z"'],
  },
  {
    what: "override with a typo",
    mutate: (s) => (obj(s, "missile").overrides = { fuel_kgs: 50 }),
    frags: ["missile.overrides.fuel_kgs", 'did you mean "fuel_kg"'],
  },
  {
    what: "fuel heavier than the missile",
    mutate: (s) => (obj(s, "missile").overrides = { fuel_kg: 5000 }),
    frags: ["missile.overrides.fuel_kg", "less fuel than the launch mass (1020 kg)", "got 5000"],
  },
  {
    what: "no target",
    mutate: (s) => delete s.target,
    frags: ["target", "expected a mapping", "got nothing (the field is missing)"],
  },
  {
    what: "waypoint beyond the pole",
    mutate: (s) => ((obj(s, "route").waypoints as Json[])[1].lat_deg = 95),
    frags: ["route.waypoints[1].lat_deg", "expected a number ≤ 90", "got 95"],
  },
  {
    what: "two release speeds",
    mutate: (s) => (obj(s, "launch").speed_kt = 480),
    frags: ["launch", "exactly one of mach or speed_kt", "got both"],
  },
  {
    what: "terminal step that does not divide the step",
    mutate: (s) => (s.simulation = { step_s: 0.05, terminal_step_s: 0.03 }),
    frags: ["simulation.terminal_step_s", "divides step_s (0.05 s)", "got 0.03"],
  },
  {
    what: "release below the ground",
    mutate: (s) => {
      obj(s, "launch").alt_ft = 100;
      (obj(s, "environment") as Json).ground_elevation_m = 500;
    },
    frags: ["launch.alt_ft", "a release altitude above the ground there (1,640 ft)", "got 100 ft"],
  },
  {
    what: "impact angle out of range",
    mutate: (s) => (obj(s, "target").impact_angle_deg = 120),
    frags: ["target.impact_angle_deg", "expected a number ≤ 90", "got 120"],
  },
];

describe("bad mission files give path-named errors and a non-zero exit", () => {
  for (const c of cases) {
    it(c.what, async () => {
      const file = variant(c.what.replace(/\W+/g, "-"), c.mutate);
      const io = captureOutput();
      const code = await main(["run", file, "--out", join(dir, "out")], io);
      expect(code).toBe(1);
      expect(io.stderr.length).toBe(1);
      for (const f of c.frags) expect(io.stderr[0]).toContain(f);
      expect(io.stderr[0]).toContain(file.split("/").pop());
    });
  }
});
