/**
 * What `standoff plan` writes and prints: the planned and straight-line figures side by side,
 * routes.geojson (routes, straight lines, no-fly areas, sites), route.yaml (the planned route in
 * the scenario's own format), plan.json and plan.html (the table and a terrain map).
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { normalizeLon, roundTo } from "../core/rounding.js";
import { geodesicInverse, geodesicPoints } from "../earth/geodesic.js";
import type { MissileRoutePlan, PlanningSettings } from "../engine/plan-mission.js";
import type { MissionParams } from "../mission/mission-params.js";
import type { RouteMetrics } from "../planning/route-search.js";
import { escapeHtml, pageHead } from "../report/html-page.js";
import { planNotes } from "../report/limitations.js";
import { renderTerrainMap, type TerrainMapInput } from "../report/terrain-map.js";
import type { ElevationGrid } from "../terrain/elevation-grid.js";
import type { ViewshedCache } from "../terrain/site-visibility.js";
import type { AirDefenceParams } from "../threats/air-defence.js";
import {
  type GeoJsonFeature,
  type GeoJsonFeatureCollection,
  type GeoJsonPosition,
  geoJsonText,
  polygon,
} from "./geojson.js";
import { coverage, defenceMapSites } from "./mission-map.js";
import { formatExposure, type PlannedRouteNote } from "./mission-outputs.js";

/** A position, degrees. */
interface LatLon {
  readonly lat_deg: number;
  readonly lon_deg: number;
}

/** One missile's planned route to write. */
export interface PlanOutputRoute {
  readonly name: string;
  /** Launch aircraft (salvo). */
  readonly aircraft?: string;
  /** The target's name in the scenario. */
  readonly targetName?: string;
  /** Its mission (cruise, missile, release, aimpoint). */
  readonly params: MissionParams;
  readonly plan: MissileRoutePlan;
  /** The route to fly, release … target (the plan's, stretched for a salvo when asked). */
  readonly waypoints: readonly LatLon[];
  /** Figures of `waypoints` when they differ from the plan's route (a stretched salvo route). */
  readonly flown?: RouteMetrics;
  /** Salvo timing, s and m. */
  readonly timing?: {
    readonly launch_s: number;
    readonly timeOfFlight_s: number;
    readonly stretch_m: number;
    readonly plannedTot_s: number;
  };
}

/** Everything the plan outputs show. */
export interface PlanOutputInput {
  readonly title: string;
  readonly file: string;
  readonly generator: string;
  readonly routes: readonly PlanOutputRoute[];
  readonly settings: PlanningSettings;
  readonly defence: AirDefenceParams | null;
  readonly terrain: ElevationGrid | null;
  readonly cache: ViewshedCache;
  /** A mission's own route (when it has waypoints), on the same map. */
  readonly scenarioRoute?: {
    readonly metrics: RouteMetrics;
    readonly waypoints: readonly LatLon[];
  };
  /** A salvo's arrival window, s. */
  readonly window?: { readonly open_s: number; readonly close_s: number; readonly aim_s: number };
}

/** A route's figures for people. */
export interface RouteFigures {
  readonly distance_km: number;
  /** Cruise time at the planning speed, s. */
  readonly time_s: number;
  readonly fuel_kg: number;
  /** The missile's fuel less the cruise fuel, kg and % of the missile's fuel. */
  readonly fuel_margin_kg: number;
  readonly fuel_margin_pct: number;
  /** ∫λ dt, expected detections at the planning height, and exp(−that). */
  readonly exposure: number;
  readonly p_undetected: number;
  readonly waypoints: number;
  /** False when the route enters a no-fly area (or its margin). */
  readonly clear: boolean;
}

