/**
 * The target of one flight when it is not simply a fixed point known exactly: where it truly is
 * (its track, targets/target-motion.ts), where the missile believes it is (the planner's aimpoint,
 * then in-flight updates over the data link, targets/data-link.ts), and the record of both for the
 * outputs. The terminal phase cues its seeker to the believed position and the seeker looks at the
 * true one.
 *
 * Nothing here runs per step except `trueEcef` in the terminal phase (one interpolation and one
 * geodetic conversion, cached per time) and the link's due-time check.
 */

import { RAD_PER_DEG } from "../core/units.js";
import type { AirData } from "../dynamics/air-data.js";
import { type Ellipsoid, GEO_H, geodeticToEcef } from "../earth/ellipsoid.js";
import type { DataLink } from "../targets/data-link.js";
import { type LocalPlane, toGeo } from "../targets/local-plane.js";
import { type TargetTrack, trackPosition } from "../targets/target-motion.js";
import type { MissionEvents } from "./mission-events.js";

/** A believed position at a time: degrees. */
export interface BeliefPoint {
  readonly t_s: number;
  readonly lat_deg: number;
  readonly lon_deg: number;
  /** What set it: the planner at launch, or an update received. */
  readonly source: "launch" | "update";
}

/** The target's situation at the seeker's first lock. */
export interface TargetAcquisition {
  readonly t_s: number;
  readonly true_lat_deg: number;
  readonly true_lon_deg: number;
  readonly believed_lat_deg: number;
  readonly believed_lon_deg: number;
  /** Horizontal distance from the believed to the true position, m. */
  readonly believed_error_m: number;
  /** The missile's position (degrees) and the search footprint's radius (m, 0: staring). */
  readonly missile_lat_deg: number;
  readonly missile_lon_deg: number;
  readonly footprint_radius_m: number;
}

/** What a flight reports about its target (summary.json `target`, the report map). */
export interface TargetOutcome {
  readonly motion: "fixed" | "relocating" | "moving";
  /** The seeker locked on the target (null without a seeker). */
  readonly acquired: boolean | null;
  readonly acquisition: TargetAcquisition | null;
  /** The believed position at the end and its distance from the truth then, m. */
  readonly believed_error_m: number;
  /** The true target at the end of the flight (degrees) and the impact's distance from it, m. */
  readonly true_lat_deg: number;
  readonly true_lon_deg: number;
  readonly miss_m: number | null;
  readonly updates_received: number;
  readonly updates_lost: number;
  /** Radius of the seeker's search footprint, m (0: staring). */
  readonly footprint_radius_m: number;
  /** The believed position over time, and the true track from the observation to the end. */
  readonly believed: readonly BeliefPoint[];
  readonly track: readonly { t_s: number; lat_deg: number; lon_deg: number }[];
  /** The road or path the target keeps to (empty for a fixed target), degrees. */
  readonly road: readonly { lat_deg: number; lon_deg: number }[];
}

/** Parameters of an engagement, built by the engine. */
export interface TargetEngagementParams {
  readonly motion: TargetOutcome["motion"];
  readonly plane: LocalPlane;
  readonly track: TargetTrack;
  /** The planner's aimpoint on the plane (the belief at launch), m. */
  readonly aim_north_m: number;
  readonly aim_east_m: number;
  /** Height of the ground (m above the ellipsoid) at a point (degrees): where the target stands. */
  readonly groundAt: (lat_deg: number, lon_deg: number) => number;
  readonly link: DataLink | null;
  /** Search footprint radius of the seeker, m (0: staring), for the acquisition record. */
  readonly footprint_m: number;
  readonly ellipsoid: Ellipsoid;
}

/** One flight's target: truth, belief and their record. */
export class TargetEngagement {
  /** The believed position, ECEF m (the terminal phase's aimpoint). */
  readonly believedEcef = new Float64Array(3);
  readonly believed: BeliefPoint[] = [];
  acquisition: TargetAcquisition | null = null;
  private readonly truthEcef = new Float64Array(3);
  private truthT = Number.NaN;
  private readonly ne = new Float64Array(2);
  private readonly geo = new Float64Array(2);
  private readonly err = new Float64Array(2);
  private readonly bel = new Float64Array(2);

  constructor(readonly params: TargetEngagementParams) {
    this.bel[0] = params.aim_north_m;
    this.bel[1] = params.aim_east_m;
    this.setBelief(0, "launch");
  }

  /** The true target at time t_s (s), ECEF m (valid until the next call with another time). */
  trueEcef(t_s: number): Float64Array {
    if (t_s === this.truthT) return this.truthEcef;
    this.truthT = t_s;
    const g = this.trueGeo(t_s);
    const p = this.params;
    geodeticToEcef(
      p.ellipsoid,
      g[0] * RAD_PER_DEG,
      g[1] * RAD_PER_DEG,
      p.groundAt(g[0], g[1]),
      this.truthEcef,
      0,
    );
    return this.truthEcef;
  }

