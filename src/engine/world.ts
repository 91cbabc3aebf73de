/** Turning a scenario's terrain and air-defence blocks into the SI objects the simulation uses. */

import { dirname, resolve } from "node:path";
import { Rng } from "../core/rng.js";
import type { MissionParams } from "../mission/mission-params.js";
import type { Jammer } from "../navigation/gnss.js";
import type { MissionScenario } from "../scenario/mission-schema.js";
import { ScenarioError } from "../scenario/problems.js";
import type { ElevationGrid } from "../terrain/elevation-grid.js";
import type { ViewshedCache } from "../terrain/site-visibility.js";
import { syntheticTerrain } from "../terrain/synthetic-terrain.js";
import { AirDefence, type AirDefenceParams } from "../threats/air-defence.js";
import { LONG_RANGE_SEARCH_RADAR, SAM_PRESETS } from "../threats/presets.js";
import { constantRcs, NOTIONAL_STEALTHY_RCS } from "../threats/rcs.js";
import type { SamSiteParams } from "../threats/sam-site.js";

/** The scenario's terrain (null: flat ground), generated or read from its GeoTIFF. */
export async function terrainFromScenario(
  s: Pick<MissionScenario, "environment" | "seed">,
  file: string,
  opts: { readonly shared?: boolean } = {},
): Promise<ElevationGrid | null> {
  const t = s.environment.terrain;
  if (!t) return null;
  if (t.kind === "synthetic") {
    const rng = Rng.fromSeed(t.seed ?? s.seed).stream("terrain");
    // Generated straight into shared memory when threads will read it (no 4 MB copy after).
    const cells = t.cells * t.cells;
    const into = opts.shared ? new Float32Array(new SharedArrayBuffer(4 * cells)) : undefined;
    return syntheticTerrain(
      {
        lat0_deg: t.south_deg,
        lon0_deg: t.west_deg,
        size_deg: t.size_deg,
        n: t.cells,
        relief_m: t.relief_m,
        sea_fraction: t.sea_fraction,
      },
      rng,
      into,
    );
  }
  const path = resolve(dirname(file), t.file);
  // geotiff and its decoders load only for a GeoTIFF terrain, not on every start of a command.
  const { loadGeoTiff } = await import("../terrain/geotiff.js");
  try {
    return await loadGeoTiff(path);
  } catch (e) {
    throw new ScenarioError([
      {
        file,
        path: "environment.terrain.file",
        expected: "a readable single-band geographic (EPSG:4326) GeoTIFF",
        got: e instanceof Error ? e.message : String(e),
      },
    ]);
  }
}

/** The SAM parameters a site asks for: its preset with the overrides applied. */
function samParams(
  site: NonNullable<MissionScenario["air_defence"]>["sites"][number],
): SamSiteParams {
  const base = SAM_PRESETS[site.preset];
  const o = site.overrides ?? {};
  const e = base.envelope;
  return {
    ...base,
    name: site.name,
    radar: { ...base.radar, ...o.radar },
    reaction_s: o.reaction_s ?? base.reaction_s,
    interceptor_speed_mps: o.interceptor_speed_mps ?? base.interceptor_speed_mps,
    envelope: {
      min_range_m: o.min_range_km === undefined ? e.min_range_m : o.min_range_km * 1000,
      max_range_m: o.max_range_km === undefined ? e.max_range_m : o.max_range_km * 1000,
      min_alt_m: o.min_alt_m ?? e.min_alt_m,
      max_alt_m: o.max_alt_m ?? e.max_alt_m,
    },
    pk: o.pk ?? base.pk,
    magazine: o.magazine ?? base.magazine,
    fire_channels: o.fire_channels ?? base.fire_channels,
    salvo: o.salvo ?? base.salvo,
    look_s: o.look_s ?? base.look_s,
    cued_look_s: o.cued_look_s ?? base.cued_look_s,
    ...(o.doctrine === undefined ? {} : { doctrine: o.doctrine }),
    ...(o.selection === undefined ? {} : { selection: o.selection }),
    ...(o.track_capacity === undefined ? {} : { track_capacity: o.track_capacity }),
    ...(o.ready_rounds === undefined ? {} : { ready_rounds: o.ready_rounds }),
    ...(o.reload_s === undefined ? {} : { reload_s: o.reload_s }),
  };
}

/** The air-defence parameters of a scenario, or null without an air_defence block. */
export function airDefenceParamsFromScenario(
  s: Pick<MissionScenario, "air_defence" | "missile">,
): AirDefenceParams | null {
  const ad = s.air_defence;
  if (!ad) return null;
  return {
    update_s: ad.update_s,
    latency_s: ad.latency_s,
    rcs: s.missile.rcs_m2 === undefined ? NOTIONAL_STEALTHY_RCS : constantRcs(s.missile.rcs_m2),
    searchRadars: ad.search_radars.map((r) => ({
      name: r.name,
      lat_deg: r.lat_deg,
      lon_deg: r.lon_deg,
      network: r.network,
      ...(r.track_capacity === undefined ? {} : { track_capacity: r.track_capacity }),
      radar: { ...LONG_RANGE_SEARCH_RADAR.radar, ...r.overrides },
    })),
    sams: ad.sites.map((site) => ({
      name: site.name,
      preset: site.preset,
      lat_deg: site.lat_deg,
      lon_deg: site.lon_deg,
      network: site.network,
      params: samParams(site),
    })),
  };
}

