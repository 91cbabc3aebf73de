/**
 * GPS/INS navigation for the mission loop: a strapdown INS driven by a modelled IMU, corrected by
 * a 15-state error-state Kalman filter from GNSS position and velocity fixes (when the receiver
 * tracks) and a barometric height. Implements the Navigator boundary, so guidance flies on its
 * estimate. The mission loop feeds the true IMU increments of each dynamics step through imuStep().
 */

import { F64_ZERO } from "../core/double-fields.js";
import type { Rng } from "../core/rng.js";
import type { AirData } from "../dynamics/air-data.js";
import type { EarthModel } from "../earth/earth-model.js";
import { type Ellipsoid, ecefToGeodetic, GEO_SIZE } from "../earth/ellipsoid.js";
import { Eskf, type EskfNoise, HEIGHT_STATES } from "./eskf.js";
import type { GnssReceiver } from "./gnss.js";
import { type ImuGrade, ImuModel, type SensorErrors } from "./imu.js";
import { StrapdownIns } from "./ins.js";
import { NavEstimate, type Navigator } from "./navigation.js";

/** Options of the GPS/INS navigator. */
export interface GnssInsOptions {
  readonly grade: ImuGrade;
  /** Kalman filter propagation interval, s. */
  readonly filter_dt_s: number;
  /** Barometric altimeter noise 1σ (m) and rate (Hz); 0 Hz: no baro. */
  readonly baro_sigma_m: number;
  readonly baro_rate_hz: number;
  /** GNSS fix noise the filter assumes (1σ, m and m/s). */
  readonly fix_pos_sigma_m: number;
  readonly fix_vert_sigma_m: number;
  readonly fix_vel_sigma_mps: number;
}

/**
 * The filter's model of one triad's bias. A turn-on bias is constant for the run, so the filter
 * carries the bias as a random constant (initial σ from turn-on and in-run parts) plus a random
 * walk whose density, 2σ²/τ, matches the in-run Gauss–Markov part's short-term growth. Modelling
 * the whole bias as the in-run process would tell the filter that a calibrated turn-on bias is
 * forgotten within τ, and it never settles. With no turn-on bias the in-run process is exact.
 */
function biasModel(e: SensorErrors, floor: number) {
  const tau_s = Math.max(e.bias_tau_s, 1);
  return {
    p0: Math.max(Math.hypot(e.bias_1sigma, e.bias_instability), floor),
    tau_s: e.bias_1sigma > 0 ? Number.POSITIVE_INFINITY : tau_s,
    psd: Math.max((2 * e.bias_instability * e.bias_instability) / tau_s, (floor * floor) / 3600),
  };
}

/** Filter noise model matching an IMU grade. */
export function eskfNoiseFor(grade: ImuGrade): EskfNoise {
  const a = biasModel(grade.accel, 1e-6);
  const g = biasModel(grade.gyro, 1e-9);
  return {
    accel_vrw: Math.max(grade.accel.random_walk, 1e-6),
    gyro_arw: Math.max(grade.gyro.random_walk, 1e-9),
    accel_bias_p0: a.p0,
    accel_bias_tau_s: a.tau_s,
    accel_bias_psd: a.psd,
    gyro_bias_p0: g.p0,
    gyro_bias_tau_s: g.tau_s,
    gyro_bias_psd: g.psd,
    p0_pos_m: 5,
    p0_vel_mps: 0.2,
    p0_tilt_rad: 1e-3,
    p0_heading_rad: 3e-3,
  };
}

// Slots of GnssInsNavigator.num (its options' numbers).
const O_FILTER_DT = 0;
const O_BARO_SIGMA = 1;
const O_BARO_RATE = 2;
const O_FIX_POS_SIGMA = 3;
const O_FIX_VERT_SIGMA = 4;
const O_FIX_VEL_SIGMA = 5;
const O_SIZE = 6;

