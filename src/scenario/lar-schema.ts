/**
 * Schema of the optional `lar` block of a mission scenario: what `standoff lar` needs beyond the
 * mission (target, missile, cruise, terrain, no-fly areas, air defence) to find the launch
 * acceptability region: the launch aircraft, the release conditions to try, where the ingress
 * starts and the margin kept outside every SAM envelope. Units are in the key names.
 */

import { z } from "zod";
import { M_PER_FT } from "../core/units.js";
import { RELEASE_ALT, RELEASE_SPEED_KT } from "./bounds.js";
import { altitudePair, latitudeDeg, longitudeDeg, machNumber, within } from "./fields.js";

/** Launch aircraft presets (vehicle/launch-aircraft.ts; the compiler checks the engine maps each). */
export const LAR_AIRCRAFT = ["notional-f16-class"] as const;

const releaseCondition = z
  .strictObject({
    ...altitudePair("release altitude above the ellipsoid", RELEASE_ALT),
    mach: machNumber("release Mach number").optional(),
    speed_kt: within("release true airspeed, knots", RELEASE_SPEED_KT).optional(),
  })
  .describe("a release condition: one altitude and one speed");

/** The `lar` block. */
export const larSchema = z
  .strictObject({
    aircraft: z
      .enum(LAR_AIRCRAFT)
      .default("notional-f16-class")
      .describe("launch aircraft preset (speed, ceiling, turn load factor, RCS)"),
    releases: z
      .array(releaseCondition)
      .min(1)
      .max(6)
      .optional()
      .describe("release conditions to evaluate (default: the launch's altitude and speed)"),
    entry: z
      .union([
        z.strictObject({ lat_deg: latitudeDeg(), lon_deg: longitudeDeg() }),
        z.literal("none"),
      ])
      .optional()
      .describe(
        'start of the aircraft\'s straight ingress (default: the launch point; "none": the ingress is not checked and the release heading is towards the target)',
      ),
    margin_km: within("distance kept outside every SAM engagement envelope, km", {
      min: 0,
      max: 200,
    }).default(10),
    cell_km: z
      .number()
      .min(0.5)
      .max(20)
      .optional()
      .describe("grid cell of the region, km (default: planning.cell_km, else 2)"),
  })
  .superRefine((v, ctx) => {
    (v.releases ?? []).forEach((r, i) => {
      const add = (path: (string | number)[], expected: string, got: string) =>
        ctx.addIssue({
          code: "custom",
          path: ["releases", i, ...path],
          message: expected,
          params: { expected, got },
        });
      const alts = (r.alt_m === undefined ? 0 : 1) + (r.alt_ft === undefined ? 0 : 1);
      if (alts !== 1)
        add(
          alts === 0 ? ["alt_m"] : [],
          "exactly one of alt_m or alt_ft",
          alts === 0 ? "neither" : "both",
        );
      const speeds = (r.mach === undefined ? 0 : 1) + (r.speed_kt === undefined ? 0 : 1);
      if (speeds !== 1)
        add(
          speeds === 0 ? ["mach"] : [],
          "exactly one of mach or speed_kt",
          speeds === 0 ? "neither" : "both",
        );
    });
  })
  .describe("launch acceptability region: aircraft, release conditions, ingress and margin");

/** A validated `lar` block (defaults filled in). */
export type LarScenario = z.infer<typeof larSchema>;

/** Release altitude (m) of a condition given in metres or feet. */
export function larReleaseAlt_m(r: {
  alt_m?: number | undefined;
  alt_ft?: number | undefined;
}): number {
  return r.alt_m ?? (r.alt_ft ?? 0) * M_PER_FT;
}
