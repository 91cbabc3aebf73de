/**
 * Schema of the `mission` scenario: a notional missile released from a launch aircraft, flying a
 * route of waypoints to an aimpoint on synthetic geography. Units are in the key names; feet and
 * knots are accepted where labelled.
 */

import { z } from "zod";
import { pointInPolygon } from "../earth/polygon.js";
import { windSchema } from "./body-schema.js";
import { dispersionsSchema } from "./dispersion-schema.js";
import {
  angleDeg,
  latitudeDeg,
  longitudeDeg,
  nonNegative,
  num,
  positive,
  seedField,
} from "./fields.js";
import { planningSchema } from "./planning-schema.js";
import { pathToString } from "./problems.js";
import { terminalSchema } from "./terminal-schema.js";
import { airDefenceSchema, terrainSchema } from "./threat-schema.js";

const altitudeFields = {
  alt_m: num("altitude, m").optional(),
  alt_ft: num("altitude, ft").optional(),
  alt_ref: z
    .enum(["msl", "agl"])
    .optional()
    .describe("altitude reference: above mean sea level (the ellipsoid here) or above the ground"),
};

const airframeOverrides = z
  .strictObject({
    S_m2: positive("reference (wing) area, m²"),
    span_m: positive("wing span, m"),
    oswald_e: z.number().gt(0).max(1).describe("Oswald span efficiency"),
    cd0: positive("zero-lift drag coefficient"),
    mach_dd: z.number().min(0.5).max(0.99).describe("drag-divergence Mach number"),
    cl_max: positive("maximum lift coefficient"),
    cl_alpha_per_rad: positive("lift-curve slope, per radian"),
  })
  .partial();

const engineOverrides = z
  .strictObject({
    static_thrust_n: positive("maximum static sea-level thrust, N"),
    tsfc_static_per_h: positive("static sea-level TSFC, lb/(lbf·h)"),
    tsfc_mach_slope_per_h: nonNegative("TSFC increase per unit Mach, lb/(lbf·h)"),
    throttle_ratio: z.number().min(1).max(1.3).describe("throttle ratio"),
    idle_fraction: z.number().min(0).max(0.9).describe("flight-idle thrust fraction"),
    spool_tau_s: positive("spool time constant, s"),
    start_delay_s: nonNegative("start command to light-off, s"),
  })
  .partial();

/** Overrides of a preset's parameters; anything omitted keeps the preset's value. */
export const missileOverridesSchema = z
  .strictObject({
    launch_mass_kg: positive("mass at release, kg"),
    fuel_kg: positive("usable fuel at release, kg"),
    cruise_mach: z.number().min(0.3).max(0.95).describe("default cruise Mach"),
    separation_s: nonNegative("unguided fall after release, s"),
    airframe: airframeOverrides,
    engine: engineOverrides,
    limits: z
      .strictObject({
        max_load_g: positive("largest normal load factor, g"),
        min_load_g: z.number().max(0).describe("smallest (most negative) load factor, g"),
        max_bank_deg: z.number().gt(0).max(89).describe("largest bank angle, degrees"),
        max_climb_deg: z.number().gt(0).max(60).describe("steepest midcourse climb, degrees"),
        max_dive_deg: z.number().gt(0).max(60).describe("steepest midcourse dive, degrees"),
      })
      .partial(),
    autopilot: z
      .strictObject({
        bank_tau_s: positive("bank response time constant, s"),
        load_tau_s: positive("load-factor response time constant, s"),
      })
      .partial(),
  })
  .partial();

const waypointSchema = z.strictObject({
  name: z.string().min(1).optional().describe("label"),
  lat_deg: latitudeDeg(),
  lon_deg: longitudeDeg(),
  ...altitudeFields,
  mach: z.number().min(0.3).max(0.95).optional().describe("Mach from this waypoint on"),
});

const jammerSchema = z
  .strictObject({
    name: z.string().min(1).describe("label"),
    lat_deg: latitudeDeg(),
    lon_deg: longitudeDeg(),
    alt_m: num("antenna height above the ellipsoid, m").default(10),
    eirp_dbw: z
      .number()
      .min(-30)
      .max(60)
      .optional()
      .describe("effective isotropic radiated power, dBW"),
    eirp_w: positive("effective isotropic radiated power, W").optional(),
  })
  .describe("a notional GNSS jammer (link-budget level: EIRP and free-space loss)");

