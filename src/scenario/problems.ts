/**
 * Turning validation failures into one line per problem that names the file, the place (line and
 * column when known), the path in the document, what was expected and what was found.
 */

import type { z } from "zod";

/** One thing wrong with a scenario file. */
export interface Problem {
  readonly file: string;
  /** 1-based line and column of the offending node, when the parser could locate it. */
  readonly line?: number;
  readonly col?: number;
  /** Dotted path in the document, e.g. `initial.lat_deg` or `wind.levels[2].alt_m`. */
  readonly path: string;
  readonly expected: string;
  readonly got: string;
}

/** A scenario that could not be read or validated; carries every problem found. */
export class ScenarioError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "ScenarioError";
  }
}

/** `file:line:col: path: expected …, got …` */
export function formatProblem(p: Problem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.col ?? 1}`;
  return `${where}: ${p.path || "(document)"}: expected ${p.expected}, got ${p.got}`;
}

/** Render a path array as `a.b[2].c`. */
export function pathToString(path: readonly PropertyKey[]): string {
  let s = "";
  for (const k of path) {
    if (typeof k === "number") s += `[${k}]`;
    else s += s === "" ? String(k) : `.${String(k)}`;
  }
  return s;
}

/** Describe a value the way a person would write it. */
export function describeValue(v: unknown): string {
  if (v === undefined) return "nothing (the field is missing)";
  if (v === null) return "null";
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "NaN (not a number)";
    if (!Number.isFinite(v)) return v > 0 ? "infinity" : "−infinity";
    return String(v);
  }
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `a list of ${v.length} item${v.length === 1 ? "" : "s"}`;
  if (typeof v === "object") {
    const keys = Object.keys(v as object);
    return keys.length === 0 ? "an empty mapping" : `a mapping with keys ${keys.join(", ")}`;
  }
  return typeof v;
}

/** Where a problem is, before the file and position are attached. */
export interface RawProblem {
  readonly path: readonly PropertyKey[];
  readonly expected: string;
  readonly got: string;
  /** The problem concerns this key's name rather than its value (unknown keys). */
  readonly atKey?: string;
}

/** Read a value at a path inside parsed data (undefined when absent). */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = data;
  for (const k of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

/** The keys a strict object schema allows at a path, for "did you mean" hints. */
function allowedKeys(schema: z.ZodType, path: readonly PropertyKey[], data: unknown): string[] {
  let cur: unknown = schema;
  let i = 0;
  for (let guard = 0; guard < 200 && cur; guard++) {
    const def = (cur as { _zod: { def: Record<string, unknown> } })._zod.def;
    const type = def.type as string;
    if (type === "optional" || type === "default" || type === "nullable" || type === "prefault") {
      cur = def.innerType;
    } else if (type === "pipe") {
      cur = def.in;
    } else if (type === "union") {
      const options = def.options as z.ZodType[];
      const sub = valueAt(data, path.slice(0, i));
      const disc = def.discriminator as string | undefined;
      let pick: z.ZodType | undefined;
      if (disc && sub && typeof sub === "object") {
        const want = (sub as Record<string, unknown>)[disc];
        pick = options.find((o) => {
          const shape = (o as unknown as { _zod: { def: { shape?: Record<string, z.ZodType> } } })
            ._zod.def.shape;
          const lit = shape?.[disc] as unknown as { _zod: { def: { values?: unknown[] } } };
          return lit?._zod.def.values?.includes(want);
        });
      }
      if (!pick && sub && typeof sub === "object") {
        const have = Object.keys(sub as object);
        pick = options.find((o) => {
          const shape = (o as unknown as { _zod: { def: { shape?: Record<string, unknown> } } })
            ._zod.def.shape;
          return shape !== undefined && have.some((k) => k in shape);
        });
      }
      if (!pick) return [];
      cur = pick;
    } else if (i === path.length) {
      return type === "object" ? Object.keys(def.shape as object) : [];
    } else if (type === "object") {
      cur = (def.shape as Record<PropertyKey, unknown>)[path[i]];
      i++;
    } else if (type === "array") {
      cur = def.element;
      i++;
    } else {
      return [];
    }
  }
  return [];
}

/** Levenshtein distance, for suggesting the key a typo meant. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length];
}

function boundText(
  origin: string | undefined,
  op: "≤" | "<" | "≥" | ">",
  limit: number | bigint,
): string {
  if (origin === "array")
    return `a list with ${op === "≤" || op === "<" ? "at most" : "at least"} ${limit} item${limit === 1 ? "" : "s"}`;
  if (origin === "string")
    return limit === 1 && op === "≥" ? "a non-empty string" : `a string of length ${op} ${limit}`;
  return `a number ${op} ${limit}`;
}

/** Convert zod issues into raw problems, looking values up in the parsed data. */
export function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
  schema: z.ZodType,
  prefix: readonly PropertyKey[] = [],
): RawProblem[] {
  const out: RawProblem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    const got = describeValue(valueAt(data, path));
    switch (issue.code) {
      case "invalid_type": {
        const expected =
          issue.expected === "object"
            ? "a mapping"
            : issue.expected === "array"
              ? "a list"
              : `a ${issue.expected}`;
        out.push({
          path,
          expected: `${expected}${issue.expected === "number" ? " (finite)" : ""}`,
          got,
        });
        break;
      }
      case "too_big":
        out.push({
          path,
          expected: boundText(issue.origin, issue.inclusive ? "≤" : "<", issue.maximum as number),
          got,
        });
        break;
      case "too_small":
        out.push({
          path,
          expected: boundText(issue.origin, issue.inclusive ? "≥" : ">", issue.minimum as number),
          got,
        });
        break;
      case "unrecognized_keys": {
        const allowed = allowedKeys(schema, path, data);
        for (const key of issue.keys) {
          const near = allowed
            .map((k) => ({ k, d: editDistance(key.toLowerCase(), k.toLowerCase()) }))
            .sort((a, b) => a.d - b.d)[0];
          const hint =
            near && near.d <= Math.max(2, Math.floor(key.length / 3))
              ? ` (did you mean "${near.k}"?)`
              : "";
          out.push({
            path: [...path, key],
            atKey: key,
            expected:
              allowed.length > 0 ? `one of the keys ${allowed.join(", ")}${hint}` : "no such key",
            got: `unknown key "${key}"`,
          });
        }
        break;
      }
      case "invalid_value":
        out.push({
          path,
          expected: `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`,
          got,
        });
        break;
      case "invalid_union": {
        const u = issue as z.core.$ZodIssueInvalidUnion & {
          discriminator?: string;
          options?: unknown[];
        };
        if (u.discriminator !== undefined || u.errors.length === 0) {
          const opts = (u.options ?? []).map((v) => JSON.stringify(v)).join(", ");
          out.push({ path, expected: opts ? `one of ${opts}` : "a valid value", got });
          break;
        }
        // Report the branch that came closest: the one with the fewest problems.
        const best = [...u.errors].sort((a, b) => a.length - b.length)[0];
        out.push(...issuesToProblems(best, data, schema, path));
        break;
      }
      case "custom": {
        const params = (issue.params ?? {}) as { expected?: string; got?: unknown };
        out.push({
          path,
          expected: params.expected ?? issue.message,
          got:
            params.got === undefined
              ? got
              : typeof params.got === "string"
                ? params.got
                : describeValue(params.got),
        });
        break;
      }
      default:
        out.push({ path, expected: issue.message, got });
    }
  }
  return out;
}
