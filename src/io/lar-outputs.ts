/**
 * What `standoff lar` writes and prints: lar.geojson (per release condition the missile-reach,
 * aircraft-safe and acceptable regions as MultiPolygons, the recommended, nearest and farthest
 * release points, the target, the entry point and the recommended flight), lar.json (the summary)
 * and lar.html (tables and maps), all from the engine's plain result.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { M_PER_FT } from "../core/units.js";
import type { LarConditionResult, LarPoint, LarResult, LonLatPolygon } from "../engine/lar.js";
import { LAR_COLORS, type LarReportInput, renderLarReport } from "../report/lar-report.js";
import type { TerrainMapInput } from "../report/terrain-map.js";

const km = (m: number, d = 1) => Number((m / 1000).toFixed(d));
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

function pointJson(p: LarPoint | null): Record<string, number> | null {
  if (!p) return null;
  return {
    lat_deg: r6(p.lat_deg),
    lon_deg: r6(p.lon_deg),
    distance_km: km(p.distance_m),
    route_km: km(p.routeLength_m),
    usable_range_km: km(p.usable_m),
  };
}

/** The label of a release condition, e.g. "25,000 ft (7,620 m), Mach 0.80". */
export function conditionLabel(c: Pick<LarConditionResult, "alt_m" | "mach">): string {
  const ft = Math.round(c.alt_m / M_PER_FT).toLocaleString("en-US");
  return `${ft} ft (${Math.round(c.alt_m).toLocaleString("en-US")} m), Mach ${c.mach.toFixed(2)}`;
}

/** lar.json: per condition the region's figures, SI converted to km and s. */
export function larSummary(r: LarResult): Record<string, unknown> {
  return {
    scenario: r.name,
    missile: r.missile,
    aircraft: r.aircraft.name,
    target: r.target,
    entry: r.entry,
    cruise: r.cruise,
    reserve_fraction: r.reserveFraction,
    margin_km: km(r.margin_m),
    cell_km: km(r.cell_m, 3),
    conditions: r.conditions.map((c) => ({
      alt_m: Math.round(c.alt_m),
      mach: Number(c.mach.toFixed(3)),
      tas_mps: Number(c.tas_mps.toFixed(1)),
      reach_km: { min: km(Math.min(...c.reach.range_m)), max: km(Math.max(...c.reach.range_m)) },
      usable_range_km: { min: km(c.usableMin_m), max: km(c.usableMax_m) },
      min_engagement_km: km(c.minDistance_m),
      aircraft_turn_radius_km: km(c.turnRadius_m, 2),
      area_km2: {
        missile_reach: Math.round(c.area_m2.missile / 1e6),
        aircraft_safe: Math.round(c.area_m2.aircraft / 1e6),
        acceptable: Math.round(c.area_m2.acceptable / 1e6),
      },
      nearest: pointJson(c.nearest),
      farthest: pointJson(c.farthest),
      recommended: c.recommended
        ? {
            ...pointJson(c.recommended),
            depth_km: km(c.recommended.depth_m),
            egress_turn: c.recommended.turn,
            threat_margins: c.recommended.margins.map((m) => ({
              site: m.name,
              margin_km: m.visibleMargin_m === null ? null : km(m.visibleMargin_m),
              geometric_margin_km: km(m.geometricMargin_m),
              seen: m.visibleMargin_m !== null,
            })),
            time_in_detection_s: Number(c.recommended.detection.any_s.toFixed(1)),
            time_in_detection_by_radar_s: c.recommended.detection.perRadar.map((d) => ({
              radar: d.name,
              s: Number(d.detectable_s.toFixed(1)),
            })),
          }
        : null,
      empty: c.empty ? { reason: c.empty.reason, nearest: pointJson(c.empty.nearest) } : null,
    })),
  };
}

function multiPolygon(polys: readonly LonLatPolygon[]) {
  return { type: "MultiPolygon", coordinates: polys };
}

