/** `standoff run FILE`: fly a scenario, print a summary, write the outputs. */

import { summarizeRun, writeRunOutputs } from "../io/run-outputs.js";
import { executeRun } from "./execute-run.js";
import type { Output } from "./output.js";

/** Options of `standoff run`. */
export interface RunCommandOptions {
  readonly out: string;
  readonly sampleDt: number;
  readonly json: boolean;
}

/** Run the command; returns the exit status (1 when the run failed, with its partial outputs kept). */
export function runCommand(file: string, opts: RunCommandOptions, io: Output): number {
  const { scenario, result } = executeRun(file, { sampleDt_s: opts.sampleDt });
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
