/** `standoff run FILE`: fly a scenario (a salvo: each of its missiles), print a summary, write the outputs. */

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { roundTo } from "../core/rounding.js";
import { VERSION } from "../core/version.js";
import { type ExecutedRun, executeRun } from "../engine/execute-run.js";
import { formatExposure, writeMissionOutputs } from "../io/mission-outputs.js";
import { plannedRouteNote } from "../io/plan-outputs.js";
import { summarizeRun, writeRunOutputs } from "../io/run-outputs.js";
import { writeSalvoCzml } from "../io/salvo-czml.js";
import { modelledRunOf, salvoLimitations } from "../report/limitations.js";
import type { Output } from "./output.js";

/** Options of `standoff run`. */
export interface RunCommandOptions {
  readonly out: string;
  readonly sampleDt: number;
  readonly json: boolean;
}

/** Run the command; returns the exit status (1 when the run failed, with its partial outputs kept). */
export async function runCommand(
  file: string,
  opts: RunCommandOptions,
  io: Output,
): Promise<number> {
  const run = await executeRun(file, { sampleDt_s: opts.sampleDt });
  if (run.kind === "salvo") return salvoOutputs(run, opts, io);
  if (run.kind === "mission") {
    const { params, result } = run;
    const route = run.plan ? plannedRouteNote(run.plan.plan) : undefined;
    const written = writeMissionOutputs(opts.out, file, params, result, `standoff ${VERSION}`, {
      defence: run.defence,
      viewsheds: run.viewsheds,
      noFly: run.plan?.world.settings.noFly ?? [],
      ...(route ? { route } : {}),
      modelled: modelledRunOf(run.scenario),
    });
    const s = result.summary;
    if (opts.json) {
      io.out(
        JSON.stringify(
          {
            name: params.name,
            ...s,
            outcome: result.outcome,
            route: route ? { planned: true, ...route } : { planned: false },
            files: written,
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
      io.out(`  flight time      ${s.flight_time_s.toFixed(1)} s`);
      io.out(
        `  ground distance  ${(s.ground_distance_m / 1000).toFixed(1)} km flown, ${(s.range_m / 1000).toFixed(1)} km from release`,
      );
      io.out(
        `  fuel             ${s.fuel_left_kg.toFixed(1)} kg left of ${params.missile.fuel_kg.toFixed(1)} kg${s.fuel_exhausted_s === null ? "" : ` (ran out at ${s.fuel_exhausted_s.toFixed(0)} s)`}`,
      );
      if (s.miss_m !== null) io.out(`  miss distance    ${s.miss_m.toFixed(2)} m`);
      io.out(
        `  impact           ${s.impact_speed_mps.toFixed(1)} m/s at ${s.impact_angle_deg.toFixed(1)}° below the horizon`,
      );
      io.out(
        `  navigation       ${s.gnss_outage_s.toFixed(1)} s without GNSS; error at the end ${s.nav_error_horizontal_m.toFixed(1)} m horizontal, ${s.nav_error_vertical_m.toFixed(1)} m vertical`,
      );
      if (s.seeker_at_impact !== "no seeker")
        io.out(
          `  seeker           ${s.seeker_lock_s === null || s.seeker_lock_range_m === null ? "never locked" : `locked at ${s.seeker_lock_s.toFixed(1)} s, ${(s.seeker_lock_range_m / 1000).toFixed(2)} km out; at impact: ${s.seeker_at_impact}`}`,
        );
      if (s.p_damage !== null) io.out(`  P(damage)        ${s.p_damage.toFixed(3)}`);
      if (s.min_clearance_m !== null)
        io.out(`  lowest clearance ${s.min_clearance_m.toFixed(1)} m above the ground (midcourse)`);
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
    }
    if (result.outcome.status === "failed") {
      io.err(`standoff: ${file}: run failed: ${result.outcome.message}`);
      return 1;
    }
    return 0;
  }
  const { scenario, result } = run;
  const summary = summarizeRun(scenario.name, result);
  const written = writeRunOutputs(opts.out, summary, result);
  if (opts.json) {
    io.out(JSON.stringify({ ...summary, files: written }, null, 2));
  } else {
    const f = summary.final;
    io.out(`${scenario.name}`);
    io.out(`  outcome      ${summary.status}: ${summary.message}`);
    io.out(`  flight time  ${summary.flight_time_s.toFixed(2)} s (${summary.samples} samples)`);
    io.out(
      `  final        lat ${f.lat_deg.toFixed(6)}°, lon ${f.lon_deg.toFixed(6)}°, alt ${f.alt_m.toFixed(1)} m`,
    );
    io.out(
      `               speed ${f.speed_mps.toFixed(2)} m/s, Mach ${f.mach.toFixed(3)} (max ${summary.max_mach.toFixed(3)})`,
    );
    io.out(`  altitude     ${summary.min_alt_m.toFixed(1)} to ${summary.max_alt_m.toFixed(1)} m`);
    io.out(`  wrote        ${written.join(", ")}`);
  }
  if (result.outcome.status === "failed") {
    io.err(`standoff: ${file}: run failed: ${result.outcome.message}`);
    return 1;
  }
  return 0;
}

/** A folder name from a missile's name: lower case, letters, digits and dashes. */
function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return s || "missile";
}

/** Write a salvo's outputs (a folder per missile, salvo.json), print its table; the exit status. */
function salvoOutputs(
  run: Extract<ExecutedRun, { kind: "salvo" }>,
  opts: RunCommandOptions,
  io: Output,
): number {
  const { salvo, flights, scenario } = run;
  const used = new Set<string>();
  const rows = flights.map((f, i) => {
    const m = f.missile;
    let folder = slug(m.name);
    if (used.has(folder)) folder = `${folder}-${i + 1}`;
    used.add(folder);
    writeMissionOutputs(
      join(opts.out, folder),
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
    const s = f.result.summary;
    return {
      name: m.name,
      aircraft: m.aircraft,
      folder,
      launch_s: roundTo(m.launch_s, 2),
      stretch_m: roundTo(m.stretch_m, 0),
      planned_time_of_flight_s: roundTo(m.timeOfFlight_s, 2),
      planned_tot_s: roundTo(m.plannedTot_s, 2),
      simulated_time_of_flight_s: roundTo(s.flight_time_s, 2),
      simulated_tot_s: f.simulatedTot_s === null ? null : roundTo(f.simulatedTot_s, 2),
      tot_error_s: f.simulatedTot_s === null ? null : roundTo(f.simulatedTot_s - m.plannedTot_s, 2),
      outcome: s.status,
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
    limitations: salvoLimitations(modelledRunOf(scenario)),
  };
  mkdirSync(opts.out, { recursive: true });
  const path = join(opts.out, "salvo.json");
  writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`);
  // Every missile on one CesiumJS timeline, each from its launch time.
  const czml = writeSalvoCzml(
    opts.out,
    scenario.name,
    flights.map((f, i) => ({
      id: rows[i].folder,
      name: f.missile.name,
      params: f.missile.params,
      result: f.result,
      launch_s: f.missile.launch_s,
    })),
    run.defence,
  );
  if (opts.json) {
    io.out(JSON.stringify({ ...doc, files: [path, czml] }, null, 2));
  } else {
    io.out(
      `${scenario.name} — ${rows.length} missile${rows.length === 1 ? "" : "s"} from ${scenario.aircraft.length} aircraft`,
    );
    io.out(
      `  arrival window   ${w.open_s.toFixed(1)} – ${w.close_s.toFixed(1)} s after the first launch opportunity (aim ${w.aim_s.toFixed(1)} s)`,
    );
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
    io.out(
      `  wrote            ${path}, ${czml} and a folder per missile (${rows.map((r) => r.folder).join(", ")})`,
    );
  }
  const failed = flights.find((f) => f.result.outcome.status === "failed");
  if (failed) {
    io.err(
      `standoff: ${run.file}: run of ${failed.missile.name} failed: ${failed.result.outcome.message}`,
    );
    return 1;
  }
  return 0;
}
