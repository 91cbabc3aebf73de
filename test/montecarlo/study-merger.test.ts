/**
 * The coordinator's merger: chunk summaries arriving out of order and twice (a re-delivered queue
 * job) give the files and statistics of one in-order pass, and a chunk from another study's time
 * points is refused.
 */

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import type { McRun, NavPoints } from "../../src/montecarlo/run-record.js";
import { navToCsv, runFromCsv, runToCsv } from "../../src/montecarlo/run-record.js";
import type { ChunkSummary } from "../../src/montecarlo/study-context.js";
import { NAV_FILE, RUNS_FILE } from "../../src/montecarlo/study-files.js";
import { StudyMerger } from "../../src/montecarlo/study-merger.js";
import { McStatistics } from "../../src/montecarlo/study-stats.js";

const NAV: NavPoints = { count: 4, step_s: 10 };
const root = mkdtempSync(join(tmpdir(), "standoff-merger-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(i: number): McRun {
  const rng = Rng.fromSeed(5).stream(`r${i}`);
  const arrived = rng.next() > 0.3;
  const n = arrived ? 4 * rng.normal() : null;
  const e = arrived ? 4 * rng.normal() : null;
  return {
    index: i,
    seed: i + 1,
    status: arrived ? "ground_impact" : "killed",
    outcome: arrived ? "arrived" : "killed",
    phaseEnd: arrived ? "terminal" : "midcourse",
    reached: arrived ? 2 : 1,
    killedBy: arrived ? null : "site",
    miss_m: arrived ? Math.hypot(n as number, e as number) : null,
    impactNorth_m: n,
    impactEast_m: e,
    endLat_deg: 0.001 * rng.normal(),
    endLon_deg: 0.5 + 0.001 * rng.normal(),
    aimLat_deg: 0,
    aimLon_deg: 0.5,
    flightTime_s: 35 + rng.next(),
    tot_s: arrived ? 35 : null,
    pDamage: arrived ? 0.5 : 0,
    damageFromScenario: false,
    navErrH_m: 1,
    navErrV_m: 0.5,
    gnssOutage_s: 0,
    fuelLeft_kg: 10,
    params: [rng.normal()],
    navH: [0.1, 0.2 * rng.next(), 0.3, arrived ? 0.4 : null],
    navV: [0.1, 0.1, 0.1, arrived ? 0.1 : null],
  };
}

function chunk(start: number, count: number): ChunkSummary {
  const stats = new McStatistics(NAV);
  let rows = "";
  let navRows = "";
  for (let i = start; i < start + count; i++) {
    const r = run(i);
    stats.add(runFromCsv(runToCsv(r), navToCsv(r), 1, NAV));
    rows += `${runToCsv(r)}\n`;
    navRows += `${navToCsv(r)}\n`;
  }
  const nominal = { seed: 0, status: "", outcome: "", miss_m: null, flightTime_s: 35, pDamage: 0 };
  return { start, count, nav: NAV, nominal, rows, navRows, stats: stats.toJSON(), elapsed_ms: 0 };
}

function folder(name: string): string {
  const d = join(root, name);
  rmSync(d, { recursive: true, force: true });
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, RUNS_FILE), "header\n");
  writeFileSync(join(d, NAV_FILE), "header\n");
  return d;
}

describe("StudyMerger", () => {
  it("writes out-of-order and re-delivered chunks once, in run order, as one pass would", () => {
    const a = folder("ordered");
    const sa = new McStatistics(NAV);
    const ma = new StudyMerger(a, sa, 0);
    for (const [s, n] of [
      [0, 3],
      [3, 3],
      [6, 2],
    ])
      expect(ma.add(chunk(s, n))).toBe(true);
    ma.close();

    const b = folder("shuffled");
    const sb = new McStatistics(NAV);
    const mb = new StudyMerger(b, sb, 0);
    expect(mb.add(chunk(6, 2))).toBe(true);
    expect(mb.add(chunk(6, 2))).toBe(false); // re-delivered before it was written
    expect(mb.written).toBe(0);
    expect(mb.add(chunk(3, 3))).toBe(true);
    expect(mb.waiting).toBe(2);
    expect(mb.add(chunk(0, 3))).toBe(true);
    expect(mb.written).toBe(8);
    expect(mb.add(chunk(3, 3))).toBe(false); // re-delivered after
    mb.close();

    for (const f of [RUNS_FILE, NAV_FILE]) {
      expect(readFileSync(join(b, f), "utf8")).toBe(readFileSync(join(a, f), "utf8"));
    }
    expect(readFileSync(join(b, RUNS_FILE), "utf8").trimEnd().split("\n")).toHaveLength(9);
    expect(JSON.stringify(sb.summary())).toBe(JSON.stringify(sa.summary()));
    expect(sb.count).toBe(8);
  });

  it("refuses a chunk with other navigation time points", () => {
    const d = folder("other");
    const m = new StudyMerger(d, new McStatistics(NAV), 0);
    expect(() => m.add({ ...chunk(0, 1), nav: { count: 4, step_s: 20 } })).toThrow(/time points/);
    m.close();
  });
});
