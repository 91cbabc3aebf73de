/**
 * simulate(): one missile flight from release to impact, the one-flyer case of the world loop
 * (world-loop.ts) over a steppable flight (mission-flight.ts). The parts live beside this file:
 * the event log (mission-events.ts), local geometry (mission-geometry.ts), midcourse height hold
 * and glide (midcourse-guidance.ts), the terminal phase and seeker (terminal-phase.ts), and the
 * outcome and summary built after the loop (mission-outcome.ts).
 */

import type { CarletonParams } from "../effects/damage.js";
import { type Navigator, PerfectNavigator } from "../navigation/navigation.js";
import type { AirDefence } from "../threats/air-defence.js";
import { MissionFlight } from "./mission-flight.js";
import type { MissionParams } from "./mission-params.js";
import type { MissionResult, TerminalSensor } from "./mission-result.js";
import type { TargetEngagement } from "./target-engagement.js";
import { flyWorld } from "./world-loop.js";

// Callers import the flight's types and the terminal-range rule from here.
export type { MissionResult, MissionSummary, TerminalSensor } from "./mission-result.js";
export { terminalStartRange } from "./terminal-phase.js";

/**
 * Fly one mission and return its samples, events and summary; an air defence may shoot it down, a
 * seeker may lock on in the terminal phase, and a damage function (of the target class) scores the
 * impact; a target engagement (target-engagement.ts) makes the target move or be known only
 * approximately.
 */
export function simulateMission(
  p: MissionParams,
  navigator: Navigator = new PerfectNavigator(),
  defence: AirDefence | null = null,
  sensor: TerminalSensor | null = null,
  damage: CarletonParams | null = null,
  engagement: TargetEngagement | null = null,
): MissionResult {
  const flight = new MissionFlight(p, navigator, sensor, damage, engagement);
  const k = defence ? defence.addFlyer(defence.params.rcs) : -1;
  flyWorld(
    [{ flyer: flight, launchTick: 0, netIndex: k }],
    defence,
    defence ? defence.params.update_s : 1,
    p.terminalStep_s,
  );
  return flight.finish(defence ? defence.summaryFor(k) : []);
}
