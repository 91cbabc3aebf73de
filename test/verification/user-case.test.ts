import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";
import { NASA_CASES, VERIFICATION_DIR } from "../../src/verification/nasa-cases.js";
import { verifyCase } from "../../src/verification/verify.js";

const tmp = mkdtempSync(join(tmpdir(), "standoff-user-case-"));
const REF = (sim: string) => join(VERIFICATION_DIR, `nasa/reference/Atmos_06_${sim}.csv`);
const SCENARIO = join(VERIFICATION_DIR, "nasa/atmos_06_sphere_with_drag.yaml");

/** Case 6's own tolerances, in the tolerance file's keys. */
const CASE6_TOLERANCES = `tolerances:
  position_m: 0.1
  altitude_m: 0.1
  velocity_mps: 0.02
  attitude_deg: 1.0e-6
  rates_dps: 1.0e-9
  mach: 1.0e-4
  dynamic_pressure_rel: 2.0e-3
  gravity_mps2: 1.0e-5
  density_rel: 2.0e-3
  pressure_rel: 2.0e-3
  temperature_K: 0.01
  sound_mps: 0.01
`;

/** The published simulations' conventions (see src/verification/nasa-cases.ts). */
const CASE6_REFERENCES = `title: dropped sphere with drag, from the bundled case 6
scenario: scenario.yaml
references:
  - { file: sim_01.csv, label: sim_01, latitude: geodetic, attitude_level: geocentric }
  - { file: sim_02.csv, label: sim_02, latitude: geocentric, attitude_level: geocentric }
`;

let n = 0;

/**
 * A user case folder made from bundled case 6: scenario.yaml, sim_01.csv and sim_02.csv (unless
 * left out or replaced), and tolerances.yaml with the given text (null: no tolerance file).
 */
function makeCase(
  tolerances: string | null,
  opts: {
    omit?: string[];
    edit?: Record<string, (text: string) => string>;
    extra?: Record<string, string>;
  } = {},
): string {
  const dir = join(tmp, `case-${++n}`);
  mkdirSync(dir);
  const files: Record<string, string> = {
    "scenario.yaml": SCENARIO,
    "sim_01.csv": REF("sim_01"),
    "sim_02.csv": REF("sim_02"),
  };
  for (const [name, from] of Object.entries(files)) {
    if (opts.omit?.includes(name)) continue;
    const edit = opts.edit?.[name];
    if (edit) writeFileSync(join(dir, name), edit(readFileSync(from, "utf8")));
    else copyFileSync(from, join(dir, name));
  }
  for (const [name, text] of Object.entries(opts.extra ?? {})) writeFileSync(join(dir, name), text);
  if (tolerances !== null) writeFileSync(join(dir, "tolerances.yaml"), tolerances);
  return dir;
}

async function verify(...args: string[]) {
  const io = captureOutput();
  const code = await main(["verify", ...args], io);
  return { code, out: io.stdout, err: io.stderr };
}

/** Rewrite one column of a CSV text, row by row (0-based data row index). */
function editColumn(text: string, column: string, f: (v: number, t: number) => number): string {
  const lines = text.trimEnd().split("\n");
  const header = lines[0].split(",");
  const c = header.indexOf(column);
  const t = header.indexOf("time");
  if (c < 0) throw new Error(`no column ${column}`);
  return `${[
    lines[0],
    ...lines.slice(1).map((l) => {
      const cells = l.split(",");
      cells[c] = String(f(Number(cells[c]), Number(cells[t])));
      return cells.join(",");
    }),
  ].join("\n")}\n`;
}

/** Remove one column from a CSV text. */
function dropColumn(text: string, column: string): string {
  const lines = text.trimEnd().split("\n");
  const c = lines[0].split(",").indexOf(column);
  if (c < 0) throw new Error(`no column ${column}`);
  return `${lines.map((l) => l.split(",").toSpliced(c, 1).join(",")).join("\n")}\n`;
}

/** No stack trace, no table: just the error lines. */
function expectCleanError(r: { code: number; out: string[]; err: string[] }, code = 1) {
  expect(r.code).toBe(code);
  expect(r.out).toEqual([]);
  expect(r.err.length).toBeGreaterThan(0);
  for (const l of r.err) {
    expect(l).not.toMatch(/^\s+at /);
    expect(l).not.toMatch(/internal error/);
  }
}

