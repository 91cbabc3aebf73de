/**
 * Turning a mission's `target` block into the target of a run: its motion laid out as a track,
 * the observation with its location error, the planner's aimpoint, and the data link. A fixed
 * target known exactly (no motion, no error, no updates, a staring seeker) needs none of this and
 * gets null, so such a run is today's run, byte for byte.
 *
 * Draws come from the run's "target" stream (track, then observation error) and its
 * "target-link" stream (update errors), so they never shift another subsystem's draws.
 */

import type { Rng } from "../core/rng.js";
import { RAD_PER_DEG } from "../core/units.js";
import { atmosphere } from "../earth/atmosphere.js";
import { geodeticToEcef } from "../earth/ellipsoid.js";
import { geodesicInverse } from "../earth/geodesic.js";
import { maxSearchRadius_m, nominalAcquisitionRange_m } from "../guidance/seeker.js";
import type { MissionParams } from "../mission/mission-params.js";
import { TargetEngagement } from "../mission/target-engagement.js";
import type { Jammer } from "../navigation/gnss.js";
import type { MissionScenario } from "../scenario/mission-schema.js";
import { type Problem, ScenarioError } from "../scenario/problems.js";
import { DataLink } from "../targets/data-link.js";
import { localPlane, toGeo, toPlane } from "../targets/local-plane.js";
import {
  drawLocationError,
  type LocationError,
  NO_LOCATION_ERROR,
  plannerAimpoint,
} from "../targets/target-belief.js";
import {
  buildTrack,
  type DurationDistribution,
  polyline,
  projectOnPolyline,
  type TargetMotion,
} from "../targets/target-motion.js";
import type { ElevationGrid } from "../terrain/elevation-grid.js";
import { TerrainJammerMask, type ViewshedCache } from "../terrain/site-visibility.js";
import { seekerParamsFromScenario } from "./terminal-params.js";

/** Farthest a hide (or a relocating target's start) may lie from its road, m. */
export const HIDE_ON_ROAD_M = 50;

type TargetBlock = MissionScenario["target"];
type RawDuration = NonNullable<
  Extract<NonNullable<TargetBlock["motion"]>, { kind: "relocating" }>["dwell"]
>;

/** Whether the target block asks for anything beyond a fixed target known exactly. */
export function hasTargetEngagement(s: Pick<MissionScenario, "target" | "terminal">): boolean {
  const t = s.target;
  return (
    (t.motion !== undefined && t.motion.kind !== "fixed") ||
    sigmaOf(t.location_error) > 0 ||
    t.updates !== undefined ||
    s.terminal?.seeker?.search !== undefined
  );
}

function sigmaOf(e: TargetBlock["location_error"]): number {
  if (!e) return 0;
  return "sigma_m" in e ? e.sigma_m : Math.max(e.major_sigma_m, e.minor_sigma_m);
}

function locationError(e: TargetBlock["location_error"]): LocationError {
  if (!e) return NO_LOCATION_ERROR;
  if ("sigma_m" in e)
    return { sigmaMajor_m: e.sigma_m, sigmaMinor_m: e.sigma_m, orientation_rad: 0 };
  return {
    sigmaMajor_m: e.major_sigma_m,
    sigmaMinor_m: e.minor_sigma_m,
    orientation_rad: e.orientation_deg * RAD_PER_DEG,
  };
}

function durationOf(d: RawDuration): DurationDistribution {
  switch (d.distribution) {
    case "fixed":
      return { kind: "fixed", value_s: d.value_s };
    case "uniform":
      return { kind: "uniform", min_s: d.min_s, max_s: d.max_s };
    case "exponential":
      return { kind: "exponential", mean_s: d.mean_s };
  }
}

