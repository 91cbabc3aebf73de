/**
 * Where a study's chunks are flown. The runner (runner.ts) owns the study folder and the merging;
 * a backend only turns "runs firstIndex … end − 1" into chunk summaries: the local worker-thread
 * pool here, or a Redis queue of machines (src/distributed/). Both fly every run from the study
 * seed and its index alone, so the backend changes the speed, never a byte of the results.
 */

import { UserError } from "../core/user-error.js";
import { terrainFromScenario } from "../engine/world.js";
import type { StudyScenario } from "../scenario/dispersions.js";
import { ScenarioError } from "../scenario/problems.js";
import type { ElevationGrid } from "../terrain/elevation-grid.js";
import type { McTask, McTaskResult } from "./mc-worker.js";
import { createMcPool, type McPool } from "./pool.js";
import type { NavPoints } from "./run-record.js";
import { allocateSharedNominal } from "./shared-nominal.js";
import { allocateSharedViewsheds } from "./shared-viewsheds.js";
import { type ChunkSummary, type McStudySetup, shareTerrain } from "./study-context.js";
import type { NominalRun } from "./study-files.js";

/** What a backend is given about a study. */
export interface StudyPlan {
  readonly file: string;
  readonly study: StudyScenario;
  readonly studySeed: number;
  readonly sampleDt_s: number;
  /** Runs requested in total. */
  readonly total: number;
  /** Share viewsheds between the runs of a thread (default true; results are the same). */
  readonly shareViewsheds: boolean;
}

/** What the runner asks of a backend's session. */
export interface ChunkSession {
  /** First run to fly and one past the last. */
  readonly firstIndex: number;
  readonly end: number;
  readonly signal?: AbortSignal;
  /** Fixed runs per chunk (else the backend chooses). */
  readonly chunkSize?: number;
  /** The nominal run and time points, as soon as known (before or with the first chunk). */
  readonly onNominal: (nominal: NominalRun, nav: NavPoints) => void;
  /** A chunk finished (any order; possibly twice for a queue: the runner takes each once). */
  readonly onChunk: (c: ChunkSummary) => void;
}

/** A way of flying chunks. */
export interface ChunkBackend {
  /** Threads (or, for a queue, worker processes seen) flying runs, for the summary line. */
  readonly workers: number;
  /** Fly the session's runs; resolves when they are all delivered, or stopped (signal, error). */
  run(session: ChunkSession): Promise<void>;
  /** Release threads and connections. */
  close(): Promise<void>;
}

/** Builds a backend for a study (the runner calls it once per study). */
export type ChunkBackendFactory = (plan: StudyPlan) => Promise<ChunkBackend>;

/** Unwrap a task's result, rethrowing its error as the error it was. */
export function checkTask(res: McTaskResult): Extract<McTaskResult, { ok: true }> {
  if (res.ok) return res;
  if (res.problems) throw new ScenarioError(res.problems);
  if (res.lines) throw new UserError(res.lines);
  // The worker's stack is kept for STANDOFF_DEBUG=1; the message stays one line.
  const err = new Error(`a worker failed: ${res.message}`);
  if (res.stack) err.stack = res.stack;
  throw err;
}

/**
 * The set-up of a study for this process's threads: terrain loaded once into shared memory, and
 * empty shared slots for the viewsheds and the nominal run (the threads fill them).
 */
export async function processSetup(
  plan: StudyPlan,
  loadTerrain: () => Promise<ElevationGrid | null> = () =>
    terrainFromScenario(plan.study.base, plan.file, { shared: true }),
): Promise<McStudySetup> {
  const grid = await loadTerrain();
  return {
    file: plan.file,
    text: plan.study.text,
    hash: plan.study.hash,
    studySeed: plan.studySeed,
    sampleDt_s: plan.sampleDt_s,
    terrain: grid ? shareTerrain(grid) : null,
    shareViewsheds: plan.shareViewsheds,
    viewsheds: plan.shareViewsheds ? allocateSharedViewsheds(plan.study.base, grid) : null,
    nominal: allocateSharedNominal(),
  };
}

/** Runs per chunk: about a second of work, at most 64, small enough that every thread gets several. */
export function chunkSizeFor(msPerRun: number | null, runs: number, workers: number): number {
  const byTime = msPerRun === null ? 1 : Math.round(1000 / Math.max(msPerRun, 1));
  const bySpread = Math.ceil(runs / (4 * workers));
  return Math.max(1, Math.min(64, byTime, bySpread));
}

/**
 * The local worker-thread pool (threads started at once, so they load while the terrain does), or
 * a pool of exactly `workers` threads the caller started earlier still (the CLI starts it before it
 * loads the scenario code); the backend owns it from then on and stops it on close.
 */
export function localBackend(workers: number, started?: McPool): ChunkBackendFactory {
  return async (plan) => {
    const pool = started ?? createMcPool(workers);
    let setup: McStudySetup;
    try {
      setup = await processSetup(plan);
    } catch (e) {
      await pool.destroy();
      throw e;
    }
    return {
      workers,
      run: (session) => dispatchLocal(pool, workers, setup, session),
      close: () => pool.destroy(),
    };
  };
}

/** Fly a session on the pool: the nominal task, and chunks, at most one in flight per thread. */
async function dispatchLocal(
  pool: McPool,
  workers: number,
  setup: McStudySetup,
  s: ChunkSession,
): Promise<void> {
  let error: unknown = null;
  const fail = (e: unknown) => {
    error ??= e;
  };
  // Every thread sets the study up before its first chunk; the nominal task flies the nominal run
  // on one thread while the others start on chunks (they read it from the shared slot).
  const nominal = pool.run({ kind: "nominal", setup } satisfies McTask).then((res) => {
    const r = checkTask(res);
    if (r.kind === "nominal") s.onNominal(r.nominal, r.nav);
  }, fail);
  let next = s.firstIndex;
  let inFlight = 0;
  let msPerRun: number | null = null;
  await new Promise<void>((resolve) => {
    const stopped = () => error !== null || (s.signal?.aborted ?? false);
    const pump = () => {
      while (!stopped() && inFlight < workers && next < s.end) {
        const start = next;
        // Chunks shrink near the end so the threads finish together.
        const tail = Math.ceil((s.end - start) / (2 * workers));
        const size = s.chunkSize ?? chunkSizeFor(msPerRun, s.end - s.firstIndex, workers);
        const count = Math.max(1, Math.min(size, tail, s.end - start));
        next += count;
        inFlight++;
        pool.run({ kind: "runs", setup, start, count } satisfies McTask).then(
          (res) => {
            inFlight--;
            let chunk: ChunkSummary | null = null;
            try {
              const r = checkTask(res);
              if (r.kind === "runs") {
                chunk = r.chunk;
                const per = chunk.elapsed_ms / Math.max(1, chunk.count);
                msPerRun = msPerRun === null ? per : 0.7 * msPerRun + 0.3 * per;
              }
            } catch (e) {
              fail(e);
            }
            // The thread gets its next chunk before this one is merged (writing its lines and
            // merging its statistics took 10–25 ms a chunk, while the thread stood idle).
            pump();
            try {
              if (chunk && error === null) s.onChunk(chunk);
            } catch (e) {
              fail(e);
            }
          },
          (e: unknown) => {
            inFlight--;
            fail(e);
            pump();
          },
        );
      }
      if (inFlight === 0 && (stopped() || next >= s.end)) resolve();
    };
    s.signal?.addEventListener("abort", () => pump(), { once: true });
    pump();
  });
  await nominal;
  if (error !== null) throw error;
}
