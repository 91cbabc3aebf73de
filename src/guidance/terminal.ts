/**
 * Terminal guidance onto a fixed aimpoint with a commanded impact (dive) angle.
 *
 * Vertical plane: the energy-optimal law for a double integrator that must reach the desired
 * approach line through the target (displacement y = 0) aligned with it (ẏ = 0) at intercept,
 * a = −6·y/t_go² − 4·ẏ/t_go (the classic impact-angle-control result, e.g. Ryoo, Cho and Tahk,
 * "Optimal guidance laws with terminal impact angle constraint", JGCD 28(4), 2005, and Zarchan,
 * "Tactical and Strategic Missile Guidance", ch. 25). Horizontal plane: zero-effort-miss
 * proportional navigation, a = N′·ZEM/t_go² with N′ = 3. With perfect navigation the aimpoint
 * and the missile's state are exact, so the law drives both miss and angle error to zero up to
 * the autopilot's lag; t_go is the straight-line range over speed.
 */

/** Output of a terminal-guidance update (written in place). */
export interface TerminalCommand {
  /** Normal acceleration in the vertical plane (m/s², + = pull up) and horizontal (+ = right). */
  a_up: number;
  a_right: number;
  /** Time to go, s, and range to the aimpoint, m. */
  tgo_s: number;
  range_m: number;
}

/** Smallest time-to-go used in the gains: below it the commands are held, avoiding 1/t_go blow-up. */
const MIN_TGO_S = 0.15;

/**
 * Commands from the aimpoint's position relative to the missile in local NED (m), the missile's
 * NED velocity (m/s) and the impact angle below the horizon (rad, > 0).
 */
export function terminalGuidance(
  dn: number,
  de: number,
  dd: number,
  vn: number,
  ve: number,
  vd: number,
  impact_rad: number,
  out: TerminalCommand,
): void {
  const rh = Math.sqrt(dn * dn + de * de);
  const range = Math.sqrt(rh * rh + dd * dd);
  const v = Math.sqrt(vn * vn + ve * ve + vd * vd);
  out.range_m = range;
  if (v < 1 || rh < 1e-6) {
    out.a_up = 0;
    out.a_right = 0;
    out.tgo_s = 0;
    return;
  }
  const tgo = Math.max(range / v, MIN_TGO_S);
  out.tgo_s = range / v;
  // Vertical plane through missile and aimpoint: s along the horizontal line of sight, z up.
  const ln = dn / rh;
  const le = de / rh;
  const vAlong = vn * ln + ve * le;
  const vUp = -vd;
  const gamma = Math.atan2(vUp, vAlong);
  const z = dd; // height of the missile above the aimpoint
  const sf = Math.sin(impact_rad);
  const cf = Math.cos(impact_rad);
  // Offset from the desired approach line (through the aimpoint, descending at the impact angle),
  // and its rate.
  const y = -rh * sf + z * cf;
  const ydot = vAlong * sf + vUp * cf;
  const aLine = (-6 * y) / (tgo * tgo) - (4 * ydot) / tgo;
  // The line's normal makes angle (γ + γf) with the velocity's normal; keep the division sane.
  let c = Math.cos(gamma + impact_rad);
  if (c < 0.3) c = 0.3;
  out.a_up = aLine / c;

  // Horizontal: velocity across the line of sight, and the zero-effort miss it leaves.
  const vCross = ve * ln - vn * le; // + when flying to the right of the line of sight
  out.a_right = (-3 * vCross * tgo) / (tgo * tgo);
}
