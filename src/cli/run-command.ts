/** `standoff run FILE`: fly a scenario (a salvo: each of its missiles), print a summary, write the outputs. */

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { roundTo } from "../core/rounding.js";
import { VERSION } from "../core/version.js";
import { type ExecutedRun, executeRun } from "../engine/execute-run.js";
import { salvoEngagementView } from "../engine/salvo-report-data.js";
import {
  formatExposure,
  reportedMissionSummary,
  writeMissionOutputs,
} from "../io/mission-outputs.js";
import { checkOutputFolder, type WrittenOutputs, writeOutputFolder } from "../io/output-folder.js";
import { plannedRouteNote } from "../io/plan-outputs.js";
import { summarizeRun, writeRunOutputs } from "../io/run-outputs.js";
import { writeSalvoCzml } from "../io/salvo-czml.js";
import { writeSalvoReport } from "../io/salvo-report-output.js";
import { modelledRunOf, salvoLimitations } from "../report/limitations.js";
import type { Output } from "./output.js";
import { type ProgressMode, stageProgress } from "./stage-progress.js";

/** Options of `standoff run`. */
export interface RunCommandOptions {
  readonly out: string;
  readonly sampleDt: number;
  readonly json: boolean;
  /** Stage display on stderr (default "auto": a line on a terminal, plain lines otherwise, none with --json). */
  readonly progress?: ProgressMode;
}

/**
 * Run the command; returns the exit status (1 when the run failed, with the outputs of the part
 * that ran written in full).
 */
export async function runCommand(
  file: string,
  opts: RunCommandOptions,
  io: Output,
): Promise<number> {
  // Refuse an unusable --out before spending the run's time.
  checkOutputFolder(opts.out);
  const progress = stageProgress(io, opts.json, opts.progress);
  let run: ExecutedRun;
  try {
    run = await executeRun(file, { sampleDt_s: opts.sampleDt, onStage: progress.onStage });
    progress.onStage("writing outputs");
  } catch (e) {
    progress.done();
    throw e;
  }
  const write = <T>(f: (dir: string) => T): WrittenOutputs<T> => {
    try {
      return writeOutputFolder(opts.out, f);
    } finally {
      progress.done();
    }
  };
  if (run.kind === "salvo") return salvoOutputs(run, opts, io, write);
  if (run.kind === "mission") return missionOutputs(run, opts, io, write);
  return bodyOutputs(run, opts, io, write);
}

/** Writes outputs through output-folder.ts (and ends the progress display). */
type Writer = <T>(f: (dir: string) => T) => WrittenOutputs<T>;

