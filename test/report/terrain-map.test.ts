import { crc32, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  encodePng,
  type MapEvent,
  type MapSite,
  renderTerrainMap,
  shadedReliefPng,
  type TerrainMapInput,
} from "../../src/report/terrain-map.js";
import { ElevationGrid } from "../../src/terrain/elevation-grid.js";

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

interface DecodedPng {
  width: number;
  height: number;
  channels: number;
  pixels: Uint8Array;
  chunkTypes: string[];
}

/**
 * A minimal PNG reader for 8-bit RGB/RGBA, written against the spec rather than the encoder:
 * checks the signature and every chunk's CRC (zlib's own crc32), inflates the IDAT stream and
 * undoes all five scanline filters.
 */
function decodePng(bytes: Uint8Array): DecodedPng {
  expect([...bytes.subarray(0, 8)]).toEqual(SIGNATURE);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunkTypes: string[] = [];
  const idat: Uint8Array[] = [];
  let width = 0;
  let height = 0;
  let channels = 0;
  let at = 8;
  while (at < bytes.length) {
    const len = dv.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + len);
    expect(dv.getUint32(at + 8 + len), `CRC of ${type}`).toBe(
      crc32(bytes.subarray(at + 4, at + 8 + len)),
    );
    chunkTypes.push(type);
    if (type === "IHDR") {
      width = dv.getUint32(at + 8);
      height = dv.getUint32(at + 12);
      expect(data[8]).toBe(8); // bit depth
      expect([2, 6]).toContain(data[9]);
      channels = data[9] === 6 ? 4 : 3;
      expect([...data.subarray(10, 13)]).toEqual([0, 0, 0]);
    }
    if (type === "IDAT") idat.push(data);
    at += 12 + len;
  }
  expect(at).toBe(bytes.length);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  expect(raw.length).toBe(height * (stride + 1));
  const px = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i];
      const a = i >= channels ? px[y * stride + i - channels] : 0;
      const b = y > 0 ? px[(y - 1) * stride + i] : 0;
      const c = y > 0 && i >= channels ? px[(y - 1) * stride + i - channels] : 0;
      let p = 0;
      if (f === 1) p = a;
      else if (f === 2) p = b;
      else if (f === 3) p = (a + b) >> 1;
      else if (f === 4) {
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else expect(f).toBe(0);
      px[y * stride + i] = (x + p) & 0xff;
    }
  }
  return { width, height, channels, pixels: px, chunkTypes };
}

function pixel(img: DecodedPng, row: number, col: number): number[] {
  const o = (row * img.width + col) * img.channels;
  return [...img.pixels.subarray(o, o + img.channels)];
}

/** n × n samples over 40–41°N, 10–11°E: sea (0 m) west of 10.5°E, land east with a cone hill at 40.5°N 10.75°E. */
function testGrid(n = 65): ElevationGrid {
  const h = new Float32Array(n * n);
  const d = 1 / (n - 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const lat = 40 + i * d;
      const lon = 10 + j * d;
      if (lon < 10.5) continue;
      const r = Math.hypot(lat - 40.5, lon - 10.75);
      h[i * n + j] = Math.max(100, 1500 - 8000 * r);
    }
  }
  return new ElevationGrid(40, 10, d, d, n, n, h);
}

const EVIL = 'SAM <&> "1"';

const SITES: MapSite[] = [
  {
    name: EVIL,
    lat_deg: 40.6,
    lon_deg: 10.7,
    kind: "SA-x <b>",
    rings_m: [
      { radius_m: 20_000, label: "max range" },
      { radius_m: 35_000, label: "detection <vs missile>" },
    ],
  },
  {
    name: "EW radar",
    lat_deg: 41.3,
    lon_deg: 10.4,
    kind: "radar",
    rings_m: [{ radius_m: 30_000, label: "detection" }],
  },
];

const EVENTS: MapEvent[] = [
  { kind: "detected", lat_deg: 40.4, lon_deg: 10.45, t_s: 100, label: `${EVIL} detects` },
  { kind: "tracked", lat_deg: 40.45, lon_deg: 10.5, t_s: 110, label: "tracked" },
  { kind: "launch", lat_deg: 40.5, lon_deg: 10.6, t_s: 120.25, label: "fires" },
  { kind: "miss", lat_deg: 40.55, lon_deg: 10.7, t_s: 150, label: "miss" },
  { kind: "launch", lat_deg: 40.6, lon_deg: 10.75, t_s: 160, label: "fires again" },
  { kind: "kill", lat_deg: 40.7, lon_deg: 10.85, t_s: 180, label: "killed" },
  { kind: "odd <kind>", lat_deg: 40.7, lon_deg: 10.9, t_s: 181, label: "?" },
];

