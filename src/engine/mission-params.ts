/** Turning a validated `mission` scenario (units at the edges) into the SI MissionParams. */

import { Rng } from "../core/rng.js";
import { M_PER_FT, MPS_PER_KT, RAD_PER_DEG } from "../core/units.js";
import { atmosphere } from "../earth/atmosphere.js";
import { makeEarth } from "../earth/earth-model.js";
import type { RouteWaypoint } from "../guidance/route-path.js";
import { DEFAULT_TERRAIN_FOLLOWING } from "../guidance/terrain-following.js";
import type { MissionParams } from "../mission/mission-params.js";
import {
  type Antenna,
  DEFAULT_RECEIVER,
  GnssReceiver,
  type GnssReceiverParams,
} from "../navigation/gnss.js";
import { GnssInsNavigator } from "../navigation/gnss-ins-navigator.js";
import { IMU_GRADES } from "../navigation/imu.js";
import { type Navigator, PerfectNavigator } from "../navigation/navigation.js";
import type { MissionScenario } from "../scenario/mission-schema.js";
import { ScenarioError } from "../scenario/problems.js";
import type { ElevationGrid } from "../terrain/elevation-grid.js";
import { TerrainJammerMask, ViewshedCache } from "../terrain/site-visibility.js";
import { copyAirframeParams } from "../vehicle/airframe.js";
import {
  copyFlightLimits,
  copyMissileParams,
  type MissileParams,
} from "../vehicle/missile-params.js";
import { MISSILE_PRESETS } from "../vehicle/presets.js";
import { copyEngineParams } from "../vehicle/propulsion.js";
import { windFromScenario } from "./body-params.js";
import { feasibilityProblems } from "./feasibility.js";
import { jammersFromScenario } from "./world.js";

/** The preset named by the scenario with its overrides applied. */
export function missileFromScenario(s: MissionScenario, file: string): MissileParams {
  const base = MISSILE_PRESETS[s.missile.preset];
  const o = s.missile.overrides ?? {};
  const lim = o.limits ?? {};
  const m: MissileParams = copyMissileParams({
    ...base,
    launch_mass_kg: o.launch_mass_kg ?? base.launch_mass_kg,
    fuel_kg: o.fuel_kg ?? base.fuel_kg,
    cruise_mach: o.cruise_mach ?? base.cruise_mach,
    separation_s: o.separation_s ?? base.separation_s,
    // The copy functions give each kind of parameters one hidden class, whatever the overrides
    // (the flight's per-step code reads them; see vehicle/airframe.ts).
    airframe: copyAirframeParams({ ...base.airframe, ...o.airframe }),
    engine: copyEngineParams({ ...base.engine, ...o.engine }),
    autopilot: {
      bank_tau_s: o.autopilot?.bank_tau_s ?? base.autopilot.bank_tau_s,
      load_tau_s: o.autopilot?.load_tau_s ?? base.autopilot.load_tau_s,
    },
    limits: copyFlightLimits({
      ...base.limits,
      ...(lim.max_load_g === undefined ? {} : { max_load_g: lim.max_load_g }),
      ...(lim.min_load_g === undefined ? {} : { min_load_g: lim.min_load_g }),
      ...(lim.max_bank_deg === undefined ? {} : { max_bank_rad: lim.max_bank_deg * RAD_PER_DEG }),
      ...(lim.max_climb_deg === undefined
        ? {}
        : { max_climb_rad: lim.max_climb_deg * RAD_PER_DEG }),
      ...(lim.max_dive_deg === undefined ? {} : { max_dive_rad: lim.max_dive_deg * RAD_PER_DEG }),
    }),
  });
  if (m.fuel_kg >= m.launch_mass_kg) {
    throw new ScenarioError([
      {
        file,
        path: "missile.overrides.fuel_kg",
        expected: `less fuel than the launch mass (${m.launch_mass_kg} kg)`,
        got: String(m.fuel_kg),
      },
    ]);
  }
  return m;
}

