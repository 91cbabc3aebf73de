/**
 * Schema of a scenario's optional `dispersions:` block: how a Monte Carlo study varies the
 * scenario from run to run. Each entry names a number in the scenario document by its dotted path
 * (with [i] list indices) and a distribution; every run also gets its own `seed`, so the IMU, GNSS,
 * wind and threat draws differ per run through the simulation's named random streams.
 *
 *   dispersions:
 *     study_seed: 42          # default: the scenario's seed (or --seed)
 *     runs: 500               # default when --runs is not given
 *     params:
 *       - { path: launch.heading_deg, dist: normal, sd: 2 }               # nominal + N(0, sd²)
 *       - { path: launch.alt_ft, dist: uniform, min: 20000, max: 30000 }   # replaces the nominal
 *       - { path: "air_defence.sites[0].lat_deg", dist: normal, sd: 0.01 }    # quoted: [ ] in { }
 *       - { path: navigation.baro_sigma_m, dist: normal_relative, sd_fraction: 0.2 }
 *
 * A path may name a number the file leaves to its default (navigation.baro_sigma_m above); it may
 * not name `seed` (set per run) or anything under environment.terrain (loaded once per study).
 */

import { z } from "zod";
import { MAX_STUDY_RUNS } from "./bounds.js";

export { MAX_STUDY_RUNS } from "./bounds.js";

/** A dotted path with optional [i] indices: `a.b[2].c`. */
export const DISPERSION_PATH_PATTERN =
  /^[A-Za-z_][A-Za-z0-9_]*(\[\d+\])*(\.[A-Za-z_][A-Za-z0-9_]*(\[\d+\])*)*$/;

const pathField = z
  .string()
  .regex(DISPERSION_PATH_PATTERN, {
    message: "a dotted path such as launch.heading_deg or air_defence.sites[0].lat_deg",
  })
  .describe("dotted path (with [i] list indices) of a number in the scenario document");

/** One dispersed parameter: a path and its distribution. */
export const dispersionParamSchema = z.discriminatedUnion("dist", [
  z
    .strictObject({
      path: pathField,
      dist: z.literal("normal"),
      sd: z.number().nonnegative().describe("standard deviation, in the parameter's own units"),
    })
    .describe("the nominal value plus a normal deviate N(0, sd²)"),
  z
    .strictObject({
      path: pathField,
      dist: z.literal("uniform"),
      min: z.number().describe("lower bound, in the parameter's own units"),
      max: z.number().describe("upper bound, in the parameter's own units"),
    })
    .describe("a value drawn uniformly in [min, max), replacing the nominal one"),
  z
    .strictObject({
      path: pathField,
      dist: z.literal("normal_relative"),
      sd_fraction: z
        .number()
        .nonnegative()
        .max(10)
        .describe("standard deviation as a fraction of the nominal value"),
    })
    .describe("the nominal value times (1 + N(0, sd_fraction²))"),
]);

/** The `dispersions:` block. */
export const dispersionsSchema = z
  .strictObject({
    study_seed: z
      .number()
      .int()
      .min(0)
      .max(Number.MAX_SAFE_INTEGER)
      .optional()
      .describe("seed of the study, from which every run's seed is derived (default: seed)"),
    runs: z
      .number()
      .int()
      .min(1)
      .max(MAX_STUDY_RUNS)
      .optional()
      .describe("number of runs when the command line does not say"),
    params: z
      .array(dispersionParamSchema)
      .max(1000)
      .default([])
      .describe("dispersed numeric parameters, applied in this order"),
  })
  .superRefine((d, ctx) => {
    const seen = new Map<string, number>();
    d.params.forEach((p, i) => {
      const first = seen.get(p.path);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["params", i, "path"],
          message: "a path not dispersed twice",
          params: {
            expected: "a path not dispersed twice",
            got: `${p.path}, already dispersed by params[${first}]`,
          },
        });
      } else {
        seen.set(p.path, i);
      }
      if (p.dist === "uniform" && !(p.min <= p.max)) {
        ctx.addIssue({
          code: "custom",
          path: ["params", i, "max"],
          message: `a number ≥ min (${p.min})`,
          params: { expected: `a number ≥ min (${p.min})`, got: p.max },
        });
      }
    });
  })
  .describe("Monte Carlo dispersions: per-run seeds and dispersed parameters");

/** A validated dispersions block (defaults filled in). */
export type Dispersions = z.infer<typeof dispersionsSchema>;

/** One validated dispersed parameter. */
export type DispersionParam = Dispersions["params"][number];
