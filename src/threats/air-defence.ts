/**
 * A notional integrated air defence against one missile: search radars that cue the SAM sites of
 * their network, and SAM sites (each with its own fire-control radar) running the engagement state
 * machine of sam-site.ts. Evaluated at its own rate (update_s), lower than the flight dynamics.
 *
 * Each update builds what every radar observes from the target's true state: slant range, height
 * above the ground beneath it, closing speed, line of sight over the terrain (site-visibility.ts)
 * and the aspect-dependent RCS (rcs.ts) for the azimuth off the nose and the elevation at which
 * the airframe sees the radar. No allocation per update beyond the events it reports.
 */

import type { Rng } from "../core/rng.js";
import { type Ellipsoid, geodeticToEcef } from "../earth/ellipsoid.js";
import type { ElevationGrid } from "../terrain/elevation-grid.js";
import { SiteVisibility, type ViewshedCache } from "../terrain/site-visibility.js";
import { pdSwerling1, type RadarParams, snr, snrForPdSwerling1 } from "./radar.js";
import { type RcsTable, rcsAt } from "./rcs.js";
import {
  SamEngagement,
  type SamEvent,
  type SamEventKind,
  type SamSiteParams,
  TRACK_DROP_MISSES,
} from "./sam-site.js";

const DEG = 180 / Math.PI;

/** A SAM site placed on the map. */
export interface PlacedSam {
  readonly name: string;
  /** The preset it was built from (a label for reports). */
  readonly preset: string;
  readonly lat_deg: number;
  readonly lon_deg: number;
  readonly params: SamSiteParams;
  /** Search radars of the same network cue it. */
  readonly network: string;
}

/** A search radar placed on the map. */
export interface PlacedSearchRadar {
  readonly name: string;
  readonly lat_deg: number;
  readonly lon_deg: number;
  readonly radar: RadarParams;
  readonly network: string;
}

/** The whole defence. */
export interface AirDefenceParams {
  readonly sams: readonly PlacedSam[];
  readonly searchRadars: readonly PlacedSearchRadar[];
  /** Threat update interval, s. */
  readonly update_s: number;
  /** The missile's radar cross-section by aspect. */
  readonly rcs: RcsTable;
}

/** The target's true state, written by the caller before each update. */
export interface ThreatTarget {
  lat_deg: number;
  lon_deg: number;
  /** Height above the ellipsoid and above the ground beneath it, m. */
  alt_m: number;
  agl_m: number;
  /** ECEF position (m) and NED ground velocity (m/s). */
  readonly ecef: Float64Array;
  readonly vNed: Float64Array;
  sinLat: number;
  cosLat: number;
  sinLon: number;
  cosLon: number;
}

/** An event of the defence: a site (or search radar) and what it did. */
export interface ThreatEvent {
  readonly kind: SamEventKind;
  readonly site: string;
  readonly t_s: number;
  readonly range_m: number;
  readonly count: number;
}

/** What each site did over the flight. */
export interface SiteSummary {
  readonly name: string;
  readonly kind: "sam" | "search_radar";
  readonly preset: string;
  /** Time in the radar's line of sight, s. */
  readonly exposure_s: number;
  /** Time in sight and inside the single-look Pd ≥ 0.5 range, s. */
  readonly detectable_s: number;
  /** Time in track (SAM) or held by the search radar, s. */
  readonly tracked_s: number;
  /** First detection, s, or null. */
  readonly first_detection_s: number | null;
  readonly shots: number;
  readonly outcome: "killed" | "survived" | "not engaged" | "not detected";
}

/** Per-radar geometry scratch. */
interface Sensor {
  readonly vis: SiteVisibility;
  /** Antenna ECEF, m. */
  readonly ecef: Float64Array;
}

