/**
 * IMU error model with three grades from public data sheets: turn-on bias, bias instability as a
 * first-order Gauss–Markov process, scale-factor error, axis misalignment and white noise (angle
 * and velocity random walk). measured = (I + S + M)·true + bias + noise.
 *
 * Unit conversions used below: 1 °/h = 4.8481e-6 rad/s; 1 °/√h = 2.9089e-4 rad/√s;
 * 1 µg = 9.80665e-6 m/s²; 1 m/s/√h = 1/60 m/s/√s.
 */

import { F64_ZERO } from "../core/double-fields.js";
import type { Rng } from "../core/rng.js";

/** Errors of one sensor triad (accelerometers or gyros). */
export interface SensorErrors {
  /** Turn-on bias, 1σ (accel m/s², gyro rad/s), constant for a run. */
  readonly bias_1sigma: number;
  /** Bias instability: first-order Gauss–Markov steady-state 1σ and correlation time (s). */
  readonly bias_instability: number;
  readonly bias_tau_s: number;
  /** Scale-factor error, 1σ, parts per million. */
  readonly scale_factor_ppm: number;
  /** Axis misalignment, 1σ per axis, rad. */
  readonly misalignment_rad: number;
  /** White-noise density: VRW (m/s/√s) for accelerometers, ARW (rad/√s) for gyros. */
  readonly random_walk: number;
}

/** An IMU grade with its public source. */
export interface ImuGrade {
  readonly name: "navigation" | "tactical" | "mems";
  readonly example: string;
  readonly source: string;
  readonly accel: SensorErrors;
  readonly gyro: SensorErrors;
  /** Published free-inertial horizontal drift for the grade, m/h, and its source. */
  readonly published_drift_m_per_h: number;
  readonly drift_source: string;
}

const DEG_H = Math.PI / 180 / 3600;
const DEG_SQRTH = Math.PI / 180 / 60;
const UG = 9.80665e-6;
const MPS_SQRTH = 1 / 60;
const DEG = Math.PI / 180;

