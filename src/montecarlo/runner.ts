/**
 * runMonteCarlo: a study of N runs of a scenario on a worker-thread pool, with streaming statistics
 * and files written as runs complete.
 *
 * Determinism. Run i is a pure function of (scenario, study seed, i): its seed and dispersions come
 * from the study seed and i (scenario/dispersions.ts), never from the worker or the order of work.
 * Workers fly batches of consecutive runs; the main thread buffers batches that finish early and
 * feeds the statistics and the CSV files strictly in run order. So summary.json, runs.csv and
 * nav-error.csv are the same bytes for any number of workers and any batch sizes. Nothing in
 * them depends on the clock (timings go to the progress callback only).
 *
 * Interruption. An aborted signal (Ctrl-C in the CLI) or a maxRuns limit stops dispatching; the
 * batches in flight finish and are written, so the files always hold a contiguous prefix of the
 * runs; the summary is written marked incomplete. Resuming reads those rows back through the same
 * canonical path live runs take (run-record.ts), so the final summary equals an uninterrupted one.
 *
 * Memory. The main thread holds the statistics (fixed size), at most one batch per worker of
 * compact records, and the terrain once (shared with the workers, not copied).
 */

import { closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../core/user-error.js";
import { VERSION } from "../core/version.js";
import { CEP_PER_SIGMA, NOTIONAL_LETHAL_RADII } from "../effects/damage.js";
import { hasTargetEngagement } from "../engine/target-params.js";
import { terrainFromScenario } from "../engine/world.js";
import { modelledRunOf } from "../report/limitations.js";
import { renderMcReport } from "../report/mc-report.js";
import {
  dispersedScenario,
  loadStudyScenario,
  type StudyScenario,
} from "../scenario/dispersions.js";
import { ScenarioError } from "../scenario/problems.js";
import type { McTask, McTaskResult, McWorkerData } from "./mc-worker.js";
import { shareTerrain } from "./mc-worker.js";
import { createMcPool, defaultWorkers } from "./pool.js";
import { drawRun, studySeedOf } from "./run-draws.js";
import {
  MC_DEFAULT_TARGET_CLASS,
  type McRun,
  type NavPoints,
  navCsvHeader,
  navToCsv,
  runFromCsv,
  runsCsvHeader,
  runToCsv,
} from "./run-record.js";
import {
  NAV_FILE,
  type NominalRun,
  REPORT_FILE,
  RUNS_FILE,
  readCompletedRuns,
  readStudyFile,
  STUDY_FILE,
  type StudyFile,
  SUMMARY_FILE,
} from "./study-files.js";
import { McStatistics } from "./study-stats.js";
import type { McSummaryDoc } from "./summary-doc.js";

/** Options of a study. */
export interface MonteCarloOptions {
  /** Scenario file (YAML or JSON). */
  readonly file: string;
  /** Study folder: the files are written here (and read from here when resuming). */
  readonly out: string;
  /** Runs N; default: dispersions.runs, else what study.json says when resuming, else 100. */
  readonly runs?: number;
  /** Worker threads; default one per core. */
  readonly workers?: number;
  /** Study seed; default dispersions.study_seed, else the scenario's seed. */
  readonly seed?: number;
  /** Continue the study already in `out`. */
  readonly resume?: boolean;
  /** Stop dispatching when aborted (the runs in flight finish and are kept). */
  readonly signal?: AbortSignal;
  /** Stop after this many runs in this session (tests of interruption). */
  readonly maxRuns?: number;
  /** Runs per batch sent to a worker; default chosen from the measured run time (≈1 s a batch). */
  readonly batchSize?: number;
  /** Share viewsheds between the runs of a worker (default true; results are the same). */
  readonly shareViewsheds?: boolean;
  /** Write report.html (default true). */
  readonly report?: boolean;
  /** Called after every batch written, and once at the start. */
  readonly onProgress?: (p: McProgress) => void;
}

/** Progress of a study. */
export interface McProgress {
  /** Runs completed, including those of earlier sessions. */
  readonly done: number;
  readonly total: number;
  /** Runs completed in this session, and its elapsed time, s. */
  readonly sessionDone: number;
  readonly elapsed_s: number;
  /** Runs per second in this session (null before the first batch). */
  readonly rate: number | null;
  /** Estimated time to finish, s (null before the first batch). */
  readonly eta_s: number | null;
}

export type { McSummaryDoc };

/** What a study returns. */
export interface MonteCarloResult {
  readonly summary: McSummaryDoc;
  readonly complete: boolean;
  /** Runs completed in total, and in this session. */
  readonly completed: number;
  readonly sessionRuns: number;
  /** Wall time of this session, s, and its rate while flying runs (runs/s; null without runs). */
  readonly elapsed_s: number;
  readonly runsPerSecond: number | null;
  readonly workers: number;
  /** Files written, in the study folder. */
  readonly files: readonly string[];
}

/** Time points for navigation-error envelopes: about 50 over 1.25× the nominal flight, at a round step. */
export function navPointsFor(nominalFlight_s: number, sampleDt_s: number): NavPoints {
  const span = Math.max(1.25 * nominalFlight_s, sampleDt_s);
  const raw = span / 50;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw * (1 - 1e-12)) ?? 10 * mag;
  const step_s = Math.max(step, sampleDt_s);
  return { count: Math.min(51, Math.floor(span / step_s) + 1), step_s };
}

