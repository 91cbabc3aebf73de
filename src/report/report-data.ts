/**
 * What the report and the map writers (GeoJSON, CZML) need from a finished mission run. Plain data:
 * the writers never import the simulation.
 */

import type { SampleTable } from "../core/sample-table.js";
import type { RunEvent } from "../dynamics/run-result.js";
import type { TerrainMapInput } from "./terrain-map.js";

/** A named geodetic point (degrees, metres above the WGS-84 ellipsoid). */
export interface NamedPoint {
  readonly name: string;
  readonly lat_deg: number;
  readonly lon_deg: number;
  readonly alt_m: number;
}

/** One labelled figure for the summary table, e.g. { label: "flight time", value: 1234.5, unit: "s" }. */
export interface SummaryItem {
  readonly label: string;
  readonly value: number | string;
  readonly unit?: string;
}

/**
 * Input of the HTML report and map writers. `samples` has at least the columns t_s, lat_deg,
 * lon_deg, alt_m, mach, fuel_kg, thrust_n and phase (phase holds an index into phaseNames);
 * other columns may be present and are ignored unless a writer documents otherwise.
 */
export interface MissionReportInput {
  readonly title: string;
  /** The scenario file the run came from (shown, not read). */
  readonly scenarioFile: string;
  /** e.g. "standoff 0.1.0". */
  readonly generator: string;
  readonly samples: SampleTable;
  readonly phaseNames: readonly string[];
  readonly events: readonly RunEvent[];
  readonly summary: readonly SummaryItem[];
  readonly launch: NamedPoint;
  readonly waypoints: readonly NamedPoint[];
  readonly aimpoint: NamedPoint;
  /** Sentences on what the model leaves out, shown in the report. */
  readonly limitations: readonly string[];
  /** A map of the terrain, the air defence and its events (absent: no map section). */
  readonly map?: TerrainMapInput;
  /** A map of the target area: true track, believed position, search footprint (absent: none). */
  readonly targetMap?: TerrainMapInput;
}
