/**
 * The cheap first test of a (site, flyer) pair in the shared air defence: is the flyer beyond the
 * radar horizon of the site for its height, so that no radar look can see it this update?
 *
 * On the 4/3-Earth model of standard refraction the horizon between an antenna h1 and a target h2
 * above a smooth Earth is d = √(2kR·h1) + √(2kR·h2), k = 4/3 (Skolnik, "Introduction to Radar
 * Systems", 3rd ed., §8.2; Federal Standard 1037C, "radar horizon": d_km ≈ 4.12(√h1 + √h2) with
 * heights in metres; terrain/line-of-sight.ts radarHorizon_m). Terrain can only hide more than a
 * smooth Earth at the map's lowest level L, so heights are taken above L and the test is
 * conservative everywhere:
 *
 * - off the map (and over flat ground) the site's own visibility test is this very formula at a
 *   level ≥ L (terrain/site-visibility.ts), so "beyond" implies "not visible" exactly;
 * - on the map the viewshed sweep (terrain/viewshed-wang.ts) is monotone in the terrain heights
 *   (each cell's sight line is a positively weighted combination of nearer ones, then a max with
 *   the ground), so terrain at or above L hides at least what a flat map at L hides; the gate
 *   adds margins for what the discrete sweep does differently from the continuous horizon: the
 *   flyer is looked up at its cell's centre (half a cell diagonal), the sweep measures east-west
 *   distance with the cosine of the site's latitude (the map's widest cosine over it), and a 1 %
 *   and two-cell allowance for the sampled tangent point. A test checks every cell of the
 *   example's viewsheds against it.
 *
 * The test itself is a dot product of unit vectors (the flyer's latitude and longitude sines and
 * cosines are already in its ThreatTarget) against the squared horizon angle: a chord on the unit
 * sphere is never longer than its arc, so chord² > θ_h² proves the arc is longer than θ_h.
 */

import type { ElevationGrid } from "../terrain/elevation-grid.js";
import { EARTH_RADIUS_M, REFRACTION_K } from "../terrain/line-of-sight.js";
import type { ThreatTarget } from "./defence-types.js";

const D2R = Math.PI / 180;
const TWO_K_R = 2 * REFRACTION_K * EARTH_RADIUS_M;
/** Relative allowance on the horizon distance for the sampled sweep and rounding. */
const RELATIVE_MARGIN = 0.01;

/** One flyer's share of the horizon, √(2kR·h) with h its height above level_m (m). */
export function flyerHorizon_m(alt_m: number, level_m: number): number {
  const h = alt_m - level_m;
  return h > 0 ? Math.sqrt(TWO_K_R * h) : 0;
}

/** The horizon gate of one ground site (a search radar or a SAM site's radar). */
export class HorizonGate {
  private readonly sinLat: number;
  private readonly cosLat: number;
  private readonly sinLon: number;
  private readonly cosLon: number;
  /** The site's share of the horizon and the scale and margin (m) applied to the sum. */
  readonly site_m: number;
  readonly scale: number;
  readonly margin_m: number;

  /**
   * A site at (degrees) with its antenna antennaAlt_m above the ellipsoid, over terrain (null:
   * flat ground) whose lowest level is level_m.
   */
  constructor(
    lat_deg: number,
    lon_deg: number,
    antennaAlt_m: number,
    readonly level_m: number,
    terrain: ElevationGrid | null,
  ) {
    this.sinLat = Math.sin(lat_deg * D2R);
    this.cosLat = Math.cos(lat_deg * D2R);
    this.sinLon = Math.sin(lon_deg * D2R);
    this.cosLon = Math.cos(lon_deg * D2R);
    this.site_m = flyerHorizon_m(antennaAlt_m, level_m);
    let widen = 1;
    let margin = 0;
    if (terrain) {
      // The sweep's east-west metres use cos(site latitude); where the map's cosine is larger the
      // true distance is longer than the sweep's by that ratio.
      const lat1 = terrain.lat0_deg;
      const lat2 = terrain.lat0_deg + (terrain.nLat - 1) * terrain.dLat_deg;
      const widest =
        lat1 <= 0 && lat2 >= 0 ? 1 : Math.max(Math.cos(lat1 * D2R), Math.cos(lat2 * D2R));
      widen = Math.max(1, widest / Math.max(1e-6, this.cosLat));
      const dy = terrain.dLat_deg * D2R * EARTH_RADIUS_M;
      const dx = terrain.dLon_deg * D2R * EARTH_RADIUS_M * widest;
      margin = 2 * Math.sqrt(dx * dx + dy * dy);
    }
    this.scale = widen * (1 + RELATIVE_MARGIN);
    this.margin_m = margin + 1;
  }

  /** The farthest ground distance (m) at which the gate lets a flyer with share flyer_m through. */
  reach_m(flyer_m: number): number {
    return (this.site_m + flyer_m) * this.scale + this.margin_m;
  }

  /**
   * Is the flyer (its share of the horizon flyer_m, from flyerHorizon_m at this gate's level)
   * provably beyond the site's horizon? About ten flops, no trigonometry.
   */
  beyond(tgt: ThreatTarget, flyer_m: number): boolean {
    const cosTheta =
      this.sinLat * tgt.sinLat +
      this.cosLat * tgt.cosLat * (this.cosLon * tgt.cosLon + this.sinLon * tgt.sinLon);
    const chord2 = 2 * (1 - cosTheta);
    const theta = ((this.site_m + flyer_m) * this.scale + this.margin_m) / EARTH_RADIUS_M;
    return chord2 > theta * theta;
  }
}