/** A commanded height: above the ellipsoid, or above the ground (agl_m set, alt_m over flat ground). */
interface Height {
  readonly alt_m: number;
  readonly agl_m: number | null;
}

/** The height an alt_m/alt_ft pair and its reference command, or the fallback. */
function altitude(
  o: {
    alt_m?: number | undefined;
    alt_ft?: number | undefined;
    alt_ref?: "msl" | "agl" | undefined;
  },
  ground_m: number,
  fallback: Height,
): Height {
  const h = o.alt_m ?? (o.alt_ft === undefined ? undefined : o.alt_ft * M_PER_FT);
  if (h === undefined) return fallback;
  return o.alt_ref === "agl" ? { alt_m: ground_m + h, agl_m: h } : { alt_m: h, agl_m: null };
}

/**
 * missionFromScenario for a flight to the target: also a ScenarioError when the aimpoint lies
 * beyond the missile's reach or inside its minimum engagement distance (engine/feasibility.ts),
 * so every command that flies or plans rejects an impossible mission the same way.
 */
export function flyableMission(
  s: MissionScenario,
  file: string,
  sampleDt_s: number,
  terrain: ElevationGrid | null = null,
): MissionParams {
  const p = missionFromScenario(s, file, sampleDt_s, terrain);
  const problems = feasibilityProblems(p, file);
  if (problems.length > 0) throw new ScenarioError(problems);
  return p;
}

/** SI mission parameters for a scenario over its terrain (null: flat), sampled every sampleDt_s. */
export function missionFromScenario(
  s: MissionScenario,
  file: string,
  sampleDt_s: number,
  terrain: ElevationGrid | null = null,
): MissionParams {
  const missile = missileFromScenario(s, file);
  const ground = s.environment.ground_elevation_m;
  const groundAt = (lat: number, lon: number) => (terrain ? terrain.heightAt(lat, lon) : ground);
  const L = s.launch;
  const relAlt = L.alt_m ?? (L.alt_ft ?? 0) * M_PER_FT;
  const launchGround = groundAt(L.lat_deg, L.lon_deg);
  // Messages in the unit the file used (a release given in feet is reported in feet).
  const inFt = L.alt_m === undefined;
  const shown = (m: number) =>
    inFt
      ? `${Math.round(m / M_PER_FT).toLocaleString("en-US")} ft`
      : `${Math.round(m).toLocaleString("en-US")} m`;
  const given = inFt ? `${L.alt_ft} ft` : `${L.alt_m} m`;
  if (relAlt <= launchGround) {
    throw new ScenarioError([
      {
        file,
        path: inFt ? "launch.alt_ft" : "launch.alt_m",
        expected: `a release altitude above the ground there (${shown(launchGround)})`,
        got: given,
      },
    ]);
  }
  if (relAlt > 20000) {
    throw new ScenarioError([
      {
        file,
        path: inFt ? "launch.alt_ft" : "launch.alt_m",
        expected: `a release altitude of at most ${shown(20000)}`,
        got: given,
      },
    ]);
  }
  const tas =
    L.speed_kt !== undefined ? L.speed_kt * MPS_PER_KT : (L.mach ?? 0.8) * atmosphere(relAlt).a_mps;
  const cruise = s.route.cruise ?? {};
  const cruiseMach = cruise.mach ?? missile.cruise_mach;
  const cruiseAlt = altitude(cruise, ground, { alt_m: relAlt, agl_m: null });
  const waypoints: RouteWaypoint[] = s.route.waypoints.map((w, i) => ({
    name: w.name ?? `WP${i + 1}`,
    lat_deg: w.lat_deg,
    lon_deg: w.lon_deg,
    ...altitude({ ...w, alt_ref: w.alt_ref ?? cruise.alt_ref }, ground, cruiseAlt),
    mach: w.mach ?? cruiseMach,
  }));
  const T = s.target;
  return {
    name: s.name,
    earth: makeEarth({ wind: windFromScenario(s.environment.wind) }),
    missile,
    release: {
      lat_deg: L.lat_deg,
      lon_deg: L.lon_deg,
      alt_m: relAlt,
      tas_mps: tas,
      heading_rad: L.heading_deg * RAD_PER_DEG,
      platform: L.platform,
    },
    waypoints,
    cruise: { alt_m: cruiseAlt.alt_m, agl_m: cruiseAlt.agl_m, mach: cruiseMach },
    aimpoint: {
      name: T.name,
      lat_deg: T.lat_deg,
      lon_deg: T.lon_deg,
      alt_m: T.elevation_m ?? groundAt(T.lat_deg, T.lon_deg),
      impact_rad: s.target.impact_angle_deg * RAD_PER_DEG,
      terminalRange_m:
        s.target.terminal_range_km === undefined ? null : s.target.terminal_range_km * 1000,
      law: s.terminal?.law ?? "impact_angle",
      ...(s.terminal?.reattack ? { reattack: true } : {}),
    },
    ground_m: ground,
    terrain,
    terrainFollowing: DEFAULT_TERRAIN_FOLLOWING,
    step_s: s.simulation.step_s,
    terminalStep_s: s.simulation.terminal_step_s,
    sampleDt_s,
    maxTime_s: s.simulation.max_time_s,
  };
}

