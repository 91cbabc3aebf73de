/** The map's circles on the ground (a seeker's search footprint): outlined, lightly filled, labelled. */

import { escapeHtml } from "./html-page.js";
import type { TerrainMapInput } from "./map-input.js";
import { degreesFor } from "./map-projection.js";
import { type MapDrawing, n1 } from "./map-svg.js";

const CIRCLE_COLOR = "#7b3294";

/** Draws each circle as an ellipse in the map's projection, with a legend row. */
export function drawCircles(d: MapDrawing, circles: NonNullable<TerrainMapInput["circles"]>): void {
  const { P } = d;
  for (const c of circles) {
    if (!(c.radius_m > 0 && Number.isFinite(c.radius_m))) continue;
    const color = /^#[0-9a-fA-F]{6}$/.test(c.color ?? "") ? (c.color as string) : CIRCLE_COLOR;
    const { dLat, dLon } = degreesFor(c.radius_m, c.lat_deg);
    const x = P.x(P.lon(c.lon_deg));
    const y = P.y(c.lat_deg);
    const rx = Math.abs(P.x(P.lon(c.lon_deg + dLon)) - x);
    const ry = Math.abs(P.y(c.lat_deg + dLat) - y);
    d.parts.push(
      `<g class="circle"><title>${escapeHtml(`${c.label}: ${c.radius_m.toFixed(0)} m radius`)}</title>` +
        `<ellipse cx="${n1(x)}" cy="${n1(y)}" rx="${n1(rx)}" ry="${n1(ry)}" fill="${color}" fill-opacity="0.12" stroke="${color}" stroke-width="1.8"/></g>`,
    );
    d.legend.push({
      rank: 0.6,
      mark: `<circle r="6" fill="${color}" fill-opacity="0.12" stroke="${color}" stroke-width="1.5"/>`,
      text: c.label,
    });
  }
}
