/**
 * Small geometry of a flight, all in the local north-east-down (NED) plane of the missile: where
 * the aimpoint lies as navigation believes and as it truly is, how far the estimate is off, and
 * speeds and heights the loop needs. Pure functions that write into caller-owned buffers, so the
 * step loop allocates nothing.
 *
 * The local frame of a position at geodetic latitude φ and longitude λ turns an ECEF difference d
 * into NED as
 *
 *   n = −sinφ·cosλ·dx − sinφ·sinλ·dy + cosφ·dz
 *   e = −sinλ·dx + cosλ·dy
 *   d = −cosφ·cosλ·dx − cosφ·sinλ·dy − sinφ·dz
 *
 * (the rows of AirData.cNe; the east row has no z term, so its third entry is skipped).
 */

import type { AirData } from "../dynamics/air-data.js";
import { S3_RX } from "../dynamics/point-mass-3dof.js";
import type { EarthModel } from "../earth/earth-model.js";
import { ecefToGeodeticTrig, GEO_H } from "../earth/ellipsoid.js";
import type { NavEstimate } from "../navigation/navigation.js";
import type { MissionStatus } from "./mission-observer.js";

/** Horizontal ground speed of the air data's velocity, m/s (the ground distance integrates it). */
export function horizontalSpeed(air: AirData): number {
  return Math.sqrt(air.vNed[0] * air.vNed[0] + air.vNed[1] * air.vNed[1]);
}

/**
 * Truth minus estimate of position, local NED metres, into the status. A non-finite estimate (a
 * run failing) leaves the last finite error in place, so no output carries a NaN.
 */
export function navError(truth: AirData, est: NavEstimate, st: MissionStatus): void {
  const c = truth.cNe;
  const dx = truth.rEcef[0] - est.rEcef[0];
  const dy = truth.rEcef[1] - est.rEcef[1];
  const dz = truth.rEcef[2] - est.rEcef[2];
  if (!(Number.isFinite(dx) && Number.isFinite(dy) && Number.isFinite(dz))) return;
  st.navErrN_m = c[0] * dx + c[1] * dy + c[2] * dz;
  st.navErrE_m = c[3] * dx + c[4] * dy;
  st.navErrD_m = c[6] * dx + c[7] * dy + c[8] * dz;
}

/** Aimpoint (ECEF, m) relative to the estimate's position in local NED (m), written to out. */
export function relativeNed(est: NavEstimate, aim: Float64Array, out: Float64Array): Float64Array {
  const dx = aim[0] - est.rEcef[0];
  const dy = aim[1] - est.rEcef[1];
  const dz = aim[2] - est.rEcef[2];
  out[0] = -est.sinLat * est.cosLon * dx - est.sinLat * est.sinLon * dy + est.cosLat * dz;
  out[1] = -est.sinLon * dx + est.cosLon * dy;
  out[2] = -est.cosLat * est.cosLon * dx - est.cosLat * est.sinLon * dy - est.sinLat * dz;
  return out;
}

/** An ECEF point (m) relative to the air data's position, local NED (m), written to out. */
export function truthRelativeNed(
  air: AirData,
  point: Float64Array,
  out: Float64Array,
): Float64Array {
  const c = air.cNe;
  const dx = point[0] - air.rEcef[0];
  const dy = point[1] - air.rEcef[1];
  const dz = point[2] - air.rEcef[2];
  out[0] = c[0] * dx + c[1] * dy + c[2] * dz;
  out[1] = c[3] * dx + c[4] * dy;
  out[2] = c[6] * dx + c[7] * dy + c[8] * dz;
  return out;
}

/** Horizontal distance (m) from the air data's position to an ECEF point (m), in the local plane. */
export function horizontalRange(air: AirData, aim: Float64Array): number {
  const c = air.cNe;
  const dx = aim[0] - air.rEcef[0];
  const dy = aim[1] - air.rEcef[1];
  const dz = aim[2] - air.rEcef[2];
  const n = c[0] * dx + c[1] * dy + c[2] * dz;
  const e = c[3] * dx + c[4] * dy;
  return Math.sqrt(n * n + e * e);
}

/**
 * Height above the ellipsoid (m) of a 3-DOF state at time t (s). The state's position is inertial,
 * so it is first turned by the Earth's rotation since t = 0; `geo` is the caller's scratch buffer
 * (GEO_SIZE) that receives the geodetic result.
 */
export function stateHeight_m(
  earth: EarthModel,
  t: number,
  s: Float64Array,
  geo: Float64Array,
): number {
  const th = earth.omega_radps * t;
  const c = Math.cos(th);
  const sn = Math.sin(th);
  ecefToGeodeticTrig(
    earth.ellipsoid,
    c * s[S3_RX] + sn * s[S3_RX + 1],
    -sn * s[S3_RX] + c * s[S3_RX + 1],
    s[S3_RX + 2],
    geo,
    2,
  );
  return geo[GEO_H];
}
