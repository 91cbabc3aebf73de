/**
 * Serving a job's files without ever leaving its folder: the requested path is resolved, its real
 * path (symbolic links followed) must lie inside the real folder, and it must be a regular file.
 */

import { realpathSync, statSync } from "node:fs";
import { extname, isAbsolute, resolve, sep } from "node:path";

/** Content types of the files jobs write. */
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".geojson": "application/geo+json; charset=utf-8",
  ".czml": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".yaml": "text/yaml; charset=utf-8",
  ".yml": "text/yaml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
};

/** The content type for a file name. */
export function contentType(name: string): string {
  return TYPES[extname(name).toLowerCase()] ?? "application/octet-stream";
}

/** The absolute path of `rel` inside `root` if it is a regular file there; otherwise null. */
export function fileInside(root: string, rel: string): string | null {
  if (rel.includes("\0") || isAbsolute(rel)) return null;
  let realRoot: string;
  let real: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(resolve(realRoot, rel));
  } catch {
    return null;
  }
  if (!real.startsWith(realRoot + sep)) return null;
  const st = statSync(real, { throwIfNoEntry: false });
  return st?.isFile() ? real : null;
}