/** The output sample interval of study runs: the multiple of the step nearest 1 s. */
function studySampleDt(step_s: number): number {
  return Math.max(1, Math.round(1 / step_s)) * step_s;
}

/** Most worker threads a study may use (a pool this size already outruns any one machine). */
export const MAX_WORKERS = 256;

/** Run (or resume) a study; see the module notes. Throws ScenarioError or UserError on bad input. */
export async function runMonteCarlo(opts: MonteCarloOptions): Promise<MonteCarloResult> {
  const t0 = performance.now();
  const study = loadStudyScenario(opts.file);
  const workers = opts.workers ?? defaultWorkers();
  if (!(Number.isInteger(workers) && workers >= 1 && workers <= MAX_WORKERS)) {
    throw new UserError([
      `--workers: expected an integer from 1 to ${MAX_WORKERS}, got ${opts.workers}`,
    ]);
  }
  const out = opts.out;
  mkdirSync(out, { recursive: true });

  let previous: StudyFile | null = null;
  if (opts.resume) {
    previous = readStudyFile(out);
    if (previous.scenario.sha256 !== study.hash) {
      throw new UserError([
        `--resume ${out}: expected the scenario the study was started with (sha256 ${previous.scenario.sha256.slice(0, 12)}…), got ${opts.file} with sha256 ${study.hash.slice(0, 12)}…`,
      ]);
    }
    if (opts.seed !== undefined && opts.seed !== previous.studySeed) {
      throw new UserError([
        `--seed: expected the study's seed ${previous.studySeed} when resuming, got ${opts.seed}`,
      ]);
    }
  }
  const studySeed = previous?.studySeed ?? studySeedOf(study, opts.seed);
  // The file as the study first named it, so a resumed study's files match an uninterrupted one's.
  const scenarioFile = previous?.scenario.file ?? opts.file;
  const total = opts.runs ?? previous?.runs ?? study.dispersions.runs ?? 100;
  if (!(Number.isSafeInteger(total) && total >= 1)) {
    throw new UserError([`--runs: expected a positive integer, got ${opts.runs}`]);
  }
  const sampleDt_s = previous?.sampleDt_s ?? studySampleDt(study.base.simulation.step_s);
  preflight(study, studySeed, total);

  // Terrain once per study, shared with every worker.
  const grid = await terrainFromScenario(study.base, opts.file);
  const data: McWorkerData = {
    file: opts.file,
    text: study.text,
    hash: study.hash,
    studySeed,
    sampleDt_s,
    terrain: grid ? shareTerrain(grid) : null,
    shareViewsheds: opts.shareViewsheds ?? true,
  };
  const pool = createMcPool(workers, data);
  try {
    let nav: NavPoints;
    let nominal: NominalRun;
    let stats: McStatistics;
    let firstIndex = 0;
    let msPerRun: number | null = null;
    if (previous) {
      nav = previous.nav;
      nominal = previous.nominal;
      stats = new McStatistics(nav);
      const have = previous;
      firstIndex = readCompletedRuns(out, have, (r) => stats.add(r));
      if (firstIndex > total) {
        throw new UserError([
          `--runs: expected at least the ${firstIndex} runs already completed in ${out}, got ${total}`,
        ]);
      }
    } else {
      const res = check(await pool.run({ kind: "nominal", nav: { count: 0, step_s: 1 } }));
      const r = res.runs[0];
      msPerRun = res.elapsed_ms;
      nominal = {
        seed: r.seed,
        status: r.status,
        outcome: r.outcome,
        miss_m: r.miss_m,
        flightTime_s: r.flightTime_s,
        pDamage: r.pDamage,
      };
      nav = navPointsFor(r.flightTime_s, sampleDt_s);
      stats = new McStatistics(nav);
      // A new study: drop what an earlier one left (its summary would not be this study's).
      for (const f of [SUMMARY_FILE, REPORT_FILE]) rmSync(join(out, f), { force: true });
      writeFileSync(
        join(out, RUNS_FILE),
        `${runsCsvHeader(
          study.params.map((p) => p.param.path),
          hasTargetEngagement(study.base),
        )}\n`,
      );
      writeFileSync(join(out, NAV_FILE), `${navCsvHeader(nav)}\n`);
    }
    const studyFile: StudyFile = {
      format: "standoff-mc-study",
      version: 1,
      scenario: { file: scenarioFile, name: study.base.name, sha256: study.hash },
      studySeed,
      runs: total,
      sampleDt_s,
      nav,
      paramPaths: study.params.map((p) => p.param.path),
      nominal,
    };
    writeFileSync(join(out, STUDY_FILE), `${JSON.stringify(studyFile, null, 2)}\n`);

    const end = opts.maxRuns === undefined ? total : Math.min(total, firstIndex + opts.maxRuns);
    const session = await dispatch({
      pool,
      workers,
      stats,
      out,
      firstIndex,
      end,
      total,
      nav,
      nParams: study.params.length,
      msPerRun,
      ...(opts.batchSize === undefined ? {} : { batchSize: opts.batchSize }),
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    });
    const completed = firstIndex + session.done;
    const complete = completed === total;
    const summary = summaryDoc(
      study,
      scenarioFile,
      studySeed,
      total,
      completed,
      sampleDt_s,
      nominal,
      stats,
    );
    const files = [STUDY_FILE, RUNS_FILE, NAV_FILE, SUMMARY_FILE];
    writeFileSync(join(out, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
    if (opts.report ?? true) {
      writeFileSync(
        join(out, REPORT_FILE),
        renderMcReport({
          summary,
          scatter: stats.scatter(),
          modelled: modelledRunOf(study.base),
        }),
      );
      files.push(REPORT_FILE);
    }
    if (session.error) throw session.error;
    return {
      summary,
      complete,
      completed,
      sessionRuns: session.done,
      elapsed_s: (performance.now() - t0) / 1000,
      runsPerSecond:
        session.done > 0 && session.elapsed_s > 0 ? session.done / session.elapsed_s : null,
      workers,
      files: files.map((f) => join(out, f)),
    };
  } finally {
    await pool.destroy();
  }
}

/** Unwrap a task's result, rethrowing its error as the error it was. */
function check(res: McTaskResult): Extract<McTaskResult, { ok: true }> {
  if (res.ok) return res;
  if (res.problems) throw new ScenarioError(res.problems);
  if (res.lines) throw new UserError(res.lines);
  // The worker's stack is kept for STANDOFF_DEBUG=1; the message stays one line.
  const err = new Error(`a worker failed: ${res.message}`);
  if (res.stack) err.stack = res.stack;
  throw err;
}

/**
 * Catch dispersions that leave the schema's range before any flight: the draws of the first runs
 * (up to 200) are validated in the main thread. Later runs are still checked as they are flown.
 */
function preflight(study: StudyScenario, studySeed: number, total: number): void {
  if (study.params.length === 0) return;
  const n = Math.min(total, 200);
  for (let i = 0; i < n; i++) dispersedScenario(study, drawRun(study, studySeed, i));
}

interface DispatchArgs {
  readonly pool: ReturnType<typeof createMcPool>;
  readonly workers: number;
  readonly stats: McStatistics;
  readonly out: string;
  readonly firstIndex: number;
  readonly end: number;
  readonly total: number;
  readonly nav: NavPoints;
  readonly nParams: number;
  readonly msPerRun: number | null;
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: McProgress) => void;
}

/**
 * Where completed runs go, in run order: each is written to runs.csv and nav-error.csv and read
 * back from its lines into the statistics, so the statistics see a run exactly as the files hold
 * it (see run-record.ts) and a resumed study is fed the same numbers.
 */
export class RunSink {
  private readonly runsFd: number;
  private readonly navFd: number;

  /** Append to the study files in `out` (which must exist with their headers). */
  constructor(
    out: string,
    private readonly stats: McStatistics,
    private readonly nParams: number,
    private readonly nav: NavPoints,
  ) {
    this.runsFd = openSync(join(out, RUNS_FILE), "a");
    this.navFd = openSync(join(out, NAV_FILE), "a");
  }

  /** Write and feed consecutive runs (the next ones in run order). */
  write(runs: readonly McRun[]): void {
    let rows = "";
    let navRows = "";
    for (const r of runs) {
      const line = runToCsv(r);
      const navLine = navToCsv(r);
      this.stats.add(runFromCsv(line, navLine, this.nParams, this.nav));
      rows += `${line}\n`;
      navRows += `${navLine}\n`;
    }
    if (rows === "") return;
    writeSync(this.runsFd, rows);
    writeSync(this.navFd, navRows);
  }

  /** Close the files. */
  close(): void {
    closeSync(this.runsFd);
    closeSync(this.navFd);
  }
}

/** Fly runs firstIndex … end − 1, writing and feeding them in order; see the module notes. */
async function dispatch(
  a: DispatchArgs,
): Promise<{ done: number; error: Error | null; elapsed_s: number }> {
  const sink = new RunSink(a.out, a.stats, a.nParams, a.nav);
  const start = performance.now();
  let next = a.firstIndex;
  let fed = a.firstIndex;
  let inFlight = 0;
  let error: Error | null = null;
  let msPerRun = a.msPerRun;
  const ready = new Map<number, McRun[]>();
  // One batch per worker: a queued batch would only delay a Ctrl-C, and a worker waits for its
  // next batch no longer than one message round trip.
  const maxInFlight = a.workers;

  const progress = () => {
    if (!a.onProgress) return;
    const sessionDone = fed - a.firstIndex;
    const elapsed_s = (performance.now() - start) / 1000;
    const rate = sessionDone > 0 && elapsed_s > 0 ? sessionDone / elapsed_s : null;
    a.onProgress({
      done: fed,
      total: a.total,
      sessionDone,
      elapsed_s,
      rate,
      eta_s: rate === null ? null : (a.end - fed) / rate,
    });
  };

  const batchSize = (): number => {
    if (a.batchSize !== undefined) return Math.max(1, Math.floor(a.batchSize));
    // About a second of work per batch, small enough that every worker gets several.
    const byTime = msPerRun === null ? 1 : Math.round(1000 / Math.max(msPerRun, 1));
    const bySpread = Math.ceil((a.end - a.firstIndex) / (4 * a.workers));
    return Math.max(1, Math.min(64, byTime, bySpread));
  };

  const feed = () => {
    const before = fed;
    for (let batch = ready.get(fed); batch; batch = ready.get(fed)) {
      ready.delete(fed);
      sink.write(batch);
      fed += batch.length;
    }
    if (fed !== before) progress();
  };

  progress();
  try {
    await new Promise<void>((resolve) => {
      const stopped = () => error !== null || (a.signal?.aborted ?? false);
      const pump = () => {
        while (!stopped() && inFlight < maxInFlight && next < a.end) {
          const s = next;
          // Batches shrink near the end so the workers finish together.
          const tail = Math.ceil((a.end - s) / (2 * a.workers));
          const count = Math.max(1, Math.min(batchSize(), tail, a.end - s));
          next += count;
          inFlight++;
          const task: McTask = { kind: "runs", start: s, count, nav: a.nav };
          a.pool.run(task).then(
            (res) => {
              inFlight--;
              if (res.ok) {
                const per = res.elapsed_ms / Math.max(1, res.runs.length);
                msPerRun = msPerRun === null ? per : 0.7 * msPerRun + 0.3 * per;
                ready.set(s, res.runs);
                try {
                  if (error === null) feed();
                } catch (e) {
                  error ??= e instanceof Error ? e : new Error(String(e));
                }
              } else {
                try {
                  check(res);
                } catch (e) {
                  error ??= e as Error;
                }
              }
              pump();
            },
            (e: unknown) => {
              inFlight--;
              error ??= e instanceof Error ? e : new Error(String(e));
              pump();
            },
          );
        }
        if (inFlight === 0 && (stopped() || next >= a.end)) resolve();
      };
      a.signal?.addEventListener("abort", () => pump(), { once: true });
      pump();
    });
  } finally {
    sink.close();
  }
  return { done: fed - a.firstIndex, error, elapsed_s: (performance.now() - start) / 1000 };
}

/** summary.json's document. */
function summaryDoc(
  study: StudyScenario,
  file: string,
  seed: number,
  total: number,
  completed: number,
  sampleDt_s: number,
  nominal: NominalRun,
  stats: McStatistics,
): McSummaryDoc {
  const carleton = NOTIONAL_LETHAL_RADII[MC_DEFAULT_TARGET_CLASS];
  return {
    format: "standoff-mc-summary",
    version: 1,
    generator: `standoff ${VERSION}`,
    scenario: { file, name: study.base.name, sha256: study.hash },
    study: {
      seed,
      runsRequested: total,
      runsCompleted: completed,
      complete: completed === total,
      sampleDt_s,
      dispersions: study.params.map((p) => ({ ...p.param, nominal: p.nominal })),
    },
    damageModel: {
      function: "Carleton",
      defaultTargetClass: MC_DEFAULT_TARGET_CLASS,
      rx_m: carleton.rx_m,
      ry_m: carleton.ry_m,
      d0: carleton.d0,
      note: `Runs that arrive are scored with the scenario's own damage model when the simulation gives one (damageScoredByScenario), else with the notional ${MC_DEFAULT_TARGET_CLASS} Carleton function above; runs that do not arrive score 0. A circular normal miss of CEP c has σ = c/${CEP_PER_SIGMA.toFixed(4)}.`,
    },
    sites: (study.base.air_defence?.sites ?? []).map((s) => s.name),
    nominal,
    ...stats.summary(),
  };
}
