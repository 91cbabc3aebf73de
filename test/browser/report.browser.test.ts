import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { SampleTable } from "../../src/core/sample-table.js";
import { renderReport } from "../../src/report/html-report.js";
import type { MissionReportInput } from "../../src/report/report-data.js";
import { describeBrowser, launchBrowser, openReport } from "./browser.js";

/** 20,000 samples of a dogleg flight with three phases, so the ground track doubles back in x. */
function mission(): MissionReportInput {
  const n = 20_000;
  const samples = new SampleTable(
    ["t_s", "lat_deg", "lon_deg", "alt_m", "mach", "fuel_kg", "thrust_n", "phase"],
    n,
  );
  for (let i = 0; i < n; i++) {
    const f = i / (n - 1);
    const phase = f < 0.05 ? 0 : f < 0.9 ? 1 : 2;
    const lon = f < 0.6 ? 10 + 5 * f : 13 - 2 * (f - 0.6);
    const lat = f < 0.6 ? 40 + 0.5 * f : 40.3 + 4 * (f - 0.6);
    const alt =
      phase === 0 ? 9000 - f * 178_000 : phase === 1 ? 100 : 100 + 2000 * Math.sin(10 * (f - 0.9));
    samples.push([
      i * 0.15,
      lat,
      lon,
      alt,
      0.72 + 0.04 * Math.sin(8 * f),
      480 - 400 * f,
      3000,
      phase,
    ]);
  }
  return {
    title: "Browser test <flight> & checks",
    scenarioFile: "examples/browser.yaml",
    generator: "standoff 0.1.0",
    samples,
    phaseNames: ["release", "cruise", "terminal"],
    events: [
      { t_s: 150, kind: "phase", message: "Cruise begins." },
      { t_s: 2699.9, kind: "ground_impact", message: "Impact <near> the aimpoint." },
    ],
    summary: [
      { label: "flight time", value: 2999.85, unit: "s" },
      { label: "ground range", value: 612.345, unit: "km" },
      { label: "outcome", value: "ground_impact" },
    ],
    launch: { name: "launch", lat_deg: 40, lon_deg: 10, alt_m: 9000 },
    waypoints: [{ name: "WP1", lat_deg: 40.3, lon_deg: 13, alt_m: 100 }],
    aimpoint: { name: "target", lat_deg: 41.9, lon_deg: 12.2, alt_m: 0 },
    limitations: ["Flat Earth gravity above 20 km is not modelled.", "No terrain."],
  };
}

const dir = mkdtempSync(join(tmpdir(), "standoff-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeBrowser("HTML report in a real browser", () => {
  it("renders four charts from file:// with no network and no console errors", async () => {
    const file = join(dir, "report.html");
    writeFileSync(file, renderReport(mission()));

    const browser = await launchBrowser();
    try {
      const { page, errors, requests } = await openReport(browser, file, 4);
      const titles = await page.locator(".uplot .u-title").allTextContents();
      expect(titles).toEqual(["Altitude", "Mach number", "Fuel remaining", "Ground track"]);
      expect(await page.title()).toBe("Browser test <flight> & checks");

      const png = join(dir, "report.png");
      await page.screenshot({ path: png, fullPage: true });
      expect(statSync(png).size).toBeGreaterThan(10_000);

      expect(errors).toEqual([]);
      expect(requests.length).toBeGreaterThan(0);
      for (const url of requests) expect(url).toMatch(/^(file|data):/);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