/** Figures of a route's metrics for a missile carrying fuel_kg, with `waypoints` turn points. */
export function routeFigures(m: RouteMetrics, fuel_kg: number, waypoints: number): RouteFigures {
  const margin = fuel_kg - m.fuel_kg;
  return {
    distance_km: roundTo(m.length_m / 1000, 2),
    time_s: roundTo(m.time_s, 1),
    fuel_kg: roundTo(m.fuel_kg, 2),
    fuel_margin_kg: roundTo(margin, 2),
    fuel_margin_pct: roundTo((100 * margin) / fuel_kg, 1),
    exposure: roundTo(m.exposure, 4),
    p_undetected: roundTo(m.pUndetected, 4),
    waypoints,
    clear: m.clear,
  };
}

/** The headline figures of a planned route for the run's summary. */
export function plannedRouteNote(plan: MissileRoutePlan): PlannedRouteNote {
  return {
    waypoints: plan.route.waypoints.length - 2,
    length_km: roundTo(plan.planned.length_m / 1000, 2),
    exposure: roundTo(plan.planned.exposure, 4),
    p_undetected: roundTo(plan.planned.pUndetected, 4),
    straight_length_km: roundTo(plan.straight.length_m / 1000, 2),
    straight_exposure: roundTo(plan.straight.exposure, 4),
    fuel_kg: roundTo(plan.planned.fuel_kg, 2),
    reserve_kg: roundTo(plan.reserveFuel_kg, 2),
  };
}

function plannedFigures(r: PlanOutputRoute): RouteFigures {
  return routeFigures(r.flown ?? r.plan.planned, r.plan.missileFuel_kg, r.waypoints.length - 2);
}

/** Text columns padded to their widest cell; the first column left-aligned, the rest right. */
function columns(rows: readonly (readonly string[])[], indent = "  "): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, c] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, c.length);
  }
  return rows.map(
    (row) =>
      indent +
      row
        .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
        .join("  ")
        .trimEnd(),
  );
}

const fmtP = (p: number) => (p >= 0.001 || p === 0 ? p.toFixed(3) : p.toExponential(1));

/** The comparison rows (label, then one cell per route) of a mission plan. */
function comparisonRows(input: PlanOutputInput): string[][] {
  const r = input.routes[0];
  const fuel = r.plan.missileFuel_kg;
  const cols: { head: string; f: RouteFigures }[] = [
    { head: "planned", f: plannedFigures(r) },
    { head: "straight line", f: routeFigures(r.plan.straight, fuel, 0) },
  ];
  if (input.scenarioRoute) {
    cols.push({
      head: "scenario route",
      f: routeFigures(input.scenarioRoute.metrics, fuel, input.scenarioRoute.waypoints.length - 2),
    });
  }
  const row = (label: string, cell: (f: RouteFigures) => string) => [
    label,
    ...cols.map((c) => cell(c.f)),
  ];
  return [
    ["", ...cols.map((c) => c.head)],
    row("distance", (f) => `${f.distance_km.toFixed(1)} km`),
    row("planned time", (f) => `${f.time_s.toFixed(0)} s`),
    row("fuel", (f) => `${f.fuel_kg.toFixed(1)} kg`),
    row(
      "fuel margin",
      (f) => `${f.fuel_margin_kg.toFixed(1)} kg (${f.fuel_margin_pct.toFixed(0)} %)`,
    ),
    row("exposure ∫λdt", (f) => formatExposure(f.exposure)),
    row("P(undetected)", (f) => fmtP(f.p_undetected)),
    row("waypoints", (f) => String(f.waypoints)),
    row("clear of no-fly", (f) => (f.clear ? "yes" : "NO")),
  ];
}

/** The salvo rows: one per missile. */
function salvoRows(input: PlanOutputInput): string[][] {
  const head = [
    "missile",
    "aircraft",
    "launch s",
    "flight s",
    "TOT s",
    "stretch km",
    "km",
    "straight km",
    "fuel margin",
    "exposure",
    "straight exp.",
  ];
  return [
    head,
    ...input.routes.map((r) => {
      const f = plannedFigures(r);
      const s = routeFigures(r.plan.straight, r.plan.missileFuel_kg, 0);
      const t = r.timing;
      return [
        r.name,
        r.aircraft ?? "",
        t ? t.launch_s.toFixed(1) : "",
        t ? t.timeOfFlight_s.toFixed(1) : "",
        t ? t.plannedTot_s.toFixed(1) : "",
        t ? (t.stretch_m / 1000).toFixed(1) : "",
        f.distance_km.toFixed(1),
        s.distance_km.toFixed(1),
        `${f.fuel_margin_kg.toFixed(1)} kg (${f.fuel_margin_pct.toFixed(0)} %)`,
        formatExposure(f.exposure),
        formatExposure(s.exposure),
      ];
    }),
  ];
}

