/**
 * The web app's server: a JSON API over the engine and the `standoff` commands, live job progress
 * as server-sent events, the built page (dist/web) and CesiumJS's build, nothing else. A thin
 * shell like the CLI: scenario checks come from scenario/load.ts, maps from engine/, runs are the
 * CLI's own commands in child processes (jobs.ts).
 *
 * Safety: request bodies are capped at the scenario size limit; a scenario is validated before a
 * job starts; at most `maxRunning` jobs run at once (then 429 with a plain message); job ids are
 * random UUIDs; files are served only from the page's build, Cesium's build and each job's output
 * folder, resolved to real paths inside them.
 */

import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { VERSION } from "../core/version.js";
import { ringBox } from "../engine/coverage.js";
import { MAX_SCENARIO_BYTES, parseScenarioText } from "../scenario/load.js";
import { formatBytes } from "../scenario/read-text.js";
import { CoverageImages } from "./coverage-image.js";
import { jobKind, jobKindInfos } from "./job-kinds.js";
import { JobCapError, JobRunner, type JobView } from "./jobs.js";
import { type AppPaths, defaultPaths } from "./paths.js";
import { contentType, fileInside } from "./safe-files.js";
import { checkScenarioText, safeScenarioName } from "./scenario-check.js";
import { TerrainImages } from "./terrain-image.js";

/** How the app is built. */
export interface AppOptions {
  readonly paths?: AppPaths;
  /** Folder for job folders (default: a new temporary folder, removed on close). */
  readonly jobsRoot?: string;
  readonly maxRunning?: number;
  /** Largest request body, bytes (default: the scenario limit plus room for the JSON around it). */
  readonly bodyLimit?: number;
  readonly logger?: boolean;
}

/** Largest request body by default: a scenario at its limit, JSON-escaped, with options. */
export const DEFAULT_BODY_LIMIT = MAX_SCENARIO_BYTES + 256 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A JSON error answer. */
function fail(reply: FastifyReply, code: number, error: string, extra: object = {}) {
  return reply.code(code).send({ error, ...extra });
}

/** The scenario text of a request body, or an error message. */
function bodyText(body: unknown): { text: string; name: string } | string {
  if (!body || typeof body !== "object") return "expected a JSON body with a `text` field";
  const b = body as { text?: unknown; name?: unknown };
  if (typeof b.text !== "string") return "expected `text`: the scenario as YAML or JSON text";
  if (Buffer.byteLength(b.text, "utf8") > MAX_SCENARIO_BYTES)
    return `expected a scenario of at most ${formatBytes(MAX_SCENARIO_BYTES)}`;
  return { text: b.text, name: safeScenarioName(b.name) };
}