/**
 * A fresh air defence for one run, or null: its Rng is the "air-defence" stream of `root` (default
 * the scenario seed's generator; a salvo passes each missile's own).
 */
export function airDefenceFromScenario(
  s: Pick<MissionScenario, "air_defence" | "missile" | "seed">,
  p: MissionParams,
  cache: ViewshedCache,
  root: Rng = Rng.fromSeed(s.seed),
): AirDefence | null {
  const params = airDefenceParamsFromScenario(s);
  if (!params) return null;
  return new AirDefence(
    params,
    p.terrain,
    p.earth.ellipsoid,
    root.stream("air-defence"),
    cache,
    p.ground_m,
  );
}

/**
 * Every GNSS jammer of the scenario: the free-standing ones (heights above the ellipsoid) and those
 * carried by SAM sites (mast above the ground there).
 */
export function jammersFromScenario(
  s: Pick<MissionScenario, "environment" | "air_defence">,
  terrain: ElevationGrid | null,
): Jammer[] {
  const ground = (lat: number, lon: number) =>
    terrain ? terrain.heightAt(lat, lon) : s.environment.ground_elevation_m;
  const free: Jammer[] = s.environment.jammers.map((j) => ({
    name: j.name,
    lat_deg: j.lat_deg,
    lon_deg: j.lon_deg,
    alt_m: j.alt_m,
    eirp_dbw: j.eirp_dbw ?? 10 * Math.log10(j.eirp_w ?? 1),
  }));
  const carried: Jammer[] = [];
  for (const site of s.air_defence?.sites ?? []) {
    const j = site.gnss_jammer;
    if (!j) continue;
    carried.push({
      name: `${site.name} jammer`,
      lat_deg: site.lat_deg,
      lon_deg: site.lon_deg,
      alt_m: ground(site.lat_deg, site.lon_deg) + j.mast_m,
      eirp_dbw: j.eirp_dbw ?? 10 * Math.log10(j.eirp_w ?? 1),
    });
  }
  return [...free, ...carried];
}

/** Told what a run is doing: a stage name and, when known, how far through it (0–1). */
export type StageListener = (stage: string, fraction?: number) => void;

/**
 * Compute, into `cache`, the viewsheds a run over `terrain` will ask for (every radar and, with
 * GPS/INS navigation and `jammers`, every jammer), telling `onStage` ("viewsheds", share done)
 * before each. The same (site, antenna height) keys as AirDefence and TerrainJammerMask use, so
 * the run then finds them cached; results do not change, only when the time is spent.
 */
export function warmViewsheds(
  s: Pick<MissionScenario, "air_defence" | "missile" | "environment" | "navigation">,
  terrain: ElevationGrid | null,
  cache: ViewshedCache,
  onStage: StageListener,
  jammers = true,
): void {
  if (!terrain) return;
  const sites = viewshedSites(s, terrain, jammers);
  sites.forEach((site, k) => {
    onStage("viewsheds", k / sites.length);
    cache.get(terrain, site.lat_deg, site.lon_deg, site.antenna_m);
  });
}

/** A site whose viewshed a run asks for: position (degrees) and antenna height above ground, m. */
export interface ViewshedSite {
  readonly lat_deg: number;
  readonly lon_deg: number;
  readonly antenna_m: number;
}

/**
 * The sites whose viewsheds a run of `s` over `terrain` asks for (every radar and, with GPS/INS
 * navigation and `jammers`, every jammer), keyed as AirDefence and TerrainJammerMask key them.
 */
export function viewshedSites(
  s: Pick<MissionScenario, "air_defence" | "missile" | "environment" | "navigation">,
  terrain: ElevationGrid,
  jammers = true,
): ViewshedSite[] {
  const sites: ViewshedSite[] = [];
  const defence = airDefenceParamsFromScenario(s);
  for (const r of defence?.searchRadars ?? []) {
    sites.push({ lat_deg: r.lat_deg, lon_deg: r.lon_deg, antenna_m: r.radar.mast_m });
  }
  for (const m of defence?.sams ?? []) {
    sites.push({ lat_deg: m.lat_deg, lon_deg: m.lon_deg, antenna_m: m.params.radar.mast_m });
  }
  if (jammers && s.navigation.mode !== "perfect") {
    for (const j of jammersFromScenario(s, terrain)) {
      const ground = terrain.heightAt(j.lat_deg, j.lon_deg);
      sites.push({
        lat_deg: j.lat_deg,
        lon_deg: j.lon_deg,
        antenna_m: Math.max(0, j.alt_m - ground),
      });
    }
  }
  return sites;
}
