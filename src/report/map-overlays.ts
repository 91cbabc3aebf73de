/**
 * The terrain map's vector layers over the terrain, each a function that appends its SVG
 * elements, legend rows and occupied pixels to the drawing: range rings, areas (no-fly), extra
 * tracks, the track, route points, sites and events.
 */

import { codeWords } from "./format.js";
import { escapeHtml } from "./html-page.js";
import { formatLat, formatLon } from "./map-axes.js";
import type { MapEvent, MapSite, TerrainMapInput } from "./map-input.js";
import {
  AREA_COLOR,
  EXTRA_TRACK_COLORS,
  eventStyles,
  marker,
  SITE_COLORS,
  TRACK_COLOR,
} from "./map-marks.js";
import { degreesFor } from "./map-projection.js";
import { km, label, type MapDrawing, n1 } from "./map-svg.js";

/** Marks the pixels of sites (and their name labels), points and events as occupied. */
export function occupyMarks(d: MapDrawing, input: TerrainMapInput): void {
  const { P, occupied } = d;
  for (const s of input.sites) {
    const x = P.x(P.lon(s.lon_deg));
    const y = P.y(s.lat_deg);
    occupied.push(x, y, x + 40, y);
  }
  for (const p of input.points) occupied.push(P.x(P.lon(p.lon_deg)), P.y(p.lat_deg));
  for (const e of input.events) occupied.push(P.x(P.lon(e.lon_deg)), P.y(e.lat_deg));
}

/** Draws each site's range rings (ellipses in lat/lon: the local degree lengths at the site). */
export function drawRangeRings(d: MapDrawing, sites: readonly MapSite[]): void {
  const { P } = d;
  for (const [k, s] of sites.entries()) {
    const color = SITE_COLORS[k % SITE_COLORS.length];
    const x = P.x(P.lon(s.lon_deg));
    const y = P.y(s.lat_deg);
    for (const ring of s.rings_m) {
      if (!(ring.radius_m > 0 && Number.isFinite(ring.radius_m))) continue;
      const { dLat, dLon } = degreesFor(ring.radius_m, s.lat_deg);
      const rx = dLon * P.kx * P.s;
      const ry = dLat * P.s;
      const tip = `${s.name}: ${ring.label} — ${km(ring.radius_m)} km`;
      d.parts.push(
        `<g class="ring"><title>${escapeHtml(tip)}</title>` +
          `<ellipse cx="${n1(x)}" cy="${n1(y)}" rx="${n1(rx)}" ry="${n1(ry)}" fill="${color}" fill-opacity="0.04" stroke="${color}" stroke-width="1.5" stroke-dasharray="6 4"/>` +
          label(
            x,
            y - ry - 3,
            `${ring.label} ${km(ring.radius_m)} km`,
            `fill="${color}" font-size="10" text-anchor="middle"`,
          ) +
          "</g>",
      );
    }
  }
  if (sites.some((s) => s.rings_m.length > 0)) {
    d.legend.push({
      rank: 3,
      mark: `<circle r="6" fill="none" stroke="#5b6475" stroke-width="1.5" stroke-dasharray="3 2"/>`,
      text: "range ring (site colour)",
    });
  }
}

/** Draws areas (no-fly): a hatched tint with an outline, the name at the vertices' mean. */
export function drawAreas(d: MapDrawing, areas: NonNullable<TerrainMapInput["areas"]>): void {
  const { P } = d;
  for (const a of areas) {
    if (a.polygon.length < 3) continue;
    const pts = a.polygon.map(([lat, lon]) => `${n1(P.x(P.lon(lon)))},${n1(P.y(lat))}`).join(" ");
    const cx = a.polygon.reduce((t, [, lon]) => t + P.x(P.lon(lon)), 0) / a.polygon.length;
    const cy = a.polygon.reduce((t, [lat]) => t + P.y(lat), 0) / a.polygon.length;
    d.parts.push(
      `<g class="area"><title>${escapeHtml(a.name)}</title>` +
        `<polygon points="${pts}" fill="${AREA_COLOR}" fill-opacity="0.18" stroke="${AREA_COLOR}" stroke-width="1.8" stroke-dasharray="2 2"/>` +
        label(cx, cy + 4, a.name, `fill="${AREA_COLOR}" font-size="11" text-anchor="middle"`) +
        "</g>",
    );
    d.legend.push({
      rank: 5,
      mark: `<rect x="-7" y="-6" width="14" height="12" fill="${AREA_COLOR}" fill-opacity="0.18" stroke="${AREA_COLOR}" stroke-width="1.5" stroke-dasharray="2 2"/>`,
      text: a.name,
    });
  }
}

