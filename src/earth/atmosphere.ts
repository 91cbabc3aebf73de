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

/**
 * Write the state for molecular-scale temperature tm (K) and pressure p (Pa) at geometric altitude
 * alt_m; returns the kinetic temperature (T_M corrected by M/M0 above 80 km).
 */
function writeState(alt_m: number, tm: number, p: number, out: Float64Array): number {
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
  return t;
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
  const t = writeState(alt_m, tm, p, out);
  if (withViscosity) out[ATM_MU] = (BETA_SUTH * t * Math.sqrt(t)) / (t + S_SUTH);
}

// Pressure table for the integrator: per layer, nodes every ≤ 50 m′ of geopotential height holding
// the exact pressure and its exact derivative dp/dH = −g0·M0·p/(R*·T_M), interpolated by cubic
// Hermite polynomials. Nodes sit on the layer bases, where the lapse rate (and so p″) jumps, so
// every cell lies inside one layer and the interpolation error stays below 1e-10 relative (the
// fourth derivative of p is at most (g0·M0/(R*·T))⁴·p). It replaces an exp and a log per call,
// about a quarter of a 6-DOF derivative's cost; tests check it against atmosphereAt everywhere.
const TABLE_DH = 50;
const LAYER_START = Float64Array.of(
  geopotentialAltitude(ATMOSPHERE_MIN_ALT_M),
  11000,
  20000,
  32000,
  47000,
  51000,
  71000,
);
const LAYER_END = Float64Array.of(11000, 20000, 32000, 47000, 51000, 71000, H_BASE[7]);
const LAYER_CELLS = new Int32Array(7);
const LAYER_OFFSET = new Int32Array(7);
const LAYER_STEP = new Float64Array(7);
const LAYER_INV_STEP = new Float64Array(7);
let tableSize = 0;
for (let i = 0; i < 7; i++) {
  const n = Math.ceil((LAYER_END[i] - LAYER_START[i]) / TABLE_DH);
  LAYER_CELLS[i] = n;
  LAYER_OFFSET[i] = tableSize;
  LAYER_STEP[i] = (LAYER_END[i] - LAYER_START[i]) / n;
  LAYER_INV_STEP[i] = 1 / LAYER_STEP[i];
  tableSize += n + 1;
}
const TABLE_P = new Float64Array(tableSize);
const TABLE_DP = new Float64Array(tableSize);
{
  const buf = new Float64Array(ATM_SIZE);
  for (let i = 0; i < 7; i++) {
    for (let j = 0; j <= LAYER_CELLS[i]; j++) {
      // Evaluate just inside the layer so a node on a base uses this layer's lapse rate.
      const h = Math.min(
        Math.max(LAYER_START[i] + j * LAYER_STEP[i], LAYER_START[i]),
        LAYER_END[i],
      );
      atmosphereAt(geometricAltitude(h), buf, false);
      const k = LAYER_OFFSET[i] + j;
      TABLE_P[k] = buf[ATM_P];
      TABLE_DP[k] = (-GMR * buf[ATM_P]) / buf[ATM_TM];
    }
  }
}

/**
 * The integrator's atmosphere: as atmosphereAt without viscosity, but with pressure from the
 * Hermite table above (agreeing to 1e-10 relative). Temperature is exact. Out-of-range or NaN
 * input writes NaN.
 */
export function atmosphereFastAt(alt_m: number, out: Float64Array): void {
  ALT_SCRATCH[0] = alt_m;
  atmosphereFastAtIndex(ALT_SCRATCH, 0, out);
}

const ALT_SCRATCH = new Float64Array(1);

/**
 * As atmosphereFastAt, with the altitude read from alt[i0] (m): the hot-path form, since a double
 * passed to a call that is not inlined is boxed on the heap and a typed array slot is not.
 */
export function atmosphereFastAtIndex(alt: Float64Array, i0: number, out: Float64Array): void {
  const alt_m = alt[i0];
  if (!(alt_m >= ATMOSPHERE_MIN_ALT_M && alt_m <= ATMOSPHERE_MAX_ALT_M)) {
    out.fill(Number.NaN);
    return;
  }
  const h = (R0_M * alt_m) / (R0_M + alt_m);
  let i = 0;
  if (h >= 11000) {
    i = h < 20000 ? 1 : h < 32000 ? 2 : h < 47000 ? 3 : h < 51000 ? 4 : h < 71000 ? 5 : 6;
  }
  const tm = T_BASE[i] + LAPSE[i] * (h - H_BASE[i]);
  const u = (h - LAYER_START[i]) * LAYER_INV_STEP[i];
  let j = Math.floor(u);
  if (j >= LAYER_CELLS[i]) j = LAYER_CELLS[i] - 1;
  else if (j < 0) j = 0;
  const s = u - j;
  const k = LAYER_OFFSET[i] + j;
  const step = LAYER_STEP[i];
  const s2 = s * s;
  const s3 = s2 * s;
  const p =
    (2 * s3 - 3 * s2 + 1) * TABLE_P[k] +
    (s3 - 2 * s2 + s) * step * TABLE_DP[k] +
    (3 * s2 - 2 * s3) * TABLE_P[k + 1] +
    (s3 - s2) * step * TABLE_DP[k + 1];
  writeState(alt_m, tm, p, out);
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
