/**
 * simulate(): one missile flight from release to impact. The loop wires the parts at their rates:
 * truth dynamics (3-DOF point mass with autopilot lags, RK4), navigation (the estimate guidance
 * reads), guidance (route following, altitude and speed holds, terminal dive), the engine's start
 * and flame-out, events, and sampled outputs. Deterministic and allocation-free per step.
 *
 * Time runs on an integer tick of the terminal step so that midcourse steps, terminal steps and
 * output samples all fall on exact multiples and never drift.
 *
 * The parts live beside this file: the event log (mission-events.ts), local geometry
 * (mission-geometry.ts), midcourse height hold and glide (midcourse-guidance.ts), the terminal
 * phase and seeker (terminal-phase.ts), and the outcome and summary built after the loop
 * (mission-outcome.ts).
 */

import { SampleTable } from "../core/sample-table.js";
import { RAD_PER_DEG } from "../core/units.js";
import { AirData } from "../dynamics/air-data.js";
import { findCrossing } from "../dynamics/crossing.js";
import { initialState3Dof } from "../dynamics/initial-state.js";
import { Rk4 } from "../dynamics/ode.js";
import { PointMass3Dof, S3_MASS, S3_RX, S3_VX } from "../dynamics/point-mass-3dof.js";
import type { RunOutcome } from "../dynamics/run-result.js";
import { GEO_H, GEO_SIZE } from "../earth/ellipsoid.js";
import { gravitation } from "../earth/gravity.js";
import { windAt } from "../earth/wind.js";
import type { CarletonParams } from "../effects/damage.js";
import { MachHold } from "../guidance/altitude-speed.js";
import { type LateralCommand, PathFollower } from "../guidance/path-follower.js";
import { buildRoutePath, type RouteWaypoint } from "../guidance/route-path.js";
import { type NavEstimate, type Navigator, PerfectNavigator } from "../navigation/navigation.js";
import type { AirDefence, ThreatEvent, ThreatTarget } from "../threats/air-defence.js";
import { type AttitudeCommand, turnRadius } from "../vehicle/autopilot.js";
import { M_BANK, M_LOAD, M_THRUST, MissileForces } from "../vehicle/missile-forces.js";
import { MidcourseGuidance } from "./midcourse-guidance.js";
import { MissionEvents } from "./mission-events.js";
import { horizontalRange, horizontalSpeed, navError, stateHeight_m } from "./mission-geometry.js";
import { MISSION_COLUMNS, MissionObserver, MissionStatus } from "./mission-observer.js";
import { missionResult } from "./mission-outcome.js";
import type { MissionParams } from "./mission-params.js";
import type { MissionResult, TerminalSensor } from "./mission-result.js";
import { PHASE_GLIDE, PHASE_MIDCOURSE, PHASE_SEPARATION, PHASE_TERMINAL } from "./phases.js";
import type { TargetEngagement } from "./target-engagement.js";
import { TerminalPhase } from "./terminal-phase.js";
import { TruthImu } from "./truth-imu.js";

// Callers import the flight's types and the terminal-range rule from here.
export type { MissionResult, MissionSummary, TerminalSensor } from "./mission-result.js";
export { terminalStartRange } from "./terminal-phase.js";

/**
 * Fly one mission and return its samples, events and summary; an air defence may shoot it down, a
 * seeker may lock on in the terminal phase, and a damage function (of the target class) scores the
 * impact; a target engagement (target-engagement.ts) makes the target move or be known only
 * approximately.
 */
export function simulateMission(
  p: MissionParams,
  navigator: Navigator = new PerfectNavigator(),
  defence: AirDefence | null = null,
  sensor: TerminalSensor | null = null,
  damage: CarletonParams | null = null,
  engagement: TargetEngagement | null = null,
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
  const midcourse = new MidcourseGuidance(p, path);
  const lat: LateralCommand = { a_right: 0, crossTrack_m: 0, along_m: 0, segment: 0 };
  const cmd: AttitudeCommand = { bank_rad: 0, load_g: 0 };
  const machHold = new MachHold(4, 0.4, missile.engine.idle_fraction, 0.7);
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

  // Events, and the terminal phase (with its seeker) when there is an aimpoint to dive on.
  const events = new MissionEvents(truth, x);
  const aimSpec = p.aimpoint;
  const terminal = aimSpec
    ? new TerminalPhase(earth, aimSpec, lim, path.length_m, p.step_s, sensor, events, engagement)
    : null;

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
  const geo = new Float64Array(GEO_SIZE);

  let phase = PHASE_SEPARATION;
  let groundDist = 0;
  let rangeToGo = aimSpec ? 0 : path.length_m;
  let nextWaypoint = 1;
  let fuelOutAt: number | null = null;
  let startCommanded = false;
  let outcome: RunOutcome | null = null;
  let tEnd = 0;
  const lightOff_s = missile.separation_s + missile.engine.start_delay_s;

  events.at(
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
  rangeToGo = terminal ? horizontalRange(truth, terminal.aim) : path.length_m;
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
      events.at(t, "engine_start", `separation complete, engine start commanded`);
    }
    if (startCommanded && !forces.engineOn && fuelOutAt === null && t >= lightOff_s) {
      forces.engineOn = true;
      events.at(t, "engine_light_off", `engine running`);
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
        events.at(t, "waypoint", `passed ${points[nextWaypoint].name}`, {
          cross_track_m: lat.crossTrack_m,
        });
        nextWaypoint++;
      }
      if (terminal) {
        terminal.follow(t, truth);
        const r = terminal.lineOfSight(est);
        rangeToGo = Math.sqrt(r[0] * r[0] + r[1] * r[1]);
        if (phase !== PHASE_TERMINAL && terminal.starts(rangeToGo, est.alt_m, V, lat.along_m)) {
          phase = PHASE_TERMINAL;
          events.at(t, "terminal", `terminal guidance from ${(rangeToGo / 1000).toFixed(2)} km`, {
            range_m: rangeToGo,
          });
        }
        if (phase === PHASE_TERMINAL) terminal.steer(t, est, truth, gamma, cmd);
      } else {
        rangeToGo = Math.max(0, path.length_m - lat.along_m);
      }
      if (phase !== PHASE_TERMINAL) {
        midcourse.steer(
          forces.engineOn || fuelOutAt === null,
          est,
          truth,
          x[S3_MASS],
          lat,
          vh0,
          gamma,
          cmd,
        );
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
      const h = findCrossing(
        sys,
        prev,
        t,
        dt,
        (tt, s) => stateHeight_m(earth, tt, s, geo) - ground,
        x,
      );
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
      events.at(tNext, "fuel_exhausted", `fuel exhausted, engine off`);
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
      for (const e of threatEvents) events.threat(tNext, e);
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

  // The final sample, then the outcome and summary.
  truth.update(tEnd, x, S3_RX, x, 3, true);
  rangeToGo = terminal
    ? horizontalRange(truth, terminal.aim)
    : Math.max(0, path.length_m - lat.along_m);
  const row = record(tEnd, estimateAt(tEnd));
  if (samples.length === 0 || samples.column("t_s")[samples.length - 1] < tEnd) samples.push(row);
  return missionResult({
    p,
    navigator,
    defence,
    sensor,
    damage,
    terminal,
    truth,
    forces,
    x,
    samples,
    events,
    path,
    status,
    row,
    outcome,
    tEnd_s: tEnd,
    phase,
    groundDist_m: groundDist,
    fuelOut_s: fuelOutAt,
    killedBy,
    minClearance_m: minClearance,
  });
}
