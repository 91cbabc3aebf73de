/**
 * The one code path from a scenario file to a finished run, shared by `standoff run`,
 * `standoff verify` and the tests, so what is verified is exactly what users run.
 */

import { runBody } from "../dynamics/body-run.js";
import type { RunResult } from "../dynamics/run-result.js";
import type { MissionParams } from "../mission/mission-params.js";
import { type MissionResult, simulateMission } from "../mission/simulate.js";
import { bodyRunParams } from "../scenario/body-params.js";
import type { BodyScenario } from "../scenario/body-schema.js";
import { loadScenarioFile } from "../scenario/load.js";
import { missionFromScenario, navigatorFromScenario } from "../scenario/mission-params.js";
import type { MissionScenario } from "../scenario/mission-schema.js";
import type { Scenario } from "../scenario/schema.js";
import { airDefenceFromScenario, terrainFromScenario } from "../scenario/threat-params.js";
import type { ElevationGrid } from "../terrain/elevation-grid.js";
import { ViewshedCache } from "../terrain/site-visibility.js";
import type { AirDefenceParams } from "../threats/air-defence.js";
import { CliError } from "./cli-error.js";

/** Options of a run that are not part of the scenario. */
export interface RunOptions {
  /** Output sample interval, s; must be a whole multiple of the integration step. */
  readonly sampleDt_s: number;
}

/** A scenario and what running it produced. */
export type ExecutedRun =
  | {
      readonly kind: "body";
      readonly file: string;
      readonly scenario: BodyScenario;
      readonly result: RunResult;
    }
  | {
      readonly kind: "mission";
      readonly file: string;
      readonly scenario: MissionScenario;
      readonly params: MissionParams;
      readonly result: MissionResult;
      /** Viewsheds computed for the run (radars and jammers), for reports. */
      readonly viewsheds: ViewshedCache;
      /** The air defence flown against, or null. */
      readonly defence: AirDefenceParams | null;
    };

/** How many integration steps make one output sample, or a CliError naming --sample-dt. */
export function sampleEvery(sampleDt_s: number, step_s: number): number {
  const k = Math.round(sampleDt_s / step_s);
  if (
    !(Number.isFinite(sampleDt_s) && sampleDt_s > 0) ||
    k < 1 ||
    Math.abs(k * step_s - sampleDt_s) > 1e-9 * sampleDt_s
  ) {
    throw new CliError([
      `--sample-dt: expected a positive whole multiple of simulation.step_s (${step_s} s), got ${sampleDt_s}`,
    ]);
  }
  return k;
}

/** Load, validate and run a scenario file. Throws ScenarioError or CliError on bad input. */
export async function executeRun(file: string, opts: RunOptions): Promise<ExecutedRun> {
  const scenario = loadScenarioFile(file);
  const terrain = scenario.kind === "mission" ? await terrainFromScenario(scenario, file) : null;
  return executeScenario(scenario, file, opts, terrain);
}

/** Run a validated scenario (from `file`) over its loaded terrain (null: none or flat). */
export function executeScenario(
  scenario: Scenario,
  file: string,
  opts: RunOptions,
  terrain: ElevationGrid | null,
): ExecutedRun {
  if (scenario.kind === "body") {
    const every = sampleEvery(opts.sampleDt_s, scenario.simulation.step_s);
    return { kind: "body", file, scenario, result: runBody(bodyRunParams(scenario, every)) };
  }
  sampleEvery(opts.sampleDt_s, scenario.simulation.step_s);
  const params = missionFromScenario(scenario, file, opts.sampleDt_s, terrain);
  const viewsheds = new ViewshedCache();
  const defence = airDefenceFromScenario(scenario, params, viewsheds);
  return {
    kind: "mission",
    file,
    scenario,
    params,
    viewsheds,
    defence: defence?.params ?? null,
    result: simulateMission(params, navigatorFromScenario(scenario, params, viewsheds), defence),
  };
}
