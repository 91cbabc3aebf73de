/**
 * A planned salvo flown as one world: every member (missiles, decoys) is a flight with its own
 * launch time, navigation and seeker streams, and all of them fly against ONE air-defence network
 * whose sites share their tracks, fire channels and magazines among them (mission/world-loop.ts,
 * threats/defence-network.ts). The defence draws from the "air-defence" stream of the salvo's
 * seed; member i's navigation and seeker from its own "missile-i" stream, as before.
 */

import { Rng } from "../core/rng.js";
import { RAD_PER_DEG } from "../core/units.js";
import { geodeticToEcef, WGS84 } from "../earth/ellipsoid.js";
import type { AircraftFlight } from "../mission/aircraft-flight.js";
import { AircraftFlyer } from "../mission/aircraft-flyer.js";
import { MissionFlight } from "../mission/mission-flight.js";
import type { MissionParams } from "../mission/mission-params.js";
import type { MissionResult } from "../mission/mission-result.js";
import { flyWorld, type WorldEntry } from "../mission/world-loop.js";
import type { SalvoScenario } from "../scenario/salvo-schema.js";
import type { ViewshedCache } from "../terrain/site-visibility.js";
import type { NetworkEvent, SiteTotals } from "../threats/air-defence.js";
import type { DefenceNetwork } from "../threats/defence-network.js";
import { navigatorFromScenario } from "./mission-params.js";
import type { PlannedSalvo, SalvoMissilePlan } from "./salvo.js";
import type { SalvoAircraftPlan } from "./salvo-aircraft.js";
import { damageFromScenario, terminalSensorFromScenario } from "./terminal-params.js";
import { airDefenceFromScenario } from "./world.js";

/** One member of a salvo, flown. */
export interface SalvoFlight {
  readonly missile: SalvoMissilePlan;
  readonly result: MissionResult;
  /** Launch time plus flight time, s; null unless it reached the ground where it was going. */
  readonly simulatedTot_s: number | null;
  /** False when its aircraft was shot down before its launch time: it never flew. */
  readonly released: boolean;
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
): { flights: SalvoFlight[]; engagement: SalvoEngagement; aircraft: AircraftFlight[] } {
  const members = salvo.missiles;
  if (members.length === 0) {
    return { flights: [], engagement: { events: [], sites: [] }, aircraft: [] };
  }
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
  // Each launch aircraft flies too, seen by the defence with its own aspect-dependent RCS, and
  // carries its members until their launch times.
  const flyers = salvo.aircraft.map((a) =>
    aircraftFlyer(a, members, tick_s, first.params, defence),
  );
  flyers.forEach((f, j) => {
    const a = salvo.aircraft[j];
    const e: WorldEntry = {
      flyer: f,
      launchTick: f.startTick,
      netIndex: defence ? defence.addFlyer(a.rcs, true) : -1,
    };
    for (const i of a.members) entries[i] = { ...entries[i], carrier: entries.length };
    entries.push(e);
  });
  const log: NetworkEvent[] = [];
  flyWorld(entries, defence, defence ? defence.params.update_s : 1, tick_s, log);
  const out = members.map((m, i): SalvoFlight => {
    const k = entries[i].netIndex;
    const f = flights[i];
    if (!f.released) {
      const a = flyers.find((_, j) => salvo.aircraft[j].members.includes(i));
      const r = f.finish([]);
      const why = `not released: ${m.aircraft} was shot down by ${a?.killedBy ?? "the defence"} at ${(a?.killedAt_s ?? 0).toFixed(1)} s, before its launch time`;
      return {
        missile: m,
        result: { ...r, outcome: { status: "completed", t_s: 0, message: why } },
        simulatedTot_s: null,
        released: false,
      };
    }
    const result = f.finish(defence ? defence.summaryFor(k) : []);
    const arrived = result.outcome.status === "ground_impact" && result.summary.miss_m !== null;
    return {
      missile: m,
      result,
      simulatedTot_s: arrived ? m.launch_s + result.summary.flight_time_s : null,
      released: true,
    };
  });
  const aircraft = salvo.aircraft.map((a, j): AircraftFlight => {
    const f = flyers[j];
    return {
      name: a.name,
      platform: a.platform,
      samples: f.samples,
      releases: a.members.map((i) => ({
        member: members[i].name,
        t_s: flights[i].released ? members[i].launch_s : null,
        lat_deg: members[i].params.release.lat_deg,
        lon_deg: members[i].params.release.lon_deg,
      })),
      fate: f.killedBy === null ? "survived" : "killed",
      killed_by: f.killedBy,
      killed_at_s: f.killedAt_s,
    };
  });
  return {
    flights: out,
    engagement: { events: log, sites: defence ? defence.totals() : [] },
    aircraft,
  };
}

/** A launch aircraft as a world flyer, with its start tick. */
function aircraftFlyer(
  a: SalvoAircraftPlan,
  members: readonly SalvoMissilePlan[],
  tick_s: number,
  p: MissionParams,
  defence: DefenceNetwork | null,
): AircraftFlyer & { startTick: number } {
  const startTick = Math.round((a.firstRelease_s + a.path.t0_s) / tick_s);
  const terrain = p.terrain;
  const ground = p.ground_m;
  const flyer = new AircraftFlyer({
    path: a.path,
    firstRelease_s: a.firstRelease_s,
    tick_s,
    startTick,
    egressFrom_s: a.lastRelease_s + Math.PI / a.turnRate_rad_s,
    end_s: a.lastRelease_s + a.egressMax_s,
    threats: (defence?.params.sams ?? []).map((s) => {
      const ecef = new Float64Array(3);
      const h = terrain ? terrain.heightAt(s.lat_deg, s.lon_deg) : ground;
      geodeticToEcef(WGS84, s.lat_deg * RAD_PER_DEG, s.lon_deg * RAD_PER_DEG, h, ecef);
      return { ecef, maxRange_m: s.params.envelope.max_range_m };
    }),
    releases_s: a.members.map((i) => members[i].launch_s).sort((x, y) => x - y),
    groundAt: terrain ? (lat, lon) => terrain.heightAt(lat, lon) : () => ground,
  });
  return Object.assign(flyer, { startTick });
}