  /** The true target at time t_s as [lat, lon] degrees (a scratch array). */
  trueGeo(t_s: number): Float64Array {
    trackPosition(this.params.track, t_s, this.ne);
    return toGeo(this.params.plane, this.ne[0], this.ne[1], this.geo);
  }

  /** Horizontal distance (m) from the belief to the truth at time t_s. */
  beliefError_m(t_s: number): number {
    trackPosition(this.params.track, t_s, this.ne);
    return Math.hypot(this.bel[0] - this.ne[0], this.bel[1] - this.ne[1]);
  }

  /**
   * Poll the data link at time t_s with the missile at `truth`; on an update, move the belief and
   * record it. Returns true when the belief changed.
   */
  poll(t_s: number, truth: AirData, events: MissionEvents): boolean {
    const link = this.params.link;
    if (!link || t_s + 1e-9 < link.nextDue) return false;
    const g = truth.geo;
    const lat = Math.atan2(g[0], g[1]) / RAD_PER_DEG;
    const lon = Math.atan2(g[2], g[3]) / RAD_PER_DEG;
    const got = link.poll(t_s, truth.rEcef, lat, lon, g[GEO_H], this.err);
    if (got === "none") return false;
    const js: Record<string, number> = Number.isFinite(link.js_db) ? { js_db: link.js_db } : {};
    if (got === "lost") {
      events.at(t_s, "target_update_lost", `target update jammed (J/S ${jsWords(link.js_db)})`, js);
      return false;
    }
    trackPosition(this.params.track, t_s - link.params.latency_s, this.ne);
    this.bel[0] = this.ne[0] + this.err[0];
    this.bel[1] = this.ne[1] + this.err[1];
    this.setBelief(t_s, "update");
    const b = this.believed[this.believed.length - 1];
    events.at(
      t_s,
      "target_update",
      `target update received, believed error ${this.beliefError_m(t_s).toFixed(0)} m`,
      {
        ...js,
        believed_lat_deg: b.lat_deg,
        believed_lon_deg: b.lon_deg,
        believed_error_m: this.beliefError_m(t_s),
      },
    );
    return true;
  }

  /** Record the seeker's first lock at time t_s with the missile at `truth`. */
  acquired(t_s: number, truth: AirData): TargetAcquisition {
    const g = this.trueGeo(t_s);
    const b = this.believed[this.believed.length - 1];
    const m = truth.geo;
    this.acquisition = {
      t_s,
      true_lat_deg: g[0],
      true_lon_deg: g[1],
      believed_lat_deg: b.lat_deg,
      believed_lon_deg: b.lon_deg,
      believed_error_m: this.beliefError_m(t_s),
      missile_lat_deg: Math.atan2(m[0], m[1]) / RAD_PER_DEG,
      missile_lon_deg: Math.atan2(m[2], m[3]) / RAD_PER_DEG,
      footprint_radius_m: this.params.footprint_m,
    };
    return this.acquisition;
  }

  /**
   * The true track from the observation to t_end (s) in degrees: its knots, and points between
   * them at most 1/400 of the span apart, so the bends of the road show.
   */
  trackPoints(tEnd_s: number): { t_s: number; lat_deg: number; lon_deg: number }[] {
    const tt = this.params.track.t_s;
    const t0 = tt[0];
    const step = Math.max(1, (tEnd_s - t0) / 400);
    const times = [t0];
    let k = 1;
    for (let t = t0 + step; t < tEnd_s; t += step) {
      while (k < tt.length && tt[k] < t) {
        if (tt[k] > times[times.length - 1]) times.push(tt[k]);
        k++;
      }
      times.push(t);
    }
    if (tEnd_s > times[times.length - 1]) times.push(tEnd_s);
    return times.map((t) => {
      const g = this.trueGeo(t);
      return { t_s: t, lat_deg: g[0], lon_deg: g[1] };
    });
  }

  /** The road or path of the target's motion, degrees (empty for a fixed target). */
  roadPoints(): { lat_deg: number; lon_deg: number }[] {
    const line = this.params.track.line;
    if (line.s_m.length < 2) return [];
    return Array.from(line.s_m, (_, i) => {
      const g = toGeo(this.params.plane, line.north_m[i], line.east_m[i], this.geo);
      return { lat_deg: g[0], lon_deg: g[1] };
    });
  }

  private setBelief(t_s: number, source: BeliefPoint["source"]): void {
    const p = this.params;
    const g = toGeo(p.plane, this.bel[0], this.bel[1], this.geo);
    geodeticToEcef(
      p.ellipsoid,
      g[0] * RAD_PER_DEG,
      g[1] * RAD_PER_DEG,
      p.groundAt(g[0], g[1]),
      this.believedEcef,
      0,
    );
    this.believed.push({ t_s, lat_deg: g[0], lon_deg: g[1], source });
  }
}

/** A J/S in words. */
function jsWords(js_db: number): string {
  return Number.isFinite(js_db) ? `${js_db.toFixed(1)} dB` : "none";
}
