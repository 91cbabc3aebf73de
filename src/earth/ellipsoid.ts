/**
 * Earth shape: the WGS-84 ellipsoid (or a sphere) and geodetic ↔ Earth-fixed (ECEF) conversion.
 *
 * Constants: NIMA TR8350.2, "Department of Defense World Geodetic System 1984", 3rd ed. (2000),
 * Table 3.1 (a, 1/f, GM, ω) and Table 3.2 (J2 from C̄20 = −0.484166774985e-3).
 *
 * The conversion is hand-written rather than taken from a library because it runs inside every
 * derivative evaluation of the integrator (4× per RK4 step, > 4 million times a second) and must not
 * allocate; geodesic problems (distances, azimuths, waypoints) use geographiclib-geodesic instead.
 * ECEF → geodetic uses Bowring's (1976) formula iterated twice (the second pass brings latitude and
 * height to round-off, 2e-9 m, from −5 km to 2,000 km), written with sine/cosine
 * pairs instead of angles so it needs no trigonometric call and stays finite at the poles; the tests
 * check it against the independent `geodesy` package and the NASA check-case trajectories.
 */

/** WGS-84 semi-major axis (m). */
export const WGS84_A_M = 6378137.0;
/** WGS-84 flattening. */
export const WGS84_F = 1 / 298.257223563;
/** WGS-84 Earth gravitational constant GM including the atmosphere (m³/s²). */
export const WGS84_GM_M3PS2 = 3.986004418e14;
/** WGS-84 nominal Earth rotation rate (rad/s). */
export const WGS84_OMEGA_RADPS = 7.292115e-5;
/** Second zonal harmonic J2 = −√5·C̄20 for WGS-84 (EGM96 C̄20 = −0.484166774985e-3). */
export const WGS84_J2 = -Math.sqrt(5) * -0.484166774985e-3;
/** IUGG mean Earth radius R1 = (2a + b)/3 for WGS-84 (m), the default radius of a spherical Earth. */
export const MEAN_EARTH_RADIUS_M = 6371008.7714;

/** An oblate ellipsoid of revolution (a sphere when f = 0), with derived constants precomputed. */
export interface Ellipsoid {
  /** Semi-major (equatorial) axis, m. */
  readonly a_m: number;
  /** Flattening (a − b)/a; 0 for a sphere. */
  readonly f: number;
  /** Semi-minor (polar) axis, m. */
  readonly b_m: number;
  /** First eccentricity squared. */
  readonly e2: number;
  /** Second eccentricity squared e² / (1 − e²). */
  readonly ep2: number;
}

/** Build an ellipsoid from its semi-major axis (m) and flattening. */
export function makeEllipsoid(a_m: number, f: number): Ellipsoid {
  const b_m = a_m * (1 - f);
  const e2 = f * (2 - f);
  return { a_m, f, b_m, e2, ep2: e2 / (1 - e2) };
}

/** The WGS-84 ellipsoid. */
export const WGS84: Ellipsoid = makeEllipsoid(WGS84_A_M, WGS84_F);

/** A sphere of the given radius (m), default the IUGG mean radius. */
export function sphere(radius_m: number = MEAN_EARTH_RADIUS_M): Ellipsoid {
  return makeEllipsoid(radius_m, 0);
}

/** Geodetic (lat, lon in rad; height above the ellipsoid in m) → ECEF, written to out[o..o+2] (m). */
export function geodeticToEcef(
  ell: Ellipsoid,
  lat_rad: number,
  lon_rad: number,
  h_m: number,
  out: Float64Array,
  o = 0,
): void {
  const sLat = Math.sin(lat_rad);
  const cLat = Math.cos(lat_rad);
  const n = ell.a_m / Math.sqrt(1 - ell.e2 * sLat * sLat);
  out[o] = (n + h_m) * cLat * Math.cos(lon_rad);
  out[o + 1] = (n + h_m) * cLat * Math.sin(lon_rad);
  out[o + 2] = (n * (1 - ell.e2) + h_m) * sLat;
}

/** Slots of a geodetic work buffer filled by ecefToGeodeticTrig. */
export const GEO_SIN_LAT = 0;
export const GEO_COS_LAT = 1;
export const GEO_SIN_LON = 2;
export const GEO_COS_LON = 3;
export const GEO_H = 4;
/** Length of a geodetic work buffer. */
export const GEO_SIZE = 5;

