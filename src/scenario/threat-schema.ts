/**
 * Scenario blocks for terrain and a notional air defence: a synthetic or GeoTIFF elevation map,
 * search radars, SAM sites from the notional presets with overrides, and GNSS jammers carried by
 * sites. Positions are synthetic; the presets cite public figures (threats/presets.ts).
 */

import { z } from "zod";
import type { SamPresetName } from "../threats/presets.js";
import {
  DELAY_S,
  EIRP_DBW,
  EIRP_W,
  ELEVATION_M,
  INTERCEPTOR_SPEED_MPS,
  LOOK_INTERVAL_S,
  LOSSES_DB,
  MAST_M,
  NOISE_FIGURE_DB,
  RADAR_BANDWIDTH_HZ,
  RADAR_PEAK_POWER_W,
  SAM_ALT_M,
  SAM_RANGE_KM,
} from "./bounds.js";
import {
  count,
  isWithin,
  latitudeDeg,
  longitudeDeg,
  positiveWithin,
  probability,
  within,
} from "./fields.js";

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

/** A synthetic map must end at the pole at the latitude's edge, not beyond it. */
function checkMapInsideTheGlobe(
  t: { south_deg: unknown; size_deg: unknown },
  ctx: z.RefinementCtx,
): void {
  const { south_deg: south, size_deg: size } = t;
  if (!isWithin(south, { min: -90, max: 90 }) || !isWithin(size, { min: 0.01, max: 20 })) return;
  if (south + size > 90) {
    const expected = `a map that ends at or below the North Pole (south_deg ≤ ${90 - size} for size_deg ${size})`;
    ctx.addIssue({
      code: "custom",
      path: ["south_deg"],
      message: expected,
      params: { expected, got: south },
    });
  }
}

/** Terrain: a seeded synthetic map, or an SRTM-like GeoTIFF (EPSG:4326, one band, metres). */
export const terrainSchema = z
  .discriminatedUnion("kind", [
    z
      .strictObject({
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
        size_deg: z
          .number()
          .min(0.01)
          .max(20)
          .describe("extent in latitude and longitude, degrees"),
        // At most 4096² ≈ 16.8 million samples (67 MB as float32), checked before any allocation.
        cells: count("samples per side", 16, 4096).default(1024),
        relief_m: within("height scale of the relief, m", { min: 0, max: ELEVATION_M.max }).default(
          1500,
        ),
        sea_fraction: probability("rough share of the map under the sea").default(0.3),
      })
      .superRefine(checkMapInsideTheGlobe),
    z.strictObject({
      kind: z.literal("geotiff"),
      file: z.string().min(1).describe("GeoTIFF path, relative to the scenario file"),
    }),
  ])
  .describe("elevation map under the flight");

const radarOverrides = z
  .strictObject({
    peak_power_w: positiveWithin("peak power, W", RADAR_PEAK_POWER_W),
    gain_db: z.number().min(0).max(60).describe("antenna gain, dB"),
    freq_hz: z.number().min(1e8).max(1e11).describe("carrier frequency, Hz"),
    bandwidth_hz: positiveWithin("noise bandwidth, Hz", RADAR_BANDWIDTH_HZ),
    noise_figure_db: within("noise figure, dB", NOISE_FIGURE_DB),
    losses_db: within("system losses, dB", LOSSES_DB),
    pfa: z.number().gt(0).lt(0.1).describe("false-alarm probability per look"),
    scan_s: positiveWithin("time between looks, s", LOOK_INTERVAL_S),
    mast_m: within("antenna height above the ground, m", MAST_M),
  })
  .partial();

const gnssJammerSchema = z
  .strictObject({
    eirp_dbw: within("EIRP, dBW", EIRP_DBW).optional(),
    eirp_w: positiveWithin("EIRP, W", EIRP_W).optional(),
    mast_m: within("antenna height above the ground, m", MAST_M).default(10),
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
      reaction_s: within("detection (or cue) to launch, s", DELAY_S),
      interceptor_speed_mps: positiveWithin(
        "average interceptor speed, m/s",
        INTERCEPTOR_SPEED_MPS,
      ),
      min_range_km: within("minimum engagement range, km", SAM_RANGE_KM),
      max_range_km: positiveWithin("maximum engagement range, km", SAM_RANGE_KM),
      min_alt_m: within("lowest target height above ground, m", SAM_ALT_M),
      max_alt_m: positiveWithin("highest target height above ground, m", SAM_ALT_M),
      pk: probability("probability of kill per interceptor"),
      magazine: count("interceptors ready", 0, 1000),
      fire_channels: count("interceptors guided at once", 1, 16),
      salvo: count("interceptors per shot", 1, 16),
      look_s: within("assessment time before firing again, s", DELAY_S),
      cued_look_s: positiveWithin("look interval when cued, s", LOOK_INTERVAL_S),
      doctrine: z
        .enum(["shoot-look-shoot", "shoot-shoot"])
        .describe(
          "shoot-look-shoot: a salvo, then assess; shoot-shoot: keep `salvo` interceptors in the air at a target without assessing",
        ),
      selection: z
        .enum(["earliest-intercept", "nearest", "highest-threat"])
        .describe("which waiting target gets a free fire channel first"),
      track_capacity: count("targets the fire-control radar holds in track at once", 1, 1000),
      ready_rounds: count("interceptors on the launchers (the rest in reserve)", 1, 1000),
      reload_s: within("time to reload one launcher from the reserve, s", DELAY_S),
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
  track_capacity: count(
    "targets it holds in track at once (default unlimited)",
    1,
    10000,
  ).optional(),
  overrides: radarOverrides.optional(),
});

/** The `air_defence` block. */
export const airDefenceSchema = z
  .strictObject({
    update_s: z.number().min(0.05).max(10).default(0.5).describe("threat update interval, s"),
    latency_s: within(
      "delay before a search radar's track reaches the SAM sites of its network, s",
      DELAY_S,
    ).default(0),
    search_radars: z.array(searchRadarSchema).max(100).default([]),
    sites: z.array(samSiteSchema).max(200).default([]),
  })
  .describe("a notional integrated air defence");

/** A validated air-defence block. */
export type AirDefenceScenario = z.infer<typeof airDefenceSchema>;
/** A validated terrain block. */
export type TerrainScenario = z.infer<typeof terrainSchema>;
