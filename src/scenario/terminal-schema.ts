/**
 * The `terminal` block of a mission scenario: the terminal guidance law, the notional imaging-IR
 * seeker, the weather along its line of sight, and the target class that sets the damage
 * function. Units are in the key names.
 */

import { z } from "zod";
import {
  ACQUISITION_SCALE,
  CLOUD_ALT_M,
  LOCK_LOSS_PER_S,
  SEEKER_NOISE_MRAD,
  VISIBILITY_KM,
} from "./bounds.js";
import { isWithin, nonNegativeUpTo, positiveUpTo, positiveWithin, within } from "./fields.js";

/** A cloud layer has a base below its top; a top alone describes no cloud and would be ignored. */
function checkCloud(w: { cloud_base_m?: unknown; cloud_top_m?: unknown }, ctx: z.RefinementCtx) {
  const { cloud_base_m: base, cloud_top_m: top } = w;
  const add = (expected: string, got: unknown) =>
    ctx.addIssue({
      code: "custom",
      path: ["cloud_top_m"],
      message: expected,
      params: { expected, got },
    });
  if (base === undefined && top !== undefined) add("no cloud_top_m without a cloud_base_m", top);
  else if (isWithin(base, CLOUD_ALT_M) && isWithin(top, CLOUD_ALT_M) && !(top > base))
    add(`a cloud top above its base (${base} m)`, top);
}

const weatherSchema = z
  .strictObject({
    visibility_km: positiveWithin("meteorological visibility, km", VISIBILITY_KM).default(23),
    rain_mmph: nonNegativeUpTo("rain rate, mm/h", 200).default(0),
    cloud_base_m: within(
      "overcast base above the ellipsoid, m (absent: no cloud)",
      CLOUD_ALT_M,
    ).optional(),
    cloud_top_m: within(
      "overcast top above the ellipsoid, m (default: 1,000 m above the base)",
      CLOUD_ALT_M,
    ).optional(),
    fog_type: z
      .enum(["radiation", "advection"])
      .default("radiation")
      .describe("fog droplet regime (used below 5 km visibility)"),
  })
  .superRefine(checkCloud)
  .describe("weather along the seeker's line of sight (default: clear, 23 km visibility)");

const seekerSchema = z
  .strictObject({
    preset: z.literal("jassm-class-iir").default("jassm-class-iir").describe("notional seeker"),
    contrast: z
      .enum(["high", "medium", "low"])
      .default("medium")
      .describe("target contrast class in the 8–12 µm band"),
    night: z.boolean().default(false).describe("night (no solar loading)"),
    overrides: z
      .strictObject({
        fov_deg: z.number().gt(0).max(60).describe("full field of view, degrees"),
        gimbal_deg: z.number().gt(0).max(90).describe("gimbal limit, degrees"),
        noise_mrad: within("angle noise after lock, 1σ per axis, mrad", SEEKER_NOISE_MRAD),
        lock_loss_per_s: within("random loss-of-lock rate, 1/s", LOCK_LOSS_PER_S),
        acquisition_scale: positiveWithin(
          "scale on the nominal acquisition ranges",
          ACQUISITION_SCALE,
        ),
      })
      .partial()
      .optional(),
    search: z
      .strictObject({
        pattern: z
          .enum(["stare", "scan"])
          .default("scan")
          .describe("stare at the cue point, or scan a footprint around it"),
        radius_m: positiveUpTo("radius of the scanned ground footprint, m", 20_000).optional(),
      })
      .optional()
      .describe("how the seeker searches around the believed target position (default: stare)"),
  })
  .describe("a statistical imaging-infrared seeker (no image processing)");

/** The `terminal` block. */
export const terminalSchema = z
  .strictObject({
    law: z
      .enum(["impact_angle", "pn"])
      .default("impact_angle")
      .describe("terminal guidance law: impact-angle control or true proportional navigation"),
    seeker: seekerSchema.optional(),
    reattack: z
      .boolean()
      .optional()
      .describe(
        "allow one notional re-attack when the seeker search fails (default false; needs a seeker)",
      ),
    weather: weatherSchema.optional(),
    target_class: z
      .enum([
        "soft-area",
        "light-structure",
        "heavy-structure",
        "hardened-shelter",
        "buried-bunker",
      ])
      .optional()
      .describe("target class for the notional damage function (absent: no P(damage))"),
  })
  .superRefine((t, ctx) => {
    // A re-attack follows a failed seeker search: without a seeker there is none to fail.
    if (t.reattack && !t.seeker)
      ctx.addIssue({
        code: "custom",
        path: ["reattack"],
        message: "a terminal.seeker to search with (a re-attack follows a failed search)",
        params: {
          expected: "a terminal.seeker to search with (a re-attack follows a failed search)",
          got: true,
        },
      });
  })
  .describe("terminal phase: guidance law, seeker, weather and target class");

/** A validated terminal block. */
export type TerminalScenario = z.infer<typeof terminalSchema>;
