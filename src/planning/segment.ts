/**
 * Exact integrals of a per-cell field along straight segments of a planning grid, by the voxel
 * traversal of Amanatides and Woo ("A fast voxel traversal algorithm for ray tracing",
 * Eurographics 1987): the segment is walked cell boundary by cell boundary, and each cell's value
 * is weighted by the length of the segment inside it. With a field that is constant per cell this
 * is the exact line integral, not a sampled one, and a cell the segment merely grazes is counted
 * with its (zero) length but still checked for being blocked. No allocation.
 */

/**
 * ∫ field ds (field per metre) along the straight segment from fractional (r0, c0) to (r1, c1) of
 * an nLat × nLon grid (node (r, c) owns [r ± ½] × [c ± ½]), length_m long. Returns +∞ when the
 * segment leaves the grid or meets a non-finite cell (blocked), including a cell it only touches
 * at a corner; returns early (a value above `bound`) once the sum exceeds bound.
 */
export function integrateSegment(
  field: Float32Array,
  nLat: number,
  nLon: number,
  r0: number,
  c0: number,
  r1: number,
  c1: number,
  length_m: number,
  bound = Number.POSITIVE_INFINITY,
): number {
  const y0 = r0 + 0.5;
  const x0 = c0 + 0.5;
  let cy = Math.floor(y0);
  let cx = Math.floor(x0);
  if (cy < 0 || cx < 0 || cy >= nLat || cx >= nLon) return Number.POSITIVE_INFINITY;
  const dy = r1 - r0;
  const dx = c1 - c0;
  const sy = dy > 0 ? 1 : -1;
  const sx = dx > 0 ? 1 : -1;
  const tdy = dy !== 0 ? 1 / Math.abs(dy) : Number.POSITIVE_INFINITY;
  const tdx = dx !== 0 ? 1 / Math.abs(dx) : Number.POSITIVE_INFINITY;
  let ty = dy > 0 ? (cy + 1 - y0) * tdy : dy < 0 ? (y0 - cy) * tdy : Number.POSITIVE_INFINITY;
  let tx = dx > 0 ? (cx + 1 - x0) * tdx : dx < 0 ? (x0 - cx) * tdx : Number.POSITIVE_INFINITY;
  let t = 0;
  let sum = 0;
  for (;;) {
    const k = field[cy * nLon + cx];
    if (!(k < Number.POSITIVE_INFINITY)) return Number.POSITIVE_INFINITY;
    const tn = Math.min(tx, ty);
    if (tn >= 1) {
      sum += k * (1 - t) * length_m;
      return sum;
    }
    sum += k * (tn - t) * length_m;
    if (sum > bound) return sum;
    t = tn;
    if (tx < ty) {
      cx += sx;
      tx += tdx;
    } else if (ty < tx) {
      cy += sy;
      ty += tdy;
    } else {
      // Through a corner exactly: the two cells beside it must be passable too.
      const ny = cy + sy;
      const nx = cx + sx;
      if (ny < 0 || nx < 0 || ny >= nLat || nx >= nLon) return Number.POSITIVE_INFINITY;
      if (!(field[ny * nLon + cx] < Number.POSITIVE_INFINITY)) return Number.POSITIVE_INFINITY;
      if (!(field[cy * nLon + nx] < Number.POSITIVE_INFINITY)) return Number.POSITIVE_INFINITY;
      cx = nx;
      cy = ny;
      tx += tdx;
      ty += tdy;
    }
    if (cy < 0 || cx < 0 || cy >= nLat || cx >= nLon) return Number.POSITIVE_INFINITY;
  }
}
