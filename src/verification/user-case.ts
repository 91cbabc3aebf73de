/**
 * A check case a user supplies as a folder: a `body` scenario file, one or more reference CSVs in
 * the NASA check-case column format, and `tolerances.yaml` saying which quantities to compare and
 * how closely (format in verification/README.md). `standoff verify --case DIR` runs it.
 */

import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { z } from "zod";
import { nonNegative, positive } from "../scenario/fields.js";
import { loadScenarioFile, validateAgainst } from "../scenario/load.js";
import { type Problem, ScenarioError } from "../scenario/problems.js";
import { QUANTITIES, type Quantity } from "./compare.js";
import type { CheckCase, ReferenceSpec } from "./nasa-cases.js";
import { type History, nasaColumnOf, readNasaHistory } from "./nasa-reference.js";
import { readTextFile } from "./reference-csv.js";
import { DEFAULT_SAMPLE_DT_S } from "./verify.js";

/** The tolerance file's names, tried in this order. */
export const TOLERANCE_FILES = ["tolerances.yaml", "tolerances.yml", "tolerances.json"] as const;

/** Tolerance keys (units in the names, as in scenario files) and the quantity each checks. */
export const TOLERANCE_KEYS = {
  position_m: QUANTITIES.position,
  altitude_m: QUANTITIES.altitude,
  velocity_mps: QUANTITIES.velocity,
  attitude_deg: QUANTITIES.attitude,
  euler_deg: QUANTITIES.euler,
  rates_dps: QUANTITIES.rates,
  mach: QUANTITIES.mach,
  dynamic_pressure_rel: QUANTITIES.qbar,
  gravity_mps2: QUANTITIES.gravity,
  density_rel: QUANTITIES.density,
  pressure_rel: QUANTITIES.pressure,
  temperature_K: QUANTITIES.temperature,
  sound_mps: QUANTITIES.sound,
} as const satisfies Record<string, Quantity>;

type ToleranceKey = keyof typeof TOLERANCE_KEYS;

const TOLERANCE_TEXT: Record<ToleranceKey, string> = {
  position_m: "largest distance between ECEF positions, m",
  altitude_m: "largest altitude difference, m",
  velocity_mps: "largest norm of the NED velocity difference, m/s",
  attitude_deg: "largest angle of the rotation between the attitudes, deg",
  euler_deg: "largest difference of any one Euler angle, deg",
  rates_dps: "largest norm of the body-rate difference, deg/s",
  mach: "largest Mach difference",
  dynamic_pressure_rel: "largest relative dynamic-pressure difference (0.002 = 0.2 %)",
  gravity_mps2: "largest gravity difference, m/s²",
  density_rel: "largest relative air-density difference",
  pressure_rel: "largest relative air-pressure difference",
  temperature_K: "largest air-temperature difference, K",
  sound_mps: "largest speed-of-sound difference, m/s",
};

const levelSchema = z.enum(["geodetic", "geocentric"]);

// The mapping first: when a mapping fails, its own problem (not "expected a string") is reported.
const referenceSchema = z.union([
  z.strictObject({
    file: z.string().min(1).describe("a CSV file in the case folder"),
    label: z.string().min(1).optional().describe("name in the table (default: the file name)"),
    latitude: levelSchema
      .default("geodetic")
      .describe("what its latitude_deg column holds: geodetic or geocentric latitude"),
    attitude_level: levelSchema
      .default("geodetic")
      .describe("the local level its Euler angles are relative to: geodetic NED or geocentric"),
  }),
  z.string().min(1).describe("a CSV file in the case folder"),
]);

