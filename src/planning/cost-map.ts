/**
 * The exposure cost map a route planner searches: a geodetic planning grid with its own
 * resolution (say 1 km cells, independent of the terrain grid), and per cell the detection hazard
 * rate λ (1/s) a missile flying agl_m above the terrain there would face from the air-defence
 * network. For each radar (search radars and SAM sites' own radars) that sees the cell:
 *
 *   λ += −ln(1 − Pd_look) / scan_s,   Pd_look = pdSwerling1(snr(radar, σ, R))
 *
 * i.e. the per-look Swerling-1 detection probability turned into a rate, so that along a route
 * P(undetected) = exp(−∫ Σλ dt) when looks are independent (radar.ts: cumulative detection is
 * 1 − Π(1 − Pd_i)). A second, weighted map is what the search minimises: search radars' hazard
 * times `searchWeight`, SAM radars' times `samWeight`, and times `envelopeWeight` more where the
 * cell lies inside the SAM's engagement envelope (where a detection can become a shot).
 *
 * Terrain masking comes from each radar's viewshed (minimum visible height per terrain cell),
 * computed once per radar through the caller's ViewshedCache; a planning cell's visibility is the
 * share of the terrain cells inside it whose ground + agl_m is at or above that height, so a 1 km
 * planning cell over 0.4 km terrain says "2/3 visible" rather than guessing from one sample. Beyond
 * the terrain grid (or without one) the smooth-Earth 4/3 radar horizon decides, as in
 * site-visibility.ts. For speed over very large maps the viewsheds can instead be computed on a
 * copy of the terrain coarsened to the planning grid (`coarsenTerrain`); the agreement of the two
 * is measured in test/planning/cost-map.test.ts.
 *
 * Ranges are slant ranges from the antenna (ground + mast) to the point agl_m above the planning
 * cell's mean ground, with the ground distance on a local equirectangular projection about the
 * radar (under 0.5 % off the geodesic within the few hundred kilometres a radar reaches).
 */

import { RAD_PER_DEG } from "../core/units.js";
import { WGS84_A_M, WGS84_F } from "../earth/ellipsoid.js";
import { pointInPolygon } from "../earth/polygon.js";
import { ElevationGrid } from "../terrain/elevation-grid.js";
import { EARTH_RADIUS_M, radarHorizon_m } from "../terrain/line-of-sight.js";
import type { ViewshedCache } from "../terrain/site-visibility.js";
import type { AirDefenceParams } from "../threats/air-defence.js";
import { type RadarParams, snr, snrForPdSwerling1 } from "../threats/radar.js";
import { type RcsTable, rcsAt } from "../threats/rcs.js";
import type { SamEnvelope } from "../threats/sam-site.js";

const E2 = WGS84_F * (2 - WGS84_F);

/** Metres per degree of latitude on the WGS-84 ellipsoid at latitude lat_deg. */
export function metresPerDegLat(lat_deg: number): number {
  const s = Math.sin(lat_deg * RAD_PER_DEG);
  const w = Math.sqrt(1 - E2 * s * s);
  return ((WGS84_A_M * (1 - E2)) / (w * w * w)) * RAD_PER_DEG;
}

/** Metres per degree of longitude on the WGS-84 ellipsoid at latitude lat_deg. */
export function metresPerDegLon(lat_deg: number): number {
  const s = Math.sin(lat_deg * RAD_PER_DEG);
  const w = Math.sqrt(1 - E2 * s * s);
  return (WGS84_A_M / w) * Math.cos(lat_deg * RAD_PER_DEG) * RAD_PER_DEG;
}

/**
 * A regular geodetic planning grid. Node (r, c) sits at lat0 + r·dLat, lon0 + c·dLon and owns the
 * cell ±half a spacing around it; arrays over the grid are row-major from the south, like
 * ElevationGrid. Fractional coordinates (r, c) address any point; segments between them are
 * straight in (lat, lon).
 */
