/**
 * The web app's API through Fastify's inject (no socket): validation with the CLI's messages,
 * jobs that run the real `standoff` command (dist/ must be built: `npm run build`), progress as
 * server-sent events, results and their files, cancel, the body size limit, the job cap, and
 * paths that try to leave the served folders.
 */

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_SCENARIO_BYTES } from "../../src/scenario/load.js";
import { buildApp } from "../../src/server/app.js";
import type { JobView } from "../../src/server/jobs.js";
import { defaultPaths } from "../../src/server/paths.js";

const root = new URL("../../", import.meta.url).pathname;
const example = (name: string) => readFileSync(join(root, "examples", name), "utf8");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Parse a server-sent event stream into (event, data) pairs. */
function events(body: string): { event: string; data: JobView }[] {
  return body
    .split("\n\n")
    .filter((b) => b.trim() !== "")
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? "";
      const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? "null") as JobView;
      return { event, data };
    });
}

describe("standoff serve API", () => {
  let app: FastifyInstance;
  let capped: FastifyInstance;
  const tmp = mkdtempSync(join(tmpdir(), "standoff-api-"));
  const web = join(tmp, "web");

  beforeAll(async () => {
    if (!existsSync(join(root, "dist", "cli", "main.js")))
      throw new Error("dist/ is not built: run npm run build before the server tests");
    // A stand-in page folder, so the static routes are tested without the Vite build.
    mkdirSync(web);
    writeFileSync(join(web, "index.html"), "<!doctype html><title>standoff</title>");
    writeFileSync(join(tmp, "secret.txt"), "outside the served folders");
    const paths = { ...defaultPaths(), web };
    app = await buildApp({ paths, jobsRoot: join(tmp, "jobs"), maxRunning: 2 });
    capped = await buildApp({ paths, jobsRoot: join(tmp, "jobs-capped"), maxRunning: 1 });
  });

  afterAll(async () => {
    await app?.close();
    await capped?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  const post = (a: FastifyInstance, url: string, payload: unknown) =>
    a.inject({ method: "POST", url, payload: payload as Record<string, unknown> });

  it("lists the examples and serves one by name, nothing by path", async () => {
    const list = (await app.inject("/api/examples")).json() as {
      examples: { name: string; title: string; kind: string }[];
    };
    expect(list.examples.map((e) => e.name)).toContain("layered-defence.yaml");
    const layered = list.examples.find((e) => e.name === "layered-defence.yaml");
    expect(layered?.kind).toBe("mission");
    const one = (await app.inject("/api/examples/layered-defence.yaml")).json() as { text: string };
    expect(one.text).toBe(example("layered-defence.yaml"));
    for (const bad of ["..%2Fpackage.json", "..%2F..%2Fetc%2Fpasswd", ".hidden.yaml", "x.ts"]) {
      expect((await app.inject(`/api/examples/${bad}`)).statusCode).toBe(404);
    }
  });

  it("validates with the CLI's messages: line, column, path, expected and got", async () => {
    const ok = (
      await post(app, "/api/validate", {
        text: example("layered-defence.yaml"),
        name: "layered-defence.yaml",
      })
    ).json();
    expect(ok.ok).toBe(true);
    expect(ok.scenario.kind).toBe("mission");
    expect(ok.features.points.map((p: { name: string }) => p.name)).toContain("south valley");
    expect(ok.terrainImage.url).toMatch(/^\/api\/terrain\/[0-9a-f]{32}\.png$/);
    const png = await app.inject(ok.terrainImage.url);
    expect(png.statusCode).toBe(200);
    expect(png.headers["content-type"]).toBe("image/png");
    expect(png.rawPayload.subarray(1, 4).toString()).toBe("PNG");

    // A string where the schema wants a number, on line 14 of the file.
    const text = example("layered-defence.yaml").replace("lat_deg: -29.0", "lat_deg: north");
    const line = text.split("\n").findIndex((l) => l.includes("lat_deg: north")) + 1;
    const bad = (await post(app, "/api/validate", { text, name: "mine.yaml" })).json();
    expect(bad.ok).toBe(false);
    expect(bad.problems).toHaveLength(1);
    expect(bad.problems[0]).toMatchObject({ line, path: "launch.lat_deg" });
    expect(bad.problems[0].message).toMatch(
      new RegExp(`^mine\\.yaml:${line}:\\d+: launch\\.lat_deg: expected a number`),
    );
    // GeoTIFF terrain would read files on the server: refused.
    const tiff = example("layered-defence.yaml").replace(
      /terrain:\n(\s+kind: synthetic[\s\S]*?sea_fraction: 0.35)/,
      "terrain: { kind: geotiff, file: ../../../etc/passwd }",
    );
    const refused = (await post(app, "/api/validate", { text: tiff })).json();
    expect(refused.ok).toBe(false);
    expect(refused.problems[0].path).toBe("environment.terrain");
  });

  it("refuses a body over the size limit with 413 and a plain message", async () => {
    const big = `# ${"x".repeat(MAX_SCENARIO_BYTES + 300 * 1024)}\n`;
    const r = await post(app, "/api/validate", { text: big });
    expect(r.statusCode).toBe(413);
    expect(r.json().error).toMatch(/request body too large: at most .* MiB/);
    // Under the body limit but over the scenario limit: 400 naming the scenario limit.
    const r2 = await post(app, "/api/validate", { text: `# ${"x".repeat(MAX_SCENARIO_BYTES)}` });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error).toMatch(/at most 4 MiB/);
  });

  it("validates before anything runs", async () => {
    const r = await post(app, "/api/jobs/run", { text: "kind: mission\nname: x\n" });
    expect(r.statusCode).toBe(400);
    expect(r.json().problems.length).toBeGreaterThan(0);
    expect((await app.inject("/api/health")).json().running).toBe(0);
    expect((await post(app, "/api/jobs/nope", { text: "" })).statusCode).toBe(404);
    const opts = await post(app, "/api/jobs/mc", {
      text: example("layered-defence.yaml"),
      options: { runs: 1e9 },
    });
    expect(opts.statusCode).toBe(400);
    expect(opts.json().problems[0]).toMatch(/^runs:/);
  });

  it("runs a scenario: progress events, the result, every output file", async () => {
    const start = await post(app, "/api/jobs/run", {
      text: example("strike-a-high.yaml"),
      name: "strike-a-high.yaml",
    });
    expect(start.statusCode).toBe(202);
    const job = start.json() as JobView;
    expect(job.id).toMatch(UUID);
    expect(job.status).toBe("running");
    // The stream ends when the job does.
    const stream = await app.inject(`/api/jobs/${job.id}/events`);
    expect(stream.headers["content-type"]).toMatch(/^text\/event-stream/);
    const ev = events(stream.body);
    const progress = ev.filter((e) => e.event === "progress" && e.data.progress);
    expect(progress.length).toBeGreaterThan(0);
    expect(ev.at(-1)?.event).toBe("end");
    const end = ev.at(-1)?.data as JobView;
    expect(end.status).toBe("done");
    expect(end.exitCode).toBe(0);
    const result = end.result as { name: string; status: string; files: string[] };
    expect(result.status).toBe("ground_impact");
    const files = end.files.map((f) => f.path);
    for (const f of ["trajectory.csv", "events.json", "summary.json", "trajectory.czml"])
      expect(files).toContain(f);
    // Each file as written, and the same summary the CLI prints.
    const summary = await app.inject(`/api/jobs/${job.id}/files/summary.json`);
    expect(summary.statusCode).toBe(200);
    expect(summary.json().status).toBe("ground_impact");
    const csv = await app.inject(`/api/jobs/${job.id}/files/trajectory.csv?download`);
    expect(csv.headers["content-disposition"]).toBe('attachment; filename="trajectory.csv"');
    expect(csv.body.split("\n")[0]).toMatch(/^t_s,/);
    const again = (await app.inject(`/api/jobs/${job.id}`)).json() as JobView;
    expect(again.status).toBe("done");
    const scenario = await app.inject(`/api/jobs/${job.id}/scenario`);
    expect(scenario.body).toBe(example("strike-a-high.yaml"));
  }, 60_000);

  it("cancels a running study: the process is killed and the job says so", async () => {
    const start = await post(app, "/api/jobs/mc", {
      text: example("layered-defence.yaml"),
      options: { runs: 2000 },
    });
    expect(start.statusCode).toBe(202);
    const id = (start.json() as JobView).id;
    const t0 = performance.now();
    const cancel = await app.inject({ method: "POST", url: `/api/jobs/${id}/cancel` });
    expect(cancel.json().status).toBe("cancelled");
    const end = events((await app.inject(`/api/jobs/${id}/events`)).body).at(-1);
    expect(end?.event).toBe("end");
    expect(end?.data.status).toBe("cancelled");
    expect(end?.data.exitCode).toBeNull(); // killed by a signal, not finished
    expect(performance.now() - t0).toBeLessThan(5000);
    expect((await app.inject("/api/health")).json().running).toBe(0);
  }, 30_000);

  it("caps the jobs running at once with 429 and a plain message", async () => {
    const text = example("layered-defence.yaml");
    const first = await post(capped, "/api/jobs/mc", { text, options: { runs: 2000 } });
    expect(first.statusCode).toBe(202);
    const second = await post(capped, "/api/jobs/run", { text });
    expect(second.statusCode).toBe(429);
    expect(second.json().error).toMatch(/too many jobs running \(1\); wait for one to finish/);
    await capped.inject({ method: "POST", url: `/api/jobs/${first.json().id}/cancel` });
    await capped.inject(`/api/jobs/${first.json().id}/events`);
    const third = await post(capped, "/api/jobs/validate", { text });
    expect(third.statusCode).toBe(202);
    const end = events((await capped.inject(`/api/jobs/${third.json().id}/events`)).body).at(-1);
    expect(end?.data.status).toBe("done");
  }, 60_000);

  it("serves nothing outside the page, Cesium and the job folders", async () => {
    const start = await post(app, "/api/jobs/validate", { text: example("strike-a-high.yaml") });
    const id = (start.json() as JobView).id;
    await app.inject(`/api/jobs/${id}/events`);
    for (const url of [
      `/api/jobs/${id}/files/..%2Fstrike-a-high.yaml`,
      `/api/jobs/${id}/files/..%2F..%2F..%2Fsecret.txt`,
      `/api/jobs/${id}/files/%2Fetc%2Fpasswd`,
      `/api/jobs/${id}/files/../../secret.txt`,
      "/api/jobs/00000000-0000-4000-8000-000000000000",
      "/api/jobs/..%2F..%2Fsecret.txt/files/x",
      "/api/terrain/..%2F..%2Fsecret.txt",
      "/..%2Fsecret.txt",
      "/../secret.txt",
      "/%2e%2e/secret.txt",
      "/cesium/..%2F..%2F..%2F..%2Fpackage.json",
      "/cesium/../../package.json",
    ]) {
      const r = await app.inject(url);
      expect([400, 403, 404], url).toContain(r.statusCode);
      expect(r.body, url).not.toContain("outside the served folders");
      expect(r.body, url).not.toContain('"name": "standoff"');
    }
    expect((await app.inject("/")).body).toContain("<title>standoff</title>");
    expect((await app.inject("/cesium/Cesium.js")).statusCode).toBe(200);
  }, 30_000);
});