/** The Fastify app (not listening); close it to stop jobs and delete their folders. */
export async function buildApp(opts: AppOptions = {}): Promise<FastifyInstance> {
  const paths = opts.paths ?? defaultPaths();
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT,
  });
  const jobs = new JobRunner({
    root: opts.jobsRoot ?? mkdtempSync(join(tmpdir(), "standoff-serve-")),
    cli: paths.cli,
    ...(opts.maxRunning === undefined ? {} : { maxRunning: opts.maxRunning }),
  });
  const terrain = new TerrainImages();
  const coverage = new CoverageImages(terrain);
  app.addHook("onClose", async () => jobs.close());
  app.addHook("onSend", async (_req, reply) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
  });

  app.setErrorHandler(
    (err: { statusCode?: number; code?: string; message: string }, _req, reply) => {
      if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE")
        return fail(
          reply,
          413,
          `request body too large: at most ${formatBytes(opts.bodyLimit ?? DEFAULT_BODY_LIMIT)} (a scenario of at most ${formatBytes(MAX_SCENARIO_BYTES)})`,
        );
      const code = err.statusCode ?? 500;
      if (code >= 500) app.log.error(err);
      return fail(reply, code, code >= 500 ? "internal error" : err.message);
    },
  );
  app.setNotFoundHandler((_req, reply) => fail(reply, 404, "not found"));

  app.get("/api/health", async () => ({ ok: true, version: VERSION, running: jobs.running() }));

  app.get("/api/kinds", async () => ({ kinds: jobKindInfos(), maxRunning: jobs.maxRunning }));

  app.get("/api/examples", async () => {
    const names = existsSync(paths.examples)
      ? readdirSync(paths.examples).filter((n) => /\.(ya?ml|json)$/.test(n))
      : [];
    return {
      examples: names.sort().map((name) => {
        const text = readFileSync(join(paths.examples, name), "utf8");
        let title = name;
        let kind = "";
        try {
          const s = parseScenarioText(text, name);
          title = s.name;
          kind = s.kind;
        } catch {
          // An example that does not validate is still listed by its file name.
        }
        return { name, title, kind };
      }),
    };
  });

  app.get<{ Params: { name: string } }>("/api/examples/:name", async (req, reply) => {
    const { name } = req.params;
    // Only names the listing gives: no path separators, a scenario extension.
    if (!/^[A-Za-z0-9._-]+\.(ya?ml|json)$/.test(name) || name.startsWith("."))
      return fail(reply, 404, "no such example");
    const file = fileInside(paths.examples, name);
    if (!file) return fail(reply, 404, "no such example");
    return { name, text: readFileSync(file, "utf8") };
  });

  app.post("/api/validate", async (req, reply) => {
    const b = bodyText(req.body);
    if (typeof b === "string") return fail(reply, 400, b);
    const r = checkScenarioText(b.text, b.name);
    if (!r.ok) return r;
    const parsed = parseScenarioText(b.text, b.name);
    const t = parsed.kind === "body" ? undefined : parsed.environment.terrain;
    const terrainId =
      parsed.kind !== "body" && t?.kind === "synthetic" && r.features.terrain
        ? terrain.register(t, parsed.seed)
        : null;
    const terrainImage =
      terrainId && r.features.terrain
        ? { url: `/api/terrain/${terrainId}.png`, ...r.features.terrain }
        : null;
    // Each radar's and jammer's coverage at the cruise height: named here, computed when asked.
    const cruise = r.features.cruise;
    const coverageImages = cruise
      ? r.features.rings.flatMap((ring, ring_index) => {
          if (ring.kind === "engagement") return [];
          const p = r.features.points[ring.point];
          const site = {
            lat_deg: p.lat_deg,
            lon_deg: p.lon_deg,
            mast_m: ring.mast_m ?? 0,
            radius_m: ring.radius_m,
            alt_m: cruise.alt_m,
            ref: cruise.ref,
            ...(ring.antennaAlt_m === undefined ? {} : { antennaAlt_m: ring.antennaAlt_m }),
          };
          const id = coverage.register(terrainId, site, ring.kind);
          return [
            {
              ring: ring_index,
              url: `/api/coverage/${id}.png`,
              ...ringBox(p.lat_deg, p.lon_deg, ring.radius_m),
            },
          ];
        })
      : [];
    return { ...r, terrainImage, coverageImages };
  });

  app.get<{ Params: { id: string } }>("/api/terrain/:id", async (req, reply) => {
    const m = /^([0-9a-f]{32})\.png$/.exec(req.params.id);
    const png = m ? await terrain.png(m[1]) : null;
    if (!png) return fail(reply, 404, "no such terrain image (validate the scenario first)");
    return reply
      .type("image/png")
      .header("cache-control", "private, max-age=3600")
      .send(Buffer.from(png));
  });

  app.get<{ Params: { id: string } }>("/api/coverage/:id", async (req, reply) => {
    const m = /^([0-9a-f]{32})\.(png|json)$/.exec(req.params.id);
    const c = m ? await coverage.get(m[1]) : null;
    if (!m || !c) return fail(reply, 404, "no such coverage image (validate the scenario first)");
    reply.header("cache-control", "private, max-age=3600");
    if (m[2] === "json") {
      const { covered, ...box } = c.cov;
      return { ...box, covered: Array.from(covered) };
    }
    return reply.type("image/png").send(Buffer.from(c.png));
  });

  app.get<{ Params: { id: string }; Querystring: { n?: string } }>(
    "/api/terrain-heights/:id",
    async (req, reply) => {
      const n = Number(req.query.n ?? 257);
      if (!/^[0-9a-f]{32}$/.test(req.params.id) || !Number.isInteger(n) || n < 2 || n > 1025)
        return fail(reply, 400, "expected a terrain id and n, a whole number from 2 to 1025");
      const heights = await terrain.heights(req.params.id, n);
      if (!heights) return fail(reply, 404, "no such terrain (validate the scenario first)");
      return reply
        .type("application/octet-stream")
        .header("x-grid-size", String(n))
        .send(Buffer.from(heights.buffer, heights.byteOffset, heights.byteLength));
    },
  );

  app.post<{ Params: { kind: string } }>("/api/jobs/:kind", async (req, reply) => {
    const kind = jobKind(req.params.kind);
    if (!kind) return fail(reply, 404, `no such job kind: ${req.params.kind}`);
    const b = bodyText(req.body);
    if (typeof b === "string") return fail(reply, 400, b);
    // Nothing runs before the scenario has passed the CLI's own checks.
    const r = checkScenarioText(b.text, b.name);
    if (!r.ok) return fail(reply, 400, "the scenario has problems", { problems: r.problems });
    if (!kind.scenarioKinds.includes(r.scenario.kind))
      return fail(
        reply,
        400,
        `${kind.label} needs a ${kind.scenarioKinds.join(" or ")} scenario, got a ${r.scenario.kind} scenario`,
      );
    const o = kind.options.safeParse((req.body as { options?: unknown }).options ?? {});
    if (!o.success)
      return fail(reply, 400, "bad options", {
        problems: o.error.issues.map((i) => `${i.path.join(".") || "options"}: ${i.message}`),
      });
    try {
      return reply.code(202).send(jobs.start(kind, o.data, b.text, b.name));
    } catch (e) {
      if (e instanceof JobCapError)
        return fail(reply, 429, e.message, { running: e.running, maxRunning: jobs.maxRunning });
      throw e;
    }
  });

  const job = (id: string): JobView | null => (UUID.test(id) ? jobs.get(id) : null);

  app.get<{ Params: { id: string } }>("/api/jobs/:id", async (req, reply) => {
    return job(req.params.id) ?? fail(reply, 404, "no such job");
  });

  app.post<{ Params: { id: string } }>("/api/jobs/:id/cancel", async (req, reply) => {
    if (!job(req.params.id)) return fail(reply, 404, "no such job");
    return jobs.cancel(req.params.id);
  });

  // Server-sent events: "progress" while it runs, one "end" with the finished job, then close.
  app.get<{ Params: { id: string } }>("/api/jobs/:id/events", async (req, reply) => {
    if (!job(req.params.id)) return fail(reply, 404, "no such job");
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      connection: "keep-alive",
      "x-content-type-options": "nosniff",
    });
    const send = (event: string, data: unknown) =>
      raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const current = jobs.get(req.params.id);
    if (current?.status === "running") send("progress", current);
    let unsubscribe: (() => void) | null = null;
    unsubscribe = jobs.subscribe(req.params.id, (v, ended) => {
      send(ended ? "end" : "progress", v);
      if (ended) {
        unsubscribe?.();
        raw.end();
      }
    });
    req.raw.on("close", () => unsubscribe?.());
  });

  app.get<{ Params: { id: string; "*": string } }>("/api/jobs/:id/files/*", async (req, reply) => {
    const out = UUID.test(req.params.id) ? jobs.outputFolder(req.params.id) : null;
    const file = out ? fileInside(out, req.params["*"]) : null;
    if (!file) return fail(reply, 404, "no such file");
    const download = (req.query as { download?: string }).download !== undefined;
    reply.type(contentType(file));
    if (download)
      reply.header(
        "content-disposition",
        `attachment; filename="${req.params["*"].replace(/[^A-Za-z0-9._-]+/g, "_")}"`,
      );
    return reply.send(createReadStream(file));
  });

  app.get<{ Params: { id: string } }>("/api/jobs/:id/scenario", async (req, reply) => {
    const f = UUID.test(req.params.id) ? jobs.scenarioFile(req.params.id) : null;
    if (!f) return fail(reply, 404, "no such job");
    return reply
      .type(contentType(f.name))
      .header("content-disposition", `attachment; filename="${f.name}"`)
      .send(readFileSync(f.path));
  });

  if (existsSync(paths.cesium)) {
    await app.register(fastifyStatic, {
      root: paths.cesium,
      prefix: "/cesium/",
      decorateReply: false,
      index: false,
      maxAge: "1d",
    });
  }
  if (existsSync(paths.web)) {
    await app.register(fastifyStatic, { root: paths.web, prefix: "/", index: "index.html" });
  } else {
    app.get("/", async (_req, reply) =>
      reply
        .type("text/plain; charset=utf-8")
        .send(`standoff serve: the page is not built (${paths.web} is missing); run npm run build`),
    );
  }
  return app;
}
