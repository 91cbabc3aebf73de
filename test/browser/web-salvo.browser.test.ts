/**
 * A salvo in `standoff serve`'s page, as an analyst drives it: run the saturation example, see
 * every flyer (missiles and decoys) on the salvo timeline with the SAM shots and kills marked,
 * then move the time slider and see the flyers in the air move on the map with the timeline's
 * cursor; run it again and see the two runs side by side. Screenshots go to test-artifacts/.
 */

import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import { describeBrowser, launchBrowser } from "./browser.js";

const root = new URL("../../", import.meta.url).pathname;
const ARTIFACTS = join(root, "test-artifacts");
const WEBGL_ARGS = [
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
  "--ignore-gpu-blocklist",
];

describeBrowser("a salvo in standoff serve", () => {
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    for (const f of ["dist/web/index.html", "dist/cli/main.js"])
      if (!existsSync(join(root, f))) throw new Error(`${f} is missing: run npm run build first`);
    app = await buildApp();
    await app.listen({ port: 0, host: "127.0.0.1" });
    const addr = app.server.address();
    const origin = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    browser = await launchBrowser(WEBGL_ARGS);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().includes("GL Driver Message")) errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.goto(`${origin}/`, { waitUntil: "load" });
    await page.waitForFunction("document.querySelectorAll('#examples option').length > 5");
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function shot(name: string): Promise<void> {
    const png = join(ARTIFACTS, name);
    await page.screenshot({ path: png });
    expect(statSync(png).size).toBeGreaterThan(20_000);
  }

  it("shows every flyer's launch, the shots at it and its end, and moves them with the slider", async () => {
    await page.selectOption("#examples", "salvo-saturation.yaml");
    await page.waitForSelector(".marker[data-role=aircraft]", { timeout: 20_000 });
    await page.waitForFunction("!document.querySelector('button[data-kind=run]').disabled");
    await page.click("button[data-kind=run]");
    await page.waitForSelector(".result-title[data-status=done]", { timeout: 120_000 });
    await page.waitForSelector(".salvo-timeline svg", { timeout: 30_000 });
    // Four missiles and two decoys, each a bar; SAM shots and kills from engagement.json.
    const bars = await page.$$eval(".salvo-timeline rect[data-flyer]", (els) =>
      els.map((e) => e.getAttribute("data-flyer")),
    );
    expect(bars).toEqual(["M1", "M2", "M3", "M4", "D1", "D2"]);
    // Shots and kills as the defence logged them (engagement.json), launch and arrival times from
    // salvo.json: both read from the job's own files, as a user would download them.
    const files = (await page.evaluate(`(async () => {
      const href = [...document.querySelectorAll("a[href*='/files/']")].map((a) => a.getAttribute("href")).find((h) => h.includes("/api/jobs/"));
      const base = href.slice(0, href.indexOf("/files/"));
      const get = (f) => fetch(base + "/files/" + f).then((r) => r.json());
      return { eng: await get("engagement.json"), salvo: await get("salvo.json") };
    })()`)) as {
      eng: { events: { kind: string; flyer: string }[] };
      salvo: {
        missiles: { launch_s: number; simulated_tot_s: number | null }[];
        aircraft: { name: string }[];
      };
    };
    // The timeline has a row per member; shots at the launch aircraft are not on it.
    const aircraft = new Set(files.salvo.aircraft.map((a) => a.name));
    const member = (e: { flyer: string }) => !aircraft.has(e.flyer);
    const shots = files.eng.events.filter((e) => e.kind === "shot" && member(e)).length;
    const kills = files.eng.events.filter((e) => e.kind === "killed" && member(e)).length;
    expect(shots).toBeGreaterThan(0);
    expect(await page.locator(".salvo-timeline .shot").count()).toBe(shots);
    expect(await page.locator(".salvo-timeline .kill").count()).toBe(kills);
    // After the last launch and 200 s before the first arrival, every flyer is in the air.
    const lastLaunch = Math.max(...files.salvo.missiles.map((m) => m.launch_s));
    const firstEnd = Math.min(
      ...files.salvo.missiles.map((m) => m.simulated_tot_s ?? Number.POSITIVE_INFINITY),
    );
    const tA = Math.ceil(lastLaunch + 20);
    expect(tA + 200).toBeLessThan(firstEnd);
    const cursorX = () =>
      page.$eval(".salvo-timeline .cursor", (e) => Number(e.getAttribute("x1")));
    const x0 = await cursorX();
    await page.locator(".flight-head input[type=range]").fill(String(tA));
    await page.waitForFunction("document.querySelectorAll('.flyer').length === 6");
    const at300 = await page.$$eval(".flyer", (els) =>
      els.map((e) => e.getBoundingClientRect().toJSON() as { left: number; top: number }),
    );
    expect(await cursorX()).toBeGreaterThan(x0 + 100);
    await page.locator(".flight-head input[type=range]").fill(String(tA + 200));
    const at500 = await page.$$eval(".flyer", (els) =>
      els.map((e) => e.getBoundingClientRect().toJSON() as { left: number; top: number }),
    );
    // Flying east at about 250 m/s: 50 km in 200 s, tens of pixels at this zoom.
    for (let k = 0; k < at300.length; k++)
      expect(at500[k].left).toBeGreaterThan(at300[k].left + 10);
    await page.waitForTimeout(300);
    await shot("web-salvo-1-slider.png");
    await page
      .locator(".salvo-timeline")
      .screenshot({ path: join(ARTIFACTS, "web-salvo-2-timeline.png") });
    expect(errors).toEqual([]);
  }, 240_000);

  it("replays the salvo in 3-D: every flyer a point with a short trail, kills and leaks marked", async () => {
    await page.click("button[data-tab=replay]");
    await page.frameLocator("#replay-frame").locator(".cesium-viewer").waitFor({ timeout: 60_000 });
    const replay = page.frames().find((f) => f.url().includes("/replay.html"));
    if (!replay) throw new Error("no replay frame");
    await replay.waitForFunction("window.replayReady === true", undefined, { timeout: 60_000 });
    const ids = (await replay.evaluate(
      "window.replay.viewer.dataSources.get(0).entities.values.map((e) => e.id)",
    )) as string[];
    for (const id of ["m1", "m4", "d1", "d2", "site-2-envelope"]) expect(ids).toContain(id);
    // One kill marker per kill in engagement.json, one marker per flyer that was not shot down and
    // arrived (salvo.czml's own markers, drawn once).
    const eng = (await replay.evaluate(
      "fetch('/api/jobs/' + new URLSearchParams(location.search).get('job') + '/files/engagement.json').then((r) => r.json())",
    )) as { events: { kind: string; flyer: string }[] };
    const killed = eng.events.filter((e) => e.kind === "killed");
    expect(killed.length).toBeGreaterThan(0);
    const marks = (await replay.evaluate(
      "window.replay.viewer.dataSources.get(0).entities.values.filter((e) => /^(kill|arrived|leaked)-/.test(e.id)).map((e) => [e.id, e.name])",
    )) as [string, string][];
    expect(
      marks
        .filter(([id]) => id.startsWith("kill-"))
        .map(([, n]) => n.split(" ")[0])
        .sort(),
    ).toEqual(killed.map((e) => e.flyer).sort());
    expect(marks.filter(([id]) => id.startsWith("arrived-")).length).toBeGreaterThan(0);
    // Labels never overlap: colliding labels are merged by Cesium's clustering (points are not).
    expect(
      await replay.evaluate(
        "(() => { const c = window.replay.viewer.dataSources.get(0).clustering; return c.enabled && c.clusterLabels && !c.clusterPoints; })()",
      ),
    ).toBe(true);
    // Every moving flyer: a point with a short trail, not its whole path.
    const trails = (await replay.evaluate(
      "window.replay.viewer.dataSources.get(0).entities.values.filter((e) => e.path).map((e) => [e.id, e.path.trailTime.getValue(), !!e.point])",
    )) as [string, number, boolean][];
    expect(trails.length).toBeGreaterThanOrEqual(6);
    for (const [, trail, point] of trails) {
      expect(trail).toBeLessThanOrEqual(120);
      expect(point).toBe(true);
    }
    // Near the end, after the kills: pause there and look.
    await replay.evaluate(
      "(() => { const v = window.replay.viewer; v.clock.shouldAnimate = false; v.clock.currentTime = window.Cesium.JulianDate.addSeconds(v.clock.startTime, 700, new window.Cesium.JulianDate()); v.scene.requestRender(); })()",
    );
    await page.waitForTimeout(2000);
    await shot("web-salvo-3-replay.png");
    expect(errors).toEqual([]);
  }, 180_000);
});
