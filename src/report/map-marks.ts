/**
 * How the terrain map marks things: the colours of the track, sites, extra tracks, areas and
 * coverage layers, and the marker shape and colour of each kind of event.
 */

import type { MapEvent, MapSite } from "./map-input.js";
import { n1 } from "./map-svg.js";

/** Marker shapes of events. */
export type Shape =
  | "circle"
  | "ring"
  | "diamond"
  | "square"
  | "triangle"
  | "triangle-down"
  | "star"
  | "x"
  | "plus";

/** How one kind of event is marked. */
export interface MarkStyle {
  readonly shape: Shape;
  readonly color: string;
}

/** Marker per event kind (Okabe–Ito colours where they fit); unknown kinds take FALLBACK_STYLES in turn. */
const EVENT_STYLES: Readonly<Record<string, MarkStyle>> = {
  detected: { shape: "circle", color: "#e69f00" },
  tracked: { shape: "diamond", color: "#d55e00" },
  lost: { shape: "ring", color: "#6e6e6e" },
  launch: { shape: "star", color: "#cc0033" },
  kill: { shape: "x", color: "#000000" },
  miss: { shape: "plus", color: "#0072b2" },
  survived: { shape: "square", color: "#009e73" },
  jammed: { shape: "triangle-down", color: "#7b3294" },
};
const FALLBACK_STYLES: readonly MarkStyle[] = [
  { shape: "diamond", color: "#8c6d31" },
  { shape: "square", color: "#cc79a7" },
  { shape: "triangle-down", color: "#56b4e9" },
  { shape: "circle", color: "#999999" },
  { shape: "plus", color: "#8c6d31" },
  { shape: "ring", color: "#cc79a7" },
];
/** Site colours (also their rings and coverage tint). */
export const SITE_COLORS = [
  "#d7301f",
  "#7b3294",
  "#e66101",
  "#1b7837",
  "#2166ac",
  "#c51b7d",
  "#8c510a",
  "#4d4d4d",
];
/** The flown (or planned) track and the route points. */
export const TRACK_COLOR = "#1d2330";
/** Colours of extra tracks in turn (Okabe–Ito blue, vermilion, bluish green, reddish purple). */
export const EXTRA_TRACK_COLORS = [
  "#0072b2",
  "#d55e00",
  "#009e73",
  "#cc79a7",
  "#e69f00",
  "#56b4e9",
];
/** Outline and tint of areas (no-fly). */
export const AREA_COLOR = "#b2182b";
/** Colours of coverage layers that belong to no one site, in turn. */
const COVERAGE_COLORS = ["#e7298a", "#d95f02", "#7570b3"];

/** The colour of a site by name (its index in sites), else the next palette colour after the sites. */
export function siteColor(sites: readonly MapSite[], name: string, layer: number): string {
  const k = sites.findIndex((s) => s.name === name);
  // A layer of no one site (e.g. the whole defence's coverage) gets its own colours, never the
  // blue of the sea it would be mistaken for.
  return k >= 0
    ? SITE_COLORS[k % SITE_COLORS.length]
    : COVERAGE_COLORS[layer % COVERAGE_COLORS.length];
}

/**
 * The style of each event kind, in order of first appearance (known kinds from EVENT_STYLES,
 * others from FALLBACK_STYLES in turn), and how many events each kind has.
 */
export function eventStyles(events: readonly MapEvent[]): {
  styles: Map<string, MarkStyle>;
  counts: Map<string, number>;
} {
  const styles = new Map<string, MarkStyle>();
  const counts = new Map<string, number>();
  let fallback = 0;
  for (const e of events) {
    if (!styles.has(e.kind)) {
      const known = Object.hasOwn(EVENT_STYLES, e.kind) ? EVENT_STYLES[e.kind] : undefined;
      styles.set(e.kind, known ?? FALLBACK_STYLES[fallback++ % FALLBACK_STYLES.length]);
    }
    counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  }
  return { styles, counts };
}

/** An SVG element drawing a marker shape of half-size r centred on (x, y). */
export function marker(shape: Shape, x: number, y: number, r: number, color: string): string {
  const fill = `fill="${color}" stroke="#fff" stroke-width="1.2"`;
  const pts = (p: [number, number][]) =>
    `<polygon points="${p.map(([a, b]) => `${n1(x + a)},${n1(y + b)}`).join(" ")}" ${fill}/>`;
  switch (shape) {
    case "circle":
      return `<circle cx="${n1(x)}" cy="${n1(y)}" r="${n1(r)}" ${fill}/>`;
    case "ring":
      return `<circle cx="${n1(x)}" cy="${n1(y)}" r="${n1(r * 0.85)}" fill="#fff" fill-opacity="0.6" stroke="${color}" stroke-width="2"/>`;
    case "square":
      return `<rect x="${n1(x - r * 0.85)}" y="${n1(y - r * 0.85)}" width="${n1(1.7 * r)}" height="${n1(1.7 * r)}" ${fill}/>`;
    case "diamond":
      return pts([
        [0, -r * 1.2],
        [r * 1.2, 0],
        [0, r * 1.2],
        [-r * 1.2, 0],
      ]);
    case "triangle":
      return pts([
        [0, -r * 1.15],
        [r, r * 0.75],
        [-r, r * 0.75],
      ]);
    case "triangle-down":
      return pts([
        [0, r * 1.15],
        [r, -r * 0.75],
        [-r, -r * 0.75],
      ]);
    case "star": {
      const p: [number, number][] = [];
      for (let k = 0; k < 10; k++) {
        const a = (k * Math.PI) / 5;
        const rr = k % 2 === 0 ? r * 1.35 : r * 0.6;
        p.push([rr * Math.sin(a), -rr * Math.cos(a)]);
      }
      return pts(p);
    }
    case "x":
    case "plus": {
      const d =
        shape === "x"
          ? `M${n1(x - r)},${n1(y - r)}L${n1(x + r)},${n1(y + r)}M${n1(x - r)},${n1(y + r)}L${n1(x + r)},${n1(y - r)}`
          : `M${n1(x - r * 1.2)},${n1(y)}L${n1(x + r * 1.2)},${n1(y)}M${n1(x)},${n1(y - r * 1.2)}L${n1(x)},${n1(y + r * 1.2)}`;
      return (
        `<path d="${d}" stroke="#fff" stroke-width="5" stroke-linecap="round"/>` +
        `<path d="${d}" stroke="${color}" stroke-width="2.6" stroke-linecap="round"/>`
      );
    }
  }
}
