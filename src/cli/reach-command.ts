/**
 * `standoff reach FILE`: how far the scenario's missile reaches from its release point. Searches
 * the best-range cruise profile (altitude × Mach), then flies it in every direction with the
 * scenario's wind and writes the footprint as a GeoJSON polygon.
 */

import { VERSION } from "../core/version.js";
import { computeReach, type ReachResult } from "../engine/reach.js";
import { checkOutputFolder, type WrittenOutputs, writeOutputFolder } from "../io/output-folder.js";
import { reachTable, writeReachOutputs } from "../io/reach-outputs.js";
import type { Output } from "./output.js";
import { type ProgressMode, stageProgress } from "./stage-progress.js";

/** Options of `standoff reach`. */
export interface ReachCommandOptions {
  readonly out: string;
  readonly azimuthStep: number;
  readonly altM?: number | undefined;
  readonly mach?: number | undefined;
  readonly json: boolean;
  /** Stage display on stderr (default "auto": a line on a terminal, plain lines otherwise, none with --json). */
  readonly progress?: ProgressMode;
}

/** Run the command; returns the exit status. */
export function reachCommand(file: string, opts: ReachCommandOptions, io: Output): number {
  // Refuse an unusable --out before spending the flights' time.
  checkOutputFolder(opts.out);
  const progress = stageProgress(io, opts.json, opts.progress);
  let r: ReachResult;
  let out: WrittenOutputs<string[]>;
  try {
    r = computeReach(
      file,
      { azimuthStep_deg: opts.azimuthStep, alt_m: opts.altM, mach: opts.mach },
      progress.onStage,
    );
    const result = r;
    out = writeOutputFolder(opts.out, (dir) =>
      writeReachOutputs(dir, result, `standoff ${VERSION}`),
    );
  } finally {
    progress.done();
  }
  const [geoPath, jsonPath] = out.value.map(out.final);
  const { profile, search, ring } = r;
  const rel = r.release;
  const maxR = r.maxRange_m;
  const minR = r.minRange_m;

  if (opts.json) {
    io.out(
      JSON.stringify(
        { ...reachTable(r), files: [geoPath, jsonPath], removed: out.removed },
        null,
        2,
      ),
    );
    return 0;
  }
  io.out(
    `${r.missile.name}, released at ${(rel.alt_m).toFixed(0)} m and ${rel.tas_mps.toFixed(0)} m/s`,
  );
  if (search) {
    io.out("best-range profile search (range to ground impact, along the release heading):");
    const machs = [...new Set(search.all.map((f) => f.profile.mach))];
    io.out(`  alt (m)  ${machs.map((m) => `M ${m.toFixed(2)}`.padStart(9)).join("")}`);
    for (const alt of [...new Set(search.all.map((f) => f.profile.alt_m))]) {
      const cells = machs.map((m) => {
        const f = search?.all.find((x) => x.profile.alt_m === alt && x.profile.mach === m);
        return `${((f?.range_m ?? 0) / 1000).toFixed(0)} km`.padStart(9);
      });
      io.out(`  ${String(alt).padStart(7)}  ${cells.join("")}`);
    }
  }
  io.out(`profile       ${profile.alt_m.toFixed(0)} m, Mach ${profile.mach.toFixed(2)}`);
  io.out(
    `reach         ${(minR / 1000).toFixed(1)} to ${(maxR / 1000).toFixed(1)} km over ${ring.length} directions (wind included)`,
  );
  io.out(`wrote         ${geoPath}, ${jsonPath}`);
  if (out.removed.length > 0) {
    io.out(`removed       ${out.removed.join(", ")} (outputs of an earlier run)`);
  }
  return 0;
}
