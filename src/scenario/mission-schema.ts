/**
 * Schema of the `mission` scenario: a notional missile released from a launch aircraft, flying a
 * route of waypoints to an aimpoint on synthetic geography. Units are in the key names; feet and
 * knots are accepted where labelled.
 */

import { z } from "zod";
import { M_PER_FT, MPS_PER_KT } from "../core/units.js";
import { atmosphere } from "../earth/atmosphere.js";
import { pointInPolygon } from "../earth/polygon.js";
import { windSchema } from "./body-schema.js";
import {
  ANTENNA_ALT_M,
  BARO_SIGMA_M,
  CRUISE_ALT,
  DELAY_S,
  EIRP_DBW,
  EIRP_W,
  ENGINE_THRUST_N,
  ENGINE_TSFC_PER_H,
  ENGINE_TSFC_SLOPE_PER_H,
  GNSS_RATE_HZ,
  type HeightBounds,
  MACH,
  MAX_FLIGHT_TIME_S as MAX_FLIGHT_S,
  MAX_LOAD_G,
  MIN_LOAD_G,
  MISSILE_AREA_M2,
  MISSILE_CD0,
  MISSILE_CL_ALPHA_PER_RAD,
  MISSILE_CL_MAX,
  MISSILE_FUEL_MAX_KG,
  MISSILE_MASS_KG,
  MISSILE_SPAN_M,
  MISSION_STEP_S,
  RCS_M2,
  RELEASE_ALT,
  RELEASE_SPEED_KT,
  SAM_ALT_M,
  SAM_RANGE_KM,
  SEPARATION_S,
  TERMINAL_RANGE_KM,
  TERMINAL_STEP_S,
  TIME_CONSTANT_S,
} from "./bounds.js";
import { dispersionsSchema } from "./dispersion-schema.js";
import {
  altitudePair,
  angleDeg,
  elevationM,
  isWithin,
  latitudeDeg,
  longitudeDeg,
  machNumber,
  positiveUpTo,
  positiveWithin,
  seedField,
  within,
} from "./fields.js";
import { larSchema } from "./lar-schema.js";
import { planningSchema } from "./planning-schema.js";
import { pathToString } from "./problems.js";
import { targetKnowledgeFields } from "./target-knowledge-schema.js";
import { terminalSchema } from "./terminal-schema.js";
import { airDefenceSchema, terrainSchema } from "./threat-schema.js";

/** Cruise and waypoint Mach range: the airframe and engine models are subsonic cruise models. */
export const CRUISE_MACH_MIN = MACH.min;
export const CRUISE_MACH_MAX = MACH.max;
/** Longest flight a mission may simulate, s. */
export const MAX_FLIGHT_TIME_S = MAX_FLIGHT_S;

const altitudeFields = {
  ...altitudePair("altitude (above the ellipsoid, or the ground with alt_ref: agl)", CRUISE_ALT),
  alt_ref: z
    .enum(["msl", "agl"])
    .optional()
    .describe("altitude reference: above mean sea level (the ellipsoid here) or above the ground"),
};

const airframeOverrides = z
  .strictObject({
    S_m2: positiveWithin("reference (wing) area, m²", MISSILE_AREA_M2),
    span_m: positiveWithin("wing span, m", MISSILE_SPAN_M),
    oswald_e: z.number().gt(0).max(1).describe("Oswald span efficiency"),
    cd0: positiveWithin("zero-lift drag coefficient", MISSILE_CD0),
    mach_dd: z.number().min(0.5).max(0.99).describe("drag-divergence Mach number"),
    cl_max: positiveWithin("maximum lift coefficient", MISSILE_CL_MAX),
    cl_alpha_per_rad: positiveWithin("lift-curve slope, per radian", MISSILE_CL_ALPHA_PER_RAD),
  })
  .partial();

