/**
 * Geodesics on the WGS-84 ellipsoid through GeographicLib (Karney 2013, npm geographiclib-geodesic):
 * distances, azimuths and points along the shortest path. Used when routes are built and reported,
 * not in the integrator's step loop (each call allocates its result object).
 */

import geographiclib from "geographiclib-geodesic";

const GEOD = geographiclib.Geodesic.WGS84;
const INVERSE_MASK = geographiclib.Geodesic.DISTANCE | geographiclib.Geodesic.AZIMUTH;

/** Result of the inverse problem. */
export interface GeodesicInverse {
  /** Length of the geodesic, m. */
  readonly distance_m: number;
  /** Forward azimuth at the start and at the end, degrees clockwise from north. */
  readonly azi1_deg: number;
  readonly azi2_deg: number;
}

/** Distance and azimuths between two points given in degrees. */
export function geodesicInverse(
  lat1_deg: number,
  lon1_deg: number,
  lat2_deg: number,
  lon2_deg: number,
): GeodesicInverse {
  const r = GEOD.Inverse(lat1_deg, lon1_deg, lat2_deg, lon2_deg, INVERSE_MASK);
  return { distance_m: r.s12 ?? 0, azi1_deg: r.azi1 ?? 0, azi2_deg: r.azi2 ?? 0 };
}

/** A point on the ellipsoid with the forward azimuth there (degrees). */
export interface GeodesicPoint {
  readonly lat_deg: number;
  readonly lon_deg: number;
  readonly azi_deg: number;
}

/** The point s_m metres from (lat, lon) along azimuth azi_deg (the direct problem). */
export function geodesicDirect(
  lat_deg: number,
  lon_deg: number,
  azi_deg: number,
  s_m: number,
): GeodesicPoint {
  const r = GEOD.Direct(lat_deg, lon_deg, azi_deg, s_m);
  return { lat_deg: r.lat2 ?? lat_deg, lon_deg: r.lon2 ?? lon_deg, azi_deg: r.azi2 ?? azi_deg };
}

/**
 * Points along the geodesic from point 1 to point 2, from distance `from_m` to `to_m` along it,
 * no farther apart than spacing_m (both ends included).
 */
export function geodesicPoints(
  lat1_deg: number,
  lon1_deg: number,
  lat2_deg: number,
  lon2_deg: number,
  from_m: number,
  to_m: number,
  spacing_m: number,
): GeodesicPoint[] {
  const line = GEOD.InverseLine(lat1_deg, lon1_deg, lat2_deg, lon2_deg);
  const n = Math.max(1, Math.ceil((to_m - from_m) / spacing_m));
  const pts: GeodesicPoint[] = [];
  for (let i = 0; i <= n; i++) {
    const p = line.Position(from_m + ((to_m - from_m) * i) / n);
    pts.push({ lat_deg: p.lat2 ?? lat1_deg, lon_deg: p.lon2 ?? lon1_deg, azi_deg: p.azi2 ?? 0 });
  }
  return pts;
}
