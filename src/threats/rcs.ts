/**
 * A notional radar cross-section that depends on aspect, so a stealthy airframe shows a small
 * frontal RCS and larger side and rear returns. A table over the azimuth off the nose (0–180°,
 * symmetric left and right) and the elevation of the radar above or below the airframe's
 * horizontal plane, interpolated bilinearly in dBsm.
 *
 * No authoritative public RCS exists for the JASSM family; hobby databases list about 0.01 m²
 * [weak], and the project's reference note recommends sweeping 0.001–0.1 m². The default table is
 * an engineering notion: −20 dBsm (0.01 m²) in the frontal ±30°, rising to −10 dBsm at the beam
 * and −13 dBsm from behind (exhaust and tail), 3 dB larger seen from well below.
 */

/** An aspect-dependent RCS table in dBsm. */
export interface RcsTable {
  /** Azimuth off the nose, degrees, increasing from 0 to 180. */
  readonly azimuth_deg: readonly number[];
  /** Elevation of the radar seen from the airframe, degrees, increasing (negative = radar below). */
  readonly elevation_deg: readonly number[];
  /** dBsm, one row per elevation, one column per azimuth. */
  readonly dbsm: readonly (readonly number[])[];
}

/** The default notional stealthy airframe. */
export const NOTIONAL_STEALTHY_RCS: RcsTable = {
  azimuth_deg: [0, 30, 60, 90, 120, 150, 180],
  elevation_deg: [-60, -20, 0, 20, 60],
  dbsm: [
    [-17, -17, -11, -7, -9, -10, -10],
    [-19, -19, -13, -9, -11, -12, -12],
    [-20, -20, -14, -10, -12, -13, -13],
    [-20, -20, -15, -11, -13, -14, -14],
    [-19, -19, -14, -10, -12, -13, -13],
  ],
};

/** A constant RCS (m²) at every aspect, for sweeps. */
export function constantRcs(rcs_m2: number): RcsTable {
  const v = 10 * Math.log10(rcs_m2);
  return {
    azimuth_deg: [0, 180],
    elevation_deg: [-90, 90],
    dbsm: [
      [v, v],
      [v, v],
    ],
  };
}

/** Index of the axis interval holding x (clamped to the ends); its fraction goes to FRAC[0]. */
function bracket(axis: readonly number[], x: number): number {
  if (x <= axis[0]) {
    FRAC[0] = 0;
    return 0;
  }
  const n = axis.length;
  if (x >= axis[n - 1]) {
    FRAC[0] = 1;
    return n - 2;
  }
  let i = 0;
  while (axis[i + 1] < x) i++;
  FRAC[0] = (x - axis[i]) / (axis[i + 1] - axis[i]);
  return i;
}

/** Scratch for bracket's fraction: the lookup runs per radar look and allocates nothing. */
const FRAC = new Float64Array(1);

/** One row of the table at azimuth interval ia, fraction fa, in dBsm. */
function rowAt(t: RcsTable, e: number, ia: number, fa: number): number {
  const r = t.dbsm[e];
  return r[ia] + fa * ((r[ia + 1] ?? r[ia]) - r[ia]);
}

/** RCS (m²) at an aspect: azimuth off the nose (degrees, either side) and radar elevation (degrees). */
export function rcsAt(t: RcsTable, azimuth_deg: number, elevation_deg: number): number {
  let az = Math.abs(((((azimuth_deg + 180) % 360) + 360) % 360) - 180);
  if (az > 180) az = 180;
  const ia = bracket(t.azimuth_deg, az);
  const fa = FRAC[0];
  const ie = bracket(t.elevation_deg, elevation_deg);
  const fe = FRAC[0];
  const lo = rowAt(t, ie, ia, fa);
  const hi = t.dbsm[ie + 1] ? rowAt(t, ie + 1, ia, fa) : lo;
  return 10 ** ((lo + fe * (hi - lo)) / 10);
}
