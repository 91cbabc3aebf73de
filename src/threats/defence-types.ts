/**
 * The plain types of a notional integrated air defence: sites and search radars placed on the
 * map, the defence's parameters, what the defence sees of a flyer, its events and its per-flyer
 * and per-site summaries. The network that runs them is defence-network.ts.
 */

import type { RadarParams } from "./radar.js";
import type { RcsTable } from "./rcs.js";
import type { SamEventKind, SamSiteParams } from "./sam-site.js";

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
  /** Targets it can hold in track at once (default unlimited). */
  readonly track_capacity?: number;
}

/** The whole defence. */
export interface AirDefenceParams {
  readonly sams: readonly PlacedSam[];
  readonly searchRadars: readonly PlacedSearchRadar[];
  /** Threat update interval, s. */
  readonly update_s: number;
  /** The missile's radar cross-section by aspect. */
  readonly rcs: RcsTable;
  /** Delay before a search radar's track reaches the SAM sites of its network, s (default 0). */
  readonly latency_s?: number;
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

/** An event of the network about one flyer (its index in the order flyers were added). */
export interface NetworkEvent extends ThreatEvent {
  readonly flyer: number;
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

/** What one SAM site did over a whole engagement (every flyer). */
export interface SiteTotals {
  readonly name: string;
  readonly preset: string;
  /** Interceptors fired, flyers killed, interceptors wasted on flyers that left first. */
  readonly shots: number;
  readonly kills: number;
  readonly wasted: number;
  readonly interceptors_left: number;
  /** Time a target with a fire solution waited for a free channel or a ready round, s. */
  readonly saturated_s: number;
  /** Most fire channels busy at once. */
  readonly max_channels_busy: number;
  /** Detections refused because the fire-control radar's tracks were full. */
  readonly tracks_refused: number;
}
