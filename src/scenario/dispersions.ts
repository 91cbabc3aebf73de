/**
 * A scenario file as a Monte Carlo study: the scenario itself (validated as `standoff run` would),
 * its `dispersions:` block, and the per-run scenarios drawn from them.
 *
 * Per run i of a study with seed S (all draws from Rng, nothing from the clock):
 * - the run's stream is Rng.fromSeed(S).stream(`run-${i}`); its first two words make the run's
 *   53-bit `seed`, which replaces the scenario's, so the simulation's own named streams (IMU,
 *   GNSS, wind, seeker, threats) differ per run;
 * - each dispersed parameter draws from the run stream's child named `dispersion:<path>`, so adding,
 *   removing or reordering one parameter never changes another's draws;
 * - the dispersed document is validated again against the scenario schema: a draw outside the
 *   schema's range is reported as a bad dispersion naming the parameter, the run and the value.
 *
 * Until the mission schema has a `dispersions` field, the block is validated here with its own
 * schema and blanked out of the text (keeping every other line and column) before the scenario is
 * validated, so error positions stay those of the file.
 */

import { createHash } from "node:crypto";
import type { Node } from "yaml";
import { z } from "zod";
import { type DispersionParam, type Dispersions, dispersionsSchema } from "./dispersion-schema.js";
import { parseYamlText, readScenarioText, validateParsed } from "./load.js";
import type { MissionScenario } from "./mission-schema.js";
import {
  describeValue,
  issuesToProblems,
  type Problem,
  pathToString,
  ScenarioError,
} from "./problems.js";
import { scenarioSchema } from "./schema.js";

/** A key or list index along a dispersion path. */
export type PathSegment = string | number;

/** A dispersed parameter resolved against the scenario. */
export interface ResolvedParam {
  readonly param: DispersionParam;
  /** Index in dispersions.params. */
  readonly index: number;
  readonly segments: readonly PathSegment[];
  /** The value in the file (or the schema default when the file leaves it out). */
  readonly nominal: number;
  /** 1-based line of the entry in the file, when known. */
  readonly line?: number;
}

/** A scenario file ready for a study. */
export interface StudyScenario {
  readonly file: string;
  /** The file's text, as read (workers parse exactly this). */
  readonly text: string;
  /** SHA-256 of the file's text (hex), to refuse resuming a study of another scenario. */
  readonly hash: string;
  /** The undispersed scenario, validated. */
  readonly base: MissionScenario;
  /** The parsed document without its dispersions block (the per-run scenarios start from it). */
  readonly document: Readonly<Record<string, unknown>>;
  /** The dispersions block (an empty one when the file has none). */
  readonly dispersions: Dispersions;
  readonly params: readonly ResolvedParam[];
}

/** What one run draws: its seed and one value per dispersed parameter, in declared order. */
export interface RunDraw {
  readonly index: number;
  readonly seed: number;
  readonly values: readonly number[];
}

/** Top-level keys no dispersion may touch, with the reason given in the error. */
const FORBIDDEN: readonly [RegExp, string][] = [
  [/^seed$/, "a parameter other than seed (each run gets its own seed from the study seed)"],
  [/^kind$|^name$|^description$/, "a numeric parameter"],
  [
    /^environment\.terrain(\.|$)/,
    "a parameter outside environment.terrain (terrain is loaded once per study, not dispersed)",
  ],
];

/** Read a scenario file for a study; throws ScenarioError listing every problem. */
export function loadStudyScenario(file: string): StudyScenario {
  return parseStudyScenarioText(readScenarioText(file), file);
}

/** Validate scenario text with its dispersions block (`file` names it in errors). */
export function parseStudyScenarioText(text: string, file: string): StudyScenario {
  // Parsed once (with the same limits on hostile input as `standoff run`); the block first, with
  // positions, then the rest of the document as `standoff run` reads it.
  const parsed = parseYamlText(text, file);
  const { doc, lineCounter } = parsed;
  const withBlock = validateParsed(
    z.looseObject({ dispersions: dispersionsSchema.optional() }),
    parsed,
    file,
  );
  const dispersions: Dispersions = withBlock.dispersions ?? { params: [] };
  const scenario = validateParsed(scenarioSchema, parsed, file);
  if (scenario.kind !== "mission") {
    throw new ScenarioError([
      {
        file,
        path: "kind",
        expected: "mission (a Monte Carlo study flies one missile)",
        got: JSON.stringify(scenario.kind),
      },
    ]);
  }
  // A copy: the parsed data stays as read.
  const data: Record<string, unknown> = { ...parsed.data };
  delete data.dispersions;
  const lineOf = (i: number): number | undefined => {
    const node = doc.getIn(["dispersions", "params", i], true) as Node | undefined;
    const off = node?.range?.[0];
    return off === undefined ? undefined : lineCounter.linePos(off).line;
  };
  const problems: Problem[] = [];
  const params: ResolvedParam[] = [];
  dispersions.params.forEach((param, index) => {
    const line = lineOf(index);
    const where = {
      file,
      ...(line === undefined ? {} : { line, col: 1 }),
      path: `dispersions.params[${index}].path`,
    };
    const forbidden = FORBIDDEN.find(([re]) => re.test(param.path));
    if (forbidden) {
      problems.push({ ...where, expected: forbidden[1], got: JSON.stringify(param.path) });
      return;
    }
    const segments = parsePath(param.path);
    const found = resolveNumber(data, scenario, segments);
    if (typeof found === "string") {
      problems.push({ ...where, expected: "a path to a number in the scenario", got: found });
      return;
    }
    params.push({
      param,
      index,
      segments,
      nominal: found,
      ...(line === undefined ? {} : { line }),
    });
  });
  if (problems.length > 0) throw new ScenarioError(problems);
  return {
    file,
    text,
    hash: createHash("sha256").update(text).digest("hex"),
    base: scenario,
    document: data,
    dispersions,
    params,
  };
}

