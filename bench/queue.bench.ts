/**
 * Monte Carlo scaling and the Redis queue's overhead, on examples/layered-defence.yaml:
 * 1. The whole `standoff mc … --runs 80` process as a user runs it, 1 vs 2 worker threads, paired
 *    and interleaved (median of 3 pairs; target ≥ 1.7×): wall time and CPU time of the process.
 * 2. Study throughput (runs/s over the whole study, set-up included, as runMonteCarlo reports it)
 *    for 1 local thread, 2 local threads, and the queue with 2 worker processes of 1 thread each on
 *    this machine (the queue's overhead), for queue chunk sizes 4, 8 and 16 (the default chunk
 *    size is chosen from these).
 *
 * Needs `npm run build` (the processes run bin/standoff.js, the local threads the worker bundle) and redis-server (Debian:
 * `apt-get install redis-server`; the queue part is skipped without it).
 *
 *   node --import tsx bench/queue.bench.ts [runs]
 */

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { queueBackend } from "../src/distributed/queue-coordinator.js";
import { localBackend } from "../src/montecarlo/chunk-backend.js";
import { createMcPool, workerLocation } from "../src/montecarlo/pool.js";
import { runMonteCarlo } from "../src/montecarlo/runner.js";
import { startRedis } from "../test/distributed/redis.js";
import { hasProgram } from "../test/system-tool.js";
import { machineLine } from "./harness.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin/standoff.js");
const LAYERED = join(ROOT, "examples/layered-defence.yaml");
/** The built pool module: local threads then load the worker bundle, as the CLI's and the queue workers' do. */
const BUILT_POOL = new URL("../dist/montecarlo/pool.js", import.meta.url).href;

/** Figures the benchmark prints and returns. */
export interface QueueFigures {
  /** Whole process, --runs 80: median wall s and CPU s for 1 and 2 threads, and the ratio. */
  readonly process: {
    readonly wall1_s: number;
    readonly wall2_s: number;
    readonly cpu1_s: number;
    readonly cpu2_s: number;
    readonly scaling: number;
  };
  /** Study runs/s (set-up included) by setting. */
  readonly studies: readonly { readonly setting: string; readonly runsPerSecond: number }[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** One `standoff mc` process: wall and CPU (user + system, children included) seconds. */
function mcProcess(workers: number, runs: number, out: string): { wall_s: number; cpu_s: number } {
  const t0 = performance.now();
  const r = spawnSync(
    "/usr/bin/time",
    [
      "-f",
      "%U %S",
      process.execPath,
      BIN,
      "mc",
      LAYERED,
      "--runs",
      String(runs),
      "--workers",
      String(workers),
      "--out",
      out,
      "--json",
    ],
    { encoding: "utf8" },
  );
  const wall_s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`standoff mc failed: ${r.stderr}`);
  const [u, s] = r.stderr.trim().split("\n").pop()?.split(" ").map(Number) ?? [0, 0];
  return { wall_s, cpu_s: u + s };
}

function startWorker(url: string): ChildProcess {
  return spawn(process.execPath, [BIN, "worker", "--queue", url, "--workers", "1", "--quiet"], {
    stdio: "ignore",
  });
}

/** Run the benchmark, print the figures and return them. */
export async function benchQueue(runs = 80): Promise<QueueFigures> {
  const root = mkdtempSync(join(tmpdir(), "standoff-queue-bench-"));
  try {
    console.log(`machine: ${machineLine()}`);
    console.log(`load before: ${loadavg()[0].toFixed(2)} (1-minute average)`);
    const w1: { wall_s: number; cpu_s: number }[] = [];
    const w2: { wall_s: number; cpu_s: number }[] = [];
    for (let k = 0; k < 3; k++) {
      w1.push(mcProcess(1, runs, join(root, `p1-${k}`)));
      w2.push(mcProcess(2, runs, join(root, `p2-${k}`)));
      console.log(
        `whole process, --runs ${runs}: 1 thread ${w1[k].wall_s.toFixed(1)} s wall (${w1[k].cpu_s.toFixed(1)} s CPU), 2 threads ${w2[k].wall_s.toFixed(1)} s wall (${w2[k].cpu_s.toFixed(1)} s CPU); load ${loadavg()[0].toFixed(2)}`,
      );
    }
    const proc = {
      wall1_s: median(w1.map((x) => x.wall_s)),
      wall2_s: median(w2.map((x) => x.wall_s)),
      cpu1_s: median(w1.map((x) => x.cpu_s)),
      cpu2_s: median(w2.map((x) => x.cpu_s)),
      scaling: 0,
    };
    proc.scaling = proc.wall1_s / proc.wall2_s;
    console.log(
      `whole process 1 → 2 threads: ${proc.scaling.toFixed(2)}× (median of 3 pairs; target ≥ 1.7×)`,
    );

    const studies: { setting: string; runsPerSecond: number }[] = [];
    const study = async (setting: string, opts: Parameters<typeof runMonteCarlo>[0]) => {
      const t0 = performance.now();
      const r = await runMonteCarlo(opts);
      const rate = r.sessionRuns / ((performance.now() - t0) / 1000);
      studies.push({ setting, runsPerSecond: rate });
      console.log(
        `${setting}: ${rate.toFixed(2)} runs/s (${runs} runs, set-up included; load ${loadavg()[0].toFixed(2)})`,
      );
    };
    const base = { file: LAYERED, runs, report: false } as const;
    // Threads from the build, not from the TypeScript sources under tsx (each thread would then
    // transpile its ~240 modules, which no user's study does).
    for (const w of [1, 2]) {
      await study(`local, ${w} thread${w > 1 ? "s" : ""}`, {
        ...base,
        out: join(root, `s${w}`),
        workers: w,
        backend: localBackend(w, createMcPool(w, workerLocation(BUILT_POOL))),
      });
    }
    if (!hasProgram("redis-server")) {
      console.log("queue: skipped (redis-server not found: apt-get install redis-server)");
    } else {
      const server = await startRedis();
      const workers = [startWorker(server.url), startWorker(server.url)];
      try {
        // The workers' own start (module loading) is not the queue's overhead: let them settle.
        await new Promise((r) => setTimeout(r, 3000));
        for (const chunk of [4, 8, 16]) {
          await study(`queue, 2 worker processes × 1 thread, chunk ${chunk}`, {
            ...base,
            out: join(root, `q${chunk}`),
            backend: queueBackend({ url: server.url, chunkSize: chunk, studyId: `bench-${chunk}` }),
          });
        }
      } finally {
        for (const w of workers) w.kill("SIGTERM");
        await server.stop();
      }
    }
    return { process: proc, studies };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchQueue(process.argv[2] ? Number(process.argv[2]) : 80);
}
