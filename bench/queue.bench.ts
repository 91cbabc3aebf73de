/**
 * Monte Carlo scaling and the Redis queue's overhead, on examples/layered-defence.yaml:
 * 1. The whole `standoff mc … --runs 80` process as a user runs it, 1 vs 2 worker threads, paired
 *    and interleaved (median of 5 pairs; target ≥ 1.7×): wall time and CPU time of the process.
 *    Beside it, in the same pairs, its peer on this machine: two independent 1-thread processes
 *    of half the runs each, started together. They share nothing and coordinate nothing, so the
 *    1-thread time over theirs is what two cores give this job when each V8 isolate pays its own
 *    start and JIT warm-up, with no idle core to absorb its compiler and GC threads. And before
 *    each pair a per-core speed probe (the same fixed loop pinned to each CPU with taskset): on a
 *    virtual machine one vCPU can run 30–60 % slower for seconds to minutes (a busy host core),
 *    which no process on the guest sees as load.
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
  /**
   * Whole process, --runs 80: median wall s and CPU s for 1 and 2 threads and the ratio; the
   * peer (two independent 1-thread processes of half the runs, at once) and its ratio.
   */
  readonly process: {
    readonly wall1_s: number;
    readonly wall2_s: number;
    readonly cpu1_s: number;
    readonly cpu2_s: number;
    readonly scaling: number;
    readonly wallPeer_s: number;
    readonly cpuPeer_s: number;
    readonly peerScaling: number;
  };
  /** Study runs/s (set-up included) by setting. */
  readonly studies: readonly { readonly setting: string; readonly runsPerSecond: number }[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The arguments of one `standoff mc` process under /usr/bin/time (user and system CPU s). */
function mcArgs(workers: number, runs: number, out: string): string[] {
  return [
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
  ];
}

/** CPU seconds (user + system, children included) from /usr/bin/time's last line. */
function cpuOf(stderr: string): number {
  const [u, s] = stderr.trim().split("\n").pop()?.split(" ").map(Number) ?? [0, 0];
  return u + s;
}

/** One `standoff mc` process: wall and CPU seconds. */
function mcProcess(workers: number, runs: number, out: string): { wall_s: number; cpu_s: number } {
  const t0 = performance.now();
  const r = spawnSync("/usr/bin/time", mcArgs(workers, runs, out), { encoding: "utf8" });
  const wall_s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`standoff mc failed: ${r.stderr}`);
  return { wall_s, cpu_s: cpuOf(r.stderr) };
}

/** Two independent 1-thread processes of `runs` runs each, started together: wall s to the last. */
async function independentPair(
  runs: number,
  out: string,
): Promise<{ wall_s: number; cpu_s: number }> {
  const t0 = performance.now();
  const one = (k: number) =>
    new Promise<number>((resolve, reject) => {
      const child = spawn("/usr/bin/time", mcArgs(1, runs, `${out}-${k}`), {
        stdio: ["ignore", "ignore", "pipe"],
      });
      let err = "";
      child.stderr.on("data", (d: Buffer) => {
        err += d.toString();
      });
      child.on("error", reject);
      child.on("close", (code) =>
        code === 0 ? resolve(cpuOf(err)) : reject(new Error(`standoff mc failed: ${err}`)),
      );
    });
  const cpu = await Promise.all([one(0), one(1)]);
  return { wall_s: (performance.now() - t0) / 1000, cpu_s: cpu[0] + cpu[1] };
}

/** A fixed floating-point loop, timed after warm-up: ms for 10 rounds (lower is faster). */
const PROBE = `const a=new Float64Array(1024);function w(){let s=0;for(let i=0;i<2e6;i++){const k=i&1023;a[k]=Math.sin(a[k]+i*1e-6)*0.5+Math.sqrt(i);s+=a[k]}return s}w();w();const t=performance.now();for(let r=0;r<10;r++)w();console.log(Math.round(performance.now()-t))`;

/** The probe's time on each of the first two CPUs (pinned with taskset), or null without taskset. */
function coreProbe(): number[] | null {
  if (!hasProgram("taskset")) return null;
  const ms: number[] = [];
  for (const cpu of ["0", "1"]) {
    const r = spawnSync("taskset", ["-c", cpu, process.execPath, "-e", PROBE], {
      encoding: "utf8",
    });
    if (r.status !== 0) return null;
    ms.push(Number(r.stdout.trim()));
  }
  return ms;
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
    const peer: { wall_s: number; cpu_s: number }[] = [];
    const half = Math.ceil(runs / 2);
    for (let k = 0; k < 5; k++) {
      const probe = coreProbe();
      w1.push(mcProcess(1, runs, join(root, `p1-${k}`)));
      w2.push(mcProcess(2, runs, join(root, `p2-${k}`)));
      peer.push(await independentPair(half, join(root, `pp-${k}`)));
      const cores = probe ? `core probe ${probe.join(" / ")} ms` : "core probe: no taskset";
      console.log(
        `whole process, --runs ${runs}: 1 thread ${w1[k].wall_s.toFixed(2)} s wall (${w1[k].cpu_s.toFixed(1)} s CPU), 2 threads ${w2[k].wall_s.toFixed(2)} s (${w2[k].cpu_s.toFixed(1)} s CPU), peer 2 × ${half} runs ${peer[k].wall_s.toFixed(2)} s (${peer[k].cpu_s.toFixed(1)} s CPU); ${cores}; load ${loadavg()[0].toFixed(2)}`,
      );
    }
    const proc = {
      wall1_s: median(w1.map((x) => x.wall_s)),
      wall2_s: median(w2.map((x) => x.wall_s)),
      cpu1_s: median(w1.map((x) => x.cpu_s)),
      cpu2_s: median(w2.map((x) => x.cpu_s)),
      scaling: 0,
      wallPeer_s: median(peer.map((x) => x.wall_s)),
      cpuPeer_s: median(peer.map((x) => x.cpu_s)),
      peerScaling: 0,
    };
    proc.scaling = proc.wall1_s / proc.wall2_s;
    proc.peerScaling = proc.wall1_s / proc.wallPeer_s;
    console.log(
      `whole process 1 → 2 threads: ${proc.scaling.toFixed(2)}× (median of 5 pairs; target ≥ 1.7×); peer, two independent 1-thread processes of ${half} runs at once: ${proc.peerScaling.toFixed(2)}×`,
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
