/**
 * What the terrain map draws: its input (track, points, sites, events, extra tracks, areas,
 * coverage layers), its options and the latitude/longitude box it covers. Kept apart from
 * terrain-map.ts, which re-exports them, so the map's layer files can share these types without
 * an import circle.
 */

import type { ElevationGrid } from "../terrain/elevation-grid.js";

/** A threat site (e.g. a SAM battery or radar) with range rings drawn around it. */
export interface MapSite {
  readonly name: string;
  readonly lat_deg: number;
  readonly lon_deg: number;
  readonly kind: string;
  /** circles to draw, m, e.g. max engagement range, detection range vs the missile */
  readonly rings_m: readonly { readonly radius_m: number; readonly label: string }[];
}

/** Something that happened at a place and time, e.g. a site detecting or engaging the missile. */
export interface MapEvent {
  /** detected | tracked | lost | launch | kill | miss | survived | jammed, or any other word. */
  readonly kind: string;
  readonly lat_deg: number;
  readonly lon_deg: number;
  readonly t_s: number;
  readonly label: string;
}

/** Everything the map shows. */
export interface TerrainMapInput {
  /** null: a plain background. */
  readonly terrain: ElevationGrid | null;
  readonly track: { readonly lat_deg: ArrayLike<number>; readonly lon_deg: ArrayLike<number> };
  readonly sites: readonly MapSite[];
  readonly events: readonly MapEvent[];
  /** Launch, waypoints, aimpoint. */
  readonly points: readonly {
    readonly name: string;
    readonly lat_deg: number;
    readonly lon_deg: number;
  }[];
  /** Legend label of `track`; default "flown track" (a plan's map shows a planned route). */
  readonly trackLabel?: string;
  /**
   * More polylines drawn under the track, e.g. a planned route and the straight line it is
   * compared with: each with its legend label, optionally dashed, coloured in turn from
   * EXTRA_TRACK_COLORS unless it names a colour (#rrggbb).
   */
  readonly extraTracks?: readonly {
    readonly label: string;
    readonly lat_deg: ArrayLike<number>;
    readonly lon_deg: ArrayLike<number>;
    readonly dashed?: boolean;
    readonly color?: string;
    /** Legend row text shared by every track that gives it (one row each); `label` is then the tooltip. */
    readonly legend?: string;
  }[];
  /**
   * Circles on the ground, e.g. a seeker's search footprint: centre (degrees) and radius (m),
   * each with its legend label, in a colour of its own (#rrggbb, default purple).
   */
  readonly circles?: readonly {
    readonly label: string;
    readonly lat_deg: number;
    readonly lon_deg: number;
    readonly radius_m: number;
    readonly color?: string;
  }[];
  /** Areas to outline and hatch, e.g. no-fly areas: polygons of [lat, lon] vertices, degrees. */
  readonly areas?: readonly {
    readonly name: string;
    readonly polygon: readonly (readonly [number, number])[];
  }[];
  /**
   * Optional per-site masking layer: cells where the site sees a target at the planned height
   * (1 = visible), row-major from the south like ElevationGrid. A layer spans the same corner
   * samples as `terrain` (nLat × nLon may be coarser than the terrain's); it is ignored when
   * `terrain` is null, since nothing else places it on the Earth.
   */
  readonly coverage?: readonly {
    readonly site: string;
    readonly visible: Uint8Array;
    readonly nLat: number;
    readonly nLon: number;
  }[];
}

/** A latitude/longitude box, degrees: lat0 south, lat1 north, lon0 west, lon1 east (lon1 > lon0; may pass 180). */
export interface MapBounds {
  readonly lat0: number;
  readonly lat1: number;
  readonly lon0: number;
  readonly lon1: number;
}

/** Options of renderTerrainMap. */
export interface TerrainMapOptions {
  /** Width of the whole SVG, px (default 900; at least 320). */
  readonly width_px?: number;
  /** Largest side of an embedded raster (terrain, coverage), px (default 1024). */
  readonly maxImagePx?: number;
}
