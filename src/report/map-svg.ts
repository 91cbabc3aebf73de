/**
 * SVG building blocks shared by the terrain map's layers: the drawing being built (elements, legend
 * entries, pixels already drawn on), coordinate and distance formatting, and haloed labels.
 */

import { escapeHtml } from "./html-page.js";
import type { Projection } from "./map-projection.js";

/** One legend row: a mark drawn around (0, 0), its text and an optional tooltip. */
export interface LegendEntry {
  /** Orders the rows: track, extra tracks, points, sites, rings, events, coverage and areas, data extent. */
  readonly rank: number;
  readonly mark: string;
  readonly text: string;
  readonly title?: string;
}

/** The map being drawn: each layer appends its SVG elements, legend rows and occupied pixels. */
export interface MapDrawing {
  /** The plot's projection; elements in `parts` are in plot pixels. */
  readonly P: Projection;
  readonly parts: string[];
  readonly legend: LegendEntry[];
  /** Pixel positions (x, y pairs) of everything drawn, to keep the scale bar and north arrow off them. */
  readonly occupied: number[];
}

/** A number for an SVG attribute: one decimal, no "-0". */
export function n1(x: number): string {
  const r = Math.round(x * 10) / 10;
  return String(r === 0 ? 0 : r);
}

/** A distance, m, in kilometres: three significant figures, whole kilometres from 100 km. */
export function km(m: number): string {
  const k = m / 1000;
  return k >= 100 ? String(Math.round(k)) : String(Number(k.toPrecision(3)));
}

/** Text with a white halo so it reads over any terrain. */
export function label(x: number, y: number, text: string, attrs = ""): string {
  return (
    `<text x="${n1(x)}" y="${n1(y)}" stroke="#fff" stroke-width="3" stroke-linejoin="round" ` +
    `paint-order="stroke"${attrs ? ` ${attrs}` : ""}>${escapeHtml(text)}</text>`
  );
}
