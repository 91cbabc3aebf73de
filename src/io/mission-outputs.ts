/**
 * Writing a finished mission to a folder: trajectory.csv, events.json, summary.json,
 * trajectory.geojson (QGIS), trajectory.czml (CesiumJS) and report.html.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { MissionParams } from "../mission/mission-params.js";
import type { MissionResult, MissionSummary } from "../mission/simulate.js";
import type { TargetOutcome } from "../mission/target-engagement.js";
import { GNSS_STATE_NAMES } from "../navigation/navigation.js";
import type { NoFlyArea } from "../planning/no-fly.js";
import { renderReport } from "../report/html-report.js";
import { type ModelledRun, missionLimitations } from "../report/limitations.js";
import type { MissionReportInput, SummaryItem } from "../report/report-data.js";
import type { ViewshedCache } from "../terrain/site-visibility.js";
import type { AirDefenceParams } from "../threats/air-defence.js";
import { tableToCsv } from "./csv.js";
import { czmlText, trajectoryToCzml } from "./czml.js";
import { geoJsonText, trajectoryToGeoJson } from "./geojson.js";
import { missionMapInput } from "./mission-map.js";
import { defenceSites, missionPoints, plannedRoutePoints } from "./mission-points.js";
import { targetMapInput } from "./target-map.js";

/** What the map needs beyond the run: the air defence and the viewsheds the run computed. */
export interface MissionWorld {
  readonly defence: AirDefenceParams | null;
  readonly viewsheds: ViewshedCache | null;
  /** No-fly areas, drawn on the map. */
  readonly noFly?: readonly NoFlyArea[];
  /** How the route was planned, when it was (summary.json `route` and the report's summary). */
  readonly route?: PlannedRouteNote;
  /** Launch time after the scenario's time zero, s (a salvo's missile; default 0): CZML times. */
  readonly launch_s?: number;
  /** What the scenario modelled (modelledRunOf), for the limitations; absent: read from the run. */
  readonly modelled?: ModelledRun;
  /** The launch aircraft's release and exposure (plain data, summary.json `aircraft`), if given. */
  readonly aircraft?: object;
}

/** A planned route's headline figures, for summaries. */
export interface PlannedRouteNote {
  readonly waypoints: number;
  /** Geodesic length of the planned legs, km. */
  readonly length_km: number;
  /** Planned ∫λ dt (expected detections at the planning height) and exp(−that). */
  readonly exposure: number;
  readonly p_undetected: number;
  /** The same for the straight line from release to the target. */
  readonly straight_length_km: number;
  readonly straight_exposure: number;
  /** Planned cruise fuel and the reserve the plan keeps, kg. */
  readonly fuel_kg: number;
  readonly reserve_kg: number;
}

/** Summary figures that describe an impact, so exist only for a flight that reached the ground. */
const IMPACT_FIGURES = [
  "miss_m",
  "impact_speed_mps",
  "impact_angle_deg",
  "impact_lat_deg",
  "impact_lon_deg",
  "p_damage",
] as const;

/** A mission summary as the outputs report it: impact figures null unless there was an impact. */
export type ReportedMissionSummary = Omit<MissionSummary, (typeof IMPACT_FIGURES)[number]> & {
  readonly [K in (typeof IMPACT_FIGURES)[number]]: number | null;
};

/**
 * The summary every output (CLI text and --json, summary.json, report.html, salvo.json) reports:
 * a flight that was shot down, ran out of time or failed has no impact, so no miss distance,
 * impact speed, angle, point or P(damage) — the end of its flight is not an impact.
 */
export function reportedMissionSummary(s: MissionSummary): ReportedMissionSummary {
  if (s.status === "ground_impact") return s;
  const out: Record<string, unknown> = { ...s };
  for (const k of IMPACT_FIGURES) out[k] = null;
  return out as ReportedMissionSummary;
}