const engineOverrides = z
  .strictObject({
    static_thrust_n: positiveWithin("maximum static sea-level thrust, N", ENGINE_THRUST_N),
    tsfc_static_per_h: positiveWithin("static sea-level TSFC, lb/(lbf·h)", ENGINE_TSFC_PER_H),
    tsfc_mach_slope_per_h: within(
      "TSFC increase per unit Mach, lb/(lbf·h)",
      ENGINE_TSFC_SLOPE_PER_H,
    ),
    throttle_ratio: z.number().min(1).max(1.3).describe("throttle ratio"),
    idle_fraction: z.number().min(0).max(0.9).describe("flight-idle thrust fraction"),
    spool_tau_s: positiveWithin("spool time constant, s", TIME_CONSTANT_S),
    start_delay_s: within("start command to light-off, s", DELAY_S),
  })
  .partial();

/**
 * Where and how a missile leaves its aircraft (mission `launch`, salvo `aircraft[]`): position,
 * one altitude (up to the launch aircraft's ceiling), one speed (Mach or true airspeed) and the
 * heading.
 */
export const releaseFields = {
  lat_deg: latitudeDeg(),
  lon_deg: longitudeDeg(),
  ...altitudePair("release altitude above the ellipsoid", RELEASE_ALT),
  mach: machNumber("release Mach number").optional(),
  speed_kt: within("release true airspeed, knots", RELEASE_SPEED_KT).optional(),
  heading_deg: angleDeg("release heading, degrees from north"),
};

/** Overrides of a preset's parameters; anything omitted keeps the preset's value. */
export const missileOverridesSchema = z
  .strictObject({
    launch_mass_kg: positiveWithin("mass at release, kg", MISSILE_MASS_KG),
    // Fuel has no floor of its own: it must be less than the launch mass (checkCommon).
    fuel_kg: positiveUpTo("usable fuel at release, kg", MISSILE_FUEL_MAX_KG),
    cruise_mach: machNumber("default cruise Mach"),
    separation_s: within("unguided fall after release, s", SEPARATION_S),
    airframe: airframeOverrides,
    engine: engineOverrides,
    limits: z
      .strictObject({
        max_load_g: positiveWithin("largest normal load factor, g", MAX_LOAD_G),
        min_load_g: within("smallest (most negative) load factor, g", MIN_LOAD_G),
        max_bank_deg: z.number().gt(0).max(89).describe("largest bank angle, degrees"),
        max_climb_deg: z.number().gt(0).max(60).describe("steepest midcourse climb, degrees"),
        max_dive_deg: z.number().gt(0).max(60).describe("steepest midcourse dive, degrees"),
      })
      .partial(),
    autopilot: z
      .strictObject({
        bank_tau_s: positiveWithin("bank response time constant, s", TIME_CONSTANT_S),
        load_tau_s: positiveWithin("load-factor response time constant, s", TIME_CONSTANT_S),
      })
      .partial(),
  })
  .partial();

const waypointSchema = z.strictObject({
  name: z.string().min(1).optional().describe("label"),
  lat_deg: latitudeDeg(),
  lon_deg: longitudeDeg(),
  ...altitudeFields,
  mach: machNumber("Mach from this waypoint on").optional(),
});

