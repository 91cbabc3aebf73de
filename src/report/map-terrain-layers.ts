/**
 * The terrain map's raster layers, drawn first: the shaded-relief image, per-site coverage tints
 * on the terrain grid, and the outline of where the terrain data ends.
 */

import type { ElevationGrid } from "../terrain/elevation-grid.js";
import { escapeHtml } from "./html-page.js";
import type { MapSite, TerrainMapInput } from "./map-input.js";
import { siteColor } from "./map-marks.js";
import type { Projection } from "./map-projection.js";
import { type MapDrawing, n1 } from "./map-svg.js";
import { encodePng, pngDataUri } from "./png.js";
import { reliefPixels } from "./shaded-relief.js";

type CoverageLayer = NonNullable<TerrainMapInput["coverage"]>[number];

/** The terrain grid's edges on the map: gLat0/gLat1 its south/north rows, gLon0/gLon1 its west/east columns (unwrapped by the map's centre). */
interface GridEdges {
  readonly gLat0: number;
  readonly gLat1: number;
  readonly gLon0: number;
  readonly gLon1: number;
}

/** Where the terrain grid's edge rows and columns fall, in the map's unwrapped longitudes. */
function gridEdges(terrain: ElevationGrid, P: Projection): GridEdges {
  const gLat1 = terrain.lat0_deg + (terrain.nLat - 1) * terrain.dLat_deg;
  const gLon0 =
    P.lon(terrain.lon0_deg + ((terrain.nLon - 1) * terrain.dLon_deg) / 2) -
    ((terrain.nLon - 1) * terrain.dLon_deg) / 2;
  const gLat0 = terrain.lat0_deg;
  const gLon1 = gLon0 + (terrain.nLon - 1) * terrain.dLon_deg;
  return { gLat0, gLat1, gLon0, gLon1 };
}

/**
 * A PNG (RGBA) tinting the visible cells of a coverage layer, alpha = share of visible cells in
 * fi × fj blocks (fi, fj ≥ 1 so neither side exceeds maxPx). The image spans whole blocks, so a
 * partial last block is drawn up to one image pixel too wide.
 */
function coverageImage(
  layer: CoverageLayer,
  color: string,
  maxPx: number,
): { w: number; h: number; fi: number; fj: number; png: Uint8Array } {
  const { nLat, nLon, visible } = layer;
  const fi = Math.max(1, Math.ceil(nLat / maxPx));
  const fj = Math.max(1, Math.ceil(nLon / maxPx));
  const h = Math.ceil(nLat / fi);
  const w = Math.ceil(nLon / fj);
  const rgb = [1, 3, 5].map((k) => Number.parseInt(color.slice(k, k + 2), 16));
  const px = new Uint8Array(w * h * 4);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      let seen = 0;
      let all = 0;
      for (let i = r * fi; i < Math.min(nLat, (r + 1) * fi); i++) {
        for (let j = c * fj; j < Math.min(nLon, (c + 1) * fj); j++) {
          all++;
          if (visible[i * nLon + j]) seen++;
        }
      }
      const o = ((h - 1 - r) * w + c) * 4; // image rows run north first
      px[o] = rgb[0];
      px[o + 1] = rgb[1];
      px[o + 2] = rgb[2];
      px[o + 3] = Math.round((seen / all) * 255);
    }
  }
  return { w, h, fi, fj, png: encodePng(w, h, px, 4) };
}

/** Draws the shaded relief over the whole plot; returns the highest ground on the map, m. */
function drawRelief(d: MapDrawing, terrain: ElevationGrid, maxPx: number): number {
  const { P } = d;
  const relief = reliefPixels(terrain, P.b, maxPx);
  d.parts.push(
    `<image class="terrain" x="0" y="0" width="${P.pw}" height="${P.ph}" preserveAspectRatio="none" href="${pngDataUri(encodePng(relief.w, relief.h, relief.rgb, 3))}"/>`,
  );
  return relief.maxHeight_m;
}

