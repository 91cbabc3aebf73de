/**
 * Lateral guidance along a RoutePath: the nonlinear "L1" law of Park, Deyst and How ("A New
 * Nonlinear Guidance Logic for Trajectory Tracking", AIAA GNC 2004): steer towards a reference
 * point a distance L1 ahead on the path with lateral acceleration a = 2·V²·sin η / L1, where η is
 * the angle from the ground velocity to the line of sight to that point. It tracks straight legs
 * and arcs alike and needs no gain scheduling with speed when L1 = V·T.
 *
 * Geometry is done in the missile's local horizontal plane (east, north) from ECEF differences,
 * with no allocation: the follower keeps only the index of the current path segment.
 */

import type { NavEstimate } from "../navigation/navigation.js";
import type { RoutePath } from "./route-path.js";

/** Output of one guidance update (written in place). */
export interface LateralCommand {
  /** Lateral acceleration, m/s², positive = turn right. */
  a_right: number;
  /** Signed cross-track distance from the path, m (positive = right of the path). */
  crossTrack_m: number;
  /** Distance flown along the path (projection of the current position), m. */
  along_m: number;
  /** Index of the path segment in use. */
  segment: number;
}

/** L1 path follower with its segment cursor. */
export class PathFollower {
  private seg = 0;

  /** period_s: L1 = V·period (Park et al. use the period of the linearised response). */
  constructor(
    readonly path: RoutePath,
    readonly period_s = 12,
  ) {}

  /** Restart from the first segment. */
  reset(): void {
    this.seg = 0;
  }

  /** Update the lateral command for the estimate. */
  update(nav: NavEstimate, out: LateralCommand): void {
    const p = this.path;
    const e = p.ecef;
    const r = nav.rEcef;
    // Local east and north unit vectors at the missile, in ECEF.
    const ex = -nav.sinLon;
    const ey = nav.cosLon;
    const nx = -nav.sinLat * nav.cosLon;
    const ny = -nav.sinLat * nav.sinLon;
    const nz = nav.cosLat;

    // Advance the cursor while the projection lies past the end of the current segment.
    let i = this.seg;
    let t = 0;
    for (;;) {
      const j = 3 * i;
      const ax = e[j + 3] - e[j];
      const ay = e[j + 4] - e[j + 1];
      const az = e[j + 5] - e[j + 2];
      const len2 = ax * ax + ay * ay + az * az;
      t =
        len2 > 0
          ? ((r[0] - e[j]) * ax + (r[1] - e[j + 1]) * ay + (r[2] - e[j + 2]) * az) / len2
          : 1;
      if (t <= 1 || i >= p.n - 2) break;
      i++;
    }
    this.seg = i;
    const tc = Math.min(1, Math.max(0, t));
    const j = 3 * i;
    const segLen = p.s_m[i + 1] - p.s_m[i];
    const along = p.s_m[i] + tc * segLen;
    // Closest point on the segment, and the missile's offset from it in east-north.
    const cx = e[j] + tc * (e[j + 3] - e[j]);
    const cy = e[j + 1] + tc * (e[j + 4] - e[j + 1]);
    const cz = e[j + 2] + tc * (e[j + 5] - e[j + 2]);
    const dx = r[0] - cx;
    const dy = r[1] - cy;
    const dz = r[2] - cz;
    const de = dx * ex + dy * ey;
    const dn = dx * nx + dy * ny + dz * nz;
    // Segment direction in east-north, for the sign of the cross-track error.
    const se = (e[j + 3] - e[j]) * ex + (e[j + 4] - e[j + 1]) * ey;
    const sn = (e[j + 3] - e[j]) * nx + (e[j + 4] - e[j + 1]) * ny + (e[j + 5] - e[j + 2]) * nz;
    const sl = Math.sqrt(se * se + sn * sn) || 1;
    out.crossTrack_m = (de * sn - dn * se) / sl;
    out.along_m = along;
    out.segment = i;

    const vg2 = nav.vn_mps * nav.vn_mps + nav.ve_mps * nav.ve_mps;
    const vg = Math.sqrt(vg2);
    const l1 = Math.max(500, vg * this.period_s);
    // Reference point: L1 ahead of the closest point along the path (clamped to its end).
    const target = along + Math.sqrt(Math.max(0, l1 * l1 - out.crossTrack_m * out.crossTrack_m));
    let k = i;
    while (k < p.n - 2 && p.s_m[k + 1] < target) k++;
    const kl = p.s_m[k + 1] - p.s_m[k];
    let f = kl > 0 ? (target - p.s_m[k]) / kl : 1;
    if (f > 1) f = 1;
    const q = 3 * k;
    const rx = e[q] + f * (e[q + 3] - e[q]) - r[0];
    const ry = e[q + 1] + f * (e[q + 4] - e[q + 1]) - r[1];
    const rz = e[q + 2] + f * (e[q + 5] - e[q + 2]) - r[2];
    const re = rx * ex + ry * ey;
    const rn = rx * nx + ry * ny + rz * nz;
    const rl = Math.sqrt(re * re + rn * rn);
    if (vg < 1 || rl < 1) {
      out.a_right = 0;
      return;
    }
    // sin η from the cross product of ground velocity and line of sight (negative: LOS to the right).
    const sinEta = (nav.ve_mps * rn - nav.vn_mps * re) / (vg * rl);
    const cosEta = (nav.vn_mps * rn + nav.ve_mps * re) / (vg * rl);
    // Behind the missile (cos η < 0) the law saturates at a full-rate turn towards the point.
    // The sign is taken at every call, not only behind: a comparison first made behind the missile
    // threw away the optimised flight step that inlined this law.
    const sgn = sinEta >= 0 ? 1 : -1;
    const s = cosEta < 0 ? sgn : sinEta;
    out.a_right = (-2 * vg2 * s) / rl;
  }
}
