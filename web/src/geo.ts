/** Small spherical geometry for drawing on the map (rings round sites), degrees and metres. */

const R = 6_371_008.8;
const D2R = Math.PI / 180;

/** The point at a distance (m) and bearing (deg) from a start point, on a sphere. */
export function destination(
  lat_deg: number,
  lon_deg: number,
  dist_m: number,
  bearing_deg: number,
): [number, number] {
  const d = dist_m / R;
  const b = bearing_deg * D2R;
  const p1 = lat_deg * D2R;
  const l1 = lon_deg * D2R;
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
  const l2 =
    l1 +
    Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return [l2 / D2R, p2 / D2R];
}

/** A closed ring of [lon, lat] round a centre at radius_m. */
export function circle(lat_deg: number, lon_deg: number, radius_m: number, n = 96): number[][] {
  const ring: number[][] = [];
  for (let i = 0; i <= n; i++) ring.push(destination(lat_deg, lon_deg, radius_m, (360 * i) / n));
  return ring;
}

/** Great-circle distance, m. */
export function distance_m(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const a =
    Math.sin(((lat2 - lat1) * D2R) / 2) ** 2 +
    Math.cos(lat1 * D2R) * Math.cos(lat2 * D2R) * Math.sin(((lon2 - lon1) * D2R) / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}
