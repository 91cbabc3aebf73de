/**
 * A situation map as one self-contained SVG string: shaded-relief terrain (an inline PNG), the
 * flown track, route points, threat sites with their range rings, engagement events and optional
 * per-site radar coverage, with a graticule, a scale bar and a legend. Nothing is fetched: the
 * images are `data:` URIs, so the SVG can sit inside the offline HTML report (whose CSP must allow
 * `img-src data:`) or be saved as a .svg file on its own.
 *
 * This file holds renderTerrainMap, which lays out the plot and draws the layers in order, and
 * re-exports the input types (map-input.ts); the layers, projection, legend and PNG encoding live
 * in the map-*.ts, shaded-relief.ts and png.ts files beside it.
 *
 * Projection: equirectangular with x scaled by cos(mid-latitude), so at the map's middle latitude
 * a kilometre is the same length east–west and north–south (the scale bar is exact there).
 * Longitudes are unwrapped around the track, so a flight across ±180° stays one piece.
 *
 * Output is deterministic: the same input gives the same string, byte for byte.
 */

import { drawGraticule, drawNorthArrow, drawScaleBar, frameAndLabels } from "./map-axes.js";
import { drawCircles } from "./map-circles.js";
import type { TerrainMapInput, TerrainMapOptions } from "./map-input.js";
import { renderLegend } from "./map-legend.js";
import {
  drawAreas,
  drawEvents,
  drawExtraTracks,
  drawPoints,
  drawRangeRings,
  drawSites,
  drawTrack,
  occupyMarks,
} from "./map-overlays.js";
import { mapExtent, Projection, unwrapTrack } from "./map-projection.js";
import type { MapDrawing } from "./map-svg.js";
import { drawTerrainLayers } from "./map-terrain-layers.js";

// Re-exported so callers (and the tests) that know the map module find its types and PNG helpers here.
export type {
  MapBounds,
  MapEvent,
  MapSite,
  TerrainMapInput,
  TerrainMapOptions,
} from "./map-input.js";
export { encodePng } from "./png.js";
export { shadedReliefPng } from "./shaded-relief.js";

/** Plot margins, px: left (latitude labels), right, top. */
const ML = 62;
const MR = 14;
const MT = 12;
const ARIA_TITLE = "Map of the flight: terrain, track, threat sites and events";

/** Throws a RangeError naming the item unless its position is finite. */
function finitePoint(what: string, name: string, lat: number, lon: number): void {
  if (!(Number.isFinite(lat) && Number.isFinite(lon))) {
    throw new RangeError(`terrain map: ${what} "${name}" has no finite position (${lat}, ${lon})`);
  }
}

/**
 * An <svg> (string) map: shaded-relief terrain image, track, sites with rings, event markers,
 * coverage tints, graticule, scale bar and legend. Sites, points and events must have finite
 * positions (RangeError otherwise); track samples that are not finite break the line.
 */
export function renderTerrainMap(input: TerrainMapInput, opts: TerrainMapOptions = {}): string {
  const W = Math.max(320, Math.round(opts.width_px ?? 900));
  const maxPx = Math.max(16, Math.round(opts.maxImagePx ?? 1024));
  for (const s of input.sites) finitePoint("site", s.name, s.lat_deg, s.lon_deg);
  for (const p of input.points) finitePoint("point", p.name, p.lat_deg, p.lon_deg);
  for (const e of input.events) finitePoint("event", e.label, e.lat_deg, e.lon_deg);

  const { trackLon, refLon } = unwrapTrack(input);
  const bounds = mapExtent(input, refLon, trackLon);
  const pw = W - ML - MR;
  if (!bounds) {
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" class="terrain-map" viewBox="0 0 ${W} 60" width="${W}" height="60" role="img" font-family="system-ui, sans-serif" font-size="12">` +
      `<title>${ARIA_TITLE}</title><text x="${ML}" y="34" fill="#5b6475">No positions to map.</text></svg>`
    );
  }
  const P = new Projection(bounds, pw);
  const ph = P.ph;
  const d: MapDrawing = { P, parts: [], legend: [], occupied: [] };

  // --- plot area (a nested <svg> clips everything to the map frame without needing ids) ---
  d.parts.push(
    `<svg x="${ML}" y="${MT}" width="${pw}" height="${ph}" viewBox="0 0 ${pw} ${ph}" overflow="hidden" class="map-plot">`,
  );
  d.parts.push(
    `<rect width="${pw}" height="${ph}" fill="${input.terrain ? "#a6cee3" : "#f2f1ec"}"/>`,
  );
  // Layers bottom to top; the legend sorts its rows by rank, so this order only sets the stacking
  // and the order of rows within a rank.
  const maxLand = input.terrain ? drawTerrainLayers(d, input.terrain, input, maxPx) : null;
  const graticule = drawGraticule(d);
  occupyMarks(d, input);
  drawRangeRings(d, input.sites);
  drawAreas(d, input.areas ?? []);
  drawCircles(d, input.circles ?? []);
  drawExtraTracks(d, input.extraTracks ?? []);
  drawTrack(d, input.track.lat_deg, trackLon, input.trackLabel ?? "flown track");
  drawPoints(d, input.points);
  drawSites(d, input.sites);
  drawEvents(d, input.events);
  drawNorthArrow(d, drawScaleBar(d));
  d.parts.push("</svg>");

  // Frame and graticule labels, outside the plot; the legend below them.
  d.parts.push(frameAndLabels(P, graticule, ML, MT));
  const legend = renderLegend(d.legend, ML, MT + ph + 40, W, maxLand);
  d.parts.push(legend.svg);
  const H = legend.bottom + 8;

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="terrain-map" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="11">` +
    `<title>${ARIA_TITLE}</title>${d.parts.join("")}</svg>`
  );
}
