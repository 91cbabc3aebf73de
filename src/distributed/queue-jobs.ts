/**
 * What travels through Redis for a distributed study.
 *
 * Jobs. One BullMQ job per chunk of run indices, id `<study id>-<first run>`, on one queue shared
 * by every study. Its data names the study and its assets; its return value is the chunk summary
 * (study-context.ts) and the worker that flew it. Job ids are fixed by the study id and the chunk,
 * so enqueueing a study twice (a restarted coordinator) adds nothing, and a chunk re-delivered after
 * its worker died is still the same job.
 *
 * Assets. The scenario text and a GeoTIFF terrain file (base64) are stored once under
 * `standoff:asset:<sha256>` of their bytes (content-addressed; stored only if absent) and named by
 * hash in every
 * job, so a job is a few hundred bytes and a worker fetches each asset once, whatever the number of
 * chunks or studies using it.
 */

import { createHash } from "node:crypto";
import type { ChunkSummary } from "../montecarlo/study-context.js";

/** The queue every study and worker uses. */
export const QUEUE_NAME = "standoff-mc";

/** Redis key of an asset. */
export function assetKey(sha256: string): string {
  return `standoff:asset:${sha256}`;
}

/** SHA-256 (hex) of bytes or text. */
export function sha256Of(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** A study as a worker needs it: everything but the run indices. */
export interface QueueStudy {
  readonly id: string;
  /** The scenario's file name (for messages) and its text's hash (an asset). */
  readonly file: string;
  readonly scenarioSha256: string;
  /** The GeoTIFF terrain file's hash (an asset), or null for synthetic or no terrain. */
  readonly terrainSha256: string | null;
  readonly studySeed: number;
  readonly sampleDt_s: number;
  readonly shareViewsheds: boolean;
}

/** A job's data. */
export interface ChunkJobData {
  readonly study: QueueStudy;
  readonly start: number;
  readonly count: number;
}

/** A job's return value. */
export interface ChunkJobResult {
  readonly chunk: ChunkSummary;
  /** host:pid of the worker process that flew it. */
  readonly worker: string;
}

/** The job id of a chunk. */
export function chunkJobId(studyId: string, start: number): string {
  return `${studyId}-${start}`;
}

/** The chunks of a study: [start, count] of consecutive runs, `size` each (the last shorter). */
export function chunkPlan(total: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let s = 0; s < total; s += size) out.push([s, Math.min(size, total - s)]);
  return out;
}

/** A study id from what fixes its results and its chunks (so the same command finds it again). */
export function defaultStudyId(
  scenarioSha256: string,
  studySeed: number,
  runs: number,
  chunk: number,
): string {
  return `${scenarioSha256.slice(0, 16)}-s${studySeed}-n${runs}-c${chunk}`;
}

/** Whether a study id is usable in job ids and keys. */
export function validStudyId(id: string): boolean {
  return /^[A-Za-z0-9_.-]{1,100}$/.test(id);
}
