/**
 * One Monte Carlo run as a compact record: what the statistics, runs.csv and nav-error.csv need
 * from a finished flight, and nothing else (no samples), so a worker sends back a few hundred bytes
 * per run.
 *
 * Canonical form. A record is written to the CSV files and read back before the statistics see it,
 * both while a study runs and when it resumes, so the statistics of a resumed study are fed exactly
 * the numbers an uninterrupted one was fed: resume equality holds by construction, whatever the
 * rounding of the files (12 significant digits; 4 for navigation-error points).
 */

import {
  type CarletonParams,
  carletonDamage,
  NOTIONAL_LETHAL_RADII,
  type TargetClass,
} from "../effects/damage.js";
import type { MissionParams } from "../mission/mission-params.js";
import { PHASE_NAMES, PHASE_SEPARATION, PHASE_TERMINAL } from "../mission/phases.js";
import type { MissionResult } from "../mission/simulate.js";
import { type RunRecord, tangentPlaneOffset } from "./accumulators.js";

/**
 * Target class scored when the simulation itself gives no damage probability (the scenario names
 * no target class): a heavy structure, the notional 1,000-lb-class warhead's Carleton function with
 * Rx = 8 m, Ry = 7 m, D0 = 0.95 (effects/damage.ts; notional, round numbers).
 */
export const MC_DEFAULT_TARGET_CLASS: TargetClass = "heavy-structure";

/** How a run ended, for the funnel and the outcome counts. */
export type RunOutcomeClass = "arrived" | "killed" | "crashed" | "timeout" | "failed";

/** Outcome classes in report order. */
export const OUTCOME_CLASSES: readonly RunOutcomeClass[] = [
  "arrived",
  "killed",
  "crashed",
  "timeout",
  "failed",
];

/** Funnel stages: released, reached midcourse, reached terminal, arrived. */
export const FUNNEL_STAGES = ["released", "midcourse", "terminal", "arrived"] as const;

/** A run of a study, as the CSV files hold it. */
export interface McRun {
  readonly index: number;
  readonly seed: number;
  /** MissionSummary.status: ground_impact, killed, failed or timeout. */
  readonly status: string;
  readonly outcome: RunOutcomeClass;
  /** Phase name at the end of the flight. */
  readonly phaseEnd: string;
  /** Furthest stage of the funnel before arrival: 0 released, 1 midcourse, 2 terminal. */
  readonly reached: 0 | 1 | 2;
  readonly killedBy: string | null;
  /** Horizontal miss from the aimpoint, m (arrived runs only). */
  readonly miss_m: number | null;
  /** Impact offset from the aimpoint in its tangent plane, m (arrived runs only). */
  readonly impactNorth_m: number | null;
  readonly impactEast_m: number | null;
  /** Where the flight ended (impact, kill or time limit), degrees. */
  readonly endLat_deg: number;
  readonly endLon_deg: number;
  /** The run's aimpoint, degrees (null without one). */
  readonly aimLat_deg: number | null;
  readonly aimLon_deg: number | null;
  readonly flightTime_s: number;
  /** Time on target since release, s (arrived runs only). */
  readonly tot_s: number | null;
  /** Damage probability of the run, [0, 1] (0 unless it arrived). */
  readonly pDamage: number;
  /** Whether pDamage came from the scenario's own damage model (else the notional default class). */
  readonly damageFromScenario: boolean;
  /** Navigation error at the end (truth − estimate), horizontal and vertical, m. */
  /** Null when the run failed with a non-finite navigation state. */
  readonly navErrH_m: number | null;
  readonly navErrV_m: number | null;
  readonly gnssOutage_s: number;
  readonly fuelLeft_kg: number;
  /** Drawn values of the dispersed parameters, in declared order. */
  readonly params: readonly number[];
  /** Horizontal and vertical navigation error at the study's time points, m (null: flight over). */
  readonly navH: readonly (number | null)[];
  readonly navV: readonly (number | null)[];
  /**
   * A study of a moving or uncertain target (mission summary `target`): whether the seeker
   * acquired it (null without a seeker); absent otherwise, and then runs.csv has no column for it.
   */
  readonly acquired?: boolean | null;
}

/** Fixed time points at which navigation errors are kept: t_k = k·step_s, k = 0 … count − 1. */
export interface NavPoints {
  readonly count: number;
  readonly step_s: number;
}

