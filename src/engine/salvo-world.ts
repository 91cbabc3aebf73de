/**
 * A planned salvo flown as one world: every member (missiles, decoys) is a flight with its own
 * launch time, navigation and seeker streams, and all of them fly against ONE air-defence network
 * whose sites share their tracks, fire channels and magazines among them (mission/world-loop.ts,
 * threats/defence-network.ts). The defence draws from the "air-defence" stream of the salvo's
 * seed; member i's navigation and seeker from its own "missile-i" stream, as before.
 */

import { Rng } from "../core/rng.js";
import { MissionFlight } from "../mission/mission-flight.js";
import type { MissionResult } from "../mission/mission-result.js";
import { flyWorld, type WorldEntry } from "../mission/world-loop.js";
import type { SalvoScenario } from "../scenario/salvo-schema.js";
import type { ViewshedCache } from "../terrain/site-visibility.js";
import type { NetworkEvent, SiteTotals } from "../threats/air-defence.js";
import { navigatorFromScenario } from "./mission-params.js";
import type { PlannedSalvo, SalvoMissilePlan } from "./salvo.js";
import { damageFromScenario, terminalSensorFromScenario } from "./terminal-params.js";
import { airDefenceFromScenario } from "./world.js";

/** One member of a salvo, flown. */
export interface SalvoFlight {
  readonly missile: SalvoMissilePlan;
  readonly result: MissionResult;
  /** Launch time plus flight time, s; null unless it reached the ground where it was going. */
  readonly simulatedTot_s: number | null;
}

/** What the shared world adds to the flights: the defence's log and each site's totals. */
export interface SalvoEngagement {
  /** Every defence event, at salvo time (s after the first launch opportunity). */
  readonly events: readonly NetworkEvent[];
  readonly sites: readonly SiteTotals[];
}

/**
 * Fly every member of a planned salvo in one world against one air defence. `root` (default the
 * scenario seed's generator) gives the defence's "air-defence" stream and member i's "missile-i";
 * a study passes each run's own root and reuses one plan for all its runs.
 */
export function flySalvoWorld(
  scenario: SalvoScenario,
  salvo: PlannedSalvo,
  viewsheds: ViewshedCache,
  root?: Rng,
): { flights: SalvoFlight[]; engagement: SalvoEngagement } {
  const members = salvo.missiles;
  if (members.length === 0) return { flights: [], engagement: { events: [], sites: [] } };
  const first = members[0];
  const defence = airDefenceFromScenario(
    first.scenario,
    first.params,
    viewsheds,
    root ?? Rng.fromSeed(scenario.seed),
  );
  const tick_s = first.params.terminalStep_s;
  const flights = members.map((m, i) => {
    const rng = root ? root.stream(`missile-${i}`) : m.rng;
    return new MissionFlight(
      m.params,
      navigatorFromScenario(m.scenario, m.params, viewsheds, rng),
      terminalSensorFromScenario(m.scenario.terminal, rng),
      damageFromScenario(m.scenario.terminal),
    );
  });
  const entries: WorldEntry[] = members.map((m, i) => ({
    flyer: flights[i],
    launchTick: Math.round(m.launch_s / tick_s),
    netIndex: defence ? defence.addFlyer(m.rcs ?? defence.params.rcs, m.engageable ?? true) : -1,
  }));
  const log: NetworkEvent[] = [];
  flyWorld(entries, defence, defence ? defence.params.update_s : 1, tick_s, log);
  const out = members.map((m, i): SalvoFlight => {
    const k = entries[i].netIndex;
    const result = flights[i].finish(defence ? defence.summaryFor(k) : []);
    const arrived = result.outcome.status === "ground_impact" && result.summary.miss_m !== null;
    return {
      missile: m,
      result,
      simulatedTot_s: arrived ? m.launch_s + result.summary.flight_time_s : null,
    };
  });
  return { flights: out, engagement: { events: log, sites: defence ? defence.totals() : [] } };
}
