/**
 * A notional one-way weapon data link carrying target updates to the missile in flight, at
 * link-budget level (no waveform, no protocol). An update is due every interval_s from release;
 * it is received when the link is not jammed at the missile, and it describes the target as it was
 * latency_s earlier, with a circular normal position error of errorSigma_m per axis.
 *
 * Jamming, the same link budget as GNSS (navigation/gnss.ts, whose jammerPower_w this reuses):
 * the link's signal at the missile is S = EIRP_link − L_fs(d_link, f) + G_rx (free-space loss
 * 20·log10(4π·d·f/c)), the jamming J = Σ EIRP_j − L_fs(d_j, f) + G_j over jammers in sight, and
 * an update is lost when J/S exceeds the link's tolerance (its processing gain less the required
 * signal-to-noise ratio; for a spread-spectrum link of bandwidth ratio B_ss/R_b the processing gain
 * is 10·log10(B_ss/R_b), e.g. Poisel, "Modern Communications Jamming Principles and Techniques",
 * Artech House [U]). The numbers a scenario gives are notional.
 */

import type { Rng } from "../core/rng.js";
import {
  freeSpaceLoss_db,
  type Jammer,
  type JammerMask,
  jammerArrays,
  jammerPower_w,
} from "../navigation/gnss.js";

/** Parameters of the link (SI; positions ECEF m). */
export interface DataLinkParams {
  /** Time between updates, s (> 0); the first is due one interval after release. */
  readonly interval_s: number;
  /** Age of an update's content when it arrives, s. */
  readonly latency_s: number;
  /** Position error of each update, 1σ per horizontal axis, m. */
  readonly errorSigma_m: number;
  /** Carrier frequency, Hz. */
  readonly freq_hz: number;
  /** The transmitter (a notional relay or the launch aircraft), ECEF m, and its EIRP, dBW. */
  readonly txEcef: Float64Array;
  readonly eirp_dbw: number;
  /** Missile antenna gain towards the transmitter and towards jammers, dBi. */
  readonly rxGain_dbi: number;
  readonly jammerGain_dbi: number;
  /** Largest J/S at which an update still gets through, dB. */
  readonly jsTolerance_db: number;
}

/** What a poll of the link found. */
export type LinkPoll = "none" | "received" | "lost";

/** The link of one flight: due times, the jamming check, and its own Rng stream for update errors. */
export class DataLink {
  /** J/S at the last due update, dB (−∞ without jammers). */
  js_db = Number.NEGATIVE_INFINITY;
  received = 0;
  lost = 0;
  private nextDue_s: number;
  private readonly jamEcef: Float64Array;
  private readonly eirp: Float64Array;
  private readonly visible: Uint8Array;

  constructor(
    readonly params: DataLinkParams,
    jammers: readonly Jammer[],
    ellipsoid: { readonly a_m: number; readonly e2: number },
    private readonly rng: Rng,
    private readonly mask: JammerMask | null = null,
  ) {
    const a = jammerArrays(jammers, ellipsoid);
    this.jamEcef = a.ecef;
    this.eirp = a.eirp_dbw;
    this.visible = new Uint8Array(jammers.length).fill(1);
    this.nextDue_s = params.interval_s;
  }

  /** Time the next update is due, s. */
  get nextDue(): number {
    return this.nextDue_s;
  }

  /** J/S (dB) at a missile (ECEF m; lat/lon degrees, alt m for the terrain mask). */
  jammerToSignal_db(ecef: Float64Array, lat_deg: number, lon_deg: number, alt_m: number): number {
    const p = this.params;
    if (this.eirp.length === 0) return Number.NEGATIVE_INFINITY;
    if (this.mask) this.mask.update(lat_deg, lon_deg, alt_m, this.visible);
    const j = jammerPower_w(
      ecef,
      this.jamEcef,
      this.eirp,
      p.jammerGain_dbi,
      p.freq_hz,
      this.visible,
    );
    if (j === 0) return Number.NEGATIVE_INFINITY;
    const dx = ecef[0] - p.txEcef[0];
    const dy = ecef[1] - p.txEcef[1];
    const dz = ecef[2] - p.txEcef[2];
    const d = Math.max(1, Math.sqrt(dx * dx + dy * dy + dz * dz));
    const s = p.eirp_dbw - freeSpaceLoss_db(d, p.freq_hz) + p.rxGain_dbi;
    return 10 * Math.log10(j) - s;
  }

  /**
   * At time t_s (s) with the missile at ecef/lat/lon/alt: "none" before the next due time, else
   * "received" or "lost" (jammed) for the update due, writing a received update's position error
   * (north, east, m) into err.
   */
  poll(
    t_s: number,
    ecef: Float64Array,
    lat_deg: number,
    lon_deg: number,
    alt_m: number,
    err: Float64Array,
  ): LinkPoll {
    if (t_s + 1e-9 < this.nextDue_s) return "none";
    const p = this.params;
    while (this.nextDue_s <= t_s + 1e-9) this.nextDue_s += p.interval_s;
    this.js_db = this.jammerToSignal_db(ecef, lat_deg, lon_deg, alt_m);
    if (this.js_db > p.jsTolerance_db) {
      this.lost++;
      return "lost";
    }
    this.received++;
    err[0] = p.errorSigma_m > 0 ? p.errorSigma_m * this.rng.normal() : 0;
    err[1] = p.errorSigma_m > 0 ? p.errorSigma_m * this.rng.normal() : 0;
    return "received";
  }
}
