/**
 * Proportional-navigation guidance laws, allocation-free.
 *
 * True proportional navigation (Zarchan, "Tactical and Strategic Missile Guidance", ch. 2): the
 * command is perpendicular to the line of sight,
 *   a = N′·V_c·λ̇,   in 3-D  a = N′·V_c·(ω × û),  ω = (r × v)/|r|²,  V_c = −(r·v)/|r|,
 * with r the target's position relative to the missile, v the relative velocity, û = r/|r|.
 *
 * Impact-angle control: the energy-optimal law that reaches the target with a prescribed final
 * line-of-sight (= flight-path) angle λ_F, for a zero-lag linearised engagement,
 *   a = 4·V_c·λ̇ + 2·V_c·(λ − λ_F)/t_go
 * (Ryoo, Cho and Tahk, "Optimal guidance laws with terminal impact angle constraint", JGCD 28(4),
 * 2005, the N = 0 member of their family; Zarchan's "trajectory shaping guidance" has the same
 * form [U: neither text was read here]). It is the same law as the displacement form
 * a = −6y/t_go² − 4ẏ/t_go used in terminal.ts, rewritten with y = −λ·V·t_go and ẏ = V·γ in the
 * frame of the desired approach line [C]. In 3-D the bias uses the rotation from the desired
 * approach direction d̂ to the line of sight: a = 4·V_c·(ω × û) + (2·V_c/t_go)·((d̂ × û) × û),
 * which reduces to the planar law (with sin(λ − λ_F)) when everything lies in one plane [C].
 *
 * Inputs come either from the seeker after lock (r = estimated range · measured unit line of
 * sight) or, without lock, from the navigation solution (r = estimated aimpoint − estimated
 * position). The autopilot's lag and acceleration limits act downstream on both; `maxAccel_mps2`
 * here only clips the command.
 */

/** A 3-D guidance command (written in place). */
export interface GuidanceCommand3 {
  /** Commanded acceleration, NED, m/s². */
  a_n: number;
  a_e: number;
  a_d: number;
  /** Closing speed, m/s; line-of-sight rate magnitude, rad/s; time to go |r|/V_c, s. */
  closing_mps: number;
  losRate_radps: number;
  tgo_s: number;
}

export function newGuidanceCommand3(): GuidanceCommand3 {
  return { a_n: 0, a_e: 0, a_d: 0, closing_mps: 0, losRate_radps: 0, tgo_s: 0 };
}

/** Planar true PN: a = N′·V_c·λ̇ (m/s², positive in the direction of increasing λ). */
export function pnAccel(navRatio: number, closing_mps: number, losRate_radps: number): number {
  return navRatio * closing_mps * losRate_radps;
}

/** Wrap an angle to (−π, π]. */
export function wrapPi(a: number): number {
  const t = 2 * Math.PI;
  a = a - t * Math.floor((a + Math.PI) / t);
  return a <= -Math.PI ? a + t : a;
}

/** Planar impact-angle law: a = 4·V_c·λ̇ + 2·V_c·(λ − λ_F)/t_go. */
export function impactAngleAccel(
  closing_mps: number,
  losRate_radps: number,
  los_rad: number,
  losFinal_rad: number,
  tgo_s: number,
): number {
  return (
    4 * closing_mps * losRate_radps + (2 * closing_mps * wrapPi(los_rad - losFinal_rad)) / tgo_s
  );
}

/** Clip the acceleration vector in `out` to magnitude maxAccel_mps2 (Infinity: no clip). */
function clip(out: GuidanceCommand3, maxAccel_mps2: number): void {
  const m = Math.sqrt(out.a_n * out.a_n + out.a_e * out.a_e + out.a_d * out.a_d);
  if (m > maxAccel_mps2) {
    const s = maxAccel_mps2 / m;
    out.a_n *= s;
    out.a_e *= s;
    out.a_d *= s;
  }
}

/**
 * 3-D true proportional navigation. (rn, re, rd): target relative to missile, m; (vn, ve, vd):
 * target velocity minus missile velocity, m/s. Writes a zero command when the range is ~0 or the
 * target is opening.
 */
export function truePn3(
  rn: number,
  re: number,
  rd: number,
  vn: number,
  ve: number,
  vd: number,
  navRatio: number,
  maxAccel_mps2: number,
  out: GuidanceCommand3,
): void {
  const r2 = rn * rn + re * re + rd * rd;
  const r = Math.sqrt(r2);
  if (r < 1e-9) {
    out.a_n = 0;
    out.a_e = 0;
    out.a_d = 0;
    out.closing_mps = 0;
    out.losRate_radps = 0;
    out.tgo_s = 0;
    return;
  }
  const vc = -(rn * vn + re * ve + rd * vd) / r;
  // ω = (r × v)/r²
  const wn = (re * vd - rd * ve) / r2;
  const we = (rd * vn - rn * vd) / r2;
  const wd = (rn * ve - re * vn) / r2;
  const un = rn / r;
  const ue = re / r;
  const ud = rd / r;
  out.closing_mps = vc;
  out.losRate_radps = Math.sqrt(wn * wn + we * we + wd * wd);
  out.tgo_s = vc > 0 ? r / vc : Number.POSITIVE_INFINITY;
  const k = navRatio * vc;
  // ω × û
  out.a_n = k * (we * ud - wd * ue);
  out.a_e = k * (wd * un - wn * ud);
  out.a_d = k * (wn * ue - we * un);
  clip(out, maxAccel_mps2);
}

/**
 * 3-D impact-angle-constrained guidance (biased PN, the 3-D form of the law above). (dn, de, dd):
 * desired final approach direction (unit, NED; e.g. diving at γ_F along the approach azimuth ψ:
 * (cos γ_F·cos ψ, cos γ_F·sin ψ, sin γ_F)). tgoMin_s floors t_go in the bias term.
 */
export function impactAnglePn3(
  rn: number,
  re: number,
  rd: number,
  vn: number,
  ve: number,
  vd: number,
  dn: number,
  de: number,
  dd: number,
  tgoMin_s: number,
  maxAccel_mps2: number,
  out: GuidanceCommand3,
): void {
  truePn3(rn, re, rd, vn, ve, vd, 4, Number.POSITIVE_INFINITY, out);
  const r = Math.sqrt(rn * rn + re * re + rd * rd);
  if (r < 1e-9 || !(out.closing_mps > 0)) {
    clip(out, maxAccel_mps2);
    return;
  }
  const un = rn / r;
  const ue = re / r;
  const ud = rd / r;
  // θ = d̂ × û; bias direction θ × û.
  const tn = de * ud - dd * ue;
  const te = dd * un - dn * ud;
  const td = dn * ue - de * un;
  const tgo = Math.max(out.tgo_s, tgoMin_s);
  const k = (2 * out.closing_mps) / tgo;
  out.a_n += k * (te * ud - td * ue);
  out.a_e += k * (td * un - tn * ud);
  out.a_d += k * (tn * ue - te * un);
  clip(out, maxAccel_mps2);
}
