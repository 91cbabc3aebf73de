/**
 * `standoff mc FILE`: a Monte Carlo study. Progress goes to stderr (a bar with rate and ETA on a
 * terminal, a plain line every few seconds otherwise, nothing with --json); the summary to stdout.
 * Ctrl-C stops after the runs in flight, keeps every completed run, writes an incomplete summary
 * and exits 130; `--resume DIR` continues the study.
 */

import type cliProgressModule from "cli-progress";
import type { Command } from "commander";
import { UserError } from "../core/user-error.js";
import type { McPool } from "../montecarlo/pool.js";
import type { McProgress, MonteCarloResult } from "../montecarlo/runner.js";
import { formatNorthEast, formatProportion } from "../report/format.js";
import { chunkOption, runsOption, seedOption, workersOption } from "./options.js";
import { type Output, processOutput } from "./output.js";
import { jsonProgressRequested, PROGRESS_PREFIX } from "./stage-progress.js";

/** `mc --goal`: a probability strictly between 0 and 1. */
function goalOption(value: string): number {
  const p = Number(value);
  if (!(value.trim() !== "" && Number.isFinite(p) && p > 0 && p < 1)) {
    throw new UserError([`--goal: expected a probability between 0 and 1, got ${value}`], 2);
  }
  return p;
}

/** Options of `standoff mc`. */
export interface McCommandOptions {
  /** Runs N (default: the scenario's dispersions.runs, the resumed study's, else 100). */
  readonly runs?: number;
  /** Study folder. */
  readonly out: string;
  /** Worker threads (default: one per core). */
  readonly workers?: number;
  /** Study folder to continue (overrides out). */
  readonly resume?: string;
  readonly json: boolean;
  /** Study seed (default: dispersions.study_seed, else the scenario's seed). */
  readonly seed?: number;
  /** How to show progress; default "auto": bar on a terminal, lines otherwise, none with --json. */
  readonly progress?: "auto" | "bar" | "lines" | "none";
  /** Stop as Ctrl-C would (tests). */
  readonly signal?: AbortSignal;
  /** Stop after this many runs in this session (tests). */
  readonly maxRuns?: number;
  /** Fly the study on a Redis queue's workers (redis://HOST:PORT) instead of local threads. */
  readonly queue?: string;
  /** Queue study id (default from scenario, seed, runs and chunk size; the same id resumes). */
  readonly studyId?: string;
  /** Runs per queued chunk. */
  readonly chunk?: number;
}

