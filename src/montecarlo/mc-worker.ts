/**
 * The worker thread of a Monte Carlo study (piscina): sets a study up once (chunk-flight.ts) and
 * flies chunks of its runs into chunk summaries. The set-up travels with every task (a few strings
 * and SharedArrayBuffers, never copied) and the thread keeps the context of the last study it saw,
 * so one pool can serve several studies in turn (a queue worker) and a thread sets each up once.
 *
 * Errors a user can cause (a dispersion that leaves the schema's range) come back as data, so their
 * problem lines survive the thread boundary; anything else comes back as an internal error.
 */

import { UserError } from "../core/user-error.js";
import { type Problem, ScenarioError } from "../scenario/problems.js";
import { flyChunk, type McContext, makeContext, nominalOf, setupKey } from "./chunk-flight.js";
import type { NavPoints } from "./run-record.js";
import type { ChunkSummary, McStudySetup } from "./study-context.js";
import type { NominalRun } from "./study-files.js";

export type { McStudySetup, SharedTerrain } from "./study-context.js";

/**
 * A task: set the study up and report its nominal run (flying it unless another thread of the
 * process has), or fly runs start … start + count − 1.
 */
export type McTask =
  | { readonly kind: "nominal"; readonly setup: McStudySetup }
  | {
      readonly kind: "runs";
      readonly setup: McStudySetup;
      readonly start: number;
      readonly count: number;
    };

/** A task's answer. */
export type McTaskResult =
  | {
      readonly ok: true;
      readonly kind: "nominal";
      readonly nominal: NominalRun;
      readonly nav: NavPoints;
      readonly elapsed_ms: number;
    }
  | { readonly ok: true; readonly kind: "runs"; readonly chunk: ChunkSummary }
  | {
      readonly ok: false;
      readonly problems?: Problem[];
      readonly lines?: string[];
      readonly message: string;
      readonly stack?: string;
    };

let context: { key: string; ctx: McContext } | null = null;

/** This thread's context for a study, set up on first use. */
function contextFor(setup: McStudySetup): McContext {
  const key = setupKey(setup);
  if (context?.key !== key) context = { key, ctx: makeContext(setup) };
  return context.ctx;
}

/** Do one task (exported for in-process use). */
export function runTask(task: McTask): McTaskResult {
  const t0 = performance.now();
  try {
    const ctx = contextFor(task.setup);
    if (task.kind === "nominal") {
      const { nominal, nav } = nominalOf(ctx);
      return {
        ok: true,
        kind: "nominal",
        nominal,
        nav,
        elapsed_ms: performance.now() - t0,
      };
    }
    return { ok: true, kind: "runs", chunk: flyChunk(ctx, task.start, task.count) };
  } catch (e) {
    if (e instanceof ScenarioError)
      return { ok: false, problems: [...e.problems], message: e.message };
    if (e instanceof UserError) return { ok: false, lines: [...e.lines], message: e.message };
    const err = e instanceof Error ? e : new Error(String(e));
    return { ok: false, message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  }
}

/** piscina's entry point. */
export default function mcWorker(task: McTask): McTaskResult {
  return runTask(task);
}
