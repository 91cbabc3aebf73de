import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { stringify } from "yaml";
import { computeLarFile } from "../../src/engine/lar.js";
import { writeLarOutputs } from "../../src/io/lar-outputs.js";
import { LAR_COLORS } from "../../src/report/lar-report.js";
import { describeBrowser, launchBrowser } from "./browser.js";

/**
 * The launch acceptability region report in Chromium: it loads with no console error and no
 * request beyond the file itself, draws one map per release condition with the three region
 * outlines in their colours, the SAM with its two rings and the aircraft's track, and its table
 * names the recommended point. A screenshot is kept next to the report for a person to look at.
 */

const tmp = mkdtempSync(join(tmpdir(), "standoff-lar-browser-"));
let browser: Awaited<ReturnType<typeof launchBrowser>>;

describeBrowser("LAR report in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows the regions, the SAM and the recommended flight", async () => {
    const file = join(tmp, "lar.yaml");
    writeFileSync(
      file,
      stringify({
        kind: "mission",
        name: "LAR <browser> & check",
        launch: { lat_deg: 29.2, lon_deg: 9.3, alt_m: 6000, mach: 0.8, heading_deg: 45 },
        missile: { preset: "agm158a-class", overrides: { fuel_kg: 25 } },
        route: { cruise: { alt_m: 300, mach: 0.7 } },
        target: { lat_deg: 30.0, lon_deg: 10.0, elevation_m: 0 },
        air_defence: {
          sites: [
            {
              name: "SAM",
              preset: "medium-range-sam",
              lat_deg: 30.05,
              lon_deg: 10.05,
              network: "n",
            },
          ],
        },
        planning: {
          no_fly: [
            {
              name: "box",
              polygon: [
                [29.4, 9.6],
                [29.4, 9.8],
                [29.55, 9.8],
                [29.55, 9.6],
              ],
            },
          ],
        },
        lar: {
          cell_km: 2,
          releases: [
            { alt_m: 6000, mach: 0.8 },
            { alt_m: 9000, mach: 0.85 },
          ],
        },
      }),
    );
    const r = await computeLarFile(file);
    const [, , html] = writeLarOutputs(tmp, r, "standoff test");
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("request", (q) => requests.push(q.url()));
    await page.goto(`file://${html}`, { waitUntil: "load" });
    expect(errors).toEqual([]);
    expect(requests.every((u) => u.startsWith("file:") || u.startsWith("data:"))).toBe(true);
    expect(await page.locator("section.lar-condition").count()).toBe(2);
    expect(await page.locator("section.lar-condition .map").count()).toBe(2);
    for (const color of [LAR_COLORS.missile, LAR_COLORS.aircraft, LAR_COLORS.acceptable]) {
      expect(await page.locator(`polyline[stroke="${color}"]`).count()).toBeGreaterThanOrEqual(2);
    }
    const text = (await page.locator("body").textContent()) ?? "";
    expect(text).toContain("recommended release");
    expect(text).toContain("margin to SAM");
    expect(text).toContain("LAR <browser> & check");
    // The map's SVG has a non-trivial size on the page.
    const box = await page.locator("section.lar-condition .map svg").first().boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(500);
    await page.screenshot({ path: join(tmp, "lar.png"), fullPage: true });
    if (process.env.LAR_SHOT)
      writeFileSync(process.env.LAR_SHOT, readFileSync(join(tmp, "lar.png")));
    expect(readFileSync(join(tmp, "lar.png")).length).toBeGreaterThan(10_000);
    await page.close();
  }, 120_000);
});
