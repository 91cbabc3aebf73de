/**
 * Physical limits of the numbers a scenario file may hold, in one place, each with the public
 * figure it rests on. The field builders in fields.ts put them into the zod schema (and so into
 * the exported JSON Schema as minimum/maximum); a value outside them is reported with its path
 * before any model runs or allocates.
 *
 * The limits catch typos, unit slips and absurd values (a release at 1e12 ft, a 1e6 m/s wind);
 * they are deliberately wider than any real system, so a legitimate "what if" stays possible.
 * Where a field comes in metres and in feet, both limits are given, the feet ones being the metre
 * ones converted exactly (round numbers in feet, so an error message reads cleanly).
 */

import { M_PER_FT, MPS_PER_KT } from "../core/units.js";
import { atmosphere } from "../earth/atmosphere.js";

/** A closed interval [min, max] in the field's unit. */
export interface Bounds {
  readonly min: number;
  readonly max: number;
}

/** A height interval in metres and the same interval in feet. */
export interface HeightBounds {
  readonly m: Bounds;
  readonly ft: Bounds;
}

/** Metres from feet, exact to the micrometre (0.3048 m/ft, NIST SP 811). */
function ftToMRounded(ft: number): number {
  return Math.round(ft * M_PER_FT * 1e6) / 1e6;
}

/** A height interval given in feet, with its exact metre twin. */
function heightsFromFeet(minFt: number, maxFt: number): HeightBounds {
  return {
    m: { min: ftToMRounded(minFt), max: ftToMRounded(maxFt) },
    ft: { min: minFt, max: maxFt },
  };
}

// ---- Heights and elevations (above the WGS-84 ellipsoid, which is within ~100 m of sea level)

/**
 * Ground elevation: the lowest dry land is the Dead Sea shore, about −430 m, and the highest
 * point Everest, 8,849 m (2020 Sino-Nepalese survey).
 */
export const ELEVATION_M: Bounds = { min: -500, max: 9000 };

/**
 * Lowest height anything may fly at: −1,650 ft (−502.92 m), a little below the Dead Sea shore
 * (−430 m). A round number of feet so the alt_ft twin of each height field reads cleanly.
 */
const FLOOR_FT = -1650;

/**
 * Release altitude: from the floor up to an F-16-class launch aircraft's service ceiling,
 * 50,000 ft (15,240 m; USAF F-16 Fighting Falcon fact sheet, "ceiling: above 50,000 feet").
 */
export const RELEASE_ALT: HeightBounds = heightsFromFeet(FLOOR_FT, 50_000);

/**
 * Cruise and waypoint heights (above the ellipsoid, or above the ground with alt_ref: agl): no
 * higher than the highest release. A subsonic cruise missile's small turbojet or turbofan does
 * not take it above its carrier's ceiling, and its best-range cruise is near 9 km
 * (docs/missile-model.md).
 */
export const CRUISE_ALT: HeightBounds = RELEASE_ALT;

/**
 * A generic `body` (the NASA check cases, released stores): from the floor to 5,000,000 ft
 * (1,524 km), inside low Earth orbit (up to 2,000 km, e.g. ESA's definition). With the
 * atmosphere on, the U.S. Standard Atmosphere 1976's range (−5 to 86 km, src/earth/atmosphere.ts)
 * is checked as well, with its own message.
 */
export const BODY_ALT: HeightBounds = heightsFromFeet(FLOOR_FT, 5_000_000);

/**
 * Antennas (GNSS jammers carried by a site or standing alone): on the ground or on an aircraft,
 * no higher than the F-16-class ceiling.
 */
export const ANTENNA_ALT_M: Bounds = RELEASE_ALT.m;

/**
 * Masts of radar and jammer antennas above the ground: up to 5,000 m, above the ~3,000 m at which
 * aerostat-borne radars such as the US Army's JLENS flew.
 */
export const MAST_M: Bounds = { min: 0, max: 5000 };

/**
 * Cloud layers: tops of the tallest thunderstorms overshoot the tropopause to about 20 km
 * (65,000 ft and more, NWS), so no cloud boundary above 20,000 m.
 */
export const CLOUD_ALT_M: Bounds = { min: ELEVATION_M.min, max: 20_000 };

// ---- Speeds

/**
 * Mach numbers a release or a cruise may command. 0.95: the missile is subsonic (its drag model
 * is Lock's transonic rise below Mach 1). 0.3: about 100 m/s (200 kt) at sea level, near the
 * stall speed of a fighter-class launch aircraft carrying a 1,000 kg store; the notional airframe
 * cannot hold level flight that slowly anywhere (CLmax 1.2 on 0.7 m² at 1,020 kg needs Mach 0.41
 * at sea level), and a release "at Mach 0.01" is a typo, not a condition.
 */
