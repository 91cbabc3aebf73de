/**
 * The coordinator's side of a study: chunk summaries come in, in any order and possibly twice (a
 * queue re-delivers a chunk whose worker died); each chunk is taken once (by its first run index),
 * held until every run before it is in, then its lines are appended to runs.csv and nav-error.csv
 * and its statistics merged. So the files always hold a contiguous prefix of the runs (an
 * interrupted study resumes from the row count, as before) and the statistics are exactly those of
 * the rows written. Nothing is parsed or flown here: appending lines and merging states is all.
 */

import { closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { ChunkSummary } from "./study-context.js";
import { NAV_FILE, RUNS_FILE } from "./study-files.js";
import type { McStatistics } from "./study-stats.js";

/** Appends chunk summaries to a study folder in run order (see the module notes). */
export class StudyMerger {
  private readonly runsFd: number;
  private readonly navFd: number;
  private readonly ready = new Map<number, ChunkSummary>();
  /** First index of every chunk taken (merged or waiting for its predecessors). */
  private readonly taken = new Set<number>();
  private nextIndex: number;

  /** Append to the study files in `out` (which must exist with their headers). */
  constructor(
    out: string,
    private readonly stats: McStatistics,
    firstIndex: number,
  ) {
    this.runsFd = openSync(join(out, RUNS_FILE), "a");
    this.navFd = openSync(join(out, NAV_FILE), "a");
    this.nextIndex = firstIndex;
  }

  /** Runs written (and merged), counting those before firstIndex. */
  get written(): number {
    return this.nextIndex;
  }

  /** Chunks waiting for an earlier one. */
  get waiting(): number {
    return this.ready.size;
  }

  /**
   * Take a chunk; returns false (and ignores it) when a chunk with that first run was already
   * taken or its runs are already written. RangeError when its nav points differ from the study's.
   */
  add(c: ChunkSummary): boolean {
    if (c.start < this.nextIndex || this.taken.has(c.start)) return false;
    const nav = this.stats.nav;
    if (c.nav.count !== nav.count || c.nav.step_s !== nav.step_s) {
      throw new RangeError(
        `chunk ${c.start}: navigation time points ${JSON.stringify(c.nav)}, the study has ${JSON.stringify(nav)}`,
      );
    }
    this.taken.add(c.start);
    this.ready.set(c.start, c);
    for (let next = this.ready.get(this.nextIndex); next; next = this.ready.get(this.nextIndex)) {
      this.ready.delete(next.start);
      if (next.rows !== "") {
        writeSync(this.runsFd, next.rows);
        writeSync(this.navFd, next.navRows);
      }
      this.stats.mergeState(next.stats);
      this.nextIndex += next.count;
    }
    return true;
  }

  /** Close the files. */
  close(): void {
    closeSync(this.runsFd);
    closeSync(this.navFd);
  }
}
