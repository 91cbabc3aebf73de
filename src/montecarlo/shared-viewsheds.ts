/**
 * Viewsheds of a study's nominal sites, computed once per process and shared by its threads.
 *
 * Each viewshed is a Float32Array over the whole terrain grid (4 MB for 1024² cells), and a site
 * that no dispersion moves has the same viewshed in every run (and in the nominal run, which every
 * thread flies; a dispersed site's nominal viewshed serves that run only). Before, every thread computed
 * each one itself; now the process allocates one SharedArrayBuffer per site and the threads divide
 * the work: a thread claims a free slot (compare-and-swap 0 → 1), computes it into shared memory
 * and marks it ready (2), then waits for the slots other threads claimed. A viewshed is a pure
 * function of the terrain, the site and the mast, so who computes it changes no result.
 */

import { type ViewshedSite, viewshedSites } from "../engine/world.js";
import type { MissionScenario } from "../scenario/mission-schema.js";
import type { ElevationGrid } from "../terrain/elevation-grid.js";
import { siteViewshed, type ViewshedCache } from "../terrain/site-visibility.js";

/** Viewshed slots in shared memory (see the module notes). */
export interface SharedViewsheds {
  readonly sites: readonly ViewshedSite[];
  /** Per slot: 0 free, 1 being computed, 2 ready (an Int32Array on a SharedArrayBuffer). */
  readonly state: Int32Array;
  /** Per slot: the viewshed, on its own SharedArrayBuffer. */
  readonly sheds: readonly Float32Array[];
}

const FREE = 0;
const BUSY = 1;
const READY = 2;

/** Empty shared slots for the sites a run of the nominal scenario asks for (null: no terrain). */
export function allocateSharedViewsheds(
  s: MissionScenario,
  terrain: ElevationGrid | null,
): SharedViewsheds | null {
  if (!terrain) return null;
  const sites = viewshedSites(s, terrain);
  if (sites.length === 0) return null;
  const cells = terrain.nLat * terrain.nLon;
  return {
    sites,
    state: new Int32Array(new SharedArrayBuffer(4 * sites.length)),
    sheds: sites.map(() => new Float32Array(new SharedArrayBuffer(4 * cells))),
  };
}

/**
 * Fill `cache` with the shared viewsheds, computing the free ones (see the module notes). Blocks
 * (Atomics.wait) until the slots other threads are computing are ready.
 */
export function seedSharedViewsheds(
  shared: SharedViewsheds,
  terrain: ElevationGrid,
  cache: ViewshedCache,
): void {
  const { sites, state, sheds } = shared;
  const compute = (k: number): void => {
    const s = sites[k];
    try {
      // Straight into shared memory: a private 4 MB array and its copy cost each slot ~12 ms
      // of page faults and copying (1024² cells), on the path to every thread's first run.
      siteViewshed(terrain, s.lat_deg, s.lon_deg, s.antenna_m, sheds[k]);
    } catch (e) {
      // Free the slot again so another thread does not wait for it forever.
      Atomics.store(state, k, FREE);
      Atomics.notify(state, k);
      throw e;
    }
    Atomics.store(state, k, READY);
    Atomics.notify(state, k);
  };
  // First the free slots (threads starting together divide the work), then wait for the others.
  for (let k = 0; k < sites.length; k++) {
    if (Atomics.compareExchange(state, k, FREE, BUSY) === FREE) compute(k);
  }
  for (let k = 0; k < sites.length; k++) {
    for (;;) {
      const v = Atomics.load(state, k);
      if (v === READY) break;
      if (v === FREE && Atomics.compareExchange(state, k, FREE, BUSY) === FREE) compute(k);
      else Atomics.wait(state, k, BUSY, 1000);
    }
    const s = sites[k];
    cache.put(terrain, s.lat_deg, s.lon_deg, s.antenna_m, sheds[k]);
  }
}
