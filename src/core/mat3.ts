/**
 * In-place 3×3 matrix math on Float64Array(9), row-major: m[3·row + col].
 *
 * Direction-cosine matrices are named C_ab: they map a vector's components in frame b to frame a
 * (v_a = C_ab · v_b). Every function writes into `out` and allocates nothing.
 */

import type { Vec3 } from "./vec3.js";

/** A 3×3 row-major matrix. */
export type Mat3 = Float64Array;

/** Allocate a 3×3 identity (setup code only). */
export function mat3Identity(): Mat3 {
  const m = new Float64Array(9);
  m[0] = 1;
  m[4] = 1;
  m[8] = 1;
  return m;
}

/** out = m · v (out must not alias v). */
export function mulMat3Vec3(out: Vec3, m: Mat3, v: Vec3): Vec3 {
  const x = v[0];
  const y = v[1];
  const z = v[2];
  out[0] = m[0] * x + m[1] * y + m[2] * z;
  out[1] = m[3] * x + m[4] * y + m[5] * z;
  out[2] = m[6] * x + m[7] * y + m[8] * z;
  return out;
}

/** out = mᵀ · v (the inverse rotation for an orthonormal m). */
export function mulMat3TVec3(out: Vec3, m: Mat3, v: Vec3): Vec3 {
  const x = v[0];
  const y = v[1];
  const z = v[2];
  out[0] = m[0] * x + m[3] * y + m[6] * z;
  out[1] = m[1] * x + m[4] * y + m[7] * z;
  out[2] = m[2] * x + m[5] * y + m[8] * z;
  return out;
}

/** out = a · b (out must alias neither input). */
export function mulMat3(out: Mat3, a: Mat3, b: Mat3): Mat3 {
  for (let r = 0; r < 3; r++) {
    const a0 = a[3 * r];
    const a1 = a[3 * r + 1];
    const a2 = a[3 * r + 2];
    out[3 * r] = a0 * b[0] + a1 * b[3] + a2 * b[6];
    out[3 * r + 1] = a0 * b[1] + a1 * b[4] + a2 * b[7];
    out[3 * r + 2] = a0 * b[2] + a1 * b[5] + a2 * b[8];
  }
  return out;
}

/** out = aᵀ · b (out must alias neither input). */
export function mulMat3TA(out: Mat3, a: Mat3, b: Mat3): Mat3 {
  for (let r = 0; r < 3; r++) {
    const a0 = a[r];
    const a1 = a[3 + r];
    const a2 = a[6 + r];
    out[3 * r] = a0 * b[0] + a1 * b[3] + a2 * b[6];
    out[3 * r + 1] = a0 * b[1] + a1 * b[4] + a2 * b[7];
    out[3 * r + 2] = a0 * b[2] + a1 * b[5] + a2 * b[8];
  }
  return out;
}

/** out = mᵀ (out must not alias m). */
export function transpose3(out: Mat3, m: Mat3): Mat3 {
  out[0] = m[0];
  out[1] = m[3];
  out[2] = m[6];
  out[3] = m[1];
  out[4] = m[4];
  out[5] = m[7];
  out[6] = m[2];
  out[7] = m[5];
  out[8] = m[8];
  return out;
}

/** Determinant of m. */
export function det3(m: Mat3): number {
  return (
    m[0] * (m[4] * m[8] - m[5] * m[7]) -
    m[1] * (m[3] * m[8] - m[5] * m[6]) +
    m[2] * (m[3] * m[7] - m[4] * m[6])
  );
}

/** out = m⁻¹ by cofactors; returns false (out untouched) when m is singular. */
export function invert3(out: Mat3, m: Mat3): boolean {
  const d = det3(m);
  if (d === 0 || !Number.isFinite(d)) return false;
  const s = 1 / d;
  const c0 = (m[4] * m[8] - m[5] * m[7]) * s;
  const c1 = (m[2] * m[7] - m[1] * m[8]) * s;
  const c2 = (m[1] * m[5] - m[2] * m[4]) * s;
  const c3 = (m[5] * m[6] - m[3] * m[8]) * s;
  const c4 = (m[0] * m[8] - m[2] * m[6]) * s;
  const c5 = (m[2] * m[3] - m[0] * m[5]) * s;
  const c6 = (m[3] * m[7] - m[4] * m[6]) * s;
  const c7 = (m[1] * m[6] - m[0] * m[7]) * s;
  const c8 = (m[0] * m[4] - m[1] * m[3]) * s;
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
  out[4] = c4;
  out[5] = c5;
  out[6] = c6;
  out[7] = c7;
  out[8] = c8;
  return true;
}
