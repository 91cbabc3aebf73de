/**
 * `standoff reach FILE`: how far the scenario's missile reaches from its release point. Searches
 * the best-range cruise profile (altitude × Mach), then flies it in every direction with the
 * scenario's wind and writes the footprint as a GeoJSON polygon.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bestRangeProfile, type CruiseProfile, reachFootprint } from "../mission/reach.js";
import { loadScenarioFile } from "../scenario/load.js";
import { missionFromScenario } from "../scenario/mission-params.js";
import { CliError } from "./cli-error.js";
import type { Output } from "./output.js";
import { VERSION } from "./version.js";

/** Options of `standoff reach`. */
export interface ReachCommandOptions {
  readonly out: string;
  readonly azimuthStep: number;
  readonly altM?: number | undefined;
  readonly mach?: number | undefined;
  readonly json: boolean;
}

/** Run the command; returns the exit status. */
export function reachCommand(file: string, opts: ReachCommandOptions, io: Output): number {
  const scenario = loadScenarioFile(file);
  if (scenario.kind !== "mission") {
    throw new CliError([
      `${file}: kind: expected "mission" (reach needs a missile and a launch), got "${scenario.kind}"`,
    ]);
  }
  if (
    !(opts.azimuthStep > 0 && opts.azimuthStep <= 90 && Number.isInteger(360 / opts.azimuthStep))
  ) {
    throw new CliError([
      `--azimuth-step: expected a divisor of 360 between 1 and 90 degrees, got ${opts.azimuthStep}`,
    ]);
  }
  const params = missionFromScenario(scenario, file, scenario.simulation.step_s);
  const base = {
    earth: params.earth,
    missile: params.missile,
    release: params.release,
    ground_m: params.ground_m,
  };
  const heading = (params.release.heading_rad * 180) / Math.PI;
  let profile: CruiseProfile;
  let search: ReturnType<typeof bestRangeProfile> | null = null;
  if (opts.altM !== undefined || opts.mach !== undefined) {
    profile = { alt_m: opts.altM ?? params.cruise.alt_m, mach: opts.mach ?? params.cruise.mach };
  } else {
    search = bestRangeProfile(base, heading);
    profile = search.best.profile;
  }
  const ring = reachFootprint(base, profile, opts.azimuthStep);
  const ranges = ring.map((f) => f.range_m);
  const maxR = Math.max(...ranges);
  const minR = Math.min(...ranges);
  const rel = params.release;

  mkdirSync(opts.out, { recursive: true });
  const coords = ring.map((f) => [round7(f.end_lon_deg), round7(f.end_lat_deg)]);
  coords.push(coords[0]);
  const geo = {
    type: "FeatureCollection",
    features: [
      {
        type: "Feature",
        properties: {
          role: "reach_footprint",
          missile: params.missile.name,
          cruise_alt_m: profile.alt_m,
          cruise_mach: profile.mach,
          max_range_km: maxR / 1000,
          min_range_km: minR / 1000,
          generator: `standoff ${VERSION}`,
          note: "Ground impact after flying until fuel exhaustion, then gliding; notional model.",
        },
        geometry: { type: "Polygon", coordinates: [coords] },
      },
      {
        type: "Feature",
        properties: { role: "launch", name: rel.platform, alt_m: rel.alt_m },
        geometry: { type: "Point", coordinates: [round7(rel.lon_deg), round7(rel.lat_deg)] },
      },
    ],
  };
  const geoPath = join(opts.out, "reach.geojson");
  writeFileSync(geoPath, `${JSON.stringify(geo)}\n`);
  const table = {
    missile: params.missile.name,
    release: { lat_deg: rel.lat_deg, lon_deg: rel.lon_deg, alt_m: rel.alt_m, tas_mps: rel.tas_mps },
    profile,
    max_range_km: maxR / 1000,
    min_range_km: minR / 1000,
    directions: ring.map((f) => ({
      azimuth_deg: f.azimuth_deg,
      range_km: f.range_m / 1000,
      powered_range_km: f.powered_range_m / 1000,
      flight_time_s: f.flight_time_s,
    })),
    profile_search: search?.all.map((f) => ({
      alt_m: f.profile.alt_m,
      mach: f.profile.mach,
      range_km: f.range_m / 1000,
      powered_range_km: f.powered_range_m / 1000,
    })),
  };
  const jsonPath = join(opts.out, "reach.json");
  writeFileSync(jsonPath, `${JSON.stringify(table, null, 2)}\n`);

  if (opts.json) {
    io.out(JSON.stringify({ ...table, files: [geoPath, jsonPath] }, null, 2));
    return 0;
  }
  io.out(
    `${params.missile.name}, released at ${(rel.alt_m).toFixed(0)} m and ${rel.tas_mps.toFixed(0)} m/s`,
  );
  if (search) {
    io.out("best-range profile search (range to ground impact, along the release heading):");
    const machs = [...new Set(search.all.map((f) => f.profile.mach))];
    io.out(`  alt (m)  ${machs.map((m) => `M ${m.toFixed(2)}`.padStart(9)).join("")}`);
    for (const alt of [...new Set(search.all.map((f) => f.profile.alt_m))]) {
      const cells = machs.map((m) => {
        const f = search?.all.find((x) => x.profile.alt_m === alt && x.profile.mach === m);
        return `${((f?.range_m ?? 0) / 1000).toFixed(0)} km`.padStart(9);
      });
      io.out(`  ${String(alt).padStart(7)}  ${cells.join("")}`);
    }
  }
  io.out(`profile       ${profile.alt_m.toFixed(0)} m, Mach ${profile.mach.toFixed(2)}`);
  io.out(
    `reach         ${(minR / 1000).toFixed(1)} to ${(maxR / 1000).toFixed(1)} km over ${ring.length} directions (wind included)`,
  );
  io.out(`wrote         ${geoPath}, ${jsonPath}`);
  return 0;
}

function round7(x: number): number {
  return Math.round(x * 1e7) / 1e7;
}
