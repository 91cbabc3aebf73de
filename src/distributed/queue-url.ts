/**
 * The `--queue redis://HOST:PORT` address of a study queue, and a reachability check that turns
 * a Redis that is down into a clear error instead of the Redis client's endless reconnecting.
 */

import { connect } from "node:net";
import { UserError } from "../core/user-error.js";

/** A Redis address. */
export interface QueueAddress {
  readonly host: string;
  readonly port: number;
  /** Database number (redis://host:port/N), default 0. */
  readonly db: number;
  /** As the user wrote it, for messages. */
  readonly url: string;
}

/** How to get a Redis server on a port, for messages. */
export function redisHint(port: number): string {
  return `start one with \`redis-server --port ${port} --save '' --appendonly no --daemonize yes\` (Debian: \`apt-get install redis-server\`)`;
}

/** Parse redis://HOST[:PORT][/DB]; UserError naming --queue otherwise. */
export function parseQueueUrl(url: string): QueueAddress {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UserError([`--queue: expected redis://HOST:PORT, got ${JSON.stringify(url)}`], 2);
  }
  if (u.protocol !== "redis:" || u.hostname === "") {
    throw new UserError([`--queue: expected redis://HOST:PORT, got ${JSON.stringify(url)}`], 2);
  }
  const port = u.port === "" ? 6379 : Number(u.port);
  const path = u.pathname.replace(/^\//, "");
  const db = path === "" ? 0 : Number(path);
  if (!(Number.isInteger(db) && db >= 0 && db <= 15)) {
    throw new UserError(
      [`--queue: expected a database number 0 to 15 after the port, got ${path}`],
      2,
    );
  }
  // URL keeps IPv6 hosts in brackets; net.connect wants them bare.
  return { host: u.hostname.replace(/^\[|\]$/g, ""), port, db, url };
}

/** Resolve when a TCP connection to the address opens; UserError after timeout_ms or on refusal. */
export function checkReachable(a: QueueAddress, timeout_ms = 3000): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: a.host, port: a.port });
    const fail = (why: string) => {
      socket.destroy();
      reject(
        new UserError([`--queue ${a.url}: cannot reach Redis (${why}); ${redisHint(a.port)}`]),
      );
    };
    socket.setTimeout(timeout_ms, () => fail(`no answer in ${timeout_ms / 1000} s`));
    socket.once("error", (e: NodeJS.ErrnoException) => fail(e.code ?? e.message));
    socket.once("connect", () => {
      socket.end();
      resolve();
    });
  });
}
