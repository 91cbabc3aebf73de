/**
 * A salvo's engagement read back from the shared defence's event log (threats/defence-network.ts):
 * each SAM site's fire channels busy and interceptors left over time, and every interceptor from
 * its launch to the end of its engagement. The log is the only input, so the report shows what the
 * defence did, not a second model of it.
 *
 * The defence's own bookkeeping: a shot of n interceptors takes n fire channels; each interceptor
 * frees its channel when it arrives (a "killed" or "survived" event, one interceptor each) or when
 * its target leaves first ("wasted", n at once). Interceptors left is the magazine minus the
 * interceptors fired (reloads only move rounds from the reserve to the launchers, so they never
 * change it: DefenceNetwork.totals()). Events are read in log order, which is the order the defence
 * made them, so a channel freed and refilled within one update is counted as the defence counted it.
 */

import type { NetworkEvent } from "../threats/defence-network.js";

/** What a site's timeline needs of the site. */
export interface TimelineSite {
  readonly name: string;
  readonly magazine: number;
  /** Rounds on the launchers at the start (default the magazine) and one rail's reload, s (default 0). */
  readonly ready_rounds?: number;
  readonly reload_s?: number;
}

/** One site's fire channels busy and interceptors left, as steps: values hold from t_s[i] on. */
export interface SiteTimeline {
  readonly name: string;
  readonly magazine: number;
  /** Salvo time of each step, s (non-decreasing; the first is 0). */
  readonly t_s: number[];
  readonly busy: number[];
  readonly left: number[];
  /** Rounds ready on the launchers (the rest of those left wait in the reserve). */
  readonly ready: number[];
  /** Most channels busy at once, and interceptors fired. */
  readonly maxBusy: number;
  readonly shots: number;
}

/** How an interceptor's engagement ended. */
export type InterceptorEnd = "kill" | "miss" | "wasted" | "in flight";

/** One interceptor: its site, the flyer it was fired at, its launch and the end of its engagement. */
export interface InterceptorShot {
  readonly site: string;
  /** The flyer's index in the defence (the salvo's member order). */
  readonly flyer: number;
  /** Salvo times, s; end_s is the log's last time for one still flying when the log ends. */
  readonly launch_s: number;
  readonly end_s: number;
  readonly end: InterceptorEnd;
}

/**
 * Each site's busy-channel, interceptors-left and ready-round steps, from the log (salvo time).
 * Ready rounds follow the defence's reload rule (DefenceNetwork.updateSite): a rail empty after a
 * shot starts a reload from the reserve, one rail at a time, each done reload_s later, and the next
 * starts when one is done; reloads are taken to end on time (the defence sees them at its next
 * update, at most update_s later) and to stop at the log's last event, when the world empties.
 */
export function siteTimelines(
  events: readonly NetworkEvent[],
  sites: readonly TimelineSite[],
): SiteTimeline[] {
  const lastT = events.reduce((m, e) => Math.max(m, e.t_s), 0);
  return sites.map((s) => {
    const rails = Math.min(s.ready_rounds ?? s.magazine, s.magazine);
    const reload = s.reload_s ?? 0;
    const t_s = [0];
    const busy = [0];
    const left = [s.magazine];
    const ready = [rails];
    let b = 0;
    let fired = 0;
    let maxBusy = 0;
    let r = rails;
    let reserve = s.magazine - rails;
    let reloadDone = Number.POSITIVE_INFINITY;
    const step = (t: number) => {
      t_s.push(t);
      busy.push(b);
      left.push(s.magazine - fired);
      ready.push(r);
    };
    const startReload = (t: number) => {
      if (reloadDone === Number.POSITIVE_INFINITY && r < rails && reserve > 0)
        reloadDone = t + reload;
    };
    const reloadsUntil = (t: number) => {
      while (reloadDone <= t) {
        const done = reloadDone;
        r++;
        reserve--;
        reloadDone = Number.POSITIVE_INFINITY;
        step(done);
        startReload(done);
      }
    };
    for (const e of events) {
      if (e.site !== s.name) continue;
      if (e.kind === "shot") {
        reloadsUntil(e.t_s);
        b += e.count;
        fired += e.count;
        r -= e.count;
        maxBusy = Math.max(maxBusy, b);
        startReload(e.t_s);
      } else if (e.kind === "killed" || e.kind === "survived" || e.kind === "wasted") {
        reloadsUntil(e.t_s);
        b -= e.count;
      } else continue;
      step(e.t_s);
    }
    reloadsUntil(lastT);
    return { name: s.name, magazine: s.magazine, t_s, busy, left, ready, maxBusy, shots: fired };
  });
}

/**
 * Every interceptor fired, in launch order, with how its engagement ended. Interceptors at one
 * target from one site end in the order they were fired (the first to arrive is the first fired;
 * a shoot-shoot site's later round on a nearer target could in truth overtake, which only swaps
 * which of two identical interceptors is drawn ending where).
 */
export function interceptorShots(events: readonly NetworkEvent[]): InterceptorShot[] {
  const open = new Map<string, { launch_s: number; index: number }[]>();
  const out: {
    site: string;
    flyer: number;
    launch_s: number;
    end_s: number;
    end: InterceptorEnd;
  }[] = [];
  let lastT = 0;
  for (const e of events) {
    lastT = Math.max(lastT, e.t_s);
    const key = `${e.flyer}\u0000${e.site}`;
    if (e.kind === "shot") {
      const q = open.get(key) ?? [];
      for (let k = 0; k < e.count; k++) {
        q.push({ launch_s: e.t_s, index: out.length });
        out.push({ site: e.site, flyer: e.flyer, launch_s: e.t_s, end_s: e.t_s, end: "in flight" });
      }
      open.set(key, q);
    } else if (e.kind === "killed" || e.kind === "survived" || e.kind === "wasted") {
      const q = open.get(key) ?? [];
      const end: InterceptorEnd =
        e.kind === "killed" ? "kill" : e.kind === "survived" ? "miss" : "wasted";
      for (let k = 0; k < e.count && q.length > 0; k++) {
        const i = q.shift()?.index ?? -1;
        out[i].end_s = e.t_s;
        out[i].end = end;
      }
    }
  }
  for (const q of open.values()) for (const { index } of q) out[index].end_s = lastT;
  return out;
}