/** Exit status of an interrupted study (128 + SIGINT), as shells report Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

/** "2 min 05 s" for a duration in seconds. */
export function formatDuration(s: number): string {
  if (!Number.isFinite(s) || s < 0) return "—";
  const t = Math.round(s);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, "0")} min`;
  if (m > 0) return `${m} min ${String(sec).padStart(2, "0")} s`;
  return `${sec} s`;
}

/** A progress display: update on every batch, stop at the end. */
interface ProgressView {
  update(p: McProgress): void;
  stop(): void;
}

/** The terminal bar; cli-progress is passed in, loaded only when a bar is shown. */
function barView(cliProgress: typeof cliProgressModule): ProgressView {
  const bar = new cliProgress.SingleBar(
    {
      format: "mc {bar} {percentage}% | {value}/{total} runs | {rate} runs/s | ETA {etaText}",
      barsize: 30,
      hideCursor: true,
      stream: process.stderr,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      const payload = {
        rate: p.rate === null ? "—" : p.rate.toFixed(2),
        etaText: p.eta_s === null ? "—" : formatDuration(p.eta_s),
      };
      if (!started) {
        bar.start(p.total, p.done, payload);
        started = true;
      } else {
        bar.update(p.done, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** Machine-readable progress (STANDOFF_PROGRESS=json): a line per batch, for `standoff serve`. */
function jsonView(io: Output): ProgressView {
  return {
    update(p) {
      io.err(
        `${PROGRESS_PREFIX}${JSON.stringify({ stage: "runs", fraction: p.total > 0 ? p.done / p.total : null, done: p.done, total: p.total })}`,
      );
    },
    stop() {},
  };
}

function linesView(io: Output, everyMs = 5000): ProgressView {
  let last = Number.NEGATIVE_INFINITY;
  let lastDone = -1;
  let pending: McProgress | null = null;
  const print = (p: McProgress) => {
    const pctText = ((100 * p.done) / p.total).toFixed(1);
    const rate = p.rate === null ? "" : `, ${p.rate.toFixed(2)} runs/s`;
    const eta = p.eta_s === null || p.done === p.total ? "" : `, ETA ${formatDuration(p.eta_s)}`;
    io.err(`mc: ${p.done}/${p.total} runs (${pctText} %)${rate}${eta}`);
    last = performance.now();
    lastDone = p.done;
    pending = null;
  };
  return {
    update(p) {
      pending = p;
      // The first completed runs give an early rate; then a line every few seconds.
      const first = lastDone <= 0 && p.sessionDone > 0;
      if (first || performance.now() - last >= everyMs || p.done === p.total) print(p);
    },
    stop() {
      if (pending && pending.done !== lastDone) print(pending);
    },
  };
}

/** Run the command; returns the exit status (130 when interrupted, with the completed runs kept). */
export async function mcCommand(
  file: string,
  opts: McCommandOptions,
  io: Output = processOutput,
): Promise<number> {
  // A local study's threads start first, so each loads its code (a quarter of a second of CPU)
  // while this thread loads the scenario schemas and reads the file, instead of after.
  const { createMcPool, defaultWorkers } = await import("../montecarlo/pool.js");
  const { MAX_WORKERS } = await import("../montecarlo/limits.js");
  const workers = opts.workers ?? defaultWorkers();
  const pool =
    opts.queue === undefined && Number.isInteger(workers) && workers >= 1 && workers <= MAX_WORKERS
      ? createMcPool(workers)
      : null;
  try {
    return await study(file, opts, io, pool === null ? null : { workers, pool });
  } finally {
    await pool?.destroy();
  }
}

async function study(
  file: string,
  opts: McCommandOptions,
  io: Output,
  local: { readonly workers: number; readonly pool: McPool } | null,
): Promise<number> {
  const out = opts.resume ?? opts.out;
  if (opts.queue !== undefined && opts.resume !== undefined) {
    throw new UserError(
      [
        "--resume: a queued study resumes from Redis: run the same `standoff mc --queue` command again (same --study-id)",
      ],
      2,
    );
  }
  // The study's code loads here, not when main.ts registers the command; bullmq (a quarter of a
  // second to load, paid before the threads start) only for a queued study.
  const [
    { clearOutputFolder, STUDY_OUTPUT_FILES },
    { runMonteCarlo },
    { loadStudyScenario },
    { localBackend },
  ] = await Promise.all([
    import("../io/output-folder.js"),
    import("../montecarlo/runner.js"),
    import("../scenario/dispersions.js"),
    import("../montecarlo/chunk-backend.js"),
  ]);
  const coordinator =
    opts.queue === undefined ? null : await import("../distributed/queue-coordinator.js");
  const loaded = loadStudyScenario(file);
  if (opts.resume === undefined) {
    // A new study writes into its folder as it goes, so it cannot be staged like the other
    // commands' outputs: refuse files standoff did not write and remove earlier runs' outputs
    // (another command's, or an older study's) up front, once the scenario has loaded. The study
    // is read and checked here once (dispersions included) and handed to the runner: reading it
    // twice cost the main thread 30–60 ms of the set-up that every thread waits for.
    const removed = clearOutputFolder(out, STUDY_OUTPUT_FILES);
    if (removed.length > 0 && !opts.json) {
      io.err(`standoff: removed ${removed.join(", ")} (outputs of an earlier run)`);
    }
  }
  const mode =
    opts.progress && opts.progress !== "auto"
      ? opts.progress
      : jsonProgressRequested(io)
        ? "json"
        : opts.json
          ? "none"
          : io === processOutput && process.stderr.isTTY
            ? "bar"
            : "lines";
  const view: ProgressView | null =
    mode === "bar"
      ? barView((await import("cli-progress")).default)
      : mode === "lines"
        ? linesView(io)
        : mode === "json"
          ? jsonView(io)
          : null;

  // Ctrl-C once: finish the runs in flight and write what is done; twice: leave at once (the files
  // already hold every run written so far, in order).
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) {
      view?.stop();
      process.exit(EXIT_INTERRUPTED);
    }
    view?.stop();
    if (!opts.json)
      io.err("standoff: stopping after the runs in flight (Ctrl-C again to quit now)");
    controller.abort();
  };
  const outer = opts.signal;
  const relay = () => controller.abort();
  outer?.addEventListener("abort", relay, { once: true });
  process.on("SIGINT", onSigint);

  let result: MonteCarloResult;
  try {
    result = await runMonteCarlo({
      file,
      study: loaded,
      out,
      ...(opts.runs === undefined ? {} : { runs: opts.runs }),
      ...(opts.workers === undefined ? {} : { workers: opts.workers }),
      ...(opts.seed === undefined ? {} : { seed: opts.seed }),
      ...(opts.maxRuns === undefined ? {} : { maxRuns: opts.maxRuns }),
      resume: opts.resume !== undefined,
      signal: controller.signal,
      ...(local === null ? {} : { backend: localBackend(local.workers, local.pool) }),
      ...(opts.queue === undefined || coordinator === null
        ? {}
        : {
            backend: coordinator.queueBackend({
              url: opts.queue,
              ...(opts.studyId === undefined ? {} : { studyId: opts.studyId }),
              ...(opts.chunk === undefined ? {} : { chunkSize: opts.chunk }),
              onStudy: (id, chunks) => {
                if (!opts.json) io.err(`standoff: study ${id} on ${opts.queue}: ${chunks} chunks`);
              },
            }),
          }),
      ...(view ? { onProgress: (p: McProgress) => view.update(p) } : {}),
    });
  } finally {
    process.off("SIGINT", onSigint);
    outer?.removeEventListener("abort", relay);
    view?.stop();
  }

  const s = result.summary;
  if (opts.json) {
    io.out(JSON.stringify(s, null, 2));
  } else {
    printSummary(io, result);
  }
  if (!result.complete) {
    if (!opts.json) {
      const again =
        opts.queue === undefined
          ? `standoff mc ${file} --resume ${out}`
          : "the same command (the finished chunks wait in Redis)";
      io.err(
        `standoff: study incomplete: ${result.completed} of ${s.study.runsRequested} runs; continue with: ${again}`,
      );
    }
    return EXIT_INTERRUPTED;
  }
  return 0;
}

function pct(p: number | null): string {
  return p === null ? "—" : `${(100 * p).toFixed(1)} %`;
}

function m(v: number | null, digits = 1): string {
  return v === null ? "—" : `${v.toFixed(digits)} m`;
}

function printSummary(io: Output, r: MonteCarloResult): void {
  const s = r.summary;
  const st = s.statistics;
  const c = `${Math.round(100 * st.confidence)} %`;
  const rate = r.runsPerSecond === null ? "" : `, ${r.runsPerSecond.toFixed(2)} runs/s`;
  io.out(`${s.scenario.name} — Monte Carlo study`);
  io.out(
    `  runs             ${st.runs} of ${s.study.runsRequested} (study seed ${s.study.seed}; ${r.sessionRuns} this session on ${r.workers} worker${r.workers === 1 ? "" : "s"} in ${formatDuration(r.elapsed_s)}${rate})`,
  );
  io.out(`  P(arrival)       ${formatProportion(st.arrival)} (${c} Wilson)`);
  io.out(
    `  P(damage)        ${formatProportion(st.damage)} (${s.damageModel.defaultTargetClass.replace(/-/g, " ")} unless the scenario scores it)`,
  );
  if (st.acquisition) {
    io.out(`  P(acquire)       ${formatProportion(st.acquisition)} (seeker acquired the target)`);
  }
  const cep = st.cep;
  io.out(
    `  CEP50            ${m(cep.cep50_m.estimate, 2)} [${m(cep.cep50_m.lower, 2)}, ${m(cep.cep50_m.upper, 2)}] (${cep.n} arrived)`,
  );
  io.out(
    `  CEP90            ${m(cep.cep90_m.estimate, 2)} [${m(cep.cep90_m.lower, 2)}, ${m(cep.cep90_m.upper, 2)}]`,
  );
  const mpi = st.meanPointOfImpact;
  if (mpi.north_m !== null && mpi.east_m !== null) {
    io.out(`  mean impact      ${formatNorthEast(mpi.north_m, mpi.east_m)} of the aimpoint`);
  }
  const tot = st.timeOnTarget;
  if (tot.mean_s !== null) {
    io.out(
      `  time on target   mean ${tot.mean_s.toFixed(1)} s, spread ${tot.spread_s?.toFixed(1)} s (${tot.min_s?.toFixed(1)} to ${tot.max_s?.toFixed(1)} s)`,
    );
  }
  io.out(`  funnel           ${s.funnel.map((f) => `${f.stage} ${f.runs}`).join(" → ")}`);
  if (st.kills.total > 0) {
    io.out(
      `  kills            ${st.kills.bySite.map((k) => `${k.site} ${k.kills} (${pct(k.shareOfKills.p)} of kills)`).join(", ")}`,
    );
  }
  io.out(`  wrote            ${r.files.join(", ")}`);
}

/** Add `standoff mc` to a commander program (main.ts); setCode receives the exit status. */
export function registerMcCommand(
  program: Command,
  io: Output,
  setCode: (c: number) => void,
): void {
  program
    .command("mc")
    .description(
      "Monte Carlo study of a mission scenario: write summary.json, runs.csv, nav-error.csv and report.html",
    )
    .argument("<file>", "mission scenario file (YAML or JSON), with an optional dispersions block")
    .option("-n, --runs <n>", "number of runs (default: dispersions.runs, else 100)", runsOption)
    .option("-o, --out <dir>", "study folder", "out/mc")
    .option("-w, --workers <n>", "worker threads (default: one per core)", workersOption)
    .option("--resume <dir>", "continue the interrupted study in this folder")
    .option(
      "--seed <n>",
      "study seed (default: dispersions.study_seed, else the scenario's seed)",
      seedOption,
    )
    .option("--json", "print the summary as JSON, with no progress output", false)
    .option(
      "--queue <url>",
      "fly the runs on the workers of a Redis queue (redis://HOST:PORT; start them with `standoff worker`)",
    )
    .option(
      "--study-id <id>",
      "queue study id (default from scenario, seed, runs and chunk size); the same id resumes",
    )
    .option("--chunk <n>", "runs per queued chunk (default 8)", chunkOption)
    .option(
      "--sweep <spec>",
      "PATH=V1,V2,...: a salvo study at each value of a scenario number, or of a count (missiles, decoys)",
    )
    .option("--goal <p>", "with --sweep: the P(destroyed) wanted (0–1)", goalOption)
    .action(
      async (
        file: string,
        o: {
          runs?: number;
          out: string;
          workers?: number;
          resume?: string;
          seed?: number;
          json: boolean;
          queue?: string;
          studyId?: string;
          chunk?: number;
          sweep?: string;
          goal?: number;
        },
      ) => {
        if (o.sweep !== undefined) {
          if (o.queue !== undefined || o.resume !== undefined) {
            // A sweep runs its studies here, one per value; the queue and resume are per study.
            throw new UserError(["--sweep: cannot be combined with --queue or --resume"], 2);
          }
          const { sweepCommand } = await import("./sweep-command.js");
          setCode(await sweepCommand(file, { ...o, sweep: o.sweep }, io));
          return;
        }
        setCode(await mcCommand(file, o, io));
      },
    );
}
