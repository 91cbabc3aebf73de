/**
 * What a study's threads share, set up once per study (not per chunk) by the process: the scenario
 * text and hash, the terrain (loaded once and shared with the threads through a SharedArrayBuffer)
 * and the slots of the nominal scenario's viewsheds (shared-viewsheds.ts) and of the nominal run
 * (shared-nominal.ts); and the chunk summaries
 * they send back. Flying happens in chunk-flight.ts, which only the threads load: the process that
 * coordinates a study never loads the engine.
 *
 * Chunk summaries. A chunk (runs start … start + count − 1) comes back as its runs.csv and
 * nav-error.csv lines plus the serialised statistics of exactly those lines (each run is written,
 * read back through the canonical CSV form and only then counted, as run-record.ts explains). The
 * coordinator, local or across machines, only merges states and appends lines.
 */

import { ElevationGrid } from "../terrain/elevation-grid.js";
import type { NavPoints } from "./run-record.js";
import type { SharedNominal } from "./shared-nominal.js";
import type { SharedViewsheds } from "./shared-viewsheds.js";
import type { NominalRun } from "./study-files.js";
import type { McStatisticsState } from "./study-stats.js";

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

/** The grid's heights in shared memory for the threads: as they are, or copied there once. */
export function shareTerrain(g: ElevationGrid): SharedTerrain {
  let heights = g.heights_m;
  if (!(heights.buffer instanceof SharedArrayBuffer)) {
    heights = new Float32Array(new SharedArrayBuffer(g.heights_m.byteLength));
    heights.set(g.heights_m);
  }
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
