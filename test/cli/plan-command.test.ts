import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";
import { geodesicInverse, geodesicPoints } from "../../src/earth/geodesic.js";
import { pointInPolygon } from "../../src/earth/polygon.js";
import { parseNumericCsv } from "../../src/io/csv.js";
import { parseScenarioText } from "../../src/scenario/load.js";

const tmp = mkdtempSync(join(tmpdir(), "standoff-plan-"));
const example = (n: string) => new URL(`../../examples/${n}.yaml`, import.meta.url).pathname;
type Json = Record<string, unknown>;
const layered = parse(readFileSync(example("layered-defence"), "utf8")) as Json;

describe("standoff plan on the layered example", async () => {
  const out = join(tmp, "layered");
  const io = captureOutput();
  const code = await main(["plan", example("layered-defence"), "--out", out], io);
  const plan = JSON.parse(readFileSync(join(out, "plan.json"), "utf8"));
  const m = plan.missiles[0];

  it("prints the comparison and writes the four files", () => {
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    const text = io.stdout.join("\n");
    for (const k of [
      "planned",
      "straight line",
      "distance",
      "fuel margin",
      "exposure ∫λdt",
      "P(undetected)",
      "waypoints",
    ])
      expect(text).toContain(k);
    for (const f of ["routes.geojson", "route.yaml", "plan.json", "plan.html"])
      expect(existsSync(join(out, f))).toBe(true);
  });

  it("plans a route less exposed than the straight line, within range less the reserve", () => {
    expect(m.planned.exposure).toBeLessThan(m.straight.exposure);
    expect(m.planned.p_undetected).toBeGreaterThan(m.straight.p_undetected);
    // The fuel reserve holds at the plan level: route ≤ cruise range × (1 − reserve).
    expect(m.planned.distance_km).toBeLessThanOrEqual(m.cruise.max_route_km + 1e-6);
    expect(m.cruise.max_route_km).toBeCloseTo(0.85 * m.cruise.range_km, 0);
    expect(m.planned.fuel_kg).toBeLessThanOrEqual(0.85 * m.missile_fuel_kg);
    expect(m.planned.fuel_margin_kg).toBeGreaterThanOrEqual(m.reserve_kg);
  });

  it("writes route.yaml as a route block that the scenario accepts", () => {
    const text = readFileSync(join(out, "route.yaml"), "utf8");
    const doc = parse(text) as { route: { cruise: Json; waypoints: Json[] } };
    expect(doc.route.cruise).toEqual({ alt_m: 90, alt_ref: "agl", mach: 0.75 });
    expect(doc.route.waypoints).toHaveLength(m.planned.waypoints);
    // Pasted over the example's own route, it validates.
    const s = parseScenarioText(stringify({ ...layered, route: doc.route }), "pasted.yaml");
    if (s.kind !== "mission") throw new Error("not a mission");
    expect(s.route.waypoints.map((w) => [w.lat_deg, w.lon_deg])).toEqual(
      m.waypoints.slice(1, -1).map((w: Json) => [w.lat_deg, w.lon_deg]),
    );
  });

  it("writes GeoJSON with both routes, the sites and a self-contained page", () => {
    const geo = JSON.parse(readFileSync(join(out, "routes.geojson"), "utf8"));
    const kinds = geo.features.map((f: { properties: Json }) => f.properties.kind);
    for (const k of ["planned_route", "straight_line", "scenario_route", "search_radar", "sam"])
      expect(kinds).toContain(k);
    const planned = geo.features.find(
      (f: { properties: Json }) => f.properties.kind === "planned_route",
    );
    expect(planned.geometry.type).toBe("LineString");
    expect(planned.properties.exposure).toBe(m.planned.exposure);
    const html = readFileSync(join(out, "plan.html"), "utf8");
    expect(html).toContain("Content-Security-Policy");
    expect(html).toContain("not a model of any real weapon");
    expect(html).toContain('class="extra-track"');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });
});

describe("a mission without waypoints", () => {
  // The straight line from release to the target crosses this box.
  const polygon: [number, number][] = [
    [-28.75, -18.55],
    [-28.45, -18.55],
    [-28.45, -18.25],
    [-28.75, -18.25],
  ];
  const scenario = {
    ...layered,
    name: "Route-less strike",
    route: { cruise: { alt_m: 90, alt_ref: "agl", mach: 0.75 } },
    planning: { no_fly: [{ name: "box", polygon }] },
  };
  const file = join(tmp, "routeless.yaml");
  writeFileSync(file, stringify(scenario));

  it("is planned automatically, says so, and its flown track never enters the no-fly area", async () => {
    const launch = layered.launch as Json;
    const target = layered.target as Json;
    const [a, b] = [launch, target].map((p) => [p.lat_deg as number, p.lon_deg as number]);
    const d = geodesicInverse(a[0], a[1], b[0], b[1]).distance_m;
    const straight = geodesicPoints(a[0], a[1], b[0], b[1], 0, d, 500);
    expect(straight.some((p) => pointInPolygon(p.lat_deg, p.lon_deg, polygon))).toBe(true);

    const io = captureOutput();
    const out = join(tmp, "routeless");
    expect(await main(["run", file, "--out", out], io)).toBe(0);
    expect(io.stdout.join("\n")).toMatch(/route\s+planned \(the scenario gives none\)/);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.route.planned).toBe(true);
    expect(summary.route.exposure).toBeLessThan(summary.route.straight_exposure);
    // The plan keeps the reserve; the flight arrives with fuel left.
    expect(summary.route.fuel_kg).toBeLessThanOrEqual(0.85 * 122);
    expect(summary.fuel_left_kg).toBeGreaterThan(0);
    expect(summary.status).not.toBe("failed");
    const csv = parseNumericCsv(readFileSync(join(out, "trajectory.csv"), "utf8"));
    const lat = csv.get("lat_deg") as Float64Array;
    const lon = csv.get("lon_deg") as Float64Array;
    expect(lat.length).toBeGreaterThan(1000);
    let inside = 0;
    for (let i = 0; i < lat.length; i++) if (pointInPolygon(lat[i], lon[i], polygon)) inside++;
    expect(inside).toBe(0);
    const report = readFileSync(join(out, "report.html"), "utf8");
    expect(report).toContain("no-fly: box");
    expect(report).toMatch(/planned: \d+ waypoints?, /);
    const events = JSON.parse(readFileSync(join(out, "events.json"), "utf8"));
    expect(events.events.some((e: Json) => String(e.message).includes("planned 1"))).toBe(true);
  });

  it("names the target when no route can reach it", async () => {
    const far = join(tmp, "far.yaml");
    writeFileSync(
      far,
      stringify({ ...scenario, planning: { ...scenario.planning, reserve_fraction: 0.9 } }),
    );
    const io = captureOutput();
    expect(await main(["plan", far, "--out", join(tmp, "far")], io)).toBe(1);
    const err = io.stderr.join("\n");
    expect(err).toContain("target: expected a target the planner can reach within");
    expect(err).not.toMatch(/\n\s+at /);
  });

  it("refuses to plan a body scenario", async () => {
    const io = captureOutput();
    expect(await main(["plan", example("released-store")], io)).toBe(1);
    expect(io.stderr[0]).toContain('kind: expected "mission" or "salvo"');
  });
});