function track(n: number, lat0: number, lon0: number, lat1: number, lon1: number) {
  const lat: number[] = [];
  const lon: number[] = [];
  for (let i = 0; i < n; i++) {
    const f = i / (n - 1);
    lat.push(lat0 + f * (lat1 - lat0));
    lon.push(lon0 + f * (lon1 - lon0));
  }
  return { lat_deg: lat, lon_deg: lon };
}

function input(over: Partial<TerrainMapInput> = {}): TerrainMapInput {
  return {
    terrain: testGrid(),
    track: track(2000, 40.2, 10.1, 40.8, 10.9),
    sites: SITES,
    events: EVENTS,
    points: [
      { name: "Launch", lat_deg: 40.2, lon_deg: 10.1 },
      { name: "WP & 1", lat_deg: 40.5, lon_deg: 10.5 },
      { name: "Aim", lat_deg: 40.8, lon_deg: 10.9 },
    ],
    ...over,
  };
}

/** Width and height of the plot (the nested, clipping <svg>). */
function plotSize(svg: string): { pw: number; ph: number } {
  const m = svg.match(
    /<svg x="\d+" y="\d+" width="([\d.]+)" height="([\d.]+)"[^>]*class="map-plot"/,
  );
  expect(m).not.toBeNull();
  return { pw: Number(m?.[1]), ph: Number(m?.[2]) };
}

/** [x, y] of every vertex or centre of the given elements inside the plot. */
function coordinates(fragment: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of fragment.matchAll(/points="([^"]+)"/g)) {
    for (const p of m[1].split(" ")) out.push(p.split(",").map(Number) as [number, number]);
  }
  for (const m of fragment.matchAll(/cx="([-\d.]+)" cy="([-\d.]+)"/g))
    out.push([Number(m[1]), Number(m[2])]);
  for (const m of fragment.matchAll(/[ML]([-\d.]+),([-\d.]+)/g))
    out.push([Number(m[1]), Number(m[2])]);
  return out;
}

function groups(svg: string, cls: string): string[] {
  return [...svg.matchAll(new RegExp(`<g class="${cls}"[^>]*>[\\s\\S]*?</g>`, "g"))].map(
    (m) => m[0],
  );
}

function dataUri(svg: string, cls: string): Uint8Array {
  const m = svg.match(
    new RegExp(`<image class="${cls}"[^>]*href="data:image/png;base64,([A-Za-z0-9+/=]+)"`),
  );
  expect(m).not.toBeNull();
  return new Uint8Array(Buffer.from(m?.[1] ?? "", "base64"));
}

describe("encodePng", () => {
  it("writes a PNG that a spec reader decodes to the same pixels", () => {
    const rgba = Uint8Array.from([
      255,
      0,
      0,
      255,
      0,
      255,
      0,
      128,
      0,
      0,
      255,
      0, //
      1,
      2,
      3,
      4,
      250,
      251,
      252,
      253,
      0,
      0,
      0,
      255,
    ]);
    const png = encodePng(3, 2, rgba, 4);
    const img = decodePng(png);
    expect(img.chunkTypes).toEqual(["IHDR", "IDAT", "IEND"]);
    expect([img.width, img.height, img.channels]).toEqual([3, 2, 4]);
    expect([...img.pixels]).toEqual([...rgba]);
    expect(() => encodePng(2, 2, rgba, 4)).toThrow(RangeError);
  });
});

