/**
 * A GNSS receiver at link-budget level: position and velocity fixes with white noise at a fixed
 * rate while it tracks, and a tracking state machine driven by jamming.
 *
 * Jamming (all from the project's public reference note, §1.3): received GPS power −160 dBW
 * (Ward, GPS World 2008); a jammer's power at the receiver is EIRP − free-space loss + antenna gain
 * towards it; J/S is that over −160 dBW. The equivalent carrier-to-noise density under jamming is
 * (C/N0)_eq = −10·log10(10^(−C/N0/10) + (J/S)/(Q·R_c)) (Kaplan and Hegarty, "Understanding GPS",
 * interference chapter), with chip rate R_c (1.023 Mcps C/A, 10.23 Mcps P(Y)) and spectral factor Q.
 * The receiver keeps tracking while (C/N0)_eq ≥ 28 dB-Hz, needs 35 dB-Hz to reacquire, and resumes
 * fixes after reacquire_s above that threshold. An adaptive antenna subtracts its null depth from
 * the jammer and adds its beam gain to the satellite signal (NRC 1995, App. L: 25 dB nulls;
 * 31 dB nulls with 6 dB beam gain). Signal processing, multipath and satellite geometry are left out.
 */

import type { Rng } from "../core/rng.js";
import {
  GEO_COS_LAT,
  GEO_COS_LON,
  GEO_H,
  GEO_SIN_LAT,
  GEO_SIN_LON,
  GEO_SIZE,
} from "../earth/ellipsoid.js";

/** GPS L1 carrier frequency, Hz. */
export const GPS_L1_HZ = 1575.42e6;
/** Received GPS signal power in the open, dBW. */
export const GPS_SIGNAL_DBW = -160;
const C_MPS = 299_792_458;

/** A notional jammer (position in degrees and metres; EIRP in dBW). */
export interface Jammer {
  readonly name: string;
  readonly lat_deg: number;
  readonly lon_deg: number;
  readonly alt_m: number;
  readonly eirp_dbw: number;
}

/** Ranging code. */
export type GnssCode = "CA" | "PY";

/** Line of sight from each jammer to the receiver (terrain masking), refreshed by the receiver. */
export interface JammerMask {
  /** Seconds between refreshes (masking changes slowly at cruise-missile speeds). */
  readonly refresh_s: number;
  /** Write 1 (in sight) or 0 (masked) per jammer for a receiver at lat/lon (deg) and alt_m (m). */
  update(lat_deg: number, lon_deg: number, alt_m: number, out: Uint8Array): void;
}

/** Receiver antenna towards the jammers. */
export type Antenna =
  | { readonly kind: "fixed"; readonly gain_toward_jammer_dbi: number }
  | { readonly kind: "adaptive"; readonly nulling_db: number; readonly beam_gain_db: number };

/** Receiver parameters. */
export interface GnssReceiverParams {
  readonly code: GnssCode;
  readonly rate_hz: number;
  readonly cn0_nominal_dbhz: number;
  readonly track_threshold_dbhz: number;
  readonly acquire_threshold_dbhz: number;
  readonly reacquire_s: number;
  readonly q_factor: number;
  readonly pos_sigma_m: number;
  readonly vert_sigma_m: number;
  readonly vel_sigma_mps: number;
  readonly antenna: Antenna;
}

/**
 * A P(Y)-code receiver: C/N0 45 dB-Hz unjammed, tracking to 28 and acquisition at 35 dB-Hz, Q = 1
 * (the reference note's table). Fix noise from the P(Y) UERE of 6.0 m with an HDOP near 0.7 and
 * VDOP near 1.2 for a full constellation: 4 m per horizontal axis, 7 m vertical; 0.1 m/s velocity.
 */
