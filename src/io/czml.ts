/**
 * Flights as CZML documents for CesiumJS: each missile animated with a trailing path, its planned
 * route, launch point, waypoints and aimpoint, and the air-defence sites with their engagement
 * envelopes. Run times become absolute instants from the scenario's epoch, because CZML has no
 * notion of relative time on the clock; a missile launched later (a salvo's) starts later on the
 * same clock. Every height is geodetic (metres above the WGS-84 ellipsoid), which is what CZML's
 * cartographicDegrees mean: callers turn heights above the ground into that before they get here.
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
  forwardExtrapolationType?: "NONE" | "HOLD" | "EXTRAPOLATE";
  backwardExtrapolationType?: "NONE" | "HOLD" | "EXTRAPOLATE";
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

/** A circle round the entity's position (m), extruded between two heights above the ellipsoid. */
export interface CzmlEllipse {
  semiMajorAxis: number;
  semiMinorAxis: number;
  height: number;
  extrudedHeight: number;
  fill: boolean;
  material: { solidColor: { color: CzmlColor } };
  outline: boolean;
  outlineColor: CzmlColor;
  numberOfVerticalLines?: number;
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
  ellipse?: CzmlEllipse;
}

/** A geodetic position: degrees, metres above the WGS-84 ellipsoid. */
export type CzmlGeoPoint = Pick<NamedPoint, "lat_deg" | "lon_deg" | "alt_m">;

/** An air-defence site to show: a point at the ground and, for a SAM, its envelope. */
export interface CzmlSite {
  readonly name: string;
  /** What it is, for the label: "search radar" or the SAM's preset. */
  readonly kind: string;
  readonly lat_deg: number;
  readonly lon_deg: number;
  /** Ground height at the site above the ellipsoid, m. */
  readonly ground_m: number;
  /** Engagement envelope: maximum range (m) and heights above the ground (m); null: none. */
  readonly envelope: {
    readonly max_range_m: number;
    readonly min_alt_m: number;
    readonly max_alt_m: number;
  } | null;
}

/** What a document needs beyond one flight's report input. */
export interface CzmlOptions {
  /** The scenario's time zero as an ISO 8601 instant. */
  readonly epochIso?: string;
  /** The missile's launch time after the epoch, s (a salvo's missiles launch at different times). */
  readonly launch_s?: number;
  /** The planned route to draw, geodetic (default: launch, waypoints and aimpoint joined). */
  readonly route?: readonly CzmlGeoPoint[];
  /** Air-defence sites to show. */
  readonly sites?: readonly CzmlSite[];
}

/** One missile of a combined (salvo) document. */
export interface CzmlFlight {
  /** A short id, unique in the document (e.g. the missile's output folder). */
  readonly id: string;
  /** The missile's name, its label. */
  readonly name: string;
  readonly input: Pick<MissionReportInput, "samples" | "launch" | "waypoints" | "aimpoint">;
  /** Launch time after the epoch, s. */
  readonly launch_s: number;
  /** Its planned route, geodetic (default: launch, waypoints and aimpoint joined). */
  readonly route?: readonly CzmlGeoPoint[];
}

/** Time zero of a document when the scenario gives none. */
export const DEFAULT_EPOCH = "2026-01-01T00:00:00Z";

const MISSILE: CzmlColor = { rgba: [255, 140, 0, 255] };
const ROUTE: CzmlColor = { rgba: [80, 180, 255, 255] };
const LAUNCH: CzmlColor = { rgba: [60, 200, 90, 255] };
const AIM: CzmlColor = { rgba: [230, 40, 40, 255] };
const SITE: CzmlColor = { rgba: [200, 60, 200, 255] };
const ENVELOPE: CzmlColor = { rgba: [200, 60, 200, 40] };
const ENVELOPE_EDGE: CzmlColor = { rgba: [200, 60, 200, 160] };
const WHITE: CzmlColor = { rgba: [255, 255, 255, 255] };
const BLACK: CzmlColor = { rgba: [0, 0, 0, 255] };

/** Wall-clock seconds the whole flight takes to play back at the default multiplier. */
const PLAYBACK_S = 60;

/** A document's clock arithmetic: instants from seconds after the epoch, to whole milliseconds. */
export class Timeline {
  readonly epochMs: number;
  readonly epoch: string;

  constructor(epochIso: string) {
    this.epochMs = Date.parse(epochIso);
    if (!Number.isFinite(this.epochMs)) {
      throw new RangeError(`not an ISO 8601 instant: "${epochIso}"`);
    }
    this.epoch = new Date(this.epochMs).toISOString();
  }

  /**
   * The interval from t0 to t1 (s after the epoch), widened outwards to whole milliseconds so it
   * holds the first and the last sample (a rounded end could fall just before the last one, and
   * Cesium hides an entity outside its availability). The 1 µs slack keeps 12.3 s at 12.300 s.
   */
  interval(t0_s: number, t1_s: number): string {
    const a = Math.floor(t0_s * 1000 + 1e-3);
    const b = Math.ceil(t1_s * 1000 - 1e-3);
    return `${this.at(a)}/${this.at(Math.max(a, b))}`;
  }

