/**
 * Running the check cases through the same path as `standoff run` and comparing each with its
 * reference histories.
 */

import { resolve } from "node:path";
import { UserError } from "../core/user-error.js";
import { executeScenario } from "../engine/execute-run.js";
import { loadScenarioFile } from "../scenario/load.js";
import { maxDifference } from "./compare.js";
import { type CheckCase, VERIFICATION_DIR } from "./nasa-cases.js";
import type { History } from "./nasa-reference.js";
import { readNasaHistory } from "./nasa-reference.js";

/** One row of the verification table. */
export interface VerifyRow {
  readonly caseId: string;
  readonly title: string;
  readonly quantity: string;
  readonly unit: string;
  /** Labels of the reference histories, in the order of `errors`. */
  readonly references: readonly string[];
  /** Largest difference over the run from each reference simulation (NaN: it lacks the quantity). */
  readonly errors: readonly number[];
  /** The checked error: against the closest reference simulation. */
  readonly maxError: number;
  /** Time of that largest difference, s. */
  readonly at_s: number;
  /** Largest difference between the reference simulations themselves (NaN: fewer than two). */
  readonly refSpread: number;
  readonly tolerance: number;
  readonly pass: boolean;
  /** Samples compared against the closest reference. */
  readonly compared: number;
}

/** Turn a sampled run into a History keyed by column. */
export function historyOf(table: {
  names: readonly string[];
  column(n: string): Float64Array;
}): History {
  return new Map(table.names.map((n) => [n, table.column(n)]));
}

/** Default output sample interval of a check-case run, s: the NASA references' interval. */
export const DEFAULT_SAMPLE_DT_S = 0.1;

/** Read a case's reference histories, in our conventions (paths relative to verification/). */
export function readReferences(c: CheckCase): History[] {
  return c.references.map((r) => readNasaHistory(resolve(VERIFICATION_DIR, r.file), r.conventions));
}

/**
 * Run one case and compare it with its references. The published simulations disagree with each
 * other (atmosphere tables, integrators), so a quantity passes when it stays within tolerance of
 * the closest of them over the whole run; the errors against each and their mutual spread are
 * reported alongside.
 */
export function verifyCase(
  c: CheckCase,
  run: (file: string, sampleDt_s: number) => History = runToHistory,
  refs: readonly History[] = readReferences(c),
): VerifyRow[] {
  const ours = run(resolve(VERIFICATION_DIR, c.scenario), c.sampleDt_s ?? DEFAULT_SAMPLE_DT_S);
  return c.checks.map(({ quantity, tolerance }) => {
    const has = (h: History) => quantity.columns.every((col) => h.has(col));
    const diffs = refs.map((r) => (has(r) ? maxDifference(quantity, ours, r) : null));
    let best: { max: number; at_s: number; compared: number } | null = null;
    for (const d of diffs) {
      // A reference that shares no sample time has verified nothing.
      if (d && d.compared > 0 && (best === null || d.max < best.max)) best = d;
    }
    const having = refs.filter(has);
    let spread = Number.NaN;
    for (let i = 0; i < having.length; i++) {
      for (let j = i + 1; j < having.length; j++) {
        const m = maxDifference(quantity, having[i], having[j]).max;
        if (!(m <= spread)) spread = m;
      }
    }
    return {
      caseId: c.id,
      title: c.title,
      quantity: quantity.label,
      unit: quantity.unit,
      references: c.references.map((r) => r.label),
      errors: diffs.map((d) => (d ? d.max : Number.NaN)),
      maxError: best ? best.max : Number.NaN,
      at_s: best ? best.at_s : Number.NaN,
      refSpread: spread,
      tolerance,
      pass: best !== null && best.max <= tolerance,
      compared: best ? best.compared : 0,
    };
  });
}

/**
 * Run a body scenario file exactly as `standoff run` does and return its history, sampled every
 * sampleDt_s. A scenario of another kind, or a run that fails, is a UserError naming the file.
 */
export function runToHistory(file: string, sampleDt_s = DEFAULT_SAMPLE_DT_S): History {
  const scenario = loadScenarioFile(file);
  if (scenario.kind !== "body") {
    throw new UserError([
      `${file}: kind: expected a body scenario (kind: body) for a check case, got kind: ${scenario.kind}`,
    ]);
  }
  // Body scenarios have no terrain, so the synchronous half of `standoff run` serves.
  const run = executeScenario(scenario, file, { sampleDt_s }, null);
  if (run.kind !== "body") throw new Error(`${file}: a body scenario ran as a ${run.kind}`);
  if (run.result.outcome.status === "failed") {
    throw new UserError([`${file}: the run failed: ${run.result.outcome.message}`]);
  }
  return historyOf(run.result.samples);
}