describe("shadedReliefPng", () => {
  const grid = testGrid();
  const bounds = { lat0: 40, lat1: 41, lon0: 10, lon1: 11 };

  it("is a valid RGB PNG, square pixels in the projection, one per grid cell at most", () => {
    const img = decodePng(shadedReliefPng(grid, bounds, 1024));
    expect(img.channels).toBe(3);
    // cos(40.5°) = 0.760: the image is 0.76 times as wide as tall, the finer grid step sets the pixel.
    expect(img.height).toBe(Math.round(1 / ((1 / 64) * Math.cos(40.5 * (Math.PI / 180)))));
    expect(img.width / img.height).toBeCloseTo(Math.cos(40.5 * (Math.PI / 180)), 1);
  });

  it("downsamples to maxPx a side", () => {
    const img = decodePng(shadedReliefPng(grid, bounds, 32));
    expect(img.height).toBe(32);
    expect(img.width).toBe(Math.round(32 * Math.cos(40.5 * (Math.PI / 180))));
  });

  it("draws the sea blue and the land in land colours", () => {
    const img = decodePng(shadedReliefPng(grid, bounds, 1024));
    const mid = Math.floor(img.height / 2);
    expect(pixel(img, mid, 3)).toEqual([166, 206, 227]);
    const [r, g, b] = pixel(img, 3, img.width - 4); // 100 m plain in the north-east
    expect(g).toBeGreaterThan(b);
    expect(r).toBeGreaterThan(b);
  });

  it("lights slopes facing the north-west sun and shades those facing south-east", () => {
    const img = decodePng(shadedReliefPng(grid, bounds, 1024));
    const at = (lat: number, lon: number) => {
      const row = Math.floor(((bounds.lat1 - lat) / (bounds.lat1 - bounds.lat0)) * img.height);
      const col = Math.floor(((lon - bounds.lon0) / (bounds.lon1 - bounds.lon0)) * img.width);
      return pixel(img, row, col).reduce((s, v) => s + v, 0);
    };
    const nw = at(40.58, 10.67);
    const se = at(40.42, 10.83);
    expect(nw).toBeGreaterThan(se * 1.3);
  });

  it("uses the grid's outside height beyond the grid and rejects empty bounds", () => {
    const img = decodePng(
      shadedReliefPng(grid, { lat0: 41.5, lat1: 42, lon0: 12, lon1: 12.5 }, 64),
    );
    expect(pixel(img, 0, 0)).toEqual([166, 206, 227]);
    expect(() => shadedReliefPng(grid, { lat0: 41, lat1: 40, lon0: 10, lon1: 11 }, 64)).toThrow(
      RangeError,
    );
  });
});