/** The tolerance file of a user check case. */
export const toleranceFileSchema = z
  .strictObject({
    title: z.string().min(1).optional().describe("title in the table (default: the folder name)"),
    scenario: z
      .string()
      .min(1)
      .optional()
      .describe("the body scenario file in the folder (default: its only .yaml/.yml/.json file)"),
    references: z
      .array(referenceSchema)
      .min(1)
      .optional()
      .describe("reference CSVs in the folder (default: every .csv file, conventions geodetic)"),
    sample_dt_s: positive("run output and comparison interval, s").default(DEFAULT_SAMPLE_DT_S),
    tolerances: z
      .strictObject(
        Object.fromEntries(
          Object.entries(TOLERANCE_TEXT).map(([k, d]) => [k, nonNegative(d).optional()]),
        ) as Record<ToleranceKey, z.ZodOptional<z.ZodNumber>>,
      )
      .refine((t) => Object.values(t).some((v) => v !== undefined), {
        params: {
          expected: `at least one of ${Object.keys(TOLERANCE_KEYS).join(", ")}`,
          got: "none",
        },
      })
      .describe("quantity → largest allowed difference from the closest reference"),
  })
  .describe("a user check case's tolerances");

/** A validated tolerance file. */
export type ToleranceFile = z.infer<typeof toleranceFileSchema>;

/** A loaded user case: the check case, its references already read, and the files it uses. */
export interface UserCase {
  readonly checkCase: CheckCase;
  readonly references: readonly History[];
  readonly toleranceFile: string;
}

const problem = (file: string, path: string, expected: string, got: string): ScenarioError =>
  new ScenarioError([{ file, path, expected, got } satisfies Problem]);

/**
 * Load a user check case from a folder, checking everything a run needs before running it: the
 * tolerance file (schema), the scenario (present, valid, kind body), the references (present,
 * well-formed CSV with a time column) and that every quantity asked for can be read from at least
 * one reference. Throws ScenarioError naming the file, the path, what was expected and what was
 * found.
 */
export function loadUserCase(dir: string): UserCase {
  const folder = resolve(dir);
  const entries = readdirSync(folder).sort();
  const tolName = TOLERANCE_FILES.find((f) => entries.includes(f));
  if (!tolName) {
    throw problem(
      dir,
      "(folder)",
      `a tolerance file (${TOLERANCE_FILES.join(", ")}) in the check-case folder`,
      `none (found ${describeEntries(entries)})`,
    );
  }
  const tolFile = join(dir, tolName);
  const tol = validateAgainst(
    toleranceFileSchema,
    readTextFile(tolFile, "a readable YAML or JSON file"),
    tolFile,
  );

  const scenarioFile = pickScenario(dir, folder, entries, tol, tolFile, tolName);
  const scenario = loadScenarioFile(scenarioFile);
  if (scenario.kind !== "body") {
    throw problem(scenarioFile, "kind", "a body scenario (kind: body)", `kind: ${scenario.kind}`);
  }
  const step = scenario.simulation.step_s;
  const k = Math.round(tol.sample_dt_s / step);
  if (k < 1 || Math.abs(k * step - tol.sample_dt_s) > 1e-9 * tol.sample_dt_s) {
    throw problem(
      tolFile,
      "sample_dt_s",
      `a whole multiple of the scenario's simulation.step_s (${step} s)`,
      String(tol.sample_dt_s),
    );
  }

  const specs = referenceSpecs(dir, folder, entries, tol, tolFile);
  const references = specs.map((r) => readNasaHistory(r.file, r.conventions));
  specs.forEach((r, i) => {
    const t = references[i].get("t_s") as Float64Array;
    if (!sharesSampleTime(t, tol.sample_dt_s, scenario.simulation.duration_s)) {
      throw problem(
        r.file,
        "time",
        `sample times on the run's ${tol.sample_dt_s} s grid from 0 to ${scenario.simulation.duration_s} s`,
        `times from ${t[0]} to ${t[t.length - 1]} s, none on that grid`,
      );
    }
  });

  const checks: { quantity: Quantity; tolerance: number }[] = [];
  for (const [key, quantity] of Object.entries(TOLERANCE_KEYS) as [ToleranceKey, Quantity][]) {
    const tolerance = tol.tolerances[key];
    if (tolerance === undefined) continue;
    if (!references.some((h) => quantity.columns.every((c) => h.has(c)))) {
      throw problem(
        tolFile,
        `tolerances.${key}`,
        `${columnsText(quantity)} in at least one reference CSV`,
        `none in ${specs.map((r) => basename(r.file)).join(", ")}`,
      );
    }
    checks.push({ quantity, tolerance });
  }

  return {
    checkCase: {
      id: basename(folder),
      title: tol.title ?? "user check case",
      scenario: resolve(scenarioFile),
      references: specs.map((r) => ({ ...r, file: resolve(r.file) })),
      checks,
      sampleDt_s: tol.sample_dt_s,
    },
    references,
    toleranceFile: tolFile,
  };
}

