/**
 * GeoTIFF input and output for elevation grids: SRTM-like single-band DEMs in geographic
 * coordinates on WGS 84 (EPSG:4326), read with the `geotiff` package (any sample type and
 * compression it decodes) and written as uncompressed float32 for GDAL and other GIS tools.
 *
 * Georeferencing (GeoTIFF 1.1, OGC 19-008r4): ModelTiepoint + ModelPixelScale or a
 * ModelTransformation without rotation. GTRasterTypeGeoKey says what a tie point refers to: the
 * corner of a pixel (PixelIsArea, the default) or its centre (PixelIsPoint). An ElevationGrid's
 * samples are points, so an area pixel's sample sits at its centre, half a pixel in from the tie
 * point. GeoTIFF rows run from the north and ElevationGrid rows from the south, so rows are
 * flipped. Nodata (GDAL_NODATA, or NaN) becomes the grid's outside height.
 */

import { readFile, writeFile } from "node:fs/promises";
// geotiff (47 modules with its dependencies) is imported where a file is read or written: every
// Monte Carlo worker thread loads this module through the engine but never reads a file itself.
import type { GeoTIFFImage, TypedArray } from "geotiff";
import { ElevationGrid } from "./elevation-grid.js";

/** GeoTIFF key values used here (GeoTIFF 1.1 §7). */
const MODEL_TYPE_GEOGRAPHIC = 2;
const RASTER_PIXEL_IS_AREA = 1;
const RASTER_PIXEL_IS_POINT = 2;
const EPSG_WGS84 = 4326;

/** Options for {@link loadGeoTiff}. */
export interface LoadGeoTiffOptions {
  /** Height (m) for nodata cells and for the terrain beyond the grid; 0 (sea level) by default. */
  readonly outside_m?: number;
}

/** The error thrown for a file that cannot be used, naming the file and the problem. */
export class GeoTiffError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`GeoTIFF ${path}: ${problem}`);
    this.name = "GeoTiffError";
  }
}

/** Sample position of a GeoTIFF: lon = lonAt0 + col·dLon, lat = latAt0 − row·dLatDown (row from the top). */
interface PixelGrid {
  readonly lonAt0_deg: number;
  readonly latAt0_deg: number;
  readonly dLon_deg: number;
  /** Positive when rows run from the north (the usual case). */
  readonly dLatDown_deg: number;
}

/** The georeferencing of an image as sample-centre positions, or a thrown GeoTiffError. */
function pixelGrid(path: string, image: GeoTIFFImage): PixelGrid {
  const fd = image.getFileDirectory();
  const keys = image.getGeoKeys();
  if (!keys) throw new GeoTiffError(path, "no GeoTIFF georeferencing (no GeoKeyDirectory)");
  const projected = keys.ProjectedCSTypeGeoKey;
  if (keys.GTModelTypeGeoKey !== MODEL_TYPE_GEOGRAPHIC || projected !== undefined) {
    const what = projected !== undefined ? `projected CRS EPSG:${projected}` : "model type";
    throw new GeoTiffError(
      path,
      `not geographic (${what}, GTModelTypeGeoKey ${keys.GTModelTypeGeoKey}); need EPSG:4326 latitude/longitude`,
    );
  }
  const datum = keys.GeographicTypeGeoKey;
  if (datum !== undefined && datum !== EPSG_WGS84) {
    throw new GeoTiffError(path, `geographic CRS EPSG:${datum} is not WGS 84 (EPSG:4326)`);
  }
  const rasterType = keys.GTRasterTypeGeoKey ?? RASTER_PIXEL_IS_AREA;
  if (rasterType !== RASTER_PIXEL_IS_AREA && rasterType !== RASTER_PIXEL_IS_POINT) {
    throw new GeoTiffError(path, `unknown GTRasterTypeGeoKey ${rasterType}`);
  }
  // An area pixel's sample is at its centre: raster coordinates (col + ½, row + ½).
  const half = rasterType === RASTER_PIXEL_IS_AREA ? 0.5 : 0;

  const transform: number[] | undefined = fd.getValue("ModelTransformation");
  const tiepoint: number[] | undefined = fd.getValue("ModelTiepoint");
  const scale: number[] | undefined = fd.getValue("ModelPixelScale");
  let a: number; // lon per column
  let f: number; // lat per row (negative when rows run from the north)
  let lonAtRaster0: number;
  let latAtRaster0: number;
  if (transform && transform.length >= 16) {
    const [ta, tb, , td, te, tf, , th] = transform;
    if (tb !== 0 || te !== 0) {
      throw new GeoTiffError(
        path,
        "rotated or sheared (ModelTransformation has off-diagonal terms)",
      );
    }
    a = ta;
    f = tf;
    lonAtRaster0 = td;
    latAtRaster0 = th;
  } else if (tiepoint && scale && tiepoint.length >= 6 && scale.length >= 2) {
    if (tiepoint.length > 6) {
      throw new GeoTiffError(
        path,
        `${tiepoint.length / 6} tie points (a warped image, not a regular grid)`,
      );
    }
    const [ti, tj, , tx, ty] = tiepoint;
    a = scale[0];
    f = -scale[1];
    lonAtRaster0 = tx - ti * a;
    latAtRaster0 = ty - tj * f;
  } else {
    throw new GeoTiffError(path, "no affine georeferencing (ModelTiepoint + ModelPixelScale)");
  }
  if (!(a > 0) || !Number.isFinite(f) || f === 0) {
    throw new GeoTiffError(path, `unsupported pixel size ${a} × ${f} (columns must run east)`);
  }
  return {
    lonAt0_deg: lonAtRaster0 + half * a,
    latAt0_deg: latAtRaster0 + half * f,
    dLon_deg: a,
    dLatDown_deg: -f,
  };
}

