/**
 * Aerodynamic forces and moments from constant coefficients and linear derivatives.
 *
 * Forces are in wind axes (drag opposes the air-relative velocity, lift is normal to it in the
 * body x–z plane, side force completes the right-handed set); moments are in body axes about the
 * centre of gravity. Damping terms use body rates non-dimensionalised by b/2V (roll, yaw) and c̄/2V
 * (pitch), as in NASA TM-2015-218675's tumbling-brick cases. They are
 * computed as ¼·ρ·V·S·b²·C·ω so that they stay finite (and vanish) as airspeed goes to zero.
 */

/** Reference geometry and coefficients; any omitted derivative is zero. */
export interface AeroCoefficients {
  /** Reference area, m². */
  readonly S_m2: number;
  /** Reference span for roll and yaw, m. */
  readonly b_m: number;
  /** Reference chord for pitch, m. */
  readonly cbar_m: number;
  readonly CD: number;
  readonly CL: number;
  readonly CY: number;
  /** Lift-curve slope and side-force slope, per rad. */
  readonly CL_alpha: number;
  readonly CY_beta: number;
  /** Constant moment coefficients. */
  readonly Cl: number;
  readonly Cm: number;
  readonly Cn: number;
  /** Static stability derivatives, per rad. */
  readonly Cl_beta: number;
  readonly Cm_alpha: number;
  readonly Cn_beta: number;
  /** Damping derivatives, per (rate·length/2V). */
  readonly Clp: number;
  readonly Clr: number;
  readonly Cmq: number;
  readonly Cnp: number;
  readonly Cnr: number;
}

/** Coefficients that are all zero: a body with no aerodynamics. */
export const NO_AERO: AeroCoefficients = {
  S_m2: 0,
  b_m: 0,
  cbar_m: 0,
  CD: 0,
  CL: 0,
  CY: 0,
  CL_alpha: 0,
  CY_beta: 0,
  Cl: 0,
  Cm: 0,
  Cn: 0,
  Cl_beta: 0,
  Cm_alpha: 0,
  Cn_beta: 0,
  Clp: 0,
  Clr: 0,
  Cmq: 0,
  Cnp: 0,
  Cnr: 0,
};

/**
 * Body-axis force (N) and moment (N·m) from the air-relative velocity in body axes (u, v, w; m/s),
 * body rates (p, q, r; rad/s) and air density (kg/m³).
 * Writes force to out[0..2] and moment to out[3..5].
 */
export function aeroForcesAndMoments(
  c: AeroCoefficients,
  rho_kgpm3: number,
  u: number,
  v: number,
  w: number,
  p: number,
  q: number,
  r: number,
  out: Float64Array,
): void {
  const V2 = u * u + v * v + w * w;
  const V = Math.sqrt(V2);
  if (V === 0 || rho_kgpm3 === 0 || c.S_m2 === 0) {
    out[0] = 0;
    out[1] = 0;
    out[2] = 0;
    out[3] = 0;
    out[4] = 0;
    out[5] = 0;
    return;
  }
  const qS = 0.5 * rho_kgpm3 * V2 * c.S_m2;
  // Wind-axis unit vectors in body axes, from the velocity itself rather than α and β angles:
  // x_w = V̂; z_w ⟂ x_w in the body x–z plane; y_w = z_w × x_w.
  const xu = u / V;
  const xv = v / V;
  const xw = w / V;
  const uw = Math.sqrt(u * u + w * w);
  // Flying straight along body y (uw = 0): α is undefined, take z_w along body z.
  const cA = uw > 0 ? u / uw : 1;
  const sA = uw > 0 ? w / uw : 0;
  const sB = xv;
  const cB = uw / V;
  // The angles themselves cost two inverse-trig calls; only the linear derivatives need them.
  const angles =
    c.CL_alpha !== 0 || c.CY_beta !== 0 || c.Cl_beta !== 0 || c.Cm_alpha !== 0 || c.Cn_beta !== 0;
  const alpha = angles ? Math.atan2(w, u) : 0;
  const beta = angles ? Math.asin(Math.min(1, Math.max(-1, sB))) : 0;
  // z_w = (−sin α, 0, cos α); y_w = (−cos α·sin β, cos β, −sin α·sin β).
  const CL = c.CL + c.CL_alpha * alpha;
  const CY = c.CY + c.CY_beta * beta;
  const CD = c.CD;
  out[0] = qS * (-CD * xu - CY * cA * sB + CL * sA);
  out[1] = qS * (-CD * xv + CY * cB);
  out[2] = qS * (-CD * xw - CY * sA * sB - CL * cA);

  const b = c.b_m;
  const cb = c.cbar_m;
  const damp = 0.25 * rho_kgpm3 * V * c.S_m2;
  out[3] = qS * b * (c.Cl + c.Cl_beta * beta) + damp * b * b * (c.Clp * p + c.Clr * r);
  out[4] = qS * cb * (c.Cm + c.Cm_alpha * alpha) + damp * cb * cb * c.Cmq * q;
  out[5] = qS * b * (c.Cn + c.Cn_beta * beta) + damp * b * b * (c.Cnp * p + c.Cnr * r);
}