export const DEFAULT_RECEIVER: GnssReceiverParams = {
  code: "PY",
  rate_hz: 1,
  cn0_nominal_dbhz: 45,
  track_threshold_dbhz: 28,
  acquire_threshold_dbhz: 35,
  reacquire_s: 10,
  q_factor: 1,
  pos_sigma_m: 4,
  vert_sigma_m: 7,
  vel_sigma_mps: 0.1,
  antenna: { kind: "fixed", gain_toward_jammer_dbi: 0 },
};

/** Free-space path loss 20·log10(4π·d·f/c) in dB for range d (m) at frequency f (Hz). */
export function freeSpaceLoss_db(range_m: number, freq_hz = GPS_L1_HZ): number {
  return 20 * Math.log10((4 * Math.PI * range_m * freq_hz) / C_MPS);
}

/** Chip rate of a code, chips/s. */
export function chipRate(code: GnssCode): number {
  return code === "CA" ? 1.023e6 : 10.23e6;
}

/** Equivalent C/N0 (dB-Hz) under jamming at J/S (dB). */
export function equivalentCn0_dbhz(
  cn0_dbhz: number,
  js_db: number,
  q: number,
  chipRate_cps: number,
): number {
  return -10 * Math.log10(10 ** (-cn0_dbhz / 10) + 10 ** (js_db / 10) / (q * chipRate_cps));
}

/** J/S (dB) at which (C/N0)_eq falls to the threshold. */
export function jsTolerance_db(
  cn0_dbhz: number,
  threshold_dbhz: number,
  q: number,
  chipRate_cps: number,
): number {
  return (
    10 * Math.log10(q * chipRate_cps * (10 ** (-threshold_dbhz / 10) - 10 ** (-cn0_dbhz / 10)))
  );
}

/**
 * Jamming power (W) at a receiver (ECEF, m) from jammers (ECEF, 3 per jammer; EIRP dBW) on a
 * carrier of freq_hz, through an antenna gain towards them (dBi), free-space loss only; jammers
 * with visible[k] = 0 are masked. Shared by GNSS and the weapon data link (targets/data-link.ts).
 * Allocation-free.
 */
export function jammerPower_w(
  receiverEcef: Float64Array,
  jammersEcef: Float64Array,
  eirp_dbw: Float64Array,
  gain_dbi: number,
  freq_hz: number,
  visible?: Uint8Array,
): number {
  let jW = 0;
  for (let k = 0; k < eirp_dbw.length; k++) {
    // A masked jammer is skipped. (Computing its power and multiplying by 0 spared one recompile of
    // the receiver per thread, when a jammer first came into sight after optimisation, but cost a
    // logarithm and a power per hidden jammer at every step: 3 % of a layered-defence run.)
    if (visible && visible[k] === 0) continue;
    const dx = receiverEcef[0] - jammersEcef[3 * k];
    const dy = receiverEcef[1] - jammersEcef[3 * k + 1];
    const dz = receiverEcef[2] - jammersEcef[3 * k + 2];
    const d = Math.max(1, Math.sqrt(dx * dx + dy * dy + dz * dz));
    jW += 10 ** ((eirp_dbw[k] - freeSpaceLoss_db(d, freq_hz) + gain_dbi) / 10);
  }
  return jW;
}

/** Jammer positions as ECEF (m, 3 per jammer) and their EIRPs (dBW), for jammerPower_w. */
export function jammerArrays(
  jammers: readonly Jammer[],
  ellipsoid: { readonly a_m: number; readonly e2: number },
): { ecef: Float64Array; eirp_dbw: Float64Array } {
  const ecef = new Float64Array(3 * jammers.length);
  const eirp = new Float64Array(jammers.length);
  jammers.forEach((j, k) => {
    const phi = (j.lat_deg * Math.PI) / 180;
    const lam = (j.lon_deg * Math.PI) / 180;
    const s = Math.sin(phi);
    const n = ellipsoid.a_m / Math.sqrt(1 - ellipsoid.e2 * s * s);
    ecef[3 * k] = (n + j.alt_m) * Math.cos(phi) * Math.cos(lam);
    ecef[3 * k + 1] = (n + j.alt_m) * Math.cos(phi) * Math.sin(lam);
    ecef[3 * k + 2] = (n * (1 - ellipsoid.e2) + j.alt_m) * s;
    eirp[k] = j.eirp_dbw;
  });
  return { ecef, eirp_dbw: eirp };
}

