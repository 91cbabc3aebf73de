/**
 * Schema of the generic `body` scenario: a rigid body with constant-coefficient aerodynamics
 * released into the Earth model. Used for the NASA 6-DOF check cases and any free-flying object.
 */

import { z } from "zod";
import { M_PER_FT } from "../core/units.js";
import { ATMOSPHERE_MAX_ALT_M, ATMOSPHERE_MIN_ALT_M } from "../earth/atmosphere.js";
import {
  AERO_COEFFICIENT,
  AERO_DERIVATIVE,
  BODY_ALT,
  BODY_AREA_M2,
  BODY_INERTIA_KGM2,
  BODY_LENGTH_M,
  BODY_MASS_KG,
  BODY_RATE_DPS,
  BODY_STEP_MAX_S,
  BODY_VELOCITY_MPS,
  type Bounds,
  MAX_FLIGHT_TIME_S,
  POWER_LAW_CHECK_ALT_M,
  POWER_LAW_REF_ALT_M,
  SPHERE_RADIUS_M,
  VERTICAL_WIND_MPS,
  WIND_SPEED_MPS,
} from "./bounds.js";
import {
  angleDeg,
  heightAboveEllipsoidFt,
  heightAboveEllipsoidM,
  isWithin,
  latitudeDeg,
  longitudeDeg,
  positiveUpTo,
  positiveWithin,
  within,
} from "./fields.js";

/** A constant coefficient (force or moment), default 0. */
const coefficient = (d: string) => within(d, AERO_COEFFICIENT).default(0);
/** A per-radian slope or a damping derivative, default 0. */
const derivative = (d: string) => within(d, AERO_DERIVATIVE).default(0);

/** The aerodynamic model: reference geometry, constant coefficients and derivatives. */
export const aeroSchema = z
  .strictObject({
    S_m2: within("reference area, m²", BODY_AREA_M2).default(0),
    b_m: within("reference span for roll and yaw moments, m", BODY_LENGTH_M).default(0),
    cbar_m: within("reference chord for the pitch moment, m", BODY_LENGTH_M).default(0),
    CD: coefficient("drag coefficient (wind axes)"),
    CL: coefficient("lift coefficient (wind axes)"),
    CY: coefficient("side-force coefficient (wind axes)"),
    CL_alpha: derivative("lift-curve slope, per radian"),
    CY_beta: derivative("side-force slope, per radian"),
    Cl: coefficient("rolling-moment coefficient"),
    Cm: coefficient("pitching-moment coefficient"),
    Cn: coefficient("yawing-moment coefficient"),
    Cl_beta: derivative("dihedral effect, per radian"),
    Cm_alpha: derivative("pitch stiffness, per radian"),
    Cn_beta: derivative("weathercock stability, per radian"),
    Clp: derivative("roll damping, per (p·b/2V)"),
    Clr: derivative("roll due to yaw rate, per (r·b/2V)"),
    Cmq: derivative("pitch damping, per (q·c̄/2V)"),
    Cnp: derivative("yaw due to roll rate, per (p·b/2V)"),
    Cnr: derivative("yaw damping, per (r·b/2V)"),
  })
  .describe("aerodynamic coefficients; forces in wind axes, moments in body axes about the CG");

/** Products of inertia may be negative; their size is bounded like the moments'. */
const PRODUCT_OF_INERTIA: Bounds = { min: -BODY_INERTIA_KGM2.max, max: BODY_INERTIA_KGM2.max };

const inertiaSchema = z
  .strictObject({
    Ixx: positiveWithin("moment of inertia about body x, kg·m²", BODY_INERTIA_KGM2),
    Iyy: positiveWithin("moment of inertia about body y, kg·m²", BODY_INERTIA_KGM2),
    Izz: positiveWithin("moment of inertia about body z, kg·m²", BODY_INERTIA_KGM2),
    Ixy: within("product of inertia ∫xy dm, kg·m²", PRODUCT_OF_INERTIA).default(0),
    Ixz: within("product of inertia ∫xz dm, kg·m²", PRODUCT_OF_INERTIA).default(0),
    Iyz: within("product of inertia ∫yz dm, kg·m²", PRODUCT_OF_INERTIA).default(0),
  })
  .describe("inertia about the centre of gravity in body axes");

/** Mass properties and aerodynamics of the body. */
export const bodyPropertiesSchema = z.strictObject({
  mass_kg: positiveWithin("mass, kg", BODY_MASS_KG),
  inertia_kgm2: inertiaSchema,
  aero: aeroSchema.default(aeroSchema.parse({})),
});