function settingsLine(input: PlanOutputInput): string {
  const c = input.settings;
  return `cell ${c.cell_m / 1000} km, exposure at ${c.agl_m.toFixed(0)} m above ground, reserve ${Math.round(c.reserveFraction * 100)} % of the cruise range, ${c.noFly.length} no-fly area${c.noFly.length === 1 ? "" : "s"}${c.approachAzimuth_deg === null ? "" : `, final approach on ${c.approachAzimuth_deg}°`}`;
}

/** The printed plan: settings, then the comparison (mission) or the schedule (salvo). */
export function planText(input: PlanOutputInput): string[] {
  const out = [`${input.title} — route plan`, `  ${settingsLine(input)}`];
  if (input.window) {
    const w = input.window;
    out.push(
      `  arrival window ${w.open_s.toFixed(1)} – ${w.close_s.toFixed(1)} s (aim ${w.aim_s.toFixed(1)} s) after the first launch opportunity`,
    );
    out.push(...columns(salvoRows(input)));
  } else {
    out.push(...columns(comparisonRows(input)));
  }
  return out;
}

/** plan.json's content. */
export function planJson(input: PlanOutputInput): Record<string, unknown> {
  const c = input.settings;
  return {
    name: input.title,
    scenario: basename(input.file),
    generator: input.generator,
    settings: {
      cell_km: c.cell_m / 1000,
      agl_m: c.agl_m,
      reserve_fraction: c.reserveFraction,
      margin_km: c.margin_m / 1000,
      weights: { exposure: c.weights.exposure, fuel_per_kg: c.weights.fuel_perKg },
      approach_azimuth_deg: c.approachAzimuth_deg,
      no_fly: c.noFly.map((a) => a.name),
    },
    ...(input.window
      ? {
          arrival: {
            open_s: roundTo(input.window.open_s, 2),
            close_s: roundTo(input.window.close_s, 2),
            aim_s: roundTo(input.window.aim_s, 2),
          },
        }
      : {}),
    missiles: input.routes.map((r) => {
      const p = r.plan;
      return {
        name: r.name,
        ...(r.aircraft ? { aircraft: r.aircraft } : {}),
        cruise: {
          mach: roundTo(p.perf.mach, 4),
          speed_mps: roundTo(p.perf.speed_mps, 2),
          alt_m: roundTo(p.cruiseAlt_m, 1),
          fuel_flow_kgps: roundTo(p.cruise.fuelFlow_kgps, 5),
          range_km: roundTo(p.perf.range_m / 1000, 1),
          max_route_km: roundTo(p.maxLength_m / 1000, 1),
          turn_radius_m: roundTo(p.turnRadius_m, 0),
          thrust_limited: p.perf.thrustLimited,
        },
        missile_fuel_kg: p.missileFuel_kg,
        reserve_kg: roundTo(p.reserveFuel_kg, 2),
        planned: plannedFigures(r),
        straight: routeFigures(p.straight, p.missileFuel_kg, 0),
        ...(input.scenarioRoute && input.routes.length === 1
          ? {
              scenario_route: routeFigures(
                input.scenarioRoute.metrics,
                p.missileFuel_kg,
                input.scenarioRoute.waypoints.length - 2,
              ),
            }
          : {}),
        ...(r.timing
          ? {
              launch_s: roundTo(r.timing.launch_s, 2),
              time_of_flight_s: roundTo(r.timing.timeOfFlight_s, 2),
              stretch_m: roundTo(r.timing.stretch_m, 0),
              planned_tot_s: roundTo(r.timing.plannedTot_s, 2),
            }
          : {}),
        waypoints: r.waypoints.map((w) => ({
          lat_deg: roundTo(w.lat_deg, 6),
          lon_deg: roundTo(w.lon_deg, 6),
        })),
        search: { searches: p.route.searches, pops: p.route.pops, repairs: p.route.repairs },
      };
    }),
  };
}

