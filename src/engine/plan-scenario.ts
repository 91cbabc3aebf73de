/**
 * Planning a scenario file without flying it: the route of a mission (or every route of a salvo
 * and its launch schedule) over the scenario's terrain and air defence, with the straight line
 * evaluated on the same exposure map, as plain data for `io/plan-outputs.ts` to write.
 */

import { UserError } from "../core/user-error.js";
import { VERSION } from "../core/version.js";
import type { PlanOutputInput } from "../io/plan-outputs.js";
import { loadScenarioFile } from "../scenario/load.js";
import { ViewshedCache } from "../terrain/site-visibility.js";
import { flyableMission } from "./mission-params.js";
import { evaluateGeodesic, planMission, withPlannedRoute } from "./plan-mission.js";
import { prepareSalvo } from "./prepare.js";
import { type StageListener, terrainFromScenario, warmViewsheds } from "./world.js";

/** The plan of a scenario file, ready to print and write; throws ScenarioError or UserError on bad input. */
export async function planScenarioFile(
  file: string,
  onStage?: StageListener,
): Promise<PlanOutputInput> {
  const scenario = loadScenarioFile(file);
  if (scenario.kind === "body") {
    throw new UserError([
      `${file}: kind: expected "mission" or "salvo" (plan needs a missile, a release and a target), got "body"`,
    ]);
  }
  if (scenario.environment.terrain) onStage?.("terrain");
  const terrain = await terrainFromScenario(scenario, file);
  const cache = new ViewshedCache();
  // Planning looks through the radars' viewsheds only, not the jammers'.
  if (onStage) warmViewsheds(scenario, terrain, cache, onStage, false);
  const generator = `standoff ${VERSION}`;
  if (scenario.kind === "mission") {
    const base = flyableMission(scenario, file, scenario.simulation.step_s, terrain);
    onStage?.("planning");
    const mp = planMission(scenario, file, base, cache);
    const params = withPlannedRoute(base, mp.plan.route.waypoints, mp.plan.approach !== null);
    const aim = base.aimpoint ?? base.release;
    const own =
      base.waypoints.length > 0
        ? [base.release, ...base.waypoints, aim].map((w) => ({
            lat_deg: w.lat_deg,
            lon_deg: w.lon_deg,
          }))
        : null;
    return {
      title: scenario.name,
      file,
      generator,
      routes: [
        {
          name: "missile",
          targetName: scenario.target.name,
          params,
          plan: mp.plan,
          waypoints: mp.plan.route.waypoints,
        },
      ],
      settings: mp.world.settings,
      defence: mp.world.defence,
      terrain,
      cache,
      ...(own
        ? { scenarioRoute: { metrics: evaluateGeodesic(mp.planner, own), waypoints: own } }
        : {}),
    };
  }
  const salvo = prepareSalvo(scenario, file, scenario.simulation.step_s, terrain, cache, onStage);
  return {
    title: scenario.name,
    file,
    generator,
    routes: salvo.missiles.map((m) => ({
      name: m.name,
      aircraft: m.aircraft,
      targetName: m.scenario.target.name,
      params: m.params,
      plan: m.plan,
      waypoints: m.waypoints,
      ...(m.stretched ? { flown: m.stretched } : {}),
      timing: {
        launch_s: m.launch_s,
        timeOfFlight_s: m.timeOfFlight_s,
        stretch_m: m.stretch_m,
        plannedTot_s: m.plannedTot_s,
      },
    })),
    settings: salvo.world.settings,
    defence: salvo.world.defence,
    terrain,
    cache,
    window: salvo.window,
  };
}