/** lar.geojson. */
export function larGeoJson(r: LarResult, generator: string): Record<string, unknown> {
  const features: Record<string, unknown>[] = [];
  const pt = (lat: number, lon: number) => ({ type: "Point", coordinates: [r6(lon), r6(lat)] });
  r.conditions.forEach((c, i) => {
    const base = { condition: i, alt_m: Math.round(c.alt_m), mach: Number(c.mach.toFixed(3)) };
    for (const [role, polys, area] of [
      ["missile_reach", c.polygons.missile, c.area_m2.missile],
      ["aircraft_safe", c.polygons.aircraft, c.area_m2.aircraft],
      ["acceptable", c.polygons.acceptable, c.area_m2.acceptable],
    ] as const) {
      features.push({
        type: "Feature",
        properties: { role, ...base, area_km2: Math.round(area / 1e6), generator },
        geometry: multiPolygon(polys),
      });
    }
    for (const [role, p] of [
      ["recommended_release", c.recommended],
      ["nearest_release", c.nearest],
      ["farthest_release", c.farthest],
    ] as const) {
      if (!p) continue;
      features.push({
        type: "Feature",
        properties: { role, ...base, distance_km: km(p.distance_m), route_km: km(p.routeLength_m) },
        geometry: pt(p.lat_deg, p.lon_deg),
      });
    }
    const rec = c.recommended;
    if (rec) {
      features.push({
        type: "Feature",
        properties: { role: "aircraft_track", ...base, egress_turn: rec.turn },
        geometry: {
          type: "LineString",
          coordinates: rec.track.lat_deg.map((la, j) => [r6(rec.track.lon_deg[j]), r6(la)]),
        },
      });
      features.push({
        type: "Feature",
        properties: { role: "missile_route", ...base },
        geometry: {
          type: "LineString",
          coordinates: rec.route.map((q) => [r6(q.lon_deg), r6(q.lat_deg)]),
        },
      });
    }
  });
  features.push({
    type: "Feature",
    properties: { role: "target", name: r.target.name },
    geometry: pt(r.target.lat_deg, r.target.lon_deg),
  });
  if (r.entry) {
    features.push({
      type: "Feature",
      properties: { role: "entry" },
      geometry: pt(r.entry.lat_deg, r.entry.lon_deg),
    });
  }
  return { type: "FeatureCollection", features };
}

/** Outer rings of polygons as map polylines of one colour. */
function outlines(
  label: string,
  polys: readonly LonLatPolygon[],
  color: string,
  dashed: boolean,
): NonNullable<TerrainMapInput["extraTracks"]>[number][] {
  const out: NonNullable<TerrainMapInput["extraTracks"]>[number][] = [];
  polys.forEach((p, i) => {
    p.forEach((ring, j) => {
      out.push({
        label: i === 0 && j === 0 ? label : "",
        lat_deg: ring.map((q) => q[1]),
        lon_deg: ring.map((q) => q[0]),
        dashed,
        color,
      });
    });
  });
  return out;
}