/** A polyline of geodesic legs, densified every 5 km so GIS tools draw the geodesics. */
function densify(pts: readonly LatLon[]): LatLon[] {
  const out: LatLon[] = [pts[0]];
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i];
    const b = pts[i + 1];
    const d = geodesicInverse(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg).distance_m;
    const along = geodesicPoints(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg, 0, d, 5000);
    for (let k = 1; k < along.length; k++) out.push(along[k]);
  }
  return out;
}

const pos = (lat: number, lon: number): GeoJsonPosition => [
  roundTo(normalizeLon(lon), 6),
  roundTo(lat, 6),
];

/** routes.geojson: planned routes and straight lines, no-fly polygons, release points, targets and sites. */
export function planGeoJson(input: PlanOutputInput): GeoJsonFeatureCollection {
  const features: GeoJsonFeature[] = [];
  const line = (pts: readonly LatLon[]) => ({
    type: "LineString" as const,
    coordinates: densify(pts).map((p) => pos(p.lat_deg, p.lon_deg)),
  });
  for (const r of input.routes) {
    const f = plannedFigures(r);
    const s = routeFigures(r.plan.straight, r.plan.missileFuel_kg, 0);
    features.push({
      type: "Feature",
      geometry: line(r.waypoints),
      properties: {
        kind: "planned_route",
        missile: r.name,
        ...f,
        ...(r.timing
          ? {
              launch_s: roundTo(r.timing.launch_s, 2),
              planned_tot_s: roundTo(r.timing.plannedTot_s, 2),
            }
          : {}),
      },
    });
    const start = r.waypoints[0];
    const end = r.waypoints[r.waypoints.length - 1];
    features.push({
      type: "Feature",
      geometry: line([start, end]),
      properties: { kind: "straight_line", missile: r.name, ...s },
    });
    features.push({
      type: "Feature",
      geometry: { type: "Point", coordinates: pos(start.lat_deg, start.lon_deg) },
      properties: { kind: "release", missile: r.name, name: r.aircraft ?? "release" },
    });
    features.push({
      type: "Feature",
      geometry: { type: "Point", coordinates: pos(end.lat_deg, end.lon_deg) },
      properties: { kind: "target", missile: r.name, name: r.targetName ?? "aimpoint" },
    });
  }
  if (input.scenarioRoute) {
    features.push({
      type: "Feature",
      geometry: line(input.scenarioRoute.waypoints),
      properties: {
        kind: "scenario_route",
        ...routeFigures(
          input.scenarioRoute.metrics,
          input.routes[0].plan.missileFuel_kg,
          input.scenarioRoute.waypoints.length - 2,
        ),
      },
    });
  }
  for (const a of input.settings.noFly) {
    features.push({
      type: "Feature",
      geometry: polygon(a.polygon.map(([lat, lon]) => pos(lat, lon))),
      properties: { kind: "no_fly", name: a.name },
    });
  }
  const d = input.defence;
  for (const r of d?.searchRadars ?? []) {
    features.push({
      type: "Feature",
      geometry: { type: "Point", coordinates: pos(r.lat_deg, r.lon_deg) },
      properties: { kind: "search_radar", name: r.name, network: r.network },
    });
  }
  for (const s of d?.sams ?? []) {
    features.push({
      type: "Feature",
      geometry: { type: "Point", coordinates: pos(s.lat_deg, s.lon_deg) },
      properties: {
        kind: "sam",
        name: s.name,
        preset: s.preset,
        network: s.network,
        max_range_km: roundTo(s.params.envelope.max_range_m / 1000, 1),
      },
    });
  }
  return { type: "FeatureCollection", features };
}

