/**
 * salvo.czml: every flyer of a salvo on one CesiumJS timeline, each from its own launch time —
 * missiles and decoys (with their planned routes), the launch aircraft, every interceptor (a point
 * with a short trail from its site to where its engagement ended, shown from its launch to that
 * end) and a marker where each flyer was shot down or arrived, shown from then on.
 */

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { normalizeLon, roundTo } from "../core/rounding.js";
import type { InterceptorShot } from "../engine/salvo-timeline.js";
import type { AircraftFlight } from "../mission/aircraft-flight.js";
import type { MissionParams } from "../mission/mission-params.js";
import type { MissionResult } from "../mission/simulate.js";
import type { SalvoFlyerRow } from "../report/salvo-report.js";
import type { AirDefenceParams } from "../threats/air-defence.js";
import {
  type CzmlColor,
  type CzmlPacket,
  czmlText,
  DEFAULT_EPOCH,
  label,
  salvoToCzml,
  Timeline,
} from "./czml.js";
import { defenceSites, missionPoints, plannedRoutePoints } from "./mission-points.js";

/** One flown missile of a salvo, as the salvo writer has it. */
export interface SalvoCzmlFlight {
  /** Unique short id (its output folder) and its name. */
  readonly id: string;
  readonly name: string;
  readonly params: MissionParams;
  readonly result: Pick<MissionResult, "samples" | "summary">;
  /** Launch time after the salvo's time zero, s. */
  readonly launch_s: number;
}

/** What the shared world adds: the launch aircraft, the interceptors and each flyer's fate. */
export interface SalvoCzmlWorld {
  readonly aircraft: readonly AircraftFlight[];
  readonly shots: readonly InterceptorShot[];
  /** Fates: the members in order, then the aircraft (engine/salvo-report-data.ts). */
  readonly flyers: readonly SalvoFlyerRow[];
}

const AIRCRAFT: CzmlColor = { rgba: [90, 170, 255, 255] };
const INTERCEPTOR: Record<InterceptorShot["end"], CzmlColor> = {
  kill: { rgba: [255, 60, 40, 255] },
  miss: { rgba: [255, 255, 255, 255] },
  wasted: { rgba: [170, 170, 170, 255] },
  "in flight": { rgba: [255, 255, 255, 255] },
};
const KILL: CzmlColor = { rgba: [255, 40, 40, 255] };
const ARRIVED: CzmlColor = { rgba: [0, 200, 140, 255] };
const LEAKED: CzmlColor = { rgba: [230, 120, 200, 255] };
const BLACK: CzmlColor = { rgba: [0, 0, 0, 255] };
/** Trail of an interceptor, s: enough to see where it comes from, not a line across the map. */
const INTERCEPTOR_TRAIL_S = 4;

type Lla = [number, number, number];

/** A flyer's position at salvo time t (s), interpolated in its samples; null outside them. */
function positionAt(
  t: readonly number[] | Float64Array,
  lla: (i: number) => Lla,
  at: number,
): Lla | null {
  const n = t.length;
  if (n === 0) return null;
  if (at <= t[0]) return lla(0);
  if (at >= t[n - 1]) return lla(n - 1);
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (t[mid] <= at) lo = mid;
    else hi = mid;
  }
  const a = lla(lo);
  const b = lla(hi);
  const w = t[hi] > t[lo] ? (at - t[lo]) / (t[hi] - t[lo]) : 0;
  return [a[0] + w * (b[0] - a[0]), a[1] + w * (b[1] - a[1]), a[2] + w * (b[2] - a[2])];
}

function cart(p: Lla): number[] {
  return [roundTo(normalizeLon(p[0]), 7), roundTo(p[1], 7), roundTo(p[2], 2)];
}

