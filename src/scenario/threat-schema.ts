/**
 * Scenario blocks for terrain and a notional air defence: a synthetic or GeoTIFF elevation map,
 * search radars, SAM sites from the notional presets with overrides, and GNSS jammers carried by
 * sites. Positions are synthetic; the presets cite public figures (threats/presets.ts).
 */

import { z } from "zod";
import type { SamPresetName } from "../threats/presets.js";
import { latitudeDeg, longitudeDeg, nonNegative, positive } from "./fields.js";

/** The SAM preset names a scenario may use: a type-only link to threats/presets.ts keeps the
 * scenario layer free of model code while the compiler checks the two lists agree. */
export const SAM_PRESET_NAMES = [
  "long-range-sam",
  "medium-range-sam",
  "short-range-sam",
] as const satisfies readonly SamPresetName[];
type MissingPreset = Exclude<SamPresetName, (typeof SAM_PRESET_NAMES)[number]>;
const everyPresetListed: [MissingPreset] extends [never] ? true : MissingPreset = true;
void everyPresetListed;

/** Terrain: a seeded synthetic map, or an SRTM-like GeoTIFF (EPSG:4326, one band, metres). */
export const terrainSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("synthetic"),
      seed: z
        .number()
        .int()
        .min(0)
        .max(Number.MAX_SAFE_INTEGER)
        .optional()
        .describe("seed of the map (default: the scenario's seed)"),
      south_deg: latitudeDeg(),
      west_deg: longitudeDeg(),
      size_deg: z.number().min(0.01).max(20).describe("extent in latitude and longitude, degrees"),
      cells: z.number().int().min(16).max(4096).default(1024).describe("samples per side"),
      relief_m: z.number().min(0).max(9000).default(1500).describe("height scale of the relief, m"),
      sea_fraction: z
        .number()
        .min(0)
        .max(1)
        .default(0.3)
        .describe("rough share of the map under the sea"),
    }),
    z.strictObject({
      kind: z.literal("geotiff"),
      file: z.string().min(1).describe("GeoTIFF path, relative to the scenario file"),
    }),
  ])
  .describe("elevation map under the flight");

const radarOverrides = z
  .strictObject({
    peak_power_w: positive("peak power, W"),
    gain_db: z.number().min(0).max(60).describe("antenna gain, dB"),
    freq_hz: z.number().min(1e8).max(1e11).describe("carrier frequency, Hz"),
    bandwidth_hz: positive("noise bandwidth, Hz"),
    noise_figure_db: nonNegative("noise figure, dB"),
    losses_db: nonNegative("system losses, dB"),
    pfa: z.number().gt(0).lt(0.1).describe("false-alarm probability per look"),
    scan_s: positive("time between looks, s"),
    mast_m: nonNegative("antenna height above the ground, m"),
  })
  .partial();

const gnssJammerSchema = z
  .strictObject({
    eirp_dbw: z.number().min(-30).max(60).optional().describe("EIRP, dBW"),
    eirp_w: positive("EIRP, W").optional(),
    mast_m: nonNegative("antenna height above the ground, m").default(10),
  })
  .describe("a notional GNSS jammer at the site (link-budget level)");

const samSiteSchema = z.strictObject({
  name: z.string().min(1).describe("label"),
  preset: z.enum(SAM_PRESET_NAMES).describe("notional SAM preset"),
  lat_deg: latitudeDeg(),
  lon_deg: longitudeDeg(),
  network: z.string().min(1).default("default").describe("search radars of this network cue it"),
  overrides: z
    .strictObject({
      radar: radarOverrides,
      reaction_s: nonNegative("detection (or cue) to launch, s"),
      interceptor_speed_mps: positive("average interceptor speed, m/s"),
      min_range_km: nonNegative("minimum engagement range, km"),
      max_range_km: positive("maximum engagement range, km"),
      min_alt_m: nonNegative("lowest target height above ground, m"),
      max_alt_m: positive("highest target height above ground, m"),
      pk: z.number().min(0).max(1).describe("probability of kill per interceptor"),
      magazine: z.number().int().min(0).max(1000).describe("interceptors ready"),
      fire_channels: z.number().int().min(1).max(16).describe("interceptors guided at once"),
      salvo: z.number().int().min(1).max(16).describe("interceptors per shot"),
      look_s: nonNegative("assessment time before firing again, s"),
      cued_look_s: positive("look interval when cued, s"),
    })
    .partial()
    .optional(),
  gnss_jammer: gnssJammerSchema.optional(),
});

const searchRadarSchema = z.strictObject({
  name: z.string().min(1).describe("label"),
  lat_deg: latitudeDeg(),
  lon_deg: longitudeDeg(),
  network: z.string().min(1).default("default").describe("network whose SAM sites it cues"),
  overrides: radarOverrides.optional(),
});

/** The `air_defence` block. */
export const airDefenceSchema = z
  .strictObject({
    update_s: z.number().min(0.05).max(10).default(0.5).describe("threat update interval, s"),
    search_radars: z.array(searchRadarSchema).max(100).default([]),
    sites: z.array(samSiteSchema).max(200).default([]),
  })
  .describe("a notional integrated air defence");

/** A validated air-defence block. */
export type AirDefenceScenario = z.infer<typeof airDefenceSchema>;
/** A validated terrain block. */
export type TerrainScenario = z.infer<typeof terrainSchema>;