const jammerSchema = z
  .strictObject({
    name: z.string().min(1).describe("label"),
    lat_deg: latitudeDeg(),
    lon_deg: longitudeDeg(),
    alt_m: within("antenna height above the ellipsoid, m", ANTENNA_ALT_M).default(10),
    eirp_dbw: within("effective isotropic radiated power, dBW", EIRP_DBW).optional(),
    eirp_w: positiveWithin("effective isotropic radiated power, W", EIRP_W).optional(),
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
        rate_hz: positiveWithin("fix rate, Hz", GNSS_RATE_HZ).default(1),
        reacquire_s: within(
          "time above the acquisition threshold before fixes resume, s",
          DELAY_S,
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
    baro_sigma_m: within("barometric altimeter noise 1σ, m (0: no baro)", BARO_SIGMA_M).default(15),
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
  rcs_m2: positiveWithin(
    "radar cross-section at every aspect, m² (default: the notional stealthy aspect table)",
    RCS_M2,
  ).optional(),
});

/** Cruise height (and its reference) and Mach. */
export const cruiseSchema = z.strictObject({
  ...altitudeFields,
  mach: machNumber("cruise Mach").optional(),
});

/** The aimpoint and how to arrive there. */
export const targetSchema = z.strictObject({
  name: z.string().min(1).default("aimpoint"),
  lat_deg: latitudeDeg(),
  lon_deg: longitudeDeg(),
  elevation_m: elevationM(
    "aimpoint height above the ellipsoid, m (default: the terrain there, or the flat ground)",
  ).optional(),
  impact_angle_deg: z
    .number()
    .min(5)
    .max(90)
    .default(60)
    .describe("impact angle below the horizon"),
  terminal_range_km: positiveWithin(
    "range at which terminal guidance starts, km",
    TERMINAL_RANGE_KM,
  ).optional(),
});

/** A mission's target: the aimpoint, and how the target moves and what the missile knows of it. */
export const missionTargetSchema = targetSchema.extend(targetKnowledgeFields);

/** Ground, wind, jammers and terrain. */
export const environmentSchema = z
  .strictObject({
    ground_elevation_m: elevationM("flat ground height above the ellipsoid, m").default(0),
    wind: windSchema.optional(),
    jammers: z.array(jammerSchema).max(100).default([]).describe("notional GNSS jammers"),
    terrain: terrainSchema.optional(),
  })
  .default({ ground_elevation_m: 0, jammers: [] });

/** Integration steps and the time limit. */
export const simulationSchema = z
  .strictObject({
    step_s: positiveWithin("midcourse integration step, s", MISSION_STEP_S).default(0.05),
    terminal_step_s: positiveWithin("terminal-phase integration step, s", TERMINAL_STEP_S).default(
      0.005,
    ),
    // No floor beyond > 0: a run that ends at once is harmless, and says so.
    max_time_s: positiveUpTo("longest flight simulated, s", MAX_FLIGHT_TIME_S).default(10_000),
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
        ...releaseFields,
        auto: z
          .boolean()
          .optional()
          .describe(
            "release from the recommended point of the `lar` block's launch region (its first release condition), heading toward the first leg; lat_deg/lon_deg are then where the aircraft comes from and heading_deg is replaced",
          ),
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
    target: missionTargetSchema,
    environment: environmentSchema,
    air_defence: airDefenceSchema.optional(),
    planning: planningSchema.optional(),
    lar: larSchema.optional(),
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
            | {
                min_range_km?: number | undefined;
                max_range_km?: number | undefined;
                min_alt_m?: number | undefined;
                max_alt_m?: number | undefined;
              }
            | undefined;
        }[];
      }
    | undefined;
  planning?: { no_fly: { name: string; polygon: [number, number][] }[] } | undefined;
}

/** A commanded height: one of alt_m/alt_ft and its reference. */
export interface RawHeight {
  alt_m?: number | undefined;
  alt_ft?: number | undefined;
  alt_ref?: "msl" | "agl" | undefined;
}

