/**
 * The shared world's cost: a 24-flyer salvo (16 missiles, 8 decoys) against a 6-site network (a
 * long-range, a medium-range and two short-range SAMs, two search radars) over the example
 * terrain, against one missile of the same salvo. Planning is done once, outside the timing; each
 * trial flies the whole world with its own run generator. Reports the world's real-time factor
 * (salvo seconds per wall second) and the cost per flyer-second for N = 1 and N = 24.
 */

import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { Rng } from "../src/core/rng.js";
import { flySalvoSample, planSalvoForStudy } from "../src/engine/sweep-sample.js";
import { terrainFromScenario } from "../src/engine/world.js";
import { parseYamlText } from "../src/scenario/safe-yaml.js";
import { type SalvoScenario, salvoScenarioSchema } from "../src/scenario/salvo-schema.js";
import { ViewshedCache } from "../src/terrain/site-visibility.js";

/** Figures of one world size. */
export interface WorldFigures {
  readonly flyers: number;
  /** Median wall time of one world, ms; simulated salvo time, s; flyer-seconds flown. */
  readonly wall_ms: number;
  readonly salvo_s: number;
  readonly flyer_s: number;
  /** Salvo seconds per wall second, and wall microseconds per flyer-second. */
  readonly realTime: number;
  readonly usPerFlyerSecond: number;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];

/** The benchmark salvo with n missiles and d decoys (entries of the example repeated). */
export function scenario(file: string, n: number, d: number): SalvoScenario {
  const doc = structuredClone(parseYamlText(readFileSync(file, "utf8"), file).data) as {
    missiles: { name: string }[];
    decoys: { name: string }[];
    air_defence: { sites: unknown[]; search_radars: unknown[] };
  };
  const grow = <T extends { name: string }>(xs: T[], k: number) =>
    Array.from({ length: k }, (_, i) => ({
      ...xs[i % xs.length],
      name: `${xs[i % xs.length].name}-${i}`,
    }));
  doc.missiles = grow(doc.missiles, n);
  doc.decoys = grow(doc.decoys, d);
  doc.air_defence.sites.push({
    name: "medium-range SAM",
    preset: "medium-range-sam",
    lat_deg: -28.45,
    lon_deg: -18.1,
    network: "iads",
  });
  doc.air_defence.search_radars.push({
    name: "search radar south",
    lat_deg: -28.9,
    lon_deg: -16.9,
    network: "iads",
  });
  return salvoScenarioSchema.parse(doc);
}

/** The example salvo grown to n missiles and d decoys, planned once (outside every timing). */
export async function plannedWorld(file: string, n: number, d: number) {
  const s = scenario(file, n, d);
  const terrain = await terrainFromScenario(s, file);
  const cache = new ViewshedCache();
  const plan = planSalvoForStudy(s, file, 1, terrain, cache);
  let salvo_s = 0;
  for (const m of plan.missiles) salvo_s = Math.max(salvo_s, m.launch_s + m.timeOfFlight_s);
  return { s, cache, plan, salvo_s };
}

/** Time worlds of 1 and 24 flyers. */
export async function benchSharedWorld(trials = 3): Promise<WorldFigures[]> {
  const file = new URL("../examples/salvo-saturation.yaml", import.meta.url).pathname;
  const out: WorldFigures[] = [];
  for (const [n, d] of [
    [1, 0],
    [16, 8],
  ] as const) {
    const { s, cache, plan, salvo_s } = await plannedWorld(file, n, d);
    const walls: number[] = [];
    let flyer_s = 0;
    flySalvoSample(s, plan, cache, Rng.fromSeed(1).stream("warm-up"));
    for (let k = 0; k < trials; k++) {
      const t0 = performance.now();
      const r = flySalvoSample(s, plan, cache, Rng.fromSeed(1).stream(`run-${k}`));
      walls.push(performance.now() - t0);
      flyer_s = r.flyerSeconds;
    }
    const wall_ms = median(walls);
    out.push({
      flyers: n + d,
      wall_ms,
      salvo_s,
      flyer_s,
      realTime: salvo_s / (wall_ms / 1000),
      usPerFlyerSecond: (wall_ms * 1000) / flyer_s,
    });
  }
  return out;
}
