/**
 * Notional air-defence presets: a long-range SAM (S-300 / S-400 / HQ-9 class), a medium-range SAM
 * (Buk class), a short-range point defence (Tor class) and a long-range search radar. Every
 * envelope figure is a public claim, cited below; they bound a *notional* system and describe no
 * real battery. Radar link budgets are engineering estimates (no public figures exist): each is
 * sized so that its single-look Pd = 0.5 range against a 1 m² target matches the detection range
 * the class is credited with, and the noise bandwidth stands for the compressed pulse (1/τ).
 *
 * Sources (see ../shared/reference/public-figures.md §1.2 for the long-range rows):
 * - long range: engagement of aircraft at 150–250 km, altitudes from 25 m up to 27 km (RT 2016;
 *   Sputnik 2014; People's Daily on the S-400: "aircraft at 250 km", "36 targets / 72 missiles",
 *   i.e. two interceptors per target); a 25 m antenna mast as in the reference's horizon example.
 * - medium range: "targets at 45 km distance and 25 km altitude", a battery of one radar vehicle
 *   and four launchers with four missiles each, "less than half a minute" from target acquisition
 *   to launch (dpa via zeit.de, 9 Sep 2014); aircraft at 3–42 km and 15 m–25 km (manufacturer
 *   figures quoted by xosothudu.com, Nov 2015); an interceptor "three times the speed of sound"
 *   (suara.com, Jul 2014).
 * - short range: "targets … at a distance of 12 km" (Sputnik FR, 3 Jul 2016), 16 missiles and
 *   "four targets simultaneously" (Sputnik FR, 16 Feb 2018), altitudes up to 10 km
 *   (defensehere.com, 2020).
 * Interceptor average speeds, Pk, reaction and look times are engineering estimates [notional].
 */

import type { RadarParams } from "./radar.js";
import type { SamSiteParams } from "./sam-site.js";

/** A search (surveillance) radar that cues the SAM sites of its network. */
export interface SearchRadarParams {
  readonly name: string;
  readonly radar: RadarParams;
}

const common = { noise_figure_db: 3, losses_db: 8, pfa: 1e-6 } as const;

/** Long-range surveillance radar: 1 m² at about 300 km (Pd 0.5), 6 s rotation, 25 m mast. */
export const LONG_RANGE_SEARCH_RADAR: SearchRadarParams = {
  name: "notional long-range search radar",
  radar: {
    ...common,
    peak_power_w: 1.0e6,
    gain_db: 36,
    freq_hz: 3.0e9,
    bandwidth_hz: 1.0e4,
    scan_s: 6,
    mast_m: 25,
  },
};

/** The notional SAM presets by name. */
/** Names of the SAM presets (the scenario schema lists them; the compiler checks it lists all). */
export type SamPresetName = "long-range-sam" | "medium-range-sam" | "short-range-sam";

export const SAM_PRESETS: Readonly<Record<SamPresetName, SamSiteParams>> = {
  "long-range-sam": {
    name: "notional long-range SAM",
    // Engagement radar: 1 m² at about 200 km, revisit 1 s, on a 25 m mast.
    radar: {
      ...common,
      peak_power_w: 3.0e5,
      gain_db: 42,
      freq_hz: 9.5e9,
      bandwidth_hz: 2.5e4,
      scan_s: 1,
      mast_m: 25,
    },
    reaction_s: 10,
    interceptor_speed_mps: 1000,
    envelope: { min_range_m: 5000, max_range_m: 200_000, min_alt_m: 25, max_alt_m: 27_000 },
    pk: 0.7,
    magazine: 16,
    fire_channels: 12,
    salvo: 2,
    look_s: 5,
    cued_look_s: 0.5,
  },
  "medium-range-sam": {
    name: "notional medium-range SAM",
    // Fire-control radar: 1 m² at about 80 km, 8 m above the ground on its vehicle.
    radar: {
      ...common,
      peak_power_w: 1.0e5,
      gain_db: 38,
      freq_hz: 9.5e9,
      bandwidth_hz: 5.0e4,
      scan_s: 2,
      mast_m: 8,
    },
    reaction_s: 25,
    interceptor_speed_mps: 800,
    envelope: { min_range_m: 3000, max_range_m: 42_000, min_alt_m: 15, max_alt_m: 25_000 },
    pk: 0.7,
    magazine: 16,
    fire_channels: 4,
    salvo: 1,
    look_s: 4,
    cued_look_s: 0.5,
  },
  "short-range-sam": {
    name: "notional short-range point defence",
    // Search-and-track radar on the vehicle: 1 m² at about 30 km, 6 m above the ground.
    radar: {
      ...common,
      peak_power_w: 2.0e4,
      gain_db: 32,
      freq_hz: 9.5e9,
      bandwidth_hz: 3.3e4,
      scan_s: 1,
      mast_m: 6,
    },
    reaction_s: 8,
    interceptor_speed_mps: 600,
    envelope: { min_range_m: 1000, max_range_m: 12_000, min_alt_m: 10, max_alt_m: 10_000 },
    pk: 0.8,
    magazine: 16,
    fire_channels: 4,
    salvo: 1,
    look_s: 3,
    cued_look_s: 0.5,
  },
};
