/**
 * `standoff lar FILE`: the launch acceptability region of a mission scenario. Prints, per release
 * condition, the region's area, its nearest, farthest and recommended release points and the
 * aircraft's margins and time in detection there (or, for an empty region, why and the nearest
 * point that would work: not an error), and writes lar.geojson, lar.json and lar.html.
 */

import type { Command } from "commander";
import { VERSION } from "../core/version.js";
import type { LarPoint, LarResult } from "../engine/lar.js";
import type { WrittenOutputs } from "../io/output-folder.js";
import type { Output } from "./output.js";
import { type ProgressMode, stageProgress } from "./stage-progress.js";

/** Options of `standoff lar`. */
export interface LarCommandOptions {
  readonly out: string;
  readonly json: boolean;
  readonly progress?: ProgressMode;
}

const km = (m: number) => `${(m / 1000).toFixed(1)} km`;
const where = (p: LarPoint) =>
  `${p.lat_deg.toFixed(4)}°, ${p.lon_deg.toFixed(4)}° (${km(p.distance_m)} from the target, route ${km(p.routeLength_m)})`;

/** Run the command; returns the exit status (0 also for an empty region). */
export async function larCommand(
  file: string,
  opts: LarCommandOptions,
  io: Output,
): Promise<number> {
  // The engine and writers load when the command runs (main.ts registers every command).
  const [{ computeLarFile }, { conditionLabel, larSummary, writeLarOutputs }, outputFolder] =
    await Promise.all([
      import("../engine/lar.js"),
      import("../io/lar-outputs.js"),
      import("../io/output-folder.js"),
    ]);
  const { checkOutputFolder, writeOutputFolder } = outputFolder;
  checkOutputFolder(opts.out);
  const progress = stageProgress(io, opts.json, opts.progress);
  let r: LarResult;
  let out: WrittenOutputs<string[]>;
  try {
    r = await computeLarFile(file, { onStage: progress.onStage });
    const result = r;
    progress.onStage("writing outputs");
    out = writeOutputFolder(opts.out, (dir) => writeLarOutputs(dir, result, `standoff ${VERSION}`));
  } finally {
    progress.done();
  }
  const files = out.value.map(out.final);
  if (opts.json) {
    io.out(JSON.stringify({ ...larSummary(r), files, removed: out.removed }, null, 2));
    return 0;
  }
  io.out(`${r.name}: launch acceptability region for ${r.missile} from the ${r.aircraft.name}`);
  for (const c of r.conditions) {
    io.out(`release at ${conditionLabel(c)}`);
    io.out(
      `  missile reach    ${km(c.usableMin_m)}${c.usableMax_m - c.usableMin_m > 50 ? ` to ${km(c.usableMax_m)}` : ""} of route after the ${Math.round(r.reserveFraction * 100)} % reserve; not closer than ${km(c.minDistance_m)}`,
    );
    io.out(
      `  area             ${Math.round(c.area_m2.acceptable / 1e6).toLocaleString("en-US")} km² acceptable (missile reach ${Math.round(c.area_m2.missile / 1e6).toLocaleString("en-US")} km², aircraft-safe ${Math.round(c.area_m2.aircraft / 1e6).toLocaleString("en-US")} km²)`,
    );
    if (c.empty) {
      io.out(`  empty region     ${c.empty.reason}`);
      if (c.empty.nearest) io.out(`  nearest to work  ${where(c.empty.nearest)}`);
      continue;
    }
    if (c.nearest) io.out(`  nearest          ${where(c.nearest)}`);
    if (c.farthest) io.out(`  farthest         ${where(c.farthest)}`);
    const rec = c.recommended;
    if (rec) {
      io.out(`  recommended      ${where(rec)}, ${km(rec.depth_m)} inside the edge`);
      for (const m of rec.margins) {
        io.out(
          `  margin           ${m.name}: ${m.visibleMargin_m === null ? `never in sight (${km(m.geometricMargin_m)} geometric)` : km(m.visibleMargin_m)}`,
        );
      }
      io.out(`  in detection     ${rec.detection.any_s.toFixed(0)} s (egress turn ${rec.turn})`);
    }
  }
  io.out(`wrote            ${files.join(", ")}`);
  if (out.removed.length > 0)
    io.out(`removed          ${out.removed.join(", ")} (outputs of an earlier run)`);
  return 0;
}

/** Register `standoff lar` on the program. */
export function registerLarCommand(
  program: Command,
  io: Output,
  setCode: (c: number) => void,
): void {
  program
    .command("lar")
    .description(
      "launch acceptability region of a mission scenario: where the aircraft may release so the missile arrives and the aircraft stays outside the SAM envelopes; write lar.geojson, lar.json, lar.html",
    )
    .argument("<file>", "mission scenario file (YAML or JSON), optionally with a lar block")
    .option("-o, --out <dir>", "output folder", "out")
    .option("--json", "print the summary as JSON", false)
    .action(async (file: string, o: { out: string; json: boolean }) => {
      setCode(await larCommand(file, { out: o.out, json: o.json }, io));
    });
}