/**
 * ECEF (m) → sine and cosine of geodetic latitude and longitude and the ellipsoidal height (m),
 * written to out[GEO_*]. No trigonometric calls: this is the hot-path form. Two Bowring passes
 * give round-off accuracy (2e-9 m); one pass (the integrator's choice) already gives the height
 * to 3e-9 m at any altitude and the latitude to 0.06 mm below 86 km (2 cm at 2,000 km).
 */
export function ecefToGeodeticTrig(
  ell: Ellipsoid,
  x: number,
  y: number,
  z: number,
  out: Float64Array,
  passes = 2,
): void {
  const r = XYZ_SCRATCH;
  r[0] = x;
  r[1] = y;
  r[2] = z;
  ecefToGeodeticTrigAt(ell, r, 0, out, passes);
}

const XYZ_SCRATCH = new Float64Array(3);

/**
 * As ecefToGeodeticTrig, with the ECEF position read from r[ro..ro+2] (m). The hot-path form:
 * doubles passed to a call that is not inlined (this one is too long to be) are boxed on the
 * heap, a typed array is not.
 */
export function ecefToGeodeticTrigAt(
  ell: Ellipsoid,
  r: Float64Array,
  ro: number,
  out: Float64Array,
  passes = 2,
): void {
  const x = r[ro];
  const y = r[ro + 1];
  const z = r[ro + 2];
  const p = Math.sqrt(x * x + y * y);
  if (p > 0) {
    const ip = 1 / p;
    out[GEO_SIN_LON] = y * ip;
    out[GEO_COS_LON] = x * ip;
  } else {
    out[GEO_SIN_LON] = 0;
    out[GEO_COS_LON] = 1;
  }
  const a = ell.a_m;
  const b = ell.b_m;
  const e2 = ell.e2;
  if (e2 === 0) {
    const r = Math.sqrt(p * p + z * z);
    out[GEO_SIN_LAT] = r > 0 ? z / r : 0;
    out[GEO_COS_LAT] = r > 0 ? p / r : 1;
    out[GEO_H] = r - a;
    return;
  }
  // Reduced latitude β as an unnormalised (cos, sin) pair; tan β0 = (a·z)/(b·p). Multiplying by
  // reciprocals keeps each pass to two square roots and two divisions.
  let cb = b * p;
  let sb = a * z;
  let sLat = 0;
  let cLat = 1;
  const k1 = ell.ep2 * b;
  const k2 = e2 * a;
  for (let i = 0; i < passes; i++) {
    const inb = 1 / Math.sqrt(cb * cb + sb * sb);
    cb *= inb;
    sb *= inb;
    const num = z + k1 * sb * sb * sb;
    const den = p - k2 * cb * cb * cb;
    const inl = 1 / Math.sqrt(num * num + den * den);
    sLat = num * inl;
    cLat = den * inl;
    // tan β = (1 − f)·tan φ, again as a pair, for the next refinement.
    cb = cLat;
    sb = (1 - ell.f) * sLat;
  }
  out[GEO_SIN_LAT] = sLat;
  out[GEO_COS_LAT] = cLat;
  out[GEO_H] = p * cLat + z * sLat - a * Math.sqrt(1 - e2 * sLat * sLat);
}

/**
 * ECEF (m) → geodetic, written as out[o] = latitude (rad), out[o+1] = longitude (rad),
 * out[o+2] = ellipsoidal height (m). Pass a GEO_SIZE scratch buffer to avoid allocating one.
 */
export function ecefToGeodetic(
  ell: Ellipsoid,
  x: number,
  y: number,
  z: number,
  out: Float64Array,
  o = 0,
  scratch: Float64Array = new Float64Array(GEO_SIZE),
): void {
  ecefToGeodeticTrig(ell, x, y, z, scratch);
  out[o] = Math.atan2(scratch[GEO_SIN_LAT], scratch[GEO_COS_LAT]);
  out[o + 1] = Math.atan2(scratch[GEO_SIN_LON], scratch[GEO_COS_LON]);
  out[o + 2] = scratch[GEO_H];
}
