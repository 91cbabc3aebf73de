/**
 * A salvo's launch aircraft, flown: each one a point mass (vehicle/aircraft-path.ts) that comes
 * in from its entry point (if given), is at its first release point at its first release, flies
 * on along its heading releasing the rest, then turns 180° at its preset's load factor (away from
 * the SAMs unless told) and flies away. Its members leave from where it is at their launch times.
 */

import { geodesicInverse } from "../earth/geodesic.js";
import type { MissionParams } from "../mission/mission-params.js";
import { type Problem, ScenarioError } from "../scenario/problems.js";
import type { SalvoScenario } from "../scenario/salvo-schema.js";
import type { AirDefenceParams } from "../threats/defence-types.js";
import type { RcsTable } from "../threats/rcs.js";
import { type AircraftPath, aircraftPointAt, ingressPath } from "../vehicle/aircraft-path.js";
import { LAUNCH_AIRCRAFT_PRESETS, levelTurnRate_rad_s } from "../vehicle/launch-aircraft.js";

const DEG = Math.PI / 180;

/** A launch aircraft before its releases are timed: where and how it flies. */
export interface SalvoAircraftSetup {
  readonly name: string;
  readonly platform: string;
  /** Its index in scenario.aircraft. */
  readonly index: number;
  readonly speed_mps: number;
  readonly alt_m: number;
  readonly turnRate_rad_s: number;
  readonly rcs: RcsTable;
  /** Ingress to the first release (path time ≤ 0), or the first release point itself. */
  readonly ingress: AircraftPath;
  /** Ingress duration, s: its earliest first release on the salvo clock. */
  readonly ingress_s: number;
  readonly egressTurn: "left" | "right" | null;
  readonly egressMax_s: number;
}

/** A launch aircraft with its releases timed: its whole path and when path time 0 falls. */
export interface SalvoAircraftPlan extends Omit<SalvoAircraftSetup, "egressTurn"> {
  /** Salvo time of its first release (path time 0), s. */
  readonly firstRelease_s: number;
  /** Path time of its last release, s. */
  readonly lastRelease_s: number;
  /** Start to end of egress: ingress, release leg, egress turn, egress leg. */
  readonly path: AircraftPath;
  readonly egressTurn: "left" | "right";
  /** Indices of the salvo members it releases. */
  readonly members: readonly number[];
}

/** Set up every aircraft of a salvo (params: each member's mission parameters, in member order). */
export function salvoAircraftSetups(
  s: SalvoScenario,
  file: string,
  memberAircraft: readonly string[],
  params: readonly MissionParams[],
): (SalvoAircraftSetup | null)[] {
  return s.aircraft.map((a, j) => {
    const first = memberAircraft.indexOf(a.name);
    // An aircraft that releases nothing has no time to be anywhere: it is not flown.
    if (first < 0) return null;
    const rel = params[first].release;
    const preset = LAUNCH_AIRCRAFT_PRESETS[a.preset];
    const w = levelTurnRate_rad_s(rel.tas_mps, preset.turnLoadFactor);
    const release = {
      lat_deg: rel.lat_deg,
      lon_deg: rel.lon_deg,
      heading_deg: rel.heading_rad / DEG,
    };
    let ingress: AircraftPath = {
      speed_mps: rel.tas_mps,
      alt_m: rel.alt_m,
      lat0_deg: release.lat_deg,
      lon0_deg: release.lon_deg,
      heading0_deg: release.heading_deg,
      t0_s: 0,
      legs: [],
    };
    if (a.entry) {
      const p = ingressPath(release, a.entry, rel.tas_mps, rel.alt_m, w);
      if (!p) {
        const r_km = rel.tas_mps / w / 1000;
        const problem: Problem = {
          file,
          path: `aircraft[${j}].entry`,
          expected: `a point the aircraft reaches with one turn (outside its ${r_km.toFixed(1)} km turn circle at the first release)`,
          got: `${a.entry.lat_deg}, ${a.entry.lon_deg}`,
        };
        throw new ScenarioError([problem]);
      }
      ingress = p;
    }
    return {
      name: a.name,
      platform: a.platform ?? preset.name,
      index: j,
      speed_mps: rel.tas_mps,
      alt_m: rel.alt_m,
      turnRate_rad_s: w,
      rcs: preset.rcs,
      ingress,
      ingress_s: -ingress.t0_s,
      egressTurn: a.egress.turn ?? null,
      egressMax_s: a.egress.max_s,
    };
  });
}

/** The straight release leg from the first release point (path time 0 onward). */
function releaseLeg(a: SalvoAircraftSetup): AircraftPath {
  if (a.ingress.legs.length === 0) return a.ingress;
  const p0 = aircraftPointAt(a.ingress, 0);
  return {
    ...a.ingress,
    lat0_deg: p0.lat_deg,
    lon0_deg: p0.lon_deg,
    heading0_deg: p0.heading_deg,
    t0_s: 0,
    legs: [],
  };
}

/** Where aircraft a is t_s (s) after its first release, on its release leg (degrees). */
export function releasePoint(
  a: SalvoAircraftSetup,
  t_s: number,
): { lat_deg: number; lon_deg: number; heading_deg: number } {
  return aircraftPointAt(releaseLeg(a), t_s);
}

/** Mission parameters released from a given point and heading (degrees). */
export function releasedFrom(
  p: MissionParams,
  at: { lat_deg: number; lon_deg: number; heading_deg: number },
): MissionParams {
  return {
    ...p,
    release: {
      ...p.release,
      lat_deg: at.lat_deg,
      lon_deg: at.lon_deg,
      heading_rad: at.heading_deg * DEG,
    },
  };
}

/** Turn side after the last release: as told, else away from the nearest SAM (right without one). */
function egressSide(
  a: SalvoAircraftSetup,
  at: { lat_deg: number; lon_deg: number; heading_deg: number },
  defence: AirDefenceParams | null,
): "left" | "right" {
  if (a.egressTurn) return a.egressTurn;
  let best = Number.POSITIVE_INFINITY;
  let side: "left" | "right" = "right";
  for (const sam of defence?.sams ?? []) {
    const g = geodesicInverse(at.lat_deg, at.lon_deg, sam.lat_deg, sam.lon_deg);
    if (g.distance_m >= best) continue;
    best = g.distance_m;
    const rel = (((g.azi1_deg - at.heading_deg) % 360) + 360) % 360;
    side = rel > 0 && rel < 180 ? "left" : "right";
  }
  return side;
}

/** The whole path of aircraft a whose releases fall at path times 0 … lastRelease_s (s). */
export function aircraftPlan(
  a: SalvoAircraftSetup,
  firstRelease_s: number,
  lastRelease_s: number,
  members: readonly number[],
  defence: AirDefenceParams | null,
): SalvoAircraftPlan {
  const side = egressSide(a, releasePoint(a, lastRelease_s), defence);
  const w = side === "right" ? a.turnRate_rad_s : -a.turnRate_rad_s;
  const turn_s = Math.PI / a.turnRate_rad_s;
  return {
    ...a,
    egressTurn: side,
    firstRelease_s,
    lastRelease_s,
    members,
    path: {
      ...a.ingress,
      legs: [
        ...a.ingress.legs,
        { duration_s: lastRelease_s, turnRate_rad_s: 0 },
        { duration_s: turn_s, turnRate_rad_s: w },
        { duration_s: Math.max(0, a.egressMax_s - turn_s), turnRate_rad_s: 0 },
      ],
    },
  };
}
