import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";

const dir = mkdtempSync(join(tmpdir(), "standoff-bad-"));
const base = parse(readFileSync(new URL("../fixtures/minimal-body.yaml", import.meta.url), "utf8"));

type Json = Record<string, unknown>;

/** Write a variant of the minimal scenario (mutated copy) and return its path. */
function variant(name: string, mutate: (s: Json) => void, ext = "yaml"): string {
  const s = structuredClone(base) as Json;
  mutate(s);
  const file = join(dir, `${name}.${ext}`);
  writeFileSync(file, ext === "json" ? JSON.stringify(s, null, 2) : stringify(s));
  return file;
}

function raw(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Run `standoff run FILE` in-process; return exit code and stderr lines. */
async function runCli(args: string[]) {
  const io = captureOutput();
  const code = await main(args, io);
  return { code, stderr: io.stderr, stdout: io.stdout };
}

const obj = (s: Json, k: string) => s[k] as Json;

interface Case {
  readonly what: string;
  readonly file: () => string;
  /** Each expected line must contain all of these fragments. */
  readonly lines: readonly (readonly string[])[];
}

const cases: Case[] = [
  {
    what: "missing required field",
    file: () => variant("missing", (s) => delete obj(s, "body").mass_kg),
    lines: [["body.mass_kg", "expected a number", "got nothing (the field is missing)"]],
  },
  {
    what: "unknown key with a suggestion",
    file: () => variant("unknown", (s) => (obj(s, "initial").lat_dg = 5)),
    lines: [["initial.lat_dg", 'unknown key "lat_dg"', 'did you mean "lat_deg"']],
  },
  {
    what: "wrong type",
    file: () => variant("type", (s) => (obj(s, "simulation").duration_s = "ten")),
    lines: [["simulation.duration_s", "expected a number", 'got "ten"']],
  },
  {
    what: "negative mass",
    file: () => variant("mass", (s) => (obj(s, "body").mass_kg = -3)),
    lines: [["body.mass_kg", "expected a number > 0", "got -3"]],
  },
  {
    what: "latitude 95°",
    file: () => variant("lat", (s) => (obj(s, "initial").lat_deg = 95)),
    lines: [["initial.lat_deg", "expected a number ≤ 90", "got 95"]],
  },
  {
    what: "step ≤ 0",
    file: () => variant("step", (s) => (obj(s, "simulation").step_s = 0)),
    lines: [["simulation.step_s", "expected a number > 0", "got 0"]],
  },
  {
    what: "altitude beyond the atmosphere model",
    file: () => variant("alt", (s) => (obj(s, "initial").alt_m = 120000)),
    lines: [["initial.alt_m", "inside the atmosphere model", "got 120000"]],
  },
  {
    what: "non-finite number (YAML .nan)",
    file: () =>
      raw(
        "nan.yaml",
        readFileSync(
          variant("nan-src", () => {}),
          "utf8",
        ).replace("mass_kg: 10", "mass_kg: .nan"),
      ),
    lines: [["body.mass_kg", "expected a number (finite)", "got NaN"]],
  },
  {
    what: "non-finite number (YAML .inf)",
    file: () =>
      raw(
        "inf.yaml",
        readFileSync(
          variant("inf-src", () => {}),
          "utf8",
        ).replace("duration_s: 2", "duration_s: .inf"),
      ),
    lines: [["simulation.duration_s", "expected a number (finite)", "got infinity"]],
  },
  {
    what: "several problems at once, each on its own line (JSON file)",
    file: () =>
      variant(
        "multi",
        (s) => {
          obj(s, "body").mass_kg = 0;
          obj(s, "initial").lon_deg = 400;
        },
        "json",
      ),
    lines: [
      ["multi.json", "body.mass_kg", "expected a number > 0", "got 0"],
      ["multi.json", "initial.lon_deg", "expected a number ≤ 360", "got 400"],
    ],
  },
  {
    what: "unknown scenario kind",
    file: () => variant("kind", (s) => (s.kind = "rocket")),
    lines: [["kind", 'expected one of "body"', 'got "rocket"']],
  },
  {
    what: "inertia that no real body can have",
    file: () =>
      variant("inertia", (s) => (obj(s, "body").inertia_kgm2 = { Ixx: 1, Iyy: 1, Izz: 5 })),
    lines: [["body.inertia_kgm2", "triangle inequality"]],
  },
  {
    what: "two altitude forms at once",
    file: () => variant("alts", (s) => (obj(s, "initial").alt_ft = 3000)),
    lines: [["initial", "exactly one of alt_m or alt_ft", "got both"]],
  },
  {
    what: "YAML syntax error with its line",
    file: () => raw("syntax.yaml", "kind: body\nname: [unclosed\nbody: {}\n"),
    lines: [["syntax.yaml:", "expected valid YAML or JSON", "syntax error"]],
  },
  {
    what: "duplicate key",
    file: () => raw("dup.yaml", "kind: body\nkind: body\n"),
    lines: [["dup.yaml:2", "kind: expected each key once in a mapping", '"kind" again']],
  },
  {
    what: "missing file",
    file: () => join(dir, "nope.yaml"),
    lines: [["nope.yaml", "expected a readable YAML or JSON file", "got no such file"]],
  },
  {
    what: "empty file",
    file: () => raw("empty.yaml", "# nothing here\n"),
    lines: [["empty.yaml", "expected a mapping", "got only comments"]],
  },
  {
    what: "wind levels out of order",
    file: () =>
      variant("wind", (s) => {
        s.wind = {
          levels: [
            { alt_m: 1000, speed_mps: 5, from_deg: 270 },
            { alt_m: 500, speed_mps: 5, from_deg: 270 },
          ],
        };
      }),
    lines: [["wind.levels[1].alt_m", "strictly increasing altitude", "got 500"]],
  },
];

describe("bad scenario files give one path-named line per problem and a non-zero exit", () => {
  for (const c of cases) {
    it(c.what, async () => {
      const file = c.file();
      const { code, stderr } = await runCli(["run", file, "--out", join(dir, "out")]);
      expect(code).not.toBe(0);
      expect(stderr.length).toBe(c.lines.length);
      c.lines.forEach((frags, i) => {
        for (const f of frags) expect(stderr[i]).toContain(f);
        // Every line names the file; none is a stack trace.
        expect(stderr[i]).toContain(file.split("/").pop());
        expect(stderr[i]).not.toMatch(/\n\s+at /);
      });
      // validate reports the same lines.
      const v = await runCli(["validate", file]);
      expect(v.code).toBe(1);
      expect(v.stderr).toEqual(stderr);
    });
  }

  it("points at the line and column of the offending value", async () => {
    const file = raw(
      "located.yaml",
      readFileSync(new URL("../fixtures/minimal-body.yaml", import.meta.url), "utf8").replace(
        "lat_deg: 10",
        "lat_deg: 95",
      ),
    );
    const { stderr } = await runCli(["validate", file]);
    expect(stderr[0]).toMatch(
      /located\.yaml:8:12: initial\.lat_deg: expected a number ≤ 90, got 95$/,
    );
  });

  it("rejects a sample interval that is not a multiple of the step", async () => {
    const file = variant("ok", () => {});
    const { code, stderr } = await runCli([
      "run",
      file,
      "--out",
      join(dir, "o2"),
      "--sample-dt",
      "0.015",
    ]);
    // A bad command-line value is a usage error (exit 2), even when it takes the scenario to see.
    expect(code).toBe(2);
    expect(stderr).toEqual([
      "standoff: --sample-dt: expected a positive whole multiple of simulation.step_s (0.01 s), got 0.015 s",
    ]);
    const neg = await runCli(["run", file, "--sample-dt", "-1"]);
    expect(neg.code).toBe(2);
    expect(neg.stderr.join("\n")).toContain("--sample-dt");
  });

  it("accepts the minimal valid scenario", async () => {
    const { code, stderr } = await runCli(["validate", variant("fine", () => {})]);
    expect(stderr).toEqual([]);
    expect(code).toBe(0);
  });
});
