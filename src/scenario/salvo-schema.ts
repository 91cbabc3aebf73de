/**
 * Schema of the `salvo` scenario: several missiles of one type, released from one or more launch
 * aircraft onto one or more aimpoints, all to arrive inside a commanded window. Routes are always
 * planned (there is no route block); launch times, or stretched routes, set the arrivals.
 */

import { z } from "zod";
import { ARRIVAL_WINDOW_S, MAX_FLIGHT_TIME_S, RCS_M2, RELEASE_INTERVAL_S } from "./bounds.js";
import { latitudeDeg, longitudeDeg, positiveWithin, seedField, within } from "./fields.js";
import { larSchema } from "./lar-schema.js";
import {
  checkCommon,
  checkHeightAboveGround,
  checkOneAltitude,
  checkOutsideNoFly,
  checkRelease,
  cruiseSchema,
  environmentSchema,
  issueAdder,
  missileSchema,
  navigationSchema,
  type RawCommon,
  type RawHeight,
  type RawRelease,
  releaseFields,
  simulationSchema,
  targetSchema,
} from "./mission-schema.js";
import { planningSchema } from "./planning-schema.js";
import { terminalSchema } from "./terminal-schema.js";
import { airDefenceSchema } from "./threat-schema.js";

/** Names of the launch-aircraft presets (vehicle/launch-aircraft.ts). */
export const LAUNCH_AIRCRAFT_PRESET_NAMES = ["notional-f16-class"] as const;

/** Egress after the last release, s. */
const EGRESS_S = { min: 0, max: 7200 };

/** `auto: true` replaces the release position and heading, so those become optional (checkSalvo). */
const autoReleaseFields = {
  lat_deg: releaseFields.lat_deg.optional(),
  lon_deg: releaseFields.lon_deg.optional(),
  heading_deg: releaseFields.heading_deg.optional(),
  auto: z
    .boolean()
    .optional()
    .describe(
      "release from the recommended point of the `lar` block's launch region for this aircraft's targets, heading toward its first missile's route; lat_deg, lon_deg and heading_deg are then left out",
    ),
};

const aircraftSchema = z
  .strictObject({
    name: z.string().min(1).describe("label, referred to by missiles[].aircraft"),
    platform: z.string().min(1).optional().describe("aircraft type (a label)"),
    ...releaseFields,
    ...autoReleaseFields,
    min_interval_s: within("shortest time between two releases, s", RELEASE_INTERVAL_S).default(5),
    preset: z
      .enum(LAUNCH_AIRCRAFT_PRESET_NAMES)
      .default("notional-f16-class")
      .describe("notional point-mass aircraft it flies as (turn load factor, RCS)"),
    entry: z
      .strictObject({ lat_deg: latitudeDeg(), lon_deg: longitudeDeg() })
      .optional()
      .describe("where it flies in from (default: it appears at lat/lon at its first release)"),
    egress: z
      .strictObject({
        turn: z.enum(["left", "right"]).optional().describe("side (default: away from the SAMs)"),
        max_s: within("longest egress after the last release, s", EGRESS_S).default(900),
      })
      .default({ max_s: 900 })
      .describe("after its last release: a 180° turn, then away until outside every SAM's range"),
  })
  .describe(
    "a launch aircraft, flown: lat/lon is its first release point; it flies on along heading_deg, releasing the rest",
  );

const salvoMissileSchema = z.strictObject({
  name: z.string().min(1).describe("label (also the name of its output folder)"),
  aircraft: z.string().min(1).describe("name of the aircraft that releases it"),
  target: targetSchema,
});

/** Names of the decoy presets (vehicle/decoy-presets.ts). */
export const DECOY_PRESET_NAMES = ["mald-class"] as const;