/** A route block in the scenario's own format for one mission's route. */
function routeBlock(r: PlanOutputRoute, indent: string): string[] {
  const c = r.params.cruise;
  const mach = roundTo(c.mach, 3);
  const cruise =
    c.agl_m === null || c.agl_m === undefined
      ? `{ alt_m: ${roundTo(c.alt_m, 1)}, mach: ${mach} }`
      : `{ alt_m: ${roundTo(c.agl_m, 1)}, alt_ref: agl, mach: ${mach} }`;
  const inner = r.waypoints.slice(1, -1);
  const names = r.params.waypoints.map((w) => w.name);
  return [
    `${indent}cruise: ${cruise}`,
    inner.length === 0 ? `${indent}waypoints: []` : `${indent}waypoints:`,
    ...inner.map(
      (w, i) =>
        `${indent}  - { name: ${JSON.stringify(names[i] ?? `planned ${i + 1}`)}, lat_deg: ${roundTo(w.lat_deg, 6)}, lon_deg: ${roundTo(w.lon_deg, 6)} }`,
    ),
  ];
}

/** route.yaml: a `route:` block to paste into the mission (a salvo: `routes:` by missile). */
export function planRouteYaml(input: PlanOutputInput): string {
  const head = [
    `# Planned by ${input.generator} from ${basename(input.file)}: ${input.title}.`,
    "# Release point and target stay as in the scenario; the legs are geodesics flown with fly-by turns.",
  ];
  if (input.routes.length === 1 && !input.window) {
    const r = input.routes[0];
    return `${[
      ...head,
      `# ${(r.plan.planned.length_m / 1000).toFixed(1)} km, exposure ${formatExposure(r.plan.planned.exposure)} (straight line ${formatExposure(r.plan.straight.exposure)}).`,
      "route:",
      ...routeBlock(r, "  "),
    ].join("\n")}\n`;
  }
  const lines = [
    ...head,
    "# One route block per missile of the salvo (a mission takes one).",
    "routes:",
  ];
  for (const r of input.routes) {
    lines.push(`  ${JSON.stringify(r.name)}:`, "    route:", ...routeBlock(r, "      "));
  }
  return `${lines.join("\n")}\n`;
}

/** plan.html: one self-contained page with the comparison and a terrain map of the routes. */
export function renderPlanHtml(input: PlanOutputInput): string {
  const rows = input.window ? salvoRows(input) : comparisonRows(input);
  const table =
    `<table class="plan">\n<thead><tr>${rows[0].map((c, i) => `<th${i === 0 ? "" : ' class="num"'}>${escapeHtml(c)}</th>`).join("")}</tr></thead>\n<tbody>\n` +
    rows
      .slice(1)
      .map(
        (r) =>
          `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td class="num">${escapeHtml(c)}</td>`)).join("")}</tr>`,
      )
      .join("\n") +
    "\n</tbody>\n</table>";
  const w = input.window;
  const defended = (input.defence?.sams.length ?? 0) + (input.defence?.searchRadars.length ?? 0);
  const noFly = input.settings.noFly.length;
  // The map's title and the notes say only what this plan has.
  const shown = ["routes", noFly ? "no-fly areas" : "", defended ? "air defence" : ""];
  const terrain = input.terrain !== null;
  const notes = planNotes({ defence: defended > 0, terrain, noFlyAreas: noFly });
  return `${pageHead({ title: `${input.title} — route plan`, generator: input.generator, scripts: false })}<main>
<section>
<h2>${w ? "Salvo schedule" : "Planned route against the straight line"}</h2>
<p>${escapeHtml(settingsLine(input))}.${w ? ` ${escapeHtml(`Arrival window ${w.open_s.toFixed(1)}–${w.close_s.toFixed(1)} s after the first launch opportunity, aimed at ${w.aim_s.toFixed(1)} s.`)}` : ""}</p>
${table}
</section>
<section>
<h2>Map: ${shown
    .filter((x) => x)
    .join(", ")
    .replace(/, ([^,]+)$/, " and $1")}</h2>
<div class="map">${renderTerrainMap(planMapInput(input))}</div>
</section>
<section>
<h2>What the figures mean</h2>
<ul class="limitations">
${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("\n")}
</ul>
</section>
</main>
<footer>Generated by ${escapeHtml(input.generator)} from <code>${escapeHtml(basename(input.file))}</code>.</footer>
</body>
</html>
`;
}