/** Summary lines about a moving or uncertain target. */
function targetItems(t: TargetOutcome): SummaryItem[] {
  return [
    { label: "target motion", value: t.motion },
    ...(t.acquired === null
      ? []
      : [{ label: "target acquired", value: t.acquired ? "yes" : "no (target_not_acquired)" }]),
    ...(t.acquisition
      ? [
          {
            label: "believed position error at acquisition",
            value: t.acquisition.believed_error_m,
            unit: "m",
          },
        ]
      : []),
    ...(t.miss_m === null
      ? []
      : [{ label: "miss from the true target", value: t.miss_m, unit: "m" }]),
    {
      label: "target updates received / lost",
      value: `${t.updates_received} / ${t.updates_lost}`,
    },
  ];
}

/** The report and map writers' input for a mission run. */
export function missionReportInput(
  file: string,
  p: MissionParams,
  r: MissionResult,
  generator: string,
  world: MissionWorld = { defence: null, viewsheds: null },
): MissionReportInput {
  const map = missionMapInput(p, r, world.defence, world.viewsheds, world.noFly ?? []);
  const targetMap = targetMapInput(p, r);
  const rt = world.route;
  const s = reportedMissionSummary(r.summary);
  const summary: SummaryItem[] = [
    { label: "outcome", value: r.outcome.message || r.outcome.status },
    { label: "missile", value: p.missile.name },
    ...(rt
      ? [
          {
            label: "route",
            value: `planned: ${rt.waypoints} waypoint${rt.waypoints === 1 ? "" : "s"}, ${rt.length_km.toFixed(1)} km, exposure ${formatExposure(rt.exposure)} (straight line ${formatExposure(rt.straight_exposure)})`,
          },
        ]
      : []),
    { label: "flight time", value: s.flight_time_s, unit: "s" },
    { label: "ground distance flown", value: s.ground_distance_m / 1000, unit: "km" },
    { label: "range (release to end)", value: s.range_m / 1000, unit: "km" },
    { label: "fuel used", value: s.fuel_used_kg, unit: "kg" },
    { label: "fuel left", value: s.fuel_left_kg, unit: "kg" },
    ...impactItems(s),
    { label: "GNSS outage", value: s.gnss_outage_s, unit: "s" },
    {
      label: "navigation error at the end (horizontal)",
      value: s.nav_error_horizontal_m,
      unit: "m",
    },
    { label: "navigation error at the end (vertical)", value: s.nav_error_vertical_m, unit: "m" },
    ...(s.min_clearance_m === null
      ? []
      : [
          {
            label: "lowest height above the ground (midcourse)",
            value: s.min_clearance_m,
            unit: "m",
          },
        ]),
    ...(s.seeker_at_impact === "no seeker"
      ? []
      : [
          {
            label: "seeker first lock",
            value:
              s.seeker_lock_s === null || s.seeker_lock_range_m === null
                ? "never"
                : `${s.seeker_lock_s.toFixed(1)} s, ${(s.seeker_lock_range_m / 1000).toFixed(2)} km from the target`,
          },
          { label: "seeker at impact", value: s.seeker_at_impact },
        ]),
    ...(s.p_damage === null ? [] : [{ label: "P(damage)", value: s.p_damage }]),
    ...(r.summary.target ? targetItems(r.summary.target) : []),
    ...(s.threats.length === 0
      ? []
      : [{ label: "shot down by", value: s.killed_by ?? "none: survived the air defence" }]),
    ...s.threats.map((t) => ({
      label: `${t.name}: in sight / single-look Pd ≥ 0.5 / in track / shots`,
      value: `${t.exposure_s.toFixed(1)} s / ${t.detectable_s.toFixed(1)} s / ${t.tracked_s.toFixed(1)} s / ${t.shots} (${t.outcome})`,
    })),
  ];
  return {
    title: p.name,
    scenarioFile: basename(file),
    generator,
    samples: r.samples,
    phaseNames: r.phaseNames,
    events: r.events,
    summary,
    // Named as in the scenario, heights geodetic (above the terrain where the route is AGL).
    ...missionPoints(p, r),
    limitations: missionLimitations(world.modelled ?? modelledFromRun(p, r, world)),
    ...(map ? { map } : {}),
    ...(targetMap ? { targetMap } : {}),
  };
}

