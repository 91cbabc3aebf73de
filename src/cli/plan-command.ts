/**
 * `standoff plan FILE`: plan a mission's route (or every route of a salvo and its launch
 * schedule) over the scenario's terrain and air defence, compare it with the straight line on the
 * same exposure map, print the comparison and write routes.geojson, route.yaml, plan.json and
 * plan.html.
 */

import { planScenarioFile } from "../engine/plan-scenario.js";
import { checkOutputFolder, type WrittenOutputs, writeOutputFolder } from "../io/output-folder.js";
import { planJson, planText, writePlanOutputs } from "../io/plan-outputs.js";
import type { Output } from "./output.js";
import { type ProgressMode, stageProgress } from "./stage-progress.js";

/** Options of `standoff plan`. */
export interface PlanCommandOptions {
  readonly out: string;
  readonly json: boolean;
  /** Stage display on stderr (default "auto": a line on a terminal, plain lines otherwise, none with --json). */
  readonly progress?: ProgressMode;
}

/** Run the command; returns the exit status. */
export async function planCommand(
  file: string,
  opts: PlanCommandOptions,
  io: Output,
): Promise<number> {
  // Refuse an unusable --out before spending the planning time.
  checkOutputFolder(opts.out);
  const progress = stageProgress(io, opts.json, opts.progress);
  let input: Awaited<ReturnType<typeof planScenarioFile>>;
  let out: WrittenOutputs<string[]>;
  try {
    input = await planScenarioFile(file, progress.onStage);
    progress.onStage("writing outputs");
    out = writeOutputFolder(opts.out, (dir) => writePlanOutputs(dir, input));
  } finally {
    progress.done();
  }
  const written = out.value.map(out.final);
  if (opts.json) {
    io.out(JSON.stringify({ ...planJson(input), files: written, removed: out.removed }, null, 2));
  } else {
    for (const line of planText(input)) io.out(line);
    io.out(`  wrote ${written.join(", ")}`);
    if (out.removed.length > 0) {
      io.out(`  removed ${out.removed.join(", ")} (outputs of an earlier run)`);
    }
  }
  return 0;
}