/** Colours of salvo missiles on the map (Okabe–Ito). */
const MISSILE_COLORS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"];

/** The map of a plan: the planned route(s), straight line(s), no-fly areas, sites and coverage. */
export function planMapInput(input: PlanOutputInput): TerrainMapInput {
  const tracks: NonNullable<TerrainMapInput["extraTracks"]>[number][] = [];
  const arrays = (pts: readonly LatLon[]) => {
    const d = densify(pts);
    return { lat_deg: d.map((p) => p.lat_deg), lon_deg: d.map((p) => p.lon_deg) };
  };
  const salvo = input.routes.length > 1 || input.window !== undefined;
  let track: TerrainMapInput["track"] = { lat_deg: [], lon_deg: [] };
  if (salvo) {
    input.routes.forEach((r, k) => {
      const color = MISSILE_COLORS[k % MISSILE_COLORS.length];
      tracks.push({ label: `${r.name}: planned`, color, ...arrays(r.waypoints) });
      const ends = [r.waypoints[0], r.waypoints[r.waypoints.length - 1]];
      tracks.push({ label: `${r.name}: straight line`, color, dashed: true, ...arrays(ends) });
    });
  } else {
    const r = input.routes[0];
    track = arrays(r.waypoints);
    tracks.push({
      label: "straight line",
      color: "#d55e00",
      dashed: true,
      ...arrays([r.waypoints[0], r.waypoints[r.waypoints.length - 1]]),
    });
    if (input.scenarioRoute) {
      tracks.push({
        label: "scenario route",
        color: "#0072b2",
        dashed: true,
        ...arrays(input.scenarioRoute.waypoints),
      });
    }
  }
  const points: TerrainMapInput["points"][number][] = [];
  const seen = new Set<string>();
  const add = (name: string, p: LatLon) => {
    const key = `${p.lat_deg},${p.lon_deg}`;
    if (seen.has(key)) return;
    seen.add(key);
    points.push({ name, lat_deg: p.lat_deg, lon_deg: p.lon_deg });
  };
  for (const r of input.routes) {
    add(r.aircraft ? `release (${r.aircraft})` : "release", r.waypoints[0]);
    if (!salvo) {
      for (const [i, w] of r.waypoints.slice(1, -1).entries())
        add(r.params.waypoints[i]?.name ?? `P${i + 1}`, w);
    }
    add(r.targetName ?? "aimpoint", r.waypoints[r.waypoints.length - 1]);
  }
  const agl = input.settings.agl_m;
  return {
    terrain: input.terrain,
    track,
    trackLabel: "planned route",
    extraTracks: tracks,
    areas: input.settings.noFly.map((a) => ({ name: `no-fly: ${a.name}`, polygon: a.polygon })),
    sites: defenceMapSites(input.defence),
    events: [],
    points,
    ...(input.terrain && input.defence
      ? {
          coverage: [
            {
              site: `a radar at ${agl.toFixed(0)} m above ground`,
              ...coverage(input.terrain, input.defence, input.cache, agl),
            },
          ],
        }
      : {}),
  };
}

/** Write routes.geojson, route.yaml, plan.json and plan.html into dir; returns the paths. */
export function writePlanOutputs(dir: string, input: PlanOutputInput): string[] {
  mkdirSync(dir, { recursive: true });
  const files: Array<[string, string]> = [
    ["routes.geojson", geoJsonText(planGeoJson(input))],
    ["route.yaml", planRouteYaml(input)],
    ["plan.json", `${JSON.stringify(planJson(input), null, 2)}\n`],
    ["plan.html", renderPlanHtml(input)],
  ];
  return files.map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
}
