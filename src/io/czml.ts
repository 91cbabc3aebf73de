/**
 * The flight as a CZML document for CesiumJS: an animated missile with a trailing path, plus the
 * planned route, launch point and aimpoint. Run times become absolute instants from an epoch,
 * because CZML has no notion of relative time on the clock.
 */

import { normalizeLon, roundTo } from "../core/rounding.js";
import { thinSampleIndices } from "../core/thin-samples.js";
import type { MissionReportInput, NamedPoint } from "../report/report-data.js";

/** A CZML colour, 0–255 per channel. */
export interface CzmlColor {
  rgba: [number, number, number, number];
}

/** The document clock: what the Cesium timeline shows and how it plays. */
export interface CzmlClock {
  interval: string;
  currentTime: string;
  multiplier: number;
  range: "UNBOUNDED" | "CLAMPED" | "LOOP_STOP";
  step: "TICK_DEPENDENT" | "SYSTEM_CLOCK_MULTIPLIER" | "SYSTEM_CLOCK";
}

/** A position: one fixed [lon, lat, alt] or samples [t, lon, lat, alt, ...] seconds after `epoch`. */
export interface CzmlPosition {
  epoch?: string;
  cartographicDegrees: number[];
  interpolationAlgorithm?: "LINEAR" | "LAGRANGE" | "HERMITE";
  interpolationDegree?: number;
}

/** A point graphic. */
export interface CzmlPoint {
  pixelSize: number;
  color: CzmlColor;
  outlineColor?: CzmlColor;
  outlineWidth?: number;
}

/** A text label next to an entity. */
export interface CzmlLabel {
  text: string;
  font?: string;
  fillColor?: CzmlColor;
  outlineColor?: CzmlColor;
  outlineWidth?: number;
  style?: "FILL" | "OUTLINE" | "FILL_AND_OUTLINE";
  horizontalOrigin?: "LEFT" | "CENTER" | "RIGHT";
  pixelOffset?: { cartesian2: [number, number] };
}

/** A line material: solid or dashed. */
export type CzmlMaterial =
  | { solidColor: { color: CzmlColor } }
  | { polylineDash: { color: CzmlColor; dashLength?: number } };

/** The trail an animated entity leaves behind. */
export interface CzmlPath {
  material: CzmlMaterial;
  width: number;
  leadTime: number;
  trailTime: number;
  resolution?: number;
}

/** A static polyline. */
export interface CzmlPolyline {
  positions: { cartographicDegrees: number[] };
  material: CzmlMaterial;
  width: number;
  arcType?: "NONE" | "GEODESIC" | "RHUMB";
  clampToGround: boolean;
}

/** One CZML packet; the first packet of a document has id "document" and carries the clock. */
export interface CzmlPacket {
  id: string;
  name?: string;
  version?: string;
  description?: string;
  clock?: CzmlClock;
  availability?: string;
  position?: CzmlPosition;
  path?: CzmlPath;
  point?: CzmlPoint;
  label?: CzmlLabel;
  polyline?: CzmlPolyline;
}

const MISSILE: CzmlColor = { rgba: [255, 140, 0, 255] };
const ROUTE: CzmlColor = { rgba: [80, 180, 255, 255] };
const LAUNCH: CzmlColor = { rgba: [60, 200, 90, 255] };
const AIM: CzmlColor = { rgba: [230, 40, 40, 255] };
const WHITE: CzmlColor = { rgba: [255, 255, 255, 255] };
const BLACK: CzmlColor = { rgba: [0, 0, 0, 255] };

/** Wall-clock seconds the whole flight takes to play back at the default multiplier. */
const PLAYBACK_S = 60;

