/** The plain data a scenario map draws (map-features.ts computes it; the web page imports these types). */

/** A point the user can drag: its document path holds `lat_deg` and `lon_deg`. */
export interface MapPoint {
  readonly role: "launch" | "aircraft" | "waypoint" | "target" | "radar" | "sam" | "jammer";
  readonly name: string;
  readonly lat_deg: number;
  readonly lon_deg: number;
  /** Path of the mapping holding lat_deg/lon_deg, e.g. ["route", "waypoints", 0]. */
  readonly path: readonly (string | number)[];
}

/** A ring round a point: what it means, its radius. */
export interface MapRing {
  /** Index into MapFeatures.points of the site it is round. */
  readonly point: number;
  readonly kind: "engagement" | "detection" | "jamming";
  readonly radius_m: number;
  /** Inner radius (an engagement's minimum range), m. */
  readonly inner_m?: number;
  /** Engagement altitude band above the ground, m (SAMs). */
  readonly min_alt_m?: number;
  readonly max_alt_m?: number;
  /** Antenna or jammer height above the ground, m. */
  readonly mast_m?: number;
  /** A free-standing jammer's antenna height above the ellipsoid, m (instead of a mast). */
  readonly antennaAlt_m?: number;
}

/** Everything the map draws. */
export interface MapFeatures {
  readonly kind: "body" | "mission" | "salvo";
  readonly points: readonly MapPoint[];
  readonly rings: readonly MapRing[];
  /** The routes as drawn lines (each a list of indices into points). */
  readonly routes: readonly (readonly number[])[];
  readonly noFly: readonly { name: string; ring: readonly [number, number][] }[];
  /** The terrain's box, degrees, or null without terrain. */
  readonly terrain: { south: number; west: number; north: number; east: number } | null;
  /** Cruise height for coverage maps: metres and its reference. */
  readonly cruise: { alt_m: number; ref: "msl" | "agl" } | null;
}
