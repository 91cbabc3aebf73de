/**
 * One place for the browser tests' Chromium: where it is, how it is launched, and whether a test
 * run without it skips the browser tests (a developer's machine) or fails (CI, where a missing
 * browser means the browser tests silently stopped testing anything).
 */

import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { describe } from "vitest";
import { isCi } from "../system-tool.js";

/** Debian's chromium package (`apt-get install chromium`); STANDOFF_CHROMIUM overrides it. */
const DEFAULT_CHROMIUM = "/usr/bin/chromium";

/** Headless, offline, no first-run or background traffic: a page can only reach what it is served. */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** How the browser tests run: "run" with Chromium, "skip" without it, "fail" without it in CI. */
export type BrowserAvailability =
  | { readonly mode: "run"; readonly executable: string }
  | { readonly mode: "skip" | "fail"; readonly reason: string };

/** The one line telling a user why the browser tests cannot run and how to get them back. */
export function missingBrowserMessage(executable: string): string {
  return `${executable} not found: install Chromium (Debian: apt-get install chromium) or set STANDOFF_CHROMIUM to a Chromium binary`;
}

/**
 * Decide how the browser tests run from the environment and a file-existence check (injected so
 * the decision is testable without a browser).
 */
export function browserAvailability(
  env: Readonly<Record<string, string | undefined>>,
  exists: (path: string) => boolean,
): BrowserAvailability {
  const executable = env.STANDOFF_CHROMIUM || DEFAULT_CHROMIUM;
  if (exists(executable)) return { mode: "run", executable };
  const reason = missingBrowserMessage(executable);
  return isCi(env)
    ? { mode: "fail", reason: `browser tests cannot run in CI (CI=${env.CI}): ${reason}` }
    : { mode: "skip", reason: `browser tests skipped: ${reason}` };
}

/** This process's decision. */
export const availability = browserAvailability(process.env, existsSync);

let warned = false;

/**
 * describe() for tests that need Chromium: runs them when it is there; without it, skips them
 * with one line on stderr, or (in CI) fails the run.
 */
export function describeBrowser(name: string, body: () => void): void {
  const a = availability;
  if (a.mode === "run") {
    describe(name, body);
    return;
  }
  if (a.mode === "fail") throw new Error(a.reason);
  if (!warned) {
    warned = true;
    process.stderr.write(`${a.reason}\n`);
  }
  describe.skip(name, body);
}

/** Launch the headless Chromium the tests use, with any extra flags (only inside describeBrowser). */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  if (availability.mode !== "run") throw new Error(availability.reason);
  return chromium.launch({
    executablePath: availability.executable,
    args: [...ARGS, ...extraArgs],
  });
}

/** A page opened on a local report, with what it logged and requested. */
export interface OpenedReport {
  readonly page: Page;
  /** Console errors and warnings, and uncaught page errors. */
  readonly errors: string[];
  /** Every URL the page requested (a self-contained report asks only file: and data:). */
  readonly requests: string[];
}

/** Open an HTML report from file:// and wait until `charts` uPlot charts have drawn. */
export async function openReport(
  browser: Browser,
  file: string,
  charts: number,
): Promise<OpenedReport> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  page.on("request", (req) => requests.push(req.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  // A string, not a function: the project compiles without DOM types.
  await page.waitForFunction(
    `[...document.querySelectorAll(".uplot")].filter((r) => {
       const c = r.querySelector("canvas");
       return c !== null && c.width > 0 && c.height > 0;
     }).length === ${charts}`,
    undefined,
    { timeout: 20_000 },
  );
  return { page, errors, requests };
}