/** The three grades. Values are data-sheet figures as commonly quoted; see each `source`. */
export const IMU_GRADES: Readonly<Record<ImuGrade["name"], ImuGrade>> = {
  navigation: {
    name: "navigation",
    example: "Honeywell HG9900-class ring-laser-gyro IMU",
    source:
      "Honeywell HG9900 IMU data sheet as quoted in the literature: gyro bias stability 0.003 °/h, ARW 0.002 °/√h, scale factor 5 ppm; accelerometer bias 25 µg, scale factor 100 ppm [U: data sheet not retrieved here]",
    accel: {
      bias_1sigma: 25 * UG,
      bias_instability: 10 * UG,
      bias_tau_s: 3600,
      scale_factor_ppm: 100,
      misalignment_rad: 2e-5,
      random_walk: 0.002 * MPS_SQRTH,
    },
    gyro: {
      bias_1sigma: 0.003 * DEG_H,
      bias_instability: 0.002 * DEG_H,
      bias_tau_s: 3600,
      scale_factor_ppm: 5,
      misalignment_rad: 2e-5,
      random_walk: 0.002 * DEG_SQRTH,
    },
    published_drift_m_per_h: 1852,
    drift_source:
      "navigation grade: 1 nmi/h (CEP) free-inertial drift, the usual definition of the grade (e.g. Groves 2013, §4.1) [U]",
  },
  tactical: {
    name: "tactical",
    example: "Honeywell HG1700-class ring-laser-gyro IMU",
    source:
      "Honeywell HG1700 data sheet, 1σ values as transcribed in NavToolkit's hg1700_model() (Open-PNT/NavToolkit, ImuModel): gyro bias 1 °/h, ARW 0.125 °/√h, accelerometer bias 1 mg, VRW 0.065 ft/s/√h [R]; scale factors 150 ppm (gyro) and 300 ppm (accelerometer) as quoted in the literature [U]; the in-run part of the bias (0.35 °/h, 50 µg, 10 min) is an assumption, not a data-sheet figure",
    accel: {
      bias_1sigma: 1000 * UG,
      bias_instability: 50 * UG,
      bias_tau_s: 600,
      scale_factor_ppm: 300,
      misalignment_rad: 1e-4,
      // 0.065 ft/s/√h = 0.0198 m/s/√h
      random_walk: 0.0198 * MPS_SQRTH,
    },
    gyro: {
      bias_1sigma: 1 * DEG_H,
      bias_instability: 0.35 * DEG_H,
      bias_tau_s: 600,
      scale_factor_ppm: 150,
      misalignment_rad: 1e-4,
      random_walk: 0.125 * DEG_SQRTH,
    },
    published_drift_m_per_h: 37_000,
    drift_source:
      "tactical grade: 10–20 nmi/h positional error with 1–10 °/h gyros (El-Sheimy & Youssef, 'Inertial sensors technologies for navigation applications', Satellite Navigation 1:2, 2020, Table 1) [R]. The model drifts about 2.6× the upper figure: a 1 °/h gyro bias alone gives ≈ 135 km in an hour, so the table's columns disagree",
  },
  mems: {
    name: "mems",
    example: "Analog Devices ADIS16488-class MEMS IMU",
    source:
      "Analog Devices ADIS16488A data sheet: gyro in-run bias stability 5.1 °/h, ARW 0.26 °/√h; accelerometer in-run bias stability 0.07 mg, VRW 0.029 m/s/√h; misalignment 0.05° [U: values as quoted, data sheet not retrieved here]",
    accel: {
      bias_1sigma: 3000 * UG,
      bias_instability: 70 * UG,
      bias_tau_s: 300,
      scale_factor_ppm: 1000,
      misalignment_rad: 0.05 * DEG,
      random_walk: 0.029 * MPS_SQRTH,
    },
    gyro: {
      bias_1sigma: 36 * DEG_H,
      bias_instability: 5.1 * DEG_H,
      bias_tau_s: 300,
      scale_factor_ppm: 1000,
      misalignment_rad: 0.05 * DEG,
      random_walk: 0.26 * DEG_SQRTH,
    },
    published_drift_m_per_h: 500_000,
    drift_source: "industrial MEMS grade: hundreds of km per hour unaided [U]",
  },
};

/** A perfect IMU (every error zero). */
export const IMU_PERFECT: ImuGrade = {
  name: "navigation",
  example: "perfect IMU",
  source: "no errors",
  accel: {
    bias_1sigma: 0,
    bias_instability: 0,
    bias_tau_s: 1,
    scale_factor_ppm: 0,
    misalignment_rad: 0,
    random_walk: 0,
  },
  gyro: {
    bias_1sigma: 0,
    bias_instability: 0,
    bias_tau_s: 1,
    scale_factor_ppm: 0,
    misalignment_rad: 0,
    random_walk: 0,
  },
  published_drift_m_per_h: 0,
  drift_source: "none",
};

/** Interval at which the bias-instability processes are advanced (s): they decorrelate over
 * minutes to hours, so a one-second exact Gauss–Markov step loses nothing and saves random draws. */
const GM_STEP_S = 1;

/** One sensor triad's drawn errors and running bias. */
class Triad {
  readonly M = new Float64Array(9);
  readonly turnOn = new Float64Array(3);
  readonly gm = new Float64Array(3);
  readonly bias = new Float64Array(3);
  private readonly gmNoise = new Float64Array(3);
  private readonly phi: number;
  private readonly gmStep: number;
  private readonly white: number;
  /** A double from the start (double-fields.ts): the triad's hidden class never changes. */
  private gmClock = F64_ZERO;