/** J/S (dB) at a receiver (ECEF, m) from jammers (ECEF, 3 per jammer; EIRP dBW). Allocation-free. */
export function jammerToSignal_db(
  receiverEcef: Float64Array,
  jammersEcef: Float64Array,
  eirp_dbw: Float64Array,
  antenna: Antenna,
  visible?: Uint8Array,
): number {
  const gain = antennaJammerGain_dbi(antenna);
  const jW = jammerPower_w(receiverEcef, jammersEcef, eirp_dbw, gain, GPS_L1_HZ, visible);
  // No jammer in sight (jW = 0) gives 10·log10(0) − signal = −∞ without a branch.
  return 10 * Math.log10(jW) - antennaSignal_dbw(antenna);
}

/** Received GPS signal power (dBW) behind an antenna: an adaptive one adds its beam gain. */
function antennaSignal_dbw(antenna: Antenna): number {
  return GPS_SIGNAL_DBW + (antenna.kind === "adaptive" ? antenna.beam_gain_db : 0);
}

/** Antenna gain towards the jammers, dBi: an adaptive antenna's nulls count as negative gain. */
function antennaJammerGain_dbi(antenna: Antenna): number {
  return antenna.kind === "fixed" ? antenna.gain_toward_jammer_dbi : -antenna.nulling_db;
}

/** Receiver states. */
export type GnssState = "tracking" | "lost" | "reacquiring";
/** State codes for outputs. */
export const GNSS_STATE_CODE: Readonly<Record<GnssState, number>> = {
  tracking: 0,
  reacquiring: 1,
  lost: 2,
};
/** State names by code (the inverse of GNSS_STATE_CODE). */
const GNSS_STATE_BY_CODE: readonly GnssState[] = ["tracking", "reacquiring", "lost"];
const TRACKING = 0;
const REACQUIRING = 1;
const LOST = 2;

// Slots of the receiver's settings (GnssReceiver.cfg), copied from its params at construction.
const C_RATE_HZ = 0;
const C_CN0_NOMINAL = 1;
const C_TRACK = 2;
const C_ACQUIRE = 3;
const C_REACQUIRE_S = 4;
const C_Q = 5;
const C_POS_SIGMA = 6;
const C_VERT_SIGMA = 7;
const C_VEL_SIGMA = 8;
const C_CHIP_RATE = 9;
const C_JAMMER_GAIN = 10;
const C_SIGNAL = 11;
const C_SIZE = 12;

// Slots of the receiver's running numbers (GnssReceiver.num).
const N_JS = 0;
const N_CN0 = 1;
const N_OUTAGE = 2;
const N_ABOVE_SINCE = 3;
const N_LAST_T = 4;
const N_NEXT_FIX = 5;
const N_NEXT_MASK = 6;
const N_SIZE = 7;

/**
 * A receiver: state machine and fix generator.
 *
 * Written so that V8's optimised code for updateGeo (inlined into the navigator's per-step update,
 * itself inlined into the flight loop) survives a whole Monte Carlo study instead of being thrown
 * away and recompiled each time jamming first changes something:
 * - its numbers live in Float64Arrays, not object fields: a field that starts as a small integer
 *   (0, a params value such as 45 dB-Hz) and later holds a fraction changes the object's hidden
 *   class, which invalidates every optimised function that had assumed the old one;
 * - the settings are copied from whichever params object arrives (scenario files build it by
 *   spreading DEFAULT_RECEIVER, tests write literals) so the hot path never reads its shape;
 * - the state is a small integer, and each step evaluates every comparison and stores every value
 *   the state machine can need, choosing among them with plain conditionals: code that first runs
 *   when the state changes (after optimisation) would carry no type feedback and deoptimise.
 */
