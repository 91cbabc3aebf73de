/** Start the web app: build it, listen on host:port, and say where to point the browser. */

import type { FastifyInstance } from "fastify";
import { UserError } from "../core/user-error.js";
import { buildApp } from "./app.js";

/** Options of `standoff serve`. */
export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly maxJobs?: number;
}

/** A listening server and its URL. */
export interface RunningServer {
  readonly app: FastifyInstance;
  readonly url: string;
}

/** Listen; a port in use or a host that cannot be bound is a UserError naming the option. */
export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const app = await buildApp(o.maxJobs === undefined ? {} : { maxRunning: o.maxJobs });
  try {
    await app.listen({ port: o.port, host: o.host });
  } catch (e) {
    await app.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE")
      throw new UserError([`--port ${o.port}: the port is in use; choose another with --port`]);
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND")
      throw new UserError([`--host ${o.host}: not an address of this machine`]);
    if (code === "EACCES")
      throw new UserError([`--port ${o.port}: permission denied (ports below 1024 need root)`]);
    throw e;
  }
  const addr = app.server.address();
  const port = typeof addr === "object" && addr ? addr.port : o.port;
  const host = o.host.includes(":") ? `[${o.host}]` : o.host;
  return { app, url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}/` };
}
