/**
 * The worker-thread pool of a study (piscina). The worker module sits beside this one: compiled
 * JavaScript under dist/ (the `standoff` bin; bundled into one file by the build), or TypeScript
 * under src/ when run by vitest or tsx.
 * Worker threads do not inherit a test runner's module transform, so for the .ts source the
 * workers load tsx's loader themselves (a development dependency, present whenever .ts runs).
 */

import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import type { McTask, McTaskResult } from "./mc-worker.js";

/** The worker file and the Node options it needs, for this module's own location. */
export function workerLocation(moduleUrl: string = import.meta.url): {
  filename: string;
  execArgv: string[] | undefined;
} {
  const fromSource = moduleUrl.endsWith(".ts");
  if (!fromSource) {
    // The build bundles the worker into one file (scripts/bundle.mjs): a thread then reads one
    // file instead of resolving some 240 modules before its first run. Named from the parent
    // folder, so the path holds from dist/montecarlo/ and from the CLI's bundle in dist/bundle/.
    const bundle = new URL("../montecarlo/mc-worker.bundle.js", moduleUrl);
    const filename = existsSync(fileURLToPath(bundle))
      ? bundle.href
      : new URL("../montecarlo/mc-worker.js", moduleUrl).href;
    return { filename, execArgv: undefined };
  }
  const filename = new URL("./mc-worker.ts", moduleUrl).href;
  const tsx = pathToFileURL(createRequire(moduleUrl).resolve("tsx")).href;
  return { filename, execArgv: ["--import", tsx] };
}

/** Worker threads by default: one per core the process may use. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** A study's thread pool: run a task on a free thread, and stop the threads. */
export interface McPool {
  run(task: McTask): Promise<McTaskResult>;
  destroy(): Promise<void>;
}

/**
 * A pool of exactly `workers` threads running mc-worker (each task carries its study's set-up);
 * `where` names another worker module (tests).
 */
export function createMcPool(
  workers: number,
  where: { filename: string; execArgv: string[] | undefined } = workerLocation(),
): McPool {
  const pool = new Piscina<McTask, McTaskResult>({
    filename: where.filename,
    ...(where.execArgv ? { execArgv: where.execArgv } : {}),
    minThreads: workers,
    maxThreads: workers,
    // Threads live for the whole study; one task at a time each (runs are CPU-bound).
    idleTimeout: 60_000,
    concurrentTasksPerWorker: 1,
    // Not read by mc-worker (tasks carry their set-up), but geotiff's web-worker shim, if a thread
    // ever loads it, destructures workerData and throws when it is undefined.
    workerData: { standoff: "mc-worker" },
  });
  // Threads start before there is a task, so a thread that cannot load its module (a broken
  // install) fails outside every task: piscina reports it as a pool 'error' event (unhandled, it
  // ends the process with a stack trace) and the tasks then wait forever. Every task fails with it.
  let rejectAll: (e: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    rejectAll = reject;
  });
  failed.catch(() => {});
  pool.on("error", (e: unknown) => {
    const why = e instanceof Error ? e.message : String(e);
    rejectAll(new Error(`a worker thread could not start: ${why}`));
  });
  // Idempotent: the CLI stops a pool it started early even when the study has stopped it already.
  let destroyed: Promise<void> | null = null;
  return {
    run: (task) => Promise.race([pool.run(task), failed]),
    destroy: () => {
      destroyed ??= pool.destroy();
      return destroyed;
    },
  };
}
