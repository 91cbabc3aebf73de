/**
 * One missile (or decoy) flight as a steppable object: the constructor sets up the release, the
 * route and the models over preallocated state; integrate() advances one integration step;
 * afterStep() records the step's sample; kill() ends the flight at the air defence's hand; and
 * finish() builds the result. A world loop (world-loop.ts) steps many flights in lock-step
 * against one air defence; simulateMission (simulate.ts) is the loop with one flight.
 *
 * The step wires the parts at their rates: truth dynamics (3-DOF point mass with autopilot lags,
 * RK4), navigation (the estimate guidance reads), guidance (route following, altitude and speed
 * holds, terminal dive), the engine's start and flame-out, events, and sampled outputs.
 * Deterministic and allocation-free per step.
 *
 * Time runs on an integer tick of the terminal step so that midcourse steps, terminal steps and
 * output samples all fall on exact multiples and never drift.
 */

import { F64_ZERO } from "../core/double-fields.js";
import { SampleTable } from "../core/sample-table.js";
import { RAD_PER_DEG } from "../core/units.js";
import { AirData } from "../dynamics/air-data.js";
import { findCrossing } from "../dynamics/crossing.js";
import { initialState3Dof } from "../dynamics/initial-state.js";
import { Rk4 } from "../dynamics/ode.js";
import { PointMass3Dof, S3_RX, S3_VX } from "../dynamics/point-mass-3dof.js";
import type { RunOutcome } from "../dynamics/run-result.js";
import { GEO_H, GEO_SIZE } from "../earth/ellipsoid.js";
import { gravitationAt } from "../earth/gravity.js";
import { windAt } from "../earth/wind.js";
import type { CarletonParams } from "../effects/damage.js";
import { MachHold } from "../guidance/altitude-speed.js";
import { type LateralCommand, PathFollower } from "../guidance/path-follower.js";
import { buildRoutePath, type RoutePath, type RouteWaypoint } from "../guidance/route-path.js";
import type { NavEstimate, Navigator } from "../navigation/navigation.js";
import type { SiteSummary, ThreatEvent, ThreatTarget } from "../threats/air-defence.js";
import { type AttitudeCommand, turnRadius } from "../vehicle/autopilot.js";
import { M_BANK, M_LOAD, M_THRUST, MissileForces } from "../vehicle/missile-forces.js";
import { copyFlightLimits } from "../vehicle/missile-params.js";
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

/** One flight, stepped by a world loop. */
export class MissionFlight {
  /** Integer ticks (of tick_s) flown so far, and the tick length, s. */
  ticks = 0;
  readonly tick_s: number;
  /** True once the flight has ended (impact, failure, kill or time limit). */
  ended = false;
  /** The air defence's view of this flight, refreshed by fillThreatTarget(). */
  readonly target: ThreatTarget;

  private readonly forces: MissileForces;
  private readonly sys: PointMass3Dof;
  private readonly x: Float64Array;
  private readonly prev: Float64Array;
  private readonly rk4: Rk4;
  private readonly observer: MissionObserver;
  private readonly truth: AirData;
  private readonly points: RouteWaypoint[];
  private readonly path: RoutePath;
  private readonly follower: PathFollower;
  private readonly midcourse: MidcourseGuidance;
  private readonly lat: LateralCommand = { a_right: 0, crossTrack_m: 0, along_m: 0, segment: 0 };
  private readonly cmd: AttitudeCommand = { bank_rad: 0, load_g: 0 };
  private readonly machHold: MachHold;
  private readonly terrainTop: number;
  private minClearance = Number.POSITIVE_INFINITY;
  private clearance = F64_ZERO;
  private readonly events: MissionEvents;
  private readonly terminal: TerminalPhase | null;
  private readonly imuStep: Navigator["imuStep"];
  private readonly truthImu = new TruthImu();
  private readonly g0Eci = new Float64Array(3);
  private readonly g1Eci = new Float64Array(3);
  private readonly gInt = new Float64Array(3);
  private imuClock = F64_ZERO;
  private readonly imuInterval: number;
  private readonly clAlpha: number;
  private readonly midTicks: number;
  private readonly sampleTicks: number;
  private readonly maxTicks: number;
  private readonly samples: SampleTable;
  private readonly geo = new Float64Array(GEO_SIZE);
  private phase = PHASE_SEPARATION;
  private groundDist = F64_ZERO;
  private rangeToGo: number;
  private nextWaypoint = 1;
  private fuelOutAt: number | null = null;
  private startCommanded = false;
  private outcome: RunOutcome | null = null;
  private tEnd = F64_ZERO;
  private tNext = F64_ZERO;
  private readonly lightOff_s: number;
  // The number fields above that later take fractions start as F64_ZERO (core/double-fields.ts):
  // started as the integer 0, each run's flight changed its hidden class at the first fraction.
  // Per-step reads of the run's parameter objects, copied once: those objects are built per run
  // from the scenario, and a map check on them inside the step deoptimises the whole inlined step
  // whenever a run's object has another hidden class (each recompile costs its worker ~30 ms).
  private readonly separation_s: number;
  private readonly hasAimpoint: boolean;
  private readonly earth: MissionParams["earth"];
  private killedBy: string | null = null;
  private readonly status = new MissionStatus();
  private estNow: NavEstimate;
  private estT = F64_ZERO;