export const MACH: Bounds = { min: 0.3, max: 0.95 };

/** Speed of sound at the highest release (the stratosphere's 216.65 K gives 295.07 m/s). */
const SOUND_AT_CEILING_MPS = atmosphere(RELEASE_ALT.m.max).a_mps;
/** Speed of sound at the lowest release (warmest air of the standard atmosphere in range). */
const SOUND_AT_FLOOR_MPS = atmosphere(RELEASE_ALT.m.min).a_mps;

/**
 * Release true airspeed in knots: the Mach limits at the speed of sound of the slowest and the
 * fastest air a release can happen in, rounded inward to whole knots (173–631 kt) so that both
 * ends are speeds some release altitude accepts. The Mach a speed means at the file's own release
 * altitude is checked against MACH as well.
 */
export const RELEASE_SPEED_KT: Bounds = {
  min: Math.ceil((MACH.min * SOUND_AT_CEILING_MPS) / MPS_PER_KT),
  max: Math.floor((MACH.max * SOUND_AT_FLOOR_MPS) / MPS_PER_KT),
};

/**
 * Horizontal wind speed: up to 150 m/s. The strongest measured winds are jet-stream cores of about
 * 120 m/s and the 113 m/s surface gust of Barrow Island, 1996 (WMO weather and climate extremes
 * archive).
 */
export const WIND_SPEED_MPS: Bounds = { min: 0, max: 150 };

/**
 * Vertical air velocity (positive down): ±100 m/s. Holding 3-inch hail aloft needs a ~45 m/s
 * (100 mph) updraft (NWS Boston), and the most extreme thunderstorm updrafts are put at 75–80 m/s.
 */
export const VERTICAL_WIND_MPS: Bounds = { min: -100, max: 100 };

/**
 * Power-law shear reference height: 1 to 1,000 m. Anemometers stand at 10 m (WMO standard) and the
 * power law describes the atmospheric boundary layer, about 1 km deep.
 */
export const POWER_LAW_REF_ALT_M: Bounds = { min: 1, max: 1000 };

/**
 * The power law is extrapolated to every height the missile flies at; the wind it gives at the
 * highest cruise must stay inside WIND_SPEED_MPS.
 */
export const POWER_LAW_CHECK_ALT_M = CRUISE_ALT.m.max;

/**
 * Initial velocity components of a `body`, m/s: at most Earth's escape speed, 11.19 km/s (NASA
 * Earth fact sheet); the NASA cannonballs start at 304.8 m/s.
 */
export const BODY_VELOCITY_MPS: Bounds = { min: -11_200, max: 11_200 };

/**
 * Body angular rates, deg/s: ±100,000 (≈ 280 rev/s). A 155 mm shell with the usual 1-in-20-calibre
 * rifling twist leaves the muzzle at ~830 m/s spinning at 830 / (20 × 0.155) ≈ 270 rev/s; the
 * NASA tumbling brick starts at 30 deg/s.
 */
export const BODY_RATE_DPS: Bounds = { min: -100_000, max: 100_000 };

/** Interceptor average speed: 100 to 3,000 m/s (the fastest SAMs are credited with ~Mach 6+). */
export const INTERCEPTOR_SPEED_MPS: Bounds = { min: 100, max: 3000 };

// ---- Masses, inertias and geometry

/**
 * Mass of a generic `body`: 1 g to 1,000 t. The An-225, the heaviest aircraft flown, took off at
 * 640 t (Antonov); the NASA check-case brick is 2.27 kg.
 */
export const BODY_MASS_KG: Bounds = { min: 0.001, max: 1_000_000 };

/**
 * Moments and products of inertia of a `body`, kg·m²: a 1 g, 5 mm-radius ball has 1e-8; a Boeing
 * 747's yaw inertia is about 4e7 (NASA CR-2144, Heffley & Jewell 1972), so at most 1e9.
 */
export const BODY_INERTIA_KGM2: Bounds = { min: 1e-8, max: 1e9 };

/**
 * Aerodynamic reference area of a `body`: up to 1,000 m², above the An-225's 905 m² wing, the
 * largest flown.
 */
export const BODY_AREA_M2: Bounds = { min: 0, max: 1000 };

/**
 * Aerodynamic reference lengths of a `body`: up to 120 m, above the largest wingspan flown
 * (Scaled Composites Stratolaunch, 117 m).
 */