/** Whether `dir` names an existing folder. */
export function isDirectory(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}

function pickScenario(
  dir: string,
  folder: string,
  entries: readonly string[],
  tol: ToleranceFile,
  tolFile: string,
  tolName: string,
): string {
  if (tol.scenario !== undefined) {
    const f = join(dir, tol.scenario);
    if (!existsSync(resolve(folder, tol.scenario))) {
      throw problem(tolFile, "scenario", "a scenario file in the case folder", `no such file ${f}`);
    }
    return f;
  }
  const candidates = entries.filter(
    (e) => e !== tolName && [".yaml", ".yml", ".json"].includes(extname(e).toLowerCase()),
  );
  if (candidates.length !== 1) {
    throw problem(
      dir,
      "(folder)",
      `one scenario file (.yaml, .yml or .json besides ${tolName}), or scenario: in ${tolName}`,
      candidates.length === 0 ? "none" : `${candidates.length} (${candidates.join(", ")})`,
    );
  }
  return join(dir, candidates[0]);
}

function referenceSpecs(
  dir: string,
  folder: string,
  entries: readonly string[],
  tol: ToleranceFile,
  tolFile: string,
): ReferenceSpec[] {
  if (tol.references === undefined) {
    const csvs = entries.filter((e) => extname(e).toLowerCase() === ".csv");
    if (csvs.length === 0) {
      throw problem(
        dir,
        "(folder)",
        "one or more reference CSV files (.csv) in the case folder",
        "none",
      );
    }
    return csvs.map((f) => ({
      file: join(dir, f),
      label: basename(f, extname(f)),
      conventions: { latitude: "geodetic", attitudeLevel: "geodetic" },
    }));
  }
  return tol.references.map((r, i) => {
    const o = typeof r === "string" ? { file: r } : r;
    const file = join(dir, o.file);
    if (!existsSync(resolve(folder, o.file))) {
      throw problem(
        tolFile,
        typeof r === "string" ? `references[${i}]` : `references[${i}].file`,
        "a reference CSV file in the case folder",
        `no such file ${file}`,
      );
    }
    return {
      file,
      label: typeof r === "string" || r.label === undefined ? basename(o.file, ".csv") : r.label,
      conventions: {
        latitude: typeof r === "string" ? "geodetic" : r.latitude,
        attitudeLevel: typeof r === "string" ? "geodetic" : r.attitude_level,
      },
    };
  });
}

/** Whether a reference has a sample time on the run's output grid (to the comparison's 1 µs). */
function sharesSampleTime(t: Float64Array, dt: number, duration: number): boolean {
  for (const v of t) {
    const k = Math.round(v / dt);
    if (v >= -1e-6 && v <= duration + 1e-6 && Math.abs(k * dt - v) < 1e-6) return true;
  }
  return false;
}

/** "column mach" / "columns gePosition_ft_X, …" in the check-case format. */
function columnsText(q: Quantity): string {
  const names = q.columns.map((c) => nasaColumnOf(c) ?? c);
  if (q.columns.includes("x_ecef_m")) {
    return "columns gePosition_ft_X, gePosition_ft_Y, gePosition_ft_Z (or latitude_deg, longitude_deg, altitudeMsl_ft)";
  }
  return `${names.length === 1 ? "column" : "columns"} ${names.join(", ")}`;
}

function describeEntries(entries: readonly string[]): string {
  if (entries.length === 0) return "an empty folder";
  const shown = entries.slice(0, 6).join(", ");
  return entries.length > 6 ? `${shown}, …` : shown;
}
