/**
 * Turning a validated `salvo` scenario into planned, timed missions: each missile becomes a
 * mission (its aircraft's release, its target, the salvo's missile, environment and defence),
 * every route is planned on one shared exposure map, and planning/salvo.ts chooses launch times,
 * or stretches routes, so that every planned time on target (TOT) falls inside the window.
 *
 * Time of flight comes from a fly-out: each planned route is flown once by the simulation with
 * perfect navigation and no air defence, as a mission planning system predicts it with its own
 * fly-out model. Steady cruise alone (length over cruise speed plus engine start) came out about
 * 30 s short per missile on the bundled example, nearly all of it the 60° terminal pop-up and
 * dive, which no simple formula follows. A stretched route adds its extra length at the cruise
 * speed. Arrivals are planned inside the window less a guard of 5 s (at most a sixth of the
 * window) at each end. The aircraft is not flown: it releases every one of its missiles from its
 * given point and heading, at least min_interval_s apart.
 */

import { Rng } from "../core/rng.js";
import type { MissionParams } from "../mission/mission-params.js";
import { simulateMission } from "../mission/simulate.js";
import type { LatLon, RouteMetrics, RoutePlanner } from "../planning/route-search.js";
import {
  type ArrivalWindow,
  planSalvo,
  type SalvoAircraft,
  type SalvoMissile,
  type SalvoPlan,
  stretchRoute,
} from "../planning/salvo.js";
import type { MissionScenario } from "../scenario/mission-schema.js";
import { type Problem, ScenarioError } from "../scenario/problems.js";
import type { SalvoScenario } from "../scenario/salvo-schema.js";
import type { ElevationGrid } from "../terrain/elevation-grid.js";
import type { ViewshedCache } from "../terrain/site-visibility.js";
import { constantRcs, type RcsTable } from "../threats/rcs.js";
import { DECOY_PRESETS } from "../vehicle/decoy-presets.js";
import { flyableMission } from "./mission-params.js";
import {
  buildPlanner,
  evaluateGeodesic,
  type MissileRoutePlan,
  type PlanningWorld,
  planMissileRoute,
  planningSettings,
  withPlannedRoute,
} from "./plan-mission.js";
import { airDefenceParamsFromScenario, type StageListener } from "./world.js";

/** A member of a salvo: its missiles, then its decoys. */
export interface SalvoMember {
  readonly name: string;
  readonly aircraft: string;
  readonly target: SalvoScenario["missiles"][number]["target"];
  /** The decoy's entry, or null for a missile. */
  readonly decoy: SalvoScenario["decoys"][number] | null;
  /** Its path in the scenario file, e.g. "missiles[2]" or "decoys[0]". */
  readonly path: string;
}

/** Every member of a salvo: the missiles in order, then the decoys. */
export function salvoMembers(s: SalvoScenario): SalvoMember[] {
  return [
    ...s.missiles.map((m, i) => ({ ...m, decoy: null, path: `missiles[${i}]` })),
    ...s.decoys.map((d, i) => ({
      name: d.name,
      aircraft: d.aircraft,
      target: d.target,
      decoy: d,
      path: `decoys[${i}]`,
    })),
  ];
}

/** The mission flown by member i of a salvo (its route left empty: it is planned). */
export function salvoMissionScenario(s: SalvoScenario, i: number): MissionScenario {
  const m = salvoMembers(s)[i];
  const ac = s.aircraft.find((a) => a.name === m.aircraft);
  if (!ac) throw new RangeError(`${m.name}: unknown aircraft ${m.aircraft}`);
  // `auto` aircraft are placed by engine/salvo-auto-release.ts before they are planned.
  if (ac.lat_deg === undefined || ac.lon_deg === undefined || ac.heading_deg === undefined)
    throw new RangeError(`${ac.name}: release not resolved (auto)`);
  return {
    kind: "mission",
    name: `${s.name}: ${m.name}`,
    seed: s.seed,
    navigation: s.navigation,
    launch: {
      // The aircraft's own name with its type, so outputs name the aircraft that launched it.
      platform: ac.platform === undefined ? ac.name : `${ac.name}, ${ac.platform}`,
      lat_deg: ac.lat_deg,
      lon_deg: ac.lon_deg,
      alt_m: ac.alt_m,
      alt_ft: ac.alt_ft,
      mach: ac.mach,
      speed_kt: ac.speed_kt,
      heading_deg: ac.heading_deg,
    },
    missile: s.missile,
    route: {
      cruise: {
        ...(s.cruise ?? {}),
        ...(s.cruise?.alt_m === undefined && s.cruise?.alt_ft === undefined
          ? { alt_m: s.planning?.agl_m ?? 100, alt_ref: "agl" as const }
          : {}),
      },
      waypoints: [],
    },
    target: m.target,
    environment: s.environment,
    air_defence: s.air_defence,
    planning: s.planning,
    // A decoy dives on its point like a missile but has no seeker and no warhead to score.
    terminal:
      m.decoy && s.terminal
        ? { ...s.terminal, seeker: undefined, target_class: undefined }
        : s.terminal,
    simulation: s.simulation,
  };
}

