/**
 * Reference frames: Earth-centred inertial (ECI), Earth-centred Earth-fixed (ECEF) and local
 * North-East-Down (NED).
 *
 * The ECI frame here is the ECEF frame frozen at t = 0 (as in NASA TM-2015-218675); the Earth turns
 * about the shared z axis at a constant rate. Precession, nutation and polar motion are left out:
 * over a cruise-missile flight (hours) they move a point on the ground by far less than a metre.
 */

import type { Mat3 } from "../core/mat3.js";

/**
 * out = C_ei, the ECI → ECEF rotation after the Earth has turned through angle θ = ω·t (rad):
 * a right-handed rotation of the axes about z.
 */
export function eciToEcefDcm(out: Mat3, theta_rad: number): Mat3 {
  const c = Math.cos(theta_rad);
  const s = Math.sin(theta_rad);
  out[0] = c;
  out[1] = s;
  out[2] = 0;
  out[3] = -s;
  out[4] = c;
  out[5] = 0;
  out[6] = 0;
  out[7] = 0;
  out[8] = 1;
  return out;
}

/** out = C_ne, the ECEF → NED rotation at a point, from the sine and cosine of latitude and longitude. */
export function ecefToNedDcmTrig(
  out: Mat3,
  sLat: number,
  cLat: number,
  sLon: number,
  cLon: number,
): Mat3 {
  out[0] = -sLat * cLon;
  out[1] = -sLat * sLon;
  out[2] = cLat;
  out[3] = -sLon;
  out[4] = cLon;
  out[5] = 0;
  out[6] = -cLat * cLon;
  out[7] = -cLat * sLon;
  out[8] = -sLat;
  return out;
}

/** out = C_ne, the ECEF → NED rotation at geodetic latitude and longitude (rad). */
export function ecefToNedDcm(out: Mat3, lat_rad: number, lon_rad: number): Mat3 {
  return ecefToNedDcmTrig(
    out,
    Math.sin(lat_rad),
    Math.cos(lat_rad),
    Math.sin(lon_rad),
    Math.cos(lon_rad),
  );
}
