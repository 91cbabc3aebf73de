/**
 * The worker thread of a Monte Carlo study (piscina): flies batches of runs and sends back their
 * compact records. Set up once per thread from workerData: the scenario text (parsed here, checked
 * against the study's hash), the study seed, and the terrain the main thread loaded once, shared
 * through a SharedArrayBuffer (never copied, never regenerated per run).
 *
 * Errors a user can cause (a dispersion that leaves the schema's range) come back as data, so their
 * problem lines survive the thread boundary; anything else comes back as an internal error.
 */

import { workerData } from "node:worker_threads";
import { UserError } from "../core/user-error.js";
import { executeScenario } from "../engine/execute-run.js";
import { dispersedScenario, parseStudyScenarioText } from "../scenario/dispersions.js";
import { type Problem, ScenarioError } from "../scenario/problems.js";
import { ElevationGrid } from "../terrain/elevation-grid.js";
import { ViewshedCache } from "../terrain/site-visibility.js";
import { drawRun } from "./run-draws.js";
import { type McRun, mcRunFromResult, type NavPoints } from "./run-record.js";

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

/** What every worker of a study is started with. */
export interface McWorkerData {
  readonly file: string;
  readonly text: string;
  readonly hash: string;
  readonly studySeed: number;
  readonly sampleDt_s: number;
  readonly terrain: SharedTerrain | null;
  readonly shareViewsheds: boolean;
}

/** A task: the nominal (undispersed) run, or runs start … start + count − 1. */
export type McTask =
  | { readonly kind: "nominal"; readonly nav: NavPoints }
  | {
      readonly kind: "runs";
      readonly start: number;
      readonly count: number;
      readonly nav: NavPoints;
    };

/** A task's answer. */
export type McTaskResult =
  | { readonly ok: true; readonly runs: McRun[]; readonly elapsed_ms: number }
  | {
      readonly ok: false;
      readonly problems?: Problem[];
      readonly lines?: string[];
      readonly message: string;
      readonly stack?: string;
    };

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

/** Heights copied once into shared memory, for the workers. */
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

/** A worker's study context, built from its data. */
export interface McContext {
  readonly data: McWorkerData;
  readonly study: ReturnType<typeof parseStudyScenarioText>;
  readonly terrain: ElevationGrid | null;
  /** Shared by the context's runs when the study asks (at most 32 viewsheds kept), else null. */
  readonly viewsheds: ViewshedCache | null;
}

/** The context of a study (in a worker, or in-process for tests). */
export function makeContext(data: McWorkerData): McContext {
  const study = parseStudyScenarioText(data.text, data.file);
  if (study.hash !== data.hash) throw new Error("the scenario text changed between threads");
  return {
    data,
    study,
    terrain: data.terrain ? gridFromShared(data.terrain) : null,
    viewsheds: data.shareViewsheds ? new ViewshedCache(32) : null,
  };
}

/**
 * The viewshed cache a run uses: one per context, shared by every run a worker flies (a viewshed
 * depends only on the terrain, site and mast, so results are unchanged), or a fresh one per run.
 */
function viewshedsFor(ctx: McContext): ViewshedCache {
  return ctx.viewsheds ?? new ViewshedCache();
}

/** Fly one task in a context. */
export function runTask(ctx: McContext, task: McTask): McTaskResult {
  const t0 = performance.now();
  try {
    const { study, data, terrain } = ctx;
    const runs: McRun[] = [];
    if (task.kind === "nominal") {
      const draw = { index: -1, seed: study.base.seed, values: study.params.map((p) => p.nominal) };
      const run = executeScenario(
        study.base,
        data.file,
        { sampleDt_s: data.sampleDt_s },
        terrain,
        viewshedsFor(ctx),
      );
      if (run.kind !== "mission") throw new Error("a study runs mission scenarios only");
      runs.push(mcRunFromResult(draw, run.params, run.result, task.nav));
    } else {
      for (let i = task.start; i < task.start + task.count; i++) {
        const draw = drawRun(study, data.studySeed, i);
        const scenario = dispersedScenario(study, draw);
        const run = executeScenario(
          scenario,
          data.file,
          { sampleDt_s: data.sampleDt_s },
          terrain,
          viewshedsFor(ctx),
        );
        if (run.kind !== "mission") throw new Error("a study runs mission scenarios only");
        runs.push(mcRunFromResult(draw, run.params, run.result, task.nav));
      }
    }
    return { ok: true, runs, elapsed_ms: performance.now() - t0 };
  } catch (e) {
    if (e instanceof ScenarioError)
      return { ok: false, problems: [...e.problems], message: e.message };
    if (e instanceof UserError) return { ok: false, lines: [...e.lines], message: e.message };
    const err = e instanceof Error ? e : new Error(String(e));
    return { ok: false, message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  }
}

let context: McContext | null = null;

/** piscina's entry point. */
export default function mcWorker(task: McTask): McTaskResult {
  if (!context) {
    const data = workerData as McWorkerData;
    context = makeContext(data);
  }
  return runTask(context, task);
}