/** Navigation: perfect, or GPS/INS with an IMU grade, a receiver and an antenna. */
export const navigationSchema = z
  .strictObject({
    mode: z.enum(["perfect", "gnss_ins"]).default("perfect").describe("navigation model"),
    imu: z.enum(["navigation", "tactical", "mems"]).default("tactical").describe("IMU grade"),
    gnss: z
      .strictObject({
        code: z.enum(["CA", "PY"]).default("PY").describe("C/A or P(Y) code receiver"),
        rate_hz: z.number().gt(0).max(20).default(1).describe("fix rate, Hz"),
        reacquire_s: nonNegative(
          "time above the acquisition threshold before fixes resume, s",
        ).default(10),
        antenna: z
          .union([
            z.strictObject({
              kind: z.literal("fixed"),
              gain_toward_jammer_dbi: z.number().min(-40).max(10).default(0),
            }),
            z.strictObject({
              kind: z.literal("adaptive"),
              nulling_db: z.number().min(0).max(60).default(25),
              beam_gain_db: z.number().min(0).max(20).default(0),
            }),
          ])
          .default({ kind: "fixed", gain_toward_jammer_dbi: 0 }),
      })
      .default({
        code: "PY",
        rate_hz: 1,
        reacquire_s: 10,
        antenna: { kind: "fixed", gain_toward_jammer_dbi: 0 },
      }),
    baro_sigma_m: nonNegative("barometric altimeter noise 1σ, m (0: no baro)").default(15),
  })
  .default({
    mode: "perfect",
    imu: "tactical",
    gnss: {
      code: "PY",
      rate_hz: 1,
      reacquire_s: 10,
      antenna: { kind: "fixed", gain_toward_jammer_dbi: 0 },
    },
    baro_sigma_m: 15,
  });

/** The missile: a preset, its overrides and an optional constant RCS. */
export const missileSchema = z.strictObject({
  preset: z.enum(["agm158a-class", "agm158b-class"]).describe("notional preset"),
  overrides: missileOverridesSchema.optional(),
  rcs_m2: z
    .number()
    .gt(0)
    .max(100)
    .optional()
    .describe(
      "radar cross-section at every aspect, m² (default: the notional stealthy aspect table)",
    ),
});

/** Cruise height (and its reference) and Mach. */
export const cruiseSchema = z.strictObject({
  ...altitudeFields,
  mach: z.number().min(0.3).max(0.95).optional(),
});

/** The aimpoint and how to arrive there. */
export const targetSchema = z.strictObject({
  name: z.string().min(1).default("aimpoint"),
  lat_deg: latitudeDeg(),
  lon_deg: longitudeDeg(),
  elevation_m: num(
    "aimpoint height above the ellipsoid, m (default: the terrain there, or the flat ground)",
  ).optional(),
  impact_angle_deg: z
    .number()
    .min(5)
    .max(90)
    .default(60)
    .describe("impact angle below the horizon"),
  terminal_range_km: positive("range at which terminal guidance starts, km").optional(),
});

/** Ground, wind, jammers and terrain. */
export const environmentSchema = z
  .strictObject({
    ground_elevation_m: num("flat ground height above the ellipsoid, m").default(0),
    wind: windSchema.optional(),
    jammers: z.array(jammerSchema).max(100).default([]).describe("notional GNSS jammers"),
    terrain: terrainSchema.optional(),
  })
  .default({ ground_elevation_m: 0, jammers: [] });

/** Integration steps and the time limit. */
export const simulationSchema = z
  .strictObject({
    step_s: positive("midcourse integration step, s").max(0.5).default(0.05),
    terminal_step_s: positive("terminal-phase integration step, s").max(0.1).default(0.005),
    max_time_s: positive("longest flight simulated, s").max(100_000).default(10_000),
  })
  .default({ step_s: 0.05, terminal_step_s: 0.005, max_time_s: 10_000 });