/** Compact record of a finished mission run (draw: the run's index, seed and drawn values). */
export function mcRunFromResult(
  draw: { index: number; seed: number; values: readonly number[] },
  params: MissionParams,
  result: MissionResult,
  nav: NavPoints,
): McRun {
  const s = result.summary;
  const samples = result.samples;
  const n = samples.length;
  const phase = samples.column("phase");
  let reached: 0 | 1 | 2 = 0;
  for (let i = 0; i < n; i++) {
    if (phase[i] === PHASE_TERMINAL) {
      reached = 2;
      break;
    }
    if (phase[i] !== PHASE_SEPARATION) reached = 1;
  }
  const endPhase = n > 0 ? phase[n - 1] : PHASE_SEPARATION;
  const aim = params.aimpoint;
  // Arrival: it reached the ground in the terminal dive at its aimpoint, not short of it.
  const arrived =
    s.status === "ground_impact" &&
    endPhase === PHASE_TERMINAL &&
    s.miss_m !== null &&
    aim !== null;
  const outcome: RunOutcomeClass = arrived
    ? "arrived"
    : s.status === "killed"
      ? "killed"
      : s.status === "ground_impact"
        ? "crashed"
        : s.status === "timeout"
          ? "timeout"
          : "failed";
  let north: number | null = null;
  let east: number | null = null;
  let pDamage = 0;
  // Read defensively: the simulation scores damage only when the scenario names a target class.
  const fromSim = (s as { readonly p_damage?: number | null }).p_damage ?? null;
  if (arrived && aim) {
    const impact = { lat_deg: s.impact_lat_deg, lon_deg: s.impact_lon_deg };
    const off = tangentPlaneOffset(aim, impact);
    north = off.north_m;
    east = off.east_m;
    if (fromSim !== null) {
      pDamage = fromSim;
    } else {
      // Damage is done to the target where it truly is, which a moving target is not at the aim.
      const t = s.target;
      const hit = t
        ? tangentPlaneOffset({ lat_deg: t.true_lat_deg, lon_deg: t.true_lon_deg }, impact)
        : off;
      const vn = samples.column("vn_mps")[n - 1];
      const ve = samples.column("ve_mps")[n - 1];
      pDamage = damageAt(
        NOTIONAL_LETHAL_RADII[MC_DEFAULT_TARGET_CLASS],
        hit.north_m,
        hit.east_m,
        Math.atan2(ve, vn),
      );
    }
  }
  const navH: (number | null)[] = new Array(nav.count).fill(null);
  const navV: (number | null)[] = new Array(nav.count).fill(null);
  if (n > 0 && samples.has("nav_err_n_m")) {
    const t = samples.column("t_s");
    const en = samples.column("nav_err_n_m");
    const ee = samples.column("nav_err_e_m");
    const ed = samples.column("nav_err_d_m");
    const tEnd = t[n - 1];
    let i = 0;
    for (let k = 0; k < nav.count; k++) {
      const tk = k * nav.step_s;
      if (tk > tEnd) break;
      // The last sample at or before t_k (samples are at least as dense as the points, usually).
      while (i + 1 < n && t[i + 1] <= tk) i++;
      navH[k] = finiteOrNull(Math.hypot(en[i], ee[i]));
      navV[k] = finiteOrNull(Math.abs(ed[i]));
    }
  }
  return {
    index: draw.index,
    seed: draw.seed,
    status: s.status,
    outcome,
    phaseEnd: PHASE_NAMES[endPhase] ?? String(endPhase),
    reached,
    killedBy: s.killed_by,
    miss_m: arrived ? s.miss_m : null,
    impactNorth_m: north,
    impactEast_m: east,
    endLat_deg: s.impact_lat_deg,
    endLon_deg: s.impact_lon_deg,
    aimLat_deg: aim ? aim.lat_deg : null,
    aimLon_deg: aim ? aim.lon_deg : null,
    flightTime_s: s.flight_time_s,
    tot_s: arrived ? s.flight_time_s : null,
    pDamage,
    damageFromScenario: arrived && fromSim !== null,
    navErrH_m: finiteOrNull(s.nav_error_horizontal_m),
    navErrV_m: finiteOrNull(s.nav_error_vertical_m),
    gnssOutage_s: s.gnss_outage_s,
    fuelLeft_kg: s.fuel_left_kg,
    params: draw.values,
    navH,
    navV,
    ...(s.target ? { acquired: s.target.acquired } : {}),
  };
}

/** A value, or null when it is not finite (a failed run's last navigation state). */
function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** Carleton damage of an impact at a north/east offset, heading rad from north. */
function damageAt(p: CarletonParams, dn_m: number, de_m: number, heading_rad: number): number {
  const c = Math.cos(heading_rad);
  const sn = Math.sin(heading_rad);
  return carletonDamage(p, dn_m * c + de_m * sn, -dn_m * sn + de_m * c);
}

