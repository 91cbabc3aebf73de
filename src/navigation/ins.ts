/**
 * Strapdown inertial navigation on the WGS-84 ellipsoid in the local-level NED frame (e.g. Groves,
 * "Principles of GNSS, Inertial, and Multisensor Integrated Navigation Systems", 2nd ed., §5.4;
 * Titterton and Weston, "Strapdown Inertial Navigation Technology", ch. 3).
 *
 * State: geodetic latitude, longitude, height; Earth-relative velocity in NED; attitude C_nb.
 * Each update takes the IMU's mean specific force (m/s²) and angular rate relative to inertial
 * space (rad/s) in body axes over dt and:
 *   - turns the attitude by the body rate less the navigation frame's rate ω_in = ω_ie + ω_en
 *     (Earth rate plus transport rate), as two rotation-vector updates;
 *   - integrates v̇ = C_nb·f + g − (2ω_ie + ω_en) × v with the mid-interval attitude, where g is
 *     the plumb-bob gravity (gravitation plus centrifugal) of the same Earth model as the truth;
 *   - integrates position with the mean velocity over the interval through the meridian and
 *     transverse radii of curvature, so it stays valid over thousands of kilometres.
 * The vertical channel is unstable without aiding (as in every INS); the filter aids it.
 * Allocation-free per update.
 */

import { F64_ZERO } from "../core/double-fields.js";
import type { EarthModel } from "../earth/earth-model.js";
import { type Ellipsoid, geodeticToEcef } from "../earth/ellipsoid.js";
import { type GravityParams, gravitation } from "../earth/gravity.js";

/** How often the slowly varying environment (gravity, frame rates, radii) is refreshed, s. */
const ENV_REFRESH_S = 0.2;

/** A strapdown INS solution, advanced in place. */
export class StrapdownIns {
  // Doubles from the start (double-fields.ts): the solution's hidden class never changes.
  lat_rad = F64_ZERO;
  lon_rad = F64_ZERO;
  alt_m = F64_ZERO;
  /** Earth-relative velocity, NED, m/s. */
  readonly vNed = new Float64Array(3);
  /** Attitude: body → NED direction-cosine matrix, row-major. */
  readonly cNb = new Float64Array(9);

  private readonly rE = new Float64Array(3);
  private readonly gE = new Float64Array(3);
  private readonly rot = new Float64Array(9);
  private readonly tmp = new Float64Array(9);
  /** Last evaluated NED gravity and navigation-frame rate, for the error model. */
  readonly gNed = new Float64Array(3);
  readonly wIn = new Float64Array(3);
  readonly wIe = new Float64Array(3);
  /** Last specific force resolved in NED, m/s². */
  readonly fNed = new Float64Array(3);

  /**
   * What the per-step code needs of the Earth, taken once: the ellipsoid's a (m) and e², the
   * Earth rate (rad/s), and the ellipsoid and gravity objects. Reading them through the Earth
   * model made every optimised navigation function depend on that per-run object's hidden class,
   * which V8 may rebuild between runs (throwing the code away each time).
   */
  private readonly shape = new Float64Array(3);
  private readonly ellipsoid: Ellipsoid;
  private readonly gravity: GravityParams;

  constructor(readonly earth: EarthModel) {
    this.shape[0] = earth.ellipsoid.a_m;
    this.shape[1] = earth.ellipsoid.e2;
    this.shape[2] = earth.omega_radps;
    this.ellipsoid = earth.ellipsoid;
    this.gravity = earth.gravity;
  }

  /** Set the solution (angles in rad, metres, m/s; attitude copied). */
  reset(
    lat_rad: number,
    lon_rad: number,
    alt_m: number,
    vNed: ArrayLike<number>,
    cNb: ArrayLike<number>,
  ): void {
    this.lat_rad = lat_rad;
    this.lon_rad = lon_rad;
    this.alt_m = alt_m;
    for (let i = 0; i < 3; i++) this.vNed[i] = vNed[i];
    for (let i = 0; i < 9; i++) this.cNb[i] = cNb[i];
    this.envAge = Number.POSITIVE_INFINITY;
  }

