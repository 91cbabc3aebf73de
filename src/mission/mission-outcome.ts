/**
 * The end of a flight: how it ended in words, the impact event, and the summary of headline
 * numbers, all read from the last sample row and the parts the loop leaves behind. Runs once per
 * flight, after the step loop.
 */

import type { SampleTable } from "../core/sample-table.js";
import type { AirData } from "../dynamics/air-data.js";
import type { RunOutcome } from "../dynamics/run-result.js";
import { geodesicInverse } from "../earth/geodesic.js";
import { type CarletonParams, damageAtImpact } from "../effects/damage.js";
import type { RoutePath } from "../guidance/route-path.js";
import type { Navigator } from "../navigation/navigation.js";
import type { SiteSummary } from "../threats/air-defence.js";
import type { MissileForces } from "../vehicle/missile-forces.js";
import type { MissionEvents } from "./mission-events.js";
import { truthRelativeNed } from "./mission-geometry.js";
import type { MissionStatus } from "./mission-observer.js";
import type { MissionParams } from "./mission-params.js";
import type { MissionResult, TerminalSensor } from "./mission-result.js";
import { PHASE_NAMES } from "./phases.js";
import type { TargetEngagement, TargetOutcome } from "./target-engagement.js";
import type { TerminalPhase } from "./terminal-phase.js";

/** What the step loop leaves behind for the outcome and summary. */
export interface FlightEnd {
  readonly p: MissionParams;
  readonly navigator: Navigator;
  /** What each air-defence site did about this flyer (empty without a defence). */
  readonly threats: readonly SiteSummary[];
  readonly sensor: TerminalSensor | null;
  readonly damage: CarletonParams | null;
  /** Null without an aimpoint. */
  readonly terminal: TerminalPhase | null;
  /** Air data at the end of the flight. */
  readonly truth: AirData;
  readonly forces: MissileForces;
  /** The final state vector. */
  readonly x: Float64Array;
  readonly samples: SampleTable;
  readonly events: MissionEvents;
  readonly path: RoutePath;
  /** Status as of the last sample (its navigation error is the summary's). */
  readonly status: MissionStatus;
  /** The last sample row (MISSION_COLUMNS). */
  readonly row: Float64Array;
  /** How the loop stopped; null when it ran out of time. */
  readonly outcome: RunOutcome | null;
  /** End of the flight, s. */
  readonly tEnd_s: number;
  readonly phase: number;
  readonly groundDist_m: number;
  /** Time the fuel ran out, s, or null. */
  readonly fuelOut_s: number | null;
  readonly killedBy: string | null;
  /** Smallest midcourse clearance, m (+∞ if midcourse never began). */
  readonly minClearance_m: number;
}

