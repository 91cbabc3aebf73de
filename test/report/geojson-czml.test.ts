import { describe, expect, it } from "vitest";
import { SampleTable } from "../../src/core/sample-table.js";
import { MAX_OUTPUT_POINTS, thinSampleIndices } from "../../src/core/thin-samples.js";
import { type CzmlSite, czmlText, salvoToCzml, trajectoryToCzml } from "../../src/io/czml.js";
import {
  type GeoJsonFeature,
  type GeoJsonLineString,
  type GeoJsonMultiLineString,
  type GeoJsonPoint,
  type GeoJsonPosition,
  geoJsonText,
  trajectoryToGeoJson,
} from "../../src/io/geojson.js";
import type { MissionReportInput, NamedPoint } from "../../src/report/report-data.js";

const COLUMNS = ["t_s", "lat_deg", "lon_deg", "alt_m", "mach", "fuel_kg", "thrust_n", "phase"];

const point = (name: string, lat_deg: number, lon_deg: number, alt_m: number): NamedPoint => ({
  name,
  lat_deg,
  lon_deg,
  alt_m,
});

/**
 * A flight of n samples from (lat0, lon0) to (lat1, lon1), 0.1 s apart: release and dive for the
 * first 5 %, cruise to 90 %, then a terminal pop-up and dive, with the phase column to match.
 */
function syntheticMission(
  n = 20_000,
  from: [number, number] = [40, 10],
  to: [number, number] = [42.5, 16],
): MissionReportInput {
  const samples = new SampleTable(COLUMNS, 16);
  for (let i = 0; i < n; i++) {
    const f = i / (n - 1);
    const phase = f < 0.05 ? 0 : f < 0.9 ? 1 : 2;
    const bow = 0.3 * Math.sin(Math.PI * f); // bends the path like a great circle would
    const lat = from[0] + f * (to[0] - from[0]) + bow;
    const lon = from[1] + f * (to[1] - from[1]);
    const alt =
      phase === 0
        ? 9000 - (f / 0.05) * 8900
        : phase === 1
          ? 100 + 20 * Math.sin(f * 50)
          : Math.max(0, 100 + 1500 * Math.sin((Math.PI * (f - 0.9)) / 0.1));
    samples.push([i * 0.1, lat, lon, alt, 0.7 + 0.05 * f, 500 - 450 * f, 3000, phase]);
  }
  const t = samples.column("t_s");
  const lat = samples.column("lat_deg");
  const lon = samples.column("lon_deg");
  const end = n - 1;
  return {
    title: 'Test <mission> & "friends"',
    scenarioFile: "examples/test.yaml",
    generator: "standoff 0.1.0",
    samples,
    phaseNames: ["release", "cruise", "terminal"],
    events: [
      { t_s: 0, kind: "launch", message: "Released." },
      {
        t_s: t[Math.round(0.9 * end)],
        kind: "terminal_start",
        message: "Terminal phase <begins> & climbs.",
        data: { lat_deg: lat[Math.round(0.9 * end)], lon_deg: lon[Math.round(0.9 * end)] },
      },
      {
        t_s: t[end],
        kind: "ground_impact",
        message: "Hit the ground.",
        data: { lat_deg: lat[end], lon_deg: lon[end], alt_m: 0, speed_mps: 240 },
      },
    ],
    summary: [{ label: "flight time", value: t[end], unit: "s" }],
    launch: point("launch", from[0], from[1], 9000),
    waypoints: [point("WP1", 41, 12, 100), point("WP2", 42, 14.5, 100)],
    aimpoint: point("target", to[0], to[1], 0),
    limitations: ["Flat fuel flow."],
  };
}

const rounded = (lon: number, lat: number, alt: number): GeoJsonPosition => [
  Math.round(lon * 1e7) / 1e7,
  Math.round(lat * 1e7) / 1e7,
  Math.round(alt * 100) / 100,
];

function phaseChangeRows(input: MissionReportInput): number[] {
  const phase = input.samples.column("phase");
  const rows: number[] = [];
  for (let i = 1; i < phase.length; i++) if (phase[i] !== phase[i - 1]) rows.push(i - 1, i);
  return rows;
}

