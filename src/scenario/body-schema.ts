/**
 * Schema of the generic `body` scenario: a rigid body with constant-coefficient aerodynamics
 * released into the Earth model. Used for the NASA 6-DOF check cases and any free-flying object.
 */

import { z } from "zod";
import { M_PER_FT } from "../core/units.js";
import { ATMOSPHERE_MAX_ALT_M, ATMOSPHERE_MIN_ALT_M } from "../earth/atmosphere.js";
import { angleDeg, latitudeDeg, longitudeDeg, nonNegative, num, positive } from "./fields.js";

const coefficient = (d: string) => num(d).default(0);

/** The aerodynamic model: reference geometry, constant coefficients and derivatives. */
export const aeroSchema = z
  .strictObject({
    S_m2: nonNegative("reference area, m²").default(0),
    b_m: nonNegative("reference span for roll and yaw moments, m").default(0),
    cbar_m: nonNegative("reference chord for the pitch moment, m").default(0),
    CD: coefficient("drag coefficient (wind axes)"),
    CL: coefficient("lift coefficient (wind axes)"),
    CY: coefficient("side-force coefficient (wind axes)"),
    CL_alpha: coefficient("lift-curve slope, per radian"),
    CY_beta: coefficient("side-force slope, per radian"),
    Cl: coefficient("rolling-moment coefficient"),
    Cm: coefficient("pitching-moment coefficient"),
    Cn: coefficient("yawing-moment coefficient"),
    Cl_beta: coefficient("dihedral effect, per radian"),
    Cm_alpha: coefficient("pitch stiffness, per radian"),
    Cn_beta: coefficient("weathercock stability, per radian"),
    Clp: coefficient("roll damping, per (p·b/2V)"),
    Clr: coefficient("roll due to yaw rate, per (r·b/2V)"),
    Cmq: coefficient("pitch damping, per (q·c̄/2V)"),
    Cnp: coefficient("yaw due to roll rate, per (p·b/2V)"),
    Cnr: coefficient("yaw damping, per (r·b/2V)"),
  })
  .describe("aerodynamic coefficients; forces in wind axes, moments in body axes about the CG");

const inertiaSchema = z
  .strictObject({
    Ixx: positive("moment of inertia about body x, kg·m²"),
    Iyy: positive("moment of inertia about body y, kg·m²"),
    Izz: positive("moment of inertia about body z, kg·m²"),
    Ixy: num("product of inertia ∫xy dm, kg·m²").default(0),
    Ixz: num("product of inertia ∫xz dm, kg·m²").default(0),
    Iyz: num("product of inertia ∫yz dm, kg·m²").default(0),
  })
  .describe("inertia about the centre of gravity in body axes");

/** Mass properties and aerodynamics of the body. */
export const bodyPropertiesSchema = z.strictObject({
  mass_kg: positive("mass, kg"),
  inertia_kgm2: inertiaSchema,
  aero: aeroSchema.default(aeroSchema.parse({})),
});

const windLevelSchema = z.strictObject({
  alt_m: num("altitude of this level above the ellipsoid, m"),
  speed_mps: nonNegative("horizontal wind speed, m/s"),
  from_deg: angleDeg("direction the wind blows from, degrees clockwise from north"),
  down_mps: num("vertical air velocity, positive down, m/s").default(0),
});

/** Wind: calm, a profile of levels (one level = steady), or a power-law shear. */
export const windSchema = z
  .union([
    z.strictObject({
      levels: z
        .array(windLevelSchema)
        .min(1)
        .describe("levels, linearly interpolated in altitude, held constant beyond the ends"),
    }),
    z.strictObject({
      power_law: z.strictObject({
        ref_alt_m: positive("reference height, m"),
        speed_mps: nonNegative("wind speed at the reference height, m/s"),
        from_deg: angleDeg("direction the wind blows from, degrees clockwise from north"),
        exponent: z.number().min(0).max(1).describe("shear exponent α (about 1/7 over open land)"),
      }),
    }),
  ])
  .describe("wind relative to the Earth; omit for calm air");

