/**
 * Weapon effects at the level of a damage function: the probability that one impact damages a
 * target as a function of the impact's offset from it. No blast, fragment or penetration physics.
 *
 * The Carleton damage function (standard in weaponeering and target-coverage texts: Driels,
 * "Weaponeering: Conventional Weapon System Effectiveness", AIAA, 2004/2013; Ball, "The
 * Fundamentals of Aircraft Combat Survivability Analysis and Design", 2nd ed., AIAA, 2003; Eckler
 * and Burr, "Mathematical Models of Target Coverage and Missile Allocation", MORS, 1972 — all [U]:
 * cited as public repositories cite them, none was read here):
 *
 *   P(x, y) = D0 · exp(−D0 · (x²/Rx² + y²/Ry²)),
 *
 * x down-range (along the impact heading), y cross-range, D0 ≤ 1 the damage probability at the
 * aim point, Rx and Ry the down- and cross-range lethal radii. This is the form found in public
 * simulation code (Delta3D's MunitionDamage::GetProbability_CarletonEquation,
 * "P = D0 * exp[-D0 * ((X/r1)^2 + (Y/r2)^2)]" [S]). Its integral over the plane, the lethal area
 * (Driels' mean area of effectiveness), is A_L = π·Rx·Ry whatever D0 [C]. With D0 = 1 and
 * R = WR/√π it is the weapon-radius form exp(−π(x²/WRx² + y²/WRy²)) with A_L = WRx·WRy [C].
 *
 * Expected damage under a normal miss distribution, x ~ N(μx, σx²), y ~ N(μy, σy²) independent
 * (Gaussian integral; derived here [C]):
 *
 *   E[P] = D0 · Π_{i=x,y} exp(−a_i·μ_i²/(1 + 2a_i·σ_i²)) / √(1 + 2a_i·σ_i²),   a_i = D0/R_i²,
 *
 * and for a circular normal miss (σ per axis) about the aim point with a circular function
 * (D0 = 1, Rx = Ry = R): E[P] = R²/(R² + 2σ²). CEP = σ·√(2 ln 2) ≈ 1.1774σ for a circular normal.
 *
 * The lethal radii below are notional: a 1,000-lb-class (≈450 kg) penetrating blast warhead
 * (the public description of the AGM-158's WDU-42/B, project public-figures note §1.1 [S]) against
 * generic target classes. No public weaponeering data was used; they are round numbers chosen to
 * order the classes sensibly (soft area targets feel blast and fragments tens of metres away; a
 * buried bunker needs a near-direct hit and is not certain even then, so D0 < 1).
 */

/** Parameters of one Carleton damage function. */
export interface CarletonParams {
  /** Down-range and cross-range lethal radii, m. */
  readonly rx_m: number;
  readonly ry_m: number;
  /** Damage probability for a direct hit (0 < D0 ≤ 1). */
  readonly d0: number;
}

export type TargetClass =
  | "soft-area"
  | "light-structure"
  | "heavy-structure"
  | "hardened-shelter"
  | "buried-bunker";

/** Notional lethal radii per target class for a 1,000-lb-class blast/penetrator warhead. */
export const NOTIONAL_LETHAL_RADII: Readonly<Record<TargetClass, CarletonParams>> = {
  "soft-area": { rx_m: 40, ry_m: 30, d0: 1 },
  "light-structure": { rx_m: 15, ry_m: 12, d0: 1 },
  "heavy-structure": { rx_m: 8, ry_m: 7, d0: 0.95 },
  "hardened-shelter": { rx_m: 4, ry_m: 4, d0: 0.9 },
  "buried-bunker": { rx_m: 2.5, ry_m: 2.5, d0: 0.8 },
};

/** Damage probability for an impact at (x, y) relative to the target (x along the heading), m. */
export function carletonDamage(p: CarletonParams, x_m: number, y_m: number): number {
  return (
    p.d0 * Math.exp(-p.d0 * ((x_m * x_m) / (p.rx_m * p.rx_m) + (y_m * y_m) / (p.ry_m * p.ry_m)))
  );
}

/** Lethal area (mean area of effectiveness) ∫∫P dx dy = π·Rx·Ry, m². */
export function lethalArea_m2(p: CarletonParams): number {
  return Math.PI * p.rx_m * p.ry_m;
}

/**
 * Damage probability for an impact given as a north/east offset from the target (impact minus
 * target, m) and the weapon's heading at impact (rad from north): rotates the offset into
 * down-range/cross-range first.
 */
export function damageAtImpact(
  p: CarletonParams,
  dn_m: number,
  de_m: number,
  heading_rad: number,
): number {
  const c = Math.cos(heading_rad);
  const s = Math.sin(heading_rad);
  const x = dn_m * c + de_m * s;
  const y = -dn_m * s + de_m * c;
  return carletonDamage(p, x, y);
}

/** One-axis factor E[exp(−a·X²)] for X ~ N(μ, σ²). */
function axisFactor(a: number, mu: number, sigma: number): number {
  const q = 1 + 2 * a * sigma * sigma;
  return Math.exp((-a * mu * mu) / q) / Math.sqrt(q);
}

/**
 * Expected damage probability for an impact point normally distributed about (mx, my) with
 * standard deviations (sx, sy) down- and cross-range, m (closed form).
 */
export function expectedDamageNormal(
  p: CarletonParams,
  sx_m: number,
  sy_m: number,
  mx_m = 0,
  my_m = 0,
): number {
  const ax = p.d0 / (p.rx_m * p.rx_m);
  const ay = p.d0 / (p.ry_m * p.ry_m);
  return p.d0 * axisFactor(ax, mx_m, sx_m) * axisFactor(ay, my_m, sy_m);
}

/** Expected damage for a circular normal miss, σ per axis, about the aim point. */
export function expectedDamageCircular(p: CarletonParams, sigma_m: number): number {
  return expectedDamageNormal(p, sigma_m, sigma_m);
}

/** √(2 ln 2): CEP/σ for a circular normal distribution. */
export const CEP_PER_SIGMA = Math.sqrt(2 * Math.LN2);

/** σ per axis of the circular normal with the given CEP. */
export function sigmaFromCep(cep_m: number): number {
  return cep_m / CEP_PER_SIGMA;
}

/** Probability that at least one of several independent impacts damages the target. */
export function cumulativeDamage(probabilities: ArrayLike<number>): number {
  let survive = 1;
  for (let i = 0; i < probabilities.length; i++) survive *= 1 - probabilities[i];
  return 1 - survive;
}
