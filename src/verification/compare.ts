/**
 * Comparing a simulated history with reference histories, quantity by quantity: the largest
 * difference over the common sample times, against a stated tolerance.
 */

import { eulerToDcm } from "../core/quat.js";
import { RAD_PER_DEG, wrap180 } from "../core/units.js";
import type { History } from "./nasa-reference.js";

/** A compared quantity: how to measure the difference between two samples. */
export interface Quantity {
  /** Short label, e.g. "position (ECEF)". */
  readonly label: string;
  readonly unit: string;
  /** Columns the quantity is built from. */
  readonly columns: readonly string[];
  /**
   * "vector": Euclidean norm of the differences; "max": largest difference (angles wrap at 360°);
   * "attitude": the angle of the rotation between two attitudes given as 3-2-1 Euler angles in
   * degrees, which stays meaningful near ±90° pitch where the Euler angles themselves do not.
   */
  readonly combine: "vector" | "max" | "attitude";
  readonly angle?: boolean;
  /** Compare relative to the reference value (|a − b| / max(|b|, relativeFloor)), as a fraction. */
  readonly relativeFloor?: number;
}

/** Standard quantities of a trajectory. */
export const QUANTITIES = {
  position: {
    label: "position (ECEF)",
    unit: "m",
    columns: ["x_ecef_m", "y_ecef_m", "z_ecef_m"],
    combine: "vector",
  },
  altitude: { label: "altitude", unit: "m", columns: ["alt_m"], combine: "max" },
  velocity: {
    label: "velocity (NED)",
    unit: "m/s",
    columns: ["vn_mps", "ve_mps", "vd_mps"],
    combine: "vector",
  },
  euler: {
    label: "Euler angles",
    unit: "deg",
    columns: ["phi_deg", "theta_deg", "psi_deg"],
    combine: "max",
    angle: true,
  },
  attitude: {
    label: "attitude (angle between)",
    unit: "deg",
    columns: ["phi_deg", "theta_deg", "psi_deg"],
    combine: "attitude",
  },
  rates: {
    label: "body rates",
    unit: "deg/s",
    columns: ["p_dps", "q_dps", "r_dps"],
    combine: "vector",
  },
  mach: { label: "Mach", unit: "", columns: ["mach"], combine: "max" },
  qbar: {
    label: "dynamic pressure",
    unit: "relative",
    columns: ["qbar_pa"],
    combine: "max",
    relativeFloor: 100,
  },
  gravity: { label: "gravity", unit: "m/s²", columns: ["gravity_mps2"], combine: "max" },
  density: {
    label: "air density",
    unit: "relative",
    columns: ["rho_kgpm3"],
    combine: "max",
    relativeFloor: 1e-6,
  },
  pressure: {
    label: "air pressure",
    unit: "relative",
    columns: ["press_pa"],
    combine: "max",
    relativeFloor: 1e-3,
  },
  temperature: { label: "air temperature", unit: "K", columns: ["temp_K"], combine: "max" },
  sound: { label: "speed of sound", unit: "m/s", columns: ["sound_mps"], combine: "max" },
} as const satisfies Record<string, Quantity>;

const ma = new Float64Array(9);
const mb = new Float64Array(9);

/** Angle (deg) of the rotation taking one Euler attitude to another: acos((tr(AᵀB) − 1)/2). */
function attitudeAngleDeg(a: History, i: number, b: History, j: number): number {
  const col = (h: History, n: string) => h.get(n) as Float64Array;
  eulerToDcm(
    ma,
    col(a, "phi_deg")[i] * RAD_PER_DEG,
    col(a, "theta_deg")[i] * RAD_PER_DEG,
    col(a, "psi_deg")[i] * RAD_PER_DEG,
  );
  eulerToDcm(
    mb,
    col(b, "phi_deg")[j] * RAD_PER_DEG,
    col(b, "theta_deg")[j] * RAD_PER_DEG,
    col(b, "psi_deg")[j] * RAD_PER_DEG,
  );
  let tr = 0;
  for (let k = 0; k < 9; k++) tr += ma[k] * mb[k];
  const c = Math.max(-1, Math.min(1, (tr - 1) / 2));
  // acos loses precision near 0; the chord form keeps sub-microdegree resolution.
  let s2 = 0;
  for (let k = 0; k < 9; k++) s2 += (ma[k] - mb[k]) ** 2;
  const small = 2 * Math.asin(Math.min(1, Math.sqrt(s2 / 8)));
  return (c > 0.5 ? small : Math.acos(c)) / RAD_PER_DEG;
}

/** Difference of one quantity between row i of history a and row j of history b. */
function diffAt(q: Quantity, a: History, i: number, b: History, j: number): number {
  if (q.combine === "attitude") return attitudeAngleDeg(a, i, b, j);
  let acc = 0;
  for (const c of q.columns) {
    const ca = a.get(c);
    const cb = b.get(c);
    if (!ca || !cb) throw new Error(`column ${c} is missing`);
    let d = ca[i] - cb[j];
    if (q.angle) d = wrap180(d);
    if (q.relativeFloor !== undefined) d /= Math.max(Math.abs(cb[j]), q.relativeFloor);
    acc = q.combine === "vector" ? acc + d * d : Math.max(acc, Math.abs(d));
  }
  return q.combine === "vector" ? Math.sqrt(acc) : acc;
}

/** Largest difference of a quantity over the sample times the two histories share (to 1 µs). */
export function maxDifference(
  q: Quantity,
  a: History,
  b: History,
): { max: number; at_s: number; compared: number } {
  const ta = a.get("t_s");
  const tb = b.get("t_s");
  if (!ta || !tb) throw new Error("histories need a t_s column");
  const index = new Map<number, number>();
  for (let j = 0; j < tb.length; j++) index.set(Math.round(tb[j] * 1e6), j);
  let max = 0;
  let at_s = 0;
  let compared = 0;
  for (let i = 0; i < ta.length; i++) {
    const j = index.get(Math.round(ta[i] * 1e6));
    if (j === undefined) continue;
    const d = diffAt(q, a, i, b, j);
    compared++;
    if (!(d <= max)) {
      max = d;
      at_s = ta[i];
    }
  }
  return { max, at_s, compared };
}
