/**
 * `validate`'s engine side: the scenario checked exactly as `run` checks it before flying (schema,
 * terrain file, parameters, reach and minimum engagement distance, route planning, salvo timing),
 * without the flight itself.
 */

import { loadScenarioFile } from "../scenario/load.js";
import type { Scenario } from "../scenario/schema.js";
import { ViewshedCache } from "../terrain/site-visibility.js";
import { sampleEvery } from "./execute-run.js";
import { prepareBody, prepareMission, prepareSalvo } from "./prepare.js";
import { terrainFromScenario } from "./world.js";

/** A scenario that would run, and one line on what was checked. */
export interface ValidatedScenario {
  readonly scenario: Scenario;
  readonly note: string;
}

/** Check a scenario file as `standoff run` would; throws ScenarioError or UserError like run. */
export async function validateScenarioFile(file: string): Promise<ValidatedScenario> {
  const scenario = loadScenarioFile(file);
  if (scenario.kind === "body") {
    prepareBody(scenario, sampleEvery(scenario.simulation.step_s, scenario.simulation.step_s));
    return { scenario, note: "body" };
  }
  const terrain = await terrainFromScenario(scenario, file);
  const cache = new ViewshedCache();
  const dt = scenario.simulation.step_s;
  if (scenario.kind === "salvo") {
    const salvo = prepareSalvo(scenario, file, dt, terrain, cache);
    return {
      scenario,
      note: `salvo of ${salvo.missiles.length}, routes and launch times planned`,
    };
  }
  const m = prepareMission(scenario, file, dt, terrain, cache);
  return {
    scenario,
    note: m.plan ? "mission, route planned" : "mission",
  };
}
