import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { wilsonInterval } from "../../src/core/wilson.js";
import { geodesicDirect, geodesicInverse } from "../../src/earth/geodesic.js";
import {
  ExactSum,
  type RunRecord,
  StudyAccumulator,
  scaledToNumber,
  tangentPlaneOffset,
} from "../../src/montecarlo/accumulators.js";

const AIM = { lat_deg: 34.2, lon_deg: 45.7 };
const SITES = ["SA-north", "SA-east", "SA-ridge"];

/**
 * Synthetic run records: killed by a site (12 %), crashed short (5 %), or arrived with a
 * circular-normal impact about a biased mean point, a fractional damage probability and a time on
 * target. Impacts are placed with the geodesic direct problem and miss_m by the inverse, as the
 * simulator does.
 */
function records(seed: number, n: number): RunRecord[] {
  const rng = Rng.fromSeed(seed).stream("records");
  const out: RunRecord[] = [];
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    if (u < 0.12) {
      const site = SITES[rng.int(SITES.length)];
      out.push({
        arrived: false,
        killedBy: site,
        pDamage: 0,
        impact: null,
        aimpoint: AIM,
        miss_m: null,
        timeOnTarget_s: null,
      });
      continue;
    }
    if (u < 0.17) {
      out.push({
        arrived: false,
        killedBy: null,
        pDamage: 0,
        impact: { lat_deg: AIM.lat_deg - 0.3, lon_deg: AIM.lon_deg },
        aimpoint: AIM,
        miss_m: 33_000,
        timeOnTarget_s: null,
      });
      continue;
    }
    const north = 4 + 10 * rng.normal();
    const east = -2.5 + 10 * rng.normal();
    const r = Math.hypot(north, east);
    const p = geodesicDirect(
      AIM.lat_deg,
      AIM.lon_deg,
      (Math.atan2(east, north) * 180) / Math.PI,
      r,
    );
    const impact = { lat_deg: p.lat_deg, lon_deg: p.lon_deg };
    out.push({
      arrived: true,
      killedBy: null,
      pDamage: Math.exp(-(r * r) / 200),
      impact,
      aimpoint: AIM,
      miss_m: geodesicInverse(AIM.lat_deg, AIM.lon_deg, impact.lat_deg, impact.lon_deg).distance_m,
      timeOnTarget_s: 2400 + 3 * rng.normal(),
    });
  }
  return out;
}

function feed(recs: readonly RunRecord[], options = {}): StudyAccumulator {
  const a = new StudyAccumulator(options);
  for (const r of recs) a.add(r);
  return a;
}

describe("ExactSum", () => {
  it("sums exactly, whatever the order", () => {
    const a = new ExactSum();
    for (const x of [1e16, 1, -1e16, 1e-300, -1e-300, 0.1, 0.2]) a.add(x);
    expect(a.value()).toBe(1.3); // 1 + 0.1 + 0.2 exactly (1.30000000000000001665…), rounded once
    const b = new ExactSum();
    for (const x of [0.2, -1e16, 0.1, 1e-300, 1, 1e16, -1e-300]) b.add(x);
    expect(b.raw).toBe(a.raw);
    expect(1e16 + 1 - 1e16).toBe(0); // where naive summation loses the 1
  });

  it("accumulates exact products and round-trips through JSON", () => {
    const s = new ExactSum();
    s.addProduct(0.1, 0.1); // 0.1² is not a double; its exact value survives
    s.addProduct(-0.1, 0.1);
    expect(s.raw).toBe(0n);
    s.addProduct(3, -7);
    expect(s.value()).toBe(-21);
    expect(ExactSum.fromJSON(JSON.parse(JSON.stringify(s))).raw).toBe(s.raw);
    expect(() => s.add(Number.NaN)).toThrow(RangeError);
  });

  it("rounds scaled integers once, to nearest with ties to even", () => {
    expect(scaledToNumber(3n, 1)).toBe(1.5);
    // 2^53 + 1 is a tie between 2^53 and 2^53 + 2: ties to even gives 2^53.
    expect(scaledToNumber((1n << 53n) + 1n, 0)).toBe(2 ** 53);
    // 2^53 + 1 + 2^-100 is above the tie: rounds up (the sticky bit keeps the far bit).
    expect(scaledToNumber((((1n << 53n) + 1n) << 100n) + 1n, 100)).toBe(2 ** 53 + 2);
    expect(scaledToNumber(-5n, 2)).toBe(-1.25);
  });
});