/** Rename a derived mission's problem paths to the salvo's (launch → aircraft[j], target → missiles[i].target). */
function salvoPath(path: string, s: SalvoScenario, i: number): string {
  const m = salvoMembers(s)[i];
  const j = s.aircraft.findIndex((a) => a.name === m.aircraft);
  if (path === "launch" || path.startsWith("launch.")) return `aircraft[${j}]${path.slice(6)}`;
  if (path === "target" || path.startsWith("target.")) return `${m.path}.${path}`;
  if (path.startsWith("route.cruise")) return path.slice(6);
  return path;
}

/** Call f, reporting a ScenarioError of missile i's derived mission at the salvo's paths. */
export function asSalvo<T>(s: SalvoScenario, i: number, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    throw new ScenarioError(
      e.problems.map((p): Problem => ({ ...p, path: salvoPath(p.path, s, i) })),
    );
  }
}

/** Largest guard (s) kept inside each end of the arrival window when planning. */
const GUARD_S = 5;

/** A miss beyond this, m, means a fly-out did not reach its target. */
const FLY_OUT_REACH_M = 1000;

/**
 * Time of flight (s) of a mission by a fly-out: the simulation itself, perfect navigation, no air
 * defence, samples thinned. A fly-out that does not reach the target is bad input for a salvo.
 */
function flyOutTime_s(p: MissionParams, file: string, memberPath: string): number {
  const every = Math.max(1, Math.round(10 / p.step_s));
  const r = simulateMission({ ...p, sampleDt_s: every * p.step_s });
  const miss = r.summary.miss_m;
  if (r.outcome.status !== "ground_impact" || miss === null || miss > FLY_OUT_REACH_M) {
    throw new ScenarioError([
      {
        file,
        path: `${memberPath}.target`,
        expected:
          "a target the missile reaches on its planned route (a fly-out with perfect navigation and no air defence)",
        got: `${r.outcome.status}: ${r.outcome.message}`,
      },
    ]);
  }
  return r.summary.flight_time_s;
}

/** One missile of a planned salvo. */
export interface SalvoMissilePlan {
  readonly name: string;
  readonly aircraft: string;
  /** Its mission scenario and parameters (flying the planned, possibly stretched, route). */
  readonly scenario: MissionScenario;
  readonly params: MissionParams;
  readonly plan: MissileRoutePlan;
  /** The route flown (release … target), degrees: the planned one, stretched when asked. */
  readonly waypoints: readonly LatLon[];
  /** Figures of the stretched route on the planning map; null when not stretched. */
  readonly stretched: RouteMetrics | null;
  readonly launch_s: number;
  readonly timeOfFlight_s: number;
  readonly stretch_m: number;
  readonly plannedTot_s: number;
  /** The Rng root of its navigation and seeker: the "missile-i" stream of the salvo seed. */
  readonly rng: Rng;
  /** A decoy (no warhead) rather than a missile; absent: a missile. */
  readonly decoy?: boolean;
  /** Its RCS as the defence sees it (absent: the salvo missile's). */
  readonly rcs?: RcsTable;
  /** False when the defence can tell it is a decoy and holds its fire. */
  readonly engageable?: boolean;
}

/** A planned salvo. */
export interface PlannedSalvo {
  readonly missiles: readonly SalvoMissilePlan[];
  readonly window: Required<ArrivalWindow>;
  readonly timing: SalvoPlan;
  readonly world: PlanningWorld;
  readonly planner: RoutePlanner;
}

/**
 * Plan every route of a salvo scenario and its launch times (or stretches) for the arrival
 * window; an infeasible window or unreachable target is a ScenarioError naming the field.
 */