/** The `mission` scenario kind. */
export const missionScenarioSchema = z
  .strictObject({
    kind: z.literal("mission"),
    name: z.string().min(1).describe("short title"),
    seed: seedField("random seed of the run"),
    navigation: navigationSchema,
    description: z.string().optional().describe("free text"),
    launch: z
      .strictObject({
        platform: z
          .string()
          .min(1)
          .default("F-16-class aircraft")
          .describe("launch aircraft (a label)"),
        lat_deg: latitudeDeg(),
        lon_deg: longitudeDeg(),
        alt_m: num("release altitude above the ellipsoid, m").optional(),
        alt_ft: num("release altitude above the ellipsoid, ft").optional(),
        mach: z.number().gt(0).max(0.95).optional().describe("release Mach number"),
        speed_kt: positive("release true airspeed, knots").optional(),
        heading_deg: angleDeg("release heading, degrees from north"),
      })
      .describe("release conditions"),
    missile: missileSchema,
    route: z
      .strictObject({
        cruise: cruiseSchema.optional().describe("defaults for waypoints that do not say"),
        waypoints: z
          .array(waypointSchema)
          .max(200)
          .default([])
          .describe("route after release; none: the route is planned (see planning)"),
      })
      .default({ waypoints: [] }),
    target: targetSchema,
    environment: environmentSchema,
    air_defence: airDefenceSchema.optional(),
    planning: planningSchema.optional(),
    terminal: terminalSchema.optional(),
    dispersions: dispersionsSchema.optional(),
    simulation: simulationSchema,
  })
  .superRefine(checkMission)
  .describe("a notional missile released from an aircraft, flying a route to an aimpoint");

/** A validated mission scenario (defaults filled in). */
export type MissionScenario = z.infer<typeof missionScenarioSchema>;

/** The parts of a raw (defaults filled, not yet refined) scenario that mission and salvo share. */
export interface RawCommon {
  missile: {
    overrides?: { launch_mass_kg?: number | undefined; fuel_kg?: number | undefined } | undefined;
  };
  simulation: { step_s: number; terminal_step_s: number };
  environment: { jammers: { eirp_dbw?: number | undefined; eirp_w?: number | undefined }[] };
  air_defence?:
    | {
        sites: {
          gnss_jammer?: { eirp_dbw?: number | undefined; eirp_w?: number | undefined } | undefined;
          overrides?:
            | { min_range_km?: number | undefined; max_range_km?: number | undefined }
            | undefined;
        }[];
      }
    | undefined;
  planning?: { no_fly: { name: string; polygon: [number, number][] }[] } | undefined;
}

interface RawMission extends RawCommon {
  launch: RawRelease & { lat_deg: number; lon_deg: number };
  route: {
    cruise?: { alt_m?: number | undefined; alt_ft?: number | undefined } | undefined;
    waypoints: { alt_m?: number | undefined; alt_ft?: number | undefined }[];
  };
  target: { lat_deg: number; lon_deg: number };
}

/** Release altitude and speed fields, each given one way. */
export interface RawRelease {
  alt_m?: number | undefined;
  alt_ft?: number | undefined;
  mach?: number | undefined;
  speed_kt?: number | undefined;
}

type AddIssue = (path: (string | number)[], expected: string, got: unknown) => void;

/** A function adding a custom issue with the expected/got details the error lines print. */
export function issueAdder(ctx: z.RefinementCtx): AddIssue {
  return (path, expected, got) =>
    ctx.addIssue({ code: "custom", path, message: expected, params: { expected, got } });
}

/** At most one of alt_m/alt_ft (exactly one when required). */
export function checkOneAltitude(
  add: AddIssue,
  o: { alt_m?: number | undefined; alt_ft?: number | undefined },
  path: (string | number)[],
  required: boolean,
): void {
  const n = (o.alt_m === undefined ? 0 : 1) + (o.alt_ft === undefined ? 0 : 1);
  if (n > 1) add(path, "at most one of alt_m or alt_ft", "both");
  if (required && n === 0) add([...path, "alt_m"], "one of alt_m or alt_ft", "neither");
}