describe("thinSampleIndices", () => {
  it("keeps every row of a short history", () => {
    const m = syntheticMission(100);
    expect(thinSampleIndices(m.samples)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it("caps a long history and keeps the ends and both sides of each phase change", () => {
    const m = syntheticMission();
    const rows = thinSampleIndices(m.samples);
    expect(rows.length).toBeLessThanOrEqual(MAX_OUTPUT_POINTS);
    expect(rows.length).toBeGreaterThan(MAX_OUTPUT_POINTS * 0.9);
    expect(rows[0]).toBe(0);
    expect(rows[rows.length - 1]).toBe(m.samples.length - 1);
    for (let k = 1; k < rows.length; k++) expect(rows[k]).toBeGreaterThan(rows[k - 1]);
    for (const r of phaseChangeRows(m)) expect(rows).toContain(r);
    for (const max of [2, 3, 10, 4999, 5001]) {
      expect(thinSampleIndices(m.samples, max).length).toBeLessThanOrEqual(Math.max(max, 6));
    }
  });
});

describe("trajectoryToGeoJson", () => {
  const input = syntheticMission();
  const fc = trajectoryToGeoJson(input);
  const path = fc.features.find(
    (f) => f.properties.role === "flown_path",
  ) as GeoJsonFeature<GeoJsonLineString>;
  const points = fc.features.filter(
    (f) => f.geometry.type === "Point",
  ) as GeoJsonFeature<GeoJsonPoint>[];
  const s = input.samples;
  const lat = s.column("lat_deg");
  const lon = s.column("lon_deg");
  const alt = s.column("alt_m");
  const last = s.length - 1;

  it("is an RFC 7946 FeatureCollection without a crs member", () => {
    expect(fc.type).toBe("FeatureCollection");
    expect(Object.keys(fc)).toEqual(["type", "features"]);
    expect(JSON.parse(geoJsonText(fc))).toEqual(fc);
    for (const f of fc.features) expect(f.type).toBe("Feature");
  });

  it("draws the flown path as a thinned 3D LineString in lon, lat order", () => {
    expect(path.geometry.type).toBe("LineString");
    const c = path.geometry.coordinates;
    expect(c.length).toBeLessThanOrEqual(MAX_OUTPUT_POINTS);
    expect(c.length).toBeGreaterThan(1000);
    for (const p of c) expect(p).toHaveLength(3);
    expect(c[0]).toEqual(rounded(lon[0], lat[0], alt[0]));
    expect(c[c.length - 1]).toEqual(rounded(lon[last], lat[last], alt[last]));
    // Longitude first: the synthetic flight is at lon 10–16, lat 40–43.
    expect(c[0][0]).toBeCloseTo(10, 6);
    expect(c[0][1]).toBeCloseTo(40, 6);
    expect(path.properties).toMatchObject({
      title: input.title,
      generator: "standoff 0.1.0",
      duration_s: 1999.9,
    });
  });

  it("keeps every phase change in the thinned path", () => {
    const c = path.geometry.coordinates.map((p) => p.join(","));
    for (const r of phaseChangeRows(input)) {
      expect(c).toContain(rounded(lon[r], lat[r], alt[r]).join(","));
    }
  });

  it("rounds to 1e-7 degrees and 1 cm", () => {
    for (const f of fc.features) {
      const coords =
        f.geometry.type === "Point"
          ? [f.geometry.coordinates]
          : (f.geometry.coordinates as number[][]);
      for (const [x, y, z] of coords) {
        expect(Math.abs(x * 1e7 - Math.round(x * 1e7))).toBeLessThan(1e-6);
        expect(Math.abs(y * 1e7 - Math.round(y * 1e7))).toBeLessThan(1e-6);
        if (z !== undefined) expect(Math.abs(z * 100 - Math.round(z * 100))).toBeLessThan(1e-6);
        expect(x).toBeGreaterThanOrEqual(-180);
        expect(x).toBeLessThanOrEqual(180);
        expect(Math.abs(y)).toBeLessThanOrEqual(90);
      }
    }
  });

  it("marks launch, each waypoint, the aimpoint and each event that has a position", () => {
    const roles = points.map((p) => `${p.properties.role}:${p.properties.name}`);
    expect(roles).toEqual([
      "launch:launch",
      "waypoint:WP1",
      "waypoint:WP2",
      "aimpoint:target",
      "event:terminal_start",
      "event:ground_impact",
    ]);
    const wp2 = points[2];
    expect(wp2.geometry.coordinates).toEqual([14.5, 42, 100]);
    expect(wp2.properties.index).toBe(2);
    const impact = points[5];
    expect(impact.properties).toMatchObject({
      kind: "ground_impact",
      message: "Hit the ground.",
      t_s: 1999.9,
      speed_mps: 240,
    });
    expect(impact.geometry.coordinates).toEqual(rounded(lon[last], lat[last], 0));
    // No altitude in the event: taken from the path at that time.
    const terminal = points[4];
    const row = Math.round(0.9 * last);
    expect(terminal.geometry.coordinates[2]).toBeCloseTo(alt[row], 2);
    expect(terminal.properties.message).toBe("Terminal phase <begins> & climbs.");
  });

  it("splits a path that crosses the antimeridian and keeps longitudes in range", () => {
    const m = syntheticMission(1000, [50, 178], [51, 184]);
    const g = trajectoryToGeoJson(m).features[0] as GeoJsonFeature<GeoJsonMultiLineString>;
    expect(g.geometry.type).toBe("MultiLineString");
    const [west, east] = g.geometry.coordinates;
    expect(g.geometry.coordinates).toHaveLength(2);
    expect(west[west.length - 1][0]).toBe(180);
    expect(east[0][0]).toBe(-180);
    expect(west[west.length - 1][1]).toBe(east[0][1]);
    expect(west.length + east.length).toBe(1002);
    for (const part of g.geometry.coordinates) {
      for (const [x] of part) expect(Math.abs(x)).toBeLessThanOrEqual(180);
    }
  });

  it("refuses a non-finite position rather than writing null", () => {
    const m = syntheticMission(10);
    m.samples.column("alt_m")[3] = Number.NaN;
    expect(() => trajectoryToGeoJson(m)).toThrow(/non-finite position at sample row 4/);
  });
});

describe("trajectoryToCzml", () => {
  const input = syntheticMission();
  const doc = trajectoryToCzml(input);
  const s = input.samples;
  const t = s.column("t_s");
  const byId = new Map(doc.map((p) => [p.id, p]));

  it("starts with the document packet whose clock spans the samples", () => {
    expect(doc[0]).toMatchObject({ id: "document", version: "1.0", name: input.title });
    expect(doc[0].clock).toEqual({
      interval: "2026-01-01T00:00:00.000Z/2026-01-01T00:33:19.900Z",
      currentTime: "2026-01-01T00:00:00.000Z",
      multiplier: 33,
      range: "LOOP_STOP",
      step: "SYSTEM_CLOCK_MULTIPLIER",
    });
    expect(JSON.parse(czmlText(doc))).toEqual(doc);
  });

  it("animates the missile with time-tagged lon, lat, alt samples", () => {
    const m = byId.get("missile");
    expect(m?.availability).toBe(doc[0].clock?.interval);
    const pos = m?.position;
    expect(pos?.epoch).toBe("2026-01-01T00:00:00.000Z");
    const cd = pos?.cartographicDegrees ?? [];
    expect(cd.length % 4).toBe(0);
    expect(cd.length / 4).toBeLessThanOrEqual(MAX_OUTPUT_POINTS);
    for (let k = 4; k < cd.length; k += 4) expect(cd[k]).toBeGreaterThan(cd[k - 4]);
    expect(cd[0]).toBe(t[0]);
    expect(cd[cd.length - 4]).toBe(t[t.length - 1]);
    // lon, lat order as in GeoJSON.
    expect(cd[1]).toBeCloseTo(10, 6);
    expect(cd[2]).toBeCloseTo(40, 6);
    expect(cd[3]).toBe(9000);
    expect(m?.path).toMatchObject({ leadTime: 0, trailTime: 1999.9 });
    expect(m?.label?.text).toBe(input.title);
    expect(m?.point?.pixelSize).toBeGreaterThan(0);
  });

  it("keeps the sample times of every phase change", () => {
    const cd = byId.get("missile")?.position?.cartographicDegrees ?? [];
    const times = new Set(cd.filter((_, k) => k % 4 === 0));
    for (const r of phaseChangeRows(input)) expect(times.has(t[r])).toBe(true);
  });

  it("adds the planned route, launch, waypoints and aimpoint as static entities", () => {
    const route = byId.get("planned-route")?.polyline;
    expect(route?.clampToGround).toBe(false);
    expect(route?.positions.cartographicDegrees).toEqual([
      10, 40, 9000, 12, 41, 100, 14.5, 42, 100, 16, 42.5, 0,
    ]);
    expect(byId.get("launch")?.position?.cartographicDegrees).toEqual([10, 40, 9000]);
    expect(byId.get("waypoint-1")?.name).toBe("WP1");
    expect(byId.get("waypoint-2")?.position?.cartographicDegrees).toEqual([14.5, 42, 100]);
    expect(byId.get("aimpoint")?.point).toBeDefined();
    expect(byId.get("aimpoint")?.label?.text).toContain("target");
  });

  it("counts sample times from the given epoch and drops a repeated time", () => {
    const m = syntheticMission(50);
    const tt = m.samples.column("t_s");
    tt[10] = tt[9]; // a duplicated sample, as at a phase switch
    const d = trajectoryToCzml(m, { epochIso: "2030-06-01T12:00:00Z" });
    expect(d[0].clock?.interval).toBe("2030-06-01T12:00:00.000Z/2030-06-01T12:00:04.900Z");
    expect(d[1].position?.cartographicDegrees).toHaveLength(49 * 4);
    expect(() => trajectoryToCzml(m, { epochIso: "yesterday" })).toThrow(/ISO 8601/);
  });

  it("starts a later-launched missile at its launch time on the scenario's clock", () => {
    const m = syntheticMission(50);
    const d = trajectoryToCzml(m, { launch_s: 95.5 });
    const missile = d.find((p) => p.id === "missile");
    // The position's epoch stays the scenario's; the samples count from it, launch included.
    expect(missile?.position?.epoch).toBe("2026-01-01T00:00:00.000Z");
    const cd = missile?.position?.cartographicDegrees ?? [];
    expect(cd[0]).toBe(95.5);
    expect(cd[cd.length - 4]).toBe(100.4);
    expect(missile?.availability).toBe("2026-01-01T00:01:35.500Z/2026-01-01T00:01:40.400Z");
    expect(d[0].clock?.interval).toBe(missile?.availability);
    expect(d[0].clock?.currentTime).toBe("2026-01-01T00:01:35.500Z");
    expect(() => trajectoryToCzml(m, { launch_s: Number.NaN })).toThrow(/launch time/);
  });

  it("ends every availability at or after the last sample, even between milliseconds", () => {
    const m = syntheticMission(50);
    const tt = m.samples.column("t_s");
    // 4.9004 s rounds to 4.900 s on a millisecond clock: the last sample would be unavailable.
    tt[49] = 4.9004;
    for (const launch_s of [0, 1.0000001, 30.25]) {
      const d = trajectoryToCzml(m, { launch_s });
      const missile = d.find((p) => p.id === "missile");
      const cd = missile?.position?.cartographicDegrees ?? [];
      const [a, b] = (missile?.availability ?? "/").split("/").map(Date.parse);
      const epoch = Date.parse("2026-01-01T00:00:00Z");
      expect(b - epoch).toBeGreaterThanOrEqual(cd[cd.length - 4] * 1000);
      expect(a - epoch).toBeLessThanOrEqual(cd[0] * 1000);
      expect(b - a).toBeLessThanOrEqual(4.9004 * 1000 + 2);
    }
  });

  it("draws the given planned route instead of joining the points", () => {
    const route = [
      { lat_deg: 40, lon_deg: 10, alt_m: 9000 },
      { lat_deg: 40.5, lon_deg: 11, alt_m: 1290.5 },
      { lat_deg: 41, lon_deg: 12, alt_m: 190 },
    ];
    const d = trajectoryToCzml(syntheticMission(50), { route });
    expect(
      d.find((p) => p.id === "planned-route")?.polyline?.positions.cartographicDegrees,
    ).toEqual([10, 40, 9000, 11, 40.5, 1290.5, 12, 41, 190]);
  });

  it("labels points with the scenario's names, adding the role only where the name lacks it", () => {
    const m = {
      ...syntheticMission(50),
      launch: point("release (Viper 1, F-16-class aircraft)", 40, 10, 9000),
      aimpoint: point("notional aimpoint", 42.5, 16, 0),
    };
    const byId = new Map(trajectoryToCzml(m).map((p) => [p.id, p]));
    expect(byId.get("launch")?.label?.text).toBe("release (Viper 1, F-16-class aircraft)");
    expect(byId.get("aimpoint")?.label?.text).toBe("notional aimpoint");
    expect(byId.get("aimpoint")?.name).toBe("notional aimpoint");
    const named = trajectoryToCzml({ ...m, aimpoint: point("bridge 4", 42.5, 16, 0) });
    expect(named.find((p) => p.id === "aimpoint")?.label?.text).toBe("aimpoint: bridge 4");
  });

  it("adds each air-defence site on its ground and each SAM's envelope as a translucent cylinder", () => {
    const sites: CzmlSite[] = [
      {
        name: "search radar",
        kind: "search radar",
        lat_deg: 41,
        lon_deg: 13,
        ground_m: 420.25,
        envelope: null,
      },
      {
        name: "long-range SAM",
        kind: "long-range-sam",
        lat_deg: 41.5,
        lon_deg: 14,
        ground_m: 800,
        envelope: { max_range_m: 200_000, min_alt_m: 25, max_alt_m: 27_000 },
      },
    ];
    const byId = new Map(trajectoryToCzml(syntheticMission(50), { sites }).map((p) => [p.id, p]));
    expect(byId.get("site-1")?.position?.cartographicDegrees).toEqual([13, 41, 420.25]);
    expect(byId.get("site-1")?.label?.text).toBe("search radar (search radar)");
    expect(byId.has("site-1-envelope")).toBe(false);
    expect(byId.get("site-2")?.label?.text).toBe("long-range SAM (long-range-sam)");
    const env = byId.get("site-2-envelope");
    expect(env?.position?.cartographicDegrees).toEqual([14, 41.5, 800]);
    expect(env?.ellipse).toMatchObject({
      semiMajorAxis: 200_000,
      semiMinorAxis: 200_000,
      height: 825,
      extrudedHeight: 27_800,
      fill: true,
    });
    const alpha = env?.ellipse?.material.solidColor.color.rgba[3] ?? 255;
    expect(alpha).toBeGreaterThan(0);
    expect(alpha).toBeLessThan(128);
    const bad = [
      { ...sites[1], envelope: { max_range_m: Number.NaN, min_alt_m: 0, max_alt_m: 1 } },
    ];
    expect(() => trajectoryToCzml(syntheticMission(50), { sites: bad })).toThrow(/envelope/);
  });
});

describe("salvoToCzml", () => {
  const a = syntheticMission(50);
  const b = { ...syntheticMission(80), waypoints: [] };
  const doc = salvoToCzml("Salvo <test>", [
    { id: "v1-a", name: "V1-A", input: a, launch_s: 0 },
    { id: "v1-b", name: "V1-B", input: b, launch_s: 12.5 },
  ]);
  const byId = new Map(doc.map((p) => [p.id, p]));

  it("puts every missile on one clock, each from its launch time", () => {
    expect(byId.get("v1-a")?.availability).toBe(
      "2026-01-01T00:00:00.000Z/2026-01-01T00:00:04.900Z",
    );
    expect(byId.get("v1-b")?.availability).toBe(
      "2026-01-01T00:00:12.500Z/2026-01-01T00:00:20.400Z",
    );
    expect(byId.get("v1-b")?.position?.epoch).toBe("2026-01-01T00:00:00.000Z");
    expect(byId.get("v1-b")?.label?.text).toBe("V1-B");
    expect(doc[0].clock?.interval).toBe("2026-01-01T00:00:00.000Z/2026-01-01T00:00:20.400Z");
    expect(JSON.parse(czmlText(doc))).toEqual(doc);
  });

  it("gives each missile its route and waypoints, and shared launch and aim points once", () => {
    expect(byId.get("v1-a/route")?.polyline).toBeDefined();
    expect(byId.get("v1-b/route")?.polyline).toBeDefined();
    expect(byId.get("v1-a/waypoint-2")?.label?.text).toBe("V1-A: WP2");
    expect(doc.filter((p) => p.id.startsWith("launch-"))).toHaveLength(1);
    expect(doc.filter((p) => p.id.startsWith("aimpoint-"))).toHaveLength(1);
    expect(new Set(doc.map((p) => p.id)).size).toBe(doc.length);
    expect(() =>
      salvoToCzml("twice", [
        { id: "x", name: "X", input: a, launch_s: 0 },
        { id: "x", name: "Y", input: b, launch_s: 0 },
      ]),
    ).toThrow(/two missiles/);
  });
});
