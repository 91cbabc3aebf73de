/**
 * The salvo's report.html: the map input (terrain, the defence's sites and rings, every flyer's
 * track coloured by its fate, the kill and arrival points) and the page (report/salvo-report.ts),
 * written at the top of the salvo's output folder.
 */

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { thinSampleIndices } from "../core/thin-samples.js";
import type { SalvoEngagementView } from "../engine/salvo-report-data.js";
import type { AircraftFlight } from "../mission/aircraft-flight.js";
import type { MissionParams } from "../mission/mission-params.js";
import type { MissionResult } from "../mission/mission-result.js";
import type { MapEvent, TerrainMapInput } from "../report/map-input.js";
import { FATE_STYLES, renderSalvoReport } from "../report/salvo-report.js";
import type { AirDefenceParams } from "../threats/defence-types.js";
import { defenceMapSites } from "./mission-map.js";

/** One member's flight as the report needs it. */
export interface SalvoReportFlight {
  readonly params: MissionParams;
  readonly result: Pick<MissionResult, "samples">;
}

/** What the writer needs beyond the engagement view. */
export interface SalvoReportInput {
  readonly title: string;
  readonly generator: string;
  readonly scenarioFile: string;
  /** The members in the view's order. */
  readonly flights: readonly SalvoReportFlight[];
  readonly aircraft: readonly AircraftFlight[];
  readonly defence: AirDefenceParams | null;
  readonly limitations: readonly string[];
}

/** Every second row at most MAX rows, for the map (its lines need no more). */
const MAX_TRACK_POINTS = 1500;

/** The map: terrain, sites and rings, each flyer's track by fate, kills and arrivals marked. */
export function salvoMapInput(input: SalvoReportInput, view: SalvoEngagementView): TerrainMapInput {
  const tracks: NonNullable<TerrainMapInput["extraTracks"]>[number][] = [];
  const events: MapEvent[] = [];
  const mark = (kind: string, lat: number, lon: number, t: number, text: string) => {
    if (Number.isFinite(lat) && Number.isFinite(lon))
      events.push({ kind, lat_deg: lat, lon_deg: lon, t_s: t, label: text });
  };
  input.flights.forEach((f, k) => {
    const row = view.flyers[k];
    const s = f.result.samples;
    const rows = thinSampleIndices(s, MAX_TRACK_POINTS);
    const lat = s.column("lat_deg");
    const lon = s.column("lon_deg");
    const st = FATE_STYLES[row.fate];
    tracks.push({
      label: `${row.name} (${row.kind}): ${row.fate}`,
      legend: row.fate,
      color: st.color,
      dashed: st.dashed,
      lat_deg: rows.map((i) => lat[i]),
      lon_deg: rows.map((i) => lon[i]),
    });
    const n = s.length;
    if (n === 0) return;
    const t = row.at_s ?? 0;
    if (row.fate === "killed")
      mark("kill", lat[n - 1], lon[n - 1], t, `${row.name} shot down by ${row.by}`);
    else if (row.fate === "arrived")
      mark("arrived", lat[n - 1], lon[n - 1], t, `${row.name} arrived`);
    else if (row.fate === "leaked, missed")
      mark(
        "leaked, missed",
        lat[n - 1],
        lon[n - 1],
        t,
        `${row.name} leaked but missed (${row.outcome})`,
      );
  });
  input.aircraft.forEach((a, j) => {
    const row = view.flyers[input.flights.length + j];
    const st = FATE_STYLES[row.fate];
    tracks.push({
      label: `${a.name} (${a.platform}): ${row.fate}`,
      legend: row.fate,
      color: st.color,
      dashed: st.dashed,
      lat_deg: a.samples.map((p) => p.lat_deg),
      lon_deg: a.samples.map((p) => p.lon_deg),
    });
    const last = a.samples.at(-1);
    if (a.fate === "killed" && last)
      mark(
        "kill",
        last.lat_deg,
        last.lon_deg,
        row.at_s ?? last.t_s,
        `${a.name} shot down by ${a.killed_by}`,
      );
  });
  const points = new Map<string, { name: string; lat_deg: number; lon_deg: number }>();
  for (const f of input.flights) {
    const a = f.params.aimpoint;
    if (!a) continue;
    const name = a.name ?? "aimpoint";
    points.set(`${name}|${a.lat_deg}|${a.lon_deg}`, {
      name,
      lat_deg: a.lat_deg,
      lon_deg: a.lon_deg,
    });
  }
  return {
    terrain: input.flights[0]?.params.terrain ?? null,
    track: { lat_deg: [], lon_deg: [] },
    sites: defenceMapSites(input.defence),
    events,
    points: [...points.values()],
    extraTracks: tracks,
  };
}

/** Radius of the target-area map round the first aimpoint, m (a point defence's rings and more). */
const TARGET_AREA_M = 25_000;

/** Ground distance (m) between two nearby points, equirectangular. */
function nearby_m(lat0: number, lon0: number, lat1: number, lon1: number): number {
  const k = Math.cos((((lat0 + lat1) / 2) * Math.PI) / 180);
  return Math.hypot(lat1 - lat0, (lon1 - lon0) * k) * 111_195;
}

/**
 * The map zoomed on the target area: only the sites, track points, marks and aimpoints within
 * TARGET_AREA_M of the first aimpoint; null without an aimpoint or a site there.
 */
export function targetAreaMapInput(map: TerrainMapInput): TerrainMapInput | null {
  const aim = map.points[0];
  if (!aim) return null;
  const near = (lat: number, lon: number) =>
    nearby_m(aim.lat_deg, aim.lon_deg, lat, lon) <= TARGET_AREA_M;
  const sites = map.sites.filter((s) => near(s.lat_deg, s.lon_deg));
  if (sites.length === 0) return null;
  return {
    ...map,
    sites,
    events: map.events.filter((e) => near(e.lat_deg, e.lon_deg)),
    points: map.points.filter((p) => near(p.lat_deg, p.lon_deg)),
    extraTracks: (map.extraTracks ?? []).map((t) => {
      const lat = Array.from(t.lat_deg);
      const lon = Array.from(t.lon_deg);
      const keep = lat.map((la, i) => near(la, lon[i]));
      return {
        ...t,
        lat_deg: lat.map((la, i) => (keep[i] ? la : Number.NaN)),
        lon_deg: lon.map((lo, i) => (keep[i] ? lo : Number.NaN)),
      };
    }),
  };
}

/** Write dir/report.html for the salvo; returns its path. */
export function writeSalvoReport(
  dir: string,
  input: SalvoReportInput,
  view: SalvoEngagementView,
): string {
  const map = salvoMapInput(input, view);
  const html = renderSalvoReport({
    title: input.title,
    generator: input.generator,
    scenarioFile: input.scenarioFile,
    map,
    targetMap: targetAreaMapInput(map),
    flyers: view.flyers,
    sites: view.sites,
    end_s: view.end_s,
    limitations: input.limitations,
  });
  const path = join(dir, "report.html");
  writeFileSync(path, html);
  return path;
}
