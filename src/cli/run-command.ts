/** `standoff run FILE`: fly a scenario, print a summary, write the outputs. */

import { writeMissionOutputs } from "../io/mission-outputs.js";
import { summarizeRun, writeRunOutputs } from "../io/run-outputs.js";
import { executeRun } from "./execute-run.js";
import type { Output } from "./output.js";
import { VERSION } from "./version.js";

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
  if (run.kind === "mission") {
    const { params, result } = run;
    const written = writeMissionOutputs(opts.out, file, params, result, `standoff ${VERSION}`, {
      defence: run.defence,
      viewsheds: run.viewsheds,
    });
    const s = result.summary;
    if (opts.json) {
      io.out(
        JSON.stringify(
          { name: params.name, ...s, outcome: result.outcome, files: written },
          null,
          2,
        ),
      );
    } else {
      io.out(`${params.name} — ${params.missile.name}`);
      io.out(`  outcome          ${s.status}: ${result.outcome.message}`);
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
