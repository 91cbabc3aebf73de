/**
 * The terrain map's frame of reference: the graticule and its labels, latitude/longitude
 * formatting, and the scale bar and north arrow, each placed in the plot corner with the least
 * drawn under it.
 */

import { escapeHtml } from "./html-page.js";
import type { Projection } from "./map-projection.js";
import { km, label, type MapDrawing, n1 } from "./map-svg.js";

/** Graticule lines: the latitudes and longitudes drawn, and the decimals their labels need. */
export interface Graticule {
  readonly lats: readonly number[];
  readonly lons: readonly number[];
  readonly latD: number;
  readonly lonD: number;
}

/** A box in plot pixels. */
interface CornerBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Largest of 1, 2, 2.5, 5 × 10ⁿ (or of `steps` × 10ⁿ) not above x (x > 0). */
function niceStep(x: number, steps: readonly number[] = [1, 2, 2.5, 5]): number {
  const p = 10 ** Math.floor(Math.log10(x));
  let best = p;
  for (const m of steps) if (m * p <= x) best = m * p;
  return best;
}

/** Decimals needed to write a step exactly (up to 6). */
function decimalsOf(step: number): number {
  for (let d = 0; d < 6; d++)
    if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-6) return d;
  return 6;
}

/** A latitude with d decimals and N/S, e.g. "40.25°N"; the equator has no letter. */
export function formatLat(lat: number, d: number): string {
  const v = Number(lat.toFixed(d));
  return v === 0 ? `${(0).toFixed(d)}°` : `${Math.abs(v).toFixed(d)}°${v > 0 ? "N" : "S"}`;
}

/** A longitude wrapped to ±180° with d decimals and E/W; 0° and 180° have no letter. */
export function formatLon(lon: number, d: number): string {
  let v = Number((((((lon + 180) % 360) + 360) % 360) - 180).toFixed(d));
  if (v === -180) v = 180;
  return v === 0 || v === 180
    ? `${Math.abs(v).toFixed(d)}°`
    : `${Math.abs(v).toFixed(d)}°${v > 0 ? "E" : "W"}`;
}

/** Draws graticule lines about 90 px (latitude) and 110 px (longitude) apart; returns where they are. */
export function drawGraticule(d: MapDrawing): Graticule {
  const { P } = d;
  const bounds = P.b;
  const latStep = niceStep(90 / P.s);
  const lonStep = niceStep(110 / (P.s * P.kx));
  const latD = decimalsOf(latStep);
  const lonD = decimalsOf(lonStep);
  const lats: number[] = [];
  const lons: number[] = [];
  for (let k = Math.ceil(bounds.lat0 / latStep); k * latStep <= bounds.lat1; k++)
    lats.push(k * latStep);
  for (let k = Math.ceil(bounds.lon0 / lonStep); k * lonStep <= bounds.lon1; k++)
    lons.push(k * lonStep);
  const grat = [
    ...lats.map((v) => `M0,${n1(P.y(v))}H${P.pw}`),
    ...lons.map((v) => `M${n1(P.x(v))},0V${P.ph}`),
  ].join("");
  if (grat) {
    d.parts.push(
      `<path class="graticule" d="${grat}" fill="none" stroke="#1d2330" stroke-opacity="0.22" stroke-width="0.7"/>`,
    );
  }
  return { lats, lons, latD, lonD };
}

/** The plot's frame and the graticule labels outside it (left and below), for a plot at (ml, mt). */
export function frameAndLabels(P: Projection, g: Graticule, ml: number, mt: number): string {
  const labels: string[] = [];
  for (const v of g.lats) {
    labels.push(
      `<text x="${ml - 5}" y="${n1(mt + P.y(v) + 4)}" text-anchor="end">${formatLat(v, g.latD)}</text>`,
    );
  }
  for (const v of g.lons) {
    labels.push(
      `<text x="${n1(ml + P.x(v))}" y="${mt + P.ph + 15}" text-anchor="middle">${formatLon(v, g.lonD)}</text>`,
    );
  }
  return (
    `<rect x="${ml}" y="${mt}" width="${P.pw}" height="${P.ph}" fill="none" stroke="#5b6475" stroke-width="1"/>` +
    `<g class="graticule-labels" fill="#5b6475" font-size="10.5">${labels.join("")}</g>`
  );
}

