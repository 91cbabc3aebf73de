/** Print the shared-world benchmark (also runnable alone: `npx tsx bench/shared-world-print.ts`). */

import { benchSharedWorld } from "./shared-world.bench.js";

/** Run and print it; true when the 24-flyer world meets ≥ 500× real time. */
export async function printSharedWorld(): Promise<boolean> {
  const figs = await benchSharedWorld();
  console.log("\nshared world: salvo vs a 6-site network on the example terrain (one core)");
  for (const f of figs) {
    console.log(
      `  N = ${String(f.flyers).padStart(2)}  ${f.salvo_s.toFixed(0)} s of salvo in ${f.wall_ms.toFixed(0)} ms: ${Math.round(f.realTime).toLocaleString("en-US")}× real time; ${f.usPerFlyerSecond.toFixed(1)} µs per flyer-second (${f.flyer_s.toFixed(0)} flyer-s)`,
    );
  }
  const big = figs[figs.length - 1];
  const one = figs[0];
  console.log(
    `  cost per flyer-second N=24 / N=1: ${(big.usPerFlyerSecond / one.usPerFlyerSecond).toFixed(2)}`,
  );
  const ok = big.realTime >= 500;
  console.log(`  ${ok ? "meets the target" : "MISSES the target"} (≥ 500× real time at N = 24)`);
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) await printSharedWorld();