describe("tangentPlaneOffset", () => {
  it("agrees with the geodesic to the tangent plane's s³/(6R²) shortening (0.5 mm at 5 km)", () => {
    const R = 6371e3;
    for (const [azi, s] of [
      [0, 1000],
      [90, 1000],
      [225, 5000],
      [33, 50],
      [300, 10_000],
    ]) {
      const p = geodesicDirect(AIM.lat_deg, AIM.lon_deg, azi, s);
      const o = tangentPlaneOffset(AIM, p);
      const rad = (azi * Math.PI) / 180;
      const shortening = s ** 3 / (6 * R * R);
      expect(Math.abs(o.north_m - s * Math.cos(rad))).toBeLessThan(shortening + 1e-6);
      expect(Math.abs(o.east_m - s * Math.sin(rad))).toBeLessThan(shortening + 1e-6);
      expect(Math.abs(Math.hypot(o.north_m, o.east_m) - (s - shortening))).toBeLessThan(
        0.05 * shortening + 1e-6,
      );
    }
  });
});

describe("StudyAccumulator", () => {
  it("summarises a hand-checked study", () => {
    const base: RunRecord = {
      arrived: true,
      killedBy: null,
      pDamage: 1,
      impact: AIM,
      aimpoint: AIM,
      miss_m: 0,
      timeOnTarget_s: 100,
    };
    const acc = feed([
      { ...base, miss_m: 3, timeOnTarget_s: 100, pDamage: 0.5 },
      { ...base, miss_m: 1, timeOnTarget_s: 104, pDamage: 1 },
      { ...base, miss_m: 2, timeOnTarget_s: 101, pDamage: 0 },
      { ...base, arrived: false, killedBy: "B", pDamage: 0, impact: null, miss_m: null },
      { ...base, arrived: false, killedBy: "A", pDamage: 0, impact: null, miss_m: null },
      { ...base, arrived: false, killedBy: "B", pDamage: 0, impact: null, miss_m: null },
    ]);
    const s = acc.summary();
    expect(s.runs).toBe(6);
    expect(s.arrival).toEqual(wilsonInterval(3, 6));
    expect(s.damage).toEqual(wilsonInterval(1.5, 6));
    expect(s.cep.n).toBe(3);
    expect(s.cep.exact).toBe(true);
    expect(s.cep.cep50_m.estimate).toBe(2); // nearest rank ⌈1.5⌉ = 2 of {1, 2, 3}
    expect(s.cep.cep90_m.estimate).toBe(3);
    expect(s.cep.cep50_m.lower).toBeNull(); // 3 values cannot bound a median at 95 %
    expect([s.cep.minMiss_m, s.cep.maxMiss_m]).toEqual([1, 3]);
    expect(s.meanPointOfImpact).toMatchObject({ n: 3, north_m: 0, east_m: 0, sdNorth_m: 0 });
    expect(s.timeOnTarget).toEqual({
      n: 3,
      min_s: 100,
      max_s: 104,
      spread_s: 4,
      mean_s: 305 / 3,
      sd_s: Math.sqrt(((100 - 305 / 3) ** 2 + (104 - 305 / 3) ** 2 + (101 - 305 / 3) ** 2) / 2),
    });
    expect(s.kills.total).toBe(3);
    expect(s.kills.bySite.map((k) => [k.site, k.kills])).toEqual([
      ["B", 2],
      ["A", 1],
    ]);
    expect(s.kills.bySite[0].pKill).toEqual(wilsonInterval(2, 6));
    expect(s.kills.bySite[0].shareOfKills).toEqual(wilsonInterval(2, 3));
    // JSON-ready: nothing is lost in a round trip.
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it("gives null statistics, not NaN, for an empty study", () => {
    const s = new StudyAccumulator().summary();
    expect(s.arrival.p).toBeNull();
    expect(s.cep.cep50_m.estimate).toBeNull();
    expect(s.meanPointOfImpact.north_m).toBeNull();
    expect(s.timeOnTarget.spread_s).toBeNull();
    expect(JSON.stringify(s)).not.toMatch(/NaN|Infinity/);
  });

  it("recovers the mean point of impact, dispersion and time-on-target statistics", () => {
    const s = feed(records(11, 20_000)).summary();
    const mpi = s.meanPointOfImpact;
    // Offsets drawn as N(4, 10²) north and N(−2.5, 10²) east: means within 4 standard errors.
    const se = 10 / Math.sqrt(mpi.n);
    expect(Math.abs((mpi.north_m ?? 0) - 4)).toBeLessThan(4 * se);
    expect(Math.abs((mpi.east_m ?? 0) + 2.5)).toBeLessThan(4 * se);
    expect(mpi.sdNorth_m).toBeCloseTo(10, 0);
    expect(mpi.sdEast_m).toBeCloseTo(10, 0);
    expect(Math.abs(mpi.covNorthEast_m2 ?? 1e9)).toBeLessThan(3);
    expect(s.timeOnTarget.sd_s).toBeCloseTo(3, 1);
    expect(s.timeOnTarget.mean_s).toBeCloseTo(2400, 0);
    expect(s.arrival.p).toBeCloseTo(0.83, 1);
    expect(s.kills.bySite.map((k) => k.site).sort()).toEqual([...SITES].sort());
    for (const k of s.kills.bySite) expect(k.shareOfKills.p).toBeCloseTo(1 / 3, 1);
  });

  it("merges exactly: any split and order of the runs gives the same summary, byte for byte", () => {
    const recs = records(12, 3000);
    for (const sketch of [{}, { exactCapacity: 0 }, { exactCapacity: 5000 }]) {
      const whole = JSON.stringify(feed(recs, { sketch }).summary());
      // Four workers with uneven shares, merged as a tree in another order; one fed backwards.
      const cuts = [0, 700, 701, 2200, 3000];
      const parts = cuts.slice(1).map((end, i) => recs.slice(cuts[i], end));
      parts[2].reverse();
      const [a, b, c, d] = parts.map((p) => feed(p, { sketch }));
      d.merge(b);
      c.merge(a);
      d.merge(c);
      expect(JSON.stringify(d.summary())).toBe(whole);
      // The same through serialised partial states, as across processes.
      const wire = parts.map((p) => JSON.stringify(feed(p, { sketch })));
      const e = StudyAccumulator.fromJSON(JSON.parse(wire[3]));
      for (const w of wire.slice(0, 3)) e.merge(StudyAccumulator.fromJSON(JSON.parse(w)));
      expect(JSON.stringify(e.summary())).toBe(whole);
      // And one accumulator fed the runs shuffled.
      const shuffled = recs.slice();
      const rng = Rng.fromSeed(99).stream("shuffle");
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      expect(JSON.stringify(feed(shuffled, { sketch }).summary())).toBe(whole);
    }
  });

  it("refuses to merge accumulators with different options, and inconsistent records", () => {
    expect(() => new StudyAccumulator().merge(new StudyAccumulator({ confidence: 0.9 }))).toThrow(
      RangeError,
    );
    expect(() =>
      new StudyAccumulator().merge(new StudyAccumulator({ sketch: { subBucketsLog2: 8 } })),
    ).toThrow(RangeError);
    const acc = new StudyAccumulator();
    const ok: RunRecord = records(13, 40).find((r) => r.arrived) as RunRecord;
    expect(() => acc.add({ ...ok, pDamage: 1.5 })).toThrow(RangeError);
    expect(() => acc.add({ ...ok, killedBy: "SA-north" })).toThrow(RangeError);
    expect(() => acc.add({ ...ok, miss_m: -1 })).toThrow(RangeError);
    expect(() => acc.add({ ...ok, timeOnTarget_s: Number.NaN })).toThrow(RangeError);
    expect(acc.count).toBe(0); // rejected records leave no trace
  });

  it("keeps memory constant: no internal array grows from 1e3 to 1e5 runs", () => {
    const acc = new StudyAccumulator();
    const rng = Rng.fromSeed(14).stream("memory");
    const run = (): RunRecord => {
      const killed = rng.next() < 0.1;
      return {
        arrived: !killed,
        killedBy: killed ? SITES[rng.int(3)] : null,
        pDamage: killed ? 0 : rng.next(),
        impact: killed
          ? null
          : { lat_deg: AIM.lat_deg + 1e-4 * rng.normal(), lon_deg: AIM.lon_deg },
        aimpoint: AIM,
        miss_m: killed ? null : 10 * Math.abs(rng.normal()),
        timeOnTarget_s: killed ? null : 2400 + rng.normal(),
      };
    };
    for (let i = 0; i < 1000; i++) acc.add(run());
    const early = acc.sizes();
    for (let i = 1000; i < 100_000; i++) acc.add(run());
    const late = acc.sizes();
    expect(late.sketchBuckets).toBe(early.sketchBuckets);
    expect(late.sketchExact).toBe(early.sketchExact);
    expect(late.sites).toBe(3);
    // Exact sums grow by log2(100) ≈ 7 bits for 100 times more runs, and stay near 2,200 bits.
    expect(late.maxSumBits - early.maxSumBits).toBeLessThanOrEqual(8);
    expect(late.maxSumBits).toBeLessThan(2200);
  });
});
