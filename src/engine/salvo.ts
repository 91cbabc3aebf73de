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
 * speed (timing: salvo-timing.ts). The aircraft fly (salvo-aircraft.ts): each member leaves from
 * where its aircraft is at its launch time, at least min_interval_s after the previous one.
 */

import { Rng } from "../core/rng.js";
import type { MissionParams } from "../mission/mission-params.js";
import { simulateMission } from "../mission/simulate.js";
import type { LatLon, RouteMetrics, RoutePlanner } from "../planning/route-search.js";
import {
  type ArrivalWindow,
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
import {
  aircraftPlan,
  releasedFrom,
  releasePoint,
  type SalvoAircraftPlan,
  type SalvoAircraftSetup,
  salvoAircraftSetups,
} from "./salvo-aircraft.js";
import { flownWindow, timeFlownAircraft, timeSalvo } from "./salvo-timing.js";
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

const DEG = Math.PI / 180;

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
  /** The launch aircraft that release its members, with their flown paths. */
  readonly aircraft: readonly SalvoAircraftPlan[];
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
  const given = members.map((_, i) => salvoMissionScenario(s, i));
  // A decoy flies its own airframe: planning, fly-out and flight all use its preset.
  const params0 = given.map((ms, i) => {
    const p = asSalvo(s, i, () => flyableMission(ms, file, sampleDt_s, terrain));
    const d = members[i].decoy;
    return d ? { ...p, missile: DECOY_PRESETS[d.preset] } : p;
  });
  const p0 = params0[0];
  const world: PlanningWorld = {
    terrain,
    ground_m: p0.ground_m,
    defence: airDefenceParamsFromScenario(s),
    cache,
    settings: planningSettings(s.planning, p0.cruise.agl_m ?? null),
  };
  const acOf = members.map((m) => s.aircraft.findIndex((a) => a.name === m.aircraft));
  const setups = salvoAircraftSetups(
    s,
    file,
    members.map((m) => m.aircraft),
    params0,
  );
  // With an entry point, the first release comes no earlier than the ingress takes.
  const aircraft: SalvoAircraft[] = s.aircraft.map((a, j) => ({
    name: a.name,
    earliestLaunch_s: setups[j]?.ingress_s ?? 0,
    minInterval_s: a.min_interval_s,
  }));
  const w = s.arrival.window_s;
  // Each release leaves from where its aircraft is at its launch time (plan from the predicted
  // position). Pass 1 plans as if every aircraft stood at its first release point; that fixes
  // each release's offset after its aircraft's first (so min_interval_s holds). Pass 2 plans every
  // route from where the aircraft will be at that offset, then times each aircraft's first
  // release (all its releases move with it, its release points do not) and stretches routes whose
  // arrival would come early: nothing to iterate, and the releases are exact.
  let planner: RoutePlanner | null = null;
  let built: LatLon[] = [];
  const pass = (tau: readonly number[]) => {
    const at = members.map((_, i) => releasePoint(aircraftSetup(setups, acOf[i]), tau[i]));
    const params = params0.map((p, i) => releasedFrom(p, at[i]));
    const points = params.flatMap((p) => [
      { lat_deg: p.release.lat_deg, lon_deg: p.release.lon_deg },
      { lat_deg: p.aimpoint?.lat_deg ?? 0, lon_deg: p.aimpoint?.lon_deg ?? 0 },
    ]);
    if (planner === null || !within(built, points)) {
      planner = buildPlanner(world, points, file);
      built = points;
    }
    const pl = planner;
    const plans = params.map((p, i) => {
      // The fly-outs take most of a salvo's planning time: one share each.
      onStage?.("planning", i / params.length);
      return planMissileRoute(pl, world, p, file, `${members[i].path}.target`);
    });
    const missiles: SalvoMissile[] = plans.map((r, i) => {
      const tof = flyOutTime_s(
        withPlannedRoute(params[i], r.route.waypoints, r.approach !== null),
        file,
        members[i].path,
      );
      return {
        name: members[i].name,
        aircraft: members[i].aircraft,
        length_m: r.route.flownLength_m,
        groundSpeed_mps: r.cruise.speed_mps,
        // What cruise at the planning speed leaves out, as the fly-out measured it.
        overhead_s: tof - r.route.flownLength_m / r.cruise.speed_mps,
        maxStretch_m: Math.max(0, r.maxLength_m - r.route.flownLength_m),
      };
    });
    return { params, plans, missiles, planner: pl };
  };
  const first = pass(members.map(() => 0));
  const timed = timeSalvo(s, file, first.missiles, aircraft, w);
  const L0 = timed.timing.entries.map((e) => e.launch_s);
  const firstOf = s.aircraft.map((a) =>
    Math.min(...members.flatMap((m, i) => (m.aircraft === a.name ? [L0[i]] : []))),
  );
  const tau = members.map((_, i) => L0[i] - firstOf[acOf[i]]);
  // Nobody moves (one release per aircraft): the first pass is the plan.
  const second = tau.every((t) => t === 0) ? first : pass(tau);
  const window = flownWindow(s, second.missiles, aircraft, tau, timed.window);
  const timing = timeFlownAircraft(s, file, second.missiles, aircraft, tau, window);
  return finishSalvo(
    s,
    file,
    members,
    given,
    second.params,
    second.plans,
    timing,
    window,
    world,
    second.planner,
    setups,
  );
}

