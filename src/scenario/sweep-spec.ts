/**
 * A Monte Carlo sweep's parameter: `PATH=V1,V2,...` over a scenario file. PATH names a number in
 * the file (`air_defence.sites[1].overrides.pk`, `arrival.window_s`) or a list whose length is
 * swept (`missiles`, `decoys`: the listed entries are kept, or repeated in turn with a numbered
 * name, to make the count). Every swept scenario is validated like the file itself; any problem
 * is a UserError naming --sweep, the path, what was expected and what was found, before anything
 * runs or is written.
 */

import { UserError } from "../core/user-error.js";
import { parsePath } from "./dispersions.js";
import { issuesToProblems, type Problem, pathToString, ScenarioError } from "./problems.js";
import { readScenarioText } from "./read-text.js";
import { parseYamlText } from "./safe-yaml.js";
import { type Scenario, scenarioSchema } from "./schema.js";

/** The lists a sweep may resize by count. */
const COUNT_LISTS = ["missiles", "decoys"] as const;

/** A parsed --sweep. */
export interface SweepSpec {
  readonly path: string;
  readonly values: readonly number[];
  /** True when the path is a list whose length is swept. */
  readonly count: boolean;
}

const usage = (got: string) =>
  new UserError(
    [`--sweep: expected PATH=V1,V2,... with numbers (e.g. missiles=1,2,4,8), got ${got}`],
    2,
  );

/** Parse `PATH=V1,V2,...` (values: finite numbers, at most 50, listed once each). */
export function parseSweepSpec(spec: string): SweepSpec {
  const eq = spec.indexOf("=");
  if (eq <= 0) throw usage(JSON.stringify(spec));
  const path = spec.slice(0, eq).trim();
  const parts = spec.slice(eq + 1).split(",");
  const values = parts.map((v) => (v.trim() === "" ? Number.NaN : Number(v)));
  const bad = parts.find((_, i) => !Number.isFinite(values[i]));
  if (bad !== undefined) {
    throw new UserError(
      [`--sweep ${path}: expected numbers separated by commas, got ${JSON.stringify(bad.trim())}`],
      2,
    );
  }
  if (values.length > 50 || new Set(values).size !== values.length) {
    throw new UserError(
      [`--sweep ${path}: expected at most 50 different values, got ${values.length}`],
      2,
    );
  }
  return { path, values, count: (COUNT_LISTS as readonly string[]).includes(path) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** The scenario document with `path` set to `value` (a count list resized). */
function sweptDocument(doc: unknown, spec: SweepSpec, value: number): Record<string, unknown> {
  const out = structuredClone(doc) as Record<string, unknown>;
  if (spec.count) {
    const list = out[spec.path];
    if (!Number.isInteger(value) || value < 0) {
      throw new UserError(
        [`--sweep ${spec.path}: expected whole counts ≥ 0 of ${spec.path}, got ${value}`],
        2,
      );
    }
    const items = Array.isArray(list) ? list : [];
    if (items.length === 0 && value > 0) {
      throw new UserError(
        [
          `--sweep ${spec.path}: expected a scenario that lists at least one entry under ${spec.path} to repeat, got none`,
        ],
        2,
      );
    }
    out[spec.path] = Array.from({ length: value }, (_, i) => {
      const base = items[i % items.length];
      if (i < items.length || !isRecord(base)) return base;
      return { ...base, name: `${String(base.name)} #${Math.floor(i / items.length) + 1}` };
    });
    return out;
  }
  let segs: (string | number)[];
  try {
    segs = parsePath(spec.path);
  } catch {
    throw new UserError([`--sweep: expected a path like a.b[2].c, got ${spec.path}`], 2);
  }
  let node: unknown = out;
  for (let k = 0; k < segs.length - 1; k++) {
    const seg = segs[k];
    const next: unknown =
      typeof seg === "number"
        ? Array.isArray(node)
          ? node[seg]
          : undefined
        : isRecord(node)
          ? node[seg]
          : undefined;
    if (next === undefined || next === null || typeof next !== "object") {
      throw new UserError(
        [
          `--sweep ${spec.path}: expected a path to a number in the scenario file, got nothing at ${pathToString(segs.slice(0, k + 1))}`,
        ],
        2,
      );
    }
    node = next;
  }
  const last = segs[segs.length - 1];
  const here: unknown =
    typeof last === "number"
      ? Array.isArray(node)
        ? node[last]
        : undefined
      : isRecord(node)
        ? node[last]
        : undefined;
  if (typeof here !== "number") {
    throw new UserError(
      [
        `--sweep ${spec.path}: expected a path to a number in the scenario file, got ${here === undefined ? "nothing there" : JSON.stringify(here)}`,
      ],
      2,
    );
  }
  (node as Record<string | number, unknown>)[last] = value;
  return out;
}

/** The file's scenario at every value of the sweep, validated; bad input throws before any run. */
export function sweptScenarios(file: string, spec: SweepSpec): Scenario[] {
  const parsed = parseYamlText(readScenarioText(file), file);
  return spec.values.map((value) => {
    const doc = sweptDocument(parsed.data, spec, value);
    const result = scenarioSchema.safeParse(doc);
    if (result.success) return result.data;
    const problems: Problem[] = issuesToProblems(result.error.issues, doc, scenarioSchema).map(
      (p) => ({
        file,
        path: `${pathToString(p.path)} (--sweep ${spec.path}=${value})`,
        expected: p.expected,
        got: p.got,
      }),
    );
    throw new ScenarioError(problems);
  });
}

/**
 * The file's document at every value of the sweep as JSON text (which YAML reads), each validated
 * first like sweptScenarios: a mission sweep parses each with its dispersions block as a study.
 */
export function sweptScenarioTexts(file: string, spec: SweepSpec): string[] {
  sweptScenarios(file, spec);
  const parsed = parseYamlText(readScenarioText(file), file);
  return spec.values.map((value) => JSON.stringify(sweptDocument(parsed.data, spec, value)));
}