const decoySchema = z
  .strictObject({
    name: z.string().min(1).describe("label (also the name of its output folder)"),
    aircraft: z.string().min(1).describe("name of the aircraft that releases it"),
    target: targetSchema.describe("the point it flies to (usually a defended aimpoint)"),
    preset: z.enum(DECOY_PRESET_NAMES).default("mald-class").describe("notional decoy preset"),
    discriminable: z
      .boolean()
      .default(false)
      .describe(
        "true: the defence can tell it from a missile and never fires at it (default: it cannot)",
      ),
    rcs_m2: positiveWithin(
      "radar cross-section at every aspect, m² (default: the salvo missile's, so indistinguishable)",
      RCS_M2,
    ).optional(),
    warhead: z.boolean().optional().describe("a decoy carries none: only false is accepted"),
  })
  .describe("a decoy: flies like a small missile, carries no warhead");

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
    lar: larSchema.optional(),
    simulation: simulationSchema,
    aircraft: z.array(aircraftSchema).min(1).max(16),
    missiles: z.array(salvoMissileSchema).min(1).max(64),
    decoys: z.array(decoySchema).max(64).default([]),
    arrival: z
      .strictObject({
        window_s: positiveWithin("width of the arrival window, s", ARRIVAL_WINDOW_S),
        // Arrivals come after a flight, and no flight is longer than MAX_FLIGHT_TIME_S.
        time_s: within(
          "commanded arrival time (the window's middle), s after the first launch opportunity (default: the earliest feasible)",
          { min: 0, max: MAX_FLIGHT_TIME_S },
        ).optional(),
      })
      .describe("when the missiles must arrive"),
  })
  .superRefine(checkSalvo)
  .describe("several missiles from one or more aircraft onto one or more aimpoints, timed");

/** A validated salvo scenario (defaults filled in). */
export type SalvoScenario = z.infer<typeof salvoScenarioSchema>;

interface RawSalvo extends RawCommon {
  cruise?: RawHeight | undefined;
  lar?: unknown;
  aircraft: (RawRelease & {
    name: string;
    lat_deg?: number | undefined;
    lon_deg?: number | undefined;
    heading_deg?: number | undefined;
    auto?: boolean | undefined;
  })[];
  missiles: { name: string; aircraft: string; target: { lat_deg: number; lon_deg: number } }[];
  decoys?: {
    name: string;
    aircraft: string;
    target: { lat_deg: number; lon_deg: number };
    warhead?: boolean;
  }[];
}

/** `auto: true` (with a `lar` block) or a release position and heading, not both (the mission's rules). */
function checkAutoRelease(
  add: ReturnType<typeof issueAdder>,
  v: RawSalvo,
  a: RawSalvo["aircraft"][number],
  i: number,
): void {
  const given = (["lat_deg", "lon_deg", "heading_deg"] as const).filter((k) => a[k] !== undefined);
  if (a.auto) {
    if (v.lar === undefined)
      add(
        ["aircraft", i, "auto"],
        "a `lar` block (the launch region the release point is chosen from)",
        "auto: true and no lar block",
      );
    if (given.length > 0)
      add(
        ["aircraft", i, "auto"],
        "either auto: true (the launch region chooses the release point and heading) or lat_deg, lon_deg and heading_deg, not both",
        `auto: true and ${given.join(", ")}`,
      );
    return;
  }
  for (const k of ["lat_deg", "lon_deg", "heading_deg"] as const)
    if (a[k] === undefined)
      add(["aircraft", i, k], `a number here, or auto: true with a \`lar\` block`, "neither");
  if (a.lat_deg !== undefined && a.lon_deg !== undefined)
    checkOutsideNoFly(
      add,
      v,
      { lat_deg: a.lat_deg, lon_deg: a.lon_deg },
      `the release point of ${a.name}`,
      ["aircraft", i],
    );
}

function checkSalvo(v: RawSalvo, ctx: z.RefinementCtx): void {
  const add = issueAdder(ctx);
  const names = new Set<string>();
  v.aircraft.forEach((a, i) => {
    checkRelease(add, a, ["aircraft", i]);
    if (names.has(a.name))
      add(["aircraft", i, "name"], "a name no other aircraft has", JSON.stringify(a.name));
    names.add(a.name);
    checkAutoRelease(add, v, a, i);
  });
  if (v.cruise) {
    checkOneAltitude(add, v.cruise, ["cruise"], false);
    checkHeightAboveGround(add, v.cruise, v.cruise.alt_ref, ["cruise"]);
  }
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
  (v.decoys ?? []).forEach((d, i) => {
    if (!names.has(d.aircraft)) {
      add(
        ["decoys", i, "aircraft"],
        `the name of an aircraft (one of ${list})`,
        JSON.stringify(d.aircraft),
      );
    }
    if (missiles.has(d.name))
      add(["decoys", i, "name"], "a name no other missile or decoy has", JSON.stringify(d.name));
    missiles.add(d.name);
    if (d.warhead === true) {
      add(
        ["decoys", i, "warhead"],
        "no warhead (a decoy carries none; list a flyer with a warhead under missiles)",
        "true",
      );
    }
    checkOutsideNoFly(add, v, d.target, `the target of ${d.name}`, ["decoys", i, "target"]);
  });
  checkCommon(v, ctx);
}
