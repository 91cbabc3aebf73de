/**
 * The local plane target motion is laid out on: north and east metres from a reference point,
 * with the ellipsoid's meridian and prime-vertical radii of curvature at the reference
 * (M = a(1 − e²)/W³, N = a/W, W = √(1 − e² sin²φ)). Over the tens of kilometres a target drives in
 * a flight the scale error is below 0.1 % (the radii change by ~1e-5 per km of latitude), and
 * heights come from the ground, not the plane, so the Earth's curvature adds no height error.
 */

/** A local plane at a reference point (degrees) with its metres per degree. */
export interface LocalPlane {
  readonly lat0_deg: number;
  readonly lon0_deg: number;
  readonly mPerDegLat: number;
  readonly mPerDegLon: number;
}

/** The local plane at (lat0, lon0) (degrees) on an ellipsoid. */
export function localPlane(
  ellipsoid: { readonly a_m: number; readonly e2: number },
  lat0_deg: number,
  lon0_deg: number,
): LocalPlane {
  const phi = (lat0_deg * Math.PI) / 180;
  const s = Math.sin(phi);
  const w = Math.sqrt(1 - ellipsoid.e2 * s * s);
  const m = (ellipsoid.a_m * (1 - ellipsoid.e2)) / (w * w * w);
  const n = ellipsoid.a_m / w;
  return {
    lat0_deg,
    lon0_deg,
    mPerDegLat: (m * Math.PI) / 180,
    mPerDegLon: (n * Math.cos(phi) * Math.PI) / 180,
  };
}

/** A point (degrees) on the plane: north and east of the reference, m. */
export function toPlane(
  p: LocalPlane,
  lat_deg: number,
  lon_deg: number,
): { north_m: number; east_m: number } {
  return {
    north_m: (lat_deg - p.lat0_deg) * p.mPerDegLat,
    east_m: (lon_deg - p.lon0_deg) * p.mPerDegLon,
  };
}

/** A plane point (m) as latitude and longitude (degrees), written to out [lat, lon]. */
export function toGeo(
  p: LocalPlane,
  north_m: number,
  east_m: number,
  out: Float64Array,
): Float64Array {
  out[0] = p.lat0_deg + north_m / p.mPerDegLat;
  out[1] = p.lon0_deg + east_m / p.mPerDegLon;
  return out;
}
