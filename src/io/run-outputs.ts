/** Writing a finished run to a folder: trajectory.csv, events.json and summary.json. */

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RunResult } from "../dynamics/run-result.js";
import { tableToCsv } from "./csv.js";

/** Numbers a person wants first about a run. */
export interface RunSummary {
  readonly name: string;
  readonly status: string;
  readonly message: string;
  readonly flight_time_s: number;
  readonly samples: number;
  readonly final: Readonly<Record<string, number>>;
  readonly max_mach: number;
  readonly min_alt_m: number;
  readonly max_alt_m: number;
}

/** Summarise a run from its samples and outcome. */
export function summarizeRun(name: string, result: RunResult): RunSummary {
  const s = result.samples;
  const last = s.length - 1;
  const pick = (col: string) => (s.has(col) && last >= 0 ? s.column(col)[last] : 0);
  const extreme = (col: string, fn: (a: number, b: number) => number, start: number) =>
    s.has(col) ? s.column(col).reduce(fn, start) : 0;
  const vn = pick("vn_mps");
  const ve = pick("ve_mps");
  const vd = pick("vd_mps");
  return {
    name,
    status: result.outcome.status,
    message: result.outcome.message,
    flight_time_s: last >= 0 ? pick("t_s") : 0,
    samples: s.length,
    final: {
      lat_deg: pick("lat_deg"),
      lon_deg: pick("lon_deg"),
      alt_m: pick("alt_m"),
      ground_speed_mps: Math.hypot(vn, ve),
      speed_mps: Math.hypot(vn, ve, vd),
      mach: pick("mach"),
    },
    max_mach: extreme("mach", Math.max, 0),
    min_alt_m: extreme("alt_m", Math.min, Number.POSITIVE_INFINITY),
    max_alt_m: extreme("alt_m", Math.max, Number.NEGATIVE_INFINITY),
  };
}

/** Write trajectory.csv, events.json and summary.json into dir; returns the paths written. */
export function writeRunOutputs(dir: string, summary: RunSummary, result: RunResult): string[] {
  mkdirSync(dir, { recursive: true });
  const files = {
    trajectory: join(dir, "trajectory.csv"),
    events: join(dir, "events.json"),
    summary: join(dir, "summary.json"),
  };
  writeFileSync(files.trajectory, tableToCsv(result.samples));
  writeFileSync(
    files.events,
    `${JSON.stringify({ outcome: result.outcome, events: result.events }, null, 2)}\n`,
  );
  writeFileSync(files.summary, `${JSON.stringify(summary, null, 2)}\n`);
  return Object.values(files);
}
