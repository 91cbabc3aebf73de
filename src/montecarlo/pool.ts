/**
 * The worker-thread pool of a study (piscina). The worker module sits beside this one: compiled
 * JavaScript under dist/ (the `standoff` bin), or TypeScript under src/ when run by vitest or tsx.
 * Worker threads do not inherit a test runner's module transform, so for the .ts source the
 * workers load tsx's loader themselves (a development dependency, present whenever .ts runs).
 */

import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import type { McTask, McTaskResult } from "./mc-worker.js";

/** The worker file and the Node options it needs, for this module's own location. */
export function workerLocation(moduleUrl: string = import.meta.url): {
  filename: string;
  execArgv: string[] | undefined;
} {
  const fromSource = moduleUrl.endsWith(".ts");
  const filename = new URL(fromSource ? "./mc-worker.ts" : "./mc-worker.js", moduleUrl).href;
  if (!fromSource) return { filename, execArgv: undefined };
  const tsx = pathToFileURL(createRequire(moduleUrl).resolve("tsx")).href;
  return { filename, execArgv: ["--import", tsx] };
}

/** Worker threads by default: one per core the process may use. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** A pool of exactly `workers` threads running mc-worker (each task carries its study's set-up). */
export function createMcPool(workers: number): Piscina<McTask, McTaskResult> {
  const where = workerLocation();
  return new Piscina<McTask, McTaskResult>({
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
}
