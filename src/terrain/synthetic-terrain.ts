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
    return this.atCell(this.cellOf(x), fade(this.fracOf(x)), this.cellOf(y), fade(this.fracOf(y)));
  }

  /** Lattice cell of a coordinate in [0, 1). */
  cellOf(x: number): number {
    return Math.min(this.cells - 1, Math.floor(x * this.cells));
  }

  /** Position of a coordinate within its cell, 0–1 (before the fade). */
  fracOf(x: number): number {
    return x * this.cells - this.cellOf(x);
  }

  /**
   * One lattice row's noise along x: for every lattice column j, the value `atCell(i, sx, j, ·)`
   * interpolates along y, written into out[offset + j] (cells + 1 values).
   */
  rowAt(i: number, sx: number, out: Float64Array, offset: number): void {
    const n = this.cells + 1;
    const v = this.v;
    for (let j = 0; j < n; j++) {
      const a = v[i * n + j];
      out[offset + j] = a + sx * (v[(i + 1) * n + j] - a);
    }
  }

  /** Noise in cell (i, j) at faded offsets sx, sy (what `at` computes from x and y). */
  atCell(i: number, sx: number, j: number, sy: number): number {
    const n = this.cells + 1;
    const a = this.v[i * n + j];
    const b = this.v[(i + 1) * n + j];
    const d = this.v[i * n + j + 1];
    const e = this.v[(i + 1) * n + j + 1];
    const ab = a + sx * (b - a);
    const de = d + sx * (e - d);
    return ab + sy * (de - ab);
  }
}

/** The quintic fade 6f⁵ − 15f⁴ + 10f³. */
function fade(f: number): number {
  return f * f * f * (f * (f * 6 - 15) + 10);
}

/** Per octave, the lattice cell and faded offset of every sample coordinate k/n (k = 0 … n − 1). */
function cellTable(noise: readonly ValueNoise[], n: number): { cell: Int32Array; s: Float64Array } {
  const cell = new Int32Array(noise.length * n);
  const s = new Float64Array(noise.length * n);
  for (let o = 0; o < noise.length; o++) {
    for (let k = 0; k < n; k++) {
      const x = k / n;
      cell[o * n + k] = noise[o].cellOf(x);
      s[o * n + k] = fade(noise[o].fracOf(x));
    }
  }
  return { cell, s };
}

/**
 * Build a synthetic terrain grid from a seeded generator; the heights (m) are written into `into`
 * when given (n² cells, every one overwritten: e.g. shared memory for worker threads).
 */
export function syntheticTerrain(
  p: SyntheticTerrainParams,
  rng: Rng,
  into?: Float32Array,
): ElevationGrid {
  const octaves = 7;
  const layers: ValueNoise[] = [];
  const ridges: ValueNoise[] = [];
  for (let o = 0; o < octaves; o++) {
    layers.push(new ValueNoise(rng.stream(`hills-${o}`), 2 << o));
    ridges.push(new ValueNoise(rng.stream(`ridges-${o}`), 2 << o));
  }
  const continent = new ValueNoise(rng.stream("continent"), 2);
  const n = p.n;
  if (into && into.length !== n * n) {
    throw new RangeError(
      `syntheticTerrain: expected ${n * n} cells to write into, got ${into.length}`,
    );
  }
  const h = into ?? new Float32Array(n * n);
  // Rows and columns share their lattice cells and fades across the whole map (15 noise layers ×
  // n² samples): tabulated once per coordinate, the same arithmetic on the same values.
  const hillT = cellTable(layers, n);
  const ridgeT = cellTable(ridges, n);
  const contT = cellTable([continent], n);
  // Within a map row every sample shares, per noise layer, its interpolation along x: the row's
  // values at the layer's lattice columns (atCell's `ab` and `de`) are worked out once per row,
  // then each sample interpolates between two of them along y. The same operations on the same
  // values as atCell, so the same bits; about half the work per sample.
  const rowOffset = new Int32Array(octaves + 1);
  for (let o = 0; o < octaves; o++) rowOffset[o + 1] = rowOffset[o] + layers[o].cells + 1;
  const hillRow = new Float64Array(rowOffset[octaves]);
  const ridgeRow = new Float64Array(rowOffset[octaves]);
  const contRow = new Float64Array(continent.cells + 1);
  for (let i = 0; i < n; i++) {
    for (let o = 0; o < octaves; o++) {
      const a = o * n + i;
      layers[o].rowAt(hillT.cell[a], hillT.s[a], hillRow, rowOffset[o]);
      ridges[o].rowAt(ridgeT.cell[a], ridgeT.s[a], ridgeRow, rowOffset[o]);
    }
    continent.rowAt(contT.cell[i], contT.s[i], contRow, 0);
    for (let j = 0; j < n; j++) {
      const y = j / n;
      let hills = 0;
      let ridge = 0;
      let amp = 1;
      for (let o = 0; o < octaves; o++) {
        const b = o * n + j;
        const k = rowOffset[o] + hillT.cell[b];
        const hab = hillRow[k];
        hills += amp * (hab + hillT.s[b] * (hillRow[k + 1] - hab));
        const kr = rowOffset[o] + ridgeT.cell[b];
        const rab = ridgeRow[kr];
        const r = 1 - Math.abs(rab + ridgeT.s[b] * (ridgeRow[kr + 1] - rab));
        ridge += amp * r * r;
        amp *= 0.5;
      }
      // A gentle west–east tilt plus continent noise puts the coast across the map.
      const cab = contRow[contT.cell[j]];
      const land = cab + contT.s[j] * (contRow[contT.cell[j] + 1] - cab) + 2 * (y - p.sea_fraction);
      const base = land > 0 ? land : land * 3;
      const height = p.relief_m * (0.25 * base + 0.15 * hills + 0.6 * Math.max(0, land) * ridge);
      h[i * n + j] = Math.max(0, height);
    }
  }
  const d = p.size_deg / (n - 1);
  return new ElevationGrid(p.lat0_deg, p.lon0_deg, d, d, n, n, h, 0);
}
