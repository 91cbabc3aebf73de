/**
 * Reusable zod field builders for scenario files: units live in the key names (`alt_m`, `lat_deg`)
 * and every number must be finite and inside the physical limits of bounds.ts. Descriptions and
 * limits flow into the exported JSON Schema (description, minimum, maximum).
 */

import { z } from "zod";
import { type Bounds, ELEVATION_M, type HeightBounds, MACH } from "./bounds.js";

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

/** A number in [b.min, b.max]. */
export function within(description: string, b: Bounds): z.ZodNumber {
  return z.number().min(b.min).max(b.max).describe(description);
}

/**
 * A number > 0, at most `max`, and at least `floor` when given. A value ≤ 0 is reported only as
 * "> 0" (the floor check is skipped), so one mistake gives one line; a tiny positive value such
 * as 1e-12 is reported against the floor.
 */
export function positiveUpTo(description: string, max: number, floor?: number): z.ZodNumber {
  const s = z.number().positive({ abort: true });
  return (floor === undefined ? s : s.min(floor)).max(max).describe(description);
}

/** A number > 0 inside b (b.min > 0 is the floor; see positiveUpTo). */
export function positiveWithin(description: string, b: Bounds): z.ZodNumber {
  return positiveUpTo(description, b.max, b.min > 0 ? b.min : undefined);
}

/** A non-negative number, at most `max`. */
export function nonNegativeUpTo(description: string, max: number): z.ZodNumber {
  return z.number().nonnegative().max(max).describe(description);
}

/** A whole number in [min, max] (counts: interceptors, cells, runs). */
export function count(description: string, min: number, max: number): z.ZodNumber {
  return z.number().int().min(min).max(max).describe(description);
}

/** A probability, 0 to 1. */
export function probability(description: string): z.ZodNumber {
  return z.number().min(0).max(1).describe(description);
}

/** A height above the WGS-84 ellipsoid in metres, inside the field's limits. */
export function heightAboveEllipsoidM(description: string, b: HeightBounds): z.ZodNumber {
  return within(description, b.m);
}

/** The same height in feet: the metre limits converted, so the message speaks feet. */
export function heightAboveEllipsoidFt(description: string, b: HeightBounds): z.ZodNumber {
  return within(description, b.ft);
}

/** An optional alt_m / alt_ft pair with the same limits (at most one may be given). */
export function altitudePair(what: string, b: HeightBounds) {
  return {
    alt_m: heightAboveEllipsoidM(`${what}, m`, b).optional(),
    alt_ft: heightAboveEllipsoidFt(`${what}, ft`, b).optional(),
  };
}

/** A ground or aimpoint elevation above the ellipsoid, m (Dead Sea shore to Everest). */
export function elevationM(description: string): z.ZodNumber {
  return within(description, ELEVATION_M);
}

/** A commanded Mach number of the subsonic missile or its release. */
export function machNumber(description: string): z.ZodNumber {
  return within(description, MACH);
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

/** True when v is a number inside b (cross-field checks skip values already reported). */
export function isWithin(v: unknown, b: Bounds): v is number {
  return typeof v === "number" && v >= b.min && v <= b.max;
}
