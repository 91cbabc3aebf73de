/**
 * Reusable zod field builders for scenario files: units live in the key names (`alt_m`, `lat_deg`)
 * and every number must be finite. Descriptions flow into the exported JSON Schema.
 */

import { z } from "zod";

/** A finite number with a description. */
export function num(description: string): z.ZodNumber {
  return z.number().describe(description);
}

/** A strictly positive finite number. */
export function positive(description: string): z.ZodNumber {
  return z.number().positive().describe(description);
}

/** A non-negative finite number. */
export function nonNegative(description: string): z.ZodNumber {
  return z.number().nonnegative().describe(description);
}

/** Geodetic latitude in degrees, −90 to 90. */
export function latitudeDeg(): z.ZodNumber {
  return z.number().min(-90).max(90).describe("geodetic latitude, degrees north (−90 to 90)");
}

/** Longitude in degrees, −180 to 360. */
export function longitudeDeg(): z.ZodNumber {
  return z.number().min(-180).max(360).describe("longitude, degrees east (−180 to 360)");
}

/** An angle in degrees, −360 to 360. */
export function angleDeg(description: string): z.ZodNumber {
  return z.number().min(-360).max(360).describe(description);
}

/** A scenario's random seed: an integer 0 … 2^53 − 1, default 1. */
export function seedField(description: string) {
  return z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1).describe(description);
}

/** Extra fields a custom issue carries so the error line can say what was expected. */
export interface IssueDetail {
  readonly expected: string;
  readonly got?: unknown;
}
