/**
 * Schema of the `salvo` scenario: several missiles of one type, released from one or more launch
 * aircraft onto one or more aimpoints, all to arrive inside a commanded window. Routes are always
 * planned (there is no route block); launch times, or stretched routes, set the arrivals.
 */

import { z } from "zod";
import {
  angleDeg,
  latitudeDeg,
  longitudeDeg,
  nonNegative,
  num,
  positive,
  seedField,
} from "./fields.js";
import {
  checkCommon,
  checkOneAltitude,
  checkOutsideNoFly,
  checkRelease,
  cruiseSchema,
  environmentSchema,
  issueAdder,
  missileSchema,
  navigationSchema,
  type RawCommon,
  type RawRelease,
  simulationSchema,
  targetSchema,
} from "./mission-schema.js";
import { planningSchema } from "./planning-schema.js";
import { terminalSchema } from "./terminal-schema.js";
import { airDefenceSchema } from "./threat-schema.js";

const aircraftSchema = z
  .strictObject({
    name: z.string().min(1).describe("label, referred to by missiles[].aircraft"),
    platform: z.string().min(1).optional().describe("aircraft type (a label)"),
    lat_deg: latitudeDeg(),
    lon_deg: longitudeDeg(),
    alt_m: num("release altitude above the ellipsoid, m").optional(),
    alt_ft: num("release altitude above the ellipsoid, ft").optional(),
    mach: z.number().gt(0).max(0.95).optional().describe("release Mach number"),
    speed_kt: positive("release true airspeed, knots").optional(),
    heading_deg: angleDeg("release heading, degrees from north"),
    min_interval_s: nonNegative("shortest time between two releases, s").default(5),
  })
  .describe(
    "a launch aircraft; it releases every one of its missiles from this point (it is not flown)",
  );

const salvoMissileSchema = z.strictObject({
  name: z.string().min(1).describe("label (also the name of its output folder)"),
  aircraft: z.string().min(1).describe("name of the aircraft that releases it"),
  target: targetSchema,
});

/** The `salvo` scenario kind. */
export const salvoScenarioSchema = z
  .strictObject({
    kind: z.literal("salvo"),
    name: z.string().min(1).describe("short title"),
    seed: seedField("random seed of the run (each missile draws from its own stream of it)"),
    description: z.string().optional().describe("free text"),
    missile: missileSchema,
    navigation: navigationSchema,
    cruise: cruiseSchema
      .optional()
      .describe("cruise height and Mach (default: planning.agl_m or 100 m above ground)"),
    environment: environmentSchema,
    air_defence: airDefenceSchema.optional(),
    planning: planningSchema.optional(),
    terminal: terminalSchema.optional(),
    simulation: simulationSchema,
    aircraft: z.array(aircraftSchema).min(1).max(16),
    missiles: z.array(salvoMissileSchema).min(1).max(64),
    arrival: z
      .strictObject({
        window_s: positive("width of the arrival window, s"),
        time_s: nonNegative(
          "commanded arrival time (the window's middle), s after the first launch opportunity (default: the earliest feasible)",
        ).optional(),
      })
      .describe("when the missiles must arrive"),
  })
  .superRefine(checkSalvo)
  .describe("several missiles from one or more aircraft onto one or more aimpoints, timed");

/** A validated salvo scenario (defaults filled in). */
export type SalvoScenario = z.infer<typeof salvoScenarioSchema>;

interface RawSalvo extends RawCommon {
  cruise?: { alt_m?: number | undefined; alt_ft?: number | undefined } | undefined;
  aircraft: (RawRelease & { name: string; lat_deg: number; lon_deg: number })[];
  missiles: { name: string; aircraft: string; target: { lat_deg: number; lon_deg: number } }[];
}

function checkSalvo(v: RawSalvo, ctx: z.RefinementCtx): void {
  const add = issueAdder(ctx);
  const names = new Set<string>();
  v.aircraft.forEach((a, i) => {
    checkRelease(add, a, ["aircraft", i]);
    if (names.has(a.name))
      add(["aircraft", i, "name"], "a name no other aircraft has", JSON.stringify(a.name));
    names.add(a.name);
    checkOutsideNoFly(add, v, a, `the release point of ${a.name}`, ["aircraft", i]);
  });
  if (v.cruise) checkOneAltitude(add, v.cruise, ["cruise"], false);
  const list = [...names].map((n) => JSON.stringify(n)).join(", ");
  const missiles = new Set<string>();
  v.missiles.forEach((m, i) => {
    if (!names.has(m.aircraft)) {
      add(
        ["missiles", i, "aircraft"],
        `the name of an aircraft (one of ${list})`,
        JSON.stringify(m.aircraft),
      );
    }
    if (missiles.has(m.name))
      add(["missiles", i, "name"], "a name no other missile has", JSON.stringify(m.name));
    missiles.add(m.name);
    checkOutsideNoFly(add, v, m.target, `the target of ${m.name}`, ["missiles", i, "target"]);
  });
  checkCommon(v, ctx);
}