const windLevelSchema = z.strictObject({
  alt_m: heightAboveEllipsoidM("altitude of this level above the ellipsoid, m", BODY_ALT),
  speed_mps: within("horizontal wind speed, m/s", WIND_SPEED_MPS),
  from_deg: angleDeg("direction the wind blows from, degrees clockwise from north"),
  down_mps: within("vertical air velocity, positive down, m/s", VERTICAL_WIND_MPS).default(0),
});

/**
 * Levels must climb strictly: the profile interpolates between neighbours, so a repeated altitude
 * would give two winds at one height. Altitudes already reported as out of range are skipped.
 */
function checkLevelOrder(levels: readonly { alt_m: unknown }[], ctx: z.RefinementCtx): void {
  let prev: { i: number; alt: number } | null = null;
  const first = new Map<number, number>();
  levels.forEach((level, i) => {
    const alt = level.alt_m;
    if (!isWithin(alt, BODY_ALT.m)) return;
    const same = first.get(alt);
    if (same !== undefined) {
      const expected = `levels in strictly increasing altitude (a level above ${alt} m: levels[${same}] is already at ${alt} m)`;
      ctx.addIssue({
        code: "custom",
        path: [i, "alt_m"],
        message: expected,
        params: { expected, got: `${alt}, a duplicate of levels[${same}]` },
      });
    } else if (prev !== null && alt < prev.alt) {
      const expected = `levels in strictly increasing altitude (above ${prev.alt} m)`;
      ctx.addIssue({
        code: "custom",
        path: [i, "alt_m"],
        message: expected,
        params: { expected, got: alt },
      });
    }
    if (same === undefined) first.set(alt, i);
    prev = { i, alt };
  });
}

/**
 * The power law grows without limit with height: the wind it gives at the highest cruise must
 * still be a wind (a 1 m reference and exponent 1 would make 150 m/s into 2e6 m/s).
 */
function checkPowerLaw(
  p: { ref_alt_m: unknown; speed_mps: unknown; exponent: unknown },
  ctx: z.RefinementCtx,
): void {
  const { ref_alt_m: ref, speed_mps: v, exponent: a } = p;
  if (!isWithin(ref, POWER_LAW_REF_ALT_M) || !isWithin(v, WIND_SPEED_MPS)) return;
  if (!isWithin(a, { min: 0, max: 1 })) return;
  const top = v * (POWER_LAW_CHECK_ALT_M / ref) ** a;
  if (top > WIND_SPEED_MPS.max) {
    const expected = `a shear giving at most ${WIND_SPEED_MPS.max} m/s at ${POWER_LAW_CHECK_ALT_M} m (the highest cruise)`;
    ctx.addIssue({
      code: "custom",
      path: ["speed_mps"],
      message: expected,
      params: {
        expected,
        got: `${v}·(${POWER_LAW_CHECK_ALT_M}/${ref})^${a} = ${top.toPrecision(3)} m/s`,
      },
    });
  }
}

/** Wind: calm, a profile of levels (one level = steady), or a power-law shear. */
export const windSchema = z
  .union([
    z.strictObject({
      levels: z
        .array(windLevelSchema)
        .min(1)
        .max(1000)
        .superRefine(checkLevelOrder)
        .describe(
          "levels in strictly increasing altitude, linearly interpolated, held constant beyond the ends",
        ),
    }),
    z.strictObject({
      power_law: z
        .strictObject({
          ref_alt_m: positiveWithin("reference height, m", POWER_LAW_REF_ALT_M),
          speed_mps: within("wind speed at the reference height, m/s", WIND_SPEED_MPS),
          from_deg: angleDeg("direction the wind blows from, degrees clockwise from north"),
          exponent: z
            .number()
            .min(0)
            .max(1)
            .describe("shear exponent α (about 1/7 over open land)"),
        })
        .superRefine(checkPowerLaw),
    }),
  ])
  .describe("wind relative to the Earth; omit for calm air");

/** The Earth model switches. */
export const earthSchema = z
  .strictObject({
    shape: z.enum(["wgs84", "sphere"]).default("wgs84").describe("Earth shape"),
    radius_m: positiveWithin("sphere radius, m (shape: sphere only)", SPHERE_RADIUS_M).optional(),
    rotation: z.boolean().default(true).describe("Earth rotation on or off"),
    gravity: z.enum(["none", "point_mass", "j2"]).default("j2").describe("gravitation model"),
    atmosphere: z
      .boolean()
      .default(true)
      .describe("U.S. Standard Atmosphere 1976 (−5 to 86 km) on, or vacuum"),
  })
  .describe("Earth model");