/** What StudyAccumulator needs from a run. */
export function studyRecordOf(r: McRun): RunRecord {
  const arrived = r.outcome === "arrived";
  return {
    arrived,
    killedBy: r.killedBy,
    pDamage: r.pDamage,
    impact: arrived ? { lat_deg: r.endLat_deg, lon_deg: r.endLon_deg } : null,
    aimpoint:
      r.aimLat_deg === null || r.aimLon_deg === null
        ? null
        : { lat_deg: r.aimLat_deg, lon_deg: r.aimLon_deg },
    miss_m: r.miss_m,
    timeOnTarget_s: r.tot_s,
    ...(r.acquired === undefined ? {} : { acquired: r.acquired }),
  };
}

/* ------------------------------------------------------------------------------------------------
 * CSV form
 * --------------------------------------------------------------------------------------------- */

/** The fixed columns of runs.csv, before one column per dispersed parameter (named by its path). */
export const RUN_COLUMNS = [
  "run",
  "seed",
  "status",
  "outcome",
  "phase_end",
  "reached",
  "killed_by",
  "miss_m",
  "impact_north_m",
  "impact_east_m",
  "end_lat_deg",
  "end_lon_deg",
  "aim_lat_deg",
  "aim_lon_deg",
  "flight_time_s",
  "tot_s",
  "p_damage",
  "damage_model",
  "nav_error_h_m",
  "nav_error_v_m",
  "gnss_outage_s",
  "fuel_left_kg",
] as const;

const REACHED_NAMES = ["released", "midcourse", "terminal"] as const;

/** A number with 12 significant digits (−0 as 0); empty for null. */
function num12(v: number | null): string {
  if (v === null) return "";
  if (!Number.isFinite(v)) throw new RangeError(`refusing to write non-finite value ${v}`);
  return v === 0 ? "0" : String(Number(v.toPrecision(12)));
}

/** A navigation-error point: 4 significant digits, plenty for an envelope. */
function num4(v: number | null): string {
  if (v === null) return "";
  if (!Number.isFinite(v)) throw new RangeError(`refusing to write non-finite value ${v}`);
  return v === 0 ? "0" : String(Number(v.toPrecision(4)));
}

/** A CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Split one CSV line into fields (RFC 4180 quoting; no line breaks inside fields here). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let s = "";
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new RangeError("unterminated quoted field");
        s += line.slice(i, q);
        if (line[q + 1] === '"') {
          s += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(s);
    } else {
      const c = line.indexOf(",", i);
      out.push(line.slice(i, c < 0 ? line.length : c));
      i = c < 0 ? line.length : c;
    }
    if (i >= line.length) break;
    if (line[i] !== ",") throw new RangeError(`expected a comma at character ${i + 1}`);
    i++;
    if (i === line.length) {
      out.push("");
      break;
    }
  }
  return out;
}

/** The last column of runs.csv in a study of a moving or uncertain target: yes, no or empty. */
export const ACQUIRED_COLUMN = "target_acquired";

/**
 * Header line of runs.csv for a study's dispersed parameter paths, and the target_acquired
 * column when the study's target moves or is uncertain.
 */
export function runsCsvHeader(paramPaths: readonly string[], target = false): string {
  return [...RUN_COLUMNS, ...paramPaths, ...(target ? [ACQUIRED_COLUMN] : [])]
    .map(csvField)
    .join(",");
}

/** Header line of nav-error.csv: the run, then h_<t> and v_<t> per time point (t in s). */
export function navCsvHeader(nav: NavPoints): string {
  const times = Array.from({ length: nav.count }, (_, k) => num12(k * nav.step_s));
  return ["run", ...times.map((t) => `h_${t}`), ...times.map((t) => `v_${t}`)].join(",");
}

/** One runs.csv line (no line break). */
export function runToCsv(r: McRun): string {
  const cells = [
    String(r.index),
    String(r.seed),
    r.status,
    r.outcome,
    r.phaseEnd,
    REACHED_NAMES[r.reached],
    r.killedBy ?? "",
    num12(r.miss_m),
    num12(r.impactNorth_m),
    num12(r.impactEast_m),
    num12(r.endLat_deg),
    num12(r.endLon_deg),
    num12(r.aimLat_deg),
    num12(r.aimLon_deg),
    num12(r.flightTime_s),
    num12(r.tot_s),
    num12(r.pDamage),
    r.outcome !== "arrived" ? "" : r.damageFromScenario ? "scenario" : MC_DEFAULT_TARGET_CLASS,
    num12(r.navErrH_m),
    num12(r.navErrV_m),
    num12(r.gnssOutage_s),
    num12(r.fuelLeft_kg),
    ...r.params.map(num12),
    ...(r.acquired === undefined ? [] : [r.acquired === null ? "" : r.acquired ? "yes" : "no"]),
  ];
  return cells.map(csvField).join(",");
}