export interface PlanningGrid {
  readonly lat0_deg: number;
  readonly lon0_deg: number;
  readonly dLat_deg: number;
  readonly dLon_deg: number;
  readonly nLat: number;
  readonly nLon: number;
  /** Metres per row step and per column step along each row (rows differ by latitude). */
  readonly rowStep_m: Float64Array;
  readonly colStep_m: Float64Array;
  /** Smallest column step over the grid, m (for distance lower bounds). */
  readonly minColStep_m: number;
}

/** A planning grid over a box (degrees) with cells about cell_m on a side at its middle latitude. */
export function planningGrid(
  south_deg: number,
  west_deg: number,
  north_deg: number,
  east_deg: number,
  cell_m: number,
): PlanningGrid {
  if (!(north_deg > south_deg && east_deg > west_deg && cell_m > 0)) {
    throw new RangeError("planning grid: need north > south, east > west and cell_m > 0");
  }
  const mid = 0.5 * (south_deg + north_deg);
  const dLat = cell_m / metresPerDegLat(mid);
  const dLon = cell_m / metresPerDegLon(mid);
  const nLat = Math.max(2, Math.ceil((north_deg - south_deg) / dLat) + 1);
  const nLon = Math.max(2, Math.ceil((east_deg - west_deg) / dLon) + 1);
  return gridFromSpacing(south_deg, west_deg, dLat, dLon, nLat, nLon);
}

/** A planning grid with the given origin (degrees), spacing (degrees) and size. */
export function gridFromSpacing(
  lat0_deg: number,
  lon0_deg: number,
  dLat_deg: number,
  dLon_deg: number,
  nLat: number,
  nLon: number,
): PlanningGrid {
  const rowStep = new Float64Array(nLat);
  const colStep = new Float64Array(nLat);
  let minCol = Number.POSITIVE_INFINITY;
  for (let r = 0; r < nLat; r++) {
    const lat = lat0_deg + r * dLat_deg;
    rowStep[r] = dLat_deg * metresPerDegLat(lat);
    colStep[r] = dLon_deg * metresPerDegLon(lat);
    if (colStep[r] < minCol) minCol = colStep[r];
  }
  return {
    lat0_deg,
    lon0_deg,
    dLat_deg,
    dLon_deg,
    nLat,
    nLon,
    rowStep_m: rowStep,
    colStep_m: colStep,
    minColStep_m: minCol,
  };
}

/** Latitude (degrees) of fractional row r. */
export function rowLat(g: PlanningGrid, r: number): number {
  return g.lat0_deg + r * g.dLat_deg;
}

/** Longitude (degrees) of fractional column c. */
export function colLon(g: PlanningGrid, c: number): number {
  return g.lon0_deg + c * g.dLon_deg;
}

/** Fractional row of latitude lat_deg. */
export function latRow(g: PlanningGrid, lat_deg: number): number {
  return (lat_deg - g.lat0_deg) / g.dLat_deg;
}

/** Fractional column of longitude lon_deg. */
export function lonCol(g: PlanningGrid, lon_deg: number): number {
  return (lon_deg - g.lon0_deg) / g.dLon_deg;
}

/**
 * Length (m) of the straight grid segment between fractional points, with the scales of its mean
 * row; within 0.1 % of the geodesic for segments of up to a few hundred kilometres.
 */
export function gridDistance_m(
  g: PlanningGrid,
  r0: number,
  c0: number,
  r1: number,
  c1: number,
): number {
  const k = Math.round(Math.min(g.nLat - 1, Math.max(0, 0.5 * (r0 + r1))));
  const dy = (r1 - r0) * g.rowStep_m[k];
  const dx = (c1 - c0) * g.colStep_m[k];
  return Math.sqrt(dy * dy + dx * dx);
}

/** A no-fly area: a polygon of [lat, lon] vertices (degrees), edges straight in latitude and longitude. */
export interface NoFlyArea {
  readonly name: string;
  readonly polygon: readonly (readonly [number, number])[];
}