/** A search radar's state. */
interface SearchState {
  readonly p: PlacedSearchRadar;
  readonly sensor: Sensor;
  readonly rng: Rng;
  readonly snrHalf: number;
  holding: boolean;
  nextScan: number;
  misses: number;
  exposure_s: number;
  detectable_s: number;
  held_s: number;
  firstDetection: number | null;
}

/** The defence's state over one flight. */
export class AirDefence {
  readonly engagements: SamEngagement[];
  private readonly samSensors: Sensor[];
  private readonly search: SearchState[];
  private readonly firstDetection: (number | null)[];
  private readonly samEvents: SamEvent[] = [];
  private readonly rngSams: Rng;
  /** Slant range, closing speed, RCS and visibility of the last observation. */
  private readonly obs = { range_m: 0, height_m: 0, rcs_m2: 0, visible: false, closing_mps: 0 };
  private killedBy = -1;

  /** The defence over terrain (null: flat ground at flatGround_m), drawing from rng. */
  constructor(
    readonly params: AirDefenceParams,
    terrain: ElevationGrid | null,
    ellipsoid: Ellipsoid,
    rng: Rng,
    cache: ViewshedCache,
    flatGround_m = 0,
  ) {
    const place = (lat: number, lon: number, mast: number): Sensor => {
      const vis = new SiteVisibility(terrain, lat, lon, mast, cache, flatGround_m);
      const ecef = new Float64Array(3);
      geodeticToEcef(ellipsoid, lat / DEG, lon / DEG, vis.antennaAlt_m, ecef, 0);
      return { vis, ecef };
    };
    this.rngSams = rng.stream("sams");
    this.engagements = params.sams.map(
      (s, i) => new SamEngagement(s.params, this.rngSams.stream(`${i}:${s.name}`)),
    );
    this.samSensors = params.sams.map((s) => place(s.lat_deg, s.lon_deg, s.params.radar.mast_m));
    this.firstDetection = params.sams.map(() => null);
    const rs = rng.stream("search-radars");
    this.search = params.searchRadars.map((r, i) => ({
      p: r,
      sensor: place(r.lat_deg, r.lon_deg, r.radar.mast_m),
      rng: rs.stream(`${i}:${r.name}`),
      snrHalf: snrForPdSwerling1(0.5, r.radar.pfa),
      holding: false,
      nextScan: 0,
      misses: 0,
      exposure_s: 0,
      detectable_s: 0,
      held_s: 0,
      firstDetection: null,
    }));
  }

  /** Index of the SAM site that killed the target, or −1. */
  get killer(): number {
    return this.killedBy;
  }

  /**
   * Advance to time t (s) over dt (s) against the target; push events into out. Returns true when
   * the target has been killed.
   */
  update(t: number, dt: number, tgt: ThreatTarget, out: ThreatEvent[]): boolean {
    if (this.killedBy >= 0) return true;
    // Search radars first, so a cue acts on the SAMs in the same update.
    for (const s of this.search) {
      this.observe(s.sensor, tgt);
      const o = this.obs;
      const radar = s.p.radar;
      const snrNow = o.visible ? snr(radar, o.rcs_m2, o.range_m) : 0;
      if (o.visible) s.exposure_s += dt;
      if (o.visible && snrNow >= s.snrHalf) s.detectable_s += dt;
      if (s.holding) s.held_s += dt;
      if (t >= s.nextScan) {
        s.nextScan = t + radar.scan_s;
        const hit = o.visible && s.rng.bernoulli(pdSwerling1(snrNow, radar.pfa));
        if (!s.holding && hit) {
          s.holding = true;
          s.misses = 0;
          s.firstDetection ??= t;
          out.push({ kind: "detected", site: s.p.name, t_s: t, range_m: o.range_m, count: 0 });
        } else if (s.holding) {
          s.misses = hit ? 0 : s.misses + 1;
        }
      }
      // The same track-maintenance rule as the SAM sites' radars (sam-site.ts).
      if (s.holding && (!o.visible || s.misses >= TRACK_DROP_MISSES)) {
        s.holding = false;
        out.push({ kind: "track_lost", site: s.p.name, t_s: t, range_m: o.range_m, count: 0 });
      }
      if (s.holding) {
        const sams = this.params.sams;
        for (let i = 0; i < sams.length; i++) {
          if (sams[i].network === s.p.network && this.engagements[i].cue(t)) {
            out.push({ kind: "cued", site: sams[i].name, t_s: t, range_m: o.range_m, count: 0 });
          }
        }
      }
    }
    for (let i = 0; i < this.engagements.length; i++) {
      this.observe(this.samSensors[i], tgt);
      this.obs.height_m = tgt.agl_m;
      const ev = this.samEvents;
      ev.length = 0;
      const killed = this.engagements[i].update(t, dt, this.obs, ev);
      const name = this.params.sams[i].name;
      for (const e of ev) {
        if (e.kind === "detected") this.firstDetection[i] ??= t;
        out.push({ kind: e.kind, site: name, t_s: e.t_s, range_m: e.range_m, count: e.count });
      }
      if (killed) {
        this.killedBy = i;
        return true;
      }
    }
    return false;
  }