/** The aircraft, interceptor and fate-marker packets. */
function worldPackets(
  timeline: Timeline,
  flights: readonly SalvoCzmlFlight[],
  defence: AirDefenceParams | null,
  world: SalvoCzmlWorld,
  end_s: number,
): CzmlPacket[] {
  const out: CzmlPacket[] = [];
  // Where each flyer was at salvo time t: a member from its samples, an aircraft from its track.
  const where = flights.map((f) => {
    const s = f.result.samples;
    const tt = Array.from(s.column("t_s"), (x) => x + f.launch_s);
    const lat = s.column("lat_deg");
    const lon = s.column("lon_deg");
    const alt = s.column("alt_m");
    return (at: number) => positionAt(tt, (i) => [lon[i], lat[i], alt[i]], at);
  });
  for (const a of world.aircraft) {
    const tt = a.samples.map((p) => p.t_s);
    where.push((at: number) =>
      positionAt(tt, (i) => [a.samples[i].lon_deg, a.samples[i].lat_deg, a.samples[i].alt_m], at),
    );
  }
  world.aircraft.forEach((a, j) => {
    if (a.samples.length === 0) return;
    const t0 = a.samples[0].t_s;
    const t1 = a.samples[a.samples.length - 1].t_s;
    out.push({
      id: `aircraft-${j + 1}`,
      name: a.name,
      description: `${a.platform}; ${a.fate}${a.killed_by ? ` (shot down by ${a.killed_by})` : ""}`,
      availability: timeline.interval(t0, t1),
      position: {
        epoch: timeline.epoch,
        cartographicDegrees: a.samples.flatMap((p) => [
          roundTo(p.t_s, 3),
          ...cart([p.lon_deg, p.lat_deg, p.alt_m]),
        ]),
        interpolationAlgorithm: "LINEAR",
        forwardExtrapolationType: "HOLD",
        backwardExtrapolationType: "HOLD",
      },
      path: {
        material: { solidColor: { color: AIRCRAFT } },
        width: 2,
        leadTime: 0,
        trailTime: roundTo(t1 - t0, 3),
        resolution: 5,
      },
      point: { pixelSize: 11, color: AIRCRAFT, outlineColor: BLACK, outlineWidth: 1 },
      label: label(a.name, AIRCRAFT),
    });
  });
  const sites = flights.length > 0 ? defenceSites(flights[0].params, defence) : [];
  world.shots.forEach((s, i) => {
    const site = sites.find((x) => x.name === s.site);
    const to = where[s.flyer]?.(s.end_s) ?? null;
    if (!site || !to) return;
    const from: Lla = [site.lon_deg, site.lat_deg, site.ground_m];
    const t1 = Math.max(s.end_s, s.launch_s + 1e-3);
    const target = world.flyers[s.flyer]?.name ?? `flyer ${s.flyer + 1}`;
    out.push({
      id: `interceptor-${i + 1}`,
      name: `${s.site} interceptor ${i + 1}`,
      description: `fired at ${target} at ${roundTo(s.launch_s, 1)} s; ${s.end} at ${roundTo(s.end_s, 1)} s`,
      availability: timeline.interval(s.launch_s, t1),
      position: {
        epoch: timeline.epoch,
        cartographicDegrees: [roundTo(s.launch_s, 3), ...cart(from), roundTo(t1, 3), ...cart(to)],
        interpolationAlgorithm: "LINEAR",
        forwardExtrapolationType: "HOLD",
        backwardExtrapolationType: "HOLD",
      },
      path: {
        material: { solidColor: { color: INTERCEPTOR[s.end] } },
        width: 1.5,
        leadTime: 0,
        trailTime: INTERCEPTOR_TRAIL_S,
      },
      point: { pixelSize: 5, color: INTERCEPTOR[s.end], outlineColor: BLACK, outlineWidth: 1 },
    });
  });
  world.flyers.forEach((f, k) => {
    const kind =
      f.fate === "killed" || f.fate === "aircraft killed"
        ? "kill"
        : f.fate === "arrived"
          ? "arrived"
          : f.fate === "leaked, missed"
            ? "leaked"
            : null;
    if (!kind || f.at_s === null) return;
    const p = where[k]?.(f.at_s) ?? null;
    if (!p) return;
    const color = kind === "kill" ? KILL : kind === "arrived" ? ARRIVED : LEAKED;
    const text = kind === "kill" ? `${f.name} shot down by ${f.by}` : `${f.name} ${f.fate}`;
    out.push({
      id: `${kind}-${k + 1}`,
      name: text,
      availability: timeline.interval(f.at_s, Math.max(end_s, f.at_s)),
      position: { cartographicDegrees: cart(p) },
      point: { pixelSize: 12, color, outlineColor: BLACK, outlineWidth: 2 },
      label: label(text, color),
    });
  });
  return out;
}

/** Write dir/salvo.czml for the salvo's flights, air defence and shared world; returns its path. */
export function writeSalvoCzml(
  dir: string,
  title: string,
  flights: readonly SalvoCzmlFlight[],
  defence: AirDefenceParams | null,
  world: SalvoCzmlWorld = { aircraft: [], shots: [], flyers: [] },
): string {
  const path = join(dir, "salvo.czml");
  writeFileSync(path, czmlText(salvoCzml(title, flights, defence, world)));
  return path;
}

/** The salvo's CZML document (see the file's comment). */
export function salvoCzml(
  title: string,
  flights: readonly SalvoCzmlFlight[],
  defence: AirDefenceParams | null,
  world: SalvoCzmlWorld = { aircraft: [], shots: [], flyers: [] },
): CzmlPacket[] {
  const span = [
    ...world.aircraft.flatMap((a) => a.samples.map((p) => p.t_s)),
    ...world.shots.flatMap((s) => [s.launch_s, s.end_s]),
  ];
  const doc = salvoToCzml(
    title,
    flights.map((f) => ({
      id: f.id,
      name: f.name,
      input: { samples: f.result.samples, ...missionPoints(f.params, f.result) },
      launch_s: f.launch_s,
      route: plannedRoutePoints(f.params),
    })),
    {
      sites: flights.length > 0 ? defenceSites(flights[0].params, defence) : [],
      ...(span.length > 0 ? { span_s: [Math.min(...span), Math.max(...span)] } : {}),
    },
  );
  const ends = [...flights.map((f) => f.launch_s + f.result.summary.flight_time_s), ...span];
  const end_s = ends.length > 0 ? Math.max(...ends) : 0;
  return [...doc, ...worldPackets(new Timeline(DEFAULT_EPOCH), flights, defence, world, end_s)];
}
