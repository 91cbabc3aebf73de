/**
 * simulate(): one missile flight from release to impact. The loop wires the parts at their rates:
 * truth dynamics (3-DOF point mass with autopilot lags, RK4), navigation (the estimate guidance
 * reads), guidance (route following, altitude and speed holds, terminal dive), the engine's start
 * and flame-out, events, and sampled outputs. Deterministic and allocation-free per step.
 *
 * Time runs on an integer tick of the terminal step so that midcourse steps, terminal steps and
 * output samples all fall on exact multiples and never drift.
 */

import { SampleTable } from "../core/sample-table.js";
import { RAD_PER_DEG } from "../core/units.js";
import { AirData } from "../dynamics/air-data.js";
import { findCrossing } from "../dynamics/crossing.js";
import { initialState3Dof } from "../dynamics/initial-state.js";
import { Rk4 } from "../dynamics/ode.js";
import { PointMass3Dof, S3_MASS, S3_RX, S3_VX } from "../dynamics/point-mass-3dof.js";
import type { RunEvent, RunOutcome, RunResult } from "../dynamics/run-result.js";
import { ecefToGeodeticTrig, GEO_H, GEO_SIZE, geodeticToEcef } from "../earth/ellipsoid.js";
import { geodesicInverse } from "../earth/geodesic.js";
import { gravitation } from "../earth/gravity.js";
import { windAt } from "../earth/wind.js";
import { type CarletonParams, damageAtImpact } from "../effects/damage.js";
import { altitudeAccel, MachHold } from "../guidance/altitude-speed.js";
import {
  cloudBlocksLineOfSight,
  lwirExtinction_perKm,
  type Weather,
} from "../guidance/atmospheric-extinction.js";
import { type LateralCommand, PathFollower } from "../guidance/path-follower.js";
import { newGuidanceCommand3, truePn3 } from "../guidance/proportional-navigation.js";
import { buildRoutePath, type RoutePath, type RouteWaypoint } from "../guidance/route-path.js";
import { newSeekerOutput, type Seeker, type SeekerGeometry } from "../guidance/seeker.js";
import { type TerminalCommand, terminalGuidance } from "../guidance/terminal.js";
import {
  type TerrainFollowingCommand,
  terrainFollowingCommand,
} from "../guidance/terrain-following.js";
import { type NavEstimate, type Navigator, PerfectNavigator } from "../navigation/navigation.js";
import type { AirDefence, SiteSummary, ThreatEvent, ThreatTarget } from "../threats/air-defence.js";
import { bestLiftCoefficient } from "../vehicle/airframe.js";
import { type AttitudeCommand, accelToCommand, turnRadius } from "../vehicle/autopilot.js";
import { G0, M_BANK, M_LOAD, M_THRUST, MissileForces } from "../vehicle/missile-forces.js";
import { MISSION_COLUMNS, MissionObserver, MissionStatus } from "./mission-observer.js";
import type { MissionParams } from "./mission-params.js";
import {
  PHASE_GLIDE,
  PHASE_MIDCOURSE,
  PHASE_NAMES,
  PHASE_SEPARATION,
  PHASE_TERMINAL,
} from "./phases.js";
import { TruthImu } from "./truth-imu.js";

/** Headline numbers of a flight. */
export interface MissionSummary {
  readonly status: RunOutcome["status"] | "timeout";
  readonly flight_time_s: number;
  /** Distance flown over the ground, m. */
  readonly ground_distance_m: number;
  /** Geodesic distance from release to the end of the flight, m. */
  readonly range_m: number;
  readonly fuel_used_kg: number;
  readonly fuel_left_kg: number;
  /** Time the fuel ran out, s, or null. */
  readonly fuel_exhausted_s: number | null;
  /** Horizontal distance from the aimpoint to the impact point, m (null without an aimpoint). */
  readonly miss_m: number | null;
  readonly impact_speed_mps: number;
  /** Angle of the flight path below the horizon at impact, deg. */
  readonly impact_angle_deg: number;
  readonly impact_lat_deg: number;
  readonly impact_lon_deg: number;
  /** Time without GNSS fixes, s (0 with perfect navigation). */
  readonly gnss_outage_s: number;
  /** Navigation error (truth minus estimate) at the end: horizontal and vertical, m. */
  readonly nav_error_horizontal_m: number;
  readonly nav_error_vertical_m: number;
  /** The SAM site that shot the missile down, or null. */
  readonly killed_by: string | null;
  /** What each air-defence site did (empty without a defence). */
  readonly threats: readonly SiteSummary[];
  /** Smallest height above the ground during midcourse, m (terrain or flat ground); null without one. */
  readonly min_clearance_m: number | null;
  /** First seeker lock: time (s) and range to the target (m); null without a lock or a seeker. */
  readonly seeker_lock_s: number | null;
  readonly seeker_lock_range_m: number | null;
  /** Seeker state at impact: "locked", "lost", "never locked" or "no seeker". */
  readonly seeker_at_impact: "locked" | "lost" | "never locked" | "no seeker";
  /** Damage probability of the impact (Carleton function of the target class), null without. */
  readonly p_damage: number | null;
}