/** Does the segment (y0,x0)–(y1,x1) meet the axis-aligned box [ya,yb]×[xa,xb]? (Liang–Barsky clip.) */
function segmentMeetsBox(
  y0: number,
  x0: number,
  y1: number,
  x1: number,
  ya: number,
  yb: number,
  xa: number,
  xb: number,
): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = x1 - x0;
  const dy = y1 - y0;
  const p = [-dx, dx, -dy, dy];
  const q = [x0 - xa, xb - x0, y0 - ya, yb - y0];
  for (let i = 0; i < 4; i++) {
    if (p[i] === 0) {
      if (q[i] < 0) return false;
    } else {
      const t = q[i] / p[i];
      if (p[i] < 0) {
        if (t > t1) return false;
        if (t > t0) t0 = t;
      } else {
        if (t < t0) return false;
        if (t < t1) t1 = t;
      }
    }
  }
  return true;
}

/**
 * The blocked mask (1 = blocked) of no-fly areas on the grid, conservative: a cell is blocked when
 * its square grown by margin_m on every side touches a polygon. So a straight segment that only
 * passes through unblocked cells stays at least margin_m from every area, which covers the
 * departure of the flown geodesic from the straight (lat, lon) segment (see maxSegmentFor).
 */
export function rasteriseNoFly(
  g: PlanningGrid,
  areas: readonly NoFlyArea[],
  margin_m: number,
  out: Uint8Array = new Uint8Array(g.nLat * g.nLon),
): Uint8Array {
  for (const a of areas) {
    const poly = a.polygon;
    if (poly.length < 3) throw new RangeError(`no-fly area ${a.name}: needs at least 3 vertices`);
    let s = Number.POSITIVE_INFINITY;
    let n = Number.NEGATIVE_INFINITY;
    let w = Number.POSITIVE_INFINITY;
    let e = Number.NEGATIVE_INFINITY;
    for (const [la, lo] of poly) {
      s = Math.min(s, la);
      n = Math.max(n, la);
      w = Math.min(w, lo);
      e = Math.max(e, lo);
    }
    const mLat = metresPerDegLat(0.5 * (s + n));
    const padLat = margin_m / mLat + 0.5 * g.dLat_deg;
    const r0 = Math.max(0, Math.floor(latRow(g, s - padLat)));
    const r1 = Math.min(g.nLat - 1, Math.ceil(latRow(g, n + padLat)));
    for (let r = r0; r <= r1; r++) {
      const lat = rowLat(g, r);
      const hy = 0.5 * g.dLat_deg + margin_m / metresPerDegLat(lat);
      const hx = 0.5 * g.dLon_deg + margin_m / metresPerDegLon(lat);
      const c0 = Math.max(0, Math.floor(lonCol(g, w - hx)));
      const c1 = Math.min(g.nLon - 1, Math.ceil(lonCol(g, e + hx)));
      for (let c = c0; c <= c1; c++) {
        const k = r * g.nLon + c;
        if (out[k]) continue;
        const lon = colLon(g, c);
        // Box touches polygon: its centre inside, or an edge crosses it (covers vertices inside).
        let hit = pointInPolygon(lat, lon, poly);
        for (let i = 0, j = poly.length - 1; !hit && i < poly.length; j = i++) {
          hit = segmentMeetsBox(
            poly[j][0],
            poly[j][1],
            poly[i][0],
            poly[i][1],
            lat - hy,
            lat + hy,
            lon - hx,
            lon + hx,
          );
        }
        if (hit) out[k] = 1;
      }
    }
  }
  return out;
}

/**
 * Longest straight grid segment (m) whose flown geodesic departs from it by at most margin_m / 2
 * anywhere on the grid: the sagitta of an east–west geodesic between points at latitude φ is
 * about L²·|tan φ|/(8R), largest at the grid's highest |latitude|.
 */
export function maxSegmentFor(g: PlanningGrid, margin_m: number): number {
  const latMax = Math.max(Math.abs(g.lat0_deg), Math.abs(g.lat0_deg + (g.nLat - 1) * g.dLat_deg));
  const t = Math.tan(Math.min(latMax, 85) * RAD_PER_DEG);
  if (t < 1e-6) return Number.POSITIVE_INFINITY;
  return Math.sqrt((8 * EARTH_RADIUS_M * 0.5 * margin_m) / t);
}

