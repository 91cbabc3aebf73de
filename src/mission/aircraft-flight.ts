/**
 * What a salvo's launch aircraft did in the shared world: its flown track, its releases and its
 * fate. Produced by the salvo world (engine/salvo-world.ts), consumed by the salvo's outputs
 * (io/salvo-czml.ts, the salvo report), so both sides share this one shape.
 */

/** One sample of a launch aircraft's track (geodetic, height above the ellipsoid). */
export interface AircraftSample {
  /** Salvo time, s after the first launch opportunity. */
  readonly t_s: number;
  readonly lat_deg: number;
  readonly lon_deg: number;
  /** Height above the WGS-84 ellipsoid, m. */
  readonly alt_m: number;
  /** True heading, degrees clockwise from north. */
  readonly heading_deg: number;
}

/** One release of a salvo member by its aircraft. */
export interface AircraftRelease {
  /** The member released (missile or decoy name). */
  readonly member: string;
  /** Salvo time of the release, s; null when the aircraft was killed first and never released it. */
  readonly t_s: number | null;
  readonly lat_deg: number;
  readonly lon_deg: number;
}

/** A launch aircraft flown in the salvo's world. */
export interface AircraftFlight {
  readonly name: string;
  /** Preset or platform label. */
  readonly platform: string;
  /** Samples from entry to the end of egress (or its kill), in time order. */
  readonly samples: readonly AircraftSample[];
  readonly releases: readonly AircraftRelease[];
  readonly fate: "survived" | "killed";
  /** The site that killed it and when (salvo time, s); null when it survived. */
  readonly killed_by: string | null;
  readonly killed_at_s: number | null;
}