/** Draws extra tracks (under the main one), each a coloured line on a white casing. */
export function drawExtraTracks(
  d: MapDrawing,
  tracks: NonNullable<TerrainMapInput["extraTracks"]>,
): void {
  const { P } = d;
  const grouped = new Set<string>();
  for (const [k, t] of tracks.entries()) {
    const color = /^#[0-9a-fA-F]{6}$/.test(t.color ?? "")
      ? (t.color as string)
      : EXTRA_TRACK_COLORS[k % EXTRA_TRACK_COLORS.length];
    const n = Math.min(t.lat_deg.length, t.lon_deg.length);
    const xy: string[] = [];
    for (let i = 0; i < n; i++) {
      if (!(Number.isFinite(t.lat_deg[i]) && Number.isFinite(t.lon_deg[i]))) continue;
      const x = P.x(P.lon(t.lon_deg[i]));
      const y = P.y(t.lat_deg[i]);
      xy.push(`${n1(x)},${n1(y)}`);
      d.occupied.push(x, y);
    }
    if (xy.length < 2) continue;
    const dash = t.dashed ? ' stroke-dasharray="7 5"' : "";
    const line = xy.join(" ");
    d.parts.push(
      `<g class="extra-track"><title>${escapeHtml(t.label)}</title>` +
        `<polyline points="${line}" fill="none" stroke="#fff" stroke-opacity="0.85" stroke-width="4" stroke-linejoin="round"${dash}/>` +
        `<polyline points="${line}" fill="none" stroke="${color}" stroke-width="2" stroke-linejoin="round"${dash}/></g>`,
    );
    // An unlabelled track continues a labelled one (more rings of one region): no legend entry;
    // tracks of one legend group share one row.
    if (t.label === "" || (t.legend !== undefined && grouped.has(t.legend))) continue;
    if (t.legend !== undefined) grouped.add(t.legend);
    d.legend.push({
      rank: 0.5,
      mark: `<path d="M-9,0H9" stroke="#fff" stroke-width="4"/><path d="M-9,0H9" stroke="${color}" stroke-width="2"${t.dashed ? ' stroke-dasharray="4 3"' : ""}/>`,
      text: t.legend ?? t.label,
    });
  }
}

/**
 * Draws the track (latitudes tLat, longitudes unwrapped as trackLon, NaN breaking the line): a dark
 * line on a white casing, thinned to about a pixel; legendText names it in the legend.
 */
export function drawTrack(
  d: MapDrawing,
  tLat: ArrayLike<number>,
  trackLon: Float64Array,
  legendText: string,
): void {
  const { P } = d;
  const nTrack = trackLon.length;
  const segs: string[] = [];
  let run: string[] = [];
  let lastX = Number.NaN;
  let lastY = Number.NaN;
  // One whole-turn shift for the entire (continuous) track, to put it by the map's centre.
  let trackShift = Number.NaN;
  const flush = () => {
    if (run.length > 1) segs.push(run.join(" "));
    run = [];
    lastX = Number.NaN;
  };
  for (let i = 0; i < nTrack; i++) {
    if (Number.isNaN(trackLon[i])) {
      flush();
      continue;
    }
    if (Number.isNaN(trackShift)) trackShift = P.lon(trackLon[i]) - trackLon[i];
    const x = P.x(trackLon[i] + trackShift);
    const y = P.y(tLat[i]);
    const last = i === nTrack - 1 || Number.isNaN(trackLon[i + 1]);
    if (Number.isNaN(lastX) || Math.hypot(x - lastX, y - lastY) >= 0.75 || last) {
      run.push(`${n1(x)},${n1(y)}`);
      d.occupied.push(x, y);
      lastX = x;
      lastY = y;
    }
  }
  flush();
  if (segs.length > 0) {
    const lines = (attrs: string) =>
      segs.map((p) => `<polyline points="${p}" fill="none" ${attrs}/>`).join("");
    d.parts.push(
      `<g class="track"><title>Flown track</title>${lines('stroke="#fff" stroke-opacity="0.85" stroke-width="4.5" stroke-linejoin="round" stroke-linecap="round"')}${lines(`stroke="${TRACK_COLOR}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"`)}</g>`,
    );
    d.legend.push({
      rank: 0,
      mark: `<path d="M-9,0H9" stroke="#fff" stroke-width="4.5"/><path d="M-9,0H9" stroke="${TRACK_COLOR}" stroke-width="2"/>`,
      text: legendText,
    });
  }
}