/**
 * A copy of the terrain resampled onto the planning grid by the highest terrain sample inside each
 * planning cell (the bilinear height at the node where a cell holds none), for computing viewsheds
 * at the planning resolution. Cells off the terrain take its outside level. The maximum rather
 * than the mean keeps ridges at their crest height: against full-resolution viewsheds at 1 km
 * cells and 100 m above rough terrain it agreed slightly better than the mean (98.0 % vs 97.8 % of
 * cells on the same side of "half visible", total hazard +22 % vs +24 %; measured in
 * test/planning/cost-map.test.ts), and both err on the side of more exposure.
 */
export function coarsenTerrain(terrain: ElevationGrid, g: PlanningGrid): ElevationGrid {
  const n = g.nLat * g.nLon;
  const out = new Float32Array(n).fill(Number.NEGATIVE_INFINITY);
  const h = terrain.heights_m;
  for (let i = 0; i < terrain.nLat; i++) {
    const r = Math.round(latRow(g, terrain.lat0_deg + i * terrain.dLat_deg));
    if (r < 0 || r >= g.nLat) continue;
    for (let j = 0; j < terrain.nLon; j++) {
      const c = Math.round(lonCol(g, terrain.lon0_deg + j * terrain.dLon_deg));
      if (c < 0 || c >= g.nLon) continue;
      const k = r * g.nLon + c;
      const v = h[i * terrain.nLon + j];
      if (v > out[k]) out[k] = v;
    }
  }
  for (let r = 0; r < g.nLat; r++) {
    for (let c = 0; c < g.nLon; c++) {
      const k = r * g.nLon + c;
      if (out[k] === Number.NEGATIVE_INFINITY)
        out[k] = terrain.heightAt(rowLat(g, r), colLon(g, c));
    }
  }
  return new ElevationGrid(
    g.lat0_deg,
    g.lon0_deg,
    g.dLat_deg,
    g.dLon_deg,
    g.nLat,
    g.nLon,
    out,
    terrain.outside_m,
  );
}

/** How the exposure map is built. */
export interface ExposureOptions {
  /** Planned height above the terrain, m. */
  readonly agl_m: number;
  /** Representative RCS, m²; default the mean of the defence's RCS table (meanRcs_m2). */
  readonly rcs_m2?: number;
  /** Weights of search radars' and SAM radars' hazard in the weighted (search) map; default 1. */
  readonly searchWeight?: number;
  readonly samWeight?: number;
  /** Extra factor on a SAM's hazard inside its engagement envelope; default 3. */
  readonly envelopeWeight?: number;
  /** Hazard below which a radar's contribution is dropped (bounds its reach), 1/s; default 1e-5. */
  readonly minHazard_perS?: number;
}

/** A radar prepared for the map: where it is, its viewshed and how far it can matter. */
export interface RadarCoverage {
  readonly name: string;
  readonly kind: "search_radar" | "sam";
  readonly lat_deg: number;
  readonly lon_deg: number;
  readonly radar: RadarParams;
  readonly envelope: SamEnvelope | null;
  /** Antenna height above the ellipsoid, m. */
  readonly antennaAlt_m: number;
  /** RCS the radar is assumed to see, m². */
  readonly rcs_m2: number;
  /** Ground distance beyond which the radar adds less than minHazard (or is below the horizon), m. */
  readonly reach_m: number;
  /** Minimum visible height per terrain cell (null without terrain). */
  readonly viewshed: Float32Array | null;
}

/**
 * Mean RCS (m²) of a table seen from the missile's horizontal plane, averaged linearly over
 * azimuth 0–180° in 1° steps: the representative target for a map that does not know headings.
 */
export function meanRcs_m2(t: RcsTable): number {
  let s = 0;
  for (let az = 0; az <= 180; az++) s += rcsAt(t, az, 0);
  return s / 181;
}

/**
 * Detection hazard (1/s) of a radar at slant range range_m against RCS σ: −ln(1 − Pd)/scan_s with
 * Pd = Pfa^(1/(1+SNR)), evaluated as −ln(−expm1(ln Pfa/(1+SNR))) so Pd near 1 loses no precision.
 */