/** The terminal sensor of a flight: a seeker and the weather along its line of sight. */
export interface TerminalSensor {
  readonly seeker: Seeker;
  readonly weather: Weather;
}

/** What simulate() returns. */
export interface MissionResult extends RunResult {
  readonly summary: MissionSummary;
  readonly path: RoutePath;
  readonly phaseNames: readonly string[];
}

/** Steps between guidance updates' bookkeeping of the ground distance use the trapezoid rule. */
function horizontalSpeed(air: AirData): number {
  return Math.sqrt(air.vNed[0] * air.vNed[0] + air.vNed[1] * air.vNed[1]);
}

/**
 * Fly one mission and return its samples, events and summary; an air defence may shoot it down, a
 * seeker may lock on in the terminal phase, and a damage function (of the target class) scores the
 * impact.
 */
export function simulateMission(
  p: MissionParams,
  navigator: Navigator = new PerfectNavigator(),
  defence: AirDefence | null = null,
  sensor: TerminalSensor | null = null,
  damage: CarletonParams | null = null,
): MissionResult {
  const { earth, missile } = p;
  const lim = missile.limits;
  const forces = new MissileForces(missile);
  const sys = new PointMass3Dof(forces, earth);
  const x = new Float64Array(sys.size);
  const prev = new Float64Array(sys.size);
  const rk4 = new Rk4(sys.size);
  const observer = new MissionObserver(sys, forces);
  const truth = new AirData(earth);

  // Release: the aircraft's air velocity plus the wind.
  const rel = p.release;
  const wind0 = new Float64Array(3);
  windAt(earth.wind, rel.alt_m, wind0, 0);
  initialState3Dof(
    earth,
    {
      lat_rad: rel.lat_deg * RAD_PER_DEG,
      lon_rad: rel.lon_deg * RAD_PER_DEG,
      alt_m: rel.alt_m,
      velocity: {
        frame: "ned",
        vn_mps: rel.tas_mps * Math.cos(rel.heading_rad) + wind0[0],
        ve_mps: rel.tas_mps * Math.sin(rel.heading_rad) + wind0[1],
        vd_mps: wind0[2],
      },
      roll_rad: 0,
      pitch_rad: 0,
      yaw_rad: rel.heading_rad,
      p_radps: 0,
      q_radps: 0,
      r_radps: 0,
      ratesRelativeTo: "earth",
    },
    missile.launch_mass_kg,
    x,
  );
  x[M_BANK] = 0;
  x[M_LOAD] = 0;
  x[M_THRUST] = 0;

  // The route: release point, waypoints, then the aimpoint (at the last waypoint's altitude and
  // speed until the terminal phase takes over).
  const last = p.waypoints.at(-1);
  const start: RouteWaypoint = {
    name: "release",
    lat_deg: rel.lat_deg,
    lon_deg: rel.lon_deg,
    alt_m: rel.alt_m,
    mach: missile.cruise_mach,
  };
  const points: RouteWaypoint[] = [start, ...p.waypoints];
  if (p.aimpoint) {
    points.push({
      name: "aimpoint",
      lat_deg: p.aimpoint.lat_deg,
      lon_deg: p.aimpoint.lon_deg,
      alt_m: last?.alt_m ?? p.cruise.alt_m,
      agl_m: last ? (last.agl_m ?? null) : (p.cruise.agl_m ?? null),
      mach: last?.mach ?? p.cruise.mach,
    });
  }
  const designBank = 0.7 * lim.max_bank_rad;
  const path = buildRoutePath(earth.ellipsoid, points, (wp) => {
    // Fly-by radius for the true airspeed at the waypoint's altitude (standard atmosphere speed of
    // sound), banked to 70 % of the limit to leave room for wind and errors.
    const a = 340.294 * Math.sqrt(Math.max(0.75, 1 - 2.2558e-5 * Math.min(wp.alt_m, 11000)));
    return turnRadius(wp.mach * a, designBank);
  });
  const follower = new PathFollower(path);
  const lat: LateralCommand = { a_right: 0, crossTrack_m: 0, along_m: 0, segment: 0 };
  const term: TerminalCommand = { a_up: 0, a_right: 0, tgo_s: 0, range_m: 0 };
  const cmd: AttitudeCommand = { bank_rad: 0, load_g: 0 };
  const machHold = new MachHold(4, 0.4, missile.engine.idle_fraction, 0.7);
  const clBest = bestLiftCoefficient(missile.airframe);
  const aim = new Float64Array(3);
  const rel3 = new Float64Array(3);
  const aimSpec = p.aimpoint;
  if (aimSpec)
    geodeticToEcef(
      earth.ellipsoid,
      aimSpec.lat_deg * RAD_PER_DEG,
      aimSpec.lon_deg * RAD_PER_DEG,
      aimSpec.alt_m,
      aim,
      0,
    );
  const terrain = p.terrain;
  const flatGround = p.ground_m;
  // Above the highest terrain the ground check needs no map lookup.
  const terrainTop = terrain ? terrain.maxHeight() : flatGround;
  const groundAt = (g: Float64Array): number => {
    if (!terrain || g[GEO_H] > terrainTop) return flatGround;
    return terrain.heightAt(
      Math.atan2(g[0], g[1]) / RAD_PER_DEG,
      Math.atan2(g[2], g[3]) / RAD_PER_DEG,
    );
  };
  let minClearance = Number.POSITIVE_INFINITY;

  // The seeker looks in the terminal phase; after lock, guidance flies on its line of sight.
  const seekerOut = newSeekerOutput();
  const geom: SeekerGeometry = {
    los_n_m: 0,
    los_e_m: 0,
    los_d_m: 0,
    vel_n_mps: 0,
    vel_e_mps: 0,
    vel_d_mps: 0,
    navErr_n_m: 0,
    navErr_e_m: 0,
    navErr_d_m: 0,
    extinction_perKm: sensor ? lwirExtinction_perKm(sensor.weather) : 0,
    cloudBlocked: false,
  };
  const trueRel = new Float64Array(3);
  const pn = newGuidanceCommand3();
  let lockAt: number | null = null;
  let lockRange: number | null = null;
  let everLocked = false;
  const tf: TerrainFollowingCommand = { alt_m: 0, maxDescent_mps: 0 };
  // Terrain following changes the dive limit step by step; a private mutable copy holds it.
  const tfLimits = { ...lim };

  // The air defence looks at the true state at its own rate.
  const threatEvents: ThreatEvent[] = [];
  const target: ThreatTarget = {
    lat_deg: 0,
    lon_deg: 0,
    alt_m: 0,
    agl_m: 0,
    ecef: truth.rEcef,
    vNed: truth.vNed,
    sinLat: 0,
    cosLat: 1,
    sinLon: 0,
    cosLon: 1,
  };

  // Inertial navigation needs the true IMU increments of every step and an aligned start.
  const imuStep = navigator.imuStep?.bind(navigator);
  const truthImu = new TruthImu();
  const g0Eci = new Float64Array(3);
  const g1Eci = new Float64Array(3);
  const gInt = new Float64Array(3);
  let imuClock = 0;
  // The IMU interval is a whole number of midcourse steps (at least one).
  const imuInterval =
    Math.max(1, Math.round((navigator.imuInterval_s ?? p.step_s) / p.step_s)) * p.step_s;
  const clAlpha = missile.airframe.cl_alpha_per_rad;

  // Time base.
  const tick = p.terminalStep_s;
  const midTicks = Math.round(p.step_s / tick);
  const sampleTicks = Math.round(p.sampleDt_s / tick);
  const maxTicks = Math.ceil(p.maxTime_s / tick);

  // Start modest and let the table double: a long maximum time must not preallocate megabytes.
  const samples = new SampleTable(
    MISSION_COLUMNS,
    Math.min(8192, Math.ceil(p.maxTime_s / p.sampleDt_s) + 2),
  );
  const events: RunEvent[] = [];
  const geo = new Float64Array(GEO_SIZE);
  const altOf = (t: number, s: Float64Array): number => {
    const th = earth.omega_radps * t;
    const c = Math.cos(th);
    const sn = Math.sin(th);
    ecefToGeodeticTrig(
      earth.ellipsoid,
      c * s[S3_RX] + sn * s[S3_RX + 1],
      -sn * s[S3_RX] + c * s[S3_RX + 1],
      s[S3_RX + 2],
      geo,
      2,
    );
    return geo[GEO_H];
  };
  const threatEvent = (t: number, e: ThreatEvent) => {
    const g = truth.geo;
    events.push({
      t_s: t,
      kind: e.kind,
      source: e.site,
      message: threatMessage(e),
      data: {
        lat_deg: Math.atan2(g[0], g[1]) / RAD_PER_DEG,
        lon_deg: Math.atan2(g[2], g[3]) / RAD_PER_DEG,
        alt_m: g[GEO_H],
        range_m: e.range_m,
        ...(e.count > 0 ? { interceptors: e.count } : {}),
      },
    });
  };
  const event = (t: number, kind: string, message: string, data?: Record<string, number>) => {
    truth.update(t, x, S3_RX, x, 3, true);
    const g = truth.geo;
    events.push({
      t_s: t,
      kind,
      message,
      data: {
        lat_deg: Math.atan2(g[0], g[1]) / RAD_PER_DEG,
        lon_deg: Math.atan2(g[2], g[3]) / RAD_PER_DEG,
        alt_m: g[GEO_H],
        ...data,
      },
    });
  };

  let phase = PHASE_SEPARATION;
  let groundDist = 0;
  let rangeToGo = aimSpec ? 0 : path.length_m;
  let nextWaypoint = 1;
  let fuelOutAt: number | null = null;
  let startCommanded = false;
  let outcome: RunOutcome | null = null;
  let tEnd = 0;
  const lightOff_s = missile.separation_s + missile.engine.start_delay_s;
  const phaseName = (ph: number) => PHASE_NAMES[ph];

  event(
    0,
    "release",
    `released from ${rel.platform} at ${rel.alt_m.toFixed(0)} m, ${rel.tas_mps.toFixed(0)} m/s true airspeed`,
  );
  let ticks = 0;
  const threatTicks = defence
    ? Math.max(1, Math.round(defence.params.update_s / p.terminalStep_s))
    : 0;
  let lastThreatTick = 0;
  let nextThreatTick = 0;
  let killedBy: string | null = null;
  truth.update(0, x, S3_RX, x, 3, true);
  navigator.initialize?.(truth, truthImu.bodyToNed(truth, x[M_BANK], 0, new Float64Array(9)));
  if (imuStep) {
    truthImu.begin(truth, x[M_BANK], 0, x, S3_VX);
    gravitation(earth.gravity, x[S3_RX], x[S3_RX + 1], x[S3_RX + 2], g0Eci, 0);
  }
  const status = new MissionStatus();
  // The estimate at a time is computed once (a sample and the next step share it).
  let estNow: NavEstimate = navigator.update(0, truth);
  let estT = 0;
  const estimateAt = (tt: number): NavEstimate => {
    if (tt !== estT) {
      estNow = navigator.update(tt, truth);
      estT = tt;
    }
    return estNow;
  };
  const record = (tt: number, est: NavEstimate) => {
    status.phase = phase;
    status.groundDist_m = groundDist;
    status.rangeToGo_m = rangeToGo;
    status.crossTrack_m = lat.crossTrack_m;
    navError(truth, est, status);
    status.gnssState = navigator.gnssStateCode();
    return observer.observe(tt, x, status);
  };
  rangeToGo = aimSpec ? horizontalRange(truth, aim) : path.length_m;
  samples.push(record(0, estimateAt(0)));

  while (ticks < maxTicks) {
    const t = ticks * tick;
    // `truth` already holds the air data of (t, x): set before the loop and after each step.
    const est = estimateAt(t);
    const vh0 = horizontalSpeed(truth);

    // Engine start sequence and phase changes.
    if (phase === PHASE_SEPARATION && t >= missile.separation_s) {
      phase = PHASE_MIDCOURSE;
      startCommanded = true;
      event(t, "engine_start", `separation complete, engine start commanded`);
    }
    if (startCommanded && !forces.engineOn && fuelOutAt === null && t >= lightOff_s) {
      forces.engineOn = true;
      event(t, "engine_light_off", `engine running`);
    }

    // Guidance.
    let stepTicks = midTicks;
    if (phase !== PHASE_SEPARATION) {
      const gamma = Math.atan2(-est.vd_mps, Math.sqrt(est.vn_mps ** 2 + est.ve_mps ** 2));
      const V = truth.airspeed_mps;
      const mach = truth.mach;
      follower.update(est, lat);
      while (
        nextWaypoint < path.waypointVertex.length - (aimSpec ? 1 : 0) &&
        lat.along_m >= path.s_m[path.waypointVertex[nextWaypoint]]
      ) {
        event(t, "waypoint", `passed ${points[nextWaypoint].name}`, {
          cross_track_m: lat.crossTrack_m,
        });
        nextWaypoint++;
      }
      if (aimSpec) {
        const r = relativeNed(est, aim, rel3);
        rangeToGo = Math.sqrt(r[0] * r[0] + r[1] * r[1]);
        if (phase !== PHASE_TERMINAL) {
          const height = est.alt_m - aimSpec.alt_m;
          // The default start is never beyond 30 km plus two seconds: skip the trigonometry until near.
          const startRange =
            aimSpec.terminalRange_m ??
            (rangeToGo < 31_000
              ? terminalStartRange(height, V, aimSpec.impact_rad, lim.max_load_g)
              : 0);
          const onFinalLeg = lat.along_m >= path.length_m - startRange - 2 * p.step_s * V - 1;
          if (rangeToGo <= startRange && onFinalLeg) {
            phase = PHASE_TERMINAL;
            event(t, "terminal", `terminal guidance from ${(rangeToGo / 1000).toFixed(2)} km`, {
              range_m: rangeToGo,
            });
          }
        }
        if (phase === PHASE_TERMINAL) {
          if (sensor) {
            // Truth for the seeker's physics; the estimate for where it points before lock.
            const tr = truthRelativeNed(truth, aim, trueRel);
            geom.los_n_m = tr[0];
            geom.los_e_m = tr[1];
            geom.los_d_m = tr[2];
            geom.vel_n_mps = truth.vNed[0];
            geom.vel_e_mps = truth.vNed[1];
            geom.vel_d_mps = truth.vNed[2];
            geom.navErr_n_m = r[0] - tr[0];
            geom.navErr_e_m = r[1] - tr[1];
            geom.navErr_d_m = r[2] - tr[2];
            geom.cloudBlocked = cloudBlocksLineOfSight(
              truth.geo[GEO_H],
              aimSpec.alt_m,
              sensor.weather,
            );
            sensor.seeker.update(t, geom, seekerOut);
            if (seekerOut.event === "acquired") {
              everLocked = true;
              if (lockAt === null) {
                lockAt = t;
                lockRange = seekerOut.range_m;
              }
              event(t, "seeker_lock", `seeker locked on at ${seekerOut.range_m.toFixed(0)} m`, {
                range_m: seekerOut.range_m,
                acquisition_range_m: seekerOut.acqRange_m,
              });
            } else if (seekerOut.event === "lost") {
              event(t, "seeker_lost", `seeker lost lock (${seekerOut.lossReason})`, {
                range_m: seekerOut.range_m,
              });
            }
            if (seekerOut.locked) {
              // A passive seeker gives the direction; navigation gives the range.
              const rr = Math.sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
              r[0] = rr * seekerOut.u_n;
              r[1] = rr * seekerOut.u_e;
              r[2] = rr * seekerOut.u_d;
            }
          }
          if (aimSpec.law === "pn") {
            // True PN on the (measured or estimated) line of sight; the command split into the
            // velocity's up-normal and horizontal-right components the autopilot takes.
            truePn3(r[0], r[1], r[2], -est.vn_mps, -est.ve_mps, -est.vd_mps, 4, 1e9, pn);
            const vv = Math.sqrt(est.vn_mps ** 2 + est.ve_mps ** 2 + est.vd_mps ** 2) || 1;
            const hv = Math.sqrt(est.vn_mps ** 2 + est.ve_mps ** 2) || 1;
            const rn = -est.ve_mps / hv;
            const re = est.vn_mps / hv;
            // up = right × v̂ in NED.
            const un = (re * est.vd_mps) / vv;
            const ue = (-rn * est.vd_mps) / vv;
            const ud = (rn * est.ve_mps - re * est.vn_mps) / vv;
            accelToCommand(
              pn.a_n * un + pn.a_e * ue + pn.a_d * ud,
              pn.a_n * rn + pn.a_e * re,
              gamma,
              G0,
              lim,
              cmd,
            );
          } else {
            terminalGuidance(
              r[0],
              r[1],
              r[2],
              est.vn_mps,
              est.ve_mps,
              est.vd_mps,
              aimSpec.impact_rad,
              term,
            );
            accelToCommand(term.a_up, term.a_right, gamma, G0, lim, cmd);
          }
        }
      } else {
        rangeToGo = Math.max(0, path.length_m - lat.along_m);
      }
      if (phase !== PHASE_TERMINAL) {
        let aUp: number;
        if (forces.engineOn || fuelOutAt === null) {
          const segEnd = Math.min(lat.segment + 1, path.n - 1);
          const agl = path.agl_m[segEnd];
          if (!Number.isNaN(agl)) {
            // Terrain following (NaN-free agl): the envelope of the map ahead, or the flat ground.
            if (terrain) {
              // Pull-up available now: maximum lift (or the load limit) less gravity, with margin.
              const nMax = Math.min(
                lim.max_load_g,
                (missile.airframe.cl_max * truth.qbar_pa * missile.airframe.S_m2) /
                  (x[S3_MASS] * G0),
              );
              terrainFollowingCommand(
                terrain,
                path,
                lat.along_m,
                lat.segment,
                agl,
                vh0,
                lim.max_climb_rad,
                est.vd_mps,
                0.7 * (nMax - 1) * G0,
                p.terrainFollowing,
                tf,
              );
              tfLimits.max_dive_rad = Math.min(
                lim.max_dive_rad,
                Math.asin(Math.min(1, tf.maxDescent_mps / Math.max(V, 1))),
              );
              aUp = altitudeAccel(
                tf.alt_m,
                est.alt_m,
                V,
                gamma,
                tfLimits,
                p.terrainFollowing.gains,
              );
            } else {
              aUp = altitudeAccel(
                flatGround + agl,
                est.alt_m,
                V,
                gamma,
                lim,
                p.terrainFollowing.gains,
              );
            }
          } else {
            aUp = altitudeAccel(path.alt_m[segEnd], est.alt_m, V, gamma, lim);
          }
        } else {
          // Out of fuel: glide at the lift coefficient of best L/D, turning as needed.
          const lTotal = (clBest * truth.qbar_pa * missile.airframe.S_m2) / x[S3_MASS];
          const lv = Math.sqrt(Math.max(0, lTotal * lTotal - lat.a_right * lat.a_right));
          aUp = lv - G0 * Math.cos(gamma);
        }
        accelToCommand(aUp, lat.a_right, gamma, G0, lim, cmd);
      } else {
        stepTicks = 1;
      }
      const segEnd = Math.min(lat.segment + 1, path.n - 1);
      forces.throttleCmd = machHold.update(path.mach[segEnd], mach, stepTicks * tick);
      forces.bankCmd_rad = cmd.bank_rad;
      forces.loadCmd_g = cmd.load_g;
    }
    if (ticks + stepTicks > maxTicks) stepTicks = maxTicks - ticks;

    // Integrate.
    prev.set(x);
    const dt = stepTicks * tick;
    rk4.step(sys, t, x, dt);
    const tNext = (ticks + stepTicks) * tick;
    let sum = 0;
    for (let k = 0; k < x.length; k++) sum += x[k];
    if (!Number.isFinite(sum)) {
      outcome = {
        status: "failed",
        t_s: t,
        message: `the state became non-finite in the step from t = ${t.toFixed(3)} s; samples before it were kept`,
      };
      tEnd = t;
      x.set(prev);
      break;
    }

    // Air data at the new state: serves the ground check now and navigation at the next step.
    truth.update(tNext, x, S3_RX, x, 3, true);
    if (imuStep) {
      // The IMU interval spans one or more dynamics steps (more in the terminal phase);
      // gravitation is integrated over it by the trapezoid rule.
      gravitation(earth.gravity, x[S3_RX], x[S3_RX + 1], x[S3_RX + 2], g1Eci, 0);
      for (let k = 0; k < 3; k++) {
        gInt[k] += 0.5 * (g0Eci[k] + g1Eci[k]) * dt;
        g0Eci[k] = g1Eci[k];
      }
      imuClock += dt;
      // In the terminal dive the attitude turns fast, so the IMU samples every (short) step there.
      if (imuClock >= imuInterval - 1e-9 || phase === PHASE_TERMINAL) {
        for (let k = 0; k < 3; k++) gInt[k] /= imuClock;
        truthImu.end(truth, x[M_BANK], forces.cl / clAlpha, x, S3_VX, gInt, imuClock);
        imuStep(truthImu.f, truthImu.w, imuClock);
        truthImu.restart(x, S3_VX);
        gInt.fill(0);
        imuClock = 0;
      }
    }

    // Ground contact (the one-pass height is exact to nanometres): find the moment within the step.
    const ground = groundAt(truth.geo);
    const clearance = truth.geo[GEO_H] - ground;
    if (phase === PHASE_MIDCOURSE && clearance < minClearance) minClearance = clearance;
    if (clearance < 0) {
      // The ground under the step's end stands for the whole step (steps cover metres).
      const h = findCrossing(sys, prev, t, dt, (tt, s) => altOf(tt, s) - ground, x);
      tEnd = t + h;
      groundDist += 0.5 * (vh0 + vh0) * h;
      truth.update(tEnd, x, S3_RX, x, 3, true);
      outcome = { status: "ground_impact", t_s: tEnd, message: "" };
      break;
    }

    // Fuel.
    if (forces.engineOn && forces.fuelLeft(x) <= 0) {
      forces.engineOn = false;
      fuelOutAt = tNext;
      if (phase === PHASE_MIDCOURSE) phase = PHASE_GLIDE;
      event(tNext, "fuel_exhausted", `fuel exhausted, engine off`);
    }

    groundDist += 0.5 * (vh0 + horizontalSpeed(truth)) * dt;
    ticks += stepTicks;

    // The air defence, at its own rate.
    if (defence && ticks >= nextThreatTick) {
      const g = truth.geo;
      target.sinLat = g[0];
      target.cosLat = g[1];
      target.sinLon = g[2];
      target.cosLon = g[3];
      target.lat_deg = Math.atan2(g[0], g[1]) / RAD_PER_DEG;
      target.lon_deg = Math.atan2(g[2], g[3]) / RAD_PER_DEG;
      target.alt_m = g[GEO_H];
      target.agl_m = clearance;
      threatEvents.length = 0;
      const killed = defence.update(tNext, (ticks - lastThreatTick) * tick, target, threatEvents);
      lastThreatTick = ticks;
      while (nextThreatTick <= ticks) nextThreatTick += threatTicks;
      for (const e of threatEvents) threatEvent(tNext, e);
      if (killed) {
        killedBy = defence.params.sams[defence.killer].name;
        tEnd = tNext;
        outcome = { status: "killed", t_s: tNext, message: `shot down by ${killedBy}` };
        samples.push(record(tNext, estimateAt(tNext)));
        break;
      }
    }
    if (ticks % sampleTicks === 0) samples.push(record(tNext, estimateAt(tNext)));
    tEnd = tNext;
  }

  // The final sample and the summary.
  truth.update(tEnd, x, S3_RX, x, 3, true);
  const finalRange = aimSpec
    ? horizontalRange(truth, aim)
    : Math.max(0, path.length_m - lat.along_m);
  rangeToGo = finalRange;
  const endEst = estimateAt(tEnd);
  const row = record(tEnd, endEst);
  if (samples.length === 0 || samples.column("t_s")[samples.length - 1] < tEnd) samples.push(row);
  const threatSummary = defence ? defence.summary() : [];
  const impactLat = row[1];
  const impactLon = row[2];
  const vn = row[4];
  const ve = row[5];
  const vd = row[6];
  const impactAngle = (Math.atan2(vd, Math.sqrt(vn * vn + ve * ve)) * 180) / Math.PI;
  const speed = Math.sqrt(vn * vn + ve * ve + vd * vd);
  // A missile shot down has no miss distance: it never arrived.
  const miss =
    aimSpec && outcome?.status !== "killed"
      ? geodesicInverse(aimSpec.lat_deg, aimSpec.lon_deg, impactLat, impactLon).distance_m
      : null;
  const range = geodesicInverse(rel.lat_deg, rel.lon_deg, impactLat, impactLon).distance_m;
  const fuelLeft = forces.fuelLeft(x);
  // Damage: the impact's offset from the aimpoint in the local plane, along the heading at impact.
  let pDamage: number | null = null;
  if (damage && aimSpec && outcome?.status === "ground_impact") {
    const off = truthRelativeNed(truth, aim, trueRel);
    pDamage = damageAtImpact(damage, -off[0], -off[1], Math.atan2(ve, vn));
  }
  if (!outcome) {
    outcome = {
      status: "completed",
      t_s: tEnd,
      message: `still flying after the ${p.maxTime_s} s limit (${phaseName(phase)} phase, ${row[3].toFixed(0)} m)`,
    };
  } else if (outcome.status === "ground_impact") {
    const what = aimSpec
      ? `impact ${miss?.toFixed(2)} m from the aimpoint at ${impactAngle.toFixed(1)}° and ${speed.toFixed(0)} m/s`
      : `reached the ground ${(range / 1000).toFixed(1)} km from release`;
    outcome = { status: "ground_impact", t_s: tEnd, message: `${what}, t = ${tEnd.toFixed(2)} s` };
    events.push({
      t_s: tEnd,
      kind: "impact",
      message: what,
      data: {
        lat_deg: impactLat,
        lon_deg: impactLon,
        alt_m: row[3],
        speed_mps: speed,
        impact_angle_deg: impactAngle,
        ...(miss === null ? {} : { miss_m: miss }),
      },
    });
  }
  return {
    samples,
    events,
    outcome,
    path,
    phaseNames: PHASE_NAMES,
    summary: {
      status: outcome.status === "completed" ? "timeout" : outcome.status,
      flight_time_s: tEnd,
      ground_distance_m: groundDist,
      range_m: range,
      fuel_used_kg: missile.fuel_kg - fuelLeft,
      fuel_left_kg: fuelLeft,
      fuel_exhausted_s: fuelOutAt,
      miss_m: miss,
      impact_speed_mps: speed,
      impact_angle_deg: impactAngle,
      impact_lat_deg: impactLat,
      impact_lon_deg: impactLon,
      gnss_outage_s: navigator.outageTime_s(),
      nav_error_horizontal_m: Math.hypot(status.navErrN_m, status.navErrE_m),
      nav_error_vertical_m: Math.abs(status.navErrD_m),
      killed_by: killedBy,
      threats: threatSummary,
      min_clearance_m: Number.isFinite(minClearance) ? minClearance : null,
      seeker_lock_s: lockAt,
      seeker_lock_range_m: lockRange,
      seeker_at_impact: !sensor
        ? "no seeker"
        : sensor.seeker.isLocked
          ? "locked"
          : everLocked
            ? "lost"
            : "never locked",
      p_damage: pDamage,
    },
  };
}

