/**
 * runMonteCarlo: a study of N runs of a scenario, flown in chunks by a backend (the local
 * worker-thread pool by default, or a Redis queue of machines), with mergeable statistics and files
 * written as chunks complete.
 *
 * Determinism. Run i is a pure function of (scenario, study seed, i): its seed and dispersions come
 * from the study seed and i (scenario/dispersions.ts), never from the worker or the order of work.
 * Threads fly chunks of consecutive runs and send back chunk summaries: the chunk's CSV lines and
 * the serialised statistics of exactly those lines (study-context.ts). The main thread only merges
 * them (study-merger.ts), appending the lines in run order; the statistics merge exactly
 * (study-stats.ts), so summary.json, runs.csv and nav-error.csv are the same bytes for any number
 * of threads or machines and any chunk sizes. Nothing in them depends on the clock (timings go to
 * the progress callback only).
 *
 * Interruption. An aborted signal (Ctrl-C in the CLI) or a maxRuns limit stops dispatching; the
 * chunks in flight finish and are written, so the files always hold a contiguous prefix of the
 * runs; the summary is written marked incomplete. Resuming reads those rows back through the same
 * canonical path live runs take (run-record.ts), so the final summary equals an uninterrupted one.
 *
 * Memory. The main thread holds the statistics (fixed size) and the chunks that finished before an
 * earlier one; the process holds the terrain and the nominal sites' viewsheds once, in shared
 * memory (study-context.ts, shared-viewsheds.ts).
 */

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../core/user-error.js";
import { VERSION } from "../core/version.js";
import { CEP_PER_SIGMA, NOTIONAL_LETHAL_RADII } from "../effects/damage.js";
import { hasTargetEngagement } from "../engine/target-params.js";
import { modelledRunOf } from "../report/limitations.js";
import {
  dispersedScenario,
  loadStudyScenario,
  type StudyScenario,
} from "../scenario/dispersions.js";
import { type ChunkBackendFactory, localBackend } from "./chunk-backend.js";
import { MAX_WORKERS } from "./limits.js";
import { defaultWorkers } from "./pool.js";
import { drawRun, studySeedOf } from "./run-draws.js";
import {
  MC_DEFAULT_TARGET_CLASS,
  type NavPoints,
  navCsvHeader,
  runsCsvHeader,
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
import { StudyMerger } from "./study-merger.js";
import { McStatistics } from "./study-stats.js";
import type { McSummaryDoc } from "./summary-doc.js";

export { MAX_WORKERS } from "./limits.js";
export { navPointsFor } from "./study-context.js";

/** Options of a study. */
export interface MonteCarloOptions {
  /** Scenario file (YAML or JSON). */
  readonly file: string;
  /** The scenario already read from `file` by the caller (else it is read here). */
  readonly study?: StudyScenario;
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
  /** Runs per chunk; default chosen from the measured run time (≈1 s a chunk). */
  readonly batchSize?: number;
  /**
   * Where the chunks are flown; default the local worker-thread pool (`workers` threads). A queue
   * backend (src/distributed/) flies them on other processes or machines.
   */
  readonly backend?: ChunkBackendFactory;
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

/** The output sample interval of study runs: the multiple of the step nearest 1 s. */
function studySampleDt(step_s: number): number {
  return Math.max(1, Math.round(1 / step_s)) * step_s;
}

/** Run (or resume) a study; see the module notes. Throws ScenarioError or UserError on bad input. */
export async function runMonteCarlo(opts: MonteCarloOptions): Promise<MonteCarloResult> {
  const t0 = performance.now();
  const study = opts.study ?? loadStudyScenario(opts.file);
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

  const plan = {
    file: opts.file,
    study,
    studySeed,
    sampleDt_s,
    total,
    shareViewsheds: opts.shareViewsheds ?? true,
  };
  const backend = await (opts.backend ?? localBackend(workers))(plan);
  let merger: StudyMerger | null = null;
  try {
    let started: { nominal: NominalRun; nav: NavPoints; stats: McStatistics } | null = null;
    let firstIndex = 0;
    const paramPaths = study.params.map((p) => p.param.path);
    const studyFileOf = (nominal: NominalRun, nav: NavPoints): StudyFile => ({
      format: "standoff-mc-study",
      version: 1,
      scenario: { file: scenarioFile, name: study.base.name, sha256: study.hash },
      studySeed,
      runs: total,
      sampleDt_s,
      nav,
      paramPaths,
      nominal,
    });
    const start = (nominal: NominalRun, nav: NavPoints, stats: McStatistics) => {
      writeFileSync(
        join(out, STUDY_FILE),
        `${JSON.stringify(studyFileOf(nominal, nav), null, 2)}\n`,
      );
      merger = new StudyMerger(out, stats, firstIndex);
      started = { nominal, nav, stats };
    };
    if (previous) {
      const stats = new McStatistics(previous.nav);
      firstIndex = readCompletedRuns(out, previous, (r) => stats.add(r));
      if (firstIndex > total) {
        throw new UserError([
          `--runs: expected at least the ${firstIndex} runs already completed in ${out}, got ${total}`,
        ]);
      }
      start(previous.nominal, previous.nav, stats);
    }
    // A new study starts its files when the nominal run is known (from the first thread set up).
    const onNominal = (nominal: NominalRun, nav: NavPoints) => {
      if (started) return;
      // A new study: drop what an earlier one left (its summary would not be this study's).
      for (const f of [SUMMARY_FILE, REPORT_FILE]) rmSync(join(out, f), { force: true });
      writeFileSync(
        join(out, RUNS_FILE),
        `${runsCsvHeader(paramPaths, hasTargetEngagement(study.base))}\n`,
      );
      writeFileSync(join(out, NAV_FILE), `${navCsvHeader(nav)}\n`);
      start(nominal, nav, new McStatistics(nav));
    };

    const end = opts.maxRuns === undefined ? total : Math.min(total, firstIndex + opts.maxRuns);
    const t1 = performance.now();
    const progress = () => {
      if (!opts.onProgress) return;
      const done = merger?.written ?? firstIndex;
      const sessionDone = done - firstIndex;
      const elapsed_s = (performance.now() - t1) / 1000;
      const rate = sessionDone > 0 && elapsed_s > 0 ? sessionDone / elapsed_s : null;
      opts.onProgress({
        done,
        total,
        sessionDone,
        elapsed_s,
        rate,
        eta_s: rate === null ? null : (end - done) / rate,
      });
    };
    progress();
    let error: unknown = null;
    try {
      await backend.run({
        firstIndex,
        end,
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.batchSize === undefined
          ? {}
          : { chunkSize: Math.max(1, Math.floor(opts.batchSize)) }),
        onNominal,
        onChunk: (c) => {
          onNominal(c.nominal, c.nav);
          const m = merger as StudyMerger | null;
          if (m?.add(c)) progress();
        },
      });
    } catch (e) {
      error = e;
    }
    const session_s = (performance.now() - t1) / 1000;
    const s0 = started as { nominal: NominalRun; nav: NavPoints; stats: McStatistics } | null;
    if (!s0) {
      if (error) throw error;
      throw new UserError([
        `${opts.file}: the study stopped before its first run finished; nothing was written`,
      ]);
    }
    const completed = (merger as StudyMerger | null)?.written ?? firstIndex;
    const sessionRuns = completed - firstIndex;
    const complete = completed === total;
    const summary = summaryDoc(
      study,
      scenarioFile,
      studySeed,
      total,
      completed,
      sampleDt_s,
      s0.nominal,
      s0.stats,
    );
    const files = [STUDY_FILE, RUNS_FILE, NAV_FILE, SUMMARY_FILE];
    writeFileSync(join(out, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
    if (opts.report ?? true) {
      // The renderer loads only now, not before the threads start (the runner's start is serial).
      const { renderMcReport } = await import("../report/mc-report.js");
      writeFileSync(
        join(out, REPORT_FILE),
        renderMcReport({
          summary,
          scatter: s0.stats.scatter(),
          modelled: modelledRunOf(study.base),
        }),
      );
      files.push(REPORT_FILE);
    }
    if (error) throw error;
    return {
      summary,
      complete,
      completed,
      sessionRuns,
      elapsed_s: (performance.now() - t0) / 1000,
      runsPerSecond: sessionRuns > 0 && session_s > 0 ? sessionRuns / session_s : null,
      workers: backend.workers,
      files: files.map((f) => join(out, f)),
    };
  } finally {
    (merger as StudyMerger | null)?.close();
    await backend.close();
  }
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
