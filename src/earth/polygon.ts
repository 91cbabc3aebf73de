/**
 * Plane geometry on latitude/longitude vertices, shared by the scenario checks (a point inside a
 * no-fly area) and the planner (rasterising the areas), so both agree on what "inside" means.
 */

/** Is a point (degrees) inside a polygon of [lat, lon] vertices (even-odd rule)? */
export function pointInPolygon(
  lat_deg: number,
  lon_deg: number,
  polygon: readonly (readonly [number, number])[],
): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [yi, xi] = polygon[i];
    const [yj, xj] = polygon[j];
    if (yi > lat_deg !== yj > lat_deg) {
      const x = xi + ((lat_deg - yi) / (yj - yi)) * (xj - xi);
      if (lon_deg < x) inside = !inside;
    }
  }
  return inside;
}
