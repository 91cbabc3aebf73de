/**
 * The web app's page (web/) built by Vite into dist/web, served by `standoff serve`. CesiumJS is
 * not bundled: replay.html (the 3-D tab's frame) loads its prebuilt Build/Cesium (served at
 * /cesium/) when the tab opens, so the first page load stays small.
 */

import { defineConfig } from "vite";

export default defineConfig({
  root: "web",
  base: "/",
  logLevel: "warn",
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
    // Two pages: the workspace and the 3-D replay its tab frames.
    rollupOptions: { input: { main: "web/index.html", replay: "web/replay.html" } },
  },
  server: {
    // `npx vite` during development: the API from a `standoff serve` on 8080.
    proxy: { "/api": "http://127.0.0.1:8080", "/cesium": "http://127.0.0.1:8080" },
  },
});