/**
 * What a run modelled, read from its inputs and outputs when the caller did not say: the number
 * of jammers and the weather are not in them, so the limitations speak of those in general.
 */
export function modelledFromRun(
  p: MissionParams,
  r: MissionResult,
  world: MissionWorld,
): ModelledRun {
  const s = r.samples;
  // A perfect navigator's estimate is the truth; any other leaves an error somewhere.
  const navErr = (c: string) => s.has(c) && s.column(c).some((v) => v !== 0);
  const gnssIns = r.summary.gnss_outage_s > 0 || navErr("nav_err_n_m") || navErr("nav_err_d_m");
  return {
    terrain: p.terrain !== null,
    wind: p.earth.wind.kind !== "calm",
    navigation: gnssIns ? "gnss_ins" : "perfect",
    searchRadars: world.defence?.searchRadars.length ?? 0,
    samSites: world.defence?.sams.length ?? 0,
    seeker: r.summary.seeker_at_impact !== "no seeker",
  };
}

/** Write every mission output into dir; returns the paths written. */
export function writeMissionOutputs(
  dir: string,
  file: string,
  p: MissionParams,
  r: MissionResult,
  generator: string,
  world: MissionWorld = { defence: null, viewsheds: null },
): string[] {
  mkdirSync(dir, { recursive: true });
  const input = missionReportInput(file, p, r, generator, world);
  const out: Array<[string, string]> = [
    [
      "trajectory.csv",
      tableToCsv(r.samples, { phase: r.phaseNames, gnss_state: GNSS_STATE_NAMES }),
    ],
    ["events.json", `${JSON.stringify({ outcome: r.outcome, events: r.events }, null, 2)}\n`],
    [
      "summary.json",
      `${JSON.stringify({ name: p.name, missile: p.missile.name, ...reportedMissionSummary(r.summary), outcome: r.outcome, route: routeSummary(p, world.route), ...(world.aircraft ? { aircraft: world.aircraft } : {}) }, null, 2)}\n`,
    ],
    ["trajectory.geojson", geoJsonText(trajectoryToGeoJson(input))],
    [
      "trajectory.czml",
      czmlText(
        trajectoryToCzml(input, {
          launch_s: world.launch_s ?? 0,
          route: plannedRoutePoints(p),
          sites: defenceSites(p, world.defence),
        }),
      ),
    ],
    ["report.html", renderReport(input)],
  ];
  return out.map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
}

/** The report's impact rows: miss, speed and angle of an impact, or one row saying there was none. */
function impactItems(s: ReportedMissionSummary): SummaryItem[] {
  if (s.impact_speed_mps === null || s.impact_angle_deg === null) {
    return [{ label: "impact", value: "none: the flight did not reach the ground" }];
  }
  return [
    ...(s.miss_m === null ? [] : [{ label: "miss distance", value: s.miss_m, unit: "m" }]),
    { label: "impact speed", value: s.impact_speed_mps, unit: "m/s" },
    { label: "impact angle", value: s.impact_angle_deg, unit: "deg" },
  ];
}

/** Expected detections for people: two decimals, whole numbers from 100 up. */
export function formatExposure(x: number): string {
  return x >= 100 ? x.toFixed(0) : x.toFixed(2);
}

/** summary.json's `route`: whether the route was planned, and the plan's figures when it was. */
function routeSummary(
  p: MissionParams,
  note: PlannedRouteNote | undefined,
): Record<string, unknown> {
  return note ? { planned: true, ...note } : { planned: false, waypoints: p.waypoints.length };
}