export function detectionHazard_perS(r: RadarParams, rcs_m2: number, range_m: number): number {
  const s = snr(r, rcs_m2, Math.max(range_m, 1));
  return hazardFromSnr(s, Math.log(r.pfa), r.scan_s);
}

function hazardFromSnr(snrLinear: number, lnPfa: number, scan_s: number): number {
  const miss = -Math.expm1(lnPfa / (1 + snrLinear));
  // miss underflows only for absurd SNR (a target at the antenna): cap at 50 looks' worth.
  return miss > 1e-22 ? -Math.log(miss) / scan_s : 50 / scan_s;
}

/**
 * Prepare every radar of the defence: viewshed on `terrain` (once per radar through `cache`; pass
 * the simulation's own cache and terrain to share them, or a coarsened terrain with a cache of its
 * own) and the reach beyond which it is dropped.
 */
export function prepareRadars(
  defence: AirDefenceParams,
  terrain: ElevationGrid | null,
  cache: ViewshedCache,
  opts: ExposureOptions,
  flatGround_m = 0,
): RadarCoverage[] {
  const rcs = opts.rcs_m2 ?? meanRcs_m2(defence.rcs);
  const minHazard = opts.minHazard_perS ?? 1e-5;
  let lo = flatGround_m;
  let hi = flatGround_m;
  if (terrain) {
    lo = terrain.outside_m;
    hi = terrain.outside_m;
    const h = terrain.heights_m;
    for (let i = 0; i < h.length; i++) {
      if (h[i] < lo) lo = h[i];
      if (h[i] > hi) hi = h[i];
    }
  }
  const one = (
    name: string,
    kind: "search_radar" | "sam",
    lat: number,
    lon: number,
    radar: RadarParams,
    envelope: SamEnvelope | null,
  ): RadarCoverage => {
    const ground = terrain ? terrain.heightAt(lat, lon) : flatGround_m;
    const antennaAlt = ground + radar.mast_m;
    // Hazard falls monotonically with range: the range where it reaches minHazard bounds it.
    const pdMin = -Math.expm1(-minHazard * radar.scan_s);
    const snrMin = pdMin > radar.pfa ? snrForPdSwerling1(pdMin, radar.pfa) : 0;
    const byHazard = snrMin > 0 ? (snr(radar, rcs, 1) / snrMin) ** 0.25 : Number.POSITIVE_INFINITY;
    // No terrain rises above `hi`, none sinks below `lo`: the smooth-Earth horizon over `lo`
    // between the antenna and the highest possible target bounds what the radar can see.
    const byHorizon = radarHorizon_m(antennaAlt - lo, hi + opts.agl_m - lo);
    const shed = terrain ? cache.get(terrain, lat, lon, radar.mast_m) : null;
    if (terrain && shed && shed.length !== terrain.nLat * terrain.nLon) {
      throw new RangeError(
        `viewshed of ${name} does not match the terrain grid: its ViewshedCache holds viewsheds of another grid`,
      );
    }
    return {
      name,
      kind,
      lat_deg: lat,
      lon_deg: lon,
      radar,
      envelope,
      antennaAlt_m: antennaAlt,
      rcs_m2: rcs,
      reach_m: Math.min(byHazard, byHorizon),
      viewshed: shed,
    };
  };
  return [
    ...defence.searchRadars.map((r) =>
      one(r.name, "search_radar", r.lat_deg, r.lon_deg, r.radar, null),
    ),
    ...defence.sams.map((s) =>
      one(s.name, "sam", s.lat_deg, s.lon_deg, s.params.radar, s.params.envelope),
    ),
  ];
}

/** The exposure map. */
export interface ExposureMap {
  readonly grid: PlanningGrid;
  /** Planned height above the terrain, m. */
  readonly agl_m: number;
  /** Representative RCS used, m². */
  readonly rcs_m2: number;
  /** Total detection hazard Σλ per cell, 1/s (unweighted: exp(−∫ this dt) is P(undetected)). */
  readonly detection_perS: Float32Array;
  /** Weighted hazard the search minimises, 1/s. */
  readonly weighted_perS: Float32Array;
  /** Mean ground height per cell, m. */
  readonly ground_m: Float32Array;
}

