/**
 * The nominal run is flown once per process (shared-nominal.ts): on a real pool of two threads the
 * nominal task and two chunks together fly it once, a thread that starts on runs before it is known
 * still summarises them exactly, and the chunk summaries equal those of a single in-process thread.
 */

import { describe, expect, it } from "vitest";
import { processSetup } from "../../src/montecarlo/chunk-backend.js";
import { flyChunk, makeContext, nominalOf } from "../../src/montecarlo/chunk-flight.js";
import type { McTask, McTaskResult } from "../../src/montecarlo/mc-worker.js";
import { createMcPool } from "../../src/montecarlo/pool.js";
import { studySeedOf } from "../../src/montecarlo/run-draws.js";
import {
  allocateSharedNominal,
  peekSharedNominal,
  sharedNominal,
} from "../../src/montecarlo/shared-nominal.js";
import type { ChunkSummary, McStudySetup } from "../../src/montecarlo/study-context.js";
import { loadStudyScenario } from "../../src/scenario/dispersions.js";

const FIXTURE = "test/montecarlo/fixtures/short-study.yaml";

async function setupOf(): Promise<McStudySetup> {
  const study = loadStudyScenario(FIXTURE);
  const plan = {
    file: FIXTURE,
    study,
    studySeed: studySeedOf(study),
    sampleDt_s: 1,
    total: 6,
    shareViewsheds: true,
  };
  return processSetup(plan);
}

const flights = (s: McStudySetup) => Atomics.load(s.nominal?.state ?? new Int32Array(3), 2);

function chunkOf(r: McTaskResult): ChunkSummary {
  if (!(r.ok && r.kind === "runs")) throw new Error(`expected a chunk, got ${JSON.stringify(r)}`);
  return r.chunk;
}

describe("the shared nominal run", () => {
  it("is flown once by a pool of two threads, and their chunks equal one thread's", async () => {
    // The reference: one context in this thread flies the nominal run, then both chunks.
    const ref = await setupOf();
    const ctx = makeContext(ref);
    const nominal = nominalOf(ctx);
    const a = flyChunk(ctx, 0, 3);
    const b = flyChunk(ctx, 3, 3);
    expect(flights(ref)).toBe(1);

    const setup = await setupOf();
    const pool = createMcPool(2);
    try {
      const [n, c0, c1] = await Promise.all([
        pool.run({ kind: "nominal", setup } satisfies McTask),
        pool.run({ kind: "runs", setup, start: 0, count: 3 } satisfies McTask),
        pool.run({ kind: "runs", setup, start: 3, count: 3 } satisfies McTask),
      ]);
      // Two threads, three tasks: each thread set up, but the nominal run was flown once.
      expect(flights(setup)).toBe(1);
      expect(n).toMatchObject({ ok: true, kind: "nominal", ...nominal });
      for (const [got, want] of [
        [chunkOf(c0), a],
        [chunkOf(c1), b],
      ] as const) {
        expect(got.rows).toBe(want.rows);
        expect(got.navRows).toBe(want.navRows);
        expect(JSON.stringify(got.stats)).toBe(JSON.stringify(want.stats));
        expect(got.nav).toEqual(want.nav);
        expect(got.nominal).toEqual(want.nominal);
      }
    } finally {
      await pool.destroy();
    }
  }, 120_000);

  it("summarises runs flown before the nominal run was known, in run order", async () => {
    const setup = await setupOf();
    const early = makeContext(setup);
    // Nobody has flown it yet: the chunk flies its runs, then the nominal run, then summarises.
    expect(peekSharedNominal(setup.nominal ?? allocateSharedNominal())).toBeNull();
    const c = flyChunk(early, 0, 3);
    expect(flights(setup)).toBe(1);
    expect(c.rows.split("\n").map((l) => l.split(",")[0])).toEqual(["0", "1", "2", ""]);
    // A second context of the process reads it instead of flying it again.
    const late = makeContext(setup);
    expect(nominalOf(late)).toEqual(nominalOf(early));
    expect(flights(setup)).toBe(1);
  }, 60_000);

  it("frees the slot when the flight fails, so the next thread flies it", () => {
    const slot = allocateSharedNominal();
    expect(() =>
      sharedNominal(slot, () => {
        throw new Error("bad flight");
      }),
    ).toThrow("bad flight");
    const nav = { count: 3, step_s: 0.1 + 0.2 };
    const nominal = {
      seed: 7,
      status: "arrived",
      outcome: "hit",
      miss_m: 1 / 3,
      flightTime_s: 612.25,
      pDamage: 0.9,
    };
    const got = sharedNominal(slot, () => ({ nominal, nav }));
    // Every double comes back exactly (JSON gives the shortest round-trip form).
    expect(got).toEqual({ nominal, nav });
    expect(got.nav.step_s).toBe(0.1 + 0.2);
    expect(peekSharedNominal(slot)).toEqual({ nominal, nav });
  });
});