/** GPS/INS navigator. */
export class GnssInsNavigator implements Navigator {
  readonly ins: StrapdownIns;
  readonly kf: Eskf;
  readonly imu: ImuModel;
  private readonly est = new NavEstimate();
  private readonly fm = new Float64Array(3);
  private readonly wm = new Float64Array(3);
  private readonly lla = new Float64Array(3);
  private readonly geo = new Float64Array(GEO_SIZE);
  private readonly rad = new Float64Array(2);
  private readonly trueVel = new Float64Array(3);
  // Doubles from the start (double-fields.ts): the navigator's hidden class never changes.
  private filterClock = F64_ZERO;
  /** The INS solution changed since the estimate was last filled. */
  private dirty = true;
  private nextBaro = F64_ZERO;
  private readonly baroRng: Rng;
  /** IMU sampling interval, s. */
  readonly imuInterval_s: number;
  /**
   * The ellipsoid, and its a (m) and e², taken once: per-step code that read them through the
   * per-run Earth model depended on that object's hidden class, which V8 may rebuild between runs.
   */
  private readonly ellipsoid: Ellipsoid;
  private readonly shape = new Float64Array(2);
  /**
   * The options' numbers, copied for the same reason: the options are a literal built per run
   * (engine/mission-params.ts) whose hidden class V8 may rebuild between runs.
   */
  private readonly num = new Float64Array(O_SIZE);

  /** rng: the navigation subsystem's stream; the IMU and baro draw from named children of it. */
  constructor(
    readonly earth: EarthModel,
    readonly opts: GnssInsOptions,
    readonly receiver: GnssReceiver,
    rng: Rng,
    imuDt_s: number,
  ) {
    this.ins = new StrapdownIns(earth);
    this.ellipsoid = earth.ellipsoid;
    this.shape[0] = earth.ellipsoid.a_m;
    this.shape[1] = earth.ellipsoid.e2;
    this.kf = new Eskf(this.ins, eskfNoiseFor(opts.grade));
    this.imuInterval_s = imuDt_s;
    const o = this.num;
    o[O_FILTER_DT] = opts.filter_dt_s;
    o[O_BARO_SIGMA] = opts.baro_sigma_m;
    o[O_BARO_RATE] = opts.baro_rate_hz;
    o[O_FIX_POS_SIGMA] = opts.fix_pos_sigma_m;
    o[O_FIX_VERT_SIGMA] = opts.fix_vert_sigma_m;
    o[O_FIX_VEL_SIGMA] = opts.fix_vel_sigma_mps;
    this.imu = new ImuModel(opts.grade, rng.stream("imu"), imuDt_s);
    this.baroRng = rng.stream("baro");
  }

  /** Receiver state code (tracking 0, reacquiring 1, lost 2). */
  gnssStateCode(): number {
    return this.receiver.stateCode;
  }

  /** Time without GNSS fixes so far, s. */
  outageTime_s(): number {
    return this.receiver.outage_s;
  }

  /** Initialise from the truth at release (the launch aircraft hands over its aligned solution). */
  initialize(truth: AirData, cNb: Float64Array): void {
    ecefToGeodetic(
      this.ellipsoid,
      truth.rEcef[0],
      truth.rEcef[1],
      truth.rEcef[2],
      this.lla,
      0,
      this.geo,
    );
    this.ins.reset(this.lla[0], this.lla[1], this.lla[2], truth.vNed, cNb);
    this.kf.resetCovariance();
    this.dirty = true;
  }

  /** One IMU interval: true mean specific force (m/s²) and inertial rate (rad/s), body axes. */
  imuStep(fTrue: Float64Array, wTrue: Float64Array, dt: number): void {
    const fm = this.fm;
    const wm = this.wm;
    this.imu.measure(fTrue, wTrue, fm, wm, dt);
    const kf = this.kf;
    for (let k = 0; k < 3; k++) {
      fm[k] -= kf.accelBias[k];
      wm[k] -= kf.gyroBias[k];
    }
    this.ins.update(fm, wm, dt);
    this.dirty = true;
    this.filterClock += dt;
    if (this.filterClock >= this.num[O_FILTER_DT] - 1e-9) {
      kf.predict(this.filterClock);
      this.filterClock = 0;
    }
  }

