/**
 * Our viewshed against GDAL's gdal_viewshed (Debian package gdal-bin) on one seeded 2048 × 2048
 * DEM: wall-clock times and the share of cells on which both agree on visibility of a target at a
 * given height above the ground.
 *
 * Same model on both sides: the DEM is written as an EPSG:4326 GeoTIFF by writeGeoTiff; since
 * gdal_viewshed gives meaningful results only on a projected CRS (its documentation says so: it
 * takes the geotransform's units as metres), the same pixels are relabelled, without resampling,
 * with an equirectangular CRS whose true-scale latitude is the radar's and whose sphere has our
 * EARTH_RADIUS_M (gdal_translate -a_srs -a_ullr, not timed). Its pixels then measure exactly what
 * our local flat approximation measures (dLat·R by dLon·R·cos φ_radar), and GDAL's curvature
 * correction, height −= cc·d²/(2·semi-major), equals ours, d²/(2kR), with cc = 1/k = 0.75 for
 * k = 4/3 (GDAL's default cc 0.85714 = 1/(7/6) is the visible-light value).
 *
 * What the times include: GDAL, the whole gdal_viewshed process as spawned (start-up, reading the
 * GeoTIFF, the sweep, writing the Float64 output GeoTIFF); ours, `viewshed()` on the grid in
 * memory ("compute"), and loadGeoTiff of the EPSG:4326 file plus `viewshed()` ("with load"; no
 * output file is written). Medians of 5 runs each, nothing excluded (our first run includes JIT
 * compilation). The machine is a shared 2-vCPU VM: expect noise of tens of per cent.
 */

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { fromFile } from "geotiff";
import { Rng } from "../src/core/rng.js";
import type { ElevationGrid } from "../src/terrain/elevation-grid.js";
import { loadGeoTiff, writeGeoTiff } from "../src/terrain/geotiff.js";
import { EARTH_RADIUS_M, lineOfSight, REFRACTION_K } from "../src/terrain/line-of-sight.js";
import { syntheticTerrain } from "../src/terrain/synthetic-terrain.js";
import { viewshed, viewshedR2 } from "../src/terrain/viewshed.js";
import { viewshedWang } from "../src/terrain/viewshed-wang.js";

/** The figures the benchmark prints. */
export interface ViewshedGdalFigures {
  readonly gdalVersion: string;
  readonly cells: number;
  readonly curvatureCoefficient: number;
  readonly mast_m: number;
  readonly target_m: number;
  /** Median wall-clock times, ms. */
  readonly gdal_ms: number;
  readonly oursCompute_ms: number;
  readonly oursWithLoad_ms: number;
  readonly r2Compute_ms: number;
  /** GDAL time over ours: > 1 means ours is faster. */
  readonly speedupCompute: number;
  readonly speedupWithLoad: number;
  /** Share of cells where GDAL's and our visibility of a target at target_m above ground agree. */
  readonly agreement: number;
  readonly agreementR2: number;
  /** Same, against GDAL's own NORMAL-mode visibility mask (-tz target_m). */
  readonly agreementMask: number;
  /** Agreement with exact per-cell line of sight on a 256 × 256 map (random cells and heights). */
  readonly exactWang: number;
  readonly exactR2: number;
}

