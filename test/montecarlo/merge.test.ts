/**
 * Mergeable study statistics: any split of a run set into chunks, each summarised on its own,
 * serialised as JSON (as a worker thread or a queue job sends it) and merged in any order, gives
 * the same summary and scatter sample as one pass over the runs, byte for byte. The runs are
 * synthetic but shaped like a study's (arrivals with fractional damage, kills by named sites,
 * crashes, time on target, navigation-error points ending when the flight ends), put through the
 * canonical CSV form first, as the worker does.
 */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import {
  type McRun,
  type NavPoints,
  navToCsv,
  runFromCsv,
  runToCsv,
} from "../../src/montecarlo/run-record.js";
import { McStatistics } from "../../src/montecarlo/study-stats.js";

const NAV: NavPoints = { count: 12, step_s: 20 };
const AIM = { lat: -28.2, lon: -17.0 };
const SITES = ["long-range SAM", "medium-range SAM", "point, defence"];
const PHASES = ["separation", "midcourse", "terminal"];

/** Run i of a synthetic study, through the canonical CSV form. */
function run(seed: number, index: number): McRun {
  const rng = Rng.fromSeed(seed).stream(`run-${index}`);
  const u = rng.next();
  const arrived = u > 0.25;
  const killed = !arrived && u > 0.08;
  const n = arrived ? 6 * rng.normal() + 1.5 : null;
  const e = arrived ? 6 * rng.normal() - 0.7 : null;
  const t = 900 + 15 * rng.normal();
  const end = arrived ? NAV.count : rng.int(NAV.count);
  const r: McRun = {
    index,
    seed: rng.nextUint32(),
    status: arrived ? "ground_impact" : killed ? "killed" : "ground_impact",
    outcome: arrived ? "arrived" : killed ? "killed" : "crashed",
    phaseEnd: arrived ? "terminal" : PHASES[rng.int(3)],
    reached: arrived ? 2 : (rng.int(3) as 0 | 1 | 2),
    killedBy: killed ? SITES[rng.int(SITES.length)] : null,
    miss_m: arrived ? Math.hypot(n as number, e as number) : null,
    impactNorth_m: n,
    impactEast_m: e,
    endLat_deg: arrived ? AIM.lat + (n as number) / 110_900 : AIM.lat + rng.uniform(-1, 1),
    endLon_deg: arrived ? AIM.lon + (e as number) / 98_000 : AIM.lon + rng.uniform(-1, 1),
    aimLat_deg: AIM.lat,
    aimLon_deg: AIM.lon,
    flightTime_s: t,
    tot_s: arrived ? t : null,
    pDamage: arrived ? Math.exp(-((n as number) ** 2 + (e as number) ** 2) / 80) : 0,
    damageFromScenario: arrived && rng.next() < 0.3,
    navErrH_m: 3 * Math.abs(rng.normal()),
    navErrV_m: Math.abs(rng.normal()),
    gnssOutage_s: 40 * rng.next(),
    fuelLeft_kg: 30 + 5 * rng.next(),
    params: [100 + 2 * rng.normal(), 25_000 + 1000 * rng.normal()],
    navH: Array.from({ length: NAV.count }, (_, k) => (k < end ? 0.5 + k * rng.next() : null)),
    navV: Array.from({ length: NAV.count }, (_, k) => (k < end ? 0.3 * rng.next() : null)),
  };
  return runFromCsv(runToCsv(r), navToCsv(r), 2, NAV);
}

/** Cut 0 … n − 1 into consecutive chunks at the given points. */
function chunksOf(n: number, cuts: readonly number[]): [number, number][] {
  const at = [...new Set(cuts.map((c) => c % n))].filter((c) => c > 0).sort((a, b) => a - b);
  const edges = [0, ...at, n];
  return edges.slice(1).map((e, k) => [edges[k], e]);
}