  /** Force the gravity and frame rates to be recomputed at the next update (after a correction). */
  invalidateEnvironment(): void {
    this.envAge = Number.POSITIVE_INFINITY;
  }

  /** Meridian and transverse radii of curvature at the current latitude, m (written to out[0], out[1]). */
  radii(out: Float64Array): void {
    const e2 = this.shape[1];
    const a = this.shape[0];
    const s = Math.sin(this.lat_rad);
    const w = 1 - e2 * s * s;
    out[1] = a / Math.sqrt(w);
    out[0] = (a * (1 - e2)) / (w * Math.sqrt(w));
  }

  private readonly rad = new Float64Array(2);

  /** Plumb-bob gravity in NED at the current position, m/s², and the frame rates, into fields. */
  private environment(): void {
    const lat = this.lat_rad;
    const lon = this.lon_rad;
    const sL = Math.sin(lat);
    const cL = Math.cos(lat);
    const sl = Math.sin(lon);
    const cl = Math.cos(lon);
    geodeticToEcef(this.ellipsoid, lat, lon, this.alt_m, this.rE, 0);
    gravitation(this.gravity, this.rE[0], this.rE[1], this.rE[2], this.gE, 0);
    const w = this.shape[2];
    const gx = this.gE[0] + w * w * this.rE[0];
    const gy = this.gE[1] + w * w * this.rE[1];
    const gz = this.gE[2];
    this.gNed[0] = -sL * cl * gx - sL * sl * gy + cL * gz;
    this.gNed[1] = -sl * gx + cl * gy;
    this.gNed[2] = -cL * cl * gx - cL * sl * gy - sL * gz;
    this.radii(this.rad);
    const rn = this.rad[0] + this.alt_m;
    const re = this.rad[1] + this.alt_m;
    const v = this.vNed;
    this.wIe[0] = w * cL;
    this.wIe[1] = 0;
    this.wIe[2] = -w * sL;
    this.wIn[0] = this.wIe[0] + v[1] / re;
    this.wIn[1] = -v[0] / rn;
    this.wIn[2] = this.wIe[2] - (v[1] * sL) / (cL * re);
  }

  private envAge = Number.POSITIVE_INFINITY;

  /** Advance by dt (s) with mean specific force f_b (m/s²) and inertial rate w_b (rad/s), body axes. */
  update(fb: Float64Array, wb: Float64Array, dt: number): void {
    // Gravity, Earth and transport rates change over kilometres and minutes: refresh them every
    // 0.2 s rather than every IMU sample.
    this.envAge += dt;
    if (this.envAge >= ENV_REFRESH_S) {
      this.environment();
      this.envAge = 0;
    }
    const C = this.cNb;
    // Attitude: C ← R_n(−ω_in·dt) · C · R_b(ω_ib·dt), each rotation from its rotation vector.
    rotationMatrix(wb[0] * dt, wb[1] * dt, wb[2] * dt, this.rot);
    mul3(C, this.rot, this.tmp);
    rotationMatrix(-this.wIn[0] * dt, -this.wIn[1] * dt, -this.wIn[2] * dt, this.rot);
    mul3(this.rot, this.tmp, C);
    orthonormalize(C);
    // Specific force in NED with the mid-interval attitude: the new attitude turned back by half
    // of the interval's rotation.
    const fN = C[0] * fb[0] + C[1] * fb[1] + C[2] * fb[2];
    const fE = C[3] * fb[0] + C[4] * fb[1] + C[5] * fb[2];
    const fD = C[6] * fb[0] + C[7] * fb[1] + C[8] * fb[2];
    // Half-step correction for the rotation during the interval: f_n(mid) ≈ f_n(new) − ½·(ω_nb^n × f_n)·dt.
    const wx = C[0] * wb[0] + C[1] * wb[1] + C[2] * wb[2] - this.wIn[0];
    const wy = C[3] * wb[0] + C[4] * wb[1] + C[5] * wb[2] - this.wIn[1];
    const wz = C[6] * wb[0] + C[7] * wb[1] + C[8] * wb[2] - this.wIn[2];
    const h = 0.5 * dt;
    const fn = fN - h * (wy * fD - wz * fE);
    const fe = fE - h * (wz * fN - wx * fD);
    const fd = fD - h * (wx * fE - wy * fN);
    this.fNed[0] = fn;
    this.fNed[1] = fe;
    this.fNed[2] = fd;
    const v = this.vNed;
    const cx = 2 * this.wIe[0] + (this.wIn[0] - this.wIe[0]);
    const cy = 2 * this.wIe[1] + (this.wIn[1] - this.wIe[1]);
    const cz = 2 * this.wIe[2] + (this.wIn[2] - this.wIe[2]);
    const an = fn + this.gNed[0] - (cy * v[2] - cz * v[1]);
    const ae = fe + this.gNed[1] - (cz * v[0] - cx * v[2]);
    const ad = fd + this.gNed[2] - (cx * v[1] - cy * v[0]);
    const vn0 = v[0];
    const ve0 = v[1];
    const vd0 = v[2];
    v[0] += an * dt;
    v[1] += ae * dt;
    v[2] += ad * dt;
    // Position with the mean velocity over the interval.
    const rn = this.rad[0] + this.alt_m;
    const re = this.rad[1] + this.alt_m;
    const mn = 0.5 * (vn0 + v[0]);
    const me = 0.5 * (ve0 + v[1]);
    const md = 0.5 * (vd0 + v[2]);
    this.lat_rad += (mn / rn) * dt;
    this.lon_rad += (me / (re * Math.cos(this.lat_rad))) * dt;
    this.alt_m -= md * dt;
  }
}

