/**
 * Checking scenario text sent to the server with the CLI's own loader (scenario/load.ts): the same
 * problems, with line, column and path, that `standoff validate` prints. A scenario sent over the
 * network may not name files on the server, so GeoTIFF terrain is refused here.
 */

import { UserError } from "../core/user-error.js";
import { type MapFeatures, mapFeatures } from "../engine/map-features.js";
import { parseScenarioText } from "../scenario/load.js";
import { formatProblem, type Problem, ScenarioError } from "../scenario/problems.js";
import type { Scenario } from "../scenario/schema.js";

import type { CheckProblem } from "./api-types.js";

export type { CheckProblem } from "./api-types.js";

/** The answer to "is this scenario text valid?" */
export type CheckResult =
  | {
      readonly ok: true;
      readonly scenario: { readonly kind: Scenario["kind"]; readonly name: string };
      readonly features: MapFeatures;
    }
  | { readonly ok: false; readonly problems: readonly CheckProblem[] };

/** A file name safe to show and to write: letters, digits, dot, dash, underscore; .yaml or .json. */
export function safeScenarioName(name: unknown): string {
  const base = typeof name === "string" ? (name.split(/[\\/]/).pop() ?? "") : "";
  const clean = base.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[.-]+/, "");
  const stem = clean.replace(/\.(ya?ml|json)$/i, "").slice(0, 80) || "scenario";
  return `${stem}${/\.json$/i.test(clean) ? ".json" : ".yaml"}`;
}

function toCheckProblem(p: Problem): CheckProblem {
  return {
    line: p.line ?? null,
    col: p.col ?? null,
    path: p.path,
    expected: p.expected,
    got: p.got,
    message: formatProblem(p),
  };
}

/** Validate scenario text (`name` labels it in messages); problems, or the scenario and its map. */
export function checkScenarioText(text: string, name: string): CheckResult {
  let scenario: Scenario;
  try {
    scenario = parseScenarioText(text, name);
  } catch (e) {
    if (e instanceof ScenarioError) return { ok: false, problems: e.problems.map(toCheckProblem) };
    if (e instanceof UserError)
      return {
        ok: false,
        problems: e.lines.map((l) => ({
          line: null,
          col: null,
          path: "",
          expected: "",
          got: "",
          message: l,
        })),
      };
    throw e;
  }
  if (scenario.kind !== "body" && scenario.environment.terrain?.kind === "geotiff") {
    const p: Problem = {
      file: name,
      path: "environment.terrain",
      expected:
        "synthetic terrain in the web app (a scenario sent to the server cannot name files on it; run GeoTIFF scenarios with the standoff command)",
      got: "a GeoTIFF file",
    };
    return { ok: false, problems: [toCheckProblem(p)] };
  }
  return {
    ok: true,
    scenario: { kind: scenario.kind, name: scenario.name },
    features: mapFeatures(scenario),
  };
}
