/**
 * The world loop: many flyers (missiles, decoys, launch aircraft), each with its own launch time,
 * stepped in lock-step against one air-defence network. Flyers step at their own rates; the
 * defence looks at every flyer in the world at once, at its own rate (update_s): the loop advances
 * each launched flyer until it reaches the next defence epoch, lets the defence look at all of
 * them, applies the kills, and goes on. A single missile is the case of one flyer, and takes
 * exactly the steps it always took.
 *
 * Time is counted in integer ticks of the finest step every flyer shares, so launch times,
 * defence epochs and steps never drift against each other.
 */

import type { ThreatEvent, ThreatTarget } from "../threats/air-defence.js";
import {
  type DefenceNetwork,
  type NetworkEvent,
  networkEventList,
} from "../threats/defence-network.js";

/** The contract of anything that flies in the world. */
export interface WorldFlyer {
  /** Ticks flown since its launch. */
  readonly ticks: number;
  readonly ended: boolean;
  /** Its true state as the defence sees it, refreshed by fillThreatTarget(). */
  readonly target: ThreatTarget;
  /** One integration step (may end the flight). */
  integrate(): void;
  /** Complete the step (sample, time limit). */
  afterStep(): void;
  fillThreatTarget(): void;
  /** Record a defence event about it at the end of the current step. */
  threatEvent(e: ThreatEvent): void;
  /** Shot down by the named site at the end of the current step. */
  kill(by: string): void;
  /** Never launched (its carrier was shot down first): end it without a step. */
  cancel?(): void;
}

/** A flyer placed in the world. */
export interface WorldEntry {
  readonly flyer: WorldFlyer;
  /** Launch time in ticks of the world. */
  readonly launchTick: number;
  /** Its index in the defence network, or −1 when the defence does not see it. */
  readonly netIndex: number;
  /** Index of the entry that carries it until its launch (a launch aircraft); absent: none. */
  readonly carrier?: number;
}

/** A flyer leaves the world: the defence drops it (interceptors still on their way are wasted). */
function leave(
  network: DefenceNetwork,
  e: WorldEntry,
  tick_s: number,
  sink: NetworkEvent[],
  log: NetworkEvent[] | null,
): void {
  if (e.netIndex >= 0 && network.alive(e.netIndex)) {
    network.remove(e.netIndex, (e.launchTick + e.flyer.ticks) * tick_s, sink);
    if (!log) sink.length = 0;
  }
}

/**
 * Fly every entry to its end against `network` (null: no defence), updated every update_s (s),
 * with tick_s (s) the tick every flyer counts in. Every defence event, at world time, is appended
 * to log (when given); each flyer also records those about it in its own log.
 */
export function flyWorld(
  entries: readonly WorldEntry[],
  network: DefenceNetwork | null,
  update_s: number,
  tick_s: number,
  log: NetworkEvent[] | null = null,
): void {
  if (!network) {
    for (const { flyer } of entries) {
      while (!flyer.ended) {
        flyer.integrate();
        if (!flyer.ended) flyer.afterStep();
      }
    }
    return;
  }
  const nNet = network.flyerCount;
  const n = entries.length;
  const threatTicks = Math.max(1, Math.round(update_s / tick_s));
  const due = new Uint8Array(nNet);
  const dt = new Float64Array(nNet);
  const byNet = new Int32Array(nNet).fill(-1);
  const targets: ThreatTarget[] = new Array(nNet);
  entries.forEach((e, i) => {
    if (e.netIndex < 0) return;
    byNet[e.netIndex] = i;
    targets[e.netIndex] = e.flyer.target;
  });
  for (let k = 0; k < nNet; k++) {
    if (byNet[k] < 0) throw new RangeError(`defence flyer ${k} is not in the world`);
  }
  const pending = new Uint8Array(n);
  const killed = new Uint8Array(n);
  const lastThreat = new Float64Array(n);
  // Lists born laid out for objects (networkEventList): a list born `[]` changes its elements
  // kind at its first event, and each change threw away this compiled loop.
  const events = networkEventList();
  // Without a log (a single flight keeps only its own events), the interceptors a leaving flyer
  // frees are reported into a scratch list and dropped.
  const sink = log ?? networkEventList();
  let nextEpoch = 0;
  for (;;) {
    let maxTick = -1;
    let nextLaunch = Number.POSITIVE_INFINITY;
    due.fill(0);
    pending.fill(0);
    for (let i = 0; i < n; i++) {
      const e = entries[i];
      const f = e.flyer;
      if (f.ended) continue;
      if (e.launchTick > nextEpoch) {
        nextLaunch = Math.min(nextLaunch, e.launchTick);
        continue;
      }
      // Its carrier was shot down before its launch: it never leaves.
      if (f.ticks === 0 && e.carrier !== undefined && killed[e.carrier] && f.cancel) {
        f.cancel();
        leave(network, e, tick_s, sink, log);
        continue;
      }
      while (!f.ended) {
        f.integrate();
        if (f.ended) break;
        const g = e.launchTick + f.ticks;
        if (e.netIndex >= 0 && g >= nextEpoch) {
          pending[i] = 1;
          due[e.netIndex] = 1;
          dt[e.netIndex] = (f.ticks - lastThreat[i]) * tick_s;
          if (g > maxTick) maxTick = g;
          break;
        }
        f.afterStep();
      }
      if (f.ended) leave(network, e, tick_s, sink, log);
    }
    if (maxTick < 0) {
      if (nextLaunch === Number.POSITIVE_INFINITY) break;
      while (nextEpoch < nextLaunch) nextEpoch += threatTicks;
      continue;
    }
    const t = maxTick * tick_s;
    for (let i = 0; i < n; i++) if (pending[i]) entries[i].flyer.fillThreatTarget();
    events.length = 0;
    network.update(t, targets, due, dt, events);
    for (let j = 0; j < events.length; j++) {
      const ev = events[j];
      if (log) log.push(ev);
      // Interceptors wasted on a flyer that left belong to the world's log, not the flyer's.
      if (ev.kind !== "wasted") entries[byNet[ev.flyer]].flyer.threatEvent(ev);
    }
    for (let i = 0; i < n; i++) {
      if (!pending[i]) continue;
      const e = entries[i];
      const f = e.flyer;
      lastThreat[i] = f.ticks;
      if (!network.alive(e.netIndex)) {
        killed[i] = 1;
        f.kill(network.siteName(network.killer(e.netIndex)));
        continue;
      }
      f.afterStep();
      if (f.ended) leave(network, e, tick_s, sink, log);
    }
    while (nextEpoch <= maxTick) nextEpoch += threatTicks;
  }
}
