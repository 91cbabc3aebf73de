/** The sweep page in a real browser: three SVG charts with their bands, the table, no errors. */

import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { renderSweepReport } from "../../src/report/sweep-report.js";
import { describeBrowser, launchBrowser } from "./browser.js";

const dir = mkdtempSync(join(tmpdir(), "standoff-sweep-browser-"));

describeBrowser("sweep page in a real browser", () => {
  it("draws three charts with bands and the table, with no errors", async () => {
    const xs = [1, 2, 4, 8];
    const file = join(dir, "sweep.html");
    writeFileSync(
      file,
      renderSweepReport({
        title: "Browser test sweep",
        generator: "standoff test",
        path: "missiles",
        runs: 40,
        seed: 1,
        goal: 0.9,
        reaching: { estimate: 8, lowerBound: null },
        pDestroyed: xs.map((x, i) => ({
          x,
          y: [0.1, 0.4, 0.8, 0.95][i],
          lo: [0.03, 0.26, 0.65, 0.84][i],
          hi: [0.23, 0.55, 0.9, 0.99][i],
        })),
        leaked: xs.map((x) => ({ x, y: x / 3, lo: x / 4, hi: x / 2.5 })),
        interceptors: xs.map((x) => ({ x, y: 8 + x, lo: 7 + x, hi: 9 + x })),
      }),
    );
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
      expect(await page.locator(".chart svg").count()).toBe(3);
      expect(await page.locator(".chart svg polygon").count()).toBe(3);
      expect(await page.locator("tbody tr").count()).toBe(4);
      const png = join(dir, "sweep.png");
      await page.screenshot({ path: png, fullPage: true });
      expect(statSync(png).size).toBeGreaterThan(10_000);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
