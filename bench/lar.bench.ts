/**
 * Launch acceptability region over 1,000 km × 1,000 km at 2 km: a seeded synthetic terrain (512 ×
 * 512 samples over 10°, about 2.2 km; generating it is not timed, its time is printed), ten
 * notional sites (two long-range search radars and eight SAM sites of the three presets, placed by
 * a seeded Rng within 400 km of the target), the B-class missile at 90 m above the ground with a
 * 1.5 % reserve (so its usable range, about 494 km, makes the region's grid 1,000 km across: 501 ×
 * 517 cells) and one release condition (25,000 ft, Mach 0.8) from an entry point 600 km west.
 *
 * Timed, per trial, everything `standoff lar` does from the terrain in memory with fresh caches:
 * the reach table (one simulated reach flight: still air), the viewsheds of the ten sites, the
 * exposure cost map, the reverse cost-to-go search, the missile and aircraft sides, the outlines
 * and the recommended point's flight. Target: ≤ 3 s on one core.
 */

import { pathToFileURL } from "node:url";
import { stringify } from "yaml";
import { Rng } from "../src/core/rng.js";
import { computeLar } from "../src/engine/lar.js";
import { metresPerDegLat, metresPerDegLon } from "../src/planning/planning-grid.js";
import { parseScenarioText } from "../src/scenario/load.js";
import type { MissionScenario } from "../src/scenario/mission-schema.js";
import { syntheticTerrain } from "../src/terrain/synthetic-terrain.js";
import { machineLine } from "./harness.js";

/** Median wall time and what the region looks like. */
export interface LarBenchFigures {
  readonly trials: number;
  readonly terrainGeneration_ms: number;
  readonly gridCells: number;
  readonly total_ms: number;
  readonly acceptable_km2: number;
}

const TARGET = { lat_deg: -20, lon_deg: 20 };

/** The benchmark scenario: ten seeded sites around the target. */
function scenario(): MissionScenario {
  const rng = Rng.fromSeed(18).stream("sites");
  const place = () => {
    const r = 400_000 * Math.sqrt(rng.next());
    const a = 2 * Math.PI * rng.next();
    return {
      lat_deg: TARGET.lat_deg + (r * Math.cos(a)) / metresPerDegLat(TARGET.lat_deg),
      lon_deg: TARGET.lon_deg + (r * Math.sin(a)) / metresPerDegLon(TARGET.lat_deg),
    };
  };
  const presets = ["long-range-sam", "medium-range-sam", "short-range-sam"] as const;
  const doc = {
    kind: "mission",
    name: "LAR benchmark",
    launch: { lat_deg: -20, lon_deg: 14.3, alt_ft: 25_000, mach: 0.8, heading_deg: 90 },
    missile: { preset: "agm158b-class" },
    route: { cruise: { alt_m: 90, alt_ref: "agl", mach: 0.75 } },
    target: { ...TARGET, impact_angle_deg: 30 },
    air_defence: {
      search_radars: [0, 1].map((i) => ({ name: `search ${i + 1}`, ...place(), network: "n" })),
      sites: [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({
        name: `SAM ${i + 1}`,
        preset: presets[i % 3],
        ...place(),
        network: "n",
      })),
    },
    planning: { cell_km: 2, reserve_fraction: 0.015 },
    lar: { cell_km: 2, margin_km: 10 },
  };
  return parseScenarioText(stringify(doc), "lar-bench.yaml") as MissionScenario;
}

/** Run the benchmark (3 trials) and print it. */
export function benchLar(trials = 3): LarBenchFigures {
  const s = scenario();
  const t0 = performance.now();
  const terrain = syntheticTerrain(
    {
      lat0_deg: TARGET.lat_deg - 5,
      lon0_deg: TARGET.lon_deg - 5,
      size_deg: 10,
      n: 512,
      relief_m: 1500,
      sea_fraction: 0.2,
    },
    Rng.fromSeed(18).stream("terrain"),
  );
  const terrainGeneration = performance.now() - t0;
  const times: number[] = [];
  let last: ReturnType<typeof computeLar> | null = null;
  for (let i = 0; i < trials; i++) {
    const a = performance.now();
    let t = performance.now();
    const stages: string[] = [];
    last = computeLar(s, "lar-bench.yaml", terrain, {
      onStage: (name) => {
        const now = performance.now();
        stages.push(`${name} ${(now - t).toFixed(0)}`);
        t = now;
      },
    });
    if (process.env.LAR_STAGES) console.log(stages.join(", "), (performance.now() - t).toFixed(0));
    times.push(performance.now() - a);
  }
  times.sort((x, y) => x - y);
  const total = times[Math.floor(times.length / 2)];
  if (!last) throw new Error("no trial ran");
  const c = last.conditions[0];
  const fig: LarBenchFigures = {
    trials,
    terrainGeneration_ms: terrainGeneration,
    gridCells: last.grid.nLat * last.grid.nLon,
    total_ms: total,
    acceptable_km2: c.area_m2.acceptable / 1e6,
  };
  console.log(`machine: ${machineLine()}`);
  console.log(
    `launch acceptability region, ${((last.grid.nLat - 1) * 2).toFixed(0)} km across at 2 km (${last.grid.nLat} × ${last.grid.nLon} = ${fig.gridCells.toLocaleString("en-US")} cells), 10 sites, one release condition; terrain 512² generated in ${terrainGeneration.toFixed(0)} ms (not counted)`,
  );
  console.log(
    `  total    ${total.toFixed(0)} ms, median of ${trials} (trials ${times.map((t) => t.toFixed(0)).join(", ")}; target ≤ 3000)`,
  );
  console.log(
    `  region   usable range ${(c.usableMax_m / 1000).toFixed(0)} km; acceptable ${Math.round(fig.acceptable_km2).toLocaleString("en-US")} km² of ${Math.round(c.area_m2.missile / 1e6).toLocaleString("en-US")} km² in reach`,
  );
  return fig;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  benchLar();
}
