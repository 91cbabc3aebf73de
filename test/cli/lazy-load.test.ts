/**
 * Every `standoff` call pays for the modules main.ts loads before it parses its arguments, and a
 * Monte Carlo study pays it serially before its threads start: a command loads only what it runs.
 * bullmq (the Redis queue) only for `worker` and `mc --queue`, fastify only for `serve`, the
 * scenario schemas (zod) not for `--version` or help, the progress bar only when it is drawn. Each
 * case runs the command from source in a child process whose module hooks
 * (test/fixtures/module-log/) record every module it resolves.
 */

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "standoff-lazy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let calls = 0;

/** Run node with the module log and `args`: exit status, stderr, and the modules and packages loaded. */
function logged(args: string[]): {
  code: number | null;
  stderr: string;
  urls: string[];
  packages: Set<string>;
} {
  const log = join(dir, `modules-${calls++}.txt`);
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", "--import", "./test/fixtures/module-log/register.mjs", ...args],
    { encoding: "utf8", env: { ...process.env, STANDOFF_MODULE_LOG: log } },
  );
  const urls = readFileSync(log, "utf8").split("\n");
  const packages = new Set(
    urls.flatMap((u) => {
      const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u);
      return m?.[1] ? [m[1]] : [];
    }),
  );
  return { code: r.status, stderr: r.stderr, urls, packages };
}

/** Run `standoff ARGS` from source (what its main thread loaded: see logged). */
const standoff = (args: string[]) => logged(["test/fixtures/module-log/standoff.ts", ...args]);

describe("standoff loads a command's libraries only when the command runs", () => {
  it("--version loads neither the queue, the server, the scenario schemas nor the progress bar", () => {
    const r = standoff(["--version"]);
    expect(r.code).toBe(0);
    // The hooks saw the program's own imports (commander), so an empty answer is not a false pass.
    expect(r.packages).toContain("commander");
    for (const heavy of ["bullmq", "fastify", "zod", "cli-progress"]) {
      expect(r.packages).not.toContain(heavy);
    }
  });

  it("mc --help loads neither the queue, the server nor the scenario schemas", () => {
    const r = standoff(["mc", "--help"]);
    expect(r.code).toBe(0);
    for (const heavy of ["bullmq", "fastify", "zod"]) expect(r.packages).not.toContain(heavy);
  });

  it("a local mc study loads neither bullmq nor fastify, and its main thread never the engine", () => {
    const out = join(dir, "mc");
    const r = standoff([
      "mc",
      "examples/layered-defence.yaml",
      "--runs",
      "1",
      "--workers",
      "1",
      "--out",
      out,
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.packages).toContain("zod");
    expect(r.packages).toContain("piscina");
    expect(r.packages).not.toContain("bullmq");
    expect(r.packages).not.toContain("fastify");
    // The threads fly the runs (their own loads are not recorded: the pool gives them their own
    // --import); the main thread only coordinates, so it needs no engine and, without a GeoTIFF
    // terrain, no geotiff. The report renderer loads once the runs are done.
    expect(r.urls.some((u) => u.endsWith("/src/montecarlo/runner.ts"))).toBe(true);
    expect(r.urls.some((u) => u.endsWith("/src/report/mc-report.ts"))).toBe(true);
    expect(r.urls.filter((u) => u.endsWith("/src/engine/execute-run.ts"))).toEqual([]);
    expect(r.packages).not.toContain("geotiff");
    // The threads start before the main thread loads the scenario schemas, so they load their own
    // code while it loads zod (resolution order stands for load order: pool.ts creates its threads
    // as soon as it has loaded, before the next import starts).
    const first = (part: string) => r.urls.findIndex((u) => u.includes(part));
    expect(first("/node_modules/piscina/")).toBeGreaterThanOrEqual(0);
    expect(first("/node_modules/piscina/")).toBeLessThan(first("/node_modules/zod/"));
  });

  it("worker and mc --queue load bullmq; serve loads fastify", () => {
    // Port 1 refuses at once: the commands load their libraries, then fail to reach Redis.
    const worker = standoff(["worker", "--queue", "redis://127.0.0.1:1"]);
    expect(worker.code).toBe(1);
    expect(worker.packages).toContain("bullmq");
    const queued = standoff([
      "mc",
      "examples/layered-defence.yaml",
      "--queue",
      "redis://127.0.0.1:1",
      "--out",
      join(dir, "queued"),
    ]);
    expect(queued.code).toBe(1);
    expect(queued.packages).toContain("bullmq");
    // An address this machine does not have: the server is built, then refused.
    const serve = standoff(["serve", "--port", "0", "--host", "256.1.1.1"]);
    expect(serve.code).toBe(1);
    expect(serve.stderr).toContain("not an address of this machine");
    expect(serve.packages).toContain("fastify");
  });
});

describe("a Monte Carlo worker thread loads the engine but no file readers", () => {
  it("mc-worker loads the engine and the schemas, but not geotiff, bullmq or fastify", () => {
    // Every thread of every study loads this module; geotiff (47 modules) is only for reading a
    // GeoTIFF, which the process does once and shares.
    const r = logged([
      "--input-type=module",
      "-e",
      'await import("./src/montecarlo/mc-worker.ts");',
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const urls = r.urls;
    expect(urls.some((u) => u.endsWith("/src/engine/execute-run.ts"))).toBe(true);
    expect(urls.some((u) => u.includes("/node_modules/zod/"))).toBe(true);
    for (const heavy of ["geotiff", "bullmq", "fastify"]) {
      expect(urls.filter((u) => u.includes(`/node_modules/${heavy}/`))).toEqual([]);
    }
  });
});
