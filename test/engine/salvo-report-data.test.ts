/**
 * The salvo's engagement read back from the defence's event log: fire channels busy and
 * interceptors left per site against a hand-made log (counted by hand below) and against the
 * totals the defence itself reports on the example salvo; and salvo.czml holding one entity per
 * flyer (members and launch aircraft) and per interceptor, each available from its own launch.
 */

import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type ExecutedRun, executeRun } from "../../src/engine/execute-run.js";
import {
  type SalvoEngagementView,
  salvoEngagementView,
} from "../../src/engine/salvo-report-data.js";
import { interceptorShots, siteTimelines } from "../../src/engine/salvo-timeline.js";
import { DEFAULT_EPOCH } from "../../src/io/czml.js";
import { salvoCzml } from "../../src/io/salvo-czml.js";
import type { NetworkEvent } from "../../src/threats/defence-network.js";
import { syntheticAircraft } from "../fixtures/synthetic-aircraft.js";

const ev = (
  t_s: number,
  kind: NetworkEvent["kind"],
  site: string,
  flyer: number,
  count = 0,
): NetworkEvent => ({ t_s, kind, site, flyer, count, range_m: 1000 });

// Site A (magazine 6): two at flyer 0 and one at flyer 1, then the first of flyer 0's misses and
// the second kills it, flyer 1 leaves with its interceptor still flying, two at flyer 2 fly on.
// Site B's events and non-firing events must not count for A.
const LOG: NetworkEvent[] = [
  ev(5, "detected", "A", 0),
  ev(10, "shot", "A", 0, 2),
  ev(11, "shot", "B", 0, 3),
  ev(12, "shot", "A", 1, 1),
  ev(20, "survived", "A", 0, 1),
  ev(20, "killed", "A", 0, 1),
  ev(20, "wasted", "B", 0, 3),
  ev(25, "wasted", "A", 1, 1),
  ev(30, "shot", "A", 2, 2),
  ev(31, "track_lost", "A", 2),
];

describe("engagement timeline from a hand-made log", () => {
  it("counts channels busy and interceptors left as the defence does", () => {
    const [a, b] = siteTimelines(LOG, [
      { name: "A", magazine: 6 },
      { name: "B", magazine: 4 },
    ]);
    // By hand: busy 0 →2 →3 →2 →1 →0 →2; left 6 →4 →3 (three fired) →3 →3 →3 →1.
    expect(a.t_s).toEqual([0, 10, 12, 20, 20, 25, 30]);
    expect(a.busy).toEqual([0, 2, 3, 2, 1, 0, 2]);
    expect(a.left).toEqual([6, 4, 3, 3, 3, 3, 1]);
    expect(a.maxBusy).toBe(3);
    expect(a.shots).toBe(5);
    expect(b.busy).toEqual([0, 3, 0]);
    expect(b.left).toEqual([4, 1, 1]);
  });

  it("reloads one rail at a time from the reserve, as the defence does", () => {
    // Magazine 5, 2 on the rails, 10 s a rail: 2 fired at 0 s empty both rails; reloads end at
    // 10 s and 20 s (one rail at a time); 1 fired at 25 s starts a reload ending at 35 s, after
    // which the reserve is empty (5 − 2 − 3 reloaded = 0). The log ends at 40 s.
    const log = [
      ev(0, "shot", "A", 0, 2),
      ev(8, "survived", "A", 0, 1),
      ev(8, "survived", "A", 0, 1),
      ev(25, "shot", "A", 0, 1),
      ev(40, "killed", "A", 0, 1),
    ];
    const [a] = siteTimelines(log, [{ name: "A", magazine: 5, ready_rounds: 2, reload_s: 10 }]);
    expect(a.t_s).toEqual([0, 0, 8, 8, 10, 20, 25, 35, 40]);
    expect(a.ready).toEqual([2, 0, 0, 0, 1, 2, 1, 2, 2]);
    expect(a.left).toEqual([5, 3, 3, 3, 3, 3, 2, 2, 2]);
    expect(a.busy).toEqual([0, 2, 1, 0, 0, 0, 1, 1, 0]);
  });

  it("ends each interceptor where its engagement ended, in firing order", () => {
    const shots = interceptorShots(LOG).filter((s) => s.site === "A");
    expect(shots.map((s) => [s.flyer, s.launch_s, s.end_s, s.end])).toEqual([
      [0, 10, 20, "miss"],
      [0, 10, 20, "kill"],
      [1, 12, 25, "wasted"],
      [2, 30, 31, "in flight"],
      [2, 30, 31, "in flight"],
    ]);
  });
});

