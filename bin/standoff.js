#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run automatically by `npm ci`),
// and bundled into dist/bundle/ (scripts/bundle.mjs: a study's set-up loads ~0.1 s sooner); the
// separate modules serve when the bundle is missing (a tsc-only build).
import { existsSync } from "node:fs";

const bundled = new URL("../dist/bundle/main.js", import.meta.url);
const { main } = await import(existsSync(bundled) ? bundled.href : "../dist/cli/main.js");

process.exitCode = await main(process.argv.slice(2));