/** Load a single-band geographic (EPSG:4326) GeoTIFF DEM as an elevation grid (heights in m). */
export async function loadGeoTiff(
  path: string,
  options: LoadGeoTiffOptions = {},
): Promise<ElevationGrid> {
  const outside_m = options.outside_m ?? 0;
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new GeoTiffError(path, `unreadable (${(e as Error).message})`);
  }
  let image: GeoTIFFImage;
  try {
    // geotiff wants a whole ArrayBuffer; a file's Buffer usually is one (only small Buffers share
    // Node's pool), so copy only when it is not.
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const buffer = whole
      ? bytes.buffer
      : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const { fromArrayBuffer } = await import("geotiff");
    const tiff = await fromArrayBuffer(buffer as ArrayBuffer);
    image = await tiff.getImage(0);
  } catch (e) {
    throw new GeoTiffError(path, `unreadable, not a TIFF? (${(e as Error).message})`);
  }
  const bands = image.getSamplesPerPixel();
  if (bands !== 1) throw new GeoTiffError(path, `multiband (${bands} samples per pixel), need 1`);
  const width = image.getWidth();
  const height = image.getHeight();
  if (width < 2 || height < 2) {
    throw new GeoTiffError(path, `too small (${width} × ${height}); need at least 2 × 2`);
  }
  const g = pixelGrid(path, image);
  const latTop = g.latAt0_deg;
  const latBottom = g.latAt0_deg - (height - 1) * g.dLatDown_deg;
  const lonEast = g.lonAt0_deg + (width - 1) * g.dLon_deg;
  if (
    Math.max(latTop, latBottom) > 90 + 1e-9 ||
    Math.min(latTop, latBottom) < -90 - 1e-9 ||
    Math.abs(g.lonAt0_deg) > 540 ||
    Math.abs(lonEast) > 540
  ) {
    throw new GeoTiffError(
      path,
      `coordinates out of range for latitude/longitude (${latBottom}…${latTop}°, ${g.lonAt0_deg}…${lonEast}°)`,
    );
  }

  let raster: TypedArray;
  try {
    raster = await image.readRasters({ samples: [0], interleave: true });
  } catch (e) {
    throw new GeoTiffError(path, `unreadable raster data (${(e as Error).message})`);
  }
  if (raster.length !== width * height) {
    throw new GeoTiffError(path, `raster has ${raster.length} samples, expected ${width * height}`);
  }
  const heights = new Float32Array(width * height);
  const northUp = g.dLatDown_deg > 0;
  for (let r = 0; r < height; r++) {
    // ElevationGrid row 0 is the southernmost: the last GeoTIFF row when rows run from the north.
    // Whole-row typed-array copies (converting int16 etc. to float32) keep the load I/O-bound.
    const dst = (northUp ? height - 1 - r : r) * width;
    heights.set(raster.subarray(r * width, (r + 1) * width), dst);
  }
  const noData = image.getGDALNoData();
  // Compare in float32: a float nodata is written in decimal and may not round-trip exactly.
  const noData32 = noData === null ? Number.NaN : Math.fround(noData);
  for (let c = 0; c < heights.length; c++) {
    const v = heights[c];
    // v − v is NaN for NaN and ±∞: missing samples in float files.
    if (v === noData32 || v - v !== 0) heights[c] = outside_m;
  }
  const d_lat = Math.abs(g.dLatDown_deg);
  return new ElevationGrid(
    Math.min(latTop, latBottom),
    g.lonAt0_deg,
    d_lat,
    g.dLon_deg,
    height,
    width,
    heights,
    outside_m,
  );
}

/**
 * Write a grid as a float32 GeoTIFF on EPSG:4326 (PixelIsArea, rows from the north), so GDAL and
 * other tools read exactly the grid's sample positions as pixel centres.
 */
export async function writeGeoTiff(grid: ElevationGrid, path: string): Promise<void> {
  const { nLat, nLon, dLat_deg, dLon_deg } = grid;
  const values = new Float32Array(nLat * nLon);
  for (let r = 0; r < nLat; r++) {
    values.set(grid.heights_m.subarray((nLat - 1 - r) * nLon, (nLat - r) * nLon), r * nLon);
  }
  const latNorth = grid.lat0_deg + (nLat - 1) * dLat_deg;
  const { writeArrayBuffer } = await import("geotiff");
  const buffer = writeArrayBuffer(values, {
    width: nLon,
    height: nLat,
    ModelPixelScale: [dLon_deg, dLat_deg, 0],
    // PixelIsArea: the tie point is the north-west corner of the first pixel, half a cell out.
    ModelTiepoint: [0, 0, 0, grid.lon0_deg - dLon_deg / 2, latNorth + dLat_deg / 2, 0],
    GTModelTypeGeoKey: MODEL_TYPE_GEOGRAPHIC,
    GTRasterTypeGeoKey: RASTER_PIXEL_IS_AREA,
    GeographicTypeGeoKey: EPSG_WGS84,
    GeogCitationGeoKey: "WGS 84",
  });
  await writeFile(path, new Uint8Array(buffer));
}
