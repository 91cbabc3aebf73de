/**
 * Elevation on a regular geodetic grid (latitude rows, longitude columns), heights in metres above
 * the ellipsoid, sampled bilinearly. Outside the grid the terrain is the grid's `outside_m` value
 * (sea level by default), so a scenario's map can be smaller than the flight.
 */

/** A geodetic elevation grid. */
export class ElevationGrid {
  /**
   * lat0_deg, lon0_deg: south-west corner (the first sample); dLat_deg, dLon_deg: spacing;
   * nLat × nLon samples, row-major from the south (heights[i·nLon + j] at lat0 + i·dLat, lon0 + j·dLon).
   */
  constructor(
    readonly lat0_deg: number,
    readonly lon0_deg: number,
    readonly dLat_deg: number,
    readonly dLon_deg: number,
    readonly nLat: number,
    readonly nLon: number,
    readonly heights_m: Float32Array,
    readonly outside_m = 0,
  ) {
    if (heights_m.length !== nLat * nLon) {
      throw new RangeError(
        `elevation grid: expected ${nLat * nLon} heights, got ${heights_m.length}`,
      );
    }
  }

  /** Height of the terrain (m) at a point (degrees), bilinear between the four nearest samples. */
  heightAt(lat_deg: number, lon_deg: number): number {
    const u = (lat_deg - this.lat0_deg) / this.dLat_deg;
    const v = (lon_deg - this.lon0_deg) / this.dLon_deg;
    if (!(u >= 0 && v >= 0 && u <= this.nLat - 1 && v <= this.nLon - 1)) return this.outside_m;
    let i = Math.floor(u);
    let j = Math.floor(v);
    if (i >= this.nLat - 1) i = this.nLat - 2;
    if (j >= this.nLon - 1) j = this.nLon - 2;
    const fu = u - i;
    const fv = v - j;
    const h = this.heights_m;
    const k = i * this.nLon + j;
    const a = h[k] + fv * (h[k + 1] - h[k]);
    const b = h[k + this.nLon] + fv * (h[k + this.nLon + 1] - h[k + this.nLon]);
    return a + fu * (b - a);
  }

  /** Largest height in the grid or outside it, m (scanned once: the heights never change). */
  maxHeight(): number {
    if (this.max_m === null) this.scanExtremes();
    return this.max_m ?? this.outside_m;
  }

  /** Smallest height in the grid or outside it, m (scanned once: the heights never change). */
  minHeight(): number {
    if (this.min_m === null) this.scanExtremes();
    return this.min_m ?? this.outside_m;
  }

  // Every flight of a salvo asked for the maximum, a scan of the whole grid each (1.5 % of a
  // 24-flyer world's time on the example terrain).
  private max_m: number | null = null;
  private min_m: number | null = null;

  private scanExtremes(): void {
    let hi = this.outside_m;
    let lo = this.outside_m;
    const h = this.heights_m;
    for (let i = 0; i < h.length; i++) {
      if (h[i] > hi) hi = h[i];
      if (h[i] < lo) lo = h[i];
    }
    this.max_m = hi;
    this.min_m = lo;
  }
}

/** Flat terrain at one height (m): a grid of four equal samples covering the whole globe. */
export function flatTerrain(height_m = 0): ElevationGrid {
  return new ElevationGrid(
    -90,
    -180,
    180,
    360,
    2,
    2,
    Float32Array.of(height_m, height_m, height_m, height_m),
    height_m,
  );
}
