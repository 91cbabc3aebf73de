/**
 * A radar's viewshed by the "reference plane" sweep of Wang, Robinson and White ("Generating
 * viewsheds without using sightlines", Photogrammetric Engineering & Remote Sensing 66(1):87–90,
 * 2000), the method GDAL's gdal_viewshed uses (its default "edge" interpolation) since GDAL 3.1.
 *
 * Every cell keeps a "visibility height" Z: the larger of its own height and the height of the
 * highest sight line from the antenna that passes over it, both measured from the antenna and with
 * the Earth's bulge on the 4/3-Earth model taken off the terrain (so sight lines are straight). The
 * sight line to a cell crosses the ring of cells one step nearer the antenna between two cells
 * whose Z is already known; Z there is interpolated linearly between them and carried out along the
 * ray by similar triangles (×a/(a−1) for a cell a steps out). Cells are visited outward from the
 * antenna, row by row and, within a row, column by column, so both neighbours are always ready.
 * O(cells) with a handful of flops each and no per-cell allocation, against R2's O(perimeter ×
 * radius) marching.
 *
 * Unlike GDAL the antenna need not sit on a cell centre: the offsets (a, b) of a cell from it are
 * fractional and the same interpolation weights (|b|/|a|) and extrapolation (|a|/(|a|−1)) hold, so
 * a radar between samples is not snapped by up to half a cell. The antenna stands on the bilinear
 * ground height at its position (GDAL: its cell's sample, the same on a cell centre). On a cell
 * centre the sweep is GDAL's, except that GDAL 3.6 floors the eight cells next to the antenna at
 * the antenna's ground height, which moves a few cells beside it.
 */

import type { ElevationGrid } from "./elevation-grid.js";
import { EARTH_RADIUS_M, REFRACTION_K } from "./line-of-sight.js";

/**
 * Minimum visible height (m above the ellipsoid) for every cell by the Wang et al. 2000 sweep,
 * row-major from the south like the grid; throws a RangeError when the antenna is off the grid.
 * Written into `into` when given (nLat × nLon cells, every one overwritten), else a new array.
 */
