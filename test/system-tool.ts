/**
 * Tests that need a system program (GDAL's tools, say): they run where it is installed; without it
 * they skip with one line saying how to install it, except in CI (CI=true), where a missing program
 * means those tests silently stopped testing anything, so the run fails instead.
 */

import { spawnSync } from "node:child_process";

/** Whether CI is set the way CI services set it ("true", "1"; not "", "0" or "false"). */
export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const v = (env.CI ?? "").trim().toLowerCase();
  return v !== "" && v !== "0" && v !== "false";
}

/** "run" when present; else "skip" (with the install line printed once) or, in CI, an Error. */
export function toolMode(
  tool: string,
  install: string,
  present: boolean,
  env: Readonly<Record<string, string | undefined>> = process.env,
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): "run" | "skip" {
  if (present) return "run";
  const line = `${tool} not found: install it with \`${install}\``;
  if (isCi(env))
    throw new Error(`tests that need ${tool} cannot run in CI (CI=${env.CI}): ${line}`);
  warn(`tests skipped: ${line}`);
  return "skip";
}

/** Whether a program runs (`tool --version` exits 0). */
export function hasProgram(tool: string): boolean {
  return spawnSync(tool, ["--version"]).status === 0;
}
