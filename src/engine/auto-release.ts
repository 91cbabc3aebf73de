/**
 * `launch: { auto: true }`: the release point of a mission chosen from its launch acceptability
 * region (engine/lar.ts), and the launch aircraft's own exposure there for the run's summary.
 */

import { geodesicInverse } from "../earth/geodesic.js";
import type { MissionScenario } from "../scenario/mission-schema.js";
import { ScenarioError } from "../scenario/problems.js";
import type { ElevationGrid } from "../terrain/elevation-grid.js";
import type { ViewshedCache } from "../terrain/site-visibility.js";
import { LAUNCH_AIRCRAFT_PRESETS } from "../vehicle/launch-aircraft.js";
import { computeLar, type LarRecommended, type ReachTableCache } from "./lar.js";

/** The launch aircraft at the release: summary.json's `aircraft` block (km, s, degrees). */
export interface AircraftExposure {
  /** Release point chosen ("auto": the region's recommended point) and heading, degrees. */
  readonly release: {
    readonly auto: boolean;
    readonly lat_deg: number;
    readonly lon_deg: number;
    readonly heading_deg: number;
  };
  readonly aircraft: string;
  /** Egress turn side after the release. */
  readonly turn: "left" | "right";
  /** Smallest margin to each SAM envelope along the ingress/egress track, km (as lar.json). */
  readonly threat_margins: readonly {
    readonly site: string;
    readonly margin_km: number | null;
    readonly geometric_margin_km: number;
    readonly seen: boolean;
  }[];
  /** Time in radar detection over ingress and egress, s: in any radar and per radar. */
  readonly time_in_detection_s: number;
  readonly time_in_detection_by_radar_s: readonly { readonly radar: string; readonly s: number }[];
}

function round(x: number, d: number): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

/**
 * A scenario with `launch.auto` resolved: the release at the region's recommended point, heading
 * toward the first leg of its planned route. ScenarioError naming `launch.auto` when the region
 * is empty (with the nearest point that would work). Scenarios without `auto` come back as they are.
 */
export function resolveAutoRelease(
  s: MissionScenario,
  file: string,
  terrain: ElevationGrid | null,
  viewsheds: ViewshedCache,
  reachCache?: ReachTableCache,
): { scenario: MissionScenario; aircraft: AircraftExposure | null } {
  const opts = { viewsheds, ...(reachCache ? { reachCache } : {}) };
  if (!s.launch.auto) {
    // A release given by position: the aircraft's exposure there, when the file asks for a region.
    if (!s.lar) return { scenario: s, aircraft: null };
    const L = s.launch;
    const f = computeLar(s, file, terrain, { ...opts, through: L }).conditions[0].through;
    if (!f) throw new RangeError("the first condition always flies through the given point");
    return {
      scenario: s,
      aircraft: exposure(
        { auto: false, lat_deg: L.lat_deg, lon_deg: L.lon_deg, heading_deg: L.heading_deg },
        LAUNCH_AIRCRAFT_PRESETS[s.lar.aircraft ?? "notional-f16-class"].name,
        f,
      ),
    };
  }
  if (!s.lar) {
    throw new ScenarioError([
      {
        file,
        path: "launch.auto",
        expected: "a `lar` block (the launch region the release point is chosen from)",
        got: "auto: true and no lar block",
      },
    ]);
  }
  const lar = computeLar(s, file, terrain, opts);
  const c = lar.conditions[0];
  const rec = c.recommended;
  if (!rec) {
    const n = c.empty?.nearest;
    throw new ScenarioError([
      {
        file,
        path: "launch.auto",
        expected: "a non-empty launch acceptability region to release from",
        got: `an empty region: ${c.empty?.reason ?? "no acceptable point"}${n ? `; nearest point that would work: ${n.lat_deg.toFixed(4)}, ${n.lon_deg.toFixed(4)}` : ""}`,
      },
    ]);
  }
  const heading_deg = releaseHeading_deg(rec, rec.route, s.target);
  const scenario: MissionScenario = {
    ...s,
    launch: { ...s.launch, lat_deg: rec.lat_deg, lon_deg: rec.lon_deg, heading_deg },
  };
  return {
    scenario,
    aircraft: exposure(
      { auto: true, lat_deg: rec.lat_deg, lon_deg: rec.lon_deg, heading_deg },
      lar.aircraft.name,
      rec,
    ),
  };
}

/** Release heading toward the first leg of a planned route, else straight at the target, degrees. */
export function releaseHeading_deg(
  at: { readonly lat_deg: number; readonly lon_deg: number },
  route: readonly { readonly lat_deg: number; readonly lon_deg: number }[],
  target: { readonly lat_deg: number; readonly lon_deg: number },
): number {
  const next = route.length >= 2 ? route[1] : target;
  const az = geodesicInverse(at.lat_deg, at.lon_deg, next.lat_deg, next.lon_deg).azi1_deg;
  return round((az + 360) % 360, 3);
}

/** summary.json's `aircraft` block from a flight through the release (lar.json's rounding). */
export function exposure(
  release: AircraftExposure["release"],
  aircraft: string,
  f: Pick<LarRecommended, "turn" | "margins" | "detection">,
): AircraftExposure {
  return {
    release: {
      auto: release.auto,
      lat_deg: round(release.lat_deg, 6),
      lon_deg: round(release.lon_deg, 6),
      heading_deg: release.heading_deg,
    },
    aircraft,
    turn: f.turn,
    threat_margins: f.margins.map((m) => ({
      site: m.name,
      margin_km: m.visibleMargin_m === null ? null : round(m.visibleMargin_m / 1000, 1),
      geometric_margin_km: round(m.geometricMargin_m / 1000, 1),
      seen: m.visibleMargin_m !== null,
    })),
    time_in_detection_s: round(f.detection.any_s, 1),
    time_in_detection_by_radar_s: f.detection.perRadar.map((d) => ({
      radar: d.name,
      s: round(d.detectable_s, 1),
    })),
  };
}
