/**
 * What a map of a scenario draws, as plain data in degrees and metres: the points a user can move
 * (each with the path of its `lat_deg`/`lon_deg` in the document), the air-defence sites with
 * their engagement and detection ranges, the GNSS jammers with the range inside which they break
 * the receiver's lock, the no-fly areas and the terrain's extent. The web app's map and its
 * editing come from this; nothing here runs a flight.
 *
 * Detection range: the radar range equation for a Swerling-1 target at Pd 0.5 per look
 * (threats/radar.ts, Skolnik) against the missile's mean RCS. Jamming range: free-space J/S
 * (navigation/gnss.ts, Kaplan and Hegarty) reaching the receiver's loss-of-lock tolerance, line of
 * sight assumed; terrain masking shortens both in the run.
 */

import {
  chipRate,
  DEFAULT_RECEIVER,
  GPS_L1_HZ,
  GPS_SIGNAL_DBW,
  jsTolerance_db,
} from "../navigation/gnss.js";
import type { MissionScenario } from "../scenario/mission-schema.js";
import type { SalvoScenario } from "../scenario/salvo-schema.js";
import type { Scenario } from "../scenario/schema.js";
import { rangeForPd } from "../threats/radar.js";
import { NOTIONAL_STEALTHY_RCS, type RcsTable } from "../threats/rcs.js";
import type { MapFeatures, MapPoint, MapRing } from "./map-types.js";
import { airDefenceParamsFromScenario, jammersFromScenario } from "./world.js";

export type { MapFeatures, MapPoint, MapRing } from "./map-types.js";

/** Mean of an RCS table, m² (the detection ring is a guide; the run uses the aspect). */
function meanRcs(t: RcsTable): number {
  let s = 0;
  let n = 0;
  for (const row of t.dbsm)
    for (const v of row) {
      s += 10 ** (v / 10);
      n++;
    }
  return n > 0 ? s / n : 1;
}

/** Free-space range (m) at which a jammer of eirp_dbw breaks the default receiver's tracking. */
export function jammingRange_m(eirp_dbw: number, gain_dbi = 0): number {
  const r = DEFAULT_RECEIVER;
  const tol = jsTolerance_db(
    r.cn0_nominal_dbhz,
    r.track_threshold_dbhz,
    r.q_factor,
    chipRate(r.code),
  );
  // J/S = EIRP − FSL(R) + G − S  ⇒  FSL(R) = EIRP + G − S − tol.
  const fsl = eirp_dbw + gain_dbi - GPS_SIGNAL_DBW - tol;
  return (10 ** (fsl / 20) * 299_792_458) / (4 * Math.PI * GPS_L1_HZ);
}

function mission(s: MissionScenario): MapFeatures {
  const points: MapPoint[] = [];
  const rings: MapRing[] = [];
  points.push({
    role: "launch",
    name: `release (${s.launch.platform})`,
    lat_deg: s.launch.lat_deg,
    lon_deg: s.launch.lon_deg,
    path: ["launch"],
  });
  const route = [0];
  (s.route?.waypoints ?? []).forEach((w, i) => {
    route.push(points.length);
    points.push({
      role: "waypoint",
      name: w.name ?? `waypoint ${i + 1}`,
      lat_deg: w.lat_deg,
      lon_deg: w.lon_deg,
      path: ["route", "waypoints", i],
    });
  });
  route.push(points.length);
  points.push({
    role: "target",
    name: s.target.name ?? "target",
    lat_deg: s.target.lat_deg,
    lon_deg: s.target.lon_deg,
    path: ["target"],
  });
  defence(s, points, rings);
  const cruise = s.route?.cruise;
  return {
    kind: "mission",
    points,
    rings,
    routes: s.route?.waypoints ? [route] : [[0, route[route.length - 1]]],
    noFly: noFly(s.planning?.no_fly),
    terrain: terrainBox(s),
    cruise: cruiseOf(cruise),
  };
}