export const BODY_LENGTH_M: Bounds = { min: 0, max: 120 };

/**
 * Constant aerodynamic force and moment coefficients: |C| ≤ 100. No shape has a drag coefficient
 * much above 2 (a flat plate broadside, Hoerner, Fluid-Dynamic Drag, 1965); the margin allows a
 * small reference area. Per-radian slopes and damping derivatives: |C| ≤ 10,000 (finned stores'
 * pitch damping referred to the body diameter is O(10²–10³)). These catch slips, not physics.
 */
export const AERO_COEFFICIENT: Bounds = { min: -100, max: 100 };
export const AERO_DERIVATIVE: Bounds = { min: -10_000, max: 10_000 };

/**
 * A sphere Earth's radius, m: between the WGS-84 polar (6,356,752 m) and equatorial (6,378,137 m)
 * radii, with margin.
 */
export const SPHERE_RADIUS_M: Bounds = { min: 6_300_000, max: 6_400_000 };

/**
 * A missile's launch mass (and fuel): up to 3,000 kg, twice the heaviest subsonic air-launched
 * cruise missile (AGM-86B ALCM, 3,150 lb = 1,429 kg, USAF fact sheet); at least 50 kg, well under
 * the ~136 kg (300 lb) MALD decoy (USAF fact sheet).
 */
export const MISSILE_MASS_KG: Bounds = { min: 50, max: 3000 };
/**
 * Fuel's real limit is the launch mass (checked against the override's, or the preset's when the
 * model is built, with that message); this cap of 10 t only keeps absurd values out.
 */
export const MISSILE_FUEL_MAX_KG = 10_000;

/**
 * Missile airframe overrides tune the notional JASSM-class airframe (0.7 m², 2.7 m span): a store's
 * wing spans no more than its carrier's, the F-16's 32 ft 8 in (9.96 m, USAF fact sheet); a tenth
 * of the preset's area or span is another vehicle.
 */
export const MISSILE_AREA_M2: Bounds = { min: 0.07, max: 10 };
export const MISSILE_SPAN_M: Bounds = { min: 0.27, max: 10 };
/**
 * Zero-lift drag coefficient: from 0.005 (skin friction alone, turbulent Cf ≈ 0.003 over a wetted
 * area at least twice the wing's) to 2 (a flat plate broadside, Hoerner).
 */
export const MISSILE_CD0: Bounds = { min: 0.005, max: 2 };
/** Maximum lift coefficient: up to 3.5, above flapped airliner wings (~3, Raymer ch. 12). */
export const MISSILE_CL_MAX: Bounds = { min: 0.1, max: 3.5 };
/** Lift-curve slope per radian: up to 2π, thin-airfoil theory's 2-D value (a finite wing has less). */
export const MISSILE_CL_ALPHA_PER_RAD: Bounds = { min: 0.5, max: 2 * Math.PI };

/**
 * Engine overrides tune the J402/F107-class engines (2.8–2.9 kN static, SFC 0.68–1.15): thrust
 * 100 N to 30 kN (a tenth to ten times the presets' class), TSFC 0.2 to 3 lb/(lbf·h) (high-bypass
 * turbofans ~0.3 to afterburning turbojets ~2, Mattingly, Elements of Propulsion).
 */
export const ENGINE_THRUST_N: Bounds = { min: 100, max: 30_000 };
export const ENGINE_TSFC_PER_H: Bounds = { min: 0.2, max: 3 };
export const ENGINE_TSFC_SLOPE_PER_H: Bounds = { min: 0, max: 3 };

/** Largest normal load factor, g: at least 1 to hold level flight; subsonic cruise missiles pull
 * ~5 g (presets) and agile air-to-air missiles 30–40 g. */
export const MAX_LOAD_G: Bounds = { min: 1, max: 40 };
/** Smallest (most negative) load factor, g. */
export const MIN_LOAD_G: Bounds = { min: -20, max: 0 };

/**
 * Radar cross-section, m²: from 1e-5 (an insect, Skolnik, Introduction to Radar Systems, RCS
 * table) to 100 (a jumbo jet broadside; Skolnik lists ~100 m²).
 */
export const RCS_M2: Bounds = { min: 1e-5, max: 100 };

// ---- Times

/**
 * Longest simulated flight, s: 100,000 (27.8 h). An AGM-158B-class missile flies ~925 km in about
 * 70 minutes; a day of simulated time is far beyond any flight here.
 */
