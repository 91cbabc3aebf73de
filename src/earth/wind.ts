/**
 * Wind: the velocity of the air mass relative to the Earth, in local NED components (m/s).
 *
 * Three forms, all functions of altitude only:
 * - calm;
 * - a profile of levels, linearly interpolated in altitude and held constant beyond the first and
 *   last level (a single level is a steady wind);
 * - a power-law shear, V(h) = V_ref·(h/h_ref)^α above ground, the usual engineering form for the
 *   surface layer (e.g. ESDU 85020; α ≈ 1/7 over open terrain), calm at and below the surface.
 * Turbulence is left out of this model.
 */

/** Wind as the core consumes it; build it with the helpers below. */
export type WindModel =
  | { readonly kind: "calm" }
  | {
      readonly kind: "profile";
      /** Level altitudes, m, strictly increasing. */
      readonly alt_m: Float64Array;
      readonly vn_mps: Float64Array;
      readonly ve_mps: Float64Array;
      readonly vd_mps: Float64Array;
    }
  | {
      readonly kind: "power_law";
      /** Reference height, m (> 0). */
      readonly ref_alt_m: number;
      /** North and east wind at the reference height, m/s. */
      readonly vn_ref_mps: number;
      readonly ve_ref_mps: number;
      /** Shear exponent α. */
      readonly exponent: number;
    };

/** One wind level in the meteorological convention: direction the wind blows FROM (rad from north). */
export interface WindLevel {
  readonly alt_m: number;
  readonly speed_mps: number;
  readonly from_rad: number;
  /** Vertical air velocity, positive down (m/s); usually 0. */
  readonly down_mps?: number;
}

/** No wind. */
export const CALM: WindModel = { kind: "calm" };

/** A wind profile from levels (sorted by altitude here); a single level gives a steady wind. */
export function windProfile(levels: readonly WindLevel[]): WindModel {
  if (levels.length === 0) return CALM;
  const sorted = [...levels].sort((p, q) => p.alt_m - q.alt_m);
  const n = sorted.length;
  const alt_m = new Float64Array(n);
  const vn_mps = new Float64Array(n);
  const ve_mps = new Float64Array(n);
  const vd_mps = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const l = sorted[i];
    alt_m[i] = l.alt_m;
    // Blowing FROM azimuth χ means the air moves towards χ + π.
    vn_mps[i] = -l.speed_mps * Math.cos(l.from_rad);
    ve_mps[i] = -l.speed_mps * Math.sin(l.from_rad);
    vd_mps[i] = l.down_mps ?? 0;
  }
  return { kind: "profile", alt_m, vn_mps, ve_mps, vd_mps };
}

/** A power-law shear with speed (m/s) from direction (rad) at the reference height (m). */
export function windPowerLaw(
  ref_alt_m: number,
  speed_mps: number,
  from_rad: number,
  exponent: number,
): WindModel {
  return {
    kind: "power_law",
    ref_alt_m,
    vn_ref_mps: -speed_mps * Math.cos(from_rad),
    ve_ref_mps: -speed_mps * Math.sin(from_rad),
    exponent,
  };
}

/** Wind (m/s, NED) at altitude alt_m, written to out[o..o+2]. Allocation-free. */
export function windAt(w: WindModel, alt_m: number, out: Float64Array, o = 0): void {
  if (w.kind === "calm") {
    out[o] = 0;
    out[o + 1] = 0;
    out[o + 2] = 0;
    return;
  }
  if (w.kind === "power_law") {
    const s = alt_m > 0 ? (alt_m / w.ref_alt_m) ** w.exponent : 0;
    out[o] = w.vn_ref_mps * s;
    out[o + 1] = w.ve_ref_mps * s;
    out[o + 2] = 0;
    return;
  }
  const h = w.alt_m;
  const n = h.length;
  if (alt_m <= h[0] || n === 1) {
    out[o] = w.vn_mps[0];
    out[o + 1] = w.ve_mps[0];
    out[o + 2] = w.vd_mps[0];
    return;
  }
  if (alt_m >= h[n - 1]) {
    out[o] = w.vn_mps[n - 1];
    out[o + 1] = w.ve_mps[n - 1];
    out[o + 2] = w.vd_mps[n - 1];
    return;
  }
  let i = 1;
  while (h[i] < alt_m) i++;
  const f = (alt_m - h[i - 1]) / (h[i] - h[i - 1]);
  out[o] = w.vn_mps[i - 1] + f * (w.vn_mps[i] - w.vn_mps[i - 1]);
  out[o + 1] = w.ve_mps[i - 1] + f * (w.ve_mps[i] - w.ve_mps[i - 1]);
  out[o + 2] = w.vd_mps[i - 1] + f * (w.vd_mps[i] - w.vd_mps[i - 1]);
}
