/**
 * The scenario's terrain as a shaded-relief PNG for the map, rendered here (report/shaded-relief.ts,
 * the static reports' renderer) so the page needs no tile server and no internet. A terrain is
 * named by the hash of its definition; the last few images are kept.
 */

import { createHash } from "node:crypto";
import { terrainFromScenario } from "../engine/world.js";
import type { MapBounds } from "../report/map-input.js";
import { shadedReliefPng } from "../report/shaded-relief.js";
import type { TerrainScenario } from "../scenario/threat-schema.js";
import type { ElevationGrid } from "../terrain/elevation-grid.js";

/** Largest side of a terrain image, pixels. */
export const TERRAIN_IMAGE_PX = 1024;

type Synthetic = Extract<TerrainScenario, { kind: "synthetic" }>;

/** A synthetic terrain with its seed resolved. */
export interface TerrainKey {
  readonly terrain: Synthetic;
  readonly seed: number;
}

/** Remembers terrain definitions by id and renders (and caches) their images. */
export class TerrainImages {
  private readonly defs = new Map<string, TerrainKey>();
  private readonly pngs = new Map<string, Uint8Array>();
  private readonly grids = new Map<string, ElevationGrid>();

  constructor(
    private readonly maxDefs = 256,
    private readonly maxImages = 6,
  ) {}

  /** The id of a scenario's synthetic terrain (remembered for `png`). */
  register(terrain: Synthetic, scenarioSeed: number): string {
    const key: TerrainKey = { terrain, seed: terrain.seed ?? scenarioSeed };
    const id = createHash("sha256").update(JSON.stringify(key)).digest("hex").slice(0, 32);
    this.defs.delete(id);
    this.defs.set(id, key);
    if (this.defs.size > this.maxDefs) {
      const oldest = this.defs.keys().next().value;
      if (oldest !== undefined) this.defs.delete(oldest);
    }
    return id;
  }

  /** The elevation grid of a registered terrain (the engine's own), or null for an unknown id. */
  async grid(id: string): Promise<{ grid: ElevationGrid; key: TerrainKey } | null> {
    const key = this.defs.get(id);
    if (!key) return null;
    let grid = this.grids.get(id);
    if (!grid) {
      // The engine's own terrain, so the map shows exactly the ground the run flies over.
      const g = await terrainFromScenario(
        {
          environment: { terrain: key.terrain, ground_elevation_m: 0, jammers: [] },
          seed: key.seed,
        },
        "terrain",
      );
      if (!g) return null;
      grid = g;
      this.grids.set(id, grid);
      if (this.grids.size > this.maxImages) {
        const oldest = this.grids.keys().next().value;
        if (oldest !== undefined) this.grids.delete(oldest);
      }
    }
    return { grid, key };
  }

  /**
   * Heights (m, float32, little-endian) on an n × n lattice over the terrain's box, rows from the
   * south, corners included: the page's profile and 3-D terrain sample it.
   */
  async heights(id: string, n: number): Promise<Float32Array | null> {
    const g = await this.grid(id);
    if (!g) return null;
    const t = g.key.terrain;
    const out = new Float32Array(n * n);
    for (let i = 0; i < n; i++) {
      const lat = t.south_deg + (t.size_deg * i) / (n - 1);
      for (let j = 0; j < n; j++)
        out[i * n + j] = g.grid.heightAt(lat, t.west_deg + (t.size_deg * j) / (n - 1));
    }
    return out;
  }

  /** PNG bytes of a registered terrain, or null for an unknown id. */
  async png(id: string): Promise<Uint8Array | null> {
    const cached = this.pngs.get(id);
    if (cached) return cached;
    const g = await this.grid(id);
    if (!g) return null;
    const t = g.key.terrain;
    const bounds: MapBounds = {
      lat0: t.south_deg,
      lat1: t.south_deg + t.size_deg,
      lon0: t.west_deg,
      lon1: t.west_deg + t.size_deg,
    };
    const png = shadedReliefPng(g.grid, bounds, TERRAIN_IMAGE_PX);
    this.pngs.set(id, png);
    if (this.pngs.size > this.maxImages) {
      const oldest = this.pngs.keys().next().value;
      if (oldest !== undefined) this.pngs.delete(oldest);
    }
    return png;
  }
}
