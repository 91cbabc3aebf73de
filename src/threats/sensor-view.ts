/**
 * What one ground radar of the air defence sees of one flyer: its geometry (antenna position,
 * line-of-sight test, horizon gate) and the observation a look fills in (range, visibility,
 * closing speed, RCS at the aspect it presents).
 */

import type { SiteVisibility } from "../terrain/site-visibility.js";
import type { ThreatTarget } from "./defence-types.js";
import type { HorizonGate } from "./horizon-gate.js";
import { type RcsTable, rcsAt } from "./rcs.js";
import type { SamObservation } from "./sam-site.js";

const DEG = 180 / Math.PI;

/** Per-radar geometry. */
export interface Sensor {
  readonly vis: SiteVisibility;
  /** Antenna ECEF, m. */
  readonly ecef: Float64Array;
  readonly gate: HorizonGate;
}

/**
 * Fill o (not its height) for a sensor looking at a flyer; aspect and RCS only in sight. masked:
 * the flyer is known to be out of sight (beyond the horizon gate), so skip the lookup.
 */
export function observeFlyer(
  o: SamObservation,
  s: Sensor,
  tgt: ThreatTarget,
  rcs: RcsTable,
  masked = false,
): void {
  const dx = s.ecef[0] - tgt.ecef[0];
  const dy = s.ecef[1] - tgt.ecef[1];
  const dz = s.ecef[2] - tgt.ecef[2];
  const range = Math.sqrt(dx * dx + dy * dy + dz * dz);
  o.range_m = range;
  o.visible = !masked && s.vis.visible(tgt.lat_deg, tgt.lon_deg, tgt.alt_m);
  if (!o.visible) {
    // Out of sight nothing reads the closing speed or the RCS.
    o.closing_mps = 0;
    o.rcs_m2 = 0;
    return;
  }
  // Line of sight from the target to the site in the target's NED frame.
  const { sinLat, cosLat, sinLon, cosLon } = tgt;
  const n = -sinLat * cosLon * dx - sinLat * sinLon * dy + cosLat * dz;
  const e = -sinLon * dx + cosLon * dy;
  const d = -cosLat * cosLon * dx - cosLat * sinLon * dy - sinLat * dz;
  const v = tgt.vNed;
  o.closing_mps = range > 0 ? (v[0] * n + v[1] * e + v[2] * d) / range : 0;
  // Aspect: azimuth of the site off the velocity vector, and its elevation above the flight path.
  const hv = Math.sqrt(v[0] * v[0] + v[1] * v[1]);
  const course = Math.atan2(v[1], v[0]);
  const gamma = Math.atan2(-v[2], hv);
  const az = (Math.atan2(e, n) - course) * DEG;
  const el = (Math.atan2(-d, Math.sqrt(n * n + e * e)) - gamma) * DEG;
  o.rcs_m2 = rcsAt(rcs, az, el);
}
