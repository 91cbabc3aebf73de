/**
 * The one code path from a scenario file to a finished run, shared by `standoff run`,
 * `standoff verify` and the tests, so what is verified is exactly what users run.
 */

import { UserError } from "../core/user-error.js";
import { runBody } from "../dynamics/body-run.js";
import type { RunResult } from "../dynamics/run-result.js";
import type { AircraftFlight } from "../mission/aircraft-flight.js";
import type { MissionParams } from "../mission/mission-params.js";
import { type MissionResult, simulateMission } from "../mission/simulate.js";
import type { BodyScenario } from "../scenario/body-schema.js";
import { loadScenarioFile } from "../scenario/load.js";
import type { MissionScenario } from "../scenario/mission-schema.js";
import type { SalvoScenario } from "../scenario/salvo-schema.js";
import type { Scenario } from "../scenario/schema.js";
import type { ElevationGrid } from "../terrain/elevation-grid.js";
import { ViewshedCache } from "../terrain/site-visibility.js";
import type { AirDefenceParams } from "../threats/air-defence.js";
import type { AircraftExposure } from "./auto-release.js";
import type { MissionPlan } from "./plan-mission.js";
import { type PreparedSalvo, prepareBody, prepareMission, prepareSalvo } from "./prepare.js";
import { flySalvoWorld, type SalvoEngagement, type SalvoFlight } from "./salvo-world.js";

import { type StageListener, terrainFromScenario, warmViewsheds } from "./world.js";

export type { SalvoEngagement, SalvoFlight } from "./salvo-world.js";
export type { StageListener } from "./world.js";

/** Options of a run that are not part of the scenario. */
export interface RunOptions {
  /** Output sample interval, s; must be a whole multiple of the integration step. */
  readonly sampleDt_s: number;
  /**
   * Called as the run enters each stage: "terrain", "viewsheds" (with the share computed),
   * "planning" (a salvo: with the share of fly-outs done), "flight" (a salvo: with the share of
   * missiles flown). For progress displays; the engine itself prints nothing.
   */
  readonly onStage?: StageListener;
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
      /** The route plan, when the scenario gave no waypoints and the route was planned; else null. */
      readonly plan: MissionPlan | null;
      /** The launch aircraft's release and exposure (`launch.auto`), else null. */
      readonly aircraft: AircraftExposure | null;
    }
  | {
      readonly kind: "salvo";
      readonly file: string;
      readonly scenario: SalvoScenario;
      /** Planned, with `auto` releases placed and each aircraft's exposure (`lar`). */
      readonly salvo: PreparedSalvo;
      /** Each member's flight, in the scenario's order. */
      readonly flights: readonly SalvoFlight[];
      /** The shared defence's event log and per-site totals. */
      readonly engagement: SalvoEngagement;
      readonly viewsheds: ViewshedCache;
      readonly defence: AirDefenceParams | null;
      /** The launch aircraft as flown in the same world (empty until aircraft are flown). */
      readonly aircraft: readonly AircraftFlight[];
    };

/** How many integration steps make one output sample, or a UserError naming --sample-dt. */
export function sampleEvery(sampleDt_s: number, step_s: number): number {
  const k = Math.round(sampleDt_s / step_s);
  if (
    !(Number.isFinite(sampleDt_s) && sampleDt_s > 0) ||
    k < 1 ||
    Math.abs(k * step_s - sampleDt_s) > 1e-9 * sampleDt_s
  ) {
    // A command-line argument error (exit 2), found only once the scenario's step is known.
    throw new UserError(
      [
        `--sample-dt: expected a positive whole multiple of simulation.step_s (${step_s} s), got ${sampleDt_s} s`,
      ],
      2,
    );
  }
  return k;
}

/** Load, validate and run a scenario file. Throws ScenarioError or UserError on bad input. */
export async function executeRun(file: string, opts: RunOptions): Promise<ExecutedRun> {
  const scenario = loadScenarioFile(file);
  if (scenario.kind !== "body" && scenario.environment.terrain) opts.onStage?.("terrain");
  const terrain = scenario.kind === "body" ? null : await terrainFromScenario(scenario, file);
  return executeScenario(scenario, file, opts, terrain);
}

/**
 * Run a validated scenario (from `file`) over its loaded terrain (null: none or flat). A caller
 * flying many runs over one terrain (a Monte Carlo worker) passes one viewshed cache for all.
 */
export function executeScenario(
  scenario: Scenario,
  file: string,
  opts: RunOptions,
  terrain: ElevationGrid | null,
  viewsheds: ViewshedCache = new ViewshedCache(),
): ExecutedRun {
  const onStage = opts.onStage;
  if (scenario.kind === "body") {
    const params = prepareBody(scenario, sampleEvery(opts.sampleDt_s, scenario.simulation.step_s));
    onStage?.("flight");
    return { kind: "body", file, scenario, result: runBody(params) };
  }
  sampleEvery(opts.sampleDt_s, scenario.simulation.step_s);
  // Only to show them as a stage: the run computes the same viewsheds lazily without this.
  if (onStage) warmViewsheds(scenario, terrain, viewsheds, onStage);
  if (scenario.kind === "salvo") return executeSalvo(scenario, file, opts, terrain, viewsheds);
  const m = prepareMission(scenario, file, opts.sampleDt_s, terrain, viewsheds, onStage);
  onStage?.("flight");
  return {
    kind: "mission",
    file,
    scenario,
    params: m.params,
    viewsheds,
    defence: m.defence?.params ?? null,
    plan: m.plan,
    aircraft: m.aircraft,
    result: simulateMission(m.params, m.navigator, m.defence, m.sensor, m.damage, m.engagement),
  };
}

/**
 * Plan and fly a salvo: every member in one world against one air defence, whose sites share
 * their tracks, fire channels and magazines among the salvo (engine/salvo-world.ts).
 */
function executeSalvo(
  scenario: SalvoScenario,
  file: string,
  opts: RunOptions,
  terrain: ElevationGrid | null,
  viewsheds: ViewshedCache,
): ExecutedRun {
  const onStage = opts.onStage;
  const salvo = prepareSalvo(scenario, file, opts.sampleDt_s, terrain, viewsheds, onStage);
  onStage?.("flight");
  // The scenario with its `auto` releases placed.
  const { flights, engagement, aircraft } = flySalvoWorld(salvo.scenario, salvo, viewsheds);
  return {
    kind: "salvo",
    file,
    scenario: salvo.scenario,
    salvo,
    flights,
    engagement,
    viewsheds,
    defence: salvo.world.defence,
    aircraft,
  };
}
