/**
 * Everything a run does before it flies: build the SI parameters, check the mission is possible,
 * plan a route-less mission, build the air defence, the navigator and the terminal sensor. One
 * function for `standoff run` (which then flies what it prepared) and `standoff validate` (which
 * stops here), so a file that validates is one that runs, and the two say the same thing about a
 * file that does not.
 */

import { Rng } from "../core/rng.js";
import type { BodyRunParams } from "../dynamics/body-run.js";
import type { CarletonParams } from "../effects/damage.js";
import type { MissionParams } from "../mission/mission-params.js";
import type { TerminalSensor } from "../mission/simulate.js";
import type { TargetEngagement } from "../mission/target-engagement.js";
import type { Navigator } from "../navigation/navigation.js";
import type { BodyScenario } from "../scenario/body-schema.js";
import type { MissionScenario } from "../scenario/mission-schema.js";
import type { SalvoScenario } from "../scenario/salvo-schema.js";
import type { ElevationGrid } from "../terrain/elevation-grid.js";
import type { ViewshedCache } from "../terrain/site-visibility.js";
import type { AirDefence } from "../threats/air-defence.js";
import { type AircraftExposure, resolveAutoRelease } from "./auto-release.js";
import { bodyRunParams } from "./body-params.js";
import { flyableMission, missionFromScenario, navigatorFromScenario } from "./mission-params.js";
import { type MissionPlan, planMission, withPlannedRoute } from "./plan-mission.js";
import { type PlannedSalvo, planSalvoScenario } from "./salvo.js";
import { resolveSalvoAutoRelease, type SalvoAircraftExposure } from "./salvo-auto-release.js";
import { hasTargetEngagement, targetSituation } from "./target-params.js";
import { damageFromScenario, terminalSensorFromScenario } from "./terminal-params.js";
import { airDefenceFromScenario, type StageListener } from "./world.js";

/** A mission ready to fly: parameters (with the planned route, if planned) and its models. */
export interface PreparedMission {
  readonly params: MissionParams;
  /** The route plan, when the scenario gave no waypoints; else null. */
  readonly plan: MissionPlan | null;
  readonly defence: AirDefence | null;
  readonly navigator: Navigator;
  readonly sensor: TerminalSensor | null;
  readonly damage: CarletonParams | null;
  /** A moving or uncertain target (engine/target-params.ts); null: fixed and known exactly. */
  readonly engagement: TargetEngagement | null;
  /** The launch aircraft's release and exposure (`launch.auto`); null otherwise. */
  readonly aircraft: AircraftExposure | null;
}

/** A body run's parameters (sampled every `every` steps). */
export function prepareBody(s: BodyScenario, every: number): BodyRunParams {
  return bodyRunParams(s, every);
}

/** Prepare one mission over its terrain; ScenarioError when it cannot be flown. */
export function prepareMission(
  given: MissionScenario,
  file: string,
  sampleDt_s: number,
  terrain: ElevationGrid | null,
  viewsheds: ViewshedCache,
  onStage?: StageListener,
): PreparedMission {
  // `launch.auto`: release from the launch region's recommended point; a `lar` block: the
  // aircraft's exposure at the release.
  if (given.launch.auto || given.lar) onStage?.("launch region");
  const { scenario: s, aircraft } = resolveAutoRelease(given, file, terrain, viewsheds);
  // A target that moves or is known only approximately: plan to the believed aimpoint.
  const root = Rng.fromSeed(s.seed);
  const situation = hasTargetEngagement(s)
    ? targetSituation(s, file, missionFromScenario(s, file, sampleDt_s, terrain), terrain, root)
    : null;
  const aimed: MissionScenario = situation
    ? {
        ...s,
        target: { ...s.target, lat_deg: situation.aim_lat_deg, lon_deg: situation.aim_lon_deg },
      }
    : s;
  let params = flyableMission(aimed, file, sampleDt_s, terrain);
  // No waypoints: plan the route over the terrain and air defence, then fly it.
  let plan: MissionPlan | null = null;
  if (s.route.waypoints.length === 0) {
    onStage?.("planning");
    plan = planMission(aimed, file, params, viewsheds);
    params = withPlannedRoute(params, plan.plan.route.waypoints, plan.plan.approach !== null);
  }
  const defence = airDefenceFromScenario(s, params, viewsheds);
  return {
    params,
    plan,
    defence,
    navigator: navigatorFromScenario(s, params, viewsheds),
    sensor: terminalSensorFromScenario(s.terminal, root),
    damage: damageFromScenario(s.terminal),
    engagement: situation ? situation.engagement(params, viewsheds) : null,
    aircraft,
  };
}

/** A planned salvo with its releases placed (`aircraft[i].auto`) and its aircraft's exposure. */
export interface PreparedSalvo extends PlannedSalvo {
  /** The scenario with every release position and heading given. */
  readonly scenario: SalvoScenario;
  /** Each aircraft at its release (with a `lar` block; else empty). */
  readonly releases: readonly SalvoAircraftExposure[];
}

/** Prepare a salvo: `auto` releases placed, every route and launch time planned (fly-outs included). */
export function prepareSalvo(
  given: SalvoScenario,
  file: string,
  sampleDt_s: number,
  terrain: ElevationGrid | null,
  viewsheds: ViewshedCache,
  onStage?: StageListener,
): PreparedSalvo {
  if (given.lar) onStage?.("launch region");
  const { scenario, aircraft } = resolveSalvoAutoRelease(given, file, terrain, viewsheds);
  const planned = planSalvoScenario(scenario, file, sampleDt_s, terrain, viewsheds, onStage);
  return { ...planned, scenario, releases: aircraft };
}