  /** Process the GNSS receiver and baro at time t (s) with the truth, and return the estimate. */
  update(t: number, truth: AirData): NavEstimate {
    const ins = this.ins;
    const kf = this.kf;
    const g = truth.geo;
    this.trueVel[0] = truth.vNed[0];
    this.trueVel[1] = truth.vNed[1];
    this.trueVel[2] = truth.vNed[2];
    const fix = this.receiver.updateGeo(t, truth.rEcef, this.trueVel, g);
    let updated = false;
    if (fix) {
      ecefToGeodetic(
        this.ellipsoid,
        this.receiver.fixEcef[0],
        this.receiver.fixEcef[1],
        this.receiver.fixEcef[2],
        this.lla,
        0,
        this.geo,
      );
      ins.radii(this.rad);
      const rn = this.rad[0] + ins.alt_m;
      const re = this.rad[1] + ins.alt_m;
      const o = this.num;
      kf.updateScalar(0, -1, (this.lla[0] - ins.lat_rad) * rn, o[O_FIX_POS_SIGMA] ** 2);
      kf.updateScalar(
        1,
        -1,
        (this.lla[1] - ins.lon_rad) * re * Math.cos(ins.lat_rad),
        o[O_FIX_POS_SIGMA] ** 2,
      );
      kf.updateScalar(2, -1, ins.alt_m - this.lla[2], o[O_FIX_VERT_SIGMA] ** 2);
      const v = this.receiver.fixVelNed;
      for (let k = 0; k < 3; k++)
        kf.updateScalar(3 + k, -1, v[k] - ins.vNed[k], o[O_FIX_VEL_SIGMA] ** 2);
      updated = true;
    }
    const baroRate = this.num[O_BARO_RATE];
    if (baroRate > 0 && t >= this.nextBaro) {
      this.nextBaro = t + 1 / baroRate - 1e-9;
      const baroSigma = this.num[O_BARO_SIGMA];
      const hBaro = g[4] + this.baroRng.gaussian(0, baroSigma);
      kf.updateScalar(2, -1, ins.alt_m - hBaro, baroSigma ** 2, HEIGHT_STATES);
      updated = true;
    }
    if (updated) {
      kf.feedback();
      this.dirty = true;
    }
    this.est.t_s = t;
    return this.dirty ? this.fill(t) : this.est;
  }

  /** The INS solution as a NavEstimate. */
  private fill(t: number): NavEstimate {
    this.dirty = false;
    const e = this.est;
    const ins = this.ins;
    e.t_s = t;
    e.lat_rad = ins.lat_rad;
    e.lon_rad = ins.lon_rad;
    e.alt_m = ins.alt_m;
    e.vn_mps = ins.vNed[0];
    e.ve_mps = ins.vNed[1];
    e.vd_mps = ins.vNed[2];
    const sL = Math.sin(ins.lat_rad);
    const cL = Math.cos(ins.lat_rad);
    const sl = Math.sin(ins.lon_rad);
    const cl = Math.cos(ins.lon_rad);
    e.sinLat = sL;
    e.cosLat = cL;
    e.sinLon = sl;
    e.cosLon = cl;
    // Geodetic → ECEF with the sines already in hand.
    const a_m = this.shape[0];
    const e2 = this.shape[1];
    const n = a_m / Math.sqrt(1 - e2 * sL * sL);
    e.rEcef[0] = (n + ins.alt_m) * cL * cl;
    e.rEcef[1] = (n + ins.alt_m) * cL * sl;
    e.rEcef[2] = (n * (1 - e2) + ins.alt_m) * sL;
    return e;
  }
}
