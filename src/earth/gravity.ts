/**
 * Gravitation (the attraction of the Earth's mass, without the centrifugal term, because the
 * equations of motion are written in an inertial frame).
 *
 * - point mass: g = −μ·r/|r|³
 * - J2: the point mass plus the Earth's oblateness term (e.g. Vallado, "Fundamentals of
 *   Astrodynamics and Applications", 4th ed., eq. 8-30; NASA TM-2015-218675 uses the same model).
 *
 * Because J2 gravitation is symmetric about the Earth's spin axis, the same formula holds in ECI and
 * ECEF components as long as both frames share the z axis.
 */

/** The gravity models a scenario can choose. */
export type GravityModel = "none" | "point_mass" | "j2";

/** Parameters of a gravity field. */
export interface GravityParams {
  readonly model: GravityModel;
  /** Gravitational constant GM, m³/s². */
  readonly gm_m3ps2: number;
  /** Reference (equatorial) radius for J2, m. */
  readonly radius_m: number;
  /** Second zonal harmonic (dimensionless). */
  readonly j2: number;
}

/**
 * Gravitational acceleration (m/s²) at position (x, y, z) in m (Earth-centred, z along the spin
 * axis), written to out[o..o+2].
 */
export function gravitation(
  g: GravityParams,
  x: number,
  y: number,
  z: number,
  out: Float64Array,
  o = 0,
): void {
  const r = XYZ_SCRATCH;
  r[0] = x;
  r[1] = y;
  r[2] = z;
  gravitationAt(g, r, 0, out, o);
}

const XYZ_SCRATCH = new Float64Array(3);

/**
 * As gravitation, with the position read from pos[po..po+2] (m): the hot-path form, since doubles
 * passed to a call that is not inlined are boxed on the heap and a typed array is not.
 */
export function gravitationAt(
  g: GravityParams,
  pos: Float64Array,
  po: number,
  out: Float64Array,
  o = 0,
): void {
  const x = pos[po];
  const y = pos[po + 1];
  const z = pos[po + 2];
  if (g.model === "none") {
    out[o] = 0;
    out[o + 1] = 0;
    out[o + 2] = 0;
    return;
  }
  const r2 = x * x + y * y + z * z;
  const r = Math.sqrt(r2);
  const k = -g.gm_m3ps2 / (r2 * r);
  if (g.model === "point_mass") {
    out[o] = k * x;
    out[o + 1] = k * y;
    out[o + 2] = k * z;
    return;
  }
  const q = 1.5 * g.j2 * ((g.radius_m * g.radius_m) / r2);
  const zr2 = (5 * z * z) / r2;
  const kxy = k * (1 + q * (1 - zr2));
  out[o] = kxy * x;
  out[o + 1] = kxy * y;
  out[o + 2] = k * (1 + q * (3 - zr2)) * z;
}
