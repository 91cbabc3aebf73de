/**
 * `standoff mc FILE --sweep PATH=V1,V2,... [--runs N] [--goal P]`: the salvo (or mission) study at each value
 * of one scenario parameter; writes sweep.json, sweep.csv and sweep.html and prints the table.
 * Every swept scenario is validated, and every value planned, before anything is written.
 */

import { mkdirSync } from "node:fs";
import { VERSION } from "../core/version.js";
import { clearOutputFolder, SWEEP_OUTPUT_FILES } from "../io/output-folder.js";
import { writeSweepOutputs } from "../io/sweep-outputs.js";
import { runSweep } from "../montecarlo/sweep.js";
import { parseSweepSpec } from "../scenario/sweep-spec.js";
import type { Output } from "./output.js";

/** Options of a sweep. */
export interface SweepCommandOptions {
  readonly sweep: string;
  readonly runs?: number;
  readonly out: string;
  readonly seed?: number;
  readonly goal?: number;
  readonly json: boolean;
}

/** Run the sweep; returns the exit status. */
export async function sweepCommand(
  file: string,
  opts: SweepCommandOptions,
  io: Output,
): Promise<number> {
  const spec = parseSweepSpec(opts.sweep);
  const runs = opts.runs ?? 100;
  let lastShown = -1;
  const result = await runSweep({
    file,
    spec,
    runs,
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    ...(opts.goal === undefined ? {} : { goal: opts.goal }),
    onProgress: (vi, done) => {
      if (opts.json || done !== runs || vi === lastShown) return;
      lastShown = vi;
      io.err(`standoff: ${spec.path} = ${spec.values[vi]}: ${runs} runs done`);
    },
  });
  // Written only once every value has run: bad input leaves the folder as it was.
  const removed = clearOutputFolder(opts.out, SWEEP_OUTPUT_FILES);
  mkdirSync(opts.out, { recursive: true });
  const files = writeSweepOutputs(opts.out, result, `standoff ${VERSION}`);
  if (opts.json) {
    io.out(JSON.stringify({ ...result, files, removed }, null, 2));
    return 0;
  }
  io.out(`${result.name} — sweep of ${result.path}, ${runs} runs per value`);
  io.out(
    `  ${result.path.padEnd(10)}  P(destroyed) [95 %]      leaking [95 %]     interceptors [95 %]`,
  );
  for (const p of result.points) {
    const pd = p.pDestroyed;
    io.out(
      `  ${String(p.value).padEnd(10)}  ${(pd.p ?? 0).toFixed(3)} [${pd.lower.toFixed(3)}, ${pd.upper.toFixed(3)}]  ${p.leaked.mean.toFixed(2)} [${p.leaked.lower.toFixed(2)}, ${p.leaked.upper.toFixed(2)}]  ${p.interceptors.mean.toFixed(1)} [${p.interceptors.lower.toFixed(1)}, ${p.interceptors.upper.toFixed(1)}]`,
    );
  }
  if (result.goal !== null) {
    io.out(
      `  goal P(destroyed) ≥ ${result.goal}: smallest ${result.path} ${result.reaching.estimate ?? "— (none swept)"} (estimate), ${result.reaching.lowerBound ?? "— (none swept)"} (95 % lower bound)`,
    );
  }
  io.out(
    `  ${result.elapsed_s.toFixed(1)} s, ${Math.round(result.realTimeFactor)}× real time per flyer`,
  );
  io.out(`  wrote            ${files.join(", ")}`);
  return 0;
}
