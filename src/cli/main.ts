/**
 * The `standoff` command. Every failure the user can cause ends as plain lines on stderr and a
 * non-zero exit status; a stack trace is printed only with STANDOFF_DEBUG=1.
 *
 * Start-up is paid on every call (and serially before a study's threads start), so this file and
 * the register*Command modules load only commander and the options' checks: each command's
 * action imports its implementation (engine, zod schemas, renderers, bullmq, fastify) when run.
 */

import { writeFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { UserError } from "../core/user-error.js";
import { VERSION } from "../core/version.js";
import { ScenarioError } from "../scenario/problems.js";
import { registerLarCommand } from "./lar-command.js";
import { registerMcCommand } from "./mc-command.js";
import {
  azimuthStepOption,
  cruiseAltitudeMOption,
  cruiseMachOption,
  sampleDtOption,
} from "./options.js";
import { type Output, processOutput } from "./output.js";
import { registerServeCommand } from "./serve-command.js";
import { registerWorkerCommand } from "./worker-command.js";

function buildProgram(io: Output, setCode: (c: number) => void): Command {
  const program = new Command();
  program
    .name("standoff")
    .description(
      "Simulator for notional long-range, air-launched standoff cruise missiles. A simulator only: models are notional and built from public figures.",
    )
    .version(VERSION)
    .showHelpAfterError()
    .configureOutput({
      writeOut: (s) => io.out(s.replace(/\n$/, "")),
      writeErr: (s) => io.err(s.replace(/\n$/, "")),
    })
    .exitOverride();

  program
    .command("run")
    .description(
      "run a scenario; print a summary and write trajectory.csv, events.json, summary.json",
    )
    .argument("<file>", "scenario file (YAML or JSON)")
    .option("-o, --out <dir>", "output folder", "out")
    .option(
      "--sample-dt <s>",
      "output sample interval, s (a multiple of the step)",
      sampleDtOption,
      0.1,
    )
    .option("--json", "print the summary as JSON", false)
    .action(async (file: string, o: { out: string; sampleDt: number; json: boolean }) => {
      const { runCommand } = await import("./run-command.js");
      setCode(await runCommand(file, { out: o.out, sampleDt: o.sampleDt, json: o.json }, io));
    });

  program
    .command("plan")
    .description(
      "plan a mission's route (or a salvo's routes and launch times) and compare it with the straight line; write routes.geojson, route.yaml, plan.json, plan.html",
    )
    .argument("<file>", "mission or salvo scenario file (YAML or JSON)")
    .option("-o, --out <dir>", "output folder", "out")
    .option("--json", "print the plan as JSON", false)
    .action(async (file: string, o: { out: string; json: boolean }) => {
      const { planCommand } = await import("./plan-command.js");
      setCode(await planCommand(file, { out: o.out, json: o.json }, io));
    });

  program
    .command("reach")
    .description(
      "maximum range and reach footprint (GeoJSON) of a mission scenario's missile and release",
    )
    .argument("<file>", "mission scenario file (YAML or JSON)")
    .option("-o, --out <dir>", "output folder", "out")
    .option(
      "--azimuth-step <deg>",
      "footprint direction step, degrees (a divisor of 360, 1 to 90)",
      azimuthStepOption,
      15,
    )
    .option(
      "--alt-m <m>",
      "fly this cruise altitude above the ellipsoid, m, instead of searching",
      cruiseAltitudeMOption,
    )
    .option("--mach <M>", "fly this cruise Mach number instead of searching", cruiseMachOption)
    .option("--json", "print the result as JSON", false)
    .action(
      async (
        file: string,
        o: { out: string; azimuthStep: number; altM?: number; mach?: number; json: boolean },
      ) => {
        const { reachCommand } = await import("./reach-command.js");
        setCode(reachCommand(file, o, io));
      },
    );

  program
    .command("verify")
    .description(
      "run the NASA TM-2015-218675 check cases (or a check case of your own) and compare with the reference histories",
    )
    .option(
      "--case <id|dir>",
      "a check-case folder (scenario, reference CSVs, tolerances.yaml) to run instead; otherwise run only the bundled cases whose id contains this text",
    )
    .option("--json", "print the table as JSON", false)
    .action(async (o: { case?: string; json: boolean }) => {
      const { verifyCommand } = await import("./verify-command.js");
      setCode(verifyCommand({ filter: o.case, json: o.json }, io));
    });

  program
    .command("validate")
    .description("check scenario files against the schema without running them")
    .argument("<files...>", "scenario files")
    .action(async (files: string[]) => {
      // The same checks `run` makes before it flies (engine/validate.ts), file by file.
      const { validateScenarioFile } = await import("../engine/validate.js");
      let bad = 0;
      for (const f of files) {
        try {
          const v = await validateScenarioFile(f);
          io.out(`${f}: ok (${v.note}: ${v.scenario.name})`);
        } catch (e) {
          if (!(e instanceof ScenarioError || e instanceof UserError)) throw e;
          for (const line of e.message.split("\n")) io.err(line);
          bad++;
        }
      }
      setCode(bad > 0 ? 1 : 0);
    });

  registerMcCommand(program, io, setCode);
  registerWorkerCommand(program, io, setCode);
  registerLarCommand(program, io, setCode);
  registerServeCommand(program, io, setCode);

  program
    .command("schema")
    .description("print the scenario JSON Schema (or write it with --out)")
    .option("-o, --out <file>", "write to this file instead of stdout")
    .action(async (o: { out?: string }) => {
      const { scenarioJsonSchema } = await import("../scenario/schema.js");
      const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
      if (o.out) writeFileSync(o.out, text);
      else io.out(text.trimEnd());
      setCode(0);
    });
  return program;
}

/** Run the CLI with arguments (without `node` and the script); resolves to the exit status. */
export async function main(argv: readonly string[], io: Output = processOutput): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are successful exits; everything else is a usage error already printed.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof ScenarioError) {
      for (const line of e.message.split("\n")) io.err(line);
      return 1;
    }
    if (e instanceof UserError) {
      for (const line of e.lines) io.err(`standoff: ${line}`);
      return e.exitCode;
    }
    const err = e as NodeJS.ErrnoException;
    if (err?.code && err.path) {
      io.err(`standoff: ${err.path}: ${err.code === "EACCES" ? "permission denied" : err.message}`);
      return 1;
    }
    io.err(`standoff: internal error: ${err?.message ?? String(e)}`);
    if (process.env.STANDOFF_DEBUG === "1" && err?.stack) io.err(err.stack);
    else
      io.err(
        "standoff: this is a bug; rerun with STANDOFF_DEBUG=1 for details and please report it",
      );
    return 70;
  }
}
