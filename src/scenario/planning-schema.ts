/**
 * Schema of the optional `planning` block (mission and salvo scenarios): how the route planner
 * builds its exposure map and what it must respect. A mission without waypoints is planned with
 * it; `standoff plan` always is. Units are in the key names.
 */

import { z } from "zod";
import { COST_WEIGHT_MAX, RCS_M2 } from "./bounds.js";
import { angleDeg, latitudeDeg, longitudeDeg, nonNegativeUpTo, positiveWithin } from "./fields.js";

const noFlySchema = z
  .strictObject({
    name: z.string().min(1).describe("label"),
    polygon: z
      .array(
        z
          .tuple([latitudeDeg(), longitudeDeg()])
          .describe("a vertex: [latitude, longitude], degrees"),
      )
      .min(3)
      .max(1000)
      .describe("vertices in order, [lat_deg, lon_deg] each; edges straight in latitude/longitude"),
  })
  .describe("an area the route must not enter");

/** The `planning` block. */
export const planningSchema = z
  .strictObject({
    cell_km: z.number().min(0.1).max(20).default(1).describe("planning grid cell size, km"),
    agl_m: z
      .number()
      .gt(0)
      .max(5000)
      .optional()
      .describe(
        "height above the terrain the exposure map assumes, m (default: the cruise height above ground, else 100)",
      ),
    no_fly: z.array(noFlySchema).max(100).default([]).describe("areas the route must not enter"),
    approach_azimuth_deg: angleDeg(
      "course of the final approach into the target, degrees from north (default: free)",
    ).optional(),
    weights: z
      .strictObject({
        exposure: nonNegativeUpTo(
          "weight of the expected number of detections (∫λ dt, weighted by site kind)",
          COST_WEIGHT_MAX,
        ).default(1),
        fuel_per_kg: nonNegativeUpTo("weight of a kilogram of fuel", COST_WEIGHT_MAX).default(0.02),
      })
      .default({ exposure: 1, fuel_per_kg: 0.02 })
      .describe("route cost = exposure·∫λ dt + fuel_per_kg·fuel"),
    reserve_fraction: z
      .number()
      .min(0)
      .max(0.9)
      .default(0.15)
      .describe("share of the missile's cruise range kept in reserve"),
    margin_km: z
      .number()
      .gt(0)
      .max(50)
      .optional()
      .describe("distance kept from no-fly areas, km (default: one cell)"),
    rcs_m2: positiveWithin(
      "radar cross-section the exposure map assumes, m² (default: the missile's, averaged over azimuth)",
      RCS_M2,
    ).optional(),
  })
  .superRefine(checkPlanning)
  .describe("route planning: exposure map, no-fly areas, final approach, weights and fuel reserve");

/** A validated planning block (defaults filled in). */
export type PlanningScenario = z.infer<typeof planningSchema>;

interface RawPlanning {
  no_fly: { polygon: [number, number][] }[];
  weights: { exposure: number; fuel_per_kg: number };
}

/** Twice the signed area of a polygon in degrees² (shoelace); 0 for a degenerate one. */
function doubleArea(poly: readonly (readonly [number, number])[]): number {
  let a = 0;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    a += poly[j][1] * poly[i][0] - poly[i][1] * poly[j][0];
  }
  return a;
}

function checkPlanning(v: RawPlanning, ctx: z.RefinementCtx): void {
  const add = (path: (string | number)[], expected: string, got: unknown) =>
    ctx.addIssue({ code: "custom", path, message: expected, params: { expected, got } });
  v.no_fly.forEach((a, i) => {
    // Vertices out of range are already reported; only a well-formed polygon can be flat.
    if (a.polygon.length >= 3 && Math.abs(doubleArea(a.polygon)) < 1e-12) {
      add(["no_fly", i, "polygon"], "a polygon enclosing some area", "vertices on one line");
    }
  });
  if (v.weights.exposure === 0 && v.weights.fuel_per_kg === 0) {
    add(["weights"], "at least one non-zero weight", "both 0");
  }
}