interface RawMission extends RawCommon {
  launch: RawRelease & { lat_deg: number; lon_deg: number; auto?: boolean | undefined };
  lar?: unknown;
  route: {
    cruise?: RawHeight | undefined;
    waypoints: RawHeight[];
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

/**
 * The height in metres of an alt_m/alt_ft pair when exactly one is given and inside its limits;
 * undefined otherwise (that problem is reported on its own).
 */
function heightM(o: RawHeight, b: HeightBounds): number | undefined {
  if (o.alt_m !== undefined)
    return o.alt_ft === undefined && isWithin(o.alt_m, b.m) ? o.alt_m : undefined;
  return isWithin(o.alt_ft, b.ft) ? o.alt_ft * M_PER_FT : undefined;
}

/**
 * A height above the ground (alt_ref: agl, here or inherited) must be above it: the limits of
 * CRUISE_ALT reach below sea level for heights above the ellipsoid only.
 */
export function checkHeightAboveGround(
  add: AddIssue,
  o: RawHeight,
  ref: "msl" | "agl" | undefined,
  path: (string | number)[],
): void {
  const h = heightM(o, CRUISE_ALT);
  if (ref !== "agl" || h === undefined || h > 0) return;
  const key = o.alt_m === undefined ? "alt_ft" : "alt_m";
  add([...path, key], "a height above the ground > 0 (alt_ref: agl)", o.alt_m ?? o.alt_ft);
}

/** A release: one altitude and exactly one of mach or speed_kt, a subsonic Mach either way. */
export function checkRelease(add: AddIssue, r: RawRelease, path: (string | number)[]): void {
  checkOneAltitude(add, r, path, true);
  // A true airspeed is a Mach number only at an altitude: hold it to MACH there as well.
  const alt = heightM(r, RELEASE_ALT);
  if (alt !== undefined && r.mach === undefined && isWithin(r.speed_kt, RELEASE_SPEED_KT)) {
    const a = atmosphere(alt).a_mps;
    const mach = (r.speed_kt * MPS_PER_KT) / a;
    if (mach < MACH.min || mach > MACH.max) {
      const lo = Math.ceil((MACH.min * a) / MPS_PER_KT);
      const hi = Math.floor((MACH.max * a) / MPS_PER_KT);
      add(
        [...path, "speed_kt"],
        `a release speed of Mach ${MACH.min} to ${MACH.max}: ${lo} to ${hi} kt at ${Math.round(alt)} m`,
        `${r.speed_kt} (Mach ${mach.toFixed(3)})`,
      );
    }
  }
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
    if (isWithin(lo, SAM_RANGE_KM) && isWithin(hi, SAM_RANGE_KM) && lo >= hi)
      add(
        ["air_defence", "sites", i, "overrides", "min_range_km"],
        `less than max_range_km (${hi})`,
        lo,
      );
    const low = site.overrides?.min_alt_m;
    const high = site.overrides?.max_alt_m;
    if (isWithin(low, SAM_ALT_M) && isWithin(high, SAM_ALT_M) && low >= high)
      add(
        ["air_defence", "sites", i, "overrides", "min_alt_m"],
        `less than max_alt_m (${high})`,
        low,
      );
  });
  const o = v.missile.overrides;
  // Values outside their own limits are reported already: compare valid ones only.
  const fuel = o?.fuel_kg;
  const mass = o?.launch_mass_kg;
  if (
    isWithin(fuel, { min: 0, max: MISSILE_FUEL_MAX_KG }) &&
    isWithin(mass, MISSILE_MASS_KG) &&
    fuel >= mass
  ) {
    add(["missile", "overrides", "fuel_kg"], `less fuel than the launch mass (${mass} kg)`, fuel);
  }
  const { step_s, terminal_step_s } = v.simulation;
  if (!isWithin(step_s, MISSION_STEP_S) || !isWithin(terminal_step_s, TERMINAL_STEP_S)) return;
  const k = step_s / terminal_step_s;
  if (k < 1 || Math.abs(k - Math.round(k)) > 1e-9) {
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
  if (v.launch.auto && v.lar === undefined) {
    add(
      ["launch", "auto"],
      "a `lar` block (the launch region the release point is chosen from)",
      "auto: true and no lar block",
    );
  }
  const cruise = v.route.cruise;
  if (cruise) {
    checkOneAltitude(add, cruise, ["route", "cruise"], false);
    checkHeightAboveGround(add, cruise, cruise.alt_ref, ["route", "cruise"]);
  }
  v.route.waypoints.forEach((w, i) => {
    checkOneAltitude(add, w, ["route", "waypoints", i], false);
    checkHeightAboveGround(add, w, w.alt_ref ?? cruise?.alt_ref, ["route", "waypoints", i]);
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
