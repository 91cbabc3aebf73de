/**
 * The coordinator of a study on a Redis queue (BullMQ): a ChunkBackend for runMonteCarlo that
 * enqueues the study's chunks as jobs (queue-jobs.ts) and hands each finished chunk's summary to
 * the runner, which merges it and writes the same files as a local study.
 *
 * Faults. A worker that dies mid-chunk holds the job's lock until it expires; then BullMQ's
 * stalled-job check (run by the other workers) puts the job back and another worker flies it
 * again; the job id is the chunk's, so it still has one return value and the runner takes each
 * chunk once (StudyMerger keeps the chunk ids it has taken). A coordinator stopped and started
 * again with the same study id (the default id is fixed by scenario, seed, runs and chunk size)
 * finds the jobs already there: the chunks finished meanwhile come back from their return values
 * in Redis and only the rest are waited for. A Redis that cannot be reached is a UserError at the
 * start, and one lost mid-study a UserError after a few failed polls, never a silent wait.
 */

import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Job, Queue } from "bullmq";
import { UserError } from "../core/user-error.js";
import type { ChunkBackendFactory } from "../montecarlo/chunk-backend.js";
import {
  assetKey,
  type ChunkJobData,
  type ChunkJobResult,
  chunkJobId,
  chunkPlan,
  defaultStudyId,
  QUEUE_NAME,
  type QueueStudy,
  sha256Of,
  validStudyId,
} from "./queue-jobs.js";
import { checkReachable, parseQueueUrl, redisHint } from "./queue-url.js";

/**
 * Runs per queued chunk by default. Chosen from bench/queue.bench.ts (bench/RESULTS.md): on the
 * layered example (≈0.2 s a run) 8 runs keep a job's Redis round trips and set-up under 2 % of its
 * flying time while a 2-process, 2-thread study of 80 runs still has 10 chunks to balance.
 */
export const DEFAULT_QUEUE_CHUNK = 8;

/** Options of a queued study. */
export interface QueueBackendOptions {
  /** redis://HOST:PORT[/DB]. */
  readonly url: string;
  /** Study id (default from scenario, seed, runs and chunk size); the same id resumes. */
  readonly studyId?: string;
  /** Runs per chunk (default DEFAULT_QUEUE_CHUNK). */
  readonly chunkSize?: number;
  /** How often to look for finished chunks, ms (default 200). */
  readonly poll_ms?: number;
  /** Told the study id once it is known (the CLI prints it). */
  readonly onStudy?: (id: string, chunks: number) => void;
}

/** A ChunkBackendFactory flying the study on the queue's workers (see the module notes). */
export function queueBackend(o: QueueBackendOptions): ChunkBackendFactory {
  return async (plan) => {
    const addr = parseQueueUrl(o.url);
    await checkReachable(addr);
    const size = o.chunkSize ?? DEFAULT_QUEUE_CHUNK;
    if (!(Number.isInteger(size) && size >= 1)) {
      throw new UserError([`--chunk: expected a positive integer, got ${size}`], 2);
    }
    const id = o.studyId ?? defaultStudyId(plan.study.hash, plan.studySeed, plan.total, size);
    if (!validStudyId(id)) {
      throw new UserError(
        [
          `--study-id: expected 1 to 100 letters, digits, '.', '_' or '-', got ${JSON.stringify(id)}`,
        ],
        2,
      );
    }
    const queue = new Queue<ChunkJobData, ChunkJobResult>(QUEUE_NAME, {
      connection: { host: addr.host, port: addr.port, db: addr.db, maxRetriesPerRequest: 3 },
    });
    let redisError: Error | null = null;
    queue.on("error", (e) => {
      redisError = e;
    });
    const client = await queue.getBackend().client;
    // Content-addressed assets: stored once, whatever the number of studies using them.
    const store = (sha: string, text: string) =>
      client.runCommand("set", [assetKey(sha), text, "NX"]);
    await store(plan.study.hash, plan.study.text);
    let terrainSha256: string | null = null;
    const t = plan.study.base.environment.terrain;
    if (t?.kind === "geotiff") {
      const bytes = readFileSync(resolve(dirname(plan.file), t.file));
      terrainSha256 = sha256Of(bytes);
      // Redis strings hold bytes, but the client interface takes text: base64 it.
      await store(terrainSha256, bytes.toString("base64"));
    }
    const study: QueueStudy = {
      id,
      file: plan.file,
      scenarioSha256: plan.study.hash,
      terrainSha256,
      studySeed: plan.studySeed,
      sampleDt_s: plan.sampleDt_s,
      shareViewsheds: plan.shareViewsheds,
    };
    const workersSeen = new Set<string>();
    const poll_ms = o.poll_ms ?? 200;
    return {
      get workers() {
        return workersSeen.size;
      },
      async run(session) {
        const chunks = chunkPlan(plan.total, size).filter(
          ([s, n]) => s + n > session.firstIndex && s < session.end,
        );
        o.onStudy?.(id, chunks.length);
        await queue.addBulk(
          chunks.map(([start, count]) => ({
            name: "chunk",
            data: { study, start, count },
            opts: { jobId: chunkJobId(id, start), attempts: 1 },
          })),
        );
        const pending = new Map(chunks.map(([s]) => [s, chunkJobId(id, s)]));
        let failures = 0;
        while (pending.size > 0 && !session.signal?.aborted) {
          try {
            // The Redis client queues commands while it reconnects, so a lost server shows as a
            // poll that does not return: bound each one.
            const batch = [...pending].slice(0, 256);
            const jobs = await withTimeout(
              Promise.all(
                batch.map(([, jobId]) => Job.fromId<ChunkJobData, ChunkJobResult>(queue, jobId)),
              ),
              POLL_TIMEOUT_MS,
            );
            batch.forEach(([start, jobId], k) => {
              const job = jobs[k];
              if (!job) {
                throw new UserError([
                  `--queue ${o.url}: job ${jobId} of study ${id} disappeared from Redis (was the queue emptied?); run the study again`,
                ]);
              }
              if (job.returnvalue) {
                pending.delete(start);
                workersSeen.add(job.returnvalue.worker);
                session.onChunk(job.returnvalue.chunk);
              } else if (job.finishedOn && job.failedReason) {
                throw new UserError([`chunk ${start} of study ${id}: ${job.failedReason}`]);
              }
            });
            failures = 0;
          } catch (e) {
            if (e instanceof UserError || e instanceof RangeError) throw e;
            // A lost connection: a few tries (the client reconnects meanwhile), then a clear error.
            if (++failures >= 3) {
              throw new UserError([
                `--queue ${o.url}: lost Redis (${(redisError ?? (e as Error)).message}); ${redisHint(addr.port)}. The chunks finished so far stay in Redis: run the same command again to resume study ${id}`,
              ]);
            }
          }
          if (pending.size > 0) await sleep(poll_ms, session.signal);
        }
        // A finished study leaves nothing behind in Redis but its content-addressed assets.
        if (pending.size === 0) {
          for (const [start] of chunks) {
            const job = await Job.fromId(queue, chunkJobId(id, start));
            await job?.remove();
          }
        }
      },
      // A Redis that is gone never acknowledges a graceful close: then drop the connection.
      close: () => withTimeout(queue.close(), 2000).catch(() => queue.disconnect()),
    };
  };
}

/** How long one poll of the chunks may take before it counts as a failure, ms. */
const POLL_TIMEOUT_MS = 3000;

/** The promise's value, or a rejection after ms. */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer in ${ms / 1000} s`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

/** Wait ms, or less when the signal aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((r) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      r();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
