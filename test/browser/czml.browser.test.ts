/**
 * The CZML that `standoff run` writes, loaded by CesiumJS in Chromium: the layered example (one
 * missile, terrain, four air-defence sites) and the time-on-target salvo (four missiles launched
 * at different times). Cesium is served from node_modules/cesium/Build/Cesium by a local server;
 * every other request is refused, and there is no Ion token, imagery or terrain provider.
 */

import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";
import { terrainFromScenario } from "../../src/engine/world.js";
import { DEFAULT_EPOCH } from "../../src/io/czml.js";
import { loadScenarioFile } from "../../src/scenario/load.js";
import type { ElevationGrid } from "../../src/terrain/elevation-grid.js";
import { describeBrowser, launchBrowser } from "./browser.js";

const root = new URL("../../", import.meta.url).pathname;
const example = (name: string) => join(root, "examples", name);
const ARTIFACTS = join(root, "test-artifacts");
const CESIUM = join(root, "node_modules", "cesium", "Build", "Cesium");
const PAGE = join(root, "test", "browser", "cesium-page.html");

/** Software WebGL in headless Chromium (Cesium needs WebGL; there is no GPU here). */
const WEBGL_ARGS = [
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
  "--ignore-gpu-blocklist",
];

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".czml": "application/json",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
  ".xml": "application/xml",
};

/** Files under `base` for a URL path below its mount point, or null outside it. */
function under(base: string, rel: string): string | null {
  const p = normalize(join(base, decodeURIComponent(rel)));
  return p.startsWith(base + sep) ? p : null;
}

