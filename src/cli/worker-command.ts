/**
 * `standoff worker --queue redis://HOST:PORT`: fly chunks of the studies queued there on this
 * machine's worker threads until Ctrl-C (or SIGTERM), which lets the chunks in hand finish.
 */

import type { Command } from "commander";
import { lockDurationOption, workersOption } from "./options.js";
import type { Output } from "./output.js";

/** Add `standoff worker` to a commander program (main.ts); setCode receives the exit status. */
export function registerWorkerCommand(
  program: Command,
  io: Output,
  setCode: (c: number) => void,
): void {
  program
    .command("worker")
    .description(
      "take Monte Carlo chunks from a Redis queue (queued by `standoff mc --queue`) and fly them on this machine",
    )
    .requiredOption("--queue <url>", "the queue's Redis, redis://HOST:PORT")
    .option("-w, --workers <n>", "worker threads (default: one per core)", workersOption)
    .option(
      "--lock-duration <ms>",
      "how long the chunk of a worker that died stays locked before another worker takes it",
      lockDurationOption,
      30_000,
    )
    .option("--quiet", "print nothing but errors", false)
    .action(
      async (o: { queue: string; workers?: number; lockDuration: number; quiet: boolean }) => {
        // bullmq (a quarter of a second to load) only when a worker runs, not on every start.
        const { runQueueWorker } = await import("../distributed/queue-worker.js");
        const controller = new AbortController();
        const stop = () => {
          if (!o.quiet) io.err("standoff worker: stopping after the chunks in hand");
          controller.abort();
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
        try {
          await runQueueWorker({
            url: o.queue,
            ...(o.workers === undefined ? {} : { workers: o.workers }),
            lockDuration_ms: o.lockDuration,
            signal: controller.signal,
            onReady: (threads) => {
              if (!o.quiet) {
                io.err(
                  `standoff worker: ${threads} thread${threads === 1 ? "" : "s"} on ${o.queue}`,
                );
              }
            },
            onChunk: (c) => {
              if (!o.quiet) {
                io.err(
                  `standoff worker: study ${c.study} runs ${c.start}–${c.start + c.count - 1} in ${(c.ms / 1000).toFixed(1)} s`,
                );
              }
            },
          });
        } finally {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
        }
        setCode(0);
      },
    );
}
