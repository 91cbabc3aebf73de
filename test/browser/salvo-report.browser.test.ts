/**
 * The salvo report (report.html at the top of a salvo's output folder) in Chromium: the map with
 * every flyer's track by fate and the kills, one engagement timeline per SAM site, the leak/kill
 * tables. The example salvo is flown once; two synthetic launch aircraft (one shot down) stand in
 * for the aircraft the salvo world will fly, so the page is tested with every kind of flyer.
 */

import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { executeRun } from "../../src/engine/execute-run.js";
import { salvoEngagementView } from "../../src/engine/salvo-report-data.js";
import { writeSalvoReport } from "../../src/io/salvo-report-output.js";
import { syntheticAircraft } from "../fixtures/synthetic-aircraft.js";
import { describeBrowser, launchBrowser } from "./browser.js";

const root = new URL("../../", import.meta.url).pathname;
const ARTIFACTS = join(root, "test-artifacts");
const dir = mkdtempSync(join(tmpdir(), "standoff-salvo-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeBrowser("salvo report in a real browser", () => {
  it("draws the map by fate, a timeline per site and the leak/kill tables", async () => {
    const run = await executeRun(join(root, "examples", "salvo-saturation.yaml"), {
      sampleDt_s: 1,
    });
    if (run.kind !== "salvo") throw new Error("not a salvo");
    const aircraft = [
      syntheticAircraft({
        name: "Viper 1",
        lat_deg: -28.35,
        lon_deg: -18.55,
        killedBy: "long-range SAM",
        killedAt_s: 180,
      }),
      syntheticAircraft({ name: "Viper 2", lat_deg: -28.05, lon_deg: -18.55 }),
    ];
    const world = { ...run, aircraft };
    const view = salvoEngagementView(world);
    const file = writeSalvoReport(
      dir,
      {
        title: run.scenario.name,
        generator: "standoff test",
        scenarioFile: run.file,
        flights: run.flights.map((f) => ({ params: f.missile.params, result: f.result })),
        aircraft,
        defence: run.defence,
        limitations: ["A test page."],
      },
      view,
    );
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(String(e)));
      page.on("request", (r) => requests.push(r.url()));
      await page.goto(`file://${file}`, { waitUntil: "load" });

      // The map: terrain image, one track per flyer (6 members, 2 aircraft), kill marks.
      const map = page.locator("#map svg.terrain-map");
      expect(await map.count()).toBe(1);
      expect(await map.locator("image").count()).toBeGreaterThan(0);
      expect(await map.locator("g.extra-track").count()).toBe(8);
      const kills = view.flyers.filter((f) => f.fate === "killed" || f.fate === "aircraft killed");
      expect(kills.length).toBeGreaterThan(1);
      expect(await map.locator('g.ev[data-kind="kill"]').count()).toBe(kills.length);
      const legend = await map.locator("g.legend").textContent();
      for (const fate of ["arrived", "killed", "decoy", "aircraft survived", "aircraft killed"])
        expect(legend).toContain(fate);

      // A timeline per SAM site, each with a drawn busy line that rises above zero.
      const charts = page.locator("svg.site-timeline");
      expect(await charts.count()).toBe(3);
      for (let i = 0; i < 3; i++) {
        const box = await charts.nth(i).locator("polyline.busy").boundingBox();
        expect(box?.height ?? 0).toBeGreaterThan(5);
        expect(await charts.nth(i).locator("polyline.left").count()).toBe(1);
      }

      // The tables: a row per flyer and per site.
      expect(await page.locator("table.flyers tbody tr").count()).toBe(8);
      expect(await page.locator("table.sites tbody tr").count()).toBe(3);

      mkdirSync(ARTIFACTS, { recursive: true });
      const png = join(ARTIFACTS, "salvo-report.png");
      await page.screenshot({ path: png, fullPage: true });
      expect(statSync(png).size).toBeGreaterThan(50_000);
      // Close-ups to read: the target area and the timelines at full size.
      await page
        .locator("#target-map")
        .screenshot({ path: join(ARTIFACTS, "salvo-target-map.png") });
      await page.locator("#timelines").screenshot({ path: join(ARTIFACTS, "salvo-timelines.png") });
      expect(errors).toEqual([]);
      expect(requests.every((u) => u.startsWith("file:") || u.startsWith("data:"))).toBe(true);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