/**
 * Navigation rates: the IMU delivers exact increments every 0.1 s (10 Hz; with exact increments the
 * rate only sets how often the mechanization integrates, and the missile's attitude changes too
 * slowly for coning or sculling to matter), the filter propagates every second and takes GNSS
 * fixes at the receiver rate (default 1 Hz) and barometric height at 1 Hz.
 */
const IMU_INTERVAL_S = 0.1;

/**
 * The navigator a mission scenario asks for: perfect, or GPS/INS with its receiver and jammers
 * (free-standing and carried by SAM sites), masked by the terrain or the Earth's curvature. Its
 * Rng is the "navigation" stream of `root` (default the scenario seed's; a salvo passes each
 * missile's own).
 */
export function navigatorFromScenario(
  s: Pick<MissionScenario, "navigation" | "seed" | "environment" | "air_defence">,
  p: MissionParams,
  cache: ViewshedCache = new ViewshedCache(),
  root: Rng = Rng.fromSeed(s.seed),
): Navigator {
  const nav = s.navigation;
  if (nav.mode === "perfect") return new PerfectNavigator();
  const rng = root.stream("navigation");
  const jammers = jammersFromScenario(s, p.terrain);
  const antenna: Antenna =
    nav.gnss.antenna.kind === "fixed"
      ? { kind: "fixed", gain_toward_jammer_dbi: nav.gnss.antenna.gain_toward_jammer_dbi }
      : {
          kind: "adaptive",
          nulling_db: nav.gnss.antenna.nulling_db,
          beam_gain_db: nav.gnss.antenna.beam_gain_db,
        };
  const params: GnssReceiverParams = {
    ...DEFAULT_RECEIVER,
    code: nav.gnss.code,
    rate_hz: nav.gnss.rate_hz,
    reacquire_s: nav.gnss.reacquire_s,
    antenna,
  };
  const mask =
    jammers.length > 0 ? new TerrainJammerMask(jammers, p.terrain, cache, p.ground_m) : null;
  const receiver = new GnssReceiver(params, jammers, rng.stream("gnss"), p.earth.ellipsoid, mask);
  return new GnssInsNavigator(
    p.earth,
    {
      grade: IMU_GRADES[nav.imu],
      filter_dt_s: 1,
      baro_sigma_m: nav.baro_sigma_m,
      baro_rate_hz: nav.baro_sigma_m > 0 ? 1 : 0,
      fix_pos_sigma_m: params.pos_sigma_m,
      fix_vert_sigma_m: params.vert_sigma_m,
      fix_vel_sigma_mps: params.vel_sigma_mps,
    },
    receiver,
    rng,
    Math.max(p.step_s, IMU_INTERVAL_S),
  );
}