export function viewshedWang(
  terrain: ElevationGrid,
  radarLat_deg: number,
  radarLon_deg: number,
  antenna_m: number,
  k = REFRACTION_K,
  into?: Float32Array,
): Float32Array {
  const { nLat, nLon } = terrain;
  const h = terrain.heights_m;
  // Fractional row and column of the antenna.
  const r0 = (radarLat_deg - terrain.lat0_deg) / terrain.dLat_deg;
  const c0 = (radarLon_deg - terrain.lon0_deg) / terrain.dLon_deg;
  if (!(r0 >= 0 && c0 >= 0 && r0 <= nLat - 1 && c0 <= nLon - 1)) {
    throw new RangeError(
      `viewshedWang: antenna at ${radarLat_deg}°, ${radarLon_deg}° is outside the grid`,
    );
  }
  // One check for both cases: a check only when `into` is given runs first in a Monte Carlo
  // thread after this function was optimised, and threw the (large) compiled code away.
  const out = into ?? new Float32Array(nLat * nLon);
  if (out.length !== nLat * nLon) {
    throw new RangeError(
      `viewshedWang: expected ${nLat * nLon} cells to write into, got ${out.length}`,
    );
  }
  // Cell size in metres on a local flat approximation about the antenna (as the R2 sweep does).
  const d2r = Math.PI / 180;
  const dy_m = terrain.dLat_deg * d2r * EARTH_RADIUS_M;
  const dx_m = terrain.dLon_deg * d2r * EARTH_RADIUS_M * Math.cos(radarLat_deg * d2r);
  const inv2kR = 1 / (2 * k * EARTH_RADIUS_M);
  const cy = dy_m * dy_m * inv2kR;
  const cx = dx_m * dx_m * inv2kR;
  const hObs_m = terrain.heightAt(radarLat_deg, radarLon_deg) + antenna_m;

  // Row buffers of Z (m, relative to the antenna, bulge removed). The one or two rows within a
  // cell of the antenna ("central" rows) are swept together, column by column, because each one's
  // sight lines cross the other; every other row needs only the row before it toward the antenna.
  const lo = Math.floor(r0);
  const hi = Math.ceil(r0);
  const zLo = new Float64Array(nLon);
  const zHi = lo === hi ? zLo : new Float64Array(nLon);
  let zPrev = new Float64Array(nLon);
  let zCur = new Float64Array(nLon);
  const jLeft = Math.ceil(c0) - 1; // last column west of the antenna (a < 0)
  const jRight = Math.ceil(c0); // first column at or east of it (a ≥ 0)

  /** Seed cell (i, j) within one cell of the antenna: nothing between them, it sees its ground. */
  const seed = (row: Float64Array, i: number, j: number, b: number): void => {
    const a = j - c0;
    row[j] = h[i * nLon + j] - (b * b * cy + a * a * cx) - hObs_m;
    out[i * nLon + j] = h[i * nLon + j];
  };

  /**
   * Cells j = from, from + step, … (not reaching `to`) of row i (offset b), each at least as far
   * from the antenna across as along (|a| ≥ |b|, |a| > 1): the ray crosses the column before it
   * (toward the antenna) between this row, weight 1 − |b|/|a|, and the row `other` one step toward
   * the antenna, weight |b|/|a|. Runs outward, so the column before is always done.
   */
  const byColumn = (
    row: Float64Array,
    other: Float64Array,
    i: number,
    b: number,
    from: number,
    to: number,
    step: number,
  ): void => {
    // Math.abs, not `b < 0 ? -b : b`: the negation first ran after optimisation for sites on one
    // side and deoptimised the sweep (b is never −0, so the bits are the same).
    const ab = Math.abs(b);
    const rowDrop = b * b * cy;
    const base = i * nLon;
    for (let j = from; j !== to; j += step) {
      const a = j - c0;
      const aa = a < 0 ? -a : a;
      const jn = j - step;
      const zNear = row[jn];
      const zLine = (zNear + (ab / aa) * (other[jn] - zNear)) * (aa / (aa - 1));
      const drop = rowDrop + a * a * cx;
      const zGround = h[base + j] - drop - hObs_m;
      if (zLine > zGround) {
        row[j] = zLine;
        out[base + j] = zLine + drop + hObs_m;
      } else {
        row[j] = zGround;
        out[base + j] = h[base + j];
      }
    }
  };

  /**
   * Cells j = from … (not reaching `to`) of row i (offset b, |b| > 1) no farther across than along
   * (|a| ≤ |b|): the ray crosses the row before (`prev`, toward the antenna) between column j,
   * weight 1 − |a|/|b|, and the column next to it toward the antenna, weight |a|/|b|.
   */
  const byRow = (
    row: Float64Array,
    prev: Float64Array,
    i: number,
    b: number,
    from: number,
    to: number,
    step: number,
  ): void => {
    const ab = Math.abs(b);
    const rowDrop = b * b * cy;
    const ext = ab / (ab - 1);
    const base = i * nLon;
    for (let j = from; j !== to; j += step) {
      const a = j - c0;
      const aa = a < 0 ? -a : a;
      // Toward the antenna across; on the antenna's own column (a = 0) the weight is 0 anyway.
      const jn = a < 0 ? j + 1 : a > 0 ? j - 1 : j;
      const zAlong = prev[j];
      const zLine = (zAlong + (aa / ab) * (prev[jn] - zAlong)) * ext;
      const drop = rowDrop + a * a * cx;
      const zGround = h[base + j] - drop - hObs_m;
      if (zLine > zGround) {
        row[j] = zLine;
        out[base + j] = zLine + drop + hObs_m;
      } else {
        row[j] = zGround;
        out[base + j] = h[base + j];
      }
    }
  };

  // Central rows: seed the cells within a cell of the antenna, then sweep outward by column, both
  // rows together (each one's rays cross the other).
  const bLo = lo - r0;
  const bHi = hi - r0;
  const jSeedW = Math.max(0, Math.ceil(c0 - 1));
  const jSeedE = Math.min(nLon - 1, Math.floor(c0 + 1));
  for (let j = jSeedW; j <= jSeedE; j++) {
    seed(zLo, lo, j, bLo);
    if (hi !== lo) seed(zHi, hi, j, bHi);
  }
  for (let j = jSeedE + 1; j < nLon; j++) {
    byColumn(zLo, zHi, lo, bLo, j, j + 1, 1);
    if (hi !== lo) byColumn(zHi, zLo, hi, bHi, j, j + 1, 1);
  }
  for (let j = jSeedW - 1; j >= 0; j--) {
    byColumn(zLo, zHi, lo, bLo, j, j - 1, -1);
    if (hi !== lo) byColumn(zHi, zLo, hi, bHi, j, j - 1, -1);
  }

  /** One non-central row i (|b| ≥ 1) from the row before it toward the antenna. */
  const sweepRow = (i: number, row: Float64Array, prev: Float64Array): void => {
    const b = i - r0;
    const ab = Math.abs(b);
    // Columns with |a| ≤ |b| lie in [jW, jE]; the ones beyond go by column.
    const jW = Math.max(0, Math.ceil(c0 - ab));
    const jE = Math.min(nLon - 1, Math.floor(c0 + ab));
    if (ab <= 1) {
      for (let j = jW; j <= jE; j++) seed(row, i, j, b);
    } else {
      byRow(row, prev, i, b, Math.max(jRight, jW), jE + 1, 1);
      byRow(row, prev, i, b, Math.min(jLeft, jE), jW - 1, -1);
    }
    if (jE + 1 < nLon) byColumn(row, prev, i, b, jE + 1, nLon, 1);
    if (jW - 1 >= 0) byColumn(row, prev, i, b, jW - 1, -1, -1);
  };

  // Northward from the upper central row, then southward from the lower one.
  let prev = zHi;
  for (let i = hi + 1; i < nLat; i++) {
    sweepRow(i, zCur, prev);
    prev = zCur;
    zCur = zPrev;
    zPrev = prev;
  }
  prev = zLo;
  for (let i = lo - 1; i >= 0; i--) {
    sweepRow(i, zCur, prev);
    prev = zCur;
    zCur = zPrev;
    zPrev = prev;
  }
  return out;
}