  /** What each site did (after the flight). */
  summary(): SiteSummary[] {
    const sams = this.engagements.map((e, i): SiteSummary => {
      const first = this.firstDetection[i];
      return {
        name: this.params.sams[i].name,
        kind: "sam",
        preset: this.params.sams[i].preset,
        exposure_s: e.exposure_s,
        detectable_s: e.detectable_s,
        tracked_s: e.tracked_s,
        first_detection_s: first,
        shots: e.fired,
        outcome: e.killed
          ? "killed"
          : e.fired > 0
            ? "survived"
            : first === null
              ? "not detected"
              : "not engaged",
      };
    });
    const radars = this.search.map(
      (s): SiteSummary => ({
        name: s.p.name,
        kind: "search_radar",
        preset: "search radar",
        exposure_s: s.exposure_s,
        detectable_s: s.detectable_s,
        tracked_s: s.held_s,
        first_detection_s: s.firstDetection,
        shots: 0,
        outcome: s.firstDetection === null ? "not detected" : "not engaged",
      }),
    );
    return [...radars, ...sams];
  }

  /** Fill this.obs (not height) for a sensor looking at the target. */
  private observe(s: Sensor, tgt: ThreatTarget): void {
    const o = this.obs;
    const dx = s.ecef[0] - tgt.ecef[0];
    const dy = s.ecef[1] - tgt.ecef[1];
    const dz = s.ecef[2] - tgt.ecef[2];
    const range = Math.sqrt(dx * dx + dy * dy + dz * dz);
    // Line of sight from the target to the site in the target's NED frame.
    const { sinLat, cosLat, sinLon, cosLon } = tgt;
    const n = -sinLat * cosLon * dx - sinLat * sinLon * dy + cosLat * dz;
    const e = -sinLon * dx + cosLon * dy;
    const d = -cosLat * cosLon * dx - cosLat * sinLon * dy - sinLat * dz;
    const v = tgt.vNed;
    o.range_m = range;
    o.closing_mps = range > 0 ? (v[0] * n + v[1] * e + v[2] * d) / range : 0;
    o.visible = s.vis.visible(tgt.lat_deg, tgt.lon_deg, tgt.alt_m);
    // Aspect: azimuth of the site off the velocity vector, and its elevation above the flight path.
    const hv = Math.sqrt(v[0] * v[0] + v[1] * v[1]);
    const course = Math.atan2(v[1], v[0]);
    const gamma = Math.atan2(-v[2], hv);
    const az = (Math.atan2(e, n) - course) * DEG;
    const el = (Math.atan2(-d, Math.sqrt(n * n + e * e)) - gamma) * DEG;
    o.rcs_m2 = rcsAt(this.params.rcs, az, el);
  }
}
