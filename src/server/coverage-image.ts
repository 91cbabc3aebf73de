/**
 * Each radar's coverage at the flight height as a translucent PNG for the map, computed on demand
 * (engine/coverage.ts, the defence model's own line of sight) when the page asks for a site's
 * layer, and cached: validating a scenario only names the images, so the first load stays light.
 */

import { createHash } from "node:crypto";
import { type Coverage, type CoverageSite, radarCoverage } from "../engine/coverage.js";
import { encodePng } from "../report/png.js";
import type { TerrainImages } from "./terrain-image.js";

/** Side of a coverage image, pixels. */
export const COVERAGE_PX = 384;

/** Fill of a covered pixel: the map's radar purple or jammer brown, translucent. */
const FILL = {
  detection: [148, 103, 189, 120],
  jamming: [140, 86, 75, 110],
} as const;

/** What a coverage image shows: where a radar detects, or where a jammer reaches. */
export type CoverageKind = keyof typeof FILL;

interface Def {
  readonly terrainId: string | null;
  readonly site: CoverageSite;
  readonly kind: CoverageKind;
}

/** Remembers coverage definitions by id and renders (and caches) their images. */
export class CoverageImages {
  private readonly defs = new Map<string, Def>();
  private readonly done = new Map<string, { cov: Coverage; png: Uint8Array }>();

  constructor(
    private readonly terrain: TerrainImages,
    private readonly maxDefs = 512,
    private readonly maxImages = 32,
  ) {}

  /** The id of a site's coverage over a registered terrain (null: smooth Earth). */
  register(terrainId: string | null, site: CoverageSite, kind: CoverageKind): string {
    const id = createHash("sha256")
      .update(JSON.stringify({ terrainId, site, kind }))
      .digest("hex")
      .slice(0, 32);
    this.defs.delete(id);
    this.defs.set(id, { terrainId, site, kind });
    if (this.defs.size > this.maxDefs) {
      const oldest = this.defs.keys().next().value;
      if (oldest !== undefined) this.defs.delete(oldest);
    }
    return id;
  }

  /** The computed coverage and its PNG, or null for an unknown id. */
  async get(id: string): Promise<{ cov: Coverage; png: Uint8Array } | null> {
    const hit = this.done.get(id);
    if (hit) return hit;
    const def = this.defs.get(id);
    if (!def) return null;
    const g = def.terrainId ? await this.terrain.grid(def.terrainId) : null;
    if (def.terrainId && !g) return null;
    const cov = radarCoverage(g?.grid ?? null, def.site, COVERAGE_PX);
    const rgba = new Uint8Array(cov.width * cov.height * 4);
    for (let k = 0; k < cov.covered.length; k++)
      if (cov.covered[k]) rgba.set(FILL[def.kind], k * 4);
    const out = { cov, png: encodePng(cov.width, cov.height, rgba, 4) };
    this.done.set(id, out);
    if (this.done.size > this.maxImages) {
      const oldest = this.done.keys().next().value;
      if (oldest !== undefined) this.done.delete(oldest);
    }
    return out;
  }
}
