/**
 * Page load of `standoff serve` on localhost with the production build (dist/web, `npm run build`):
 * a fresh browser context per trial (no cache), time from navigation to a page a user can work
 * in — the editor drawn, the map's style loaded and the example list filled — in headless
 * Chromium with software WebGL. Target: under 2 s (issue 20). Skipped without Chromium.
 */

import { existsSync } from "node:fs";
import { join } from "node:path";
import { buildApp } from "../src/server/app.js";
import { availability, launchBrowser } from "../test/browser/browser.js";

/** Median and trials of the page load, ms; null when Chromium or the build is missing. */
export async function benchWebPageLoad(
  trials = 7,
): Promise<{ median_ms: number; trials_ms: number[]; load_ms: number[] } | null> {
  const root = new URL("../", import.meta.url).pathname;
  if (availability.mode !== "run" || !existsSync(join(root, "dist", "web", "index.html"))) {
    console.log("web page load: skipped (needs Chromium and `npm run build`)");
    return null;
  }
  const app = await buildApp();
  await app.listen({ port: 0, host: "127.0.0.1" });
  const addr = app.server.address();
  const origin = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  const browser = await launchBrowser([
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
    "--ignore-gpu-blocklist",
  ]);
  const ready: number[] = [];
  const load: number[] = [];
  try {
    for (let i = 0; i < trials + 1; i++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${origin}/`, { waitUntil: "load" });
      const tLoad = performance.now() - t0;
      await page.waitForFunction(
        "document.querySelector('.cm-editor') && window.standoff && window.standoff.map.map.isStyleLoaded() && document.querySelectorAll('#examples option').length > 1",
        undefined,
        { timeout: 30_000, polling: 10 },
      );
      const tReady = performance.now() - t0;
      await context.close();
      // The first trial warms the server's caches (example list) and is not counted.
      if (i > 0) {
        ready.push(tReady);
        load.push(tLoad);
      }
    }
  } finally {
    await browser.close();
    await app.close();
  }
  const sorted = [...ready].sort((a, b) => a - b);
  const median_ms = sorted[Math.floor(sorted.length / 2)];
  console.log("\nweb app page load (production build, localhost, fresh context, software WebGL)");
  console.log(`  median   ${median_ms.toFixed(0)} ms to a usable page (target < 2000 ms)`);
  console.log(`  trials   ${ready.map((v) => v.toFixed(0)).join(", ")} ms`);
  console.log(`  load event ${load.map((v) => v.toFixed(0)).join(", ")} ms`);
  return { median_ms, trials_ms: ready, load_ms: load };
}