export const MAX_FLIGHT_TIME_S = 100_000;

/** Most runs a study may ask for (dispersions.runs, `mc --runs`). */
export const MAX_STUDY_RUNS = 10_000_000;

/**
 * Integration steps, s: the mission loop at 100 µs to 0.5 s (its dynamics run at 20–100 Hz); a
 * body's step at most 1 s (its step count is capped at 1e9 as well).
 */
export const MISSION_STEP_S: Bounds = { min: 1e-4, max: 0.5 };
export const TERMINAL_STEP_S: Bounds = { min: 1e-5, max: 0.1 };
export const BODY_STEP_MAX_S = 1;

/** Delays and response times of models (engine start, reaction, assessment), s: up to 10 min. */
export const DELAY_S: Bounds = { min: 0, max: 600 };
/** First-order time constants of autopilot and engine spool, s. */
export const TIME_CONSTANT_S: Bounds = { min: 0.01, max: 30 };
/** Unguided fall after release, s: the presets use 1.5 s; 10 s is a ~500 m drop. */
export const SEPARATION_S: Bounds = { min: 0, max: 10 };
/** Radar look interval (scan period or cued revisit), s: surveillance radars rotate in 4–12 s. */
export const LOOK_INTERVAL_S: Bounds = { min: 0.05, max: 60 };
/** Time between two releases from one aircraft, and the width of a salvo's arrival window, s. */
export const RELEASE_INTERVAL_S: Bounds = { min: 0, max: 3600 };
export const ARRIVAL_WINDOW_S: Bounds = { min: 1, max: 3600 };

// ---- Radio, radar and the air defence

/**
 * Jammer EIRP: −30 to 60 dBW, i.e. 1 mW to 1 MW (the two fields, dBW and W, are the same limits).
 */
export const EIRP_DBW: Bounds = { min: -30, max: 60 };
export const EIRP_W: Bounds = { min: 10 ** (EIRP_DBW.min / 10), max: 10 ** (EIRP_DBW.max / 10) };

/** Radar peak power: 1 W to 100 MW (the presets use 20 kW to 1 MW). */
export const RADAR_PEAK_POWER_W: Bounds = { min: 1, max: 1e8 };
/** Radar noise bandwidth: 100 Hz to 1 GHz (the presets use 10–50 kHz, 1/τ of the pulse). */
export const RADAR_BANDWIDTH_HZ: Bounds = { min: 100, max: 1e9 };
/** Receiver noise figure and system losses, dB. */
export const NOISE_FIGURE_DB: Bounds = { min: 0, max: 30 };
export const LOSSES_DB: Bounds = { min: 0, max: 50 };

/**
 * SAM engagement range: up to 500 km, beyond the longest claimed surface-to-air reach (400 km,
 * the S-400's 40N6 interceptor, TASS). A 10,000 km envelope is a unit slip.
 */
export const SAM_RANGE_KM: Bounds = { min: 0, max: 500 };
/** SAM engagement heights above the ground: up to 40 km (the long-range preset cites 27 km). */
export const SAM_ALT_M: Bounds = { min: 0, max: 40_000 };

/** Range at which terminal guidance starts, km: 100 m to 100 km. */
export const TERMINAL_RANGE_KM: Bounds = { min: 0.1, max: 100 };

// ---- Navigation, seeker and weather

/** Barometric altimeter noise 1σ, m (0: no baro): a baro height off by 500 m is broken. */
export const BARO_SIGMA_M: Bounds = { min: 0, max: 500 };
/** GNSS fix rate: one fix per 100 s up to 20 Hz. */
export const GNSS_RATE_HZ: Bounds = { min: 0.01, max: 20 };
/** Seeker angle noise 1σ per axis, mrad: up to 100 (5.7°, wider than a seeker's field of view). */
export const SEEKER_NOISE_MRAD: Bounds = { min: 0, max: 100 };
/** Random loss-of-lock rate, 1/s. */
export const LOCK_LOSS_PER_S: Bounds = { min: 0, max: 10 };
/** Scale on the nominal acquisition ranges. */
export const ACQUISITION_SCALE: Bounds = { min: 0.01, max: 10 };
/**
 * Meteorological visibility, km: 10 m (the thickest fog) to 100 km (the clearest air; the
 * standard clear atmosphere is 23 km).
 */
export const VISIBILITY_KM: Bounds = { min: 0.01, max: 100 };

// ---- Planning

/** Relative weights of the route cost: a ratio beyond 1e6 between them makes one meaningless. */
export const COST_WEIGHT_MAX = 1e6;