  /** Release a flight: state, route, models and the first sample. */
  constructor(
    private readonly p: MissionParams,
    private readonly navigator: Navigator,
    private readonly sensor: TerminalSensor | null = null,
    private readonly damage: CarletonParams | null = null,
    engagement: TargetEngagement | null = null,
  ) {
    const { earth, missile } = p;
    // Guidance reads the limits in the one shape midcourse guidance also uses (copyFlightLimits).
    const lim = copyFlightLimits(missile.limits);
    this.forces = new MissileForces(missile);
    this.sys = new PointMass3Dof(this.forces, earth);
    const x = new Float64Array(this.sys.size);
    this.x = x;
    this.prev = new Float64Array(this.sys.size);
    this.rk4 = new Rk4(this.sys.size);
    this.observer = new MissionObserver(this.sys, this.forces);
    const truth = new AirData(earth);
    this.truth = truth;

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
    this.points = points;
    const designBank = 0.7 * lim.max_bank_rad;
    this.path = buildRoutePath(earth.ellipsoid, points, (wp) => {
      // Fly-by radius for the true airspeed at the waypoint's altitude (standard atmosphere speed
      // of sound), banked to 70 % of the limit to leave room for wind and errors.
      const a = 340.294 * Math.sqrt(Math.max(0.75, 1 - 2.2558e-5 * Math.min(wp.alt_m, 11000)));
      return turnRadius(wp.mach * a, designBank);
    });
    this.follower = new PathFollower(this.path);
    this.midcourse = new MidcourseGuidance(p, this.path);
    this.machHold = new MachHold(4, 0.4, missile.engine.idle_fraction, 0.7);
    // Above the highest terrain the ground check needs no map lookup.
    this.terrainTop = p.terrain ? p.terrain.maxHeight() : p.ground_m;

    // Events, and the terminal phase (with its seeker) when there is an aimpoint to dive on.
    this.events = new MissionEvents(truth, x);
    this.terminal = p.aimpoint
      ? new TerminalPhase(
          earth,
          p.aimpoint,
          lim,
          this.path.length_m,
          p.step_s,
          sensor,
          this.events,
          engagement,
        )
      : null;

    // The air defence looks at the true state at its own rate.
    this.target = {
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
    this.imuStep = navigator.imuStep?.bind(navigator);
    // The IMU interval is a whole number of midcourse steps (at least one).
    this.imuInterval =
      Math.max(1, Math.round((navigator.imuInterval_s ?? p.step_s) / p.step_s)) * p.step_s;
    this.clAlpha = missile.airframe.cl_alpha_per_rad;

    // Time base.
    const tick = p.terminalStep_s;
    this.tick_s = tick;
    this.midTicks = Math.round(p.step_s / tick);
    this.sampleTicks = Math.round(p.sampleDt_s / tick);
    this.maxTicks = Math.ceil(p.maxTime_s / tick);

    // Start modest and let the table double: a long maximum time must not preallocate megabytes.
    // (8,192 rows of 31 columns, 2 MB of fresh zeroed memory per flight, was 3 % of a 24-flyer
    // salvo world's CPU time; 512 rows grow to a 1,000 s flight's samples in one doubling.)
    this.samples = new SampleTable(
      MISSION_COLUMNS,
      Math.min(512, Math.ceil(p.maxTime_s / p.sampleDt_s) + 2),
    );
    this.rangeToGo = this.terminal ? 0 : this.path.length_m;
    this.lightOff_s = missile.separation_s + missile.engine.start_delay_s;
    this.separation_s = missile.separation_s;
    this.hasAimpoint = p.aimpoint !== null;
    this.earth = earth;

    this.events.at(
      0,
      "release",
      `released from ${rel.platform} at ${rel.alt_m.toFixed(0)} m, ${rel.tas_mps.toFixed(0)} m/s true airspeed`,
    );
    truth.update(0, x, S3_RX, x, 3, true);
    navigator.initialize?.(
      truth,
      this.truthImu.bodyToNed(truth, x[M_BANK], 0, new Float64Array(9)),
    );
    if (this.imuStep) {
      this.truthImu.begin(truth, x[M_BANK], 0, x, S3_VX);
      gravitationAt(earth.gravity, x, S3_RX, this.g0Eci, 0);
    }
    // The estimate at a time is computed once (a sample and the next step share it).
    this.estNow = navigator.update(0, truth);
    this.rangeToGo = this.terminal ? horizontalRange(truth, this.terminal.aim) : this.path.length_m;
    this.samples.push(this.record(0, this.estimateAt(0)));
    if (this.maxTicks <= 0) this.ended = true;
  }

  private estimateAt(tt: number): NavEstimate {
    if (tt !== this.estT) {
      this.estNow = this.navigator.update(tt, this.truth);
      this.estT = tt;
    }
    return this.estNow;
  }

  private record(tt: number, est: NavEstimate): Float64Array {
    const status = this.status;
    status.phase = this.phase;
    status.groundDist_m = this.groundDist;
    status.rangeToGo_m = this.rangeToGo;
    status.crossTrack_m = this.lat.crossTrack_m;
    navError(this.truth, est, status);
    status.gnssState = this.navigator.gnssStateCode();
    return this.observer.observe(tt, this.x, status);
  }

  private groundAt(g: Float64Array): number {
    const terrain = this.p.terrain;
    if (!terrain) return this.p.ground_m;
    // Looked up at every step, though used only below the highest terrain: a lookup first made low
    // down, late in a thread's first flight, threw away the optimised step.
    const h = terrain.heightAt(
      Math.atan2(g[0], g[1]) / RAD_PER_DEG,
      Math.atan2(g[2], g[3]) / RAD_PER_DEG,
    );
    return g[GEO_H] > this.terrainTop ? this.p.ground_m : h;
  }

  /**
   * Advance one integration step (guidance, dynamics, navigation, ground and fuel checks). The
   * flight may end (impact, failure); otherwise the caller may let the defence look, then calls
   * afterStep().
   */
  integrate(): void {
    const { forces, truth, x, lat, cmd, terminal, events, path, earth } = this;
    const tick = this.tick_s;
    const t = this.ticks * tick;
    // `truth` already holds the air data of (t, x): set before the loop and after each step.
    const est = this.estimateAt(t);
    const vh0 = horizontalSpeed(truth);

    // Engine start sequence and phase changes.
    if (this.phase === PHASE_SEPARATION && t >= this.separation_s) {
      this.phase = PHASE_MIDCOURSE;
      this.startCommanded = true;
      events.at(t, "engine_start", `separation complete, engine start commanded`);
    }
    if (
      this.startCommanded &&
      !forces.engineOn &&
      this.fuelOutAt === null &&
      t >= this.lightOff_s
    ) {
      forces.engineOn = true;
      events.at(t, "engine_light_off", `engine running`);
    }

    // Guidance.
    let stepTicks = this.midTicks;
    if (this.phase !== PHASE_SEPARATION) {
      const gamma = Math.atan2(-est.vd_mps, Math.sqrt(est.vn_mps ** 2 + est.ve_mps ** 2));
      const mach = truth.mach;
      this.follower.update(est, lat);
      while (
        this.nextWaypoint < path.waypointVertex.length - (this.hasAimpoint ? 1 : 0) &&
        lat.along_m >= path.s_m[path.waypointVertex[this.nextWaypoint]]
      ) {
        events.at(t, "waypoint", `passed ${this.points[this.nextWaypoint].name}`, {
          cross_track_m: lat.crossTrack_m,
        });
        this.nextWaypoint++;
      }
      if (terminal) {
        terminal.follow(t, truth);
        const r = terminal.lineOfSight(est);
        this.rangeToGo = Math.sqrt(r[0] * r[0] + r[1] * r[1]);
        if (this.phase !== PHASE_TERMINAL && terminal.starts(est, truth, lat)) {
          this.phase = PHASE_TERMINAL;
          events.at(
            t,
            "terminal",
            `terminal guidance from ${(this.rangeToGo / 1000).toFixed(2)} km`,
            {
              range_m: this.rangeToGo,
            },
          );
        }
        if (this.phase === PHASE_TERMINAL) terminal.steer(t, est, truth, gamma, cmd);
      } else {
        this.rangeToGo = Math.max(0, path.length_m - lat.along_m);
      }
      if (this.phase !== PHASE_TERMINAL) {
        this.midcourse.steer(forces.engineOn || this.fuelOutAt === null, est, truth, x, lat, cmd);
      } else {
        stepTicks = 1;
      }
      const segEnd = Math.min(lat.segment + 1, path.n - 1);
      forces.throttleCmd = this.machHold.update(path.mach[segEnd], mach, stepTicks * tick);
      forces.bankCmd_rad = cmd.bank_rad;
      forces.loadCmd_g = cmd.load_g;
    }
    if (this.ticks + stepTicks > this.maxTicks) stepTicks = this.maxTicks - this.ticks;

    // Integrate.
    this.prev.set(x);
    const dt = stepTicks * tick;
    this.rk4.step(this.sys, t, x, dt);
    const tNext = (this.ticks + stepTicks) * tick;
    let sum = 0;
    for (let k = 0; k < x.length; k++) sum += x[k];
    if (!Number.isFinite(sum)) {
      this.outcome = {
        status: "failed",
        t_s: t,
        message: `the state became non-finite in the step from t = ${t.toFixed(3)} s; samples before it were kept`,
      };
      this.tEnd = t;
      x.set(this.prev);
      this.ended = true;
      return;
    }

    // Air data at the new state: serves the ground check now and navigation at the next step.
    truth.update(tNext, x, S3_RX, x, 3, true);
    if (this.imuStep) {
      // The IMU interval spans one or more dynamics steps (more in the terminal phase);
      // gravitation is integrated over it by the trapezoid rule.
      const { g0Eci, g1Eci, gInt } = this;
      gravitationAt(earth.gravity, x, S3_RX, g1Eci, 0);
      for (let k = 0; k < 3; k++) {
        gInt[k] += 0.5 * (g0Eci[k] + g1Eci[k]) * dt;
        g0Eci[k] = g1Eci[k];
      }
      this.imuClock += dt;
      // In the terminal dive the attitude turns fast, so the IMU samples every (short) step there.
      if (this.imuClock >= this.imuInterval - 1e-9 || this.phase === PHASE_TERMINAL) {
        for (let k = 0; k < 3; k++) gInt[k] /= this.imuClock;
        const imu = this.truthImu;
        imu.end(truth, x[M_BANK], forces.cl / this.clAlpha, x, S3_VX, gInt, this.imuClock);
        this.imuStep(imu.f, imu.w, this.imuClock);
        imu.restart(x, S3_VX);
        gInt.fill(0);
        this.imuClock = F64_ZERO;
      }
    }

    // Ground contact (the one-pass height is exact to nanometres): find the moment within the step.
    const ground = this.groundAt(truth.geo);
    const clearance = truth.geo[GEO_H] - ground;
    this.clearance = clearance;
    if (this.phase === PHASE_MIDCOURSE && clearance < this.minClearance) {
      this.minClearance = clearance;
    }
    if (clearance < 0) {
      // The ground under the step's end stands for the whole step (steps cover metres).
      const geo = this.geo;
      const h = findCrossing(
        this.sys,
        this.prev,
        t,
        dt,
        (tt, s) => stateHeight_m(earth, tt, s, geo) - ground,
        x,
      );
      this.tEnd = t + h;
      this.groundDist += 0.5 * (vh0 + vh0) * h;
      truth.update(this.tEnd, x, S3_RX, x, 3, true);
      this.outcome = { status: "ground_impact", t_s: this.tEnd, message: "" };
      this.ended = true;
      return;
    }

    // Fuel.
    if (forces.engineOn && forces.fuelLeft(x) <= 0) {
      forces.engineOn = false;
      this.fuelOutAt = tNext;
      if (this.phase === PHASE_MIDCOURSE) this.phase = PHASE_GLIDE;
      events.at(tNext, "fuel_exhausted", `fuel exhausted, engine off`);
    }

    this.groundDist += 0.5 * (vh0 + horizontalSpeed(truth)) * dt;
    this.ticks += stepTicks;
    this.tNext = tNext;
  }

  /** Write the flight's true state into `target` for the air defence. */
  fillThreatTarget(): void {
    const g = this.truth.geo;
    const target = this.target;
    target.sinLat = g[0];
    target.cosLat = g[1];
    target.sinLon = g[2];
    target.cosLon = g[3];
    target.lat_deg = Math.atan2(g[0], g[1]) / RAD_PER_DEG;
    target.lon_deg = Math.atan2(g[2], g[3]) / RAD_PER_DEG;
    target.alt_m = g[GEO_H];
    target.agl_m = this.clearance;
  }

  /** Record an air-defence event about this flight at the end of the current step. */
  threatEvent(e: ThreatEvent): void {
    this.events.threat(this.tNext, e);
  }

  /** The air defence shot this flight down at the end of the current step. */
  kill(by: string): void {
    const tNext = this.tNext;
    this.killedBy = by;
    this.tEnd = tNext;
    this.outcome = { status: "killed", t_s: tNext, message: `shot down by ${by}` };
    this.samples.push(this.record(tNext, this.estimateAt(tNext)));
    this.ended = true;
  }

  /** False once cancelled: its aircraft was shot down before its launch time. */
  released = true;

  /** Never launched: its aircraft was shot down before its launch time. */
  cancel(): void {
    this.released = false;
    this.ended = true;
  }

  /** Complete the current step: its sample when one is due; the time limit ends the flight. */
  afterStep(): void {
    const tNext = this.tNext;
    if (this.ticks % this.sampleTicks === 0) {
      this.samples.push(this.record(tNext, this.estimateAt(tNext)));
    }
    this.tEnd = tNext;
    if (this.ticks >= this.maxTicks) this.ended = true;
  }

  /** The flight's result, with what each air-defence site did about it (empty without one). */
  finish(threats: readonly SiteSummary[]): MissionResult {
    const { truth, x, terminal, path, lat } = this;
    // The final sample, then the outcome and summary.
    truth.update(this.tEnd, x, S3_RX, x, 3, true);
    this.rangeToGo = terminal
      ? horizontalRange(truth, terminal.aim)
      : Math.max(0, path.length_m - lat.along_m);
    const row = this.record(this.tEnd, this.estimateAt(this.tEnd));
    const samples = this.samples;
    if (samples.length === 0 || samples.column("t_s")[samples.length - 1] < this.tEnd) {
      samples.push(row);
    }
    return missionResult({
      p: this.p,
      navigator: this.navigator,
      threats,
      sensor: this.sensor,
      damage: this.damage,
      terminal,
      truth,
      forces: this.forces,
      x,
      samples,
      events: this.events,
      path,
      status: this.status,
      row,
      outcome: this.outcome,
      tEnd_s: this.tEnd,
      phase: this.phase,
      groundDist_m: this.groundDist,
      fuelOut_s: this.fuelOutAt,
      killedBy: this.killedBy,
      minClearance_m: this.minClearance,
    });
  }
}