/**
 * Where terminal guidance starts by default (m of horizontal range): far enough that the dive
 * needs at most half the spare load factor — the impact-angle law asks about 6·V²·sin γf / R
 * of a level missile at range R — and no nearer than the point where the line of sight already
 * lies at the impact angle; plus two seconds of flight, within 3 to 30 km.
 */
export function terminalStartRange(
  height_m: number,
  v_mps: number,
  impact_rad: number,
  maxLoad_g: number,
): number {
  const spare = 0.5 * (maxLoad_g - 1) * G0;
  const byLoad = (6 * v_mps * v_mps * Math.sin(impact_rad)) / spare;
  const byGeometry = (1.3 * Math.max(height_m, 0)) / Math.tan(impact_rad);
  return Math.min(30_000, Math.max(3000, byLoad, byGeometry) + 2 * v_mps);
}

/** One sentence for an air-defence event. */
function threatMessage(e: ThreatEvent): string {
  const km = `${(e.range_m / 1000).toFixed(1)} km`;
  switch (e.kind) {
    case "cued":
      return `${e.site} cued by its network's search radar at ${km}`;
    case "detected":
      return `${e.site} detected the missile at ${km}`;
    case "tracked":
      return `${e.site} tracks the missile at ${km}`;
    case "track_lost":
      return `${e.site} lost the track at ${km}`;
    case "engaged":
      return `${e.site} has a fire solution at ${km}`;
    case "shot":
      return `${e.site} fired ${e.count} interceptor${e.count > 1 ? "s" : ""} at ${km}`;
    case "killed":
      return `${e.site} shot the missile down at ${km}`;
    case "survived":
      return `the missile survived a shot from ${e.site} at ${km}`;
  }
}

