/**
 * The terrain map's legend, below the plot: the layers' legend rows in columns, then (over terrain)
 * the elevation key of the hypsometric tints.
 */

import { escapeHtml } from "./html-page.js";
import { type LegendEntry, n1 } from "./map-svg.js";
import { hypsometric, SEA_SHALLOW } from "./shaded-relief.js";

/** text cut to max characters (code points), the last replaced by "…" when cut. */
function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/**
 * The elevation key at (ml, y), up to the first round height at or above the highest ground on
 * the map (maxLand, m), on a bar at most 320 px long.
 */
function elevationKey(ml: number, y: number, width: number, maxLand: number): string {
  const top = [250, 500, 1000, 1500, 2000, 3000, 4000, 5000].find((v) => v >= maxLand) ?? 5000;
  const barW = Math.min(320, width - ml - 120);
  const cells: string[] = [];
  const steps = 64;
  const px = new Uint8Array(3);
  for (let k = 0; k < steps; k++) {
    hypsometric(((k + 0.5) / steps) * top, px, 0);
    cells.push(
      `<rect x="${n1(ml + 60 + (k * barW) / steps)}" y="${y}" width="${n1(barW / steps + 0.4)}" height="10" fill="rgb(${px[0]},${px[1]},${px[2]})"/>`,
    );
  }
  const ticks = [0, top / 2, top].map(
    (v, k) =>
      `<text x="${n1(ml + 60 + (k * barW) / 2)}" y="${y + 23}" text-anchor="middle" font-size="10" fill="#5b6475">${Math.round(v)}${k === 2 ? " m" : ""}</text>`,
  );
  return (
    `<g class="elevation-key"><title>Height above the ellipsoid; sea (≤ 0 m) blue; shaded with the sun in the north-west</title>` +
    `<rect x="${ml}" y="${y}" width="40" height="10" fill="rgb(${SEA_SHALLOW.join(",")})" stroke="#5b6475" stroke-width="0.5"/>` +
    `<text x="${ml + 20}" y="${y + 23}" text-anchor="middle" font-size="10" fill="#5b6475">sea</text>` +
    `${cells.join("")}<rect x="${ml + 60}" y="${y}" width="${barW}" height="10" fill="none" stroke="#5b6475" stroke-width="0.5"/>` +
    `${ticks.join("")}</g>`
  );
}

/**
 * The legend as a <g>, rows sorted by rank (stable, so input order within a rank) in 200 px
 * columns from x = ml to the SVG's width, the first row at y = top; with the elevation key below
 * when maxLand (the highest ground, m) is given. `bottom` is the y just below it all.
 */
export function renderLegend(
  entries: LegendEntry[],
  ml: number,
  top: number,
  width: number,
  maxLand: number | null,
): { svg: string; bottom: number } {
  const colW = 200;
  const cols = Math.max(1, Math.floor((width - ml) / colW));
  entries.sort((a, b) => a.rank - b.rank); // stable: input order within a rank
  const items = entries.map((it, k) => {
    const x = ml + (k % cols) * colW;
    const y = top + Math.floor(k / cols) * 20;
    return (
      `<g transform="translate(${x + 9},${y})">${it.title ? `<title>${escapeHtml(it.title)}</title>` : ""}${it.mark}` +
      `<text x="16" y="4" fill="#1d2330">${escapeHtml(truncate(it.text, 28))}</text></g>`
    );
  });
  let bottom = top + Math.ceil(entries.length / cols) * 20;
  if (maxLand !== null) {
    items.push(elevationKey(ml, bottom, width, maxLand));
    bottom += 30;
  }
  return { svg: `<g class="legend" font-size="11.5">${items.join("")}</g>`, bottom };
}