function salvo(s: SalvoScenario): MapFeatures {
  const points: MapPoint[] = [];
  const rings: MapRing[] = [];
  const aircraft = new Map<string, number>();
  s.aircraft.forEach((a, i) => {
    // An `auto` aircraft has no point until its launch region is computed.
    if (a.lat_deg === undefined || a.lon_deg === undefined) return;
    aircraft.set(a.name, points.length);
    points.push({
      role: "aircraft",
      name: a.name,
      lat_deg: a.lat_deg,
      lon_deg: a.lon_deg,
      path: ["aircraft", i],
    });
  });
  const routes: number[][] = [];
  const targets = new Map<string, number>();
  s.missiles.forEach((m, i) => {
    const key = `${m.target.lat_deg},${m.target.lon_deg}`;
    let t = targets.get(key);
    if (t === undefined) {
      t = points.length;
      targets.set(key, t);
      points.push({
        role: "target",
        name: m.target.name ?? `target of ${m.name}`,
        lat_deg: m.target.lat_deg,
        lon_deg: m.target.lon_deg,
        path: ["missiles", i, "target"],
      });
    }
    const a = aircraft.get(m.aircraft);
    if (a !== undefined) routes.push([a, t]);
  });
  defence(s, points, rings);
  return {
    kind: "salvo",
    points,
    rings,
    routes,
    noFly: noFly(s.planning?.no_fly),
    terrain: terrainBox(s),
    cruise: cruiseOf(s.cruise),
  };
}

function cruiseOf(
  c: { alt_m?: number | undefined; alt_ref?: "msl" | "agl" | undefined } | undefined,
): MapFeatures["cruise"] {
  return c?.alt_m === undefined ? null : { alt_m: c.alt_m, ref: c.alt_ref ?? "msl" };
}

function defence(s: MissionScenario | SalvoScenario, points: MapPoint[], rings: MapRing[]): void {
  const ad = airDefenceParamsFromScenario(s);
  const rcs = meanRcs(ad?.rcs ?? NOTIONAL_STEALTHY_RCS);
  ad?.searchRadars.forEach((r, i) => {
    const p = points.length;
    points.push({
      role: "radar",
      name: r.name,
      lat_deg: r.lat_deg,
      lon_deg: r.lon_deg,
      path: ["air_defence", "search_radars", i],
    });
    rings.push({
      point: p,
      kind: "detection",
      radius_m: rangeForPd(r.radar, rcs, 0.5),
      mast_m: r.radar.mast_m,
    });
  });
  ad?.sams.forEach((site, i) => {
    const p = points.length;
    points.push({
      role: "sam",
      name: site.name,
      lat_deg: site.lat_deg,
      lon_deg: site.lon_deg,
      path: ["air_defence", "sites", i],
    });
    const e = site.params.envelope;
    rings.push({
      point: p,
      kind: "engagement",
      radius_m: e.max_range_m,
      inner_m: e.min_range_m,
      min_alt_m: e.min_alt_m,
      max_alt_m: e.max_alt_m,
    });
    rings.push({
      point: p,
      kind: "detection",
      radius_m: rangeForPd(site.params.radar, rcs, 0.5),
      mast_m: site.params.radar.mast_m,
    });
    const j = s.air_defence?.sites[i]?.gnss_jammer;
    if (j) {
      rings.push({
        point: p,
        kind: "jamming",
        radius_m: jammingRange_m(j.eirp_dbw ?? 10 * Math.log10(j.eirp_w ?? 1)),
        mast_m: j.mast_m,
      });
    }
  });
  // Free-standing jammers (those carried by sites are rings of their site above).
  const free = jammersFromScenario({ environment: s.environment, air_defence: undefined }, null);
  free.forEach((j, i) => {
    const p = points.length;
    points.push({
      role: "jammer",
      name: j.name,
      lat_deg: j.lat_deg,
      lon_deg: j.lon_deg,
      path: ["environment", "jammers", i],
    });
    rings.push({
      point: p,
      kind: "jamming",
      radius_m: jammingRange_m(j.eirp_dbw),
      antennaAlt_m: j.alt_m,
    });
  });
}

function noFly(
  areas: readonly { name?: string; polygon: readonly (readonly number[])[] }[] | undefined,
): MapFeatures["noFly"] {
  return (areas ?? []).map((a, i) => ({
    name: a.name ?? `no-fly area ${i + 1}`,
    ring: a.polygon.map((p) => [p[0], p[1]] as [number, number]),
  }));
}

function terrainBox(s: MissionScenario | SalvoScenario): MapFeatures["terrain"] {
  const t = s.environment.terrain;
  if (t?.kind !== "synthetic") return null;
  return {
    south: t.south_deg,
    west: t.west_deg,
    north: t.south_deg + t.size_deg,
    east: t.west_deg + t.size_deg,
  };
}

/** What a map of a validated scenario draws (a body scenario: its start point only). */
export function mapFeatures(s: Scenario): MapFeatures {
  if (s.kind === "mission") return mission(s);
  if (s.kind === "salvo") return salvo(s);
  return {
    kind: "body",
    points: [],
    rings: [],
    routes: [],
    noFly: [],
    terrain: null,
    cruise: null,
  };
}
