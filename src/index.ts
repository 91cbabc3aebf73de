/**
 * standoff as a library. A simulator only: every model is notional and built from public figures.
 *
 *   import { loadScenario, executeRun, runMonteCarlo } from "standoff";
 *
 * The engine (executeRun, executeScenario, planScenarioFile, computeReach) is the one way from a
 * scenario to results, the same code path the CLI takes; the models below it take plain typed
 * parameters and can be used on their own.
 */

export { Rng } from "./core/rng.js";
export { SampleTable } from "./core/sample-table.js";
export * from "./core/units.js";
export { UserError } from "./core/user-error.js";
export { type AeroCoefficients, NO_AERO } from "./dynamics/aero-coefficients.js";
export { BODY_COLUMNS } from "./dynamics/body-observer.js";
export { type BodyRunParams, runBody } from "./dynamics/body-run.js";
export {
  type InitialConditions,
  initialState3Dof,
  initialState6Dof,
} from "./dynamics/initial-state.js";
export { type OdeSystem, Rk4 } from "./dynamics/ode.js";
export { BallisticDrag, PointMass3Dof, type PointMassForces } from "./dynamics/point-mass-3dof.js";
export { type MassProperties, RigidBody6Dof } from "./dynamics/rigid-body-6dof.js";
export type { RunEvent, RunOutcome, RunResult } from "./dynamics/run-result.js";
export { atmosphere, atmosphereAt } from "./earth/atmosphere.js";
export { type EarthModel, makeEarth } from "./earth/earth-model.js";
export { ecefToGeodetic, geodeticToEcef, WGS84 } from "./earth/ellipsoid.js";
export { geodesicDirect, geodesicInverse } from "./earth/geodesic.js";
export { gravitation } from "./earth/gravity.js";
export { windAt, windPowerLaw, windProfile } from "./earth/wind.js";
export { bodyRunParams } from "./engine/body-params.js";
export {
  type ExecutedRun,
  executeRun,
  executeScenario,
  type RunOptions,
} from "./engine/execute-run.js";
export { missileFromScenario, missionFromScenario } from "./engine/mission-params.js";
export { planScenarioFile } from "./engine/plan-scenario.js";
export { computeReach, type ReachResult } from "./engine/reach.js";
export { tableToCsv } from "./io/csv.js";
export type { MissionParams } from "./mission/mission-params.js";
export { bestRangeProfile, reachFlight, reachFootprint } from "./mission/reach.js";
export { type MissionResult, type MissionSummary, simulateMission } from "./mission/simulate.js";
export {
  type MonteCarloOptions,
  type MonteCarloResult,
  runMonteCarlo,
} from "./montecarlo/runner.js";
export { NavEstimate, type Navigator, PerfectNavigator } from "./navigation/navigation.js";
export { loadScenarioFile as loadScenario, parseScenarioText } from "./scenario/load.js";
export { formatProblem, type Problem, ScenarioError } from "./scenario/problems.js";
export { type Scenario, scenarioJsonSchema, scenarioSchema } from "./scenario/schema.js";
export type { MissileParams } from "./vehicle/missile-params.js";
export { AGM158A_CLASS, AGM158B_CLASS, MISSILE_PRESETS } from "./vehicle/presets.js";