/** A CZML document (array of packets) for the run, with sample times counted from `epochIso`. */
export function trajectoryToCzml(
  input: MissionReportInput,
  epochIso = "2026-01-01T00:00:00Z",
): CzmlPacket[] {
  const epochMs = Date.parse(epochIso);
  if (!Number.isFinite(epochMs)) throw new RangeError(`not an ISO 8601 instant: "${epochIso}"`);
  const iso = (t: number): string => new Date(epochMs + Math.round(t * 1000)).toISOString();
  const epoch = iso(0);

  const { samples } = input;
  const t = samples.column("t_s");
  const lat = samples.column("lat_deg");
  const lon = samples.column("lon_deg");
  const alt = samples.column("alt_m");

  const cart: number[] = [];
  let lastT = Number.NEGATIVE_INFINITY;
  for (const i of thinSampleIndices(samples)) {
    const ti = roundTo(t[i], 6);
    if (![ti, lat[i], lon[i], alt[i]].every(Number.isFinite)) {
      throw new RangeError(`non-finite sample at row ${i + 1}`);
    }
    if (ti < lastT) throw new RangeError(`time goes backwards at row ${i + 1}`);
    // Cesium wants strictly increasing times; a repeated time (e.g. at a phase switch) keeps the
    // later state, which is the one the run continued from.
    if (ti === lastT) cart.length -= 4;
    cart.push(ti, roundTo(normalizeLon(lon[i]), 7), roundTo(lat[i], 7), roundTo(alt[i], 2));
    lastT = ti;
  }

  const t0 = t.length > 0 ? t[0] : 0;
  const t1 = t.length > 0 ? t[t.length - 1] : 0;
  const interval = `${iso(t0)}/${iso(t1)}`;
  const duration = t1 - t0;

  const doc: CzmlPacket[] = [
    {
      id: "document",
      name: input.title,
      version: "1.0",
      clock: {
        interval,
        currentTime: iso(t0),
        multiplier: Math.max(1, Math.round(duration / PLAYBACK_S)),
        range: "LOOP_STOP",
        step: "SYSTEM_CLOCK_MULTIPLIER",
      },
    },
  ];

  if (cart.length > 0) {
    doc.push({
      id: "missile",
      name: input.title,
      description: `${input.generator}, scenario ${input.scenarioFile}`,
      availability: interval,
      position: { epoch, cartographicDegrees: cart, interpolationAlgorithm: "LINEAR" },
      path: {
        material: { solidColor: { color: MISSILE } },
        width: 2,
        leadTime: 0,
        trailTime: roundTo(duration, 3),
        // Cesium samples the trail at least this often (s) besides at every data sample.
        resolution: 5,
      },
      point: { pixelSize: 9, color: MISSILE, outlineColor: BLACK, outlineWidth: 1 },
      label: label(input.title, MISSILE),
    });
  }

  const route = [input.launch, ...input.waypoints, input.aimpoint];
  doc.push({
    id: "planned-route",
    name: "planned route",
    polyline: {
      positions: { cartographicDegrees: route.flatMap(cartographic) },
      material: { polylineDash: { color: ROUTE, dashLength: 16 } },
      width: 2,
      arcType: "GEODESIC",
      clampToGround: false,
    },
  });
  doc.push(staticPoint("launch", input.launch, LAUNCH, `launch: ${input.launch.name}`));
  input.waypoints.forEach((wp, k) => {
    doc.push(staticPoint(`waypoint-${k + 1}`, wp, ROUTE, wp.name));
  });
  doc.push(staticPoint("aimpoint", input.aimpoint, AIM, `aimpoint: ${input.aimpoint.name}`));
  return doc;
}

/** CZML text with one packet per line: loads anywhere JSON does and still diffs usefully. */
export function czmlText(doc: readonly CzmlPacket[]): string {
  return `[\n${doc.map((p) => JSON.stringify(p)).join(",\n")}\n]\n`;
}

function cartographic(p: NamedPoint): [number, number, number] {
  if (![p.lon_deg, p.lat_deg, p.alt_m].every(Number.isFinite)) {
    throw new RangeError(`non-finite position for "${p.name}"`);
  }
  return [roundTo(normalizeLon(p.lon_deg), 7), roundTo(p.lat_deg, 7), roundTo(p.alt_m, 2)];
}

function label(text: string, color: CzmlColor): CzmlLabel {
  return {
    text,
    font: "14px sans-serif",
    fillColor: color,
    outlineColor: BLACK,
    outlineWidth: 2,
    style: "FILL_AND_OUTLINE",
    horizontalOrigin: "LEFT",
    pixelOffset: { cartesian2: [12, 0] },
  };
}

function staticPoint(id: string, p: NamedPoint, color: CzmlColor, text: string): CzmlPacket {
  return {
    id,
    name: p.name,
    position: { cartographicDegrees: cartographic(p) },
    point: { pixelSize: 10, color, outlineColor: WHITE, outlineWidth: 2 },
    label: label(text, color),
  };
}
