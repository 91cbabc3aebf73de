/**
 * A seeded synthetic terrain with believable relief: fractal value noise (several octaves, each
 * half the amplitude and twice the frequency of the last) for rolling country, ridged noise
 * (1 − |n|, squared) for mountain chains, and a large-scale continent mask that puts the sea on
 * one side and a coastline across the map. Heights below sea level are clamped to 0 (sea surface).
 * All randomness comes from the Rng passed in, so the same seed gives the same map everywhere.
 */

import type { Rng } from "../core/rng.js";
import { ElevationGrid } from "./elevation-grid.js";

/** Parameters of a synthetic map. */
export interface SyntheticTerrainParams {
  readonly lat0_deg: number;
  readonly lon0_deg: number;
  /** Extent and sample spacing, degrees. */
  readonly size_deg: number;
  readonly n: number;
  /** Height scale of the mountains, m. */
  readonly relief_m: number;
  /** Fraction of the map under the sea (roughly), 0–1. */
  readonly sea_fraction: number;
}

/** Smooth value noise on a lattice of random values (lattice size cells per side). */
class ValueNoise {
  private readonly v: Float64Array;
  constructor(
    rng: Rng,
    readonly cells: number,
  ) {
    this.v = new Float64Array((cells + 1) * (cells + 1));
    for (let i = 0; i < this.v.length; i++) this.v[i] = rng.uniform(-1, 1);
  }

  /** Noise at (x, y) in [0, 1)², smooth (quintic fade) and in [−1, 1]. */
  at(x: number, y: number): number {
    const c = this.cells;
    const gx = x * c;
    const gy = y * c;
    const i = Math.min(c - 1, Math.floor(gx));
    const j = Math.min(c - 1, Math.floor(gy));
    const fx = gx - i;
    const fy = gy - j;
    const sx = fx * fx * fx * (fx * (fx * 6 - 15) + 10);
    const sy = fy * fy * fy * (fy * (fy * 6 - 15) + 10);
    const n = c + 1;
    const a = this.v[i * n + j];
    const b = this.v[(i + 1) * n + j];
    const d = this.v[i * n + j + 1];
    const e = this.v[(i + 1) * n + j + 1];
    const ab = a + sx * (b - a);
    const de = d + sx * (e - d);
    return ab + sy * (de - ab);
  }
}

/** Build a synthetic terrain grid from a seeded generator. */
export function syntheticTerrain(p: SyntheticTerrainParams, rng: Rng): ElevationGrid {
  const octaves = 7;
  const layers: ValueNoise[] = [];
  const ridges: ValueNoise[] = [];
  for (let o = 0; o < octaves; o++) {
    layers.push(new ValueNoise(rng.stream(`hills-${o}`), 2 << o));
    ridges.push(new ValueNoise(rng.stream(`ridges-${o}`), 2 << o));
  }
  const continent = new ValueNoise(rng.stream("continent"), 2);
  const n = p.n;
  const h = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = i / n;
      const y = j / n;
      let hills = 0;
      let ridge = 0;
      let amp = 1;
      for (let o = 0; o < octaves; o++) {
        hills += amp * layers[o].at(x, y);
        const r = 1 - Math.abs(ridges[o].at(x, y));
        ridge += amp * r * r;
        amp *= 0.5;
      }
      // A gentle west–east tilt plus continent noise puts the coast across the map.
      const land = continent.at(x, y) + 2 * (y - p.sea_fraction);
      const base = land > 0 ? land : land * 3;
      const height = p.relief_m * (0.25 * base + 0.15 * hills + 0.6 * Math.max(0, land) * ridge);
      h[i * n + j] = Math.max(0, height);
    }
  }
  const d = p.size_deg / (n - 1);
  return new ElevationGrid(p.lat0_deg, p.lon0_deg, d, d, n, n, h, 0);
}