/** Draws one coverage layer as a tint in its site's colour; RangeError if its size is wrong. */
function drawCoverage(
  d: MapDrawing,
  terrain: ElevationGrid,
  edges: GridEdges,
  sites: readonly MapSite[],
  layer: CoverageLayer,
  k: number,
  maxPx: number,
): void {
  const { P } = d;
  if (!(layer.nLat >= 1 && layer.nLon >= 1 && layer.visible.length === layer.nLat * layer.nLon)) {
    throw new RangeError(
      `terrain map: coverage "${layer.site}" has ${layer.visible.length} cells, expected ${layer.nLat}×${layer.nLon}`,
    );
  }
  const color = siteColor(sites, layer.site, k);
  const img = coverageImage(layer, color, maxPx);
  // Samples sit at cell centres: the layer's first/last samples are the terrain's corners.
  const cLat =
    layer.nLat > 1 ? ((terrain.nLat - 1) * terrain.dLat_deg) / (layer.nLat - 1) : terrain.dLat_deg;
  const cLon =
    layer.nLon > 1 ? ((terrain.nLon - 1) * terrain.dLon_deg) / (layer.nLon - 1) : terrain.dLon_deg;
  const north = edges.gLat1 + cLat / 2;
  const west = edges.gLon0 - cLon / 2;
  const x = P.x(west);
  const y = P.y(north);
  const wPx = P.x(west + img.w * img.fj * cLon) - x;
  const hPx = P.y(north - img.h * img.fi * cLat) - y;
  d.parts.push(
    `<image class="coverage" data-site="${escapeHtml(layer.site)}" x="${n1(x)}" y="${n1(y)}" width="${n1(wPx)}" height="${n1(hPx)}" preserveAspectRatio="none" opacity="0.35" image-rendering="pixelated" href="${pngDataUri(img.png)}"/>`,
  );
  d.legend.push({
    rank: 5,
    mark: `<rect x="-7" y="-6" width="14" height="12" fill="${color}" fill-opacity="0.35" stroke="${color}"/>`,
    text: `seen by ${layer.site}`,
    title: `Cells where ${layer.site} sees a target at the planned height`,
  });
}

/** Outlines where the terrain data ends (outside it the simulation uses outside_m), if inside the map. */
function drawTerrainExtent(d: MapDrawing, terrain: ElevationGrid, edges: GridEdges): void {
  const { P } = d;
  const bounds = P.b;
  const { gLat0, gLat1, gLon0, gLon1 } = edges;
  const wraps = (terrain.nLon - 1) * terrain.dLon_deg >= 360 - 1e-9; // a whole-globe grid
  const covers =
    gLat0 <= bounds.lat0 &&
    gLat1 >= bounds.lat1 &&
    (wraps || (gLon0 <= bounds.lon0 && gLon1 >= bounds.lon1));
  const meets =
    gLat0 < bounds.lat1 && gLat1 > bounds.lat0 && gLon0 < bounds.lon1 && gLon1 > bounds.lon0;
  if (!covers && meets) {
    d.parts.push(
      `<rect class="terrain-extent" x="${n1(P.x(gLon0))}" y="${n1(P.y(gLat1))}" width="${n1(P.x(gLon1) - P.x(gLon0))}" height="${n1(P.y(gLat0) - P.y(gLat1))}" fill="none" stroke="#5b6475" stroke-width="1" stroke-dasharray="2 3"/>`,
    );
    d.legend.push({
      rank: 6,
      mark: `<rect x="-7" y="-6" width="14" height="12" fill="none" stroke="#5b6475" stroke-dasharray="2 3"/>`,
      text: `terrain data (${terrain.outside_m} m outside)`,
    });
  }
}

/**
 * Draws the terrain layers in order (relief, coverage tints, data extent); returns the highest
 * ground on the map, m, for the elevation key.
 */
export function drawTerrainLayers(
  d: MapDrawing,
  terrain: ElevationGrid,
  input: TerrainMapInput,
  maxPx: number,
): number {
  const maxLand = drawRelief(d, terrain, maxPx);
  const edges = gridEdges(terrain, d.P);
  for (const [k, layer] of (input.coverage ?? []).entries()) {
    drawCoverage(d, terrain, edges, input.sites, layer, k, maxPx);
  }
  drawTerrainExtent(d, terrain, edges);
  return maxLand;
}
