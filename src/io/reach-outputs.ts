/** Writing a reach footprint: reach.geojson (the footprint polygon and the launch) and reach.json. */

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ReachResult } from "../engine/reach.js";
import { type GeoJsonPosition, polygon } from "./geojson.js";

/** reach.json: the footprint per direction and the profile search, in km and s. */
export function reachTable(r: ReachResult): Record<string, unknown> {
  const rel = r.release;
  return {
    missile: r.missile.name,
    release: { lat_deg: rel.lat_deg, lon_deg: rel.lon_deg, alt_m: rel.alt_m, tas_mps: rel.tas_mps },
    profile: r.profile,
    max_range_km: r.maxRange_m / 1000,
    min_range_km: r.minRange_m / 1000,
    directions: r.ring.map((f) => ({
      azimuth_deg: f.azimuth_deg,
      range_km: f.range_m / 1000,
      powered_range_km: f.powered_range_m / 1000,
      flight_time_s: f.flight_time_s,
    })),
    profile_search: r.search?.all.map((f) => ({
      alt_m: f.profile.alt_m,
      mach: f.profile.mach,
      range_km: f.range_m / 1000,
      powered_range_km: f.powered_range_m / 1000,
    })),
  };
}

/** Write reach.geojson and reach.json into dir; returns their paths. */
export function writeReachOutputs(dir: string, r: ReachResult, generator: string): string[] {
  const rel = r.release;
  mkdirSync(dir, { recursive: true });
  // The footprint runs clockwise by azimuth; polygon() winds it as RFC 7946 asks.
  const footprint = polygon(
    r.ring.map((f): GeoJsonPosition => [round7(f.end_lon_deg), round7(f.end_lat_deg)]),
  );
  const geo = {
    type: "FeatureCollection",
    features: [
      {
        type: "Feature",
        properties: {
          role: "reach_footprint",
          missile: r.missile.name,
          cruise_alt_m: r.profile.alt_m,
          cruise_mach: r.profile.mach,
          max_range_km: r.maxRange_m / 1000,
          min_range_km: r.minRange_m / 1000,
          generator,
          note: "Ground impact after flying until fuel exhaustion, then gliding; notional model.",
        },
        geometry: footprint,
      },
      {
        type: "Feature",
        properties: { role: "launch", name: rel.platform, alt_m: rel.alt_m },
        geometry: { type: "Point", coordinates: [round7(rel.lon_deg), round7(rel.lat_deg)] },
      },
    ],
  };
  const geoPath = join(dir, "reach.geojson");
  writeFileSync(geoPath, `${JSON.stringify(geo)}\n`);
  const jsonPath = join(dir, "reach.json");
  writeFileSync(jsonPath, `${JSON.stringify(reachTable(r), null, 2)}\n`);
  return [geoPath, jsonPath];
}

function round7(x: number): number {
  return Math.round(x * 1e7) / 1e7;
}
