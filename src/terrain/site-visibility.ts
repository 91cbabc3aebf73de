/**
 * Can a ground site (radar, jammer) see a point in the air? Over a terrain grid the answer comes
 * from the site's viewshed (minimum visible height per cell), computed once and cached by the
 * caller's ViewshedCache so every run of a study shares it; beyond the grid, or without terrain,
 * from the smooth-Earth radar horizon on the 4/3-Earth model over the grid's outside level.
 */

import type { ElevationGrid } from "./elevation-grid.js";
import { REFRACTION_K, radarHorizon_m, surfaceDistance_m } from "./line-of-sight.js";
import { viewshed } from "./viewshed.js";

/**
 * Viewsheds by terrain and site, owned by the caller (a run, or a worker flying many runs of a
 * study), never global. A viewshed is a pure function of the terrain, the site and the mast, so
 * sharing one cache between runs changes no result, only the time. At most `maxEntries` are kept
 * (least recently used dropped), so a study that disperses site positions stays bounded.
 *
 * With `reuseEvicted`, the array of a viewshed this cache computed and then dropped receives the
 * next one it computes, instead of a new 4 MB array (1024² cells) per dispersed site and run: a
 * fresh array costs zeroed pages from the kernel (page faults, which the threads of one process
 * serialise on its address space) and, once dropped, a garbage collection and an unmap, several
 * milliseconds each, while the sweep itself overwrites every cell anyway. Only for callers that
 * fly one run at a time and hold no viewshed past their run (a Monte Carlo thread), and who say
 * when the next run starts (nextRun): an array is reused only once the run that asked for it has
 * ended, so a cache too small for one run costs time, never a viewshed overwritten while in use.
 * Arrays put() by others are never written.
 */
export class ViewshedCache {
  private readonly byTerrain = new WeakMap<ElevationGrid, Map<string, Float32Array>>();
  /** Arrays this cache computed (only these may be written again), by the run that asked. */
  private readonly own = new WeakMap<Float32Array, number>();
  /** The current run (see nextRun). */
  private run = 0;
  /** Viewsheds computed (not found in the cache) so far, and how many of them reused an array. */
  computed = 0;
  reused = 0;

  /** A cache holding at most maxEntries viewsheds per terrain (default: unbounded). */
  constructor(
    private readonly maxEntries = Number.POSITIVE_INFINITY,
    private readonly reuseEvicted = false,
  ) {}

  /** The viewshed of an antenna antenna_m above the ground at a site (degrees), computed once. */
  get(terrain: ElevationGrid, lat_deg: number, lon_deg: number, antenna_m: number): Float32Array {
    let store = this.byTerrain.get(terrain);
    if (!store) {
      store = new Map();
      this.byTerrain.set(terrain, store);
    }
    const key = `${lat_deg},${lon_deg},${antenna_m}`;
    let v = store.get(key);
    if (v) {
      // Move to the back: a Map iterates in insertion order, so the front is least recent.
      store.delete(key);
      // This run holds it now: not to be reused before the run ends.
      if (this.own.has(v)) this.own.set(v, this.run);
    } else {
      let spare: Float32Array | undefined;
      if (store.size >= this.maxEntries) {
        const oldest = store.keys().next().value;
        if (oldest !== undefined) {
          const dropped = store.get(oldest);
          store.delete(oldest);
          const askedIn = dropped ? this.own.get(dropped) : undefined;
          if (this.reuseEvicted && askedIn !== undefined && askedIn < this.run) spare = dropped;
        }
      }
      v = viewshed(terrain, lat_deg, lon_deg, antenna_m, REFRACTION_K, spare);
      this.own.set(v, this.run);
      this.computed++;
      if (spare) this.reused++;
    }
    store.set(key, v);
    return v;
  }

  /** The caller's previous run has ended: the arrays it asked for may receive new viewsheds. */
  nextRun(): void {
    this.run++;
  }