describe("renderTerrainMap", () => {
  const svg = renderTerrainMap(input());

  it("is one self-contained <svg> element with no network references", () => {
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg.endsWith("</svg>")).toBe(true);
    expect(svg).not.toMatch(/\b(src|href|action|poster)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(svg).not.toMatch(/url\(/i);
    expect(svg).not.toMatch(/<script|<style|<foreignObject|\bon\w+=/i);
  });

  it("is deterministic", () => {
    expect(renderTerrainMap(input())).toBe(svg);
  });

  it("embeds the shaded relief as a PNG data URI", () => {
    const img = decodePng(dataUri(svg, "terrain"));
    expect(img.channels).toBe(3);
    expect(img.width).toBeGreaterThan(10);
  });

  it("names every site and route point, escaped", () => {
    expect(svg).toContain("SAM &lt;&amp;&gt; &quot;1&quot;");
    expect(svg).toContain("EW radar");
    expect(svg).toContain("WP &amp; 1");
    expect(svg).toContain("SA-x &lt;b&gt;");
    expect(svg).toContain("detection &lt;vs missile&gt; 35 km");
    expect(svg).toContain("odd &lt;kind&gt;");
    expect(svg).not.toContain("<&>");
    expect(svg).not.toContain("<b>");
    expect(svg).not.toContain("<vs");
    expect(svg).not.toContain("<kind");
    expect(groups(svg, "site")).toHaveLength(2);
    expect(groups(svg, "point")).toHaveLength(3);
  });

  it("draws one marker per event, with time and label in its tooltip", () => {
    const evs = groups(svg, "ev");
    expect(evs).toHaveLength(EVENTS.length);
    const kinds = [...svg.matchAll(/<g class="ev" data-kind="([^"]*)"/g)].map((m) => m[1]);
    expect(kinds).toEqual(EVENTS.map((e) => e.kind.replace("<", "&lt;").replace(">", "&gt;")));
    expect(evs[2]).toContain("<title>t = 120.3 s — launch: fires</title>");
    expect(evs[0]).toContain("SAM &lt;&amp;&gt; &quot;1&quot; detects");
    // Same kind, same marker; different kinds, different markers.
    const shape = (g: string) => g.replace(/<title>.*?<\/title>/, "").replace(/[-\d.]+/g, "#");
    expect(shape(evs[2])).toBe(shape(evs[4]));
    expect(new Set(evs.filter((_, k) => k !== 4).map(shape)).size).toBe(EVENTS.length - 1);
  });

  it("has rings, a graticule in degrees, a scale bar in km and a legend with counts", () => {
    expect(groups(svg, "ring")).toHaveLength(3);
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(svg).toMatch(/<g class="scale-bar">[\s\S]*?>\d+ km<\/text>/);
    const labels = svg.match(/<g class="graticule-labels"[^>]*>([\s\S]*?)<\/g>/)?.[1] ?? "";
    expect(labels).toMatch(/>40\.\d+°N</);
    expect(labels).toMatch(/>10\.\d+°E</);
    const legend = svg.match(/<g class="legend"[\s\S]*$/)?.[0] ?? "";
    expect(legend).toContain("launch (2)");
    expect(legend).toContain("detected (1)");
    expect(legend).toContain("flown track");
    expect(legend).toContain("elevation-key");
  });

  it("makes the scale bar as long as the km it claims", () => {
    const { pw } = plotSize(svg);
    const bar = groups(svg, "scale-bar")[0];
    const km = Number(bar.match(/>(\d+) km</)?.[1]);
    const width = Number(
      bar.match(/<rect x="[-\d.]+" y="[-\d.]+" width="([\d.]+)" height="5" fill="none"/)?.[1],
    );
    // Latitude lines of the graticule: a degree of latitude is 111.195 km on the 6371 km sphere.
    const ys = [...svg.matchAll(/M0,([\d.]+)H/g)].map((m) => Number(m[1]));
    const lats = [...svg.matchAll(/>(\d+\.\d+)°N</g)].map((m) => Number(m[1]));
    const pxPerKm = (ys[0] - ys[1]) / (lats[1] - lats[0]) / 111.195;
    expect(width / km / pxPerKm).toBeCloseTo(1, 2);
    expect(width).toBeGreaterThan(0.1 * pw);
    expect(width).toBeLessThan(0.25 * pw);
  });

  it("puts the track, sites, their rings, route points and events inside the map", () => {
    const { pw, ph } = plotSize(svg);
    const items = ["site", "point", "ev", "track"].flatMap((c) => groups(svg, c));
    const xy = coordinates(items.join(""));
    expect(xy.length).toBeGreaterThan(20);
    for (const [x, y] of xy) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(pw);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(ph);
    }
    for (const m of svg.matchAll(
      /<ellipse cx="([\d.]+)" cy="([\d.]+)" rx="([\d.]+)" ry="([\d.]+)"/g,
    )) {
      const [cx, cy, rx, ry] = m.slice(1).map(Number);
      expect(cx - rx).toBeGreaterThanOrEqual(0);
      expect(cx + rx).toBeLessThanOrEqual(pw);
      expect(cy - ry).toBeGreaterThanOrEqual(0);
      expect(cy + ry).toBeLessThanOrEqual(ph);
      // x scaled by cos(latitude): a ring is (nearly) round on the map.
      expect(rx / ry).toBeCloseTo(1, 1);
    }
  });

  it("does not let one huge ring shrink the flight to a dot", () => {
    const big = renderTerrainMap(
      input({
        sites: [{ ...SITES[1], rings_m: [{ radius_m: 2_000_000, label: "early warning" }] }],
      }),
    );
    const { pw } = plotSize(big);
    const xs = coordinates(groups(big, "track").join("")).map(([x]) => x);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(0.25 * pw);
    expect(groups(big, "ring")).toHaveLength(1);
  });

  it("tints coverage cells in the site's colour", () => {
    const n = 65;
    const visible = new Uint8Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 40; j < n; j++) visible[i * n + j] = 1;
    const withCov = renderTerrainMap(
      input({ coverage: [{ site: EVIL, visible, nLat: n, nLon: n }] }),
    );
    expect(withCov).toContain(
      '<image class="coverage" data-site="SAM &lt;&amp;&gt; &quot;1&quot;"',
    );
    const img = decodePng(dataUri(withCov, "coverage"));
    expect([img.width, img.height, img.channels]).toEqual([n, n, 4]);
    expect(pixel(img, 0, 0)[3]).toBe(0);
    expect(pixel(img, 10, n - 1)).toEqual([0xd7, 0x30, 0x1f, 255]); // first site's colour
    expect(withCov).toContain("seen by SAM &lt;&amp;&gt; &quot;1&quot;");
    const coarse = renderTerrainMap(
      input({ coverage: [{ site: "x", visible, nLat: n, nLon: n }] }),
      { maxImagePx: 16 },
    );
    const small = decodePng(dataUri(coarse, "coverage"));
    expect(Math.max(small.width, small.height)).toBeLessThanOrEqual(16);
    expect(() =>
      renderTerrainMap(input({ coverage: [{ site: "x", visible, nLat: n, nLon: n - 1 }] })),
    ).toThrow(RangeError);
  });

  it("works without terrain: plain background, no images", () => {
    const plain = renderTerrainMap(input({ terrain: null, coverage: [] }));
    expect(plain).not.toContain("<image");
    expect(plain).not.toContain("elevation-key");
    expect(groups(plain, "ev")).toHaveLength(EVENTS.length);
    expect(groups(plain, "track")).toHaveLength(1);
    expect(plain).toMatch(/class="scale-bar"/);
  });

  it("keeps a track across the antimeridian in one piece", () => {
    const lat: number[] = [];
    const lon: number[] = [];
    for (let i = 0; i <= 100; i++) {
      lat.push(-17 + i * 0.01);
      const l = 179.5 + i * 0.01;
      lon.push(l > 180 ? l - 360 : l);
    }
    const map = renderTerrainMap({
      terrain: null,
      track: { lat_deg: lat, lon_deg: lon },
      sites: [{ name: "S", lat_deg: -16.5, lon_deg: -179.8, kind: "SAM", rings_m: [] }],
      events: [],
      points: [],
    });
    const { pw } = plotSize(map);
    const xs = coordinates(groups(map, "track").join("")).map(([x]) => x);
    for (let i = 1; i < xs.length / 2; i++) expect(xs[i]).toBeGreaterThanOrEqual(xs[i - 1]);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(0.5 * pw);
    expect(map).toMatch(/>179\.\d+°W</);
    expect(map).toMatch(/>179\.\d+°E</);
  });

  it("breaks the track at missing samples and rejects sites without a position", () => {
    const t = track(100, 40.2, 10.1, 40.8, 10.9);
    t.lat_deg[50] = Number.NaN;
    const map = renderTerrainMap(input({ track: t }));
    expect(groups(map, "track")[0].match(/<polyline/g)).toHaveLength(4); // 2 runs × casing + line
    expect(() =>
      renderTerrainMap(input({ sites: [{ ...SITES[0], lat_deg: Number.NaN }] })),
    ).toThrow(/site "SAM <&> "1"" has no finite position/);
  });

  it("draws extra tracks (dashed when asked) and areas inside the map, each with a legend entry", () => {
    const map = renderTerrainMap(
      input({
        trackLabel: "planned route",
        extraTracks: [
          { label: "straight line", dashed: true, ...track(2, 40.2, 10.1, 41.2, 11.6) },
          { label: "other <route>", color: "#123456", ...track(3, 40.2, 10.1, 40.4, 10.9) },
        ],
        areas: [
          {
            name: "no-fly: town",
            polygon: [
              [40.4, 10.6],
              [40.6, 10.6],
              [40.6, 10.8],
            ],
          },
        ],
      }),
    );
    const extra = groups(map, "extra-track");
    expect(extra).toHaveLength(2);
    expect(extra[0]).toContain('stroke-dasharray="7 5"');
    expect(extra[1]).not.toContain("stroke-dasharray");
    expect(extra[1]).toContain('stroke="#123456"');
    expect(extra[1]).toContain("other &lt;route&gt;");
    const { pw, ph } = plotSize(map);
    // The extra track reaches beyond everything else and still lies inside the map.
    for (const [x, y] of coordinates(extra[0])) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(pw);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(ph);
    }
    expect(groups(map, "area")).toHaveLength(1);
    const legend = map.slice(map.indexOf('class="legend"'));
    for (const text of ["planned route", "straight line", "other &lt;route&gt;", "no-fly: town"])
      expect(legend).toContain(text);
    expect(legend).not.toContain("flown track");
  });

  it("says so when there is nothing to map", () => {
    const empty = renderTerrainMap({
      terrain: null,
      track: { lat_deg: [], lon_deg: [] },
      sites: [],
      events: [],
      points: [],
    });
    expect(empty).toContain("No positions to map.");
  });
});