/** The motion of the target block on the plane around the target's position; problems collected. */
function motionOf(
  s: MissionScenario,
  file: string,
  plane: ReturnType<typeof localPlane>,
  problems: Problem[],
): TargetMotion {
  const m = s.target.motion;
  if (!m || m.kind === "fixed") return { kind: "fixed" };
  const at = (p: readonly [number, number]) => toPlane(plane, p[0], p[1]);
  if (m.kind === "moving") {
    const pts = [{ north_m: 0, east_m: 0 }, ...m.path.map(at)];
    let last = 0;
    m.stops.forEach((st, i) => {
      if (st.point >= m.path.length || st.point < last) {
        problems.push({
          file,
          path: `target.motion.stops[${i}].point`,
          expected: `an index into path (0 to ${m.path.length - 1}), in order along it`,
          got: String(st.point),
        });
      }
      last = st.point;
    });
    return {
      kind: "moving",
      path: polyline(
        pts.map((p) => p.north_m),
        pts.map((p) => p.east_m),
      ),
      speed_mps: m.speed_mps,
      // Path point k is polyline vertex k + 1 (vertex 0 is the target's position).
      stops: m.stops.map((st) => ({ vertex: st.point + 1, duration_s: st.duration_s })),
    };
  }
  const road = m.road.map(at);
  const line = polyline(
    road.map((p) => p.north_m),
    road.map((p) => p.east_m),
  );
  const onRoad = (n: number, e: number, path: string, what: string): number => {
    const pr = projectOnPolyline(line, n, e);
    if (pr.off_m > HIDE_ON_ROAD_M) {
      problems.push({
        file,
        path,
        expected: `${what} within ${HIDE_ON_ROAD_M} m of target.motion.road`,
        got: `${pr.off_m.toFixed(0)} m off the road`,
      });
    }
    return pr.along_m;
  };
  const start = onRoad(
    0,
    0,
    "target.lat_deg",
    "the target's position (a relocating target's start)",
  );
  const hides = m.hides.map((h, i) => {
    const p = toPlane(plane, h.lat_deg, h.lon_deg);
    return onRoad(p.north_m, p.east_m, `target.motion.hides[${i}]`, "a hide");
  });
  for (const [key, d] of [
    ["departure", m.departure],
    ["dwell", m.dwell],
  ] as const) {
    if (d.distribution === "uniform" && d.min_s > d.max_s) {
      problems.push({
        file,
        path: `target.motion.${key}.max_s`,
        expected: `at least min_s (${d.min_s} s)`,
        got: String(d.max_s),
      });
    }
  }
  return {
    kind: "relocating",
    road: line,
    start_s_m: start,
    hides_s_m: hides,
    speed_mps: m.speed_mps,
    departure: durationOf(m.departure),
    dwell: durationOf(m.dwell),
  };
}

/** Problems with the seeker's search block: a scan needs a radius its field of regard can cover. */
function searchProblems(s: MissionScenario, file: string): Problem[] {
  const search = s.terminal?.seeker?.search;
  const params = seekerParamsFromScenario(s.terminal);
  if (!search || !params || !s.terminal?.seeker) return [];
  if (search.pattern === "stare") return [];
  if (search.radius_m === undefined) {
    return [
      {
        file,
        path: "terminal.seeker.search.radius_m",
        expected: "a footprint radius for a scanning search",
        got: "nothing",
      },
    ];
  }
  const range = nominalAcquisitionRange_m(
    params,
    s.terminal.seeker.contrast,
    s.terminal.seeker.night,
  );
  const most = maxSearchRadius_m(params, range);
  if (search.radius_m > most) {
    return [
      {
        file,
        path: "terminal.seeker.search.radius_m",
        expected: `at most ${Math.floor(most)} m: the footprint seen from the seeker's ${range.toFixed(0)} m acquisition range must fit in its ±${params.gimbal_deg}° field of regard`,
        got: String(search.radius_m),
      },
    ];
  }
  return [];
}

/** The planner's flight-time estimate, s: the route's length at the cruise speed. */
function flightTimeEstimate_s(p: MissionParams, aim: { lat_deg: number; lon_deg: number }): number {
  const pts = [p.release, ...p.waypoints, aim];
  let d = 0;
  for (let i = 1; i < pts.length; i++) {
    d += geodesicInverse(
      pts[i - 1].lat_deg,
      pts[i - 1].lon_deg,
      pts[i].lat_deg,
      pts[i].lon_deg,
    ).distance_m;
  }
  return d / (p.cruise.mach * atmosphere(Math.max(0, p.cruise.alt_m)).a_mps);
}