/** The report's data. */
export function larReportInput(r: LarResult, generator: string): LarReportInput {
  const settings = `${r.missile}, cruise ${Math.round(r.cruise.agl_m ?? r.cruise.alt_m)} m ${r.cruise.agl_m === null ? "above sea level" : "above the ground"} at Mach ${r.cruise.mach.toFixed(2)}, ${Math.round(r.reserveFraction * 100)} % of the range kept in reserve; ${r.aircraft.name} (turn at ${r.aircraft.turnLoadFactor} g), ${km(r.margin_m)} km outside every SAM envelope that can see it, ${r.entry ? `straight ingress from ${r.entry.lat_deg.toFixed(3)}°, ${r.entry.lon_deg.toFixed(3)}°` : "ingress not checked"}; ${km(r.cell_m, 2)} km grid.`;
  const conditions = r.conditions.map((c) => {
    const rec = c.recommended;
    const p = (x: LarPoint | null) =>
      x
        ? `${x.lat_deg.toFixed(4)}°, ${x.lon_deg.toFixed(4)}°: ${km(x.distance_m)} km from the target, route ${km(x.routeLength_m)} km`
        : "none";
    const rows: [string, string][] = [
      [
        "missile reach",
        `${km(c.usableMin_m)}–${km(c.usableMax_m)} km of route (reach ${km(Math.min(...c.reach.range_m))}–${km(Math.max(...c.reach.range_m))} km less the reserve); not closer than ${km(c.minDistance_m)} km`,
      ],
      [
        "area",
        `acceptable ${Math.round(c.area_m2.acceptable / 1e6).toLocaleString("en-US")} km² (missile reach ${Math.round(c.area_m2.missile / 1e6).toLocaleString("en-US")} km², aircraft-safe ${Math.round(c.area_m2.aircraft / 1e6).toLocaleString("en-US")} km²)`,
      ],
      ["nearest to the target", p(c.nearest)],
      ["farthest from the target", p(c.farthest)],
      [
        "recommended release",
        rec ? `${p(rec)}; ${km(rec.depth_m)} km inside the region's edge` : "none",
      ],
    ];
    if (rec) {
      for (const m of rec.margins) {
        rows.push([
          `margin to ${m.name}`,
          m.visibleMargin_m === null
            ? `never in its sight (closest ${km(m.geometricMargin_m)} km outside its envelope)`
            : `${km(m.visibleMargin_m)} km outside its envelope`,
        ]);
      }
      rows.push([
        "aircraft in radar detection",
        `${rec.detection.any_s.toFixed(0)} s on the flight through the recommended point${rec.detection.perRadar.length > 0 ? ` (${rec.detection.perRadar.map((d) => `${d.name} ${d.detectable_s.toFixed(0)} s`).join(", ")})` : ""}`,
      ]);
    }
    const points: { name: string; lat_deg: number; lon_deg: number }[] = [
      { name: r.target.name, lat_deg: r.target.lat_deg, lon_deg: r.target.lon_deg },
    ];
    if (r.entry) points.push({ name: "entry", ...r.entry });
    if (rec)
      points.push({ name: "recommended release", lat_deg: rec.lat_deg, lon_deg: rec.lon_deg });
    const map: TerrainMapInput = {
      terrain: r.terrain,
      track: rec ? rec.track : { lat_deg: [], lon_deg: [] },
      trackLabel: "aircraft track",
      sites: r.sams.map((s) => ({
        name: s.name,
        lat_deg: s.lat_deg,
        lon_deg: s.lon_deg,
        kind: "SAM",
        rings_m: [
          { radius_m: s.maxRange_m, label: "engagement" },
          { radius_m: s.maxRange_m + r.margin_m, label: "+ margin" },
        ],
      })),
      events: [],
      points,
      extraTracks: [
        ...outlines("missile reach", c.polygons.missile, LAR_COLORS.missile, true),
        ...outlines("aircraft-safe", c.polygons.aircraft, LAR_COLORS.aircraft, true),
        ...outlines("acceptable region", c.polygons.acceptable, LAR_COLORS.acceptable, false),
        ...(rec
          ? [
              {
                label: "missile route",
                lat_deg: rec.route.map((q) => q.lat_deg),
                lon_deg: rec.route.map((q) => q.lon_deg),
                color: LAR_COLORS.route,
              },
            ]
          : []),
      ],
      areas: r.noFly,
    };
    return {
      title: `Release at ${conditionLabel(c)}`,
      rows,
      empty: c.empty
        ? `${c.empty.reason}${c.empty.nearest ? `. Nearest point that would work for the aircraft: ${p(c.empty.nearest)}` : ""}.`
        : null,
      map,
    };
  });
  return {
    title: r.name,
    generator,
    file: basename(r.file),
    settings,
    conditions,
    notes: LAR_NOTES,
  };
}

/** What the region leaves out, for the report. */
export const LAR_NOTES: readonly string[] = [
  "Missile side: the route is the planner's cheapest route (exposure and fuel weights) from each release point, found by one reverse search from the target; it must fit the reach the simulated reach flight gives for the release condition (cruise until the fuel runs out, then glide), less the reserve. A route that only fits when the planner falls back to a shorter path through the threats is not counted. Terrain following and wind along the route are not in the route length.",
  "Aircraft side: the launch aircraft flies level at the release altitude, straight from the entry point to the release point, then turns 180° at its sustained load factor; the run back beside its ingress is not checked separately. A SAM counts only where its radar sees the aircraft (viewshed at that altitude); the margin is added to the envelope's maximum slant range.",
  "Time in detection counts single-look Pd ≥ 0.5 with the aircraft's aspect-dependent RCS, in sight of the radar; it is not a survival probability.",
  "Notional models from public figures; a simulator, not a mission planning tool.",
];

/** Write lar.geojson, lar.json and lar.html into dir; returns their paths. */
export function writeLarOutputs(dir: string, r: LarResult, generator: string): string[] {
  mkdirSync(dir, { recursive: true });
  const geo = join(dir, "lar.geojson");
  writeFileSync(geo, `${JSON.stringify(larGeoJson(r, generator))}\n`);
  const json = join(dir, "lar.json");
  writeFileSync(json, `${JSON.stringify(larSummary(r), null, 2)}\n`);
  const html = join(dir, "lar.html");
  writeFileSync(html, renderLarReport(larReportInput(r, generator)));
  return [geo, json, html];
}
