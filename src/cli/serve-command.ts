/** `standoff serve`: the local web app (server/); runs until Ctrl-C. */

import type { Command } from "commander";
import { maxJobsOption, portOption } from "./options.js";
import type { Output } from "./output.js";

/** Add `serve` to the program. */
export function registerServeCommand(
  program: Command,
  io: Output,
  setCode: (c: number) => void,
): void {
  program
    .command("serve")
    .description(
      "start the local web app: edit scenarios on a map, run them with progress, replay them in 3-D",
    )
    .option(
      "-p, --port <port>",
      "port to listen on (0: a free port the system picks)",
      portOption,
      8080,
    )
    .option(
      "--host <host>",
      "address to listen on (default: this machine only; 0.0.0.0 exposes the app to the network)",
      "127.0.0.1",
    )
    .option(
      "--max-jobs <n>",
      "jobs (runs, studies) running at once before new ones are refused",
      maxJobsOption,
      2,
    )
    .action(async (o: { port: number; host: string; maxJobs: number }) => {
      // fastify and the app's routes load only when the server starts, not on every start.
      const { startServer } = await import("../server/serve.js");
      const { app, url } = await startServer({ port: o.port, host: o.host, maxJobs: o.maxJobs });
      io.out(`standoff serve: open ${url} in a browser (Ctrl-C to stop)`);
      if (o.host !== "127.0.0.1" && o.host !== "localhost" && o.host !== "::1")
        io.err(
          `standoff serve: listening on ${o.host}: anyone who can reach this machine can run jobs on it`,
        );
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          void app.close().then(() => resolve());
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      setCode(0);
    });
}
