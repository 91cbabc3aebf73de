/**
 * The parts of a mission's `target` block about a target that moves or is not known exactly:
 * its motion (fixed, relocating between hides on a road, moving along a path), the location error
 * and age of the intelligence, the planner's aimpoint rule, and in-flight updates over a notional
 * weapon data link that can be jammed. Synthetic geography only. Every number is a plain scenario
 * field (e.g. target.intel_age_s, target.updates.interval_s), so a study can sweep it.
 */

import { z } from "zod";
import { ANTENNA_ALT_M, EIRP_DBW } from "./bounds.js";
import { latitudeDeg, longitudeDeg, nonNegativeUpTo, positiveUpTo, within } from "./fields.js";

/** Longest time a target-motion duration may be, s (a week). */
const MAX_DURATION_S = 7 * 86_400;
/** Fastest ground target, m/s (~250 km/h). */
const MAX_TARGET_SPEED_MPS = 70;

const point = z.tuple([latitudeDeg(), longitudeDeg()]).describe("[latitude, longitude], degrees");

const duration = (what: string) =>
  z
    .discriminatedUnion("distribution", [
      z.strictObject({
        distribution: z.literal("fixed"),
        value_s: nonNegativeUpTo(`${what}, s`, MAX_DURATION_S),
      }),
      z.strictObject({
        distribution: z.literal("uniform"),
        min_s: nonNegativeUpTo(`shortest ${what}, s`, MAX_DURATION_S),
        max_s: nonNegativeUpTo(`longest ${what}, s`, MAX_DURATION_S),
      }),
      z.strictObject({
        distribution: z.literal("exponential"),
        mean_s: nonNegativeUpTo(`mean ${what}, s`, MAX_DURATION_S),
      }),
    ])
    .describe(`${what}: fixed, uniform or exponential`);

const speed = positiveUpTo("target speed over the ground, m/s", MAX_TARGET_SPEED_MPS);

/** How the target moves; synthetic geography only. */
export const targetMotionSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("fixed") }),
    z.strictObject({
      kind: z.literal("relocating"),
      road: z.array(point).min(2).max(1000).describe("the road polyline the target drives on"),
      hides: z
        .array(
          z.strictObject({
            name: z.string().min(1).optional(),
            lat_deg: latitudeDeg(),
            lon_deg: longitudeDeg(),
          }),
        )
        .min(1)
        .max(50)
        .describe("hides on the road, visited in order from the target's position, cycling"),
      speed_mps: speed,
      departure: duration("time from the observation until it leaves its position"),
      dwell: duration("time it dwells at each hide"),
    }),
    z.strictObject({
      kind: z.literal("moving"),
      path: z
        .array(point)
        .min(1)
        .max(1000)
        .describe("points it drives through after the target's position, in order"),
      speed_mps: speed,
      stops: z
        .array(
          z.strictObject({
            point: z.number().int().min(0).describe("index into path where it halts"),
            duration_s: nonNegativeUpTo("halt, s", MAX_DURATION_S),
          }),
        )
        .max(1000)
        .default([])
        .describe("halts at points of the path"),
    }),
  ])
  .describe("how the target moves (default fixed)");

/** A target-location error: circular (sigma_m) or an ellipse. */
export const locationErrorSchema = z
  .union([
    z.strictObject({
      sigma_m: nonNegativeUpTo("circular location error, 1σ per axis, m", 50_000),
    }),
    z.strictObject({
      major_sigma_m: nonNegativeUpTo("location error along the major axis, 1σ, m", 50_000),
      minor_sigma_m: nonNegativeUpTo("location error along the minor axis, 1σ, m", 50_000),
      orientation_deg: within("bearing of the major axis, degrees from north", {
        min: -360,
        max: 360,
      }).default(0),
    }),
  ])
  .describe("target-location error of the observation (Gaussian)");

const linkJammerSchema = z.strictObject({
  name: z.string().min(1).describe("label"),
  lat_deg: latitudeDeg(),
  lon_deg: longitudeDeg(),
  alt_m: within("antenna height above the ellipsoid, m", ANTENNA_ALT_M).default(10),
  eirp_dbw: within("effective isotropic radiated power at the link frequency, dBW", EIRP_DBW),
});

/** In-flight updates over a notional one-way weapon data link. */
export const targetUpdatesSchema = z
  .strictObject({
    interval_s: positiveUpTo("time between updates, s", 3600),
    latency_s: nonNegativeUpTo("age of an update's content on arrival, s", 3600).default(0),
    error_sigma_m: nonNegativeUpTo("position error of each update, 1σ per axis, m", 50_000).default(
      0,
    ),
    link: z
      .strictObject({
        lat_deg: latitudeDeg(),
        lon_deg: longitudeDeg(),
        alt_m: within("transmitter height above the ellipsoid, m", ANTENNA_ALT_M).default(9000),
        eirp_dbw: within("transmitter EIRP, dBW", EIRP_DBW).default(20),
        frequency_mhz: within("carrier frequency, MHz", { min: 30, max: 40_000 }).default(1000),
        js_tolerance_db: within("largest J/S that still gets an update through, dB", {
          min: -30,
          max: 80,
        }).default(20),
        jammers: z
          .array(linkJammerSchema)
          .max(100)
          .default([])
          .describe("notional jammers on the link's band"),
      })
      .describe("the transmitter and the jamming (link budget J/S)"),
  })
  .describe("in-flight target updates over a notional one-way data link");

/** The keys these add to a mission's `target`. */
export const targetKnowledgeFields = {
  motion: targetMotionSchema.optional(),
  location_error: locationErrorSchema.optional(),
  intel_age_s: nonNegativeUpTo(
    "time from the last observation of the target to release, s (default 0)",
    MAX_DURATION_S,
  ).optional(),
  aimpoint: z
    .enum(["last_known", "predicted"])
    .optional()
    .describe(
      "the planner's aimpoint: the last known position (default), or a prediction along the road",
    ),
  updates: targetUpdatesSchema.optional(),
};
