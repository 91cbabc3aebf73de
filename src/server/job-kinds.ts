/**
 * What the server can run, as a registry: each job kind names the `standoff` command it runs, the
 * scenario kinds it accepts, its options (validated before anything runs) and the command-line
 * arguments they become. A new command (launch regions, sweeps) becomes a job kind by
 * `registerJobKind` without touching the job runner or the routes.
 */

import { z } from "zod";

import type { JobKindInfo, ScenarioKind } from "./api-types.js";

export type { JobKindInfo, ScenarioKind } from "./api-types.js";

/** One kind of job. */
export interface JobKind {
  /** URL-safe name, e.g. "run". */
  readonly name: string;
  /** Button label on the page. */
  readonly label: string;
  /** One line on what it does. */
  readonly description: string;
  /** Scenario kinds it accepts. */
  readonly scenarioKinds: readonly ScenarioKind[];
  /** Its options (an object schema; unknown keys are refused). */
  readonly options: z.ZodType<Record<string, unknown>>;
  /** The `standoff` arguments for a scenario file, an output folder and parsed options. */
  args(file: string, out: string, options: Record<string, unknown>): string[];
}

const kinds = new Map<string, JobKind>();

/** Add a job kind (throws if the name is taken or not URL-safe). */
export function registerJobKind(kind: JobKind): void {
  if (!/^[a-z][a-z0-9-]*$/.test(kind.name)) throw new Error(`job kind name: ${kind.name}`);
  if (kinds.has(kind.name)) throw new Error(`job kind ${kind.name} is already registered`);
  kinds.set(kind.name, kind);
}

/** The kind of that name, or undefined. */
export function jobKind(name: string): JobKind | undefined {
  return kinds.get(name);
}

/** Every registered kind, for the page. */
export function jobKindInfos(): JobKindInfo[] {
  return [...kinds.values()].map((k) => ({
    name: k.name,
    label: k.label,
    description: k.description,
    scenarioKinds: k.scenarioKinds,
    options: z.toJSONSchema(k.options, { io: "input" }),
  }));
}

/** Largest Monte Carlo study the server starts (a bigger one belongs on the command line). */
export const MAX_SERVER_RUNS = 2000;

const noOptions = z.strictObject({});

registerJobKind({
  name: "validate",
  label: "Check",
  description:
    "the full check `standoff run` makes before flying: schema, terrain, reach, route planning",
  scenarioKinds: ["body", "mission", "salvo"],
  options: noOptions,
  args: (file) => ["validate", file],
});

registerJobKind({
  name: "run",
  label: "Run",
  description: "fly the scenario once: summary, trajectory, events, CZML and report",
  scenarioKinds: ["body", "mission", "salvo"],
  options: z.strictObject({
    sample_dt_s: z.number().min(0.001).max(10).optional().describe("output sample interval, s"),
  }),
  args: (file, out, o) => [
    "run",
    file,
    "--out",
    out,
    "--json",
    ...(o.sample_dt_s === undefined ? [] : ["--sample-dt", String(o.sample_dt_s)]),
  ],
});

registerJobKind({
  name: "plan",
  label: "Plan",
  description: "plan the routes (and a salvo's launch times) without flying",
  scenarioKinds: ["mission", "salvo"],
  options: noOptions,
  args: (file, out) => ["plan", file, "--out", out, "--json"],
});

registerJobKind({
  name: "mc",
  label: "Monte Carlo",
  description: "a Monte Carlo study over the scenario's dispersions",
  scenarioKinds: ["mission", "salvo"],
  options: z.strictObject({
    runs: z.number().int().min(1).max(MAX_SERVER_RUNS).default(100).describe("number of runs"),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  }),
  // One worker thread: the server shares its machine with the page and other jobs.
  args: (file, out, o) => [
    "mc",
    file,
    "--out",
    out,
    "--json",
    "--workers",
    "1",
    "--runs",
    String(o.runs),
    ...(o.seed === undefined ? [] : ["--seed", String(o.seed)]),
  ],
});

registerJobKind({
  name: "reach",
  label: "Reach",
  description: "maximum range and the reach footprint of the missile from its release",
  scenarioKinds: ["mission"],
  options: z.strictObject({
    azimuth_step_deg: z
      .number()
      .int()
      .min(1)
      .max(90)
      .refine((v) => 360 % v === 0, "a divisor of 360")
      .default(15)
      .describe("footprint step, °"),
  }),
  args: (file, out, o) => [
    "reach",
    file,
    "--out",
    out,
    "--json",
    "--azimuth-step",
    String(o.azimuth_step_deg),
  ],
});

registerJobKind({
  name: "lar",
  label: "Launch region",
  description:
    "where the aircraft may release so the missile arrives and the aircraft stays outside every SAM envelope",
  scenarioKinds: ["mission"],
  options: noOptions,
  args: (file, out) => ["lar", file, "--out", out, "--json"],
});

/** Largest number of values a sweep from the page may have. */
const MAX_SWEEP_VALUES = 12;

registerJobKind({
  name: "sweep",
  label: "Sweep",
  description:
    "a Monte Carlo study at each value of one scenario number (or a salvo's missiles or decoys count)",
  scenarioKinds: ["mission", "salvo"],
  options: z.strictObject({
    path: z
      .string()
      .regex(/^[A-Za-z0-9_.[\]-]{1,120}$/, "a scenario path such as missiles or decoys")
      .default("missiles")
      .describe("scenario number or count to vary"),
    values: z
      .array(z.number().finite())
      .min(1)
      .max(MAX_SWEEP_VALUES)
      .default([1, 2, 4])
      .describe("values it takes"),
    runs: z.number().int().min(1).max(MAX_SERVER_RUNS).default(20).describe("runs per value"),
    goal: z.number().gt(0).lt(1).optional().describe("P(destroyed) wanted"),
  }),
  args: (file, out, o) => [
    "mc",
    file,
    "--out",
    out,
    "--json",
    "--sweep",
    `${String(o.path)}=${(o.values as number[]).join(",")}`,
    "--runs",
    String(o.runs),
    ...(o.goal === undefined ? [] : ["--goal", String(o.goal)]),
  ],
});