  /** Hold a viewshed computed elsewhere (another thread's, in shared memory) for a site. */
  put(
    terrain: ElevationGrid,
    lat_deg: number,
    lon_deg: number,
    antenna_m: number,
    shed: Float32Array,
  ): void {
    let store = this.byTerrain.get(terrain);
    if (!store) {
      store = new Map();
      this.byTerrain.set(terrain, store);
    }
    store.set(`${lat_deg},${lon_deg},${antenna_m}`, shed);
  }
}

/**
 * The viewshed of a site (minimum visible height per cell, m), as ViewshedCache computes it;
 * written into `into` when given (every cell overwritten), else into a new array.
 */
export function siteViewshed(
  terrain: ElevationGrid,
  lat_deg: number,
  lon_deg: number,
  antenna_m: number,
  into?: Float32Array,
): Float32Array {
  return viewshed(terrain, lat_deg, lon_deg, antenna_m, REFRACTION_K, into);
}

/** Visibility from one ground site. */
export class SiteVisibility {
  /** Height of the antenna above the ellipsoid, m. */
  readonly antennaAlt_m: number;
  /** Ground height under the site, m. */
  readonly ground_m: number;
  private readonly shed: Float32Array | null;

  /** A site at (degrees) with its antenna antenna_m above the ground; terrain null for flat ground at flatGround_m. */
  constructor(
    private readonly terrain: ElevationGrid | null,
    readonly lat_deg: number,
    readonly lon_deg: number,
    antenna_m: number,
    cache: ViewshedCache,
    private readonly flatGround_m = 0,
  ) {
    this.ground_m = terrain ? terrain.heightAt(lat_deg, lon_deg) : flatGround_m;
    this.antennaAlt_m = this.ground_m + antenna_m;
    this.shed = terrain ? cache.get(terrain, lat_deg, lon_deg, antenna_m) : null;
  }

  /** Does the site see a point at (degrees) alt_m above the ellipsoid? */
  visible(lat_deg: number, lon_deg: number, alt_m: number): boolean {
    const g = this.terrain;
    if (g && this.shed) {
      const i = Math.round((lat_deg - g.lat0_deg) / g.dLat_deg);
      const j = Math.round((lon_deg - g.lon0_deg) / g.dLon_deg);
      if (i >= 0 && j >= 0 && i < g.nLat && j < g.nLon) return alt_m >= this.shed[i * g.nLon + j];
    }
    // Smooth Earth at the level outside the grid (or the flat ground).
    const level = g ? g.outside_m : this.flatGround_m;
    const d = surfaceDistance_m(this.lat_deg, this.lon_deg, lat_deg, lon_deg);
    return d <= radarHorizon_m(this.antennaAlt_m - level, alt_m - level);
  }
}

/** A jammer's position: degrees, and its antenna height above the ellipsoid (m). */
export interface JammerSite {
  readonly lat_deg: number;
  readonly lon_deg: number;
  readonly alt_m: number;
}

/** Terrain masking of GNSS jammers, for the receiver (navigation/gnss.ts JammerMask). */
export class TerrainJammerMask {
  private readonly sites: SiteVisibility[];

  /** Jammers over the terrain (null: flat ground at flatGround_m), refreshed every refresh_s. */
  constructor(
    jammers: readonly JammerSite[],
    terrain: ElevationGrid | null,
    cache: ViewshedCache,
    flatGround_m = 0,
    readonly refresh_s = 1,
  ) {
    this.sites = jammers.map((j) => {
      const ground = terrain ? terrain.heightAt(j.lat_deg, j.lon_deg) : flatGround_m;
      return new SiteVisibility(
        terrain,
        j.lat_deg,
        j.lon_deg,
        Math.max(0, j.alt_m - ground),
        cache,
        flatGround_m,
      );
    });
  }

  /** 1 per jammer in sight of a receiver at (degrees, m above the ellipsoid), 0 when masked. */
  update(lat_deg: number, lon_deg: number, alt_m: number, out: Uint8Array): void {
    for (let k = 0; k < this.sites.length; k++)
      out[k] = this.sites[k].visible(lat_deg, lon_deg, alt_m) ? 1 : 0;
  }
}
