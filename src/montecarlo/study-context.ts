/**
 * What a thread needs to fly chunks of a study, set up once per study (not per chunk), and flying
 * one chunk into a chunk summary.
 *
 * Set-up. A study's set-up is the scenario parsed and checked against its hash, the terrain (loaded
 * once by the process and shared with its threads through a SharedArrayBuffer), the viewsheds of
 * the nominal scenario's sites (computed once per process into shared memory by whichever thread
 * claims each first; see shared-viewsheds.ts), and the nominal run, which fixes the study's
 * navigation time points (flown once per process by the first thread that needs it; see
 * shared-nominal.ts). A thread keeps its context for as long as it flies that study, so a study
 * costs each thread one set-up whatever the number of chunks.
 *
 * A thread that starts on runs before the nominal run is known flies them all the same and keeps
 * their results; it summarises them once the nominal run is there (read, or flown itself at the
 * end of the chunk when no thread has claimed it). So the second thread of a pool starts on runs
 * at once instead of flying the nominal run a second time.
 *
 * Chunk summaries. A chunk (runs start … start + count − 1) comes back as its runs.csv and
 * nav-error.csv lines plus the serialised statistics of exactly those lines (each run is written,
 * read back through the canonical CSV form and only then counted, as run-record.ts explains). The
 * coordinator, local or across machines, only merges states and appends lines.
 */

import { executeScenario } from "../engine/execute-run.js";
import {
  dispersedScenario,
  parseStudyScenarioText,
  type StudyScenario,
} from "../scenario/dispersions.js";
import { ElevationGrid } from "../terrain/elevation-grid.js";
import { ViewshedCache } from "../terrain/site-visibility.js";
import { drawRun } from "./run-draws.js";
import {
  type McRun,
  mcRunFromResult,
  type NavPoints,
  navToCsv,
  runFromCsv,
  runToCsv,
} from "./run-record.js";
import {
  type NominalResult,
  peekSharedNominal,
  type SharedNominal,
  sharedNominal,
} from "./shared-nominal.js";
import { type SharedViewsheds, seedSharedViewsheds } from "./shared-viewsheds.js";
import type { NominalRun } from "./study-files.js";
import { McStatistics, type McStatisticsState } from "./study-stats.js";

/** Terrain shared between threads: the grid's geometry and its heights in shared memory. */
export interface SharedTerrain {
  readonly lat0_deg: number;
  readonly lon0_deg: number;
  readonly dLat_deg: number;
  readonly dLon_deg: number;
  readonly nLat: number;
  readonly nLon: number;
  readonly outside_m: number;
  /** A view on a SharedArrayBuffer. */
  readonly heights_m: Float32Array;
}

/** Everything a thread needs to fly a study's runs (cheap to pass: the buffers are shared). */
export interface McStudySetup {
  /** The scenario's file name (errors name it; a GeoTIFF path is relative to it). */
  readonly file: string;
  readonly text: string;
  /** SHA-256 of text: the study's identity together with the seed and sample interval. */
  readonly hash: string;
  readonly studySeed: number;
  readonly sampleDt_s: number;
  readonly terrain: SharedTerrain | null;
  /** Keep a viewshed cache across the runs of a thread (default true; results are the same). */
  readonly shareViewsheds: boolean;
  /** Viewsheds of the nominal scenario's sites, shared by every thread of the process. */
  readonly viewsheds: SharedViewsheds | null;
  /** The nominal run's slot, shared by every thread of the process (null: each flies its own). */
  readonly nominal: SharedNominal | null;
}

/** A chunk of runs, summarised (see the module notes). */
export interface ChunkSummary {
  readonly start: number;
  readonly count: number;
  /** The study's navigation time points and nominal run (identical from every thread). */
  readonly nav: NavPoints;
  readonly nominal: NominalRun;
  /** runs.csv and nav-error.csv lines of the chunk's runs, in run order, each ending in "\n". */
  readonly rows: string;
  readonly navRows: string;
  readonly stats: McStatisticsState;
  /** Time spent flying the chunk, ms (set-up excluded). */
  readonly elapsed_ms: number;
}

/** Rebuild a shared terrain as an ElevationGrid (no copy). */
export function gridFromShared(t: SharedTerrain): ElevationGrid {
  return new ElevationGrid(
    t.lat0_deg,
    t.lon0_deg,
    t.dLat_deg,
    t.dLon_deg,
    t.nLat,
    t.nLon,
    t.heights_m,
    t.outside_m,
  );
}

/** Heights copied once into shared memory, for the threads. */
export function shareTerrain(g: ElevationGrid): SharedTerrain {
  const heights = new Float32Array(new SharedArrayBuffer(g.heights_m.byteLength));
  heights.set(g.heights_m);
  return {
    lat0_deg: g.lat0_deg,
    lon0_deg: g.lon0_deg,
    dLat_deg: g.dLat_deg,
    dLon_deg: g.dLon_deg,
    nLat: g.nLat,
    nLon: g.nLon,
    outside_m: g.outside_m,
    heights_m: heights,
  };
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

/** A thread's study context, built once from its set-up. */
export interface McContext {
  readonly setup: McStudySetup;
  readonly study: StudyScenario;
  readonly terrain: ElevationGrid | null;
  /** Shared by the context's runs when the study asks (at most 16 or 3 per site kept), else null. */
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
  // Room for the nominal sites (shared), and twice as many dispersed ones as a run can ask for;
  // dispersed sites' arrays are reused once it is full (see ViewshedCache: one run at a time here).
  const nSites = setup.viewsheds?.sites.length ?? 8;
  const viewsheds = setup.shareViewsheds
    ? new ViewshedCache(Math.max(16, 3 * nSites + 2), true)
    : null;
  if (viewsheds && terrain && setup.viewsheds) {
    seedSharedViewsheds(setup.viewsheds, terrain, viewsheds);
  }
  return { setup, study, terrain, viewsheds, known: null };
}

/** Fly the study's nominal run (undispersed, the scenario's own seed) here. */
function flyNominal(ctx: McContext): NominalResult {
  const { study, setup, terrain } = ctx;
  const draw = { index: -1, seed: study.base.seed, values: study.params.map((p) => p.nominal) };
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
