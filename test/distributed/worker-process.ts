/**
 * A queue worker process for the tests (`node --import tsx test/distributed/worker-process.ts URL`):
 * one thread, a 1.5 s lock so a killed worker's chunk comes back quickly, a line on stdout per
 * chunk flown and per stalled chunk put back, and a clean stop on SIGTERM.
 */

import { runQueueWorker } from "../../src/distributed/queue-worker.js";

const controller = new AbortController();
process.once("SIGTERM", () => controller.abort());
await runQueueWorker({
  url: process.argv[2],
  workers: 1,
  lockDuration_ms: 1500,
  signal: controller.signal,
  onReady: () => process.stdout.write("ready\n"),
  onChunk: (c) => process.stdout.write(`chunk ${c.start} ${c.count}\n`),
  onStalled: (jobId) => process.stdout.write(`stalled ${jobId}\n`),
});