/** The Earth model switches. */
export const earthSchema = z
  .strictObject({
    shape: z.enum(["wgs84", "sphere"]).default("wgs84").describe("Earth shape"),
    radius_m: positive("sphere radius, m (shape: sphere only)").optional(),
    rotation: z.boolean().default(true).describe("Earth rotation on or off"),
    gravity: z.enum(["none", "point_mass", "j2"]).default("j2").describe("gravitation model"),
    atmosphere: z
      .boolean()
      .default(true)
      .describe("U.S. Standard Atmosphere 1976 (−5 to 86 km) on, or vacuum"),
  })
  .describe("Earth model");

const vec = (a: string, b: string, c: string, unit: string) =>
  z.strictObject({
    [a]: num(`${a} component, ${unit}`),
    [b]: num(`${b} component, ${unit}`),
    [c]: num(`${c} component, ${unit}`),
  });

/** Initial conditions in the units people use; exactly one altitude and one velocity form. */
export const initialSchema = z
  .strictObject({
    lat_deg: latitudeDeg(),
    lon_deg: longitudeDeg(),
    alt_m: num("height above the WGS-84 ellipsoid, m").optional(),
    alt_ft: num("height above the WGS-84 ellipsoid, ft").optional(),
    velocity_ned_mps: vec("n", "e", "d", "m/s")
      .optional()
      .describe("Earth-relative velocity in local north-east-down axes"),
    velocity_body_mps: vec("u", "v", "w", "m/s")
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
    rates_dps: vec("p", "q", "r", "deg/s")
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
  duration_s: positive("simulated time, s"),
  step_s: positive("integration step, s"),
  stop_below_alt_m: z
    .number()
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
  wind?: { levels?: { alt_m: number }[] } | { power_law: unknown } | undefined;
  simulation: { duration_s: number; step_s: number; stop_below_alt_m: number | null };
};

/** Cross-field checks that a per-field schema cannot express. */
function checkBodyScenario(v: RawBody, ctx: z.RefinementCtx): void {
  const add = (path: (string | number)[], expected: string, got: unknown) =>
    ctx.addIssue({ code: "custom", path, message: expected, params: { expected, got } });

  if (v.earth.radius_m !== undefined && v.earth.shape !== "sphere") {
    add(["earth", "radius_m"], "no radius_m unless shape is sphere", v.earth.radius_m);
  }
  // A physically realisable inertia tensor is positive definite (Sylvester's criterion) and its
  // principal moments obey the triangle inequality; anything else makes the rotation blow up.
  const I = v.body.inertia_kgm2;
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
  const alt =
    v.initial.alt_m ?? (v.initial.alt_ft === undefined ? undefined : v.initial.alt_ft * M_PER_FT);
  const altKey = v.initial.alt_m !== undefined ? "alt_m" : "alt_ft";
  const altGot = v.initial.alt_m ?? v.initial.alt_ft;
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
  if (alt !== undefined && stop !== null && alt < stop) {
    add(
      ["initial", altKey],
      `an altitude at or above simulation.stop_below_alt_m (${stop} m)`,
      altGot,
    );
  }
  const levels = v.wind && "levels" in v.wind ? v.wind.levels : undefined;
  if (levels) {
    for (let i = 1; i < levels.length; i++) {
      if (!(levels[i].alt_m > levels[i - 1].alt_m)) {
        add(
          ["wind", "levels", i, "alt_m"],
          `levels in strictly increasing altitude (above ${levels[i - 1].alt_m} m)`,
          levels[i].alt_m,
        );
      }
    }
  }
  // Only compare step and duration when both are valid, so one mistake gives one line.
  const { step_s, duration_s } = v.simulation;
  if (!(step_s > 0 && duration_s > 0)) return;
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
