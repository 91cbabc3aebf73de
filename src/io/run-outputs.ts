/**
 * Writing a finished `body` run to a folder: trajectory.csv, events.json, summary.json and
 * report.html. (The folder is a staging folder of output-folder.ts when the CLI writes.)
 *
 * No GeoJSON or CZML for a body: those writers draw a mission (release, route, aimpoint), which a
 * free-flying body does not have; its positions are in trajectory.csv.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { roundTo } from "../core/rounding.js";
import type { RunResult } from "../dynamics/run-result.js";
import { renderBodyReport } from "../report/body-report.js";
import type { SummaryItem } from "../report/report-data.js";
import { tableToCsv } from "./csv.js";

/** What the body model leaves out, shown in every body report. */
export const BODY_LIMITATIONS: readonly string[] = [
  "A generic rigid body: constant aerodynamic coefficients with linear static and damping derivatives, in wind axes; no controls, no propulsion, constant mass and inertia.",
  "Earth, gravity and atmosphere as the scenario selects them (WGS-84 or a sphere, rotating or not; no gravity, point mass or J2; U.S. Standard Atmosphere 1976 from −5 to 86 km, or none); the scenario's steady or sheared wind; no turbulence.",
  "Fixed-step RK4 integration; the ground stop is located between steps by root finding; the run stops, keeping every sample before, when the state becomes non-finite.",
];

/** The state at the last sample: degrees, metres, m/s. */
export interface RunFinal {
  readonly lat_deg: number;
  readonly lon_deg: number;
  readonly alt_m: number;
  /** Earth-relative speed over the ground and in 3-D, m/s. */
  readonly ground_speed_mps: number;
  readonly speed_mps: number;
  readonly mach: number;
}

/** Numbers a person wants first about a run; null where the run recorded no sample to read. */
export interface RunSummary {
  readonly name: string;
  readonly status: string;
  readonly message: string;
  /** Time of the last sample, s (0 without samples). */
  readonly flight_time_s: number;
  readonly samples: number;
  readonly final: RunFinal | null;
  readonly max_mach: number | null;
  readonly min_alt_m: number | null;
  readonly max_alt_m: number | null;
}

/** Smallest and largest value of a sample column, or null without the column or a sample. */
function columnRange(result: RunResult, col: string): { min: number; max: number } | null {
  const s = result.samples;
  if (!s.has(col) || s.length === 0) return null;
  const v = s.column(col);
  // A loop, not reduce(Math.max): reduce passes the index and the array as extra arguments,
  // which Math.max takes as numbers (NaN).
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < s.length; i++) {
    if (v[i] < min) min = v[i];
    if (v[i] > max) max = v[i];
  }
  return Number.isFinite(min) && Number.isFinite(max) ? { min, max } : null;
}

/** Summarise a run from its samples and outcome. */
export function summarizeRun(name: string, result: RunResult): RunSummary {
  const s = result.samples;
  const last = s.length - 1;
  const pick = (col: string) => (s.has(col) ? s.column(col)[last] : Number.NaN);
  let final: RunFinal | null = null;
  if (last >= 0) {
    const vn = pick("vn_mps");
    const ve = pick("ve_mps");
    const vd = pick("vd_mps");
    final = {
      lat_deg: pick("lat_deg"),
      lon_deg: pick("lon_deg"),
      alt_m: pick("alt_m"),
      ground_speed_mps: Math.hypot(vn, ve),
      speed_mps: Math.hypot(vn, ve, vd),
      mach: pick("mach"),
    };
    // A sample table without a column the summary reads is not a trajectory: say so, never NaN.
    for (const [k, v] of Object.entries(final)) {
      if (!Number.isFinite(v)) throw new RangeError(`run summary: final ${k} is ${v}`);
    }
  }
  const alt = columnRange(result, "alt_m");
  return {
    name,
    status: result.outcome.status,
    message: result.outcome.message,
    flight_time_s: last >= 0 && s.has("t_s") ? s.column("t_s")[last] : 0,
    samples: s.length,
    final,
    max_mach: columnRange(result, "mach")?.max ?? null,
    min_alt_m: alt?.min ?? null,
    max_alt_m: alt?.max ?? null,
  };
}

/** The report's summary table of a body run. */
export function bodySummaryItems(summary: RunSummary, atmosphere: boolean): SummaryItem[] {
  const f = summary.final;
  const items: SummaryItem[] = [
    { label: "outcome", value: summary.message || summary.status },
    { label: "flight time", value: summary.flight_time_s, unit: "s" },
    { label: "samples", value: summary.samples },
  ];
  if (f) {
    items.push(
      {
        label: "position at the end",
        value: `${f.lat_deg.toFixed(6)}°, ${f.lon_deg.toFixed(6)}°`,
      },
      // Heights to the centimetre: an impact found by root finding ends at ±1e-9 m, which is 0.
      { label: "height at the end", value: roundTo(f.alt_m, 2), unit: "m" },
      { label: "speed at the end (Earth-relative)", value: f.speed_mps, unit: "m/s" },
    );
    if (atmosphere) items.push({ label: "Mach at the end", value: f.mach });
  }
  if (atmosphere && summary.max_mach !== null) {
    items.push({ label: "highest Mach", value: summary.max_mach });
  }
  if (summary.min_alt_m !== null && summary.max_alt_m !== null) {
    items.push(
      { label: "lowest height", value: roundTo(summary.min_alt_m, 2), unit: "m" },
      { label: "highest height", value: roundTo(summary.max_alt_m, 2), unit: "m" },
    );
  }
  return items;
}

/** Where a body run came from, for its report. */
export interface BodyRunSource {
  /** The scenario file (only its name is shown). */
  readonly file: string;
  /** e.g. "standoff 0.2.0". */
  readonly generator: string;
  /** Whether the scenario's Earth model has an atmosphere. */
  readonly atmosphere: boolean;
}

/** Write trajectory.csv, events.json, summary.json and report.html into dir; returns the paths. */
export function writeRunOutputs(
  dir: string,
  summary: RunSummary,
  result: RunResult,
  source: BodyRunSource,
): string[] {
  mkdirSync(dir, { recursive: true });
  const report = renderBodyReport({
    title: summary.name,
    scenarioFile: basename(source.file),
    generator: source.generator,
    samples: result.samples,
    events: result.events,
    summary: bodySummaryItems(summary, source.atmosphere),
    limitations: BODY_LIMITATIONS,
    atmosphere: source.atmosphere,
  });
  const files: Array<[string, string]> = [
    ["trajectory.csv", tableToCsv(result.samples)],
    [
      "events.json",
      `${JSON.stringify({ outcome: result.outcome, events: result.events }, null, 2)}\n`,
    ],
    ["summary.json", `${JSON.stringify(summary, null, 2)}\n`],
    ["report.html", report],
  ];
  return files.map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
}
