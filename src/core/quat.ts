/**
 * In-place quaternion math on Float64Array storage, scalar first: q = [w, x, y, z].
 *
 * q_ab is the attitude of frame b relative to frame a: v_a = q_ab ⊗ v_b ⊗ q_ab*, and its
 * direction-cosine matrix C_ab maps frame-b components to frame a (Hamilton convention).
 * Functions address quaternions by (array, offset) so a state vector can hold one in place.
 */

import type { Mat3 } from "./mat3.js";

/** out[o..o+3] = a ⊗ b (Hamilton product); out may alias a or b. */
export function quatMultiply(
  out: Float64Array,
  o: number,
  a: Float64Array,
  ao: number,
  b: Float64Array,
  bo: number,
): void {
  const aw = a[ao];
  const ax = a[ao + 1];
  const ay = a[ao + 2];
  const az = a[ao + 3];
  const bw = b[bo];
  const bx = b[bo + 1];
  const by = b[bo + 2];
  const bz = b[bo + 3];
  out[o] = aw * bw - ax * bx - ay * by - az * bz;
  out[o + 1] = aw * bx + ax * bw + ay * bz - az * by;
  out[o + 2] = aw * by - ax * bz + ay * bw + az * bx;
  out[o + 3] = aw * bz + ax * by - ay * bx + az * bw;
}

/** Normalise q[o..o+3] to unit length in place (a zero quaternion becomes identity). */
export function quatNormalize(q: Float64Array, o: number): void {
  const n = Math.sqrt(
    q[o] * q[o] + q[o + 1] * q[o + 1] + q[o + 2] * q[o + 2] + q[o + 3] * q[o + 3],
  );
  if (n === 0) {
    q[o] = 1;
    q[o + 1] = 0;
    q[o + 2] = 0;
    q[o + 3] = 0;
    return;
  }
  const s = 1 / n;
  q[o] *= s;
  q[o + 1] *= s;
  q[o + 2] *= s;
  q[o + 3] *= s;
}

/**
 * Attitude kinematics q̇ = ½ q ⊗ (0, ω) for q = q_ib and ω = ω_ib expressed in body axes (rad/s).
 * Writes the derivative into out[oo..oo+3].
 */
export function quatDerivative(
  out: Float64Array,
  oo: number,
  q: Float64Array,
  qo: number,
  wx: number,
  wy: number,
  wz: number,
): void {
  const w = q[qo];
  const x = q[qo + 1];
  const y = q[qo + 2];
  const z = q[qo + 3];
  out[oo] = 0.5 * (-x * wx - y * wy - z * wz);
  out[oo + 1] = 0.5 * (w * wx + y * wz - z * wy);
  out[oo + 2] = 0.5 * (w * wy - x * wz + z * wx);
  out[oo + 3] = 0.5 * (w * wz + x * wy - y * wx);
}

/** out = C_ab, the direction-cosine matrix of the unit quaternion q_ab at q[o..o+3]. */
export function quatToDcm(out: Mat3, q: Float64Array, o: number): Mat3 {
  const w = q[o];
  const x = q[o + 1];
  const y = q[o + 2];
  const z = q[o + 3];
  const xx = x * x;
  const yy = y * y;
  const zz = z * z;
  const xy = x * y;
  const xz = x * z;
  const yz = y * z;
  const wx = w * x;
  const wy = w * y;
  const wz = w * z;
  out[0] = 1 - 2 * (yy + zz);
  out[1] = 2 * (xy - wz);
  out[2] = 2 * (xz + wy);
  out[3] = 2 * (xy + wz);
  out[4] = 1 - 2 * (xx + zz);
  out[5] = 2 * (yz - wx);
  out[6] = 2 * (xz - wy);
  out[7] = 2 * (yz + wx);
  out[8] = 1 - 2 * (xx + yy);
  return out;
}

/** Unit quaternion q_ab at out[o..o+3] from an orthonormal C_ab (Shepperd's method, stable for any rotation). */
export function dcmToQuat(out: Float64Array, o: number, m: Mat3): void {
  const tr = m[0] + m[4] + m[8];
  let w: number;
  let x: number;
  let y: number;
  let z: number;
  if (tr >= m[0] && tr >= m[4] && tr >= m[8]) {
    const s = 2 * Math.sqrt(1 + tr);
    w = 0.25 * s;
    x = (m[7] - m[5]) / s;
    y = (m[2] - m[6]) / s;
    z = (m[3] - m[1]) / s;
  } else if (m[0] >= m[4] && m[0] >= m[8]) {
    const s = 2 * Math.sqrt(1 + m[0] - m[4] - m[8]);
    w = (m[7] - m[5]) / s;
    x = 0.25 * s;
    y = (m[1] + m[3]) / s;
    z = (m[2] + m[6]) / s;
  } else if (m[4] >= m[8]) {
    const s = 2 * Math.sqrt(1 + m[4] - m[0] - m[8]);
    w = (m[2] - m[6]) / s;
    x = (m[1] + m[3]) / s;
    y = 0.25 * s;
    z = (m[5] + m[7]) / s;
  } else {
    const s = 2 * Math.sqrt(1 + m[8] - m[0] - m[4]);
    w = (m[3] - m[1]) / s;
    x = (m[2] + m[6]) / s;
    y = (m[5] + m[7]) / s;
    z = 0.25 * s;
  }
  // Keep w ≥ 0 so the same attitude always maps to the same quaternion.
  const sign = w < 0 ? -1 : 1;
  out[o] = sign * w;
  out[o + 1] = sign * x;
  out[o + 2] = sign * y;
  out[o + 3] = sign * z;
  quatNormalize(out, o);
}

/**
 * out = C_nb for 3-2-1 Euler angles (yaw ψ, pitch θ, roll φ, radians): the body-to-NED matrix,
 * i.e. the transpose of R_x(φ)·R_y(θ)·R_z(ψ).
 */
export function eulerToDcm(out: Mat3, roll_rad: number, pitch_rad: number, yaw_rad: number): Mat3 {
  const cf = Math.cos(roll_rad);
  const sf = Math.sin(roll_rad);
  const ct = Math.cos(pitch_rad);
  const st = Math.sin(pitch_rad);
  const cp = Math.cos(yaw_rad);
  const sp = Math.sin(yaw_rad);
  out[0] = ct * cp;
  out[1] = sf * st * cp - cf * sp;
  out[2] = cf * st * cp + sf * sp;
  out[3] = ct * sp;
  out[4] = sf * st * sp + cf * cp;
  out[5] = cf * st * sp - sf * cp;
  out[6] = -st;
  out[7] = sf * ct;
  out[8] = cf * ct;
  return out;
}

/**
 * 3-2-1 Euler angles (radians) from C_nb, written as out[o] = roll φ ∈ (−π, π],
 * out[o+1] = pitch θ ∈ [−π/2, π/2], out[o+2] = yaw ψ ∈ (−π, π].
 */
export function dcmToEuler(out: Float64Array, o: number, m: Mat3): void {
  const s = -m[6];
  // Clamp: rounding can push |sin θ| a hair above 1 and asin would return NaN.
  out[o + 1] = Math.asin(Math.min(1, Math.max(-1, s)));
  out[o] = Math.atan2(m[7], m[8]);
  out[o + 2] = Math.atan2(m[3], m[0]);
}