/** A static server: / the page, /cesium/ Cesium's build, /data/ the run outputs. */
function serve(data: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const file =
      path === "/"
        ? PAGE
        : path.startsWith("/cesium/")
          ? under(CESIUM, path.slice("/cesium/".length))
          : path.startsWith("/data/")
            ? under(data, path.slice("/data/".length))
            : null;
    try {
      if (!file) throw new Error("outside");
      const body = readFileSync(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

type Lla = [number, number, number];
interface Entity {
  id: string;
  name: string | null;
  label: string | null;
  availability?: { start_s: number; stop_s: number };
  samples?: { t_s: number; at: Lla | null }[];
  at?: Lla | null;
  polyline?: (Lla | null)[];
  ellipse?: { semiMajorAxis: number; height: number; extrudedHeight: number; alpha: number };
}
interface Loaded {
  name: string;
  clock: { start_s: number; stop_s: number };
  entities: Entity[];
}

const FRACTIONS = [0, 0.25, 0.5, 0.75, 1];

describeBrowser("CZML outputs in CesiumJS", () => {
  const dir = mkdtempSync(join(tmpdir(), "standoff-czml-"));
  let browser: Browser;
  let page: Page;
  let server: Server;
  let terrain: ElevationGrid;
  const errors: string[] = [];
  const refused: string[] = [];

  beforeAll(async () => {
    // The real command, in process: what a user's `standoff run` writes.
    for (const [name, out] of [
      ["layered-defence.yaml", "layered"],
      ["salvo-tot.yaml", "salvo"],
      ["salvo-saturation.yaml", "saturation"],
    ]) {
      const io = captureOutput();
      const code = await main(["run", example(name), "--out", join(dir, out)], io);
      if (code !== 0) throw new Error(`standoff run ${name}: ${io.stderr.join("\n")}`);
    }
    const file = example("layered-defence.yaml");
    const s = loadScenarioFile(file);
    if (s.kind !== "mission") throw new Error("not a mission");
    const grid = await terrainFromScenario(s, file);
    if (!grid) throw new Error("no terrain");
    terrain = grid;

    const served = await serve(dir);
    server = served.server;
    browser = await launchBrowser(WEBGL_ARGS);
    page = await browser.newPage({ viewport: { width: 960, height: 600 } });
    page.on("console", (msg) => {
      if (msg.type() === "error") errors.push(msg.text());
    });
    page.on("pageerror", (err) => errors.push(String(err)));
    // Offline: only the local server answers.
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(served.origin) || url.startsWith("data:") || url.startsWith("blob:")) {
        return route.continue();
      }
      refused.push(url);
      return route.abort();
    });
    await page.goto(`${served.origin}/`, { waitUntil: "load" });
    await page.waitForFunction("window.viewerReady === true", undefined, { timeout: 20_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => (server ? server.close(r) : r(null)));
    rmSync(dir, { recursive: true, force: true });
  });

  /** Load a CZML file in the page; `showAt` (fraction of its clock) also shows it there. */
  async function load(rel: string, showAt: number | null = null): Promise<Loaded> {
    const args = [`/data/${rel}`, DEFAULT_EPOCH, FRACTIONS, showAt].map((a) => JSON.stringify(a));
    return (await page.evaluate(`window.inspectCzml(${args.join(", ")})`)) as Loaded;
  }

  async function screenshot(name: string): Promise<void> {
    await page.evaluate("window.frames_(2)");
    mkdirSync(ARTIFACTS, { recursive: true });
    const png = join(ARTIFACTS, name);
    await page.screenshot({ path: png });
    expect(statSync(png).size).toBeGreaterThan(20_000);
  }

  const ground = (lon: number, lat: number) => terrain.heightAt(lat, lon);

  it("loads the layered run with its names, sites, envelopes and geodetic heights", async () => {
    const doc = await load("layered/trajectory.czml", 0.6);
    const byId = new Map(doc.entities.map((e) => [e.id, e]));
    expect(doc.name).toBe("Notional low-level strike into a layered air defence");

    // The scenario's own names in the labels.
    const labels = doc.entities.map((e) => e.label);
    for (const name of [
      "release (F-16-class aircraft)",
      "notional aimpoint",
      "coast-in",
      "south valley",
      "initial point",
      "search radar (search radar)",
      "long-range SAM (long-range-sam)",
      "medium-range SAM (medium-range-sam)",
      "point defence (short-range-sam)",
    ]) {
      expect(labels).toContain(name);
    }

    // The missile from the epoch (launch time 0) to its last sample, always somewhere, never
    // below the terrain under it.
    const missile = byId.get("missile");
    expect(missile?.availability?.start_s).toBeCloseTo(0, 6);
    expect(doc.clock.stop_s).toBeCloseTo(missile?.availability?.stop_s ?? Number.NaN, 6);
    for (const s of missile?.samples ?? []) {
      expect(s.at).not.toBeNull();
      const [lon, lat, h] = s.at ?? [Number.NaN, Number.NaN, Number.NaN];
      expect([lon, lat, h].every(Number.isFinite)).toBe(true);
      expect(h).toBeGreaterThan(ground(lon, lat) - 1);
    }
    const summary = JSON.parse(readFileSync(join(dir, "layered", "summary.json"), "utf8"));
    expect(missile?.availability?.stop_s).toBeGreaterThanOrEqual(summary.flight_time_s - 1e-3);

    // Waypoints 90 m above the terrain under them, as the scenario asks, not 90 m above the
    // ellipsoid; the planned route likewise past the descent from the release.
    for (const id of ["waypoint-1", "waypoint-2", "waypoint-3"]) {
      const [lon, lat, h] = byId.get(id)?.at ?? [Number.NaN, Number.NaN, Number.NaN];
      expect(h - ground(lon, lat)).toBeCloseTo(90, 0);
    }
    const route = (byId.get("planned-route")?.polyline ?? []).filter((p) => p !== null);
    expect(route.length).toBeGreaterThan(100);
    for (const [lon, lat, h] of route.slice(1)) expect(h - ground(lon, lat)).toBeGreaterThan(-1);

    // Each SAM's engagement envelope round its site, translucent; the search radar has none.
    for (const [site, range_m] of [
      ["site-2", 200_000],
      ["site-3", 42_000],
      ["site-4", 12_000],
    ] as const) {
      const env = byId.get(`${site}-envelope`)?.ellipse;
      expect(env?.semiMajorAxis).toBe(range_m);
      expect(env?.alpha).toBeGreaterThan(0);
      expect(env?.alpha).toBeLessThan(0.5);
      const [lon, lat, h] = byId.get(site)?.at ?? [Number.NaN, Number.NaN, Number.NaN];
      expect(h).toBeCloseTo(ground(lon, lat), 0);
    }
    expect(byId.has("site-1-envelope")).toBe(false);

    await screenshot("czml-layered.png");
    expect(errors).toEqual([]);
    expect(refused).toEqual([]);
  }, 60_000);

  it("puts the salvo's missiles on one clock, each from its launch time", async () => {
    const salvo = JSON.parse(readFileSync(join(dir, "salvo", "salvo.json"), "utf8")) as {
      missiles: { name: string; folder: string; launch_s: number; simulated_tot_s: number }[];
    };
    // Each missile's own file starts at its launch time too.
    for (const m of salvo.missiles) {
      const own = await load(`salvo/${m.folder}/trajectory.czml`);
      const e = own.entities.find((x) => x.id === "missile");
      expect(e?.availability?.start_s).toBeCloseTo(m.launch_s, 1);
    }

    // All of them on one timeline, shown just before the last arrival.
    const doc = await load("salvo/salvo.czml", 0.97);
    const byId = new Map(doc.entities.map((e) => [e.id, e]));
    const labels = doc.entities.map((e) => e.label);
    for (const name of [
      "release (Viper 1, F-16-class aircraft)",
      "release (Viper 2, F-16-class aircraft)",
      "aimpoint A",
      "aimpoint B",
    ]) {
      expect(labels).toContain(name);
    }
    expect(new Set(salvo.missiles.map((m) => m.launch_s)).size).toBeGreaterThan(1);
    for (const m of salvo.missiles) {
      const e = byId.get(m.folder);
      expect(e?.label).toBe(m.name);
      // Launch and arrival at their times on the salvo's clock (salvo.json rounds to 0.01 s).
      expect(e?.availability?.start_s).toBeCloseTo(m.launch_s, 1);
      expect(e?.availability?.stop_s).toBeCloseTo(m.simulated_tot_s, 1);
      for (const s of e?.samples ?? []) {
        const [lon, lat, h] = s.at ?? [Number.NaN, Number.NaN, Number.NaN];
        expect(h).toBeGreaterThan(ground(lon, lat) - 1);
      }
    }
    // The arrivals bunch: the clock ends with the last one, within the 30 s window of the first.
    const tots = salvo.missiles.map((m) => m.simulated_tot_s);
    expect(Math.max(...tots) - Math.min(...tots)).toBeLessThanOrEqual(30);
    expect(doc.clock.stop_s).toBeCloseTo(Math.max(...tots), 1);
    expect(doc.clock.start_s).toBeCloseTo(Math.min(...salvo.missiles.map((m) => m.launch_s)), 1);

    await screenshot("czml-salvo.png");
    expect(errors).toEqual([]);
    expect(refused).toEqual([]);
  }, 60_000);

  it("shows every interceptor of a defended salvo from its launch to the end of its engagement", async () => {
    const log = JSON.parse(readFileSync(join(dir, "saturation", "engagement.json"), "utf8")) as {
      events: { t_s: number; kind: string; interceptors?: number }[];
      sites: { shots: number; kills: number }[];
    };
    const doc = await load("saturation/salvo.czml", 0.93);
    const interceptors = doc.entities.filter((e) => e.id.startsWith("interceptor-"));
    const fired = log.sites.reduce((n, s) => n + s.shots, 0);
    expect(interceptors.length).toBe(fired);
    // Each from a shot's time (engagement.json rounds to 1 ms), in firing order.
    const launches = log.events
      .filter((e) => e.kind === "shot")
      .flatMap((e) => Array<number>(e.interceptors ?? 0).fill(e.t_s));
    interceptors.forEach((e, i) => {
      expect(e.availability?.start_s).toBeCloseTo(launches[i], 2);
      expect(e.availability?.stop_s ?? 0).toBeGreaterThan(e.availability?.start_s ?? 0);
    });
    // A kill marker per flyer shot down, and every member from its own launch.
    const salvo = JSON.parse(readFileSync(join(dir, "saturation", "salvo.json"), "utf8")) as {
      missiles: { folder: string; launch_s: number; killed_by: string | null }[];
    };
    const kills = doc.entities.filter((e) => e.id.startsWith("kill-"));
    expect(kills.length).toBe(salvo.missiles.filter((m) => m.killed_by !== null).length);
    for (const m of salvo.missiles) {
      const e = doc.entities.find((x) => x.id === m.folder);
      expect(e?.availability?.start_s).toBeCloseTo(m.launch_s, 1);
    }
    await screenshot("czml-saturation.png");
    expect(errors).toEqual([]);
    expect(refused).toEqual([]);
  }, 60_000);
});
