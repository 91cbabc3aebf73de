/**
 * A thread's side of a study: the context it sets up once per study (not per chunk) and flying one
 * chunk into a chunk summary (study-context.ts describes both).
 *
 * Set-up. A study's set-up is the scenario parsed and checked against its hash, the terrain shared
 * by the process, the viewsheds of the nominal scenario's sites (computed once per process into
 * shared memory by whichever thread claims each first; see shared-viewsheds.ts), and the nominal
 * run, which fixes the study's navigation time points (flown once per process by the first thread
 * that needs it; see shared-nominal.ts). A thread keeps its context for as long as it flies that
 * study, so a study costs each thread one set-up whatever the number of chunks.
 *
 * A thread that starts on runs before the nominal run is known flies them all the same and keeps
 * their results; it summarises them once the nominal run is there (read, or flown itself at the
 * end of the chunk when no thread has claimed it). So the second thread of a pool starts on runs
 * at once instead of flying the nominal run a second time.
 */

import { executeScenario } from "../engine/execute-run.js";
import {
  dispersedScenario,
  parseStudyScenarioText,
  type StudyScenario,
} from "../scenario/dispersions.js";
import type { ElevationGrid } from "../terrain/elevation-grid.js";
import { ViewshedCache } from "../terrain/site-visibility.js";
import { drawRun } from "./run-draws.js";
import { type McRun, mcRunFromResult, navToCsv, runFromCsv, runToCsv } from "./run-record.js";
import { type NominalResult, peekSharedNominal, sharedNominal } from "./shared-nominal.js";
import { seedSharedViewsheds } from "./shared-viewsheds.js";
import {
  type ChunkSummary,
  gridFromShared,
  type McStudySetup,
  navPointsFor,
} from "./study-context.js";
import type { NominalRun } from "./study-files.js";
import { McStatistics } from "./study-stats.js";

/** A thread's study context, built once from its set-up. */
export interface McContext {
  readonly setup: McStudySetup;
  readonly study: StudyScenario;
  readonly terrain: ElevationGrid | null;
  /** Shared by the context's runs when the study asks (one per site kept, and one more), else null. */
  readonly viewsheds: ViewshedCache | null;
  /** The nominal run and time points, once this thread has them (see nominalOf). */
  known: NominalResult | null;
}

/** A key naming a study's set-up: contexts are reused while it stays the same. */
export function setupKey(s: McStudySetup): string {
  return `${s.hash}:${s.studySeed}:${s.sampleDt_s}:${s.shareViewsheds}`;
}

/**
 * The context of a study (in a worker thread, or in-process for tests): parse, share the terrain
 * and seed the viewshed cache with the process's shared viewsheds. The nominal run is flown later,
 * when first needed (nominalOf).
 */
export function makeContext(setup: McStudySetup): McContext {
  const study = parseStudyScenarioText(setup.text, setup.file);
  if (study.hash !== setup.hash) throw new Error("the scenario text changed between threads");
  const terrain = setup.terrain ? gridFromShared(setup.terrain) : null;
  // Room for every viewshed a run asks for, and one more: a run asks for each site once, in the
  // same order, so the shared ones stay and each dispersed site's array of the previous run
  // receives its next viewshed. A larger cache only cycled more 4 MB arrays through the caches
  // (17 slots: ~3 % slower at 2 threads, bench/RESULTS.md), as no dispersed viewshed recurs.
  const nSites = setup.viewsheds?.sites.length ?? 8;
  const viewsheds = setup.shareViewsheds ? new ViewshedCache(nSites + 1, true) : null;
  if (viewsheds && terrain && setup.viewsheds) {
    seedSharedViewsheds(setup.viewsheds, terrain, viewsheds);
  }
  return { setup, study, terrain, viewsheds, known: null };
}

/** Fly the study's nominal run (undispersed, the scenario's own seed) here. */
function flyNominal(ctx: McContext): NominalResult {
  const { study, setup, terrain } = ctx;
  const draw = { index: -1, seed: study.base.seed, values: study.params.map((p) => p.nominal) };
  ctx.viewsheds?.nextRun();
  const run = executeScenario(
    study.base,
    setup.file,
    { sampleDt_s: setup.sampleDt_s },
    terrain,
    ctx.viewsheds ?? new ViewshedCache(),
  );
  if (run.kind !== "mission") throw new Error("a study runs mission scenarios only");
  const r = mcRunFromResult(draw, run.params, run.result, { count: 0, step_s: 1 });
  const nominal: NominalRun = {
    seed: r.seed,
    status: r.status,
    outcome: r.outcome,
    miss_m: r.miss_m,
    flightTime_s: r.flightTime_s,
    pDamage: r.pDamage,
  };
  return { nominal, nav: navPointsFor(r.flightTime_s, setup.sampleDt_s) };
}

/** The nominal run and time points: this thread's, the process's shared one, or flown now. */
export function nominalOf(ctx: McContext): NominalResult {
  if (ctx.known) return ctx.known;
  const slot = ctx.setup.nominal;
  ctx.known = slot ? sharedNominal(slot, () => flyNominal(ctx)) : flyNominal(ctx);
  return ctx.known;
}

/** The nominal run if this thread has it or another thread has finished it (never waits). */
function knownNominal(ctx: McContext): NominalResult | null {
  if (!ctx.known && ctx.setup.nominal) ctx.known = peekSharedNominal(ctx.setup.nominal);
  return ctx.known;
}

/** Runs flown before the nominal run was known, at most this many (their results are kept). */
const MAX_PENDING = 8;

/** Fly runs start … start + count − 1 of a study and summarise them (see the module notes). */
export function flyChunk(ctx: McContext, start: number, count: number): ChunkSummary {
  const t0 = performance.now();
  const { study, setup, terrain } = ctx;
  const nParams = study.params.length;
  let rows = "";
  let navRows = "";
  let stats: McStatistics | null = null;
  type Flown = {
    draw: ReturnType<typeof drawRun>;
    run: Extract<ReturnType<typeof executeScenario>, { kind: "mission" }>;
  };
  const pending: Flown[] = [];
  // Summarise in run order: the pending runs first, as soon as the time points are known.
  const summarise = (nom: NominalResult) => {
    stats ??= new McStatistics(nom.nav);
    for (const f of pending) {
      const rec: McRun = mcRunFromResult(f.draw, f.run.params, f.run.result, nom.nav);
      const line = runToCsv(rec);
      const navLine = navToCsv(rec);
      stats.add(runFromCsv(line, navLine, nParams, nom.nav));
      rows += `${line}\n`;
      navRows += `${navLine}\n`;
    }
    pending.length = 0;
  };
  for (let i = start; i < start + count; i++) {
    const draw = drawRun(study, setup.studySeed, i);
    const scenario = dispersedScenario(study, draw);
    ctx.viewsheds?.nextRun();
    const run = executeScenario(
      scenario,
      setup.file,
      { sampleDt_s: setup.sampleDt_s },
      terrain,
      ctx.viewsheds ?? new ViewshedCache(),
    );
    if (run.kind !== "mission") throw new Error("a study runs mission scenarios only");
    pending.push({ draw, run });
    const nom = pending.length >= MAX_PENDING ? nominalOf(ctx) : knownNominal(ctx);
    if (nom) summarise(nom);
  }
  const { nominal, nav } = nominalOf(ctx);
  summarise({ nominal, nav });
  return {
    start,
    count,
    nav,
    nominal,
    rows,
    navRows,
    stats: (stats ?? new McStatistics(nav)).toJSON(),
    elapsed_ms: performance.now() - t0,
  };
}