/** A scenario's target situation for one run: the aimpoint to plan to and the engagement. */
export interface TargetSituation {
  /** The planner's aimpoint, degrees (the believed position at release). */
  readonly aim_lat_deg: number;
  readonly aim_lon_deg: number;
  /** Builds the engagement for the mission as planned (its parameters fix the time horizon). */
  readonly engagement: (p: MissionParams, cache: ViewshedCache) => TargetEngagement;
}

/**
 * The target situation of a scenario for the run whose Rng root is `root`, or null for a fixed
 * target known exactly; a ScenarioError naming the field for hides off the road and the like.
 * `base` gives the release, route and cruise the planner's prediction uses.
 */
export function targetSituation(
  s: MissionScenario,
  file: string,
  base: MissionParams,
  terrain: ElevationGrid | null,
  root: Rng,
): TargetSituation | null {
  const problems = searchProblems(s, file);
  if (!hasTargetEngagement(s)) return null;
  const T = s.target;
  const plane = localPlane(base.earth.ellipsoid, T.lat_deg, T.lon_deg);
  const motion = motionOf(s, file, plane, problems);
  if (problems.length > 0) throw new ScenarioError(problems);
  const rng = root.stream("target");
  const age = T.intel_age_s ?? 0;
  const track = buildTrack(motion, { north_m: 0, east_m: 0 }, -age, base.maxTime_s, rng);
  // The observation: the truth at −age (the start point) plus the location error.
  const err = drawLocationError(locationError(T.location_error), rng, new Float64Array(2));
  const observed = { north_m: err[0], east_m: err[1] };
  const rule = T.aimpoint ?? "last_known";
  const lastKnown = toGeo(plane, observed.north_m, observed.east_m, new Float64Array(2));
  const lead =
    rule === "predicted"
      ? age + flightTimeEstimate_s(base, { lat_deg: lastKnown[0], lon_deg: lastKnown[1] })
      : 0;
  const aim = plannerAimpoint(motion, observed, rule, lead);
  const aimGeo = toGeo(plane, aim.north_m, aim.east_m, new Float64Array(2));
  const groundAt = (lat: number, lon: number) =>
    T.elevation_m ?? (terrain ? terrain.heightAt(lat, lon) : s.environment.ground_elevation_m);
  const search = s.terminal?.seeker?.search;
  const footprint = search?.pattern === "scan" ? (search.radius_m ?? 0) : 0;
  return {
    aim_lat_deg: aimGeo[0],
    aim_lon_deg: aimGeo[1],
    engagement: (p, cache) =>
      new TargetEngagement({
        motion: motion.kind,
        plane,
        track,
        aim_north_m: aim.north_m,
        aim_east_m: aim.east_m,
        groundAt,
        link: dataLink(s, p, cache, root),
        footprint_m: footprint,
        ellipsoid: p.earth.ellipsoid,
      }),
  };
}

/** The data link of the target block, or null without updates. */
function dataLink(
  s: MissionScenario,
  p: MissionParams,
  cache: ViewshedCache,
  root: Rng,
): DataLink | null {
  const u = s.target.updates;
  if (!u) return null;
  const L = u.link;
  const tx = new Float64Array(3);
  geodeticToEcef(p.earth.ellipsoid, L.lat_deg * RAD_PER_DEG, L.lon_deg * RAD_PER_DEG, L.alt_m, tx);
  const jammers: Jammer[] = L.jammers.map((j) => ({ ...j }));
  const mask =
    jammers.length > 0 ? new TerrainJammerMask(jammers, p.terrain, cache, p.ground_m) : null;
  return new DataLink(
    {
      interval_s: u.interval_s,
      latency_s: u.latency_s,
      errorSigma_m: u.error_sigma_m,
      freq_hz: L.frequency_mhz * 1e6,
      txEcef: tx,
      eirp_dbw: L.eirp_dbw,
      rxGain_dbi: 0,
      jammerGain_dbi: 0,
      jsTolerance_db: L.js_tolerance_db,
    },
    jammers,
    p.earth.ellipsoid,
    root.stream("target-link"),
    mask,
  );
}
