/**
 * Unit conversions for the edges of the program (schema, CLI, reports). The core works in SI.
 * Exact factors are from NIST SP 811 (2008), Appendix B.
 */

/** Radians per degree. */
export const RAD_PER_DEG = Math.PI / 180;
/** Degrees per radian. */
export const DEG_PER_RAD = 180 / Math.PI;
/** Metres per international foot (exact). */
export const M_PER_FT = 0.3048;
/** Metres per international nautical mile (exact). */
export const M_PER_NMI = 1852;
/** Metres per second per knot (1852 m / 3600 s, exact). */
export const MPS_PER_KT = 1852 / 3600;
/** Kilograms per slug (NIST SP 811: 14.593 90 kg; the NASA check cases use 14.5939029372). */
export const KG_PER_SLUG = 14.5939029372;
/** Newtons per pound-force (exact: 0.45359237 kg × 9.80665 m/s²). */
export const N_PER_LBF = 4.4482216152605;
/** Kilograms per pound-mass (exact). */
export const KG_PER_LB = 0.45359237;
/** Pascals per pound-force per square foot. */
export const PA_PER_PSF = N_PER_LBF / (M_PER_FT * M_PER_FT);
/** Kilograms per cubic metre per slug per cubic foot. */
export const KGPM3_PER_SLUGPFT3 = KG_PER_SLUG / (M_PER_FT * M_PER_FT * M_PER_FT);
/** Kelvin per degree Rankine (exact). */
export const K_PER_RANKINE = 5 / 9;

/** Degrees → radians. */
export function degToRad(deg: number): number {
  return deg * RAD_PER_DEG;
}

/** Radians → degrees. */
export function radToDeg(rad: number): number {
  return rad * DEG_PER_RAD;
}

/** Feet → metres. */
export function ftToM(ft: number): number {
  return ft * M_PER_FT;
}

/** Metres → feet. */
export function mToFt(m: number): number {
  return m / M_PER_FT;
}

/** Knots → metres per second. */
export function ktToMps(kt: number): number {
  return kt * MPS_PER_KT;
}

/** Metres per second → knots. */
export function mpsToKt(mps: number): number {
  return mps / MPS_PER_KT;
}

/** Wrap an angle in radians to (−π, π]. */
export function wrapPi(rad: number): number {
  const twoPi = 2 * Math.PI;
  let a = rad % twoPi;
  if (a <= -Math.PI) a += twoPi;
  else if (a > Math.PI) a -= twoPi;
  return a;
}

/** Wrap an angle in degrees to (−180, 180]. */
export function wrap180(deg: number): number {
  let a = deg % 360;
  if (a <= -180) a += 360;
  else if (a > 180) a -= 360;
  return a;
}