const vec = (a: string, b: string, c: string, unit: string, bounds: Bounds) =>
  z.strictObject({
    [a]: within(`${a} component, ${unit}`, bounds),
    [b]: within(`${b} component, ${unit}`, bounds),
    [c]: within(`${c} component, ${unit}`, bounds),
  });

/** Initial conditions in the units people use; exactly one altitude and one velocity form. */
export const initialSchema = z
  .strictObject({
    lat_deg: latitudeDeg(),
    lon_deg: longitudeDeg(),
    alt_m: heightAboveEllipsoidM("height above the WGS-84 ellipsoid, m", BODY_ALT).optional(),
    alt_ft: heightAboveEllipsoidFt("height above the WGS-84 ellipsoid, ft", BODY_ALT).optional(),
    velocity_ned_mps: vec("n", "e", "d", "m/s", BODY_VELOCITY_MPS)
      .optional()
      .describe("Earth-relative velocity in local north-east-down axes"),
    velocity_body_mps: vec("u", "v", "w", "m/s", BODY_VELOCITY_MPS)
      .optional()
      .describe("Earth-relative velocity in body axes"),
    euler_deg: z
      .strictObject({
        roll: angleDeg("roll φ, degrees"),
        pitch: z.number().min(-90).max(90).describe("pitch θ, degrees (−90 to 90)"),
        yaw: angleDeg("yaw (heading) ψ, degrees"),
      })
      .default({ roll: 0, pitch: 0, yaw: 0 })
      .describe("3-2-1 Euler angles of the body relative to local NED"),
    rates_dps: vec("p", "q", "r", "deg/s", BODY_RATE_DPS)
      .default({ p: 0, q: 0, r: 0 })
      .describe("body angular rates"),
    rates_relative_to: z
      .enum(["inertial", "earth"])
      .default("earth")
      .describe("whether rates_dps are relative to inertial space or to the rotating Earth"),
  })
  .superRefine((v, ctx) => {
    const alts = (v.alt_m === undefined ? 0 : 1) + (v.alt_ft === undefined ? 0 : 1);
    if (alts !== 1) {
      ctx.addIssue({
        code: "custom",
        path: alts === 0 ? ["alt_m"] : [],
        message: "altitude",
        params: {
          expected: "exactly one of alt_m or alt_ft",
          got: alts === 0 ? "neither" : "both",
        },
      });
    }
    const vels =
      (v.velocity_ned_mps === undefined ? 0 : 1) + (v.velocity_body_mps === undefined ? 0 : 1);
    if (vels !== 1) {
      ctx.addIssue({
        code: "custom",
        path: vels === 0 ? ["velocity_ned_mps"] : [],
        message: "velocity",
        params: {
          expected: "exactly one of velocity_ned_mps or velocity_body_mps",
          got: vels === 0 ? "neither" : "both",
        },
      });
    }
  });

/** Fixed-step integration settings. */
export const simulationSchema = z.strictObject({
  duration_s: positiveUpTo("simulated time, s", MAX_FLIGHT_TIME_S),
  // No floor here: a tiny step is caught by the cap of 1e9 steps per run below.
  step_s: positiveUpTo("integration step, s", BODY_STEP_MAX_S),
  stop_below_alt_m: heightAboveEllipsoidM("stop height above the ellipsoid, m", BODY_ALT)
    .nullable()
    .default(0)
    .describe(
      "stop when descending through this height above the ellipsoid, m; null to never stop",
    ),
});

/** The `body` scenario kind. */
export const bodyScenarioSchema = z
  .strictObject({
    kind: z.literal("body"),
    name: z.string().min(1).describe("short title"),
    description: z.string().optional().describe("free text"),
    earth: earthSchema.default(earthSchema.parse({})),
    wind: windSchema.optional(),
    body: bodyPropertiesSchema,
    initial: initialSchema,
    simulation: simulationSchema,
  })
  .superRefine(checkBodyScenario)
  .describe("a rigid body with constant-coefficient aerodynamics, flown by the 6-DOF model");

/** A validated body scenario (defaults filled in). */
export type BodyScenario = z.infer<typeof bodyScenarioSchema>;

type RawBody = {
  earth: { shape: string; radius_m?: number | undefined; atmosphere: boolean };
  body: {
    inertia_kgm2: { Ixx: number; Iyy: number; Izz: number; Ixy: number; Ixz: number; Iyz: number };
  };
  initial: { alt_m?: number | undefined; alt_ft?: number | undefined };
  simulation: { duration_s: number; step_s: number; stop_below_alt_m: number | null };
};

