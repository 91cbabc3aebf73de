/**
 * Reading a scenario file: YAML or JSON text → parsed document → validated scenario. Every problem
 * (syntax or schema) is collected and reported with file, line, path, expected and got. Hostile
 * input (oversized, binary, deeply nested, alias bombs) is refused by read-text.ts and
 * safe-yaml.ts before it can cost more than a moment.
 */

import { isMap, isScalar, type LineCounter, type Node } from "yaml";
import type { z } from "zod";
import {
  issuesToProblems,
  type Problem,
  pathToString,
  type RawProblem,
  ScenarioError,
} from "./problems.js";
import { readScenarioText } from "./read-text.js";
import { type ParsedYaml, parseYamlText } from "./safe-yaml.js";
import { type Scenario, scenarioSchema } from "./schema.js";

export { MAX_SCENARIO_BYTES, readScenarioText } from "./read-text.js";
export { MAX_ALIAS_NODES, MAX_NESTING_DEPTH, type ParsedYaml, parseYamlText } from "./safe-yaml.js";

/** Read and validate a scenario file; throws ScenarioError listing every problem. */
export function loadScenarioFile(file: string): Scenario {
  return parseScenarioText(readScenarioText(file), file);
}

/** Validate scenario text (YAML or JSON; `file` names it in errors). */
export function parseScenarioText(text: string, file: string): Scenario {
  return validateAgainst(scenarioSchema, text, file);
}

/** Parse text and validate it against any schema, reporting problems with positions. */
export function validateAgainst<S extends z.ZodType>(
  schema: S,
  text: string,
  file: string,
): z.infer<S> {
  // JSON is YAML 1.2, so one parser serves both and gives line numbers for either.
  return validateParsed(schema, parseYamlText(text, file), file);
}

/** Validate already parsed text against a schema, reporting problems with positions. */
export function validateParsed<S extends z.ZodType>(
  schema: S,
  parsed: ParsedYaml,
  file: string,
): z.infer<S> {
  const { data, doc, lineCounter } = parsed;
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  const raw = issuesToProblems(result.error.issues, data, schema);
  throw new ScenarioError(raw.map((p) => locate(p, doc.contents, lineCounter, file)));
}

/** Attach the line and column of the node a problem is about (or its nearest existing parent). */
function locate(p: RawProblem, root: unknown, lc: LineCounter, file: string): Problem {
  let node: unknown = root;
  let best: Node | null = (root as Node) ?? null;
  const keys = p.atKey === undefined ? p.path : p.path.slice(0, -1);
  for (const k of keys) {
    const next = childOf(node, k);
    if (next === undefined) break;
    node = next;
    if (next && typeof next === "object" && "range" in next) best = next as Node;
  }
  let offset = best?.range?.[0];
  if (p.atKey !== undefined && isMap(node)) {
    const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === p.atKey);
    if (pair && isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
  }
  const pos = offset === undefined ? undefined : lc.linePos(offset);
  return {
    file,
    ...(pos ? { line: pos.line, col: pos.col } : {}),
    path: pathToString(p.path),
    expected: p.expected,
    got: p.got,
  };
}

function childOf(node: unknown, key: PropertyKey): unknown {
  if (node && typeof node === "object" && "items" in node) {
    const items = (node as { items: unknown[] }).items;
    if (typeof key === "number") return items[key];
    for (const it of items) {
      const pair = it as { key?: unknown; value?: unknown };
      if (isScalar(pair.key) && String(pair.key.value) === String(key))
        return pair.value ?? pair.key;
    }
  }
  return undefined;
}