/**
 * Whether every point lies within 0.15° of the box of the points a planner was built on: its map
 * reaches at least 50 km beyond that box (buildPlanner), so it still covers them.
 */
function within(built: readonly LatLon[], points: readonly LatLon[]): boolean {
  const lat = built.map((p) => p.lat_deg);
  const lon = built.map((p) => p.lon_deg);
  const [s, n, w, e] = [Math.min(...lat), Math.max(...lat), Math.min(...lon), Math.max(...lon)];
  const m = 0.15;
  return points.every(
    (p) => p.lat_deg >= s - m && p.lat_deg <= n + m && p.lon_deg >= w - m && p.lon_deg <= e + m,
  );
}

/** The aircraft set up at index j (one exists for every aircraft that releases a member). */
function aircraftSetup(
  setups: readonly (SalvoAircraftSetup | null)[],
  j: number,
): SalvoAircraftSetup {
  const a = setups[j];
  if (!a) throw new RangeError(`aircraft ${j} releases nothing`);
  return a;
}

/**
 * The planned salvo: the second pass's routes (from where each aircraft is at each launch time),
 * launch times and stretches, and each aircraft's whole path.
 */
function finishSalvo(
  s: SalvoScenario,
  file: string,
  members: readonly SalvoMember[],
  given: readonly MissionScenario[],
  params: readonly MissionParams[],
  plans: readonly MissileRoutePlan[],
  timing: SalvoPlan,
  window: Required<ArrivalWindow>,
  world: PlanningWorld,
  planner: RoutePlanner,
  setups: readonly (SalvoAircraftSetup | null)[],
): PlannedSalvo {
  const launches = timing.entries.map((e) => e.launch_s);
  // Each member's mission says where it was released from (its aircraft's point then).
  const scenarios = given.map(
    (g, i): MissionScenario => ({
      ...g,
      launch: {
        ...g.launch,
        lat_deg: params[i].release.lat_deg,
        lon_deg: params[i].release.lon_deg,
        heading_deg: params[i].release.heading_rad / DEG,
      },
    }),
  );
  const flown = setups.flatMap((a) => {
    if (!a) return [];
    const idx = members.flatMap((m, i) => (m.aircraft === a.name ? [i] : []));
    const t = idx.map((i) => launches[i]);
    const firstT = Math.min(...t);
    return [aircraftPlan(a, firstT, Math.max(...t) - firstT, idx, world.defence)];
  });
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
  return { missiles: out, window, timing, world, planner, aircraft: flown };
}
