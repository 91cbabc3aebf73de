/**
 * Radar detection at the level of the radar range equation (Skolnik, "Introduction to Radar
 * Systems", 3rd ed., ch. 2): single-pulse signal-to-noise ratio
 *
 *   SNR = Pt·G²·λ²·σ / ((4π)³·k·T0·B·F·L·R⁴)
 *
 * and, for a Swerling-1 target (slowly fluctuating, exponentially distributed RCS), the closed-form
 * single-look detection probability Pd = Pfa^(1/(1 + SNR)) (Skolnik §2.8; Mahafza, "Radar Systems
 * Analysis and Design Using MATLAB", §2.8). Detection over successive scans accumulates as
 * 1 − Π(1 − Pd_i). No signal processing: this is the level analysts use for coverage studies.
 */

/** Boltzmann's constant (J/K) and the standard noise temperature (K). */
export const BOLTZMANN = 1.380649e-23;
export const T0_K = 290;
const C_MPS = 299_792_458;

/** A monostatic radar's link budget. */
export interface RadarParams {
  readonly peak_power_w: number;
  /** Antenna gain (transmit = receive), dB. */
  readonly gain_db: number;
  readonly freq_hz: number;
  /** Receiver bandwidth, Hz. */
  readonly bandwidth_hz: number;
  readonly noise_figure_db: number;
  /** Total system losses, dB. */
  readonly losses_db: number;
  /** Probability of false alarm per look. */
  readonly pfa: number;
  /** Time between looks at a target (scan period), s. */
  readonly scan_s: number;
  /** Antenna height above the ground, m. */
  readonly mast_m: number;
}

const db = (x: number) => 10 ** (x / 10);

/** Single-look SNR (linear) against RCS σ (m²) at range R (m). */
export function snr(
  r: RadarParams,
  rcs_m2: number,
  range_m: number,
  boltzmann = BOLTZMANN,
  c = C_MPS,
): number {
  const lambda = c / r.freq_hz;
  const g = db(r.gain_db);
  const num = r.peak_power_w * g * g * lambda * lambda * rcs_m2;
  const den =
    (4 * Math.PI) ** 3 *
    boltzmann *
    T0_K *
    r.bandwidth_hz *
    db(r.noise_figure_db) *
    db(r.losses_db) *
    range_m ** 4;
  return num / den;
}

/**
 * One radar's link budget with its constant factors multiplied out once, for the per-look loop:
 * snr() returns bit for bit what snr(r, σ, R) does (the same products in the same order, the
 * constant prefix of each kept), without its five powers of ten per call.
 */
export class RadarLink {
  private readonly num0: number;
  private readonly den0: number;

  /** The link of radar r. */
  constructor(r: RadarParams) {
    const lambda = C_MPS / r.freq_hz;
    const g = db(r.gain_db);
    this.num0 = r.peak_power_w * g * g * lambda * lambda;
    this.den0 =
      (4 * Math.PI) ** 3 *
      BOLTZMANN *
      T0_K *
      r.bandwidth_hz *
      db(r.noise_figure_db) *
      db(r.losses_db);
  }

  /** Single-look SNR (linear) against RCS σ (m²) at range R (m). */
  snr(rcs_m2: number, range_m: number): number {
    return (this.num0 * rcs_m2) / (this.den0 * range_m ** 4);
  }
}

/** Swerling-1 single-look detection probability at linear SNR and false-alarm probability pfa. */
export function pdSwerling1(snrLinear: number, pfa: number): number {
  return pfa ** (1 / (1 + snrLinear));
}

/** Linear SNR a Swerling-1 target needs for detection probability pd at pfa: ln(pfa)/ln(pd) − 1. */
export function snrForPdSwerling1(pd: number, pfa: number): number {
  return Math.log(pfa) / Math.log(pd) - 1;
}

/** Range (m) at which a Swerling-1 target of RCS σ (m²) is detected with probability pd per look. */
export function rangeForPd(r: RadarParams, rcs_m2: number, pd: number): number {
  const need = snrForPdSwerling1(pd, r.pfa);
  // SNR ∝ 1/R⁴: scale from the SNR at 1 m.
  return (snr(r, rcs_m2, 1) / need) ** 0.25;
}

/** Probability of at least one detection in a sequence of looks with the given per-look Pd values. */
export function cumulativeDetection(pds: ArrayLike<number>): number {
  let miss = 1;
  for (let i = 0; i < pds.length; i++) miss *= 1 - pds[i];
  return 1 - miss;
}
