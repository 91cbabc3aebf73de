/**
 * The `terminal` block of a mission scenario: the terminal guidance law, the notional imaging-IR
 * seeker, the weather along its line of sight, and the target class that sets the damage
 * function. Units are in the key names.
 */

import { z } from "zod";
import { nonNegative, positive } from "./fields.js";

const weatherSchema = z
  .strictObject({
    visibility_km: positive("meteorological visibility, km").max(100).default(23),
    rain_mmph: nonNegative("rain rate, mm/h").max(200).default(0),
    cloud_base_m: z
      .number()
      .optional()
      .describe("overcast base above the ellipsoid, m (absent: no cloud)"),
    cloud_top_m: z.number().optional().describe("overcast top above the ellipsoid, m"),
    fog_type: z
      .enum(["radiation", "advection"])
      .default("radiation")
      .describe("fog droplet regime (used below 5 km visibility)"),
  })
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
        noise_mrad: nonNegative("angle noise after lock, 1σ per axis, mrad"),
        lock_loss_per_s: nonNegative("random loss-of-lock rate, 1/s"),
        acquisition_scale: positive("scale on the nominal acquisition ranges"),
      })
      .partial()
      .optional(),
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
  .describe("terminal phase: guidance law, seeker, weather and target class");

/** A validated terminal block. */
export type TerminalScenario = z.infer<typeof terminalSchema>;
