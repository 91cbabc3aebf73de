/**
 * The target-area map of a relocating launcher's report in Chromium: the true track, the believed
 * positions, the seeker's footprint and the acquisition are drawn, with no console errors and
 * no network. The screenshot is kept in the test's folder (STANDOFF_SHOTS names another).
 */

import { mkdirSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";
import { describeBrowser, launchBrowser, openReport } from "./browser.js";

const dir = process.env.STANDOFF_SHOTS ?? mkdtempSync(join(tmpdir(), "standoff-target-map-"));
const example = new URL("../../examples/relocating-launcher-updates.yaml", import.meta.url)
  .pathname;

describeBrowser("target-area map in a real browser", () => {
  it("draws the true track, believed positions, footprint and acquisition", async () => {
    mkdirSync(dir, { recursive: true });
    const out = join(dir, "run");
    expect(await main(["run", example, "--out", out], captureOutput())).toBe(0);
    const browser = await launchBrowser();
    try {
      const { page, errors, requests } = await openReport(browser, join(out, "report.html"), 4);
      const map = page.locator(".target-map svg.terrain-map");
      expect(await map.count()).toBe(1);
      const legend = await map.locator("text").allTextContents();
      expect(legend).toContain("target's true track");
      expect(legend).toContain("believed position");
      expect(legend).toContain("seeker footprint at lock");
      expect(await map.locator("g.circle ellipse").count()).toBe(1);
      expect(await map.locator("g.extra-track").count()).toBe(3);
      expect(await map.locator('g.ev[data-kind="acquired"]').count()).toBe(1);
      const box = await map.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(600);
      const png = join(dir, "target-map.png");
      await map.screenshot({ path: png });
      expect(statSync(png).size).toBeGreaterThan(10_000);
      expect(errors).toEqual([]);
      for (const url of requests) expect(url).toMatch(/^(file|data):/);
    } finally {
      await browser.close();
    }
  }, 90_000);
});