/** One nav-error.csv line (no line break). */
export function navToCsv(r: McRun): string {
  return [String(r.index), ...r.navH.map(num4), ...r.navV.map(num4)].join(",");
}

/** Problems reading a CSV line back, as one message. */
export class RecordFormatError extends Error {}

function numOrNull(s: string, what: string): number | null {
  if (s === "") return null;
  const v = Number(s);
  if (!Number.isFinite(v)) throw new RecordFormatError(`${what}: expected a number, got "${s}"`);
  return v;
}

function numReq(s: string, what: string): number {
  const v = numOrNull(s, what);
  if (v === null) throw new RecordFormatError(`${what}: expected a number, got nothing`);
  return v;
}

/**
 * A run from its runs.csv and nav-error.csv lines (the inverse of runToCsv/navToCsv, up to their
 * rounding); RecordFormatError naming the column when a line is malformed.
 */
export function runFromCsv(
  runLine: string,
  navLine: string,
  nParams: number,
  nav: NavPoints,
): McRun {
  const c = splitCsvLine(runLine);
  // One more column: the target_acquired of a study of a moving or uncertain target.
  const target = c.length === RUN_COLUMNS.length + nParams + 1;
  if (c.length !== RUN_COLUMNS.length + nParams && !target) {
    throw new RecordFormatError(
      `runs.csv: expected ${RUN_COLUMNS.length + nParams} columns, got ${c.length}`,
    );
  }
  const acq = target ? c[c.length - 1] : "";
  if (target && acq !== "yes" && acq !== "no" && acq !== "") {
    throw new RecordFormatError(`${ACQUIRED_COLUMN}: expected yes, no or nothing, got "${acq}"`);
  }
  const v = splitCsvLine(navLine);
  if (v.length !== 1 + 2 * nav.count) {
    throw new RecordFormatError(
      `nav-error.csv: expected ${1 + 2 * nav.count} columns, got ${v.length}`,
    );
  }
  const index = numReq(c[0], "run");
  if (numReq(v[0], "nav-error.csv run") !== index) {
    throw new RecordFormatError(`nav-error.csv: run ${v[0]} where runs.csv has run ${index}`);
  }
  const outcome = c[3] as RunOutcomeClass;
  if (!OUTCOME_CLASSES.includes(outcome)) {
    throw new RecordFormatError(
      `outcome: expected one of ${OUTCOME_CLASSES.join(", ")}, got "${c[3]}"`,
    );
  }
  const reached = REACHED_NAMES.indexOf(c[5] as (typeof REACHED_NAMES)[number]);
  if (reached < 0) {
    throw new RecordFormatError(
      `reached: expected one of ${REACHED_NAMES.join(", ")}, got "${c[5]}"`,
    );
  }
  const col = (i: number) => RUN_COLUMNS[i];
  return {
    index,
    seed: numReq(c[1], "seed"),
    status: c[2],
    outcome,
    phaseEnd: c[4],
    reached: reached as 0 | 1 | 2,
    killedBy: c[6] === "" ? null : c[6],
    miss_m: numOrNull(c[7], col(7)),
    impactNorth_m: numOrNull(c[8], col(8)),
    impactEast_m: numOrNull(c[9], col(9)),
    endLat_deg: numReq(c[10], col(10)),
    endLon_deg: numReq(c[11], col(11)),
    aimLat_deg: numOrNull(c[12], col(12)),
    aimLon_deg: numOrNull(c[13], col(13)),
    flightTime_s: numReq(c[14], col(14)),
    tot_s: numOrNull(c[15], col(15)),
    pDamage: numReq(c[16], col(16)),
    damageFromScenario: c[17] === "scenario",
    navErrH_m: numReq(c[18], col(18)),
    navErrV_m: numReq(c[19], col(19)),
    gnssOutage_s: numReq(c[20], col(20)),
    fuelLeft_kg: numReq(c[21], col(21)),
    params: c
      .slice(RUN_COLUMNS.length, RUN_COLUMNS.length + nParams)
      .map((x, k) => numReq(x, `parameter ${k + 1}`)),
    navH: v.slice(1, 1 + nav.count).map((x) => numOrNull(x, "nav-error h")),
    navV: v.slice(1 + nav.count).map((x) => numOrNull(x, "nav-error v")),
    ...(target ? { acquired: acq === "" ? null : acq === "yes" } : {}),
  };
}