export class GnssReceiver {
  readonly fixEcef = new Float64Array(3);
  private readonly geoArgs = new Float64Array(GEO_SIZE);
  readonly fixVelNed = new Float64Array(3);
  private readonly cfg = new Float64Array(C_SIZE);
  private readonly num = new Float64Array(N_SIZE);
  private st = TRACKING;
  private readonly jamEcef: Float64Array;
  private readonly eirp: Float64Array;
  private readonly visible: Uint8Array;

  /** A receiver facing jammers; mask (optional) hides those the terrain blocks. */
  constructor(
    readonly params: GnssReceiverParams,
    jammers: readonly Jammer[],
    private readonly rng: Rng,
    ellipsoid: { readonly a_m: number; readonly e2: number },
    private readonly mask: JammerMask | null = null,
  ) {
    this.visible = new Uint8Array(jammers.length).fill(1);
    const arrays = jammerArrays(jammers, ellipsoid);
    this.jamEcef = arrays.ecef;
    this.eirp = arrays.eirp_dbw;
    const c = this.cfg;
    c[C_RATE_HZ] = params.rate_hz;
    c[C_CN0_NOMINAL] = params.cn0_nominal_dbhz;
    c[C_TRACK] = params.track_threshold_dbhz;
    c[C_ACQUIRE] = params.acquire_threshold_dbhz;
    c[C_REACQUIRE_S] = params.reacquire_s;
    c[C_Q] = params.q_factor;
    c[C_POS_SIGMA] = params.pos_sigma_m;
    c[C_VERT_SIGMA] = params.vert_sigma_m;
    c[C_VEL_SIGMA] = params.vel_sigma_mps;
    c[C_CHIP_RATE] = chipRate(params.code);
    c[C_JAMMER_GAIN] = antennaJammerGain_dbi(params.antenna);
    c[C_SIGNAL] = antennaSignal_dbw(params.antenna);
    this.num[N_JS] = Number.NEGATIVE_INFINITY;
    this.num[N_CN0] = params.cn0_nominal_dbhz;
  }

  /** The receiver state. */
  get state(): GnssState {
    return GNSS_STATE_BY_CODE[this.st];
  }

  /** The receiver state's code (GNSS_STATE_CODE). */
  get stateCode(): number {
    return this.st;
  }

  /** J/S at the last update, dB (−Infinity: no jammer in sight). */
  get js_db(): number {
    return this.num[N_JS];
  }

  /** Equivalent C/N0 at the last update, dB-Hz. */
  get cn0eq_dbhz(): number {
    return this.num[N_CN0];
  }

  /** Time spent without fixes (lost or reacquiring) so far, s. */
  get outage_s(): number {
    return this.num[N_OUTAGE];
  }

  /** Advance to time t (s) with the true ECEF position and NED velocity; true when a new fix is out. */
  update(
    t_s: number,
    trueEcef: Float64Array,
    trueVelNed: Float64Array,
    sinLat: number,
    cosLat: number,
    sinLon: number,
    cosLon: number,
    alt_m = 0,
  ): boolean {
    const g = this.geoArgs;
    g[GEO_SIN_LAT] = sinLat;
    g[GEO_COS_LAT] = cosLat;
    g[GEO_SIN_LON] = sinLon;
    g[GEO_COS_LON] = cosLon;
    g[GEO_H] = alt_m;
    return this.updateGeo(t_s, trueEcef, trueVelNed, g);
  }

