/**
 * U.S. Standard Atmosphere, 1976 (NOAA-S/T 76-1562, NASA-TM-X-74335), geometric altitude −5 km to
 * 86 km: the seven geopotential layers with their lapse rates, hydrostatic pressure, ideal-gas
 * density, speed of sound and Sutherland viscosity.
 *
 * Defining constants (1976 standard, Tables 1–4): g0 = 9.80665 m/s², R* = 8314.32 J/(kmol·K),
 * M0 = 28.9644 kg/kmol, r0 = 6,356,766 m, γ = 1.4, p0 = 101,325 Pa, T0 = 288.15 K,
 * Sutherland β = 1.458e-6 kg/(m·s·K^½), S = 110.4 K.
 */

const G0 = 9.80665;
const RSTAR = 8314.32;
const M0 = 28.9644;
const R_AIR = RSTAR / M0;
const R0_M = 6356766;
const GAMMA = 1.4;
const BETA_SUTH = 1.458e-6;
const S_SUTH = 110.4;
const GMR = (G0 * M0) / RSTAR; // K per metre of geopotential height

/** Lowest and highest geometric altitudes of the model, m. */
export const ATMOSPHERE_MIN_ALT_M = -5000;
export const ATMOSPHERE_MAX_ALT_M = 86000;

/** Slots of an atmosphere buffer. */
export const ATM_T = 0;
export const ATM_P = 1;
export const ATM_RHO = 2;
export const ATM_A = 3;
export const ATM_MU = 4;
export const ATM_TM = 5;
/** Length of an atmosphere buffer. */
export const ATM_SIZE = 6;

/** A zeroed buffer for atmosphereAt(). */
export function createAtmosphereBuffer(): Float64Array {
  return new Float64Array(ATM_SIZE);
}

// Layer bases (geopotential m′) and molecular-scale lapse rates (K/m′), 1976 standard Table 4.
const H_BASE = Float64Array.of(0, 11000, 20000, 32000, 47000, 51000, 71000, 84852);
const LAPSE = Float64Array.of(-0.0065, 0, 0.001, 0.0028, 0, -0.0028, -0.002);
const T_BASE = new Float64Array(8);
const P_BASE = new Float64Array(8);
// Pressure exponent −g0·M0/(R*·L) of each gradient layer, precomputed to keep a division out of
// the hot path.
const P_EXP = new Float64Array(7);
T_BASE[0] = 288.15;
P_BASE[0] = 101325;
for (let i = 0; i < 7; i++) {
  P_EXP[i] = LAPSE[i] === 0 ? 0 : -GMR / LAPSE[i];
  const dh = H_BASE[i + 1] - H_BASE[i];
  T_BASE[i + 1] = T_BASE[i] + LAPSE[i] * dh;
  P_BASE[i + 1] =
    LAPSE[i] === 0
      ? P_BASE[i] * Math.exp((-GMR * dh) / T_BASE[i])
      : P_BASE[i] * (T_BASE[i] / T_BASE[i + 1]) ** (GMR / LAPSE[i]);
}

// Molecular-weight ratio M/M0 from 80 to 86 km in 0.5 km steps (1976 standard, Table 8; kinetic
// T = T_M·M/M0). Only kinetic temperature above 80 km depends on it, by less than 0.05 %.
const MW_RATIO = Float64Array.of(
  1.0,
  0.999996,
  0.999989,
  0.999971,
  0.999941,
  0.999909,
  0.99987,
  0.999829,
  0.999786,
  0.999741,
  0.999694,
  0.999641,
  0.999579,
);

/** Geopotential altitude H (m′) from geometric altitude Z (m). */
export function geopotentialAltitude(z_m: number): number {
  return (R0_M * z_m) / (R0_M + z_m);
}

/** Geometric altitude Z (m) from geopotential altitude H (m′). */
export function geometricAltitude(h_m: number): number {
  return (R0_M * h_m) / (R0_M - h_m);
}

/** True when the geometric altitude (m) lies inside the model's range. */
export function isAltitudeInAtmosphere(alt_m: number): boolean {
  return alt_m >= ATMOSPHERE_MIN_ALT_M && alt_m <= ATMOSPHERE_MAX_ALT_M;
}

/**
 * Atmosphere at geometric altitude alt_m, written in place (see ATM_* slots). Allocation-free for
 * the integrator's hot loop, which passes withViscosity = false to skip the Sutherland term it
 * does not use (ATM_MU is then left untouched). Out-of-range or NaN input writes NaN to every slot
 * (check isAltitudeInAtmosphere first where a clear error is wanted).
 */
export function atmosphereAt(alt_m: number, out: Float64Array, withViscosity = true): void {
  if (!(alt_m >= ATMOSPHERE_MIN_ALT_M && alt_m <= ATMOSPHERE_MAX_ALT_M)) {
    out.fill(Number.NaN);
    return;
  }
  const h = (R0_M * alt_m) / (R0_M + alt_m);
  let i = 0;
  if (h >= 11000) {
    i = h < 20000 ? 1 : h < 32000 ? 2 : h < 47000 ? 3 : h < 51000 ? 4 : h < 71000 ? 5 : 6;
  }
  const L = LAPSE[i];
  const dh = h - H_BASE[i];
  const tm = T_BASE[i] + L * dh;
  // exp(k·ln x) rather than x ** k: V8's pow is about three times slower here, and the two agree
  // to 1e-15 relative.
  const p =
    L === 0
      ? P_BASE[i] * Math.exp((-GMR * dh) / tm)
      : P_BASE[i] * Math.exp(P_EXP[i] * Math.log(tm / T_BASE[i]));
  let t = tm;
  if (alt_m > 80000) {
    const f = (alt_m - 80000) / 500;
    const k = Math.min(11, Math.floor(f));
    t = tm * (MW_RATIO[k] + (f - k) * (MW_RATIO[k + 1] - MW_RATIO[k]));
  }
  out[ATM_T] = t;
  out[ATM_P] = p;
  out[ATM_RHO] = p / (R_AIR * tm);
  out[ATM_A] = Math.sqrt(GAMMA * R_AIR * tm);
  out[ATM_TM] = tm;
  if (withViscosity) out[ATM_MU] = (BETA_SUTH * t * Math.sqrt(t)) / (t + S_SUTH);
}

/** Atmospheric properties at one altitude, for code outside hot loops. */
export interface AtmosphereSample {
  readonly T_K: number;
  readonly p_Pa: number;
  readonly rho_kgpm3: number;
  readonly a_mps: number;
  readonly mu_Pas: number;
  readonly TM_K: number;
}

/** Atmosphere at geometric altitude alt_m (m); throws a RangeError outside −5 to 86 km. */
export function atmosphere(alt_m: number): AtmosphereSample {
  if (!isAltitudeInAtmosphere(alt_m)) {
    throw new RangeError(
      `altitude ${alt_m} m is outside the U.S. Standard Atmosphere 1976 model (${ATMOSPHERE_MIN_ALT_M} to ${ATMOSPHERE_MAX_ALT_M} m)`,
    );
  }
  const b = createAtmosphereBuffer();
  atmosphereAt(alt_m, b);
  return {
    T_K: b[ATM_T],
    p_Pa: b[ATM_P],
    rho_kgpm3: b[ATM_RHO],
    a_mps: b[ATM_A],
    mu_Pas: b[ATM_MU],
    TM_K: b[ATM_TM],
  };
}