/** x with d decimals, never "-0.0". */
function fixed(x: number, d: number): string {
  const s = x.toFixed(d);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** The "removed" line: stale outputs of an earlier run that this one replaced. */
function printRemoved(io: Output, removed: readonly string[], pad: string): void {
  if (removed.length > 0) {
    io.out(`  removed${pad}${removed.join(", ")} (outputs of an earlier run)`);
  }
}

function missionOutputs(
  run: Extract<ExecutedRun, { kind: "mission" }>,
  opts: RunCommandOptions,
  io: Output,
  write: Writer,
): number {
  const { params, result, file } = run;
  const route = run.plan ? plannedRouteNote(run.plan.plan) : undefined;
  const out = write((dir) =>
    writeMissionOutputs(dir, file, params, result, `standoff ${VERSION}`, {
      defence: run.defence,
      viewsheds: run.viewsheds,
      noFly: run.plan?.world.settings.noFly ?? [],
      ...(route ? { route } : {}),
      modelled: modelledRunOf(run.scenario),
      ...(run.aircraft ? { aircraft: run.aircraft } : {}),
    }),
  );
  const written = out.value.map(out.final);
  const s = reportedMissionSummary(result.summary);
  if (opts.json) {
    io.out(
      JSON.stringify(
        {
          name: params.name,
          ...s,
          outcome: result.outcome,
          route: route ? { planned: true, ...route } : { planned: false },
          ...(run.aircraft ? { aircraft: run.aircraft } : {}),
          files: written,
          removed: out.removed,
        },
        null,
        2,
      ),
    );
  } else {
    io.out(`${params.name} — ${params.missile.name}`);
    io.out(`  outcome          ${s.status}: ${result.outcome.message}`);
    if (route) {
      io.out(
        `  route            planned (the scenario gives none): ${route.waypoints} waypoint${route.waypoints === 1 ? "" : "s"}, ${route.length_km.toFixed(1)} km; planned exposure ${formatExposure(route.exposure)}, P(undetected) ${route.p_undetected.toFixed(3)}; straight line ${route.straight_length_km.toFixed(1)} km, exposure ${formatExposure(route.straight_exposure)}`,
      );
    }
    const ac = run.aircraft;
    if (ac) {
      const r = ac.release;
      io.out(
        `  release          ${r.auto ? "auto (launch region's recommended point)" : "given"}: ${r.lat_deg.toFixed(4)}°, ${r.lon_deg.toFixed(4)}°, heading ${r.heading_deg.toFixed(1)}°`,
      );
      for (const m of ac.threat_margins)
        io.out(
          `  aircraft margin  ${m.site}: ${m.margin_km === null ? `never seen (${m.geometric_margin_km.toFixed(1)} km geometric)` : `${m.margin_km.toFixed(1)} km`}`,
        );
      io.out(
        `  aircraft seen    ${ac.time_in_detection_s.toFixed(0)} s in radar detection on ingress and egress (egress turn ${ac.turn})`,
      );
    }
    io.out(`  flight time      ${fixed(s.flight_time_s, 1)} s`);
    io.out(
      `  ground distance  ${fixed(s.ground_distance_m / 1000, 1)} km flown, ${fixed(s.range_m / 1000, 1)} km from release`,
    );
    io.out(
      `  fuel             ${fixed(s.fuel_left_kg, 1)} kg left of ${fixed(params.missile.fuel_kg, 1)} kg${s.fuel_exhausted_s === null ? "" : ` (ran out at ${s.fuel_exhausted_s.toFixed(0)} s)`}`,
    );
    if (s.impact_speed_mps === null || s.impact_angle_deg === null) {
      io.out(`  impact           no impact (${s.status})`);
    } else {
      if (s.miss_m !== null) io.out(`  miss distance    ${fixed(s.miss_m, 2)} m`);
      io.out(
        `  impact           ${fixed(s.impact_speed_mps, 1)} m/s at ${fixed(s.impact_angle_deg, 1)}° below the horizon`,
      );
    }
    io.out(
      `  navigation       ${fixed(s.gnss_outage_s, 1)} s without GNSS; error at the end ${fixed(s.nav_error_horizontal_m, 1)} m horizontal, ${fixed(s.nav_error_vertical_m, 1)} m vertical`,
    );
    if (s.seeker_at_impact !== "no seeker")
      io.out(
        `  seeker           ${s.seeker_lock_s === null || s.seeker_lock_range_m === null ? "never locked" : `locked at ${s.seeker_lock_s.toFixed(1)} s, ${(s.seeker_lock_range_m / 1000).toFixed(2)} km out; at impact: ${s.seeker_at_impact}`}`,
      );
    if (s.p_damage !== null) io.out(`  P(damage)        ${s.p_damage.toFixed(3)}`);
    const tg = s.target;
    if (tg) {
      const acq =
        tg.acquired === null
          ? ""
          : tg.acquisition
            ? `; acquired ${fixed(tg.acquisition.believed_error_m, 0)} m from its believed position`
            : "; not acquired (target_not_acquired)";
      const miss = tg.miss_m === null ? "" : `; impact ${fixed(tg.miss_m, 2)} m from it`;
      io.out(
        `  target           ${tg.motion}${acq}${miss}; updates ${tg.updates_received} received, ${tg.updates_lost} lost`,
      );
    }
    if (s.min_clearance_m !== null)
      io.out(`  lowest clearance ${fixed(s.min_clearance_m, 1)} m above the ground (midcourse)`);
    if (s.threats.length > 0) {
      io.out(`  air defence      ${s.killed_by ? `shot down by ${s.killed_by}` : "survived"}`);
      for (const t of s.threats) {
        const first =
          t.first_detection_s === null
            ? "never detected"
            : `detected at ${t.first_detection_s.toFixed(1)} s`;
        io.out(
          `    ${t.name}: ${first}, in sight ${t.exposure_s.toFixed(1)} s (Pd ≥ 0.5 for ${t.detectable_s.toFixed(1)} s), in track ${t.tracked_s.toFixed(1)} s, ${t.shots} shot${t.shots === 1 ? "" : "s"} — ${t.outcome}`,
        );
      }
    }
    io.out(`  wrote            ${written.join(", ")}`);
    printRemoved(io, out.removed, "          ");
  }
  return failedStatus(io, file, result.outcome);
}

/** Exit status 1 (with the reason on stderr) for a failed run, else 0. */
function failedStatus(
  io: Output,
  file: string,
  outcome: { status: string; message: string },
  who = "",
): number {
  if (outcome.status !== "failed") return 0;
  io.err(`standoff: ${file}: run${who ? ` of ${who}` : ""} failed: ${outcome.message}`);
  return 1;
}

function bodyOutputs(
  run: Extract<ExecutedRun, { kind: "body" }>,
  opts: RunCommandOptions,
  io: Output,
  write: Writer,
): number {
  const { scenario, result, file } = run;
  const summary = summarizeRun(scenario.name, result);
  const out = write((dir) =>
    writeRunOutputs(dir, summary, result, {
      file,
      generator: `standoff ${VERSION}`,
      atmosphere: scenario.earth.atmosphere,
    }),
  );
  const written = out.value.map(out.final);
  if (opts.json) {
    io.out(JSON.stringify({ ...summary, files: written, removed: out.removed }, null, 2));
  } else {
    const f = summary.final;
    io.out(`${scenario.name}`);
    io.out(`  outcome      ${summary.status}: ${summary.message}`);
    io.out(`  flight time  ${fixed(summary.flight_time_s, 2)} s (${summary.samples} samples)`);
    if (f) {
      io.out(
        `  final        lat ${fixed(f.lat_deg, 6)}°, lon ${fixed(f.lon_deg, 6)}°, alt ${fixed(f.alt_m, 1)} m`,
      );
      const maxMach = summary.max_mach === null ? "" : ` (max ${fixed(summary.max_mach, 3)})`;
      io.out(
        `               speed ${fixed(f.speed_mps, 2)} m/s, Mach ${fixed(f.mach, 3)}${maxMach}`,
      );
    } else {
      io.out("  final        no sample was recorded");
    }
    if (summary.min_alt_m !== null && summary.max_alt_m !== null) {
      io.out(`  altitude     ${fixed(summary.min_alt_m, 1)} to ${fixed(summary.max_alt_m, 1)} m`);
    }
    io.out(`  wrote        ${written.join(", ")}`);
    printRemoved(io, out.removed, "      ");
  }
  return failedStatus(io, file, result.outcome);
}

/** A folder name from a missile's name: lower case, letters, digits and dashes. */
function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return s || "missile";
}

