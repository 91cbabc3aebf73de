import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { ElevationGrid } from "../../src/terrain/elevation-grid.js";
import { GeoTiffError, loadGeoTiff, writeGeoTiff } from "../../src/terrain/geotiff.js";
import { syntheticTerrain } from "../../src/terrain/synthetic-terrain.js";
import { hasProgram, toolMode } from "../system-tool.js";

const dir = mkdtempSync(join(tmpdir(), "standoff-geotiff-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// TIFF field types (TIFF 6.0 §2).
const ASCII = 2;
const SHORT = 3;
const LONG = 4;
const DOUBLE = 12;

interface Field {
  readonly tag: number;
  readonly type: number;
  readonly values: readonly number[] | string;
}

/**
 * A minimal little-endian baseline TIFF with one strip, built byte by byte, so the loader is
 * checked against an encoder independent of the one it shares a package with.
 */
function handBuiltTiff(width: number, height: number, pixels: Int16Array, extra: Field[]): Buffer {
  const samples = pixels.length / (width * height);
  const fields: Field[] = [
    { tag: 256, type: SHORT, values: [width] },
    { tag: 257, type: SHORT, values: [height] },
    { tag: 258, type: SHORT, values: new Array(samples).fill(16) },
    { tag: 259, type: SHORT, values: [1] }, // no compression
    { tag: 262, type: SHORT, values: [1] }, // black is zero
    { tag: 273, type: LONG, values: [0] }, // strip offset, patched below
    { tag: 277, type: SHORT, values: [samples] },
    { tag: 278, type: SHORT, values: [height] },
    { tag: 279, type: LONG, values: [pixels.byteLength] },
    { tag: 284, type: SHORT, values: [1] }, // chunky
    { tag: 339, type: SHORT, values: new Array(samples).fill(2) }, // signed integers
    ...extra,
  ].sort((a, b) => a.tag - b.tag);
  const size = (f: Field) =>
    f.type === ASCII
      ? f.values.length + 1
      : f.values.length * (f.type === DOUBLE ? 8 : f.type === LONG ? 4 : 2);
  const ifdStart = 8;
  const ifdSize = 2 + 12 * fields.length + 4;
  let dataAt = ifdStart + ifdSize;
  const offsets = fields.map((f) => {
    if (size(f) <= 4) return -1;
    const at = dataAt;
    dataAt += size(f) + (size(f) % 2);
    return at;
  });
  const pixelsAt = dataAt;
  const buf = Buffer.alloc(pixelsAt + pixels.byteLength);
  buf.write("II", 0, "latin1");
  buf.writeUInt16LE(42, 2);
  buf.writeUInt32LE(ifdStart, 4);
  buf.writeUInt16LE(fields.length, ifdStart);
  const put = (f: Field, at: number) => {
    if (typeof f.values === "string") {
      buf.write(`${f.values}\0`, at, "latin1");
      return;
    }
    f.values.forEach((v, k) => {
      const value = f.tag === 273 ? pixelsAt : v;
      if (f.type === DOUBLE) buf.writeDoubleLE(value, at + 8 * k);
      else if (f.type === LONG) buf.writeUInt32LE(value, at + 4 * k);
      else buf.writeUInt16LE(value, at + 2 * k);
    });
  };
  fields.forEach((f, n) => {
    const e = ifdStart + 2 + 12 * n;
    buf.writeUInt16LE(f.tag, e);
    buf.writeUInt16LE(f.type, e + 2);
    buf.writeUInt32LE(typeof f.values === "string" ? f.values.length + 1 : f.values.length, e + 4);
    if (offsets[n] < 0) put(f, e + 8);
    else {
      buf.writeUInt32LE(offsets[n], e + 8);
      put(f, offsets[n]);
    }
  });
  buf.writeUInt32LE(0, ifdStart + 2 + 12 * fields.length); // no next IFD
  Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength).copy(buf, pixelsAt);
  return buf;
}

/** GeoKeyDirectory (GeoTIFF 1.1 §7.1): header then (key, location 0, count 1, value) per key. */
function geoKeys(keys: Record<number, number>): Field {
  const ids = Object.keys(keys)
    .map(Number)
    .sort((a, b) => a - b);
  return {
    tag: 34735,
    type: SHORT,
    values: [1, 1, 0, ids.length, ...ids.flatMap((id) => [id, 0, 1, keys[id]])],
  };
}
const GT_MODEL_TYPE = 1024;
const GT_RASTER_TYPE = 1025;
const GEOGRAPHIC_TYPE = 2048;
const PROJECTED_CS_TYPE = 3072;
const wgs84Area = geoKeys({ [GT_MODEL_TYPE]: 2, [GT_RASTER_TYPE]: 1, [GEOGRAPHIC_TYPE]: 4326 });
const wgs84Point = geoKeys({ [GT_MODEL_TYPE]: 2, [GT_RASTER_TYPE]: 2, [GEOGRAPHIC_TYPE]: 4326 });
const scale: Field = { tag: 33550, type: DOUBLE, values: [0.25, 0.5, 0] };
const tiepoint = (lon: number, lat: number): Field => ({
  tag: 33922,
  type: DOUBLE,
  values: [0, 0, 0, lon, lat, 0],
});
// 3 columns × 2 rows, north row first, like an SRTM tile; −32768 is SRTM's void.
const northFirst = Int16Array.from([100, 200, -32768, 400, 500, 600]);

function file(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe("GeoTIFF", () => {
  it("round-trips a grid through writeGeoTiff and loadGeoTiff", async () => {
    const g = syntheticTerrain(
      { lat0_deg: 44, lon0_deg: 6, size_deg: 0.5, n: 64, relief_m: 2000, sea_fraction: 0.2 },
      Rng.fromSeed(4).stream("terrain"),
    );
    // Unequal spacing and a non-square shape, so rows and columns cannot be swapped unnoticed.
    const grid = new ElevationGrid(44, 6, 0.01, 0.02, 48, 64, g.heights_m.subarray(0, 48 * 64));
    const path = join(dir, "round-trip.tif");
    await writeGeoTiff(grid, path);
    const back = await loadGeoTiff(path);
    expect(back.nLat).toBe(48);
    expect(back.nLon).toBe(64);
    expect(back.lat0_deg).toBeCloseTo(44, 12);
    expect(back.lon0_deg).toBeCloseTo(6, 12);
    expect(back.dLat_deg).toBeCloseTo(0.01, 14);
    expect(back.dLon_deg).toBeCloseTo(0.02, 14);
    expect(Array.from(back.heights_m)).toEqual(Array.from(grid.heights_m));
    expect(back.heightAt(44.2345, 6.789)).toBeCloseTo(grid.heightAt(44.2345, 6.789), 3);
  });

  it("reads a hand-built int16 PixelIsArea file: half-pixel offset, rows from the south, nodata", async () => {
    // Tie point at the north-west corner (10°E, 41°N) of 0.25° × 0.5° pixels.
    const path = file(
      "area.tif",
      handBuiltTiff(3, 2, northFirst, [
        scale,
        tiepoint(10, 41),
        wgs84Area,
        { tag: 42113, type: ASCII, values: "-32768" },
      ]),
    );
    const g = await loadGeoTiff(path);
    // Sample centres: lon 10.125, 10.375, 10.625; lat 40.75 (north row), 40.25 (south row).
    expect(g.lat0_deg).toBeCloseTo(40.25, 12);
    expect(g.lon0_deg).toBeCloseTo(10.125, 12);
    expect(g.dLat_deg).toBe(0.5);
    expect(g.dLon_deg).toBe(0.25);
    expect(Array.from(g.heights_m)).toEqual([400, 500, 600, 100, 200, 0]);
    expect(g.heightAt(40.75, 10.125)).toBe(100);
    const withSea = await loadGeoTiff(path, { outside_m: -5 });
    expect(withSea.heights_m[5]).toBe(-5);
    expect(withSea.outside_m).toBe(-5);
  });

  it("reads a PixelIsPoint file with the tie point on the first sample", async () => {
    const path = file(
      "point.tif",
      handBuiltTiff(3, 2, northFirst, [scale, tiepoint(10, 41), wgs84Point]),
    );
    const g = await loadGeoTiff(path);
    expect(g.lat0_deg).toBeCloseTo(40.5, 12);
    expect(g.lon0_deg).toBeCloseTo(10, 12);
    // No GDAL_NODATA tag: −32768 is an ordinary height.
    expect(g.heights_m[5]).toBe(-32768);
  });

  it("rejects bad files with an error naming the file and the problem", async () => {
    const cases: [string, Buffer | null, RegExp][] = [
      ["missing.tif", null, /unreadable/],
      ["garbage.tif", Buffer.from("this is not a TIFF at all, just some text"), /unreadable/],
      [
        "multiband.tif",
        handBuiltTiff(3, 2, Int16Array.from([...northFirst, ...northFirst]), [
          scale,
          tiepoint(10, 41),
          wgs84Area,
        ]),
        /multiband \(2 samples per pixel\)/,
      ],
      [
        "utm.tif",
        handBuiltTiff(3, 2, northFirst, [
          { tag: 33550, type: DOUBLE, values: [30, 30, 0] },
          tiepoint(500_000, 4_500_000),
          geoKeys({ [GT_MODEL_TYPE]: 1, [GT_RASTER_TYPE]: 1, [PROJECTED_CS_TYPE]: 32633 }),
        ]),
        /not geographic \(projected CRS EPSG:32633/,
      ],
      [
        "rotated.tif",
        handBuiltTiff(3, 2, northFirst, [
          {
            tag: 34264,
            type: DOUBLE,
            values: [0.25, 0.01, 0, 10, 0.01, -0.5, 0, 41, 0, 0, 0, 0, 0, 0, 0, 1],
          },
          wgs84Area,
        ]),
        /rotated or sheared/,
      ],
      ["plain.tif", handBuiltTiff(3, 2, northFirst, []), /no GeoTIFF georeferencing/],
      [
        "nad27.tif",
        handBuiltTiff(3, 2, northFirst, [
          scale,
          tiepoint(10, 41),
          geoKeys({ [GT_MODEL_TYPE]: 2, [GEOGRAPHIC_TYPE]: 4267 }),
        ]),
        /EPSG:4267 is not WGS 84/,
      ],
    ];
    for (const [name, bytes, problem] of cases) {
      const path = bytes ? file(name, bytes) : join(dir, name);
      const error = await loadGeoTiff(path).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, name).toBeInstanceOf(GeoTiffError);
      expect((error as Error).message, name).toContain(path);
      expect((error as Error).message, name).toMatch(problem);
    }
  });

  const gdal = toolMode(
    "gdallocationinfo",
    "apt-get install gdal-bin",
    hasProgram("gdallocationinfo"),
  );
  it.skipIf(gdal === "skip")("writes a file GDAL reads at the same positions", async () => {
    const grid = new ElevationGrid(
      40,
      10,
      0.5,
      0.25,
      3,
      4,
      Float32Array.from({ length: 12 }, (_, k) => k * 10),
    );
    const path = join(dir, "for-gdal.tif");
    await writeGeoTiff(grid, path);
    const at = (lon: number, lat: number) =>
      Number(
        spawnSync("gdallocationinfo", ["-valonly", "-wgs84", path, `${lon}`, `${lat}`], {
          encoding: "utf8",
        }).stdout.trim(),
      );
    expect(at(10, 40)).toBe(0); // south-west sample
    expect(at(10.75, 41)).toBe(110); // north-east sample
    expect(at(10.25, 40.5)).toBe(50); // row 1, column 1
  });
});