  private at(ms: number): string {
    return new Date(this.epochMs + ms).toISOString();
  }
}

/** A missile's time-tagged [t, lon, lat, alt, ...] (t: s after the epoch) and its time span. */
function missileSamples(
  input: Pick<MissionReportInput, "samples">,
  launch_s: number,
): { cart: number[]; t0_s: number; t1_s: number } {
  if (!Number.isFinite(launch_s)) throw new RangeError(`non-finite launch time ${launch_s}`);
  const { samples } = input;
  const t = samples.column("t_s");
  const lat = samples.column("lat_deg");
  const lon = samples.column("lon_deg");
  const alt = samples.column("alt_m");
  const cart: number[] = [];
  let lastT = Number.NEGATIVE_INFINITY;
  for (const i of thinSampleIndices(samples)) {
    // Whole milliseconds, the resolution of the availability instants, so the interval's ends are
    // the first and last samples themselves.
    const ti = roundTo(launch_s + t[i], 3);
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
  const n = cart.length;
  return n > 0
    ? { cart, t0_s: cart[0], t1_s: cart[n - 4] }
    : { cart, t0_s: launch_s, t1_s: launch_s };
}

function missilePacket(
  id: string,
  name: string,
  description: string,
  timeline: Timeline,
  s: { cart: number[]; t0_s: number; t1_s: number },
): CzmlPacket {
  return {
    id,
    name,
    description,
    availability: timeline.interval(s.t0_s, s.t1_s),
    position: {
      epoch: timeline.epoch,
      cartographicDegrees: s.cart,
      interpolationAlgorithm: "LINEAR",
      // Cesium has no position outside the samples; holding the ends covers an instant that
      // rounds a hair past the last sample (JulianDate arithmetic), so the impact stays shown.
      forwardExtrapolationType: "HOLD",
      backwardExtrapolationType: "HOLD",
    },
    path: {
      material: { solidColor: { color: MISSILE } },
      width: 2,
      leadTime: 0,
      trailTime: roundTo(s.t1_s - s.t0_s, 3),
      // Cesium samples the trail at least this often (s) besides at every data sample.
      resolution: 5,
    },
    point: { pixelSize: 9, color: MISSILE, outlineColor: BLACK, outlineWidth: 1 },
    label: label(name, MISSILE),
  };
}

function documentPacket(name: string, timeline: Timeline, t0_s: number, t1_s: number): CzmlPacket {
  const interval = timeline.interval(t0_s, t1_s);
  return {
    id: "document",
    name,
    version: "1.0",
    clock: {
      interval,
      currentTime: interval.slice(0, interval.indexOf("/")),
      multiplier: Math.max(1, Math.round((t1_s - t0_s) / PLAYBACK_S)),
      range: "LOOP_STOP",
      step: "SYSTEM_CLOCK_MULTIPLIER",
    },
  };
}

/**
 * A CZML document (array of packets) for one flight: sample times count from the epoch plus the
 * missile's launch time (default 0), so a salvo missile's file starts when it was launched.
 */
export function trajectoryToCzml(input: MissionReportInput, opts: CzmlOptions = {}): CzmlPacket[] {
  const timeline = new Timeline(opts.epochIso ?? DEFAULT_EPOCH);
  const s = missileSamples(input, opts.launch_s ?? 0);
  const doc: CzmlPacket[] = [documentPacket(input.title, timeline, s.t0_s, s.t1_s)];
  if (s.cart.length > 0) {
    const about = `${input.generator}, scenario ${input.scenarioFile}`;
    doc.push(missilePacket("missile", input.title, about, timeline, s));
  }
  doc.push(routePacket("planned-route", "planned route", opts.route ?? defaultRoute(input)));
  doc.push(staticPoint("launch", input.launch, LAUNCH, roleLabel("release", input.launch.name)));
  input.waypoints.forEach((wp, k) => {
    doc.push(staticPoint(`waypoint-${k + 1}`, wp, ROUTE, wp.name));
  });
  doc.push(
    staticPoint("aimpoint", input.aimpoint, AIM, roleLabel("aimpoint", input.aimpoint.name)),
  );
  doc.push(...sitePackets(opts.sites ?? []));
  return doc;
}

/**
 * One document for a whole salvo: every missile on one clock from the epoch, each starting at its
 * own launch time, so a replay shows the arrivals bunching into the time-on-target window. Launch
 * points and aimpoints that missiles share appear once.
 */
export function salvoToCzml(
  title: string,
  flights: readonly CzmlFlight[],
  opts: Pick<CzmlOptions, "epochIso" | "sites"> & {
    /** Times (s after the epoch) the clock must also cover, e.g. aircraft and interceptors. */
    readonly span_s?: readonly number[];
  } = {},
): CzmlPacket[] {
  const timeline = new Timeline(opts.epochIso ?? DEFAULT_EPOCH);
  const tracks = flights.map((f) => missileSamples(f.input, f.launch_s));
  const flown = tracks.filter((s) => s.cart.length > 0);
  const ends = [...flown.flatMap((s) => [s.t0_s, s.t1_s]), ...(opts.span_s ?? [])];
  const t0 = ends.length > 0 ? Math.min(...ends) : 0;
  const t1 = ends.length > 0 ? Math.max(...ends) : 0;
  const doc: CzmlPacket[] = [documentPacket(title, timeline, t0, t1)];
  const ids = new Set<string>();
  const shared = new Map<string, CzmlPacket>();
  const once = (kind: string, p: NamedPoint, color: CzmlColor, text: string): void => {
    const key = `${kind}|${p.name}|${cartographic(p).join(",")}`;
    if (!shared.has(key))
      shared.set(key, staticPoint(`${kind}-${shared.size + 1}`, p, color, text));
  };
  flights.forEach((f, k) => {
    if (ids.has(f.id)) throw new RangeError(`two missiles with the id "${f.id}"`);
    ids.add(f.id);
    const s = tracks[k];
    const about = `launched ${roundTo(f.launch_s, 2)} s after the epoch`;
    if (s.cart.length > 0) doc.push(missilePacket(f.id, f.name, about, timeline, s));
    doc.push(
      routePacket(`${f.id}/route`, `${f.name}: planned route`, f.route ?? defaultRoute(f.input)),
    );
    f.input.waypoints.forEach((wp, j) => {
      doc.push(staticPoint(`${f.id}/waypoint-${j + 1}`, wp, ROUTE, `${f.name}: ${wp.name}`));
    });
    once("launch", f.input.launch, LAUNCH, roleLabel("release", f.input.launch.name));
    once("aimpoint", f.input.aimpoint, AIM, roleLabel("aimpoint", f.input.aimpoint.name));
  });
  doc.push(...shared.values(), ...sitePackets(opts.sites ?? []));
  return doc;
}

/** CZML text with one packet per line: loads anywhere JSON does and still diffs usefully. */
export function czmlText(doc: readonly CzmlPacket[]): string {
  return `[\n${doc.map((p) => JSON.stringify(p)).join(",\n")}\n]\n`;
}

/** A point's label: its own name, prefixed with its role unless the name already says it. */
function roleLabel(role: string, name: string): string {
  return name.toLowerCase().includes(role) ? name : `${role}: ${name}`;
}

function defaultRoute(input: Pick<MissionReportInput, "launch" | "waypoints" | "aimpoint">) {
  return [input.launch, ...input.waypoints, input.aimpoint];
}

function cartographic(p: CzmlGeoPoint & { name?: string }): [number, number, number] {
  if (![p.lon_deg, p.lat_deg, p.alt_m].every(Number.isFinite)) {
    throw new RangeError(`non-finite position for "${p.name ?? "a route point"}"`);
  }
  return [roundTo(normalizeLon(p.lon_deg), 7), roundTo(p.lat_deg, 7), roundTo(p.alt_m, 2)];
}

function routePacket(id: string, name: string, route: readonly CzmlGeoPoint[]): CzmlPacket {
  return {
    id,
    name,
    polyline: {
      positions: { cartographicDegrees: route.flatMap((p) => cartographic(p)) },
      material: { polylineDash: { color: ROUTE, dashLength: 16 } },
      width: 2,
      arcType: "GEODESIC",
      clampToGround: false,
    },
  };
}

/** A label in a colour, beside its entity. */
export function label(text: string, color: CzmlColor): CzmlLabel {
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

/**
 * Each site as a point and label on the ground; a SAM also as a translucent cylinder of its
 * maximum engagement range between its lowest and highest engagement heights above the site's
 * ground (the envelope's heights are above the ground under the target, so over rough terrain
 * this is the envelope as seen from the site, not its exact shape).
 */
function sitePackets(sites: readonly CzmlSite[]): CzmlPacket[] {
  return sites.flatMap((s, k): CzmlPacket[] => {
    const id = `site-${k + 1}`;
    const at = { name: s.name, lat_deg: s.lat_deg, lon_deg: s.lon_deg, alt_m: s.ground_m };
    const site: CzmlPacket = {
      ...staticPoint(id, at, SITE, `${s.name} (${s.kind})`),
      description: `${s.kind}${s.envelope ? `, engagement range ${roundTo(s.envelope.max_range_m / 1000, 1)} km` : ""}`,
    };
    const e = s.envelope;
    if (!e) return [site];
    if (![e.max_range_m, e.min_alt_m, e.max_alt_m].every(Number.isFinite) || e.max_range_m <= 0) {
      throw new RangeError(`bad engagement envelope for "${s.name}"`);
    }
    return [
      site,
      {
        id: `${id}-envelope`,
        name: `${s.name}: engagement envelope`,
        position: { cartographicDegrees: cartographic(at) },
        ellipse: {
          semiMajorAxis: roundTo(e.max_range_m, 1),
          semiMinorAxis: roundTo(e.max_range_m, 1),
          height: roundTo(s.ground_m + e.min_alt_m, 1),
          extrudedHeight: roundTo(s.ground_m + e.max_alt_m, 1),
          fill: true,
          material: { solidColor: { color: ENVELOPE } },
          outline: true,
          outlineColor: ENVELOPE_EDGE,
          numberOfVerticalLines: 0,
        },
      },
    ];
  });
}
