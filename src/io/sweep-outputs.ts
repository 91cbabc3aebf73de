/** A sweep's files: sweep.json (every figure), sweep.csv (one row per value) and sweep.html. */

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SweepResult } from "../montecarlo/sweep.js";
import type { SweepPoint } from "../montecarlo/sweep-stats.js";
import { type BandPoint, renderSweepReport } from "../report/sweep-report.js";

const r4 = (v: number) => Math.round(v * 1e4) / 1e4;

/** Write the sweep's files into dir (which exists); returns their paths. */
export function writeSweepOutputs(dir: string, s: SweepResult, generator: string): string[] {
  const band = (f: (p: SweepPoint) => { y: number; lo: number; hi: number }): BandPoint[] =>
    s.points.map((p) => ({ x: p.value, ...f(p) }));
  const json = join(dir, "sweep.json");
  const doc = {
    format: "standoff-sweep",
    version: 1,
    generator,
    scenario: { file: s.file, name: s.name },
    path: s.path,
    seed: s.seed,
    runs_per_value: s.runs,
    goal: s.goal,
    smallest_reaching_goal: s.reaching,
    points: s.points,
  };
  writeFileSync(json, `${JSON.stringify(doc, null, 2)}\n`);
  const csv = join(dir, "sweep.csv");
  const head =
    "value,runs,p_destroyed,p_destroyed_lo,p_destroyed_hi,leaked_mean,leaked_lo,leaked_hi,killed_mean,decoys_killed_mean,interceptors_mean,interceptors_lo,interceptors_hi,wasted_mean";
  const lines = s.points.map((p) =>
    [
      p.value,
      p.runs,
      r4(p.pDestroyed.p ?? Number.NaN),
      r4(p.pDestroyed.lower),
      r4(p.pDestroyed.upper),
      r4(p.leaked.mean),
      r4(p.leaked.lower),
      r4(p.leaked.upper),
      r4(p.killed.mean),
      r4(p.decoysKilled.mean),
      r4(p.interceptors.mean),
      r4(p.interceptors.lower),
      r4(p.interceptors.upper),
      r4(p.wasted.mean),
    ].join(","),
  );
  writeFileSync(csv, `${[head, ...lines].join("\n")}\n`);
  const html = join(dir, "sweep.html");
  writeFileSync(
    html,
    renderSweepReport({
      title: `${s.name}: sweep of ${s.path}`,
      generator,
      path: s.path,
      runs: s.runs,
      seed: s.seed,
      goal: s.goal,
      reaching: s.reaching,
      pDestroyed: band((p) => ({
        y: p.pDestroyed.p ?? 0,
        lo: p.pDestroyed.lower,
        hi: p.pDestroyed.upper,
      })),
      leaked: band((p) => ({ y: p.leaked.mean, lo: p.leaked.lower, hi: p.leaked.upper })),
      interceptors: band((p) => ({
        y: p.interceptors.mean,
        lo: p.interceptors.lower,
        hi: p.interceptors.upper,
      })),
    }),
  );
  return [json, csv, html];
}