export function planSalvoScenario(
  s: SalvoScenario,
  file: string,
  sampleDt_s: number,
  terrain: ElevationGrid | null,
  cache: ViewshedCache,
  onStage?: StageListener,
): PlannedSalvo {
  onStage?.("planning");
  const members = salvoMembers(s);
  const scenarios = members.map((_, i) => salvoMissionScenario(s, i));
  // A decoy flies its own airframe: planning, fly-out and flight all use its preset.
  const params = scenarios.map((ms, i) => {
    const p = asSalvo(s, i, () => flyableMission(ms, file, sampleDt_s, terrain));
    const d = members[i].decoy;
    return d ? { ...p, missile: DECOY_PRESETS[d.preset] } : p;
  });
  const p0 = params[0];
  const world: PlanningWorld = {
    terrain,
    ground_m: p0.ground_m,
    defence: airDefenceParamsFromScenario(s),
    cache,
    settings: planningSettings(s.planning, p0.cruise.agl_m ?? null),
  };
  const points = params.flatMap((p) => [
    { lat_deg: p.release.lat_deg, lon_deg: p.release.lon_deg },
    { lat_deg: p.aimpoint?.lat_deg ?? 0, lon_deg: p.aimpoint?.lon_deg ?? 0 },
  ]);
  const planner = buildPlanner(world, points, file);
  const plans = params.map((p, i) =>
    planMissileRoute(planner, world, p, file, `${members[i].path}.target`),
  );
  const missiles: SalvoMissile[] = plans.map((pl, i) => {
    // The fly-outs take most of a salvo's planning time: one share each.
    onStage?.("planning", i / plans.length);
    const tof = flyOutTime_s(
      withPlannedRoute(params[i], pl.route.waypoints, pl.approach !== null),
      file,
      members[i].path,
    );
    return {
      name: members[i].name,
      aircraft: members[i].aircraft,
      length_m: pl.route.flownLength_m,
      groundSpeed_mps: pl.cruise.speed_mps,
      // What cruise at the planning speed leaves out, as the fly-out measured it.
      overhead_s: tof - pl.route.flownLength_m / pl.cruise.speed_mps,
      maxStretch_m: Math.max(0, pl.maxLength_m - pl.route.flownLength_m),
    };
  });
  const aircraft: SalvoAircraft[] = s.aircraft.map((a) => ({
    name: a.name,
    earliestLaunch_s: 0,
    minInterval_s: a.min_interval_s,
  }));
  const w = s.arrival.window_s;
  // Earliest feasible: each aircraft releases its longest flight first, one interval apart; the
  // window opens when the last of those can arrive, and the salvo aims at its middle.
  let earliest = 0;
  for (const a of aircraft) {
    const tofs = missiles
      .filter((m) => m.aircraft === a.name)
      .map((m) => m.overhead_s + m.length_m / m.groundSpeed_mps)
      .sort((x, y) => y - x);
    for (const [k, t] of tofs.entries()) {
      earliest = Math.max(earliest, a.earliestLaunch_s + k * a.minInterval_s + t);
    }
  }
  const aim = s.arrival.time_s ?? earliest + w / 2;
  const window: Required<ArrivalWindow> = { open_s: aim - w / 2, close_s: aim + w / 2, aim_s: aim };
  // Planned inside a guard on each side, so small differences between plan and flight (the
  // dog-leg's arcs, navigation) keep the arrivals inside the commanded window.
  const guard = Math.min(GUARD_S, w / 6);
  const timing = planSalvo(missiles, aircraft, {
    open_s: window.open_s + guard,
    close_s: window.close_s - guard,
    aim_s: aim,
  });
  if (!timing.ok) {
    throw new ScenarioError([
      {
        file,
        path: s.arrival.time_s === undefined ? "arrival.window_s" : "arrival.time_s",
        expected: `an arrival window every missile can meet (the earliest opens at ${earliest.toFixed(1)} s: time_s ${(earliest + w / 2).toFixed(1)} s)`,
        got: timing.reasons.join("; "),
      },
    ]);
  }
  const root = Rng.fromSeed(s.seed);
  const out: SalvoMissilePlan[] = plans.map((pl, i) => {
    const entry = timing.entries[i];
    let waypoints = pl.route.waypoints;
    let stretched: RouteMetrics | null = null;
    if (entry.stretch_m > 0) {
      planner.setCosts(pl.cruise, world.settings.weights);
      const st = stretchRoute(
        waypoints,
        entry.stretch_m,
        pl.turnRadius_m,
        (a, b) => Number.isFinite(planner.segmentCost(planner.toGrid(a), planner.toGrid(b))),
        (pts) => evaluateGeodesic(planner, pts).cost,
      );
      if (!st.ok) {
        throw new ScenarioError([
          {
            file,
            path: "arrival.window_s",
            expected: "an arrival window every missile can meet",
            got: `${members[i].name} needs ${(entry.stretch_m / 1000).toFixed(1)} km more route: ${st.reason}`,
          },
        ]);
      }
      waypoints = st.waypoints;
      stretched = evaluateGeodesic(planner, waypoints);
    }
    const hasApproach = pl.approach !== null;
    const d = members[i].decoy;
    return {
      name: members[i].name,
      aircraft: members[i].aircraft,
      scenario: scenarios[i],
      params: withPlannedRoute(params[i], waypoints, hasApproach),
      plan: pl,
      waypoints,
      stretched,
      launch_s: entry.launch_s,
      timeOfFlight_s: entry.timeOfFlight_s,
      stretch_m: entry.stretch_m,
      plannedTot_s: entry.tot_s,
      rng: root.stream(`missile-${i}`),
      ...(d
        ? {
            decoy: true,
            engageable: !d.discriminable,
            ...(d.rcs_m2 === undefined ? {} : { rcs: constantRcs(d.rcs_m2) }),
          }
        : {}),
    };
  });
  return { missiles: out, window, timing, world, planner };
}
