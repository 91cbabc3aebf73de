// Bundles what a process loads at start into few files, after tsc has written dist/:
//
// - The Monte Carlo worker thread (dist/montecarlo/mc-worker.js and everything it imports, zod and
//   yaml included) into one file. Every thread of every study loads it: resolving and reading its
//   ~240 modules one by one cost each thread about 0.4 s of CPU before its first run, against about
//   0.25 s for the one file (measured with process.cpuUsage; bench/RESULTS.md). The pool uses the
//   bundle when it is there and falls back to the separate modules otherwise (src/montecarlo/pool.ts).
// - The CLI (dist/cli/main.js) into dist/bundle/: main.js and one chunk per group of commands
//   (each command's code still loads only when it runs: its dynamic imports become chunks). A study
//   loads its ~200 modules serially before its threads get work; as chunks that is about 0.1 s less
//   (bench/RESULTS.md). bin/standoff.js uses it when it is there. zod and yaml (pure JavaScript,
//   yaml in ~60 CommonJS files) are bundled too; every other package stays an import of its own,
//   as do packages that find files beside themselves (piscina's worker, cesium, fastify's plugins).
//   dist/bundle/ sits two folders below the package root like every dist/<layer>/, so the paths the
//   code works out from import.meta.url (../../verification/, the package root) hold there too.
import { readFileSync, rmSync } from "node:fs";
import { sep } from "node:path";
import { build } from "esbuild";

// zod re-exports all its ~60 message locales as a namespace (`z.locales`, `z.core.locales`) that
// this project never reads; in a bundle they were 369 kB of the 814 kB of zod that every study's
// main thread and every worker thread compiles at start (importing the worker bundle in a fresh
// process: ~150 ms instead of ~170 ms, 6 runs each). The English messages zod sets as its default
// come from its own import of locales/en.js, which stays.
const zodWithoutLocales = {
  name: "zod-without-locales",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${sep}node_modules${sep}zod${sep}`)
        ? { path: "zod-locales", namespace: "zod-without-locales" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "zod-without-locales" }, () => ({
      contents: "export {};",
      loader: "js",
    }));
  },
};

// yaml is CommonJS and requires Node's built-ins; an ES module bundle has no `require` of its own.
const banner = {
  js: 'import { createRequire as standoffCreateRequire } from "node:module"; const require = standoffCreateRequire(import.meta.url);',
};

await build({
  entryPoints: ["dist/montecarlo/mc-worker.js"],
  outfile: "dist/montecarlo/mc-worker.bundle.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
  banner,
  plugins: [zodWithoutLocales],
});

const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const inlined = new Set(["zod", "yaml"]);
const external = Object.keys(pkg.dependencies).filter((d) => !inlined.has(d));
// Chunk names carry content hashes: a rebuild must not leave an earlier build's chunks behind.
rmSync("dist/bundle", { recursive: true, force: true });
await build({
  entryPoints: ["dist/cli/main.js"],
  outdir: "dist/bundle",
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
  external: [...external, ...external.map((d) => `${d}/*`)],
  banner,
  plugins: [zodWithoutLocales],
});