/** Draws route points (launch, waypoints, aimpoint) as labelled white dots. */
export function drawPoints(d: MapDrawing, points: TerrainMapInput["points"]): void {
  const { P } = d;
  for (const p of points) {
    const x = P.x(P.lon(p.lon_deg));
    const y = P.y(p.lat_deg);
    d.parts.push(
      `<g class="point"><title>${escapeHtml(`${p.name} (${formatLat(p.lat_deg, 4)} ${formatLon(p.lon_deg, 4)})`)}</title>` +
        `<circle cx="${n1(x)}" cy="${n1(y)}" r="4.5" fill="#fff" stroke="${TRACK_COLOR}" stroke-width="2"/>` +
        label(x + 7, y - 6, p.name, `fill="${TRACK_COLOR}" font-size="11"`) +
        "</g>",
    );
  }
  if (points.length > 0) {
    d.legend.push({
      rank: 1,
      mark: `<circle r="4.5" fill="#fff" stroke="${TRACK_COLOR}" stroke-width="2"/>`,
      text: "launch, waypoint, aimpoint",
    });
  }
}

/** Draws sites as labelled triangles in their colours, each with its own legend row. */
export function drawSites(d: MapDrawing, sites: readonly MapSite[]): void {
  const { P } = d;
  for (const [k, s] of sites.entries()) {
    const color = SITE_COLORS[k % SITE_COLORS.length];
    const x = P.x(P.lon(s.lon_deg));
    const y = P.y(s.lat_deg);
    const rings = s.rings_m.map((r) => `${r.label} ${km(r.radius_m)} km`).join("; ");
    const tip = `${s.name} (${codeWords(s.kind)}) ${formatLat(s.lat_deg, 4)} ${formatLon(s.lon_deg, 4)}${rings ? ` — ${rings}` : ""}`;
    d.parts.push(
      `<g class="site"><title>${escapeHtml(tip)}</title>` +
        `<polygon points="${n1(x)},${n1(y - 9)} ${n1(x + 8)},${n1(y + 6)} ${n1(x - 8)},${n1(y + 6)}" fill="${color}" stroke="#1d2330" stroke-width="1.2"/>` +
        label(x + 10, y + 4, s.name, `fill="#1d2330" font-size="12" font-weight="600"`) +
        "</g>",
    );
    d.legend.push({
      rank: 2,
      mark: `<polygon points="0,-8 7,5 -7,5" fill="${color}" stroke="#1d2330" stroke-width="1.2"/>`,
      text: `${s.name} (${codeWords(s.kind)})`,
      title: tip,
    });
  }
}

/** Draws event markers in input order, so later ones sit on top; one legend row per kind with its count. */
export function drawEvents(d: MapDrawing, events: readonly MapEvent[]): void {
  const { P } = d;
  const { styles, counts } = eventStyles(events);
  for (const e of events) {
    const st = styles.get(e.kind)!;
    const x = P.x(P.lon(e.lon_deg));
    const y = P.y(e.lat_deg);
    const tip = `t = ${e.t_s.toFixed(1)} s — ${codeWords(e.kind)}: ${e.label}`;
    d.parts.push(
      `<g class="ev" data-kind="${escapeHtml(e.kind)}"><title>${escapeHtml(tip)}</title>${marker(st.shape, x, y, 5, st.color)}</g>`,
    );
  }
  for (const [kind, st] of styles) {
    d.legend.push({
      rank: 4,
      mark: marker(st.shape, 0, 0, 5, st.color),
      text: `${codeWords(kind)} (${counts.get(kind)})`,
    });
  }
}
