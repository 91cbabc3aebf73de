/** What `standoff lar` computes: release points, regions and their per-condition results. */

import type { ReachTable } from "../mission/reach-table.js";
import type { DetectionTime, ThreatMargin } from "../planning/aircraft-exposure.js";
import type { CostToGo } from "../planning/cost-to-go.js";
import type { PlanningGrid } from "../planning/planning-grid.js";
import type { RoutePlanner } from "../planning/route-search.js";
import type { ElevationGrid } from "../terrain/elevation-grid.js";
import type { LaunchAircraftParams } from "../vehicle/launch-aircraft.js";

/** A point of the region with what it means for the missile. */
export interface LarPoint {
  readonly lat_deg: number;
  readonly lon_deg: number;
  /** Straight distance to the target, m. */
  readonly distance_m: number;
  /** Planned route length to the target, m, and the usable range along it, m. */
  readonly routeLength_m: number;
  readonly usable_m: number;
}

/** The recommended release point and the aircraft's flight through it. */
export interface LarRecommended extends LarPoint {
  /** Distance to the region's edge, m. */
  readonly depth_m: number;
  /** The planned route from it to the target, degrees. */
  readonly route: { lat_deg: number; lon_deg: number }[];
  /** The aircraft's track: ingress, release, egress turn and run back, degrees. */
  readonly track: { lat_deg: number[]; lon_deg: number[] };
  /** Egress turn side. */
  readonly turn: "left" | "right";
  readonly margins: readonly ThreatMargin[];
  readonly detection: { readonly perRadar: readonly DetectionTime[]; readonly any_s: number };
}

/** Polygons in degrees: rings of [lon, lat] (GeoJSON order), outer ring first. */
export type LonLatPolygon = [number, number][][];

/** One release condition's region. */
export interface LarConditionResult {
  readonly alt_m: number;
  readonly tas_mps: number;
  readonly mach: number;
  readonly reach: ReachTable;
  /** Usable range (reach less the reserve) over directions, m. */
  readonly usableMin_m: number;
  readonly usableMax_m: number;
  readonly minDistance_m: number;
  readonly turnRadius_m: number;
  readonly rasters: {
    readonly missile: Uint8Array;
    readonly aircraft: Uint8Array;
    readonly acceptable: Uint8Array;
  };
  readonly polygons: {
    readonly missile: LonLatPolygon[];
    readonly aircraft: LonLatPolygon[];
    readonly acceptable: LonLatPolygon[];
  };
  readonly area_m2: {
    readonly missile: number;
    readonly aircraft: number;
    readonly acceptable: number;
  };
  readonly nearest: LarPoint | null;
  readonly farthest: LarPoint | null;
  readonly recommended: LarRecommended | null;
  /** The aircraft's flight through LarOptions.through (first condition only; else null). */
  readonly through: LarRecommended | null;
  /** Why the region is empty and the nearest point that would work, or null. */
  readonly empty: { readonly reason: string; readonly nearest: LarPoint | null } | null;
}

/** A whole `standoff lar` result. */
export interface LarResult {
  readonly file: string;
  readonly name: string;
  readonly missile: string;
  readonly aircraft: LaunchAircraftParams;
  readonly target: { readonly name: string; readonly lat_deg: number; readonly lon_deg: number };
  /** Start of the ingress (null: not checked). */
  readonly entry: { readonly lat_deg: number; readonly lon_deg: number } | null;
  readonly cruise: { readonly alt_m: number; readonly agl_m: number | null; readonly mach: number };
  readonly reserveFraction: number;
  readonly margin_m: number;
  readonly grid: PlanningGrid;
  readonly cell_m: number;
  readonly terrain: ElevationGrid | null;
  readonly sams: readonly {
    readonly name: string;
    readonly lat_deg: number;
    readonly lon_deg: number;
    readonly maxRange_m: number;
  }[];
  readonly noFly: readonly {
    readonly name: string;
    readonly polygon: readonly (readonly [number, number])[];
  }[];
  readonly conditions: readonly LarConditionResult[];
  /** The cost-to-go field, the planner whose costs it searched and its longest segment, m. */
  readonly field: CostToGo;
  readonly planner: RoutePlanner;
  readonly maxSegment_m: number;
  /** The missile's fly-by turn radius at its cruise, m. */
  readonly missileTurnRadius_m: number;
}