/**
 * A physically realisable inertia tensor is positive definite (Sylvester's criterion) and its
 * principal moments obey the triangle inequality; anything else makes the rotation blow up.
 */
function checkInertia(
  I: { Ixx: number; Iyy: number; Izz: number; Ixy: number; Ixz: number; Iyz: number },
  add: (path: (string | number)[], expected: string, got: unknown) => void,
): void {
  const m1 = I.Ixx;
  const m2 = I.Ixx * I.Iyy - I.Ixy * I.Ixy;
  const det =
    I.Ixx * (I.Iyy * I.Izz - I.Iyz * I.Iyz) -
    I.Ixy * (I.Ixy * I.Izz + I.Iyz * I.Ixz) -
    I.Ixz * (I.Ixy * I.Iyz + I.Iyy * I.Ixz);
  if (!(m1 > 0 && m2 > 0 && det > 0)) {
    add(
      ["body", "inertia_kgm2"],
      "a positive-definite inertia tensor",
      "a tensor with determinant ≤ 0",
    );
  } else if (I.Ixx + I.Iyy < I.Izz || I.Iyy + I.Izz < I.Ixx || I.Ixx + I.Izz < I.Iyy) {
    add(
      ["body", "inertia_kgm2"],
      "principal moments obeying the triangle inequality (Ixx + Iyy ≥ Izz, …)",
      `Ixx ${I.Ixx}, Iyy ${I.Iyy}, Izz ${I.Izz}`,
    );
  }
}

/** Cross-field checks that a per-field schema cannot express. */
function checkBodyScenario(v: RawBody, ctx: z.RefinementCtx): void {
  const add = (path: (string | number)[], expected: string, got: unknown) =>
    ctx.addIssue({ code: "custom", path, message: expected, params: { expected, got } });

  if (v.earth.radius_m !== undefined && v.earth.shape !== "sphere") {
    add(["earth", "radius_m"], "no radius_m unless shape is sphere", v.earth.radius_m);
  }
  const I = v.body.inertia_kgm2;
  const moments = [I.Ixx, I.Iyy, I.Izz].every((x) => isWithin(x, BODY_INERTIA_KGM2));
  const products = [I.Ixy, I.Ixz, I.Iyz].every((x) => isWithin(x, PRODUCT_OF_INERTIA));
  // A moment or product outside its limits is reported already: one mistake, one line.
  if (moments && products) checkInertia(I, add);
  // An altitude outside its own limits is already reported; compare only valid ones.
  const { alt_m, alt_ft } = v.initial;
  const alt = isWithin(alt_m, BODY_ALT.m)
    ? alt_m
    : alt_m === undefined && isWithin(alt_ft, BODY_ALT.ft)
      ? alt_ft * M_PER_FT
      : undefined;
  const altKey = alt_m !== undefined ? "alt_m" : "alt_ft";
  const altGot = alt_m ?? alt_ft;
  if (alt !== undefined && v.earth.atmosphere) {
    if (alt > ATMOSPHERE_MAX_ALT_M || alt < ATMOSPHERE_MIN_ALT_M) {
      add(
        ["initial", altKey],
        `an altitude inside the atmosphere model (${ATMOSPHERE_MIN_ALT_M} to ${ATMOSPHERE_MAX_ALT_M} m), or earth.atmosphere: false`,
        altGot,
      );
    }
  }
  const stop = v.simulation.stop_below_alt_m;
  if (alt !== undefined && isWithin(stop, BODY_ALT.m) && alt < stop) {
    add(
      ["initial", altKey],
      `an altitude at or above simulation.stop_below_alt_m (${stop} m)`,
      altGot,
    );
  }
  // Only compare step and duration when both are valid, so one mistake gives one line.
  const { step_s, duration_s } = v.simulation;
  if (!(step_s > 0 && step_s <= BODY_STEP_MAX_S)) return;
  if (!(duration_s > 0 && duration_s <= MAX_FLIGHT_TIME_S)) return;
  if (step_s > duration_s) {
    add(
      ["simulation", "step_s"],
      `a step no longer than duration_s (${v.simulation.duration_s} s)`,
      v.simulation.step_s,
    );
  }
  if (duration_s / step_s > 1e9) {
    add(["simulation", "step_s"], "at most 1e9 steps in the run", v.simulation.step_s);
  }
}