describe("standoff verify --case DIR: a check case of the user's own", () => {
  it("a copy of bundled case 6 passes, with the same errors as the bundled case", async () => {
    const dir = makeCase(CASE6_REFERENCES + CASE6_TOLERANCES);
    const r = await verify("--case", dir);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const rows = r.out.filter((l) => / (pass|FAIL)$/.test(l));
    expect(rows.length).toBe(12);
    expect(rows.every((l) => l.endsWith(" pass"))).toBe(true);
    expect(r.out.some((l) => l.includes("vs sim_01") && l.includes("vs sim_02"))).toBe(true);
    expect(r.out.at(-1)).toBe("12 passed, 0 failed");

    const json = await verify("--case", dir, "--json");
    expect(json.code).toBe(0);
    const got = JSON.parse(json.out.join("\n")) as {
      rows: { quantity: string; maxError: number; errors: number[] }[];
    };
    const c6 = NASA_CASES.find((c) => c.id === "atmos-06");
    if (!c6) throw new Error("case 6 missing");
    const bundled = verifyCase(c6);
    for (const b of bundled) {
      const u = got.rows.find((x) => x.quantity === b.quantity);
      expect(u?.maxError, b.quantity).toBe(b.maxError);
      // JSON writes NaN (a reference without the quantity) as null.
      expect(u?.errors, b.quantity).toEqual(b.errors.map((e) => (Number.isNaN(e) ? null : e)));
    }
  });

  it("defaults: the folder's only YAML is the scenario and every CSV a reference", async () => {
    const dir = makeCase("tolerances: { position_m: 0.1, velocity_mps: 0.02, mach: 1.0e-4 }\n", {
      omit: ["sim_02.csv"],
    });
    const r = await verify("--case", dir);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out.filter((l) => l.endsWith(" pass")).length).toBe(3);
    expect(r.out.some((l) => l.includes("vs sim_01") && !l.includes("vs sim_02"))).toBe(true);
  });

  it("a perturbed reference fails: 0.5 ft/s more sink rate after 10 s fails velocity, exit 1", async () => {
    // Listed by name (a plain string: default conventions); the unlisted sim_02.csv is not used.
    const dir = makeCase(
      "references: [sim_01.csv]\ntolerances: { position_m: 0.1, velocity_mps: 0.02, mach: 1.0e-4 }\n",
      {
        edit: {
          "sim_01.csv": (t) =>
            editColumn(t, "feVelocity_ft_s_Z", (v, s) => (s >= 10 ? v + 0.5 : v)),
        },
      },
    );
    const r = await verify("--case", dir);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(1);
    const velocity = r.out.find((l) => l.includes("velocity (NED)"));
    expect(velocity).toMatch(/ FAIL$/);
    expect(r.out.find((l) => l.includes("position (ECEF)"))).toMatch(/ pass$/);
    expect(r.out.some((l) => l.includes("vs sim_01") && !l.includes("vs sim_02"))).toBe(true);
    expect(r.out.at(-1)).toBe("2 passed, 1 failed");
  });

  describe("bad folders give one clear line naming the file and field, exit 1", () => {
    it("no scenario file", async () => {
      const dir = makeCase(CASE6_TOLERANCES, { omit: ["scenario.yaml"] });
      const r = await verify("--case", dir);
      expectCleanError(r);
      expect(r.err[0]).toBe(
        `${dir}: (folder): expected one scenario file (.yaml, .yml or .json besides tolerances.yaml), or scenario: in tolerances.yaml, got none`,
      );
    });

    it("two candidate scenario files and no scenario: key", async () => {
      const dir = makeCase(CASE6_TOLERANCES, { extra: { "other.yaml": "kind: body\n" } });
      const r = await verify("--case", dir);
      expectCleanError(r);
      expect(r.err[0]).toContain("got 2 (other.yaml, scenario.yaml)");
    });

    it("a scenario named in tolerances.yaml that is not there", async () => {
      const dir = makeCase(`scenario: missing.yaml\n${CASE6_TOLERANCES}`);
      const r = await verify("--case", dir);
      expectCleanError(r);
      expect(r.err[0]).toContain(`${join(dir, "tolerances.yaml")}: scenario: expected`);
      expect(r.err[0]).toContain("no such file");
    });

    it("an invalid scenario: the scenario's own problems", async () => {
      const dir = makeCase(CASE6_TOLERANCES, {
        edit: { "scenario.yaml": (t) => t.replace("mass_kg: 14.5939029372", "mass_kg: -1") },
      });
      const r = await verify("--case", dir);
      expectCleanError(r);
      expect(r.err[0]).toMatch(
        /scenario\.yaml:\d+:\d+: body\.mass_kg: expected a number > 0, got -1$/,
      );
    });

    it("no tolerance file", async () => {
      const dir = makeCase(null);
      const r = await verify("--case", dir);
      expectCleanError(r);
      expect(r.err[0]).toContain(`${dir}: (folder): expected a tolerance file (tolerances.yaml`);
    });

    it("a malformed CSV cell: file, line and column", async () => {
      const dir = makeCase(CASE6_TOLERANCES, {
        edit: {
          "sim_01.csv": (t) => {
            const lines = t.split("\n");
            const cells = lines[4].split(",");
            cells[1] = "2.0955x6E7";
            lines[4] = cells.join(",");
            return lines.join("\n");
          },
        },
      });
      const r = await verify("--case", dir);
      expectCleanError(r);
      expect(r.err[0]).toBe(
        `${join(dir, "sim_01.csv")}:5:1: gePosition_ft_X: expected a finite number, got "2.0955x6E7"`,
      );
    });

    it("a short row, a missing time column, an empty file", async () => {
      const short = makeCase(CASE6_TOLERANCES, {
        edit: { "sim_02.csv": (t) => t.replace(/\n([^\n]*),[^,\n]*\n/, "\n$1\n") },
      });
      let r = await verify("--case", short);
      expectCleanError(r);
      expect(r.err[0]).toBe(
        `${join(short, "sim_02.csv")}:2:1: (document): expected 27 comma-separated cells, as in the header, got 26`,
      );

      const noTime = makeCase(CASE6_TOLERANCES, {
        edit: { "sim_01.csv": (t) => t.replace(/^time,/, "t,") },
      });
      r = await verify("--case", noTime);
      expectCleanError(r);
      expect(r.err[0]).toContain(
        `${join(noTime, "sim_01.csv")}:1:1: time: expected a column named time (s), got none among 31 columns (t, gePosition_ft_X,`,
      );

      const empty = makeCase(CASE6_TOLERANCES, { edit: { "sim_01.csv": () => "" } });
      r = await verify("--case", empty);
      expectCleanError(r);
      expect(r.err[0]).toBe(
        `${join(empty, "sim_01.csv")}: (document): expected a CSV header row of column names, got an empty file`,
      );
    });

    it("a quantity no reference has a column for", async () => {
      const dir = makeCase(CASE6_TOLERANCES, {
        edit: {
          "sim_01.csv": (t) => dropColumn(t, "mach"),
          "sim_02.csv": (t) => dropColumn(t, "mach"),
        },
      });
      const r = await verify("--case", dir);
      expectCleanError(r);
      expect(r.err[0]).toBe(
        `${join(dir, "tolerances.yaml")}: tolerances.mach: expected column mach in at least one reference CSV, got none in sim_01.csv, sim_02.csv`,
      );
    });

    it("a reference named in tolerances.yaml that is not there", async () => {
      const dir = makeCase(CASE6_REFERENCES + CASE6_TOLERANCES, { omit: ["sim_02.csv"] });
      const r = await verify("--case", dir);
      expectCleanError(r);
      expect(r.err[0]).toBe(
        `${join(dir, "tolerances.yaml")}: references[1].file: expected a reference CSV file in the case folder, got no such file ${join(dir, "sim_02.csv")}`,
      );
    });

    it("a bad tolerance file: unknown key, negative tolerance, bad convention, no tolerances, bad YAML", async () => {
      const tol = join("tolerances.yaml");
      let dir = makeCase(
        "tolerances:\n  positon_m: 0.1\n  mach: -1\nreferences: [{ file: sim_01.csv, latitude: geodesic }]\n",
      );
      let r = await verify("--case", dir);
      expectCleanError(r);
      const f = join(dir, tol);
      expect(r.err).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            new RegExp(
              `^${f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2:3: tolerances\\.positon_m: expected one of the keys position_m, .* \\(did you mean "position_m"\\?\\), got unknown key "positon_m"$`,
            ),
          ),
          `${f}:3:9: tolerances.mach: expected a number ≥ 0, got -1`,
          expect.stringContaining(
            `references[0].latitude: expected one of "geodetic", "geocentric", got "geodesic"`,
          ),
        ]),
      );

      dir = makeCase("title: nothing to check\ntolerances: {}\n");
      r = await verify("--case", dir);
      expectCleanError(r);
      expect(r.err[0]).toMatch(
        /tolerances\.yaml:2:\d+: tolerances: expected at least one of position_m, /,
      );

      dir = makeCase("tolerances: [1\n");
      r = await verify("--case", dir);
      expectCleanError(r);
      expect(r.err[0]).toContain("tolerances.yaml:");
      expect(r.err[0]).toContain("expected valid YAML or JSON, got a syntax error");

      dir = makeCase("sample_dt_s: 0.015\ntolerances: { mach: 1 }\n");
      r = await verify("--case", dir);
      expectCleanError(r);
      expect(r.err[0]).toBe(
        `${join(dir, "tolerances.yaml")}: sample_dt_s: expected a whole multiple of the scenario's simulation.step_s (0.01 s), got 0.015`,
      );
    });
  });

  describe("--case that is not a folder keeps selecting bundled cases", () => {
    it("a missing option argument is a usage error, exit 2", async () => {
      const r = await verify("--case");
      expect(r.code).toBe(2);
      expect(r.err.join("\n")).toContain("option '--case <id|dir>' argument missing");
    });

    it("part of a case id runs only that case", async () => {
      const r = await verify("--case", "atmos-10");
      expect(r.code).toBe(0);
      const rows = r.out.filter((l) => / (pass|FAIL)$/.test(l));
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((l) => l.startsWith("atmos-10 "))).toBe(true);
    });

    it("neither a folder nor part of an id is an error, exit 1 (as before)", async () => {
      const r = await verify("--case", join(tmp, "no-such-folder"));
      expectCleanError(r, 1);
      expect(r.err[0]).toContain("--case: expected part of one of the case ids atmos-01,");
      expect(r.err[0]).toContain("(no case id contains it and there is no such folder)");
    });

    it("a file instead of its folder is an error, exit 1", async () => {
      const dir = makeCase(CASE6_TOLERANCES);
      const r = await verify("--case", join(dir, "tolerances.yaml"));
      expectCleanError(r, 1);
      expect(r.err[0]).toContain("(give its folder)");
    });
  });
});

process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));
