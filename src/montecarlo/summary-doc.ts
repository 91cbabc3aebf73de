/** The shape of a study's summary.json: plain data that io/ writes and report/ renders. */

import type { DispersionParam } from "../scenario/dispersion-schema.js";
import type { NominalRun } from "./study-files.js";
import type { McStatsSummary } from "./study-stats.js";

/** summary.json. */
export interface McSummaryDoc extends McStatsSummary {
  readonly format: "standoff-mc-summary";
  readonly version: 1;
  readonly generator: string;
  readonly scenario: { readonly file: string; readonly name: string; readonly sha256: string };
  readonly study: {
    readonly seed: number;
    readonly runsRequested: number;
    readonly runsCompleted: number;
    /** False when the study was interrupted: resume it with --resume. */
    readonly complete: boolean;
    readonly sampleDt_s: number;
    readonly dispersions: readonly (DispersionParam & { readonly nominal: number })[];
  };
  readonly damageModel: {
    readonly function: "Carleton";
    readonly defaultTargetClass: string;
    readonly rx_m: number;
    readonly ry_m: number;
    readonly d0: number;
    readonly note: string;
  };
  /** SAM sites of the scenario, in file order (sites with no kills are absent from kills.bySite). */
  readonly sites: readonly string[];
  readonly nominal: NominalRun;
}
