/**
 * The boundary between what the missile is and what it believes: guidance reads a NavEstimate,
 * never the truth. This file holds the interface and the perfect navigator used until the GPS/INS
 * model exists; that model will implement the same interface.
 */

import { F64_ONE, F64_ZERO } from "../core/double-fields.js";
import type { AirData } from "../dynamics/air-data.js";
import { GEO_COS_LAT, GEO_COS_LON, GEO_H, GEO_SIN_LAT, GEO_SIN_LON } from "../earth/ellipsoid.js";

/**
 * The navigation solution guidance flies on (SI; angles in radians). Mutated in place. Its numbers
 * start as F64_ZERO / F64_ONE (0 and 1 held as doubles, double-fields.ts) so that its hidden class
 * never changes when they first take fractional values.
 */
export class NavEstimate {
  t_s = F64_ZERO;
  lat_rad = F64_ZERO;
  lon_rad = F64_ZERO;
  /** Height above the ellipsoid, m. */
  alt_m = F64_ZERO;
  /** Earth-relative velocity in local NED, m/s. */
  vn_mps = F64_ZERO;
  ve_mps = F64_ZERO;
  vd_mps = F64_ZERO;
  /** Position in ECEF, m. */
  readonly rEcef = new Float64Array(3);
  /** Sine and cosine of latitude and longitude, for local frames without trigonometry. */
  sinLat = F64_ZERO;
  cosLat = F64_ONE;
  sinLon = F64_ZERO;
  cosLon = F64_ONE;
}

/** GNSS receiver state names by code, for outputs ("perfect": no receiver, perfect navigation). */
export const GNSS_STATE_NAMES: readonly string[] = ["tracking", "reacquiring", "lost", "perfect"];
/** The code of "perfect" in GNSS_STATE_NAMES. */
export const GNSS_STATE_PERFECT = 3;

/** A navigation system: turns the true state (as air data) into an estimate. */
export interface Navigator {
  /** Update and return the estimate at time t (s). Must not allocate. */
  update(t: number, truth: AirData): NavEstimate;
  /** Receiver state code (index into GNSS_STATE_NAMES). */
  gnssStateCode(): number;
  /** Time spent without GNSS fixes so far, s. */
  outageTime_s(): number;
  /** Inertial navigators: align to the truth at release (body → NED attitude given). */
  initialize?(truth: AirData, cNb: Float64Array): void;
  /** Inertial navigators: the IMU sampling interval they expect, s. */
  readonly imuInterval_s?: number;
  /** Inertial navigators: one IMU interval of true mean specific force (m/s²) and rate (rad/s). */
  imuStep?(fTrue: Float64Array, wTrue: Float64Array, dt_s: number): void;
}

/** Perfect navigation: the estimate is the truth. */
export class PerfectNavigator implements Navigator {
  private readonly est = new NavEstimate();

  /** No receiver: always "perfect". */
  gnssStateCode(): number {
    return GNSS_STATE_PERFECT;
  }

  /** Never without a fix. */
  outageTime_s(): number {
    return 0;
  }

  /** Copy the truth into the estimate. */
  update(t: number, truth: AirData): NavEstimate {
    const e = this.est;
    const g = truth.geo;
    e.t_s = t;
    e.sinLat = g[GEO_SIN_LAT];
    e.cosLat = g[GEO_COS_LAT];
    e.sinLon = g[GEO_SIN_LON];
    e.cosLon = g[GEO_COS_LON];
    e.lat_rad = Math.atan2(e.sinLat, e.cosLat);
    e.lon_rad = Math.atan2(e.sinLon, e.cosLon);
    e.alt_m = g[GEO_H];
    e.vn_mps = truth.vNed[0];
    e.ve_mps = truth.vNed[1];
    e.vd_mps = truth.vNed[2];
    e.rEcef[0] = truth.rEcef[0];
    e.rEcef[1] = truth.rEcef[1];
    e.rEcef[2] = truth.rEcef[2];
    return e;
  }
}
