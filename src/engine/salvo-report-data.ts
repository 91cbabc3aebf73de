/**
 * What the salvo's report and CZML show of the engagement, assembled from a flown salvo: each
 * flyer's fate (arrived, shot down and by whom, leaked but missed, decoy; launch aircraft survived
 * or killed) with the shots taken at it, each SAM site's timeline (salvo-timeline.ts) and every
 * interceptor fired. Plain data, so report/ and io/ draw it without knowing the engine.
 */

import type { AircraftFlight } from "../mission/aircraft-flight.js";
import type { SalvoFlyerRow, SalvoSiteRow } from "../report/salvo-report.js";
import type { NetworkEvent } from "../threats/defence-network.js";
import type { AirDefenceParams, SiteTotals } from "../threats/defence-types.js";
import { type InterceptorShot, interceptorShots, siteTimelines } from "./salvo-timeline.js";
import type { SalvoFlight } from "./salvo-world.js";

/** The engagement as the outputs draw it. */
export interface SalvoEngagementView {
  /** One row per member (the scenario's order), then one per launch aircraft. */
  readonly flyers: SalvoFlyerRow[];
  readonly sites: SalvoSiteRow[];
  readonly shots: InterceptorShot[];
  /** The last time anything flew or the defence did anything, salvo time, s. */
  readonly end_s: number;
}

/** The flown salvo's parts the view reads. */
export interface SalvoViewInput {
  readonly flights: readonly SalvoFlight[];
  readonly engagement: {
    readonly events: readonly NetworkEvent[];
    readonly sites: readonly SiteTotals[];
  };
  readonly defence: AirDefenceParams | null;
  readonly aircraft: readonly AircraftFlight[];
}

/**
 * The view of a flown salvo. Member i is flyer i of the defence (salvo-world.ts adds them in
 * order); launch aircraft, when the defence sees them, are taken to follow the members in order.
 */
export function salvoEngagementView(run: SalvoViewInput): SalvoEngagementView {
  const events = run.engagement.events;
  const sams = run.defence?.sams ?? [];
  const timelines = siteTimelines(
    events,
    sams.map((s) => ({
      name: s.name,
      magazine: s.params.magazine,
      ready_rounds: s.params.ready_rounds,
      reload_s: s.params.reload_s,
    })),
  );
  const shotsAt = (k: number) =>
    events.reduce((n, e) => (e.kind === "shot" && e.flyer === k ? n + e.count : n), 0);
  const killAt = (k: number) => events.find((e) => e.kind === "killed" && e.flyer === k);
  const flyers: SalvoFlyerRow[] = run.flights.map((f, k) => {
    const m = f.missile;
    const decoy = m.decoy === true;
    const s = f.result.summary;
    const kill = killAt(k);
    const by = s.killed_by ?? kill?.site ?? null;
    const end_s = m.launch_s + s.flight_time_s;
    return {
      name: m.name,
      kind: decoy ? "decoy" : "missile",
      launch_s: m.launch_s,
      fate: by
        ? "killed"
        : decoy
          ? "decoy"
          : f.simulatedTot_s !== null
            ? "arrived"
            : "leaked, missed",
      by,
      at_s: by ? (kill?.t_s ?? end_s) : end_s,
      shots: shotsAt(k),
      outcome: f.result.outcome.status,
    };
  });
  run.aircraft.forEach((a, j) => {
    const first = a.samples[0];
    const last = a.samples.at(-1);
    flyers.push({
      name: a.name,
      kind: "aircraft",
      launch_s: first ? first.t_s : null,
      fate: a.fate === "killed" ? "aircraft killed" : "aircraft survived",
      by: a.killed_by,
      at_s: a.killed_at_s ?? (last ? last.t_s : null),
      shots: shotsAt(run.flights.length + j),
      outcome: a.fate,
    });
  });
  const sites: SalvoSiteRow[] = sams.map((s, i) => {
    const tl = timelines[i];
    const totals = run.engagement.sites.find((t) => t.name === s.name);
    return {
      name: s.name,
      preset: s.preset,
      fire_channels: s.params.fire_channels,
      magazine: s.params.magazine,
      shots: totals?.shots ?? tl.shots,
      kills: totals?.kills ?? 0,
      wasted: totals?.wasted ?? 0,
      interceptors_left: totals?.interceptors_left ?? s.params.magazine - tl.shots,
      saturated_s: totals?.saturated_s ?? 0,
      max_channels_busy: totals?.max_channels_busy ?? tl.maxBusy,
      timeline: { t_s: tl.t_s, busy: tl.busy, left: tl.left, ready: tl.ready },
    };
  });
  const ends = [
    ...flyers.flatMap((f) => (f.at_s === null ? [] : [f.at_s])),
    ...events.map((e) => e.t_s),
  ];
  return { flyers, sites, shots: interceptorShots(events), end_s: Math.max(0, ...ends) };
}
