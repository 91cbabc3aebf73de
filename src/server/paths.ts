/** Where the web app's files live: the package root, its built page, Cesium's build, the examples. */

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The standoff package's root folder (the one holding its package.json), from src/ or dist/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      const name = (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name;
      if (name === "standoff") return dir;
    }
    dir = dirname(dir);
  }
  throw new Error("standoff serve: cannot find the standoff package root");
}

/** The folders the server reads from. */
export interface AppPaths {
  /** The Vite build of web/ (index.html and assets). */
  readonly web: string;
  /** node_modules/cesium/Build/Cesium: CesiumJS, its workers, widgets and NaturalEarthII imagery. */
  readonly cesium: string;
  /** The bundled example scenarios. */
  readonly examples: string;
  /** bin/standoff.js, run as a child process for each job. */
  readonly cli: string;
}

/** The default folders, under the package root. */
export function defaultPaths(root = packageRoot()): AppPaths {
  return {
    web: join(root, "dist", "web"),
    cesium: join(root, "node_modules", "cesium", "Build", "Cesium"),
    examples: join(root, "examples"),
    cli: join(root, "bin", "standoff.js"),
  };
}