  /**
   * As update(), with the receiver's sines, cosines and height in a geodetic buffer (GEO_* slots,
   * as AirData.geo holds them): the per-step form, since doubles passed to a call that is not
   * inlined are boxed on the heap and a buffer is not.
   */
  updateGeo(
    t_s: number,
    trueEcef: Float64Array,
    trueVelNed: Float64Array,
    geo: Float64Array,
  ): boolean {
    const sinLat = geo[GEO_SIN_LAT];
    const cosLat = geo[GEO_COS_LAT];
    const sinLon = geo[GEO_SIN_LON];
    const cosLon = geo[GEO_COS_LON];
    const alt_m = geo[GEO_H];
    const c = this.cfg;
    const s = this.num;
    const dt = t_s - s[N_LAST_T];
    s[N_LAST_T] = t_s;
    if (this.mask && this.eirp.length > 0 && t_s >= s[N_NEXT_MASK]) {
      s[N_NEXT_MASK] = t_s + this.mask.refresh_s;
      const d = 180 / Math.PI;
      this.mask.update(
        Math.atan2(sinLat, cosLat) * d,
        Math.atan2(sinLon, cosLon) * d,
        alt_m,
        this.visible,
      );
    }
    const jW = jammerPower_w(
      trueEcef,
      this.jamEcef,
      this.eirp,
      c[C_JAMMER_GAIN],
      GPS_L1_HZ,
      this.visible,
    );
    // No jammer (or none in sight): jW = 0 and J/S = 10·log10(0) − signal = −∞, as before.
    const js = 10 * Math.log10(jW) - c[C_SIGNAL];
    s[N_JS] = js;
    // Worked out only when jammed: two powers and a logarithm at every step otherwise.
    const cn0 = Number.isFinite(js)
      ? equivalentCn0_dbhz(c[C_CN0_NOMINAL], js, c[C_Q], c[C_CHIP_RATE])
      : c[C_CN0_NOMINAL];
    s[N_CN0] = cn0;
    // Tracking → lost below the tracking threshold; lost → reacquiring at the acquisition
    // threshold; reacquiring → lost below it, or → tracking after reacquire_s above it.
    const st = this.st;
    const tracking = st === TRACKING;
    const lost = st === LOST;
    const belowTrack = cn0 < c[C_TRACK];
    const aboveAcquire = cn0 >= c[C_ACQUIRE];
    const held = t_s - s[N_ABOVE_SINCE] >= c[C_REACQUIRE_S];
    const forward = dt > 0;
    const toLost = tracking ? belowTrack : !lost && !aboveAcquire;
    const toReacquiring = lost && aboveAcquire;
    const toTracking = !tracking && !lost && aboveAcquire && held;
    const next = toLost ? LOST : toReacquiring ? REACQUIRING : toTracking ? TRACKING : st;
    this.st = next;
    s[N_ABOVE_SINCE] = toReacquiring ? t_s : s[N_ABOVE_SINCE];
    s[N_NEXT_FIX] = toTracking ? t_s : s[N_NEXT_FIX];
    const out = next !== TRACKING;
    // Adding +0 while tracking leaves the (non-negative) total's bits unchanged.
    s[N_OUTAGE] += out && forward ? dt : 0;
    if (out) return false;
    if (t_s + 1e-9 < s[N_NEXT_FIX]) return false;
    const rate = c[C_RATE_HZ];
    s[N_NEXT_FIX] = (Math.floor(t_s * rate + 1e-9) + 1) / rate;
    // Noise in NED, rotated to ECEF (C_en = C_neᵀ).
    const n = this.rng.normal() * c[C_POS_SIGMA];
    const e = this.rng.normal() * c[C_POS_SIGMA];
    const d = this.rng.normal() * c[C_VERT_SIGMA];
    this.fixEcef[0] = trueEcef[0] - sinLat * cosLon * n - sinLon * e - cosLat * cosLon * d;
    this.fixEcef[1] = trueEcef[1] - sinLat * sinLon * n + cosLon * e - cosLat * sinLon * d;
    this.fixEcef[2] = trueEcef[2] + cosLat * n - sinLat * d;
    const velSigma = c[C_VEL_SIGMA];
    for (let k = 0; k < 3; k++) this.fixVelNed[k] = trueVelNed[k] + this.rng.normal() * velSigma;
    return true;
  }
}