/** The shared defence's event log, flyer by name, times rounded to the millisecond. */
function engagementDoc(run: Extract<ExecutedRun, { kind: "salvo" }>) {
  // The defence numbers the members, then the launch aircraft.
  const names = [...run.flights.map((f) => f.missile.name), ...run.aircraft.map((a) => a.name)];
  return {
    sites: run.engagement.sites,
    flyers: run.flights.map((f) => ({
      name: f.missile.name,
      kind: f.missile.decoy ? "decoy" : "missile",
      launch_s: roundTo(f.missile.launch_s, 3),
      fate: f.result.summary.killed_by ? "killed" : f.result.summary.status,
      killed_by: f.result.summary.killed_by,
    })),
    events: run.engagement.events.map((e) => ({
      t_s: roundTo(e.t_s, 3),
      kind: e.kind,
      site: e.site,
      flyer: names[e.flyer],
      range_m: roundTo(e.range_m, 0),
      ...(e.count > 0 ? { interceptors: e.count } : {}),
    })),
  };
}

/** Write a salvo's outputs (a folder per missile, salvo.json, salvo.czml), print its table; the exit status. */
function salvoOutputs(
  run: Extract<ExecutedRun, { kind: "salvo" }>,
  opts: RunCommandOptions,
  io: Output,
  write: Writer,
): number {
  const { salvo, flights, scenario } = run;
  const used = new Set<string>();
  const folders = flights.map((f, i) => {
    let folder = slug(f.missile.name);
    if (used.has(folder)) folder = `${folder}-${i + 1}`;
    used.add(folder);
    return folder;
  });
  const rows = flights.map((f, i) => {
    const m = f.missile;
    const s = reportedMissionSummary(f.result.summary);
    return {
      name: m.name,
      aircraft: m.aircraft,
      // A member never released has no flight, so no folder.
      folder: f.released ? folders[i] : null,
      launch_s: roundTo(m.launch_s, 2),
      stretch_m: roundTo(m.stretch_m, 0),
      planned_time_of_flight_s: roundTo(m.timeOfFlight_s, 2),
      planned_tot_s: roundTo(m.plannedTot_s, 2),
      simulated_time_of_flight_s: roundTo(s.flight_time_s, 2),
      simulated_tot_s: f.simulatedTot_s === null ? null : roundTo(f.simulatedTot_s, 2),
      tot_error_s: f.simulatedTot_s === null ? null : roundTo(f.simulatedTot_s - m.plannedTot_s, 2),
      outcome: f.released ? s.status : "not released",
      message: f.result.outcome.message,
      miss_m: s.miss_m === null ? null : roundTo(s.miss_m, 2),
      killed_by: s.killed_by,
    };
  });
  const w = salvo.window;
  const tots = rows.flatMap((r) => (r.simulated_tot_s === null ? [] : [r.simulated_tot_s]));
  const spread = tots.length > 0 ? Math.max(...tots) - Math.min(...tots) : null;
  const inside = tots.every((t) => t >= w.open_s && t <= w.close_s);
  const doc = {
    name: scenario.name,
    window: {
      open_s: roundTo(w.open_s, 2),
      close_s: roundTo(w.close_s, 2),
      aim_s: roundTo(w.aim_s, 2),
      width_s: scenario.arrival.window_s,
    },
    planned_spread_s: roundTo(salvo.timing.spread_s, 2),
    arrived: tots.length,
    simulated_tot_spread_s: spread === null ? null : roundTo(spread, 2),
    all_arrivals_inside_window: tots.length > 0 && inside,
    missiles: rows,
    sites: run.engagement.sites.map((t) => ({ ...t, saturated_s: roundTo(t.saturated_s, 2) })),
    limitations: salvoLimitations(modelledRunOf(scenario)),
    // The launch aircraft, flown in the same world: fate and releases (null t_s: never released),
    // and, with a `lar` block, its release (auto or given) and exposure as the region sees it.
    aircraft: run.aircraft.map((a) => ({
      name: a.name,
      fate: a.fate,
      killed_by: a.killed_by,
      killed_at_s: a.killed_at_s === null ? null : roundTo(a.killed_at_s, 2),
      releases: a.releases.map((r) => ({ ...r, t_s: r.t_s === null ? null : roundTo(r.t_s, 2) })),
      ...salvo.releases.find((e) => e.name === a.name),
    })),
  };
  const view = salvoEngagementView(run);
  const out = write((dir) => {
    flights.forEach((f, i) => {
      const m = f.missile;
      if (!f.released) return;
      writeMissionOutputs(
        join(dir, folders[i]),
        run.file,
        m.params,
        f.result,
        `standoff ${VERSION}`,
        {
          defence: run.defence,
          viewsheds: run.viewsheds,
          noFly: salvo.world.settings.noFly,
          route: plannedRouteNote(m.plan),
          launch_s: m.launch_s,
          modelled: modelledRunOf(scenario),
        },
      );
    });
    const path = join(dir, "salvo.json");
    writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`);
    // The shared defence's log: every detection, track, cue, shot, kill, miss and waste, at salvo time.
    const log = join(dir, "engagement.json");
    writeFileSync(log, `${JSON.stringify(engagementDoc(run), null, 2)}\n`);
    // Every missile on one CesiumJS timeline, each from its launch time.
    const czml = writeSalvoCzml(
      dir,
      scenario.name,
      flights.map((f, i) => ({
        id: folders[i],
        name: f.missile.name,
        params: f.missile.params,
        result: f.result,
        launch_s: f.missile.launch_s,
      })),
      run.defence,
      { aircraft: run.aircraft, shots: view.shots, flyers: view.flyers },
    );
    // The salvo's own page: tracks by fate, each site's timeline, the leak/kill table.
    const report = writeSalvoReport(
      dir,
      {
        title: scenario.name,
        generator: `standoff ${VERSION}`,
        scenarioFile: run.file,
        flights: flights.map((f) => ({ params: f.missile.params, result: f.result })),
        aircraft: run.aircraft,
        defence: run.defence,
        limitations: doc.limitations,
      },
      view,
    );
    return [path, czml, log, report];
  });
  const [path, czml, log, report] = out.value.map(out.final);
  if (opts.json) {
    io.out(
      JSON.stringify({ ...doc, files: [path, czml, log, report], removed: out.removed }, null, 2),
    );
  } else {
    io.out(
      `${scenario.name} — ${rows.length} flyer${rows.length === 1 ? "" : "s"} from ${scenario.aircraft.length} aircraft`,
    );
    io.out(
      `  arrival window   ${w.open_s.toFixed(1)} – ${w.close_s.toFixed(1)} s after the first launch opportunity (aim ${w.aim_s.toFixed(1)} s)`,
    );
    for (const ac of salvo.releases.filter((a) => a.release.auto)) {
      const seen = ac.threat_margins.flatMap((m) => (m.margin_km === null ? [] : [m.margin_km]));
      io.out(
        `  release          ${ac.name}: auto ${ac.release.lat_deg.toFixed(4)}°, ${ac.release.lon_deg.toFixed(4)}°, heading ${ac.release.heading_deg.toFixed(1)}°; ${seen.length > 0 ? `smallest SAM margin ${Math.min(...seen).toFixed(1)} km` : "seen by no SAM"}, ${ac.time_in_detection_s.toFixed(0)} s in radar detection`,
      );
    }
    const table = [
      [
        "missile",
        "aircraft",
        "launch s",
        "stretch km",
        "planned TOT s",
        "simulated TOT s",
        "Δ s",
        "outcome",
        "miss m",
      ],
      ...rows.map((r) => [
        r.name,
        r.aircraft,
        r.launch_s.toFixed(1),
        (r.stretch_m / 1000).toFixed(1),
        r.planned_tot_s.toFixed(1),
        r.simulated_tot_s === null ? "—" : r.simulated_tot_s.toFixed(1),
        r.tot_error_s === null
          ? "—"
          : `${r.tot_error_s >= 0 ? "+" : ""}${r.tot_error_s.toFixed(1)}`,
        r.killed_by ? `killed (${r.killed_by})` : r.outcome,
        r.miss_m === null ? "—" : r.miss_m.toFixed(1),
      ]),
    ];
    const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
    for (const r of table)
      io.out(
        `  ${r
          .map((c, k) => (k < 2 || k === 7 ? c.padEnd(widths[k]) : c.padStart(widths[k])))
          .join("  ")
          .trimEnd()}`,
      );
    io.out(
      spread === null
        ? "  no missile arrived"
        : `  simulated TOT spread ${spread.toFixed(1)} s over ${tots.length} arriving missile${tots.length === 1 ? "" : "s"} (planned ${salvo.timing.spread_s.toFixed(1)} s); all inside the ${scenario.arrival.window_s} s window: ${inside ? "yes" : "no"}`,
    );
    for (const a of run.aircraft) {
      const n = a.releases.filter((r) => r.t_s !== null).length;
      io.out(
        `  ${a.name}: ${a.fate === "killed" ? `shot down by ${a.killed_by} at ${a.killed_at_s?.toFixed(1)} s` : "survived"}, released ${n} of ${a.releases.length}`,
      );
    }
    for (const t of run.engagement.sites) {
      io.out(
        `  ${t.name}: ${t.shots} interceptors fired, ${t.kills} kills, ${t.wasted} wasted, ${t.interceptors_left} left, saturated ${t.saturated_s.toFixed(1)} s`,
      );
    }
    io.out(
      `  wrote            ${report}, ${path}, ${log}, ${czml} and a folder per missile (${folders.filter((_, i) => flights[i].released).join(", ")})`,
    );
    printRemoved(io, out.removed, "          ");
  }
  const failed = flights.find((f) => f.result.outcome.status === "failed");
  return failed ? failedStatus(io, run.file, failed.result.outcome, failed.missile.name) : 0;
}
