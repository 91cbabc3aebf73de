/**
 * A study on a Redis queue (BullMQ) with real worker processes: the same bytes as a local study
 * with 1 and 2 threads; a worker killed with SIGKILL mid-study loses and doubles nothing; a
 * coordinator stopped and started again with the same study id finishes from the chunks in Redis;
 * a Redis that is down is a clear error, not a hang.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../../src/core/user-error.js";
import { queueBackend } from "../../src/distributed/queue-coordinator.js";
import { parseQueueUrl } from "../../src/distributed/queue-url.js";
import { type MonteCarloResult, runMonteCarlo } from "../../src/montecarlo/runner.js";
import { ElevationGrid } from "../../src/terrain/elevation-grid.js";
import { writeGeoTiff } from "../../src/terrain/geotiff.js";
import { freePort, type RedisServer, redisMode, startRedis } from "./redis.js";

const FIXTURE = "test/montecarlo/fixtures/short-study.yaml";
const RUNS = 24;
const CHUNK = 3;
const FILES = ["summary.json", "runs.csv", "nav-error.csv", "study.json"] as const;
const root = mkdtempSync(join(tmpdir(), "standoff-queue-"));
const dir = (name: string) => join(root, name);
const read = (d: string, f: string) => readFileSync(join(d, f), "utf8");

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("a queue that cannot be reached", () => {
  it("is a clear error naming --queue and how to start Redis, within seconds", async () => {
    const port = await freePort();
    const t0 = performance.now();
    const err = await runMonteCarlo({
      file: FIXTURE,
      out: dir("down"),
      runs: 4,
      backend: queueBackend({ url: `redis://127.0.0.1:${port}` }),
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).lines[0]).toMatch(
      new RegExp(`--queue redis://127.0.0.1:${port}: cannot reach Redis \\(ECONNREFUSED\\)`),
    );
    expect((err as UserError).lines[0]).toContain("apt-get install redis-server");
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it("refuses an address that is not redis://", () => {
    expect(() => parseQueueUrl("http://x:1")).toThrow(/expected redis:\/\/HOST:PORT/);
    expect(parseQueueUrl("redis://h:6390/2")).toMatchObject({ host: "h", port: 6390, db: 2 });
  });
});

/** A worker process (one thread) and the chunks it reports flown. */
interface WorkerProcess {
  readonly child: ChildProcess;
  readonly chunks: number[];
  /** Job ids this worker's stalled-job check put back. */
  readonly stalled: string[];
  readonly ready: Promise<void>;
  /** Resolves at the first chunk it reports. */
  readonly firstChunk: Promise<void>;
  stop(): Promise<void>;
}

function startWorker(url: string): WorkerProcess {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "test/distributed/worker-process.ts", url],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const chunks: number[] = [];
  const stalled: string[] = [];
  let onReady: () => void = () => {};
  let onChunk: () => void = () => {};
  const ready = new Promise<void>((r) => {
    onReady = r;
  });
  const firstChunk = new Promise<void>((r) => {
    onChunk = r;
  });
  let buf = "";
  child.stdout?.on("data", (d: Buffer) => {
    buf += d.toString();
    for (let nl = buf.indexOf("\n"); nl >= 0; nl = buf.indexOf("\n")) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (line === "ready") onReady();
      const m = /^chunk (\d+) (\d+)$/.exec(line);
      if (m) {
        chunks.push(Number(m[1]));
        onChunk();
      }
      if (line.startsWith("stalled ")) stalled.push(line.slice(8));
    }
  });
  return {
    child,
    chunks,
    stalled,
    ready,
    firstChunk,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

const redis = redisMode();

describe.skipIf(redis === "skip")("a Redis lost mid-study", () => {
  it("ends the coordinator's wait with a clear error, not a hang", async () => {
    const server = await startRedis();
    let stopped = false;
    try {
      // No worker: the coordinator waits for chunks until Redis goes away under it.
      const study = runMonteCarlo({
        file: FIXTURE,
        out: dir("lost"),
        runs: 4,
        backend: queueBackend({
          url: server.url,
          studyId: "lost",
          poll_ms: 50,
          onStudy: () => {
            setTimeout(() => {
              stopped = true;
              void server.stop();
            }, 300);
          },
        }),
      }).then(
        () => null,
        (e: unknown) => e,
      );
      const t0 = performance.now();
      const err = await study;
      expect(stopped).toBe(true);
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).lines[0]).toMatch(/lost Redis .*run the same command again/);
      expect(performance.now() - t0).toBeLessThan(30_000);
    } finally {
      await server.stop();
    }
  }, 60_000);
});