/** Split `a.b[2].c` into ["a", "b", 2, "c"]. */
export function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const part of path.split(".")) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) throw new RangeError(`bad dispersion path ${path}`);
    out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Step one segment into a document node (undefined when absent). */
function child(node: unknown, seg: PathSegment): unknown {
  if (typeof seg === "number") return Array.isArray(node) ? node[seg] : undefined;
  return isRecord(node) && Object.hasOwn(node, seg) ? node[seg] : undefined;
}

/**
 * The number at a path: from the file, or else the schema's default in the validated scenario
 * (the key is then created in each run's document). A string describes what is there otherwise.
 */
function resolveNumber(
  data: unknown,
  validated: unknown,
  segments: readonly PathSegment[],
): number | string {
  let inFile: unknown = data;
  let inValid: unknown = validated;
  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k];
    const here = pathToString(segments.slice(0, k));
    const bad = (node: unknown): string | null => {
      if (typeof seg === "number") {
        if (!Array.isArray(node)) return `${describeValue(node)} at ${here}, not a list`;
        if (seg >= node.length)
          return `${here} has ${node.length} item${node.length === 1 ? "" : "s"}, no [${seg}]`;
        return null;
      }
      if (!isRecord(node))
        return `${describeValue(node)} at ${here || "(document)"}, not a mapping`;
      if (!Object.hasOwn(node, seg)) {
        const keys = Object.keys(node);
        return `no key ${seg} at ${here || "(document)"}${keys.length > 0 ? ` (its keys: ${keys.join(", ")})` : ""}`;
      }
      return null;
    };
    if (inFile !== undefined && bad(inFile) === null) {
      inFile = child(inFile, seg);
      inValid = child(inValid, seg);
      continue;
    }
    // Not in the file: accept it only if validation filled it in (a default).
    const why = bad(inValid);
    if (why !== null) return why;
    inFile = undefined;
    inValid = child(inValid, seg);
  }
  const v = inFile !== undefined ? inFile : inValid;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    return `${describeValue(v)} at ${pathToString(segments)}`;
  }
  return v;
}

/** The run's scenario document: the file's, with the run's seed and drawn values set. */
export function dispersedDocument(study: StudyScenario, draw: RunDraw): Record<string, unknown> {
  const doc = structuredClone(study.document) as Record<string, unknown>;
  doc.seed = draw.seed;
  study.params.forEach((rp, k) => {
    let node: Record<string, unknown> | unknown[] = doc;
    const segs = rp.segments;
    for (let j = 0; j < segs.length - 1; j++) {
      const seg = segs[j];
      let next =
        typeof seg === "number" ? (node as unknown[])[seg] : (node as Record<string, unknown>)[seg];
      if (next === undefined) {
        // A defaulted branch: create it (the next segment says mapping or list).
        next = typeof segs[j + 1] === "number" ? [] : {};
        if (typeof seg === "number") (node as unknown[])[seg] = next;
        else (node as Record<string, unknown>)[seg] = next;
      }
      node = next as Record<string, unknown> | unknown[];
    }
    const last = segs[segs.length - 1];
    if (typeof last === "number") (node as unknown[])[last] = draw.values[k];
    else (node as Record<string, unknown>)[last] = draw.values[k];
  });
  return doc;
}

/**
 * The run's validated scenario; a ScenarioError naming the dispersed parameter (and the run and
 * value) when a draw leaves the schema's range.
 */
export function dispersedScenario(study: StudyScenario, draw: RunDraw): MissionScenario {
  if (study.params.length === 0) return { ...study.base, seed: draw.seed };
  const doc = dispersedDocument(study, draw);
  const result = scenarioSchema.safeParse(doc);
  if (result.success && result.data.kind === "mission") return result.data;
  const raw = result.success ? [] : issuesToProblems(result.error.issues, doc, scenarioSchema);
  const drawn = study.params.map((rp, k) => `${rp.param.path} = ${draw.values[k]}`).join(", ");
  const problems: Problem[] = raw.map((p) => {
    const path = pathToString(p.path);
    const rp = study.params.find(
      (q) => q.param.path === path || path.startsWith(`${q.param.path}.`),
    );
    if (rp) {
      return {
        file: study.file,
        ...(rp.line === undefined ? {} : { line: rp.line, col: 1 }),
        path: `dispersions.params[${rp.index}] (${rp.param.path})`,
        expected: `draws within the scenario's range: ${p.expected}`,
        got: `${p.got} in run ${draw.index}`,
      };
    }
    return {
      file: study.file,
      path: `dispersions (${path})`,
      expected: `dispersed values that keep the scenario valid: ${p.expected}`,
      got: `${p.got} in run ${draw.index} (${drawn})`,
    };
  });
  if (problems.length === 0) {
    problems.push({
      file: study.file,
      path: "dispersions",
      expected: "a mission scenario after dispersion",
      got: `another kind in run ${draw.index}`,
    });
  }
  throw new ScenarioError(problems);
}
