/**
 * The files of a study folder and reading them back for --resume:
 * - study.json: what identifies the study (scenario hash, study seed, runs, time points, the
 *   nominal run), written before the first run;
 * - runs.csv: one row per completed run, in run order, appended as runs complete;
 * - nav-error.csv: the navigation-error points of each run, same rows;
 * - summary.json and report.html: written at the end (or on interruption, marked incomplete).
 * Both CSV files only ever hold a contiguous prefix of the runs (the runner writes in run order),
 * so a resumed study knows its completed runs from the row count alone.
 */

import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, readSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../core/user-error.js";
import {
  type McRun,
  type NavPoints,
  navCsvHeader,
  RecordFormatError,
  runFromCsv,
  runsCsvHeader,
} from "./run-record.js";

export const STUDY_FILE = "study.json";
export const RUNS_FILE = "runs.csv";
export const NAV_FILE = "nav-error.csv";
export const SUMMARY_FILE = "summary.json";
export const REPORT_FILE = "report.html";

/** The nominal (undispersed) run, as summary.json reports it. */
export interface NominalRun {
  readonly seed: number;
  readonly status: string;
  readonly outcome: string;
  readonly miss_m: number | null;
  readonly flightTime_s: number;
  readonly pDamage: number;
}

/** Contents of study.json. */
export interface StudyFile {
  readonly format: "standoff-mc-study";
  readonly version: 1;
  readonly scenario: { readonly file: string; readonly name: string; readonly sha256: string };
  readonly studySeed: number;
  readonly runs: number;
  readonly sampleDt_s: number;
  readonly nav: NavPoints;
  readonly paramPaths: readonly string[];
  readonly nominal: NominalRun;
}

/** Read and check study.json in dir (UserError naming the file and what is wrong). */
export function readStudyFile(dir: string): StudyFile {
  const path = join(dir, STUDY_FILE);
  if (!existsSync(path)) {
    throw new UserError([`--resume ${dir}: expected a study folder with ${STUDY_FILE}, got none`]);
  }
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new UserError([`${path}: expected JSON, got ${(e as Error).message}`]);
  }
  const s = v as Partial<StudyFile>;
  const ok =
    s &&
    s.format === "standoff-mc-study" &&
    s.version === 1 &&
    typeof s.scenario?.sha256 === "string" &&
    Number.isSafeInteger(s.studySeed) &&
    Number.isSafeInteger(s.runs) &&
    typeof s.sampleDt_s === "number" &&
    Number.isInteger(s.nav?.count) &&
    typeof s.nav?.step_s === "number" &&
    Array.isArray(s.paramPaths) &&
    s.nominal !== undefined;
  if (!ok) {
    throw new UserError([
      `${path}: expected a standoff-mc-study version 1 file, got something else`,
    ]);
  }
  return s as StudyFile;
}

/** Complete lines of a file read in chunks (memory flat in the file size), with their end offsets. */
export function* readLines(path: string): Generator<{ line: string; end: number }> {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(1 << 20);
    let carry = Buffer.alloc(0);
    let offset = 0; // file offset of carry[0]
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      let data = Buffer.concat([carry, buf.subarray(0, n)]);
      let start = 0;
      for (;;) {
        const nl = data.indexOf(10, start);
        if (nl < 0) break;
        const end = nl + 1;
        let line = data.toString("utf8", start, nl);
        if (line.endsWith("\r")) line = line.slice(0, -1);
        yield { line, end: offset + end };
        start = end;
      }
      offset += start;
      data = data.subarray(start);
      carry = Buffer.from(data);
    }
    // A last line without its line break was cut short by a hard stop: not a completed run.
  } finally {
    closeSync(fd);
  }
}

/**
 * Read the completed runs of a study folder, in order, calling `each` for every run; truncate both
 * CSV files to the rows they share (a hard stop may leave one a row or a partial line ahead).
 * Returns the number of completed runs.
 */
export function readCompletedRuns(dir: string, study: StudyFile, each: (r: McRun) => void): number {
  const runsPath = join(dir, RUNS_FILE);
  const navPath = join(dir, NAV_FILE);
  for (const p of [runsPath, navPath]) {
    if (!existsSync(p)) throw new UserError([`--resume ${dir}: expected ${p}, got no such file`]);
  }
  const runs = readLines(runsPath);
  const navs = readLines(navPath);
  const rh = runs.next();
  const nh = navs.next();
  // A study of a moving or uncertain target has one more column (the scenario's hash is checked).
  const withTarget = runsCsvHeader(study.paramPaths, true);
  const wantRuns =
    !rh.done && rh.value.line === withTarget ? withTarget : runsCsvHeader(study.paramPaths);
  const wantNav = navCsvHeader(study.nav);
  if (rh.done || rh.value.line !== wantRuns) {
    throw new UserError([
      `${runsPath}:1: expected the header ${wantRuns}, got ${rh.done ? "an empty file" : rh.value.line}`,
    ]);
  }
  if (nh.done || nh.value.line !== wantNav) {
    throw new UserError([
      `${navPath}:1: expected the study's header, got ${nh.done ? "an empty file" : "another one"}`,
    ]);
  }
  let k = 0;
  let runsEnd = rh.value.end;
  let navEnd = nh.value.end;
  for (;;) {
    const r = runs.next();
    const v = navs.next();
    if (r.done || v.done) {
      // Close the generators so their files are closed before truncation.
      runs.return(undefined);
      navs.return(undefined);
      break;
    }
    let run: McRun;
    try {
      run = runFromCsv(r.value.line, v.value.line, study.paramPaths.length, study.nav);
    } catch (e) {
      if (!(e instanceof RecordFormatError || e instanceof RangeError)) throw e;
      throw new UserError([`${runsPath}:${k + 2}: ${(e as Error).message}`]);
    }
    if (run.index !== k) {
      throw new UserError([`${runsPath}:${k + 2}: run: expected ${k}, got ${run.index}`]);
    }
    each(run);
    k++;
    runsEnd = r.value.end;
    navEnd = v.value.end;
  }
  truncateTo(runsPath, runsEnd);
  truncateTo(navPath, navEnd);
  return k;
}

function truncateTo(path: string, bytes: number): void {
  const fd = openSync(path, "r+");
  try {
    ftruncateSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
}
