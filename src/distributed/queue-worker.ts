/**
 * `standoff worker`: takes chunk jobs from the Redis queue (BullMQ) and flies them on this
 * machine's worker threads, one job per thread at a time.
 *
 * Set-up once per worker per study: the first job of a study fetches its assets (scenario text,
 * GeoTIFF terrain) by content hash, checks them against their hashes, loads the terrain into shared
 * memory and allocates the shared viewshed slots; every later chunk of that study, on any thread,
 * reuses it (each thread then sets itself up once, chunk-flight.ts). The last few studies' set-ups
 * are kept.
 *
 * A chunk's lock is renewed from this process's main thread while a worker thread flies it; if the
 * process dies, the lock lapses after lockDuration_ms and a surviving worker's stalled-job check
 * puts the job back on the queue (queue-coordinator.ts explains why that loses and doubles nothing).
 */

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { type Job, Worker } from "bullmq";
import { UserError } from "../core/user-error.js";
import { checkTask, processSetup, type StudyPlan } from "../montecarlo/chunk-backend.js";
import type { McTask } from "../montecarlo/mc-worker.js";
import { createMcPool, defaultWorkers } from "../montecarlo/pool.js";
import type { McStudySetup } from "../montecarlo/study-context.js";
import { parseStudyScenarioText } from "../scenario/dispersions.js";
import { ScenarioError } from "../scenario/problems.js";
import { loadGeoTiff } from "../terrain/geotiff.js";
import {
  assetKey,
  type ChunkJobData,
  type ChunkJobResult,
  QUEUE_NAME,
  type QueueStudy,
  sha256Of,
} from "./queue-jobs.js";
import { checkReachable, parseQueueUrl } from "./queue-url.js";

/** Options of a queue worker. */
export interface QueueWorkerOptions {
  /** redis://HOST:PORT[/DB]. */
  readonly url: string;
  /** Worker threads (default one per core). */
  readonly workers?: number;
  /** How long a dead worker's chunk stays locked before another takes it, ms (default 30 s). */
  readonly lockDuration_ms?: number;
  /** Stop taking jobs and return (after the jobs in hand finish). */
  readonly signal?: AbortSignal;
  /** Told after every chunk flown. */
  readonly onChunk?: (info: { study: string; start: number; count: number; ms: number }) => void;
  /** Told when this worker's stalled-job check puts back a chunk whose worker died (its job id). */
  readonly onStalled?: (jobId: string) => void;
  /** Told once the worker is listening. */
  readonly onReady?: (threads: number) => void;
}

/** Studies whose set-up a worker keeps. */
const KEPT_STUDIES = 2;

/** Run a queue worker until the signal aborts (see the module notes). */
export async function runQueueWorker(o: QueueWorkerOptions): Promise<void> {
  const addr = parseQueueUrl(o.url);
  await checkReachable(addr);
  const threads = o.workers ?? defaultWorkers();
  const pool = createMcPool(threads);
  const cacheDir = mkdtempSync(join(tmpdir(), "standoff-worker-"));
  const me = `${hostname()}:${process.pid}`;
  const setups = new Map<string, Promise<McStudySetup>>();
  const lock = o.lockDuration_ms ?? 30_000;
  let worker: Worker<ChunkJobData, ChunkJobResult> | null = null;
  try {
    const fetchAsset = async (sha: string): Promise<string> => {
      const client = await (worker as Worker<ChunkJobData, ChunkJobResult>).getBackend().client;
      const v = await client.get(assetKey(sha));
      if (v === null) throw new Error(`asset ${sha.slice(0, 12)}… is not in Redis`);
      return v;
    };
    const setUp = async (s: QueueStudy): Promise<McStudySetup> => {
      const text = await fetchAsset(s.scenarioSha256);
      if (sha256Of(text) !== s.scenarioSha256) throw new Error("scenario asset hash mismatch");
      const study = parseStudyScenarioText(text, s.file);
      const plan: StudyPlan = {
        file: s.file,
        study,
        studySeed: s.studySeed,
        sampleDt_s: s.sampleDt_s,
        total: 0,
        shareViewsheds: s.shareViewsheds,
      };
      const terrainSha = s.terrainSha256;
      if (terrainSha === null) return processSetup(plan);
      const bytes = Buffer.from(await fetchAsset(terrainSha), "base64");
      if (sha256Of(bytes) !== terrainSha) throw new Error("terrain asset hash mismatch");
      const path = join(cacheDir, `${terrainSha}.tif`);
      mkdirSync(cacheDir, { recursive: true });
      writeFileSync(path, bytes);
      return processSetup(plan, () => loadGeoTiff(path));
    };
    const setupFor = (s: QueueStudy): Promise<McStudySetup> => {
      let p = setups.get(s.id);
      if (!p) {
        p = setUp(s);
        setups.set(s.id, p);
        // A failed set-up is not kept: the next job tries again.
        p.catch(() => setups.delete(s.id));
        while (setups.size > KEPT_STUDIES) setups.delete(setups.keys().next().value as string);
      }
      return p;
    };
    const processor = async (job: Job<ChunkJobData, ChunkJobResult>): Promise<ChunkJobResult> => {
      const { study, start, count } = job.data;
      const t0 = performance.now();
      const setup = await setupFor(study);
      let r: ReturnType<typeof checkTask>;
      try {
        r = checkTask(await pool.run({ kind: "runs", setup, start, count } satisfies McTask));
      } catch (e) {
        // Problems a user can fix travel as their lines (BullMQ keeps only a message).
        if (e instanceof ScenarioError || e instanceof UserError) throw new Error(e.message);
        throw e;
      }
      if (r.kind !== "runs") throw new Error("a worker thread answered a chunk with no runs");
      o.onChunk?.({ study: study.id, start, count, ms: performance.now() - t0 });
      return { chunk: r.chunk, worker: me };
    };
    worker = new Worker<ChunkJobData, ChunkJobResult>(QUEUE_NAME, processor, {
      connection: { host: addr.host, port: addr.port, db: addr.db, maxRetriesPerRequest: null },
      concurrency: threads,
      lockDuration: lock,
      stalledInterval: Math.max(500, Math.floor(lock / 2)),
      // A chunk whose worker died is flown again, however often that happens.
      maxStalledCount: 1000,
      autorun: false,
    });
    worker.on("stalled", (jobId) => o.onStalled?.(jobId));
    worker.on("error", () => {
      // ioredis reconnects by itself; the stalled-job check covers a lost lock.
    });
    const running = worker.run();
    await worker.waitUntilReady();
    o.onReady?.(threads);
    await new Promise<void>((resolve) => {
      if (o.signal?.aborted) resolve();
      o.signal?.addEventListener("abort", () => resolve(), { once: true });
    });
    await worker.close();
    await running;
  } finally {
    if (worker) await worker.close();
    await pool.destroy();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
