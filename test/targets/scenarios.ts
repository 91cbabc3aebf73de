/** Short synthetic missions for the target tests: release 20 km west of a notional target. */

import { executeScenario } from "../../src/engine/execute-run.js";
import type { MissionSummary } from "../../src/mission/simulate.js";
import { parseScenarioText } from "../../src/scenario/load.js";

/** The target block's extra lines (YAML, indented two spaces under `target:`) and the seeker's. */
export interface TargetCase {
  readonly seed?: number;
  readonly target?: string;
  readonly seeker?: string;
  /** Extra lines of the terminal block (YAML, indented two spaces). */
  readonly terminal?: string;
}

/** Scenario text of a short strike on a target at (10°, 40.2°) from release at (10°, 40°). */
export function strikeText(c: TargetCase): string {
  return `kind: mission
name: "target test"
seed: ${c.seed ?? 1}
launch: { lat_deg: 10.0, lon_deg: 40.0, alt_m: 4000, mach: 0.75, heading_deg: 90 }
missile: { preset: agm158a-class }
route:
  cruise: { alt_m: 3000, mach: 0.75 }
  waypoints: [ { lat_deg: 10.0, lon_deg: 40.06 } ]
target:
  name: "notional target"
  lat_deg: 10.0
  lon_deg: 40.2
  elevation_m: 0
  impact_angle_deg: 60
${c.target ?? ""}
terminal:
  seeker: ${c.seeker ?? "{ contrast: high, overrides: { fov_deg: 20, acquisition_scale: 2 }, search: { pattern: scan, radius_m: 300 } }"}
  target_class: soft-area
${c.terminal ?? ""}`;
}

/** Fly a case and return its summary and events. */
export function fly(c: TargetCase) {
  const s = parseScenarioText(strikeText(c), "target-test.yaml");
  const r = executeScenario(s, "target-test.yaml", { sampleDt_s: 1 }, null);
  if (r.kind !== "mission") throw new Error("expected a mission");
  return { summary: r.result.summary as MissionSummary, events: r.result.events };
}