/** Boxes of w × h px in the plot's corners, 6 px in: bottom-left, bottom-right, top-right, top-left. */
function cornerBoxes(pw: number, ph: number, w: number, h: number): CornerBox[] {
  return [
    { x: 6, y: ph - h - 6 },
    { x: pw - w - 6, y: ph - h - 6 },
    { x: pw - w - 6, y: 6 },
    { x: 6, y: 6 },
  ].map((c) => ({ ...c, w, h }));
}

/** Index of the box with the fewest of the points (x, y pairs) within 8 px, trying boxes in `order`; first wins ties. */
function quietestCorner(
  boxes: readonly CornerBox[],
  xy: readonly number[],
  order: readonly number[],
): number {
  let best = order[0];
  let bestCount = Number.POSITIVE_INFINITY;
  for (const k of order) {
    const b = boxes[k];
    let count = 0;
    for (let i = 0; i < xy.length; i += 2) {
      const x = xy[i];
      const y = xy[i + 1];
      if (x >= b.x - 8 && x <= b.x + b.w + 8 && y >= b.y - 8 && y <= b.y + b.h + 8) count++;
    }
    if (count < bestCount) {
      best = k;
      bestCount = count;
    }
  }
  return best;
}

/** Draws the scale bar (exact at the middle latitude) in the quietest corner; returns that corner's index. */
export function drawScaleBar(d: MapDrawing): number {
  const { P } = d;
  const pw = P.pw;
  const barM = niceStep((0.22 * pw) / P.pxPerM, [1, 2, 5]);
  const barPx = barM * P.pxPerM;
  const sbw = barPx + 52;
  const corners = cornerBoxes(pw, P.ph, sbw, 28);
  const sbCorner = quietestCorner(corners, d.occupied, [0, 1, 3, 2]);
  const sbx = corners[sbCorner].x + 6;
  const sby = corners[sbCorner].y + 18;
  const half = barPx / 2;
  d.parts.push(
    `<g class="scale-bar"><title>${escapeHtml(`Scale true at ${formatLat(P.midLat, 2)}`)}</title>` +
      `<rect x="${n1(sbx - 6)}" y="${n1(sby - 18)}" width="${n1(sbw)}" height="28" rx="3" fill="#fff" fill-opacity="0.8"/>` +
      `<rect x="${sbx}" y="${sby}" width="${n1(half)}" height="5" fill="#1d2330"/>` +
      `<rect x="${n1(sbx + half)}" y="${sby}" width="${n1(half)}" height="5" fill="#fff" stroke="#1d2330" stroke-width="1"/>` +
      `<rect x="${sbx}" y="${sby}" width="${n1(barPx)}" height="5" fill="none" stroke="#1d2330" stroke-width="1"/>` +
      `<text x="${sbx}" y="${sby - 4}" font-size="10" fill="#1d2330">0</text>` +
      `<text x="${n1(sbx + barPx)}" y="${sby - 4}" font-size="10" fill="#1d2330" text-anchor="middle">${km(barM)} km</text>` +
      "</g>",
  );
  return sbCorner;
}

/** Draws the north arrow in the quietest corner other than the scale bar's (index `taken`). */
export function drawNorthArrow(d: MapDrawing, taken: number): void {
  const arrowCorners = cornerBoxes(d.P.pw, d.P.ph, 24, 38);
  const ac =
    arrowCorners[
      quietestCorner(
        arrowCorners,
        d.occupied,
        [2, 3, 1, 0].filter((k) => k !== taken),
      )
    ];
  d.parts.push(
    `<g class="north" transform="translate(${n1(ac.x + 12)},${n1(ac.y + 16)})"><title>North is up</title>` +
      `<path d="M0,-14L6,4L0,0L-6,4Z" fill="#1d2330" stroke="#fff" stroke-width="1"/>` +
      `${label(0, 16, "N", 'font-size="11" font-weight="700" text-anchor="middle" fill="#1d2330"')}</g>`,
  );
}