/** A permutation of 0 … n − 1 drawn from a seed. */
function shuffled(n: number, seed: number): number[] {
  const rng = Rng.fromSeed(seed).stream("order");
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

describe("merging chunk summaries", () => {
  it("random chunks merged in random order equal one pass, byte for byte (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 420 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 60 }),
        (n, seed, cuts, orderSeed, cap) => {
          const runs = Array.from({ length: n }, (_, i) => run(seed, i));
          // A small scatter capacity, so the merge has to keep the lowest indices across chunks.
          const single = new McStatistics(NAV, { scatterCap: cap });
          for (const r of runs) single.add(r);

          const chunks = chunksOf(n, cuts);
          const states = chunks.map(([a, b]) => {
            const s = new McStatistics(NAV, { scatterCap: cap });
            for (let i = a; i < b; i++) s.add(runs[i]);
            return JSON.stringify(s.toJSON());
          });
          const merged = new McStatistics(NAV, { scatterCap: cap });
          for (const k of shuffled(states.length, orderSeed))
            merged.mergeState(JSON.parse(states[k]));

          expect(JSON.stringify(merged.summary())).toBe(JSON.stringify(single.summary()));
          expect(Array.from(merged.scatter().north_m)).toEqual(
            Array.from(single.scatter().north_m),
          );
          expect(Array.from(merged.scatter().east_m)).toEqual(Array.from(single.scatter().east_m));
        },
      ),
      { numRuns: 40, seed: 19 },
    );
  });

  it("exercises the inexact sketches and keeps the lowest-index impacts", () => {
    // 700 runs: more arrivals than the envelope sketches' 256 exact values and the CEP sketch's
    // 1,024 would not be, so both regimes meet; a cap of 50 of ~525 arrivals.
    const runs = Array.from({ length: 700 }, (_, i) => run(7, i));
    const single = new McStatistics(NAV, { scatterCap: 50 });
    for (const r of runs) single.add(r);
    const back = new McStatistics(NAV, { scatterCap: 50 });
    for (let i = runs.length - 1; i >= 0; i -= 100) {
      const s = new McStatistics(NAV, { scatterCap: 50 });
      for (let j = Math.max(0, i - 99); j <= i; j++) s.add(runs[j]);
      back.mergeState(JSON.parse(JSON.stringify(s.toJSON())));
    }
    const sum = single.summary();
    expect(sum.navigationEnvelope.horizontal[0].n).toBeGreaterThan(256);
    expect(JSON.stringify(back.summary())).toBe(JSON.stringify(sum));
    const firstArrived = runs.filter((r) => r.outcome === "arrived").slice(0, 50);
    expect(Array.from(back.scatter().north_m)).toEqual(firstArrived.map((r) => r.impactNorth_m));
  });

  it("changes nothing when a chunk state is bad anywhere, even in its last envelope sketch", () => {
    const runs = Array.from({ length: 40 }, (_, i) => run(11, i));
    const target = new McStatistics(NAV);
    for (const r of runs.slice(0, 20)) target.add(r);
    const before = JSON.stringify(target.toJSON());
    const chunk = new McStatistics(NAV);
    for (const r of runs.slice(20)) chunk.add(r);
    const good = chunk.toJSON();
    const last = good.navV[NAV.count - 1];
    const corrupt = [
      { ...good, navV: [...good.navV.slice(0, -1), { ...last, count: last.count + 1 }] },
      { ...good, counters: [...good.counters, ["outcome:arrived", -1]] },
      { ...good, accumulator: { ...good.accumulator, version: 2 } },
      { ...good, nav: { count: NAV.count, step_s: 21 } },
    ];
    for (const state of corrupt) {
      expect(() => target.mergeState(state as typeof good)).toThrow(RangeError);
      expect(JSON.stringify(target.toJSON())).toBe(before);
    }
    target.mergeState(good);
    const single = new McStatistics(NAV);
    for (const r of runs) single.add(r);
    expect(JSON.stringify(target.summary())).toBe(JSON.stringify(single.summary()));
  });

  it("refuses a run counted twice and states of another study's time points", () => {
    const a = new McStatistics(NAV);
    let r = run(3, 0);
    for (let i = 0; r.outcome !== "arrived"; i++) r = run(3, i);
    a.add(r);
    const b = new McStatistics(NAV);
    b.add(r);
    expect(() => a.merge(b)).toThrow(/added twice/);
    expect(() => a.merge(new McStatistics({ count: 3, step_s: 20 }))).toThrow(/time points/);
  });
});