/**
 * Build the exposure map on grid g from prepared radars over `terrain` (the grid their viewsheds
 * were computed on; null for flat ground at flatGround_m). Allocation: the output arrays and one
 * scratch count array; the per-cell loops allocate nothing.
 */
export function buildExposureMap(
  g: PlanningGrid,
  radars: readonly RadarCoverage[],
  terrain: ElevationGrid | null,
  opts: ExposureOptions,
  flatGround_m = 0,
): ExposureMap {
  const rcs = radars.length > 0 ? radars[0].rcs_m2 : (opts.rcs_m2 ?? 0);
  const agl = opts.agl_m;
  const wSearch = opts.searchWeight ?? 1;
  const wSam = opts.samWeight ?? 1;
  const wEnv = opts.envelopeWeight ?? 3;
  const n = g.nLat * g.nLon;
  const det = new Float32Array(n);
  const wei = new Float32Array(n);
  const ground = new Float32Array(n);
  const total = new Uint16Array(n);
  const vis = new Uint16Array(n);

  // Terrain cells → planning cells (−1 off the planning grid); mean ground per planning cell.
  let rowOf: Int32Array | null = null;
  let colOf: Int32Array | null = null;
  if (terrain) {
    rowOf = new Int32Array(terrain.nLat);
    colOf = new Int32Array(terrain.nLon);
    for (let i = 0; i < terrain.nLat; i++) {
      const r = Math.round(latRow(g, terrain.lat0_deg + i * terrain.dLat_deg));
      rowOf[i] = r >= 0 && r < g.nLat ? r : -1;
    }
    for (let j = 0; j < terrain.nLon; j++) {
      const c = Math.round(lonCol(g, terrain.lon0_deg + j * terrain.dLon_deg));
      colOf[j] = c >= 0 && c < g.nLon ? c : -1;
    }
    const sum = new Float64Array(n);
    const h = terrain.heights_m;
    for (let i = 0; i < terrain.nLat; i++) {
      const r = rowOf[i];
      if (r < 0) continue;
      for (let j = 0; j < terrain.nLon; j++) {
        const c = colOf[j];
        if (c < 0) continue;
        const k = r * g.nLon + c;
        sum[k] += h[i * terrain.nLon + j];
        if (total[k] < 65535) total[k]++;
      }
    }
    for (let r = 0; r < g.nLat; r++) {
      for (let c = 0; c < g.nLon; c++) {
        const k = r * g.nLon + c;
        ground[k] = total[k] > 0 ? sum[k] / total[k] : terrain.heightAt(rowLat(g, r), colLon(g, c));
      }
    }
  } else {
    ground.fill(flatGround_m);
  }
  const level = terrain ? terrain.outside_m : flatGround_m;
  const inv2R = 1 / (2 * EARTH_RADIUS_M);

  for (const rad of radars) {
    const radar = rad.radar;
    const c1m = snr(radar, rad.rcs_m2, 1);
    const lnPfa = Math.log(radar.pfa);
    const scan = radar.scan_s;
    const reach = rad.reach_m;
    const env = rad.envelope;
    const w = rad.kind === "sam" ? wSam : wSearch;
    const envInAlt = env !== null && agl >= env.min_alt_m && agl <= env.max_alt_m;
    const mLat = metresPerDegLat(rad.lat_deg);
    const dLatReach = reach / mLat;
    const rLo = Math.max(0, Math.floor(latRow(g, rad.lat_deg - dLatReach)));
    const rHi = Math.min(g.nLat - 1, Math.ceil(latRow(g, rad.lat_deg + dLatReach)));
    if (rLo > rHi) continue;
    const latFar = Math.min(89, Math.max(Math.abs(rowLat(g, rLo)), Math.abs(rowLat(g, rHi))));
    const dLonReach = reach / metresPerDegLon(latFar);
    const cLo = Math.max(0, Math.floor(lonCol(g, rad.lon_deg - dLonReach)));
    const cHi = Math.min(g.nLon - 1, Math.ceil(lonCol(g, rad.lon_deg + dLonReach)));
    if (cLo > cHi) continue;

    // Visible terrain cells inside each planning cell of the box.
    const shed = rad.viewshed;
    if (terrain && shed && rowOf && colOf) {
      for (let r = rLo; r <= rHi; r++) vis.fill(0, r * g.nLon + cLo, r * g.nLon + cHi + 1);
      const iLo = Math.max(
        0,
        Math.floor((rowLat(g, rLo - 0.5) - terrain.lat0_deg) / terrain.dLat_deg),
      );
      const iHi = Math.min(
        terrain.nLat - 1,
        Math.ceil((rowLat(g, rHi + 0.5) - terrain.lat0_deg) / terrain.dLat_deg),
      );
      const jLo = Math.max(
        0,
        Math.floor((colLon(g, cLo - 0.5) - terrain.lon0_deg) / terrain.dLon_deg),
      );
      const jHi = Math.min(
        terrain.nLon - 1,
        Math.ceil((colLon(g, cHi + 0.5) - terrain.lon0_deg) / terrain.dLon_deg),
      );
      const h = terrain.heights_m;
      for (let i = iLo; i <= iHi; i++) {
        const r = rowOf[i];
        if (r < rLo || r > rHi) continue;
        const base = i * terrain.nLon;
        const rowBase = r * g.nLon;
        for (let j = jLo; j <= jHi; j++) {
          const c = colOf[j];
          if (c < cLo || c > cHi) continue;
          if (h[base + j] + agl >= shed[base + j]) vis[rowBase + c]++;
        }
      }
    }

    for (let r = rLo; r <= rHi; r++) {
      const lat = rowLat(g, r);
      const dy = (lat - rad.lat_deg) * mLat;
      const mLon = metresPerDegLon(0.5 * (lat + rad.lat_deg));
      const rowBase = r * g.nLon;
      for (let c = cLo; c <= cHi; c++) {
        const dx = (colLon(g, c) - rad.lon_deg) * mLon;
        const d2 = dx * dx + dy * dy;
        if (d2 > reach * reach) continue;
        const k = rowBase + c;
        let frac: number;
        if (total[k] > 0 && shed) {
          frac = vis[k] / total[k];
        } else if (terrain && shed) {
          // A planning cell finer than the terrain: the nearest terrain sample decides.
          const i = Math.round((lat - terrain.lat0_deg) / terrain.dLat_deg);
          const j = Math.round((colLon(g, c) - terrain.lon0_deg) / terrain.dLon_deg);
          if (i >= 0 && j >= 0 && i < terrain.nLat && j < terrain.nLon) {
            const t = i * terrain.nLon + j;
            frac = terrain.heights_m[t] + agl >= shed[t] ? 1 : 0;
          } else {
            frac = Math.sqrt(d2) <= radarHorizon_m(rad.antennaAlt_m - level, agl) ? 1 : 0;
          }
        } else {
          // Off the terrain grid, or no terrain: smooth Earth at the outside level (or flat ground).
          const top = (terrain ? level : flatGround_m) + agl;
          frac = Math.sqrt(d2) <= radarHorizon_m(rad.antennaAlt_m - level, top - level) ? 1 : 0;
        }
        if (frac <= 0) continue;
        // Slant range to the point agl above the cell's ground, the Earth's drop included.
        const dh = ground[k] + agl - rad.antennaAlt_m - d2 * inv2R;
        const range2 = d2 + dh * dh;
        const s = c1m / (range2 * range2);
        const lam = frac * hazardFromSnr(s, lnPfa, scan);
        det[k] += lam;
        let wl = w * lam;
        if (env && envInAlt) {
          const range = Math.sqrt(range2);
          if (range >= env.min_range_m && range <= env.max_range_m) wl *= wEnv;
        }
        wei[k] += wl;
      }
    }
  }
  return {
    grid: g,
    agl_m: agl,
    rcs_m2: rcs,
    detection_perS: det,
    weighted_perS: wei,
    ground_m: ground,
  };
}