/** out = rotation matrix of rotation vector (x, y, z) (rad), by Rodrigues' formula. */
export function rotationMatrix(x: number, y: number, z: number, out: Float64Array): void {
  const a2 = x * x + y * y + z * z;
  const a = Math.sqrt(a2);
  // Series for small angles keeps full precision when a → 0.
  const s = a < 1e-4 ? 1 - a2 / 6 : Math.sin(a) / a;
  const c = a < 1e-4 ? 0.5 - a2 / 24 : (1 - Math.cos(a)) / a2;
  out[0] = 1 - c * (y * y + z * z);
  out[1] = c * x * y - s * z;
  out[2] = c * x * z + s * y;
  out[3] = c * x * y + s * z;
  out[4] = 1 - c * (x * x + z * z);
  out[5] = c * y * z - s * x;
  out[6] = c * x * z - s * y;
  out[7] = c * y * z + s * x;
  out[8] = 1 - c * (x * x + y * y);
}

/** out = a·b for 3×3 row-major matrices (out must alias neither). */
function mul3(a: Float64Array, b: Float64Array, out: Float64Array): void {
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      out[3 * r + c] = a[3 * r] * b[c] + a[3 * r + 1] * b[3 + c] + a[3 * r + 2] * b[6 + c];
    }
  }
}

/** Re-orthonormalise a DCM (one first-order step, enough at every update). */
function orthonormalize(m: Float64Array): void {
  // Rows x, y; error = x·y shared between them, then z = x × y, then normalise.
  const e = m[0] * m[3] + m[1] * m[4] + m[2] * m[5];
  const x0 = m[0] - 0.5 * e * m[3];
  const x1 = m[1] - 0.5 * e * m[4];
  const x2 = m[2] - 0.5 * e * m[5];
  const y0 = m[3] - 0.5 * e * m[0];
  const y1 = m[4] - 0.5 * e * m[1];
  const y2 = m[5] - 0.5 * e * m[2];
  const nx = 1 / Math.sqrt(x0 * x0 + x1 * x1 + x2 * x2);
  const ny = 1 / Math.sqrt(y0 * y0 + y1 * y1 + y2 * y2);
  m[0] = x0 * nx;
  m[1] = x1 * nx;
  m[2] = x2 * nx;
  m[3] = y0 * ny;
  m[4] = y1 * ny;
  m[5] = y2 * ny;
  m[6] = m[1] * m[5] - m[2] * m[4];
  m[7] = m[2] * m[3] - m[0] * m[5];
  m[8] = m[0] * m[4] - m[1] * m[3];
}