/**
 * Truth minus estimate of position, local NED metres, into the status. A non-finite estimate (a
 * run failing) leaves the last finite error in place, so no output carries a NaN.
 */
function navError(truth: AirData, est: NavEstimate, st: MissionStatus): void {
  const c = truth.cNe;
  const dx = truth.rEcef[0] - est.rEcef[0];
  const dy = truth.rEcef[1] - est.rEcef[1];
  const dz = truth.rEcef[2] - est.rEcef[2];
  if (!(Number.isFinite(dx) && Number.isFinite(dy) && Number.isFinite(dz))) return;
  st.navErrN_m = c[0] * dx + c[1] * dy + c[2] * dz;
  st.navErrE_m = c[3] * dx + c[4] * dy;
  st.navErrD_m = c[6] * dx + c[7] * dy + c[8] * dz;
}

/** Aimpoint relative to the estimate's position in local NED (m), written to out. */
function relativeNed(est: NavEstimate, aim: Float64Array, out: Float64Array): Float64Array {
  const dx = aim[0] - est.rEcef[0];
  const dy = aim[1] - est.rEcef[1];
  const dz = aim[2] - est.rEcef[2];
  out[0] = -est.sinLat * est.cosLon * dx - est.sinLat * est.sinLon * dy + est.cosLat * dz;
  out[1] = -est.sinLon * dx + est.cosLon * dy;
  out[2] = -est.cosLat * est.cosLon * dx - est.cosLat * est.sinLon * dy - est.sinLat * dz;
  return out;
}

/** An ECEF point relative to the air data's position, local NED (m), written to out. */
function truthRelativeNed(air: AirData, point: Float64Array, out: Float64Array): Float64Array {
  const c = air.cNe;
  const dx = point[0] - air.rEcef[0];
  const dy = point[1] - air.rEcef[1];
  const dz = point[2] - air.rEcef[2];
  out[0] = c[0] * dx + c[1] * dy + c[2] * dz;
  out[1] = c[3] * dx + c[4] * dy;
  out[2] = c[6] * dx + c[7] * dy + c[8] * dz;
  return out;
}

/** Horizontal distance (m) from the air data's position to an ECEF point, in the local plane. */
function horizontalRange(air: AirData, aim: Float64Array): number {
  const c = air.cNe;
  const dx = aim[0] - air.rEcef[0];
  const dy = aim[1] - air.rEcef[1];
  const dz = aim[2] - air.rEcef[2];
  const n = c[0] * dx + c[1] * dy + c[2] * dz;
  const e = c[3] * dx + c[4] * dy;
  return Math.sqrt(n * n + e * e);
}