describe.skipIf(redis === "skip")("a study on the queue with two worker processes", () => {
  let server: RedisServer;
  let local1: MonteCarloResult;

  beforeAll(async () => {
    server = await startRedis();
    local1 = await runMonteCarlo({ file: FIXTURE, out: dir("local1"), runs: RUNS, workers: 1 });
    await runMonteCarlo({ file: FIXTURE, out: dir("local2"), runs: RUNS, workers: 2 });
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
  });

  const queued = (
    out: string,
    studyId: string,
    signal?: AbortSignal,
    onDone?: (n: number) => void,
  ) =>
    runMonteCarlo({
      file: FIXTURE,
      out: dir(out),
      runs: RUNS,
      ...(signal ? { signal } : {}),
      ...(onDone ? { onProgress: (p) => onDone(p.done) } : {}),
      backend: queueBackend({ url: server.url, studyId, chunkSize: CHUNK, poll_ms: 50 }),
    });

  const expectSameAsLocal = (d: string) => {
    for (const f of FILES) {
      expect(read(dir(d), f), `${d}/${f}`).toBe(read(dir("local1"), f));
      expect(read(dir("local2"), f), `local2/${f}`).toBe(read(dir("local1"), f));
    }
  };

  it("writes the same bytes as a local study on 1 and on 2 threads", async () => {
    const a = startWorker(server.url);
    const b = startWorker(server.url);
    try {
      await Promise.all([a.ready, b.ready]);
      const r = await queued("queue", "identity");
      expect(r.complete).toBe(true);
      expect(r.summary.statistics.runs).toBe(RUNS);
      expectSameAsLocal("queue");
      expect(local1.summary.statistics.runs).toBe(RUNS);
      // Both processes flew chunks, and every chunk was flown once.
      expect(a.chunks.length + b.chunks.length).toBe(RUNS / CHUNK);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  }, 180_000);

  it("loses and doubles nothing when a worker process is killed with SIGKILL mid-study", async () => {
    const a = startWorker(server.url);
    const b = startWorker(server.url);
    try {
      await Promise.all([a.ready, b.ready]);
      const study = queued("killed", "killed");
      // Right after its first chunk a worker takes the next one: kill it while it flies that.
      await a.firstChunk;
      await new Promise((r) => setTimeout(r, 300));
      a.child.kill("SIGKILL");
      const r = await study;
      expect(r.complete).toBe(true);
      const rows = read(dir("killed"), "runs.csv").trimEnd().split("\n").slice(1);
      expect(rows.map((l) => Number(l.split(",")[0]))).toEqual(
        Array.from({ length: RUNS }, (_, i) => i),
      );
      expectSameAsLocal("killed");
      // The killed worker's chunk in hand was put back by the other's stalled-job check and flown
      // by it; every chunk was flown to the end (once, unless the kill came between a chunk's
      // last run and its completion reaching Redis: then it was flown twice and counted once).
      expect(b.stalled).toHaveLength(1);
      expect(b.stalled[0]).toMatch(/^killed-\d+$/);
      expect(b.chunks).toContain(Number(b.stalled[0].split("-")[1]));
      expect([...new Set([...a.chunks, ...b.chunks])].sort((x, y) => x - y)).toEqual(
        Array.from({ length: RUNS / CHUNK }, (_, k) => k * CHUNK),
      );
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  }, 180_000);

  it("resumes from the chunks in Redis when the coordinator starts again with the same id", async () => {
    const a = startWorker(server.url);
    const b = startWorker(server.url);
    const stop = new AbortController();
    try {
      await Promise.all([a.ready, b.ready]);
      const first = await queued("resumed", "resumed", stop.signal, (done) => {
        if (done >= CHUNK) stop.abort();
      });
      expect(first.complete).toBe(false);
      // The workers finish the queued chunks meanwhile; then they stop, so the second
      // coordinator can only finish from what Redis holds.
      while (a.chunks.length + b.chunks.length < RUNS / CHUNK) {
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    const second = await queued("resumed", "resumed");
    expect(second.complete).toBe(true);
    expectSameAsLocal("resumed");
  }, 180_000);

  it("carries a GeoTIFF terrain to the workers through Redis, not the file system", async () => {
    // A 400 m plateau east of 30.2° E under the aimpoint (as test/cli/terrain-scenario.test.ts).
    const d = dir("geotiff-study");
    mkdirSync(d, { recursive: true });
    const n = 121;
    const h = new Float32Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) h[i * n + j] = 29.5 + j * 0.01 > 30.2 ? 400 : 0;
    const tif = join(d, "dem.tif");
    await writeGeoTiff(new ElevationGrid(-0.6, 29.5, 0.01, 0.01, n, n, h, 0), tif);
    const file = join(d, "study.yaml");
    writeFileSync(
      file,
      `kind: mission
name: "GeoTIFF study"
seed: 4
launch: { lat_deg: 0, lon_deg: 29.9, alt_m: 3000, mach: 0.7, heading_deg: 90 }
missile: { preset: agm158a-class }
route:
  cruise: { alt_m: 120, alt_ref: agl, mach: 0.7 }
target: { lat_deg: 0, lon_deg: 30.6, impact_angle_deg: 45 }
environment:
  terrain: { kind: geotiff, file: dem.tif }
dispersions:
  runs: 4
  params:
    - { path: launch.heading_deg, dist: normal, sd: 1 }
`,
    );
    await runMonteCarlo({ file, out: dir("geo-local"), workers: 1 });
    const w = startWorker(server.url);
    try {
      await w.ready;
      const r = await runMonteCarlo({
        file,
        out: dir("geo-queue"),
        backend: queueBackend({
          url: server.url,
          studyId: "geotiff",
          chunkSize: 2,
          poll_ms: 50,
          // Stored in Redis by now: the worker can only have it from there.
          onStudy: () => rmSync(tif),
        }),
      });
      expect(existsSync(tif)).toBe(false);
      expect(r.complete).toBe(true);
      for (const f of FILES) expect(read(dir("geo-queue"), f), f).toBe(read(dir("geo-local"), f));
      expect(r.summary.statistics.arrival.successes).toBe(4);
    } finally {
      await w.stop();
    }
  }, 180_000);
});
