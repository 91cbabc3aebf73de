/**
 * In-place 3-vector math on Float64Array storage.
 *
 * Every function writes into a caller-supplied `out` (which may alias an input) so the simulation's
 * step loop allocates nothing. Vectors are addressed by (array, offset) so a single state array can
 * hold several vectors without sub-array views.
 */

/** A 3-vector: the first three entries of a Float64Array. */
export type Vec3 = Float64Array;

/** Allocate a zero 3-vector (setup code only, never in a step loop). */
export function vec3(x = 0, y = 0, z = 0): Vec3 {
  const v = new Float64Array(3);
  v[0] = x;
  v[1] = y;
  v[2] = z;
  return v;
}

/** out = (x, y, z). */
export function set3(out: Vec3, x: number, y: number, z: number): Vec3 {
  out[0] = x;
  out[1] = y;
  out[2] = z;
  return out;
}

/** out = a. */
export function copy3(out: Vec3, a: Vec3): Vec3 {
  out[0] = a[0];
  out[1] = a[1];
  out[2] = a[2];
  return out;
}

/** out = a + b. */
export function add3(out: Vec3, a: Vec3, b: Vec3): Vec3 {
  out[0] = a[0] + b[0];
  out[1] = a[1] + b[1];
  out[2] = a[2] + b[2];
  return out;
}

/** out = a − b. */
export function sub3(out: Vec3, a: Vec3, b: Vec3): Vec3 {
  out[0] = a[0] - b[0];
  out[1] = a[1] - b[1];
  out[2] = a[2] - b[2];
  return out;
}

/** out = s·a. */
export function scale3(out: Vec3, a: Vec3, s: number): Vec3 {
  out[0] = a[0] * s;
  out[1] = a[1] * s;
  out[2] = a[2] * s;
  return out;
}

/** out = a + s·b. */
export function addScaled3(out: Vec3, a: Vec3, b: Vec3, s: number): Vec3 {
  out[0] = a[0] + s * b[0];
  out[1] = a[1] + s * b[1];
  out[2] = a[2] + s * b[2];
  return out;
}

/** a · b. */
export function dot3(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** out = a × b (out may alias neither input: the components are read first). */
export function cross3(out: Vec3, a: Vec3, b: Vec3): Vec3 {
  const x = a[1] * b[2] - a[2] * b[1];
  const y = a[2] * b[0] - a[0] * b[2];
  const z = a[0] * b[1] - a[1] * b[0];
  out[0] = x;
  out[1] = y;
  out[2] = z;
  return out;
}

/** Euclidean norm |a|. */
export function norm3(a: Vec3): number {
  return Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
}

/** out = a/|a|; a zero vector stays zero rather than becoming NaN. */
export function normalize3(out: Vec3, a: Vec3): Vec3 {
  const n = norm3(a);
  const s = n > 0 ? 1 / n : 0;
  return scale3(out, a, s);
}

/** |a − b|. */
export function distance3(a: Vec3, b: Vec3): number {
  const dx = a[0] - b[0];
  const dy = a[1] - b[1];
  const dz = a[2] - b[2];
  return Math.sqrt(dx * dx + dy * dy + dz * dz);
}
