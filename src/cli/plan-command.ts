/**
 * `standoff plan FILE`: plan a mission's route (or every route of a salvo and its launch
 * schedule) over the scenario's terrain and air defence, compare it with the straight line on the
 * same exposure map, print the comparison and write routes.geojson, route.yaml, plan.json and
 * plan.html.
 */

import { planScenarioFile } from "../engine/plan-scenario.js";
import { planJson, planText, writePlanOutputs } from "../io/plan-outputs.js";
import type { Output } from "./output.js";

/** Options of `standoff plan`. */
export interface PlanCommandOptions {
  readonly out: string;
  readonly json: boolean;
}

/** Run the command; returns the exit status. */
export async function planCommand(
  file: string,
  opts: PlanCommandOptions,
  io: Output,
): Promise<number> {
  const input = await planScenarioFile(file);
  const written = writePlanOutputs(opts.out, input);
  if (opts.json) {
    io.out(JSON.stringify({ ...planJson(input), files: written }, null, 2));
  } else {
    for (const line of planText(input)) io.out(line);
    io.out(`  wrote ${written.join(", ")}`);
  }
  return 0;
}
