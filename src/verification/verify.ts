/**
 * Running the check cases through the same path as `standoff run` and comparing each with its
 * reference histories.
 */

import { join } from "node:path";
import { executeScenario } from "../cli/execute-run.js";
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

/**
 * Run one case and compare it with its references. The published simulations disagree with each
 * other (atmosphere tables, integrators), so a quantity passes when it stays within tolerance of
 * the closest of them over the whole run; the errors against each and their mutual spread are
 * reported alongside.
 */
export function verifyCase(
  c: CheckCase,
  run: (file: string) => History = runToHistory,
): VerifyRow[] {
  const ours = run(join(VERIFICATION_DIR, c.scenario));
  const refs = c.references.map((r) => readNasaHistory(join(VERIFICATION_DIR, r)));
  return c.checks.map(({ quantity, tolerance }) => {
    const has = (h: History) => quantity.columns.every((col) => h.has(col));
    const diffs = refs.map((r) => (has(r) ? maxDifference(quantity, ours, r) : null));
    let best: { max: number; at_s: number; compared: number } | null = null;
    for (const d of diffs) {
      // A reference that shares no sample time has verified nothing.
      if (d && d.compared > 0 && (best === null || d.max < best.max)) best = d;
    }
    const both = refs.filter(has);
    return {
      caseId: c.id,
      title: c.title,
      quantity: quantity.label,
      unit: quantity.unit,
      errors: diffs.map((d) => (d ? d.max : Number.NaN)),
      maxError: best ? best.max : Number.NaN,
      at_s: best ? best.at_s : Number.NaN,
      refSpread: both.length > 1 ? maxDifference(quantity, both[0], both[1]).max : Number.NaN,
      tolerance,
      pass: best !== null && best.max <= tolerance,
      compared: best ? best.compared : 0,
    };
  });
}

/** Run a scenario file exactly as `standoff run` does (0.1 s samples) and return its history. */
export function runToHistory(file: string): History {
  // Body scenarios have no terrain, so the synchronous half of `standoff run` serves.
  const run = executeScenario(loadScenarioFile(file), file, { sampleDt_s: 0.1 }, null);
  if (run.kind === "salvo") throw new Error(`${file}: a salvo has no single history to compare`);
  if (run.result.outcome.status === "failed")
    throw new Error(`${file}: ${run.result.outcome.message}`);
  return historyOf(run.result.samples);
}