const RUNS = 5;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Wall-clock ms of `work`, RUNS times. */
async function timeRuns(work: () => unknown | Promise<unknown>, runs = RUNS): Promise<number[]> {
  const out: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await work();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Band 1 of a GeoTIFF as numbers, rows from the north (GDAL's output is projected, so not loadGeoTiff). */
async function readBand(path: string): Promise<ArrayLike<number>> {
  const tiff = await fromFile(path);
  try {
    const image = await tiff.getImage(0);
    return await image.readRasters({ samples: [0], interleave: true });
  } finally {
    await tiff.close();
  }
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.error}`);
  return r.stdout;
}

/** Agreement of Wang and R2 with exact line of sight on a small map, random cells and heights. */
function exactAgreement(): { wang: number; r2: number } {
  const g = syntheticTerrain(
    { lat0_deg: 44, lon0_deg: 6, size_deg: 1, n: 256, relief_m: 2000, sea_fraction: 0.2 },
    Rng.fromSeed(12).stream("terrain"),
  );
  const lat = 44.4137;
  const lon = 6.6021;
  const mast_m = 30;
  const wang = viewshedWang(g, lat, lon, mast_m);
  const r2 = viewshedR2(g, lat, lon, mast_m);
  const hRadar = g.heightAt(lat, lon) + mast_m;
  const rng = Rng.fromSeed(5);
  const n = 3000;
  let okWang = 0;
  let okR2 = 0;
  for (let k = 0; k < n; k++) {
    const i = rng.int(g.nLat);
    const j = rng.int(g.nLon);
    const c = i * g.nLon + j;
    const h = g.heights_m[c] + rng.uniform(0, 1500);
    const la = g.lat0_deg + i * g.dLat_deg;
    const lo = g.lon0_deg + j * g.dLon_deg;
    const exact = lineOfSight(g, lat, lon, hRadar, la, lo, h, 25);
    if (exact === h >= wang[c]) okWang++;
    if (exact === h >= r2[c]) okR2++;
  }
  return { wang: okWang / n, r2: okR2 / n };
}

/** Share of cells where a target target_m above the ground is seen by both or by neither. */
function agreementAt(
  g: ElevationGrid,
  ours: Float32Array,
  visibleInGdal: (northRowCell: number, ground_m: number) => boolean,
  target_m: number,
): number {
  const { nLat, nLon } = g;
  let agree = 0;
  for (let i = 0; i < nLat; i++) {
    const gdalRow = (nLat - 1 - i) * nLon; // GeoTIFF rows run from the north
    for (let j = 0; j < nLon; j++) {
      const c = i * nLon + j;
      const ground = g.heights_m[c];
      if (ground + target_m >= ours[c] === visibleInGdal(gdalRow + j, ground)) agree++;
    }
  }
  return agree / (nLat * nLon);
}

/** Run and print the comparison; null (after printing why) when gdal_viewshed is not installed. */
export async function benchViewshedGdal(): Promise<ViewshedGdalFigures | null> {
  // gdal_viewshed --version prints the version and then exits 1 (missing file name), so look at
  // what it says; a missing program is a spawn error.
  const probe = spawnSync("gdal_viewshed", ["--version"], { encoding: "utf8" });
  const translate = spawnSync("gdal_translate", ["--version"], { encoding: "utf8" });
  if (probe.error || translate.error || !/^GDAL /.test(probe.stdout ?? "")) {
    console.log("viewshed vs GDAL: skipped: install gdal-bin (gdal_viewshed not on PATH)");
    return null;
  }
  const gdalVersion = probe.stdout.split("\n")[0].trim();
  const n = 2048;
  const grid = syntheticTerrain(
    { lat0_deg: 44, lon0_deg: 6, size_deg: 2, n, relief_m: 2000, sea_fraction: 0.2 },
    Rng.fromSeed(1).stream("terrain"),
  );
  // Radar on a cell centre (gdal_viewshed puts it at the centre of the cell it falls in).
  const io = Math.floor(0.45 * n);
  const jo = Math.floor(0.55 * n);
  const lat = grid.lat0_deg + io * grid.dLat_deg;
  const lon = grid.lon0_deg + jo * grid.dLon_deg;
  const mast_m = 30;
  const target_m = 100;
  const cc = 1 / REFRACTION_K;

  const dir = mkdtempSync(join(tmpdir(), "standoff-viewshed-gdal-"));
  try {
    const wgs84 = join(dir, "dem-4326.tif");
    const metric = join(dir, "dem-eqc.tif");
    const dem = join(dir, "gdal-dem.tif");
    const mask = join(dir, "gdal-mask.tif");
    await writeGeoTiff(grid, wgs84);
    const d2r = Math.PI / 180;
    const x_m = (lon_deg: number) => EARTH_RADIUS_M * Math.cos(lat * d2r) * lon_deg * d2r;
    const y_m = (lat_deg: number) => EARTH_RADIUS_M * lat_deg * d2r;
    const latN = grid.lat0_deg + (n - 1) * grid.dLat_deg;
    const lonE = grid.lon0_deg + (n - 1) * grid.dLon_deg;
    run("gdal_translate", [
      "-q",
      "-a_srs",
      `+proj=eqc +lat_ts=${lat} +lat_0=0 +lon_0=0 +x_0=0 +y_0=0 +R=${EARTH_RADIUS_M} +units=m +no_defs`,
      "-a_ullr",
      `${x_m(grid.lon0_deg - grid.dLon_deg / 2)}`,
      `${y_m(latN + grid.dLat_deg / 2)}`,
      `${x_m(lonE + grid.dLon_deg / 2)}`,
      `${y_m(grid.lat0_deg - grid.dLat_deg / 2)}`,
      wgs84,
      metric,
    ]);
    const observer = [
      "-ox",
      `${x_m(lon)}`,
      "-oy",
      `${y_m(lat)}`,
      "-oz",
      `${mast_m}`,
      "-cc",
      `${cc}`,
    ];
    const gdalTrials = await timeRuns(() =>
      run("gdal_viewshed", ["-q", "-om", "DEM", ...observer, metric, dem]),
    );
    run("gdal_viewshed", ["-q", "-om", "NORMAL", "-tz", `${target_m}`, ...observer, metric, mask]);

    let ours: Float32Array = new Float32Array(0);
    const computeTrials = await timeRuns(() => {
      ours = viewshed(grid, lat, lon, mast_m);
    });
    const withLoadTrials = await timeRuns(async () => {
      const g = await loadGeoTiff(wgs84);
      viewshed(g, lat, lon, mast_m);
    });
    let r2: Float32Array = new Float32Array(0);
    const r2Trials = await timeRuns(() => {
      r2 = viewshedR2(grid, lat, lon, mast_m);
    }, 3);

    const gdalDem = await readBand(dem);
    const gdalMask = await readBand(mask);
    // DEM mode gives the height of the grazing sight line over each cell (not clipped at ground).
    const seenDem = (c: number, ground: number) => ground + target_m >= gdalDem[c];
    const agreement = agreementAt(grid, ours, seenDem, target_m);
    const agreementR2 = agreementAt(grid, r2, seenDem, target_m);
    const agreementMask = agreementAt(grid, ours, (c) => gdalMask[c] === 255, target_m);
    const exact = exactAgreement();

    const gdal_ms = median(gdalTrials);
    const oursCompute_ms = median(computeTrials);
    const oursWithLoad_ms = median(withLoadTrials);
    const figures: ViewshedGdalFigures = {
      gdalVersion,
      cells: n * n,
      curvatureCoefficient: cc,
      mast_m,
      target_m,
      gdal_ms,
      oursCompute_ms,
      oursWithLoad_ms,
      r2Compute_ms: median(r2Trials),
      speedupCompute: gdal_ms / oursCompute_ms,
      speedupWithLoad: gdal_ms / oursWithLoad_ms,
      agreement,
      agreementR2,
      agreementMask,
      exactWang: exact.wang,
      exactR2: exact.r2,
    };
    printViewshedGdal(figures);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Print the figures in the style of bench/run.ts. */
export function printViewshedGdal(f: ViewshedGdalFigures): void {
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const pc = (x: number) => `${(100 * x).toFixed(3)} %`;
  console.log(`\nviewshed vs ${f.gdalVersion}`);
  console.log(
    `  map      ${Math.sqrt(f.cells)}² cells, mast ${f.mast_m} m, target ${f.target_m} m above ground, k = 4/3 (GDAL -cc ${f.curvatureCoefficient})`,
  );
  console.log(`  GDAL     ${ms(f.gdal_ms)} (process: read GeoTIFF, sweep, write Float64 GeoTIFF)`);
  console.log(
    `  ours     ${ms(f.oursCompute_ms)} compute, ${ms(f.oursWithLoad_ms)} with GeoTIFF load; R2 ${ms(f.r2Compute_ms)} compute`,
  );
  console.log(
    `  speed-up ${f.speedupCompute.toFixed(2)}× compute, ${f.speedupWithLoad.toFixed(2)}× with load (GDAL time / ours; target ≥ 1)`,
  );
  console.log(
    `  agree    ${pc(f.agreement)} of cells with GDAL's DEM output (${Math.round((1 - f.agreement) * f.cells)} differ), ${pc(f.agreementMask)} with its mask; R2 ${pc(f.agreementR2)} (target ≥ 99 %)`,
  );
  console.log(
    `  exact    ${pc(f.exactWang)} Wang, ${pc(f.exactR2)} R2 agreement with per-cell line of sight (256² map)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await benchViewshedGdal();
}