/** Complete a flight: final outcome (with its message), the impact event and the summary. */
export function missionResult(end: FlightEnd): MissionResult {
  const { p, sensor, terminal, row, tEnd_s: tEnd, status } = end;
  const aimSpec = p.aimpoint;
  const rel = p.release;
  let outcome = end.outcome;
  const threatSummary = end.threats;
  const impactLat = row[1];
  const impactLon = row[2];
  const vn = row[4];
  const ve = row[5];
  const vd = row[6];
  const impactAngle = (Math.atan2(vd, Math.sqrt(vn * vn + ve * ve)) * 180) / Math.PI;
  const speed = Math.sqrt(vn * vn + ve * ve + vd * vd);
  // A missile shot down has no miss distance: it never arrived.
  const miss =
    aimSpec && outcome?.status !== "killed"
      ? geodesicInverse(aimSpec.lat_deg, aimSpec.lon_deg, impactLat, impactLon).distance_m
      : null;
  const range = geodesicInverse(rel.lat_deg, rel.lon_deg, impactLat, impactLon).distance_m;
  const fuelLeft = end.forces.fuelLeft(end.x);
  // Damage: the impact's offset from the aimpoint in the local plane, along the heading at impact.
  let pDamage: number | null = null;
  const engagement = terminal?.engagement ?? null;
  if (end.damage && terminal && outcome?.status === "ground_impact") {
    // Against the true target when it moved or was not known exactly.
    const at = engagement ? engagement.trueEcef(tEnd) : terminal.aim;
    const off = truthRelativeNed(end.truth, at, new Float64Array(3));
    pDamage = damageAtImpact(end.damage, -off[0], -off[1], Math.atan2(ve, vn));
  }
  if (!outcome) {
    outcome = {
      status: "completed",
      t_s: tEnd,
      message: `still flying after the ${p.maxTime_s} s limit (${PHASE_NAMES[end.phase]} phase, ${row[3].toFixed(0)} m)`,
    };
  } else if (outcome.status === "ground_impact") {
    const what = aimSpec
      ? `impact ${miss?.toFixed(2)} m from the aimpoint at ${impactAngle.toFixed(1)}° and ${speed.toFixed(0)} m/s`
      : `reached the ground ${(range / 1000).toFixed(1)} km from release`;
    outcome = { status: "ground_impact", t_s: tEnd, message: `${what}, t = ${tEnd.toFixed(2)} s` };
    if (engagement && sensor && terminal?.lockAt === null) {
      end.events.push({
        t_s: tEnd,
        kind: "target_not_acquired",
        message: `the seeker found nothing in its ${engagement.params.footprint_m > 0 ? `${engagement.params.footprint_m.toFixed(0)} m search footprint` : "field of view"}${terminal.reattack?.used ? ", twice (one re-attack)" : ""}; the missile flew to the aimpoint`,
        data: { lat_deg: impactLat, lon_deg: impactLon, alt_m: row[3] },
      });
    }
    end.events.push({
      t_s: tEnd,
      kind: "impact",
      message: what,
      data: {
        lat_deg: impactLat,
        lon_deg: impactLon,
        alt_m: row[3],
        speed_mps: speed,
        impact_angle_deg: impactAngle,
        ...(miss === null ? {} : { miss_m: miss }),
      },
    });
  }
  return {
    samples: end.samples,
    events: end.events.list,
    outcome,
    path: end.path,
    phaseNames: PHASE_NAMES,
    summary: {
      status: outcome.status === "completed" ? "timeout" : outcome.status,
      flight_time_s: tEnd,
      ground_distance_m: end.groundDist_m,
      range_m: range,
      fuel_used_kg: p.missile.fuel_kg - fuelLeft,
      fuel_left_kg: fuelLeft,
      fuel_exhausted_s: end.fuelOut_s,
      miss_m: miss,
      impact_speed_mps: speed,
      impact_angle_deg: impactAngle,
      impact_lat_deg: impactLat,
      impact_lon_deg: impactLon,
      gnss_outage_s: end.navigator.outageTime_s(),
      nav_error_horizontal_m: Math.hypot(status.navErrN_m, status.navErrE_m),
      nav_error_vertical_m: Math.abs(status.navErrD_m),
      killed_by: end.killedBy,
      threats: threatSummary,
      min_clearance_m: Number.isFinite(end.minClearance_m) ? end.minClearance_m : null,
      seeker_lock_s: terminal ? terminal.lockAt : null,
      seeker_lock_range_m: terminal ? terminal.lockRange : null,
      seeker_at_impact: terminal
        ? terminal.seekerAtImpact()
        : sensor
          ? "never locked"
          : "no seeker",
      p_damage: pDamage,
      ...(engagement && terminal
        ? {
            target: targetOutcome(
              engagement,
              terminal,
              sensor !== null,
              end,
              impactLat,
              impactLon,
              outcome.status,
            ),
          }
        : {}),
    },
  };
}

/** What the flight reports about a moving or uncertain target. */
function targetOutcome(
  e: TargetEngagement,
  terminal: TerminalPhase,
  hasSeeker: boolean,
  end: FlightEnd,
  impactLat: number,
  impactLon: number,
  status: RunOutcome["status"],
): TargetOutcome {
  const g = e.trueGeo(end.tEnd_s);
  const trueLat = g[0];
  const trueLon = g[1];
  return {
    motion: e.params.motion,
    acquired: hasSeeker ? terminal.lockAt !== null : null,
    acquisition: e.acquisition,
    believed_error_m: e.beliefError_m(end.tEnd_s),
    true_lat_deg: trueLat,
    true_lon_deg: trueLon,
    miss_m:
      status === "ground_impact"
        ? geodesicInverse(trueLat, trueLon, impactLat, impactLon).distance_m
        : null,
    updates_received: e.params.link?.received ?? 0,
    updates_lost: e.params.link?.lost ?? 0,
    footprint_radius_m: e.params.footprint_m,
    believed: e.believed,
    track: e.trackPoints(end.tEnd_s),
    road: e.roadPoints(),
  };
}