  constructor(
    e: SensorErrors,
    private readonly rng: Rng,
    dt: number,
  ) {
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        this.M[3 * i + j] =
          i === j
            ? 1 + rng.gaussian(0, e.scale_factor_ppm * 1e-6)
            : rng.gaussian(0, e.misalignment_rad);
      }
      this.turnOn[i] = rng.gaussian(0, e.bias_1sigma);
      // Start the Gauss–Markov part in its stationary distribution.
      this.gm[i] = rng.gaussian(0, e.bias_instability);
    }
    // Exact discretisation of ḃ = −b/τ + w over GM_STEP_S.
    this.phi = Math.exp(-GM_STEP_S / e.bias_tau_s);
    this.gmStep = e.bias_instability * Math.sqrt(1 - this.phi * this.phi);
    // The mean of white noise of density N over dt has σ = N/√dt.
    this.white = e.random_walk / Math.sqrt(dt);
    for (let i = 0; i < 3; i++) this.bias[i] = this.turnOn[i] + this.gm[i];
  }

  /** Measured = M·true + bias + noise (noise: 3 standard normals from n[o..]), in place; then advance the bias when due. */
  measure(t: Float64Array, out: Float64Array, n: Float64Array, o: number, dt: number): void {
    const M = this.M;
    const x = t[0];
    const y = t[1];
    const z = t[2];
    for (let i = 0; i < 3; i++) {
      out[i] =
        M[3 * i] * x + M[3 * i + 1] * y + M[3 * i + 2] * z + this.bias[i] + this.white * n[o + i];
    }
    this.gmClock += dt;
    if (this.gmClock >= GM_STEP_S - 1e-9) {
      this.gmClock = 0;
      if (this.gmStep > 0) {
        const w = this.gmNoise;
        this.rng.fillNormal(w);
        for (let i = 0; i < 3; i++) {
          this.gm[i] = this.phi * this.gm[i] + this.gmStep * w[i];
          this.bias[i] = this.turnOn[i] + this.gm[i];
        }
      }
    }
  }
}

/** An IMU of a grade, sampled every dt_s; draws its errors from the rng's "accel" and "gyro" streams. */
export class ImuModel {
  private readonly a: Triad;
  private readonly g: Triad;
  /** Current total accelerometer (m/s²) and gyro (rad/s) biases, body axes. */
  readonly accelBias: Float64Array;
  readonly gyroBias: Float64Array;

  private readonly white6 = new Float64Array(6);
  private readonly whiteRng: Rng;

  constructor(
    grade: ImuGrade,
    rng: Rng,
    private readonly dt_s: number,
  ) {
    this.whiteRng = rng.stream("white");
    this.a = new Triad(grade.accel, rng.stream("accel"), this.dt_s);
    this.g = new Triad(grade.gyro, rng.stream("gyro"), this.dt_s);
    this.accelBias = this.a.bias;
    this.gyroBias = this.g.bias;
  }

  /**
   * Measured mean specific force (m/s²) and rate (rad/s) over one interval, written in place. The
   * interval defaults to the constructor's dt; a different one rescales the white noise (σ ∝ 1/√dt).
   */
  measure(
    fTrue: Float64Array,
    wTrue: Float64Array,
    fOut: Float64Array,
    wOut: Float64Array,
    dt_s: number = this.dt_s,
  ): void {
    // One fill of six normals (three Box–Muller pairs) serves both triads.
    const w6 = this.white6;
    this.whiteRng.fillNormal(w6);
    // Scaled on every call, not only when the interval differs: k is exactly 1 for the nominal
    // interval (√(x/x)), so the noise keeps its bits, and the scaling code has run before V8
    // optimises the flight loop; first reached afterwards (a shorter last interval), it had no
    // type feedback and threw the loop's optimised code away.
    const k = Math.sqrt(this.dt_s / dt_s);
    for (let i = 0; i < 6; i++) w6[i] *= k;
    this.a.measure(fTrue, fOut, w6, 0, dt_s);
    this.g.measure(wTrue, wOut, w6, 3, dt_s);
  }
}