describe("the example salvo", () => {
  let run: Extract<ExecutedRun, { kind: "salvo" }>;
  let view: SalvoEngagementView;
  const aircraft = [
    syntheticAircraft({ name: "Viper 1", lat_deg: -28.35, lon_deg: -18.55 }),
    syntheticAircraft({
      name: "Viper 2",
      lat_deg: -28.05,
      lon_deg: -18.55,
      t0_s: -30,
      killedBy: "long-range SAM",
      killedAt_s: 150,
    }),
  ];

  beforeAll(async () => {
    const root = new URL("../../", import.meta.url).pathname;
    const r = await executeRun(join(root, "examples", "salvo-saturation.yaml"), { sampleDt_s: 1 });
    if (r.kind !== "salvo") throw new Error("not a salvo");
    run = r;
    view = salvoEngagementView({ ...run, aircraft });
  }, 120_000);

  it("agrees with the totals the defence reports for every site", () => {
    expect(run.engagement.sites.length).toBe(3);
    for (const totals of run.engagement.sites) {
      const mag = run.defence?.sams.find((s) => s.name === totals.name)?.params.magazine ?? -1;
      const sam = run.defence?.sams.find((s) => s.name === totals.name)?.params;
      const [tl] = siteTimelines(run.engagement.events, [
        {
          name: totals.name,
          magazine: mag,
          ready_rounds: sam?.ready_rounds,
          reload_s: sam?.reload_s,
        },
      ]);
      expect(tl.maxBusy).toBe(totals.max_channels_busy);
      expect(tl.left.at(-1)).toBe(totals.interceptors_left);
      expect(tl.shots).toBe(totals.shots);
      expect(tl.busy.every((b) => b >= 0)).toBe(true);
      // Never more rounds ready than left, never fewer than none: every shot had its rounds.
      expect(tl.ready.every((r, i) => r >= 0 && r <= tl.left[i])).toBe(true);
      const shots = interceptorShots(run.engagement.events).filter((s) => s.site === totals.name);
      expect(shots.filter((s) => s.end === "kill").length).toBe(totals.kills);
      expect(shots.filter((s) => s.end === "wasted").length).toBe(totals.wasted);
    }
    // The example saturates: some site had every channel busy at once.
    expect(view.sites.some((s) => s.max_channels_busy === s.fire_channels)).toBe(true);
  });

  it("gives each flyer its fate, killer and shots", () => {
    expect(view.flyers.map((f) => f.name)).toEqual([
      ...run.flights.map((f) => f.missile.name),
      "Viper 1",
      "Viper 2",
    ]);
    run.flights.forEach((f, k) => {
      const row = view.flyers[k];
      expect(row.by).toBe(f.result.summary.killed_by);
      expect(row.fate === "killed").toBe(f.result.summary.killed_by !== null);
      const shots = f.result.summary.threats.reduce((n, t) => n + t.shots, 0);
      expect(row.shots).toBe(shots);
    });
    expect(view.flyers.filter((f) => f.kind === "decoy").length).toBe(2);
    expect(view.flyers.at(-1)?.fate).toBe("aircraft killed");
    expect(view.flyers.at(-2)?.fate).toBe("aircraft survived");
  });

  it("puts every flyer and every interceptor in salvo.czml, each from its own launch", () => {
    const flights = run.flights.map((f, i) => ({
      id: `m${i + 1}`,
      name: f.missile.name,
      params: f.missile.params,
      result: f.result,
      launch_s: f.missile.launch_s,
    }));
    const doc = salvoCzml(run.scenario.name, flights, run.defence, {
      aircraft,
      shots: view.shots,
      flyers: view.flyers,
    });
    const epoch = Date.parse(DEFAULT_EPOCH);
    const start = (id: string) => {
      const p = doc.find((x) => x.id === id);
      const a = p?.availability ?? "";
      return (Date.parse(a.slice(0, a.indexOf("/"))) - epoch) / 1000;
    };
    for (const f of flights) expect(start(f.id)).toBeCloseTo(f.launch_s, 2);
    expect(start("aircraft-1")).toBe(-60);
    expect(start("aircraft-2")).toBe(-30);
    const interceptors = doc.filter((p) => p.id.startsWith("interceptor-"));
    const fired = run.engagement.sites.reduce((n, s) => n + s.shots, 0);
    expect(interceptors.length).toBe(fired);
    view.shots.forEach((s, i) => {
      expect(start(`interceptor-${i + 1}`)).toBeCloseTo(s.launch_s, 2);
      // A point with a short trail, from its site to where it ended: two samples.
      const p = doc.find((x) => x.id === `interceptor-${i + 1}`);
      expect(p?.path?.trailTime).toBeLessThan(10);
      expect(p?.position?.cartographicDegrees.length).toBe(8);
    });
    // The document's clock covers the aircraft's entry.
    const clock = doc[0].clock?.interval ?? "";
    expect((Date.parse(clock.slice(0, clock.indexOf("/"))) - epoch) / 1000).toBe(-60);
    // A kill marker per flyer shot down, shown from its kill on.
    const kills = view.flyers.filter((f) => f.fate === "killed" || f.fate === "aircraft killed");
    expect(doc.filter((p) => p.id.startsWith("kill-")).length).toBe(kills.length);
  });
});
