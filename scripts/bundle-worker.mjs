// Bundles the Monte Carlo worker thread (dist/montecarlo/mc-worker.js and everything it imports,
// zod and yaml included) into one file. Every thread of every study loads it: resolving and reading
// its ~240 modules one by one cost each thread about 0.4 s of CPU before its first run, against
// about 0.25 s for the one file (measured with process.cpuUsage; bench/RESULTS.md). The pool uses
// the bundle when it is there and falls back to the separate modules otherwise (src/montecarlo/pool.ts).
import { build } from "esbuild";

await build({
  entryPoints: ["dist/montecarlo/mc-worker.js"],
  outfile: "dist/montecarlo/mc-worker.bundle.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
  // yaml is CommonJS and requires Node's built-ins; an ES module bundle has no `require` of its own.
  banner: {
    js: 'import { createRequire as standoffCreateRequire } from "node:module"; const require = standoffCreateRequire(import.meta.url);',
  },
});