/** A release: one altitude and exactly one of mach or speed_kt. */
export function checkRelease(add: AddIssue, r: RawRelease, path: (string | number)[]): void {
  checkOneAltitude(add, r, path, true);
  const speeds = (r.mach === undefined ? 0 : 1) + (r.speed_kt === undefined ? 0 : 1);
  if (speeds !== 1)
    add(
      speeds === 0 ? [...path, "mach"] : path,
      "exactly one of mach or speed_kt",
      speeds === 0 ? "neither" : "both",
    );
}

/** A point (degrees) that must lie outside every no-fly area of the planning block. */
export function checkOutsideNoFly(
  add: AddIssue,
  v: RawCommon,
  p: { lat_deg: number; lon_deg: number },
  what: string,
  path: (string | number)[],
): void {
  for (const [i, a] of (v.planning?.no_fly ?? []).entries()) {
    if (a.polygon.length >= 3 && pointInPolygon(p.lat_deg, p.lon_deg, a.polygon)) {
      add(
        ["planning", "no_fly", i, "polygon"],
        `an area that does not contain ${what}`,
        `${JSON.stringify(a.name)}, which contains ${pathToString(path)} (${p.lat_deg}, ${p.lon_deg})`,
      );
    }
  }
}

/** Checks shared by mission and salvo: jammers, sites, fuel overrides and the steps. */
export function checkCommon(v: RawCommon, ctx: z.RefinementCtx): void {
  const add = issueAdder(ctx);
  v.environment.jammers.forEach((j, i) => {
    const n = (j.eirp_dbw === undefined ? 0 : 1) + (j.eirp_w === undefined ? 0 : 1);
    if (n !== 1)
      add(
        ["environment", "jammers", i],
        "exactly one of eirp_dbw or eirp_w",
        n === 0 ? "neither" : "both",
      );
  });
  v.air_defence?.sites.forEach((site, i) => {
    const j = site.gnss_jammer;
    if (j) {
      const n = (j.eirp_dbw === undefined ? 0 : 1) + (j.eirp_w === undefined ? 0 : 1);
      if (n !== 1)
        add(
          ["air_defence", "sites", i, "gnss_jammer"],
          "exactly one of eirp_dbw or eirp_w",
          n === 0 ? "neither" : "both",
        );
    }
    const lo = site.overrides?.min_range_km;
    const hi = site.overrides?.max_range_km;
    if (lo !== undefined && hi !== undefined && lo >= hi)
      add(
        ["air_defence", "sites", i, "overrides", "min_range_km"],
        `less than max_range_km (${hi})`,
        lo,
      );
  });
  const o = v.missile.overrides;
  if (o?.fuel_kg !== undefined && o.launch_mass_kg !== undefined && o.fuel_kg >= o.launch_mass_kg) {
    add(
      ["missile", "overrides", "fuel_kg"],
      `less fuel than the launch mass (${o.launch_mass_kg} kg)`,
      o.fuel_kg,
    );
  }
  const { step_s, terminal_step_s } = v.simulation;
  const k = step_s / terminal_step_s;
  if (step_s > 0 && terminal_step_s > 0 && (k < 1 || Math.abs(k - Math.round(k)) > 1e-9)) {
    add(
      ["simulation", "terminal_step_s"],
      `a step that divides step_s (${step_s} s) a whole number of times`,
      terminal_step_s,
    );
  }
}

function checkMission(v: RawMission, ctx: z.RefinementCtx): void {
  const add = issueAdder(ctx);
  checkRelease(add, v.launch, ["launch"]);
  if (v.route.cruise) checkOneAltitude(add, v.route.cruise, ["route", "cruise"], false);
  v.route.waypoints.forEach((w, i) => {
    checkOneAltitude(add, w, ["route", "waypoints", i], false);
    if (
      w.alt_m === undefined &&
      w.alt_ft === undefined &&
      !(
        v.route.cruise &&
        (v.route.cruise.alt_m !== undefined || v.route.cruise.alt_ft !== undefined)
      )
    ) {
      add(["route", "waypoints", i, "alt_m"], "an altitude here or in route.cruise", "neither");
    }
  });
  checkOutsideNoFly(add, v, v.launch, "the release point", ["launch"]);
  checkOutsideNoFly(add, v, v.target, "the target", ["target"]);
  checkCommon(v, ctx);
}
