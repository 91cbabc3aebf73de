/**
 * A statistical imaging-infrared (8–12 µm) terminal seeker. No image is formed and no target is
 * recognised: the model answers "when would the seeker declare a lock, how noisy are its angles,
 * when does it lose the target" from range, weather, target contrast class, day or night, the
 * navigation error it has to cover, and its field of view and gimbal.
 *
 * Acquisition range under extinction. The target's apparent contrast falls as C0·exp(−σR) along
 * the path (Beer–Lambert, σ from atmospheric-extinction.ts) and the signal it puts on the detector
 * as 1/R² (solid angle), so acquisition needs C0·exp(−σR)/R² ≥ threshold. The threshold is
 * calibrated by the nominal acquisition range R0 in the reference clear air σ0 of the preset, so
 *   σR + 2·ln R = σ0·R0 + 2·ln R0,   R = (2/σ)·W((σ/2)·R0·exp(σ0·R0/2))     (W: Lambert W).
 * R_acq(σ) is the range at which the probability from range alone is one half.
 *
 * Probability from range. The shape of the Johnson-criteria target transfer probability function,
 *   P(R) = x^E/(1 + x^E),  x = R_acq/R,  E = 2.7 + 0.7·x
 * (Vollmerhausen and Jacobs, "The Targeting Task Performance (TTP) metric", US Army NVESD
 * technical report AMSEL-NV-TR-230, 2004 [U: recalled, not read]). x stands for N/N50, the
 * resolvable cycles on target relative to those for a 50 % task, which scale as 1/R.
 *
 * Field of view against the navigation error. Before lock the seeker points at the *estimated*
 * aimpoint. The true target must fall in the field of view: in the flight loop this is geometry
 * (the angle between the true and the estimated line of sight against the half-angle). For
 * analysis, `footprintProbability` gives the chance for a circular normal horizontal navigation
 * error σ (per axis) against the ground footprint, with the ellipse (half-widths R·tan α across,
 * R·tan α / sin(depression) along, capped at R) replaced by the circle of equal area:
 * P = 1 − exp(−h_c·h_a/(2σ²)) (exact for a circle; Rayleigh distribution of the radial error).
 *
 * Time to acquire. Once a target is acquirable at the current range, the declaration time is
 * exponential with mean acqTime_s, so with the range held fixed the cumulative probability is
 * P∞·(1 − exp(−t/τ)), the form of the Night Vision Laboratory search model (e.g. Driggers et al.,
 * "Introduction to Infrared and Electro-Optical Systems", Artech House [U]), with a machine τ.
 * "Acquirable" is drawn once per engagement (a uniform quantile u, acquirable when P(R) > u), so
 * the chance of being acquirable by range R is exactly P(R) and repeated frames do not inflate it.
 *
 * Search. A seeker cued to a believed target position either stares at it (the default: the true
 * target must fall in the field of view) or scans a ground footprint of radius R around it
 * (searchRadius_m): the target must lie within R of the cue point on the ground, and since the
 * pattern covers the footprint one field of view at a time, a frame looks at the target's cell
 * with chance 1/cells (cells = footprint area over the field of view's ground footprint), so the
 * mean declaration time becomes acqTime_s·cells. The footprint must fit in the field of regard
 * (the gimbal cone) at the range it is searched from.
 *
 * After lock: measured line-of-sight angles carry independent Gaussian noise (noise_rad, 1σ per
 * axis, perpendicular to the line of sight). Lock is lost when the line of sight leaves the gimbal,
 * jumps out of the field of view between frames, is blocked by cloud, when range exceeds
 * trackRangeFactor·R_acq(σ) (e.g. a fog bank), or at random with rate lockLoss_perS. Inside
 * blindRange_m the seeker keeps its lock but gives no new measurements (the target fills the
 * field of view); guidance holds its last solution.
 *
 * The step function allocates nothing; all draws come from the injected Rng stream.
 */

import type { Rng } from "../core/rng.js";

/** Contrast class of a target against its background in the 8–12 µm band. */
export type ContrastClass = "high" | "medium" | "low";

/** Nominal acquisition ranges (P = 0.5) in the reference clear air, m. */
export interface DayNightRange {
  readonly day_m: number;
  readonly night_m: number;
}

/** Parameters of the statistical seeker. */
export interface SeekerParams {
  /** Full field of view (circular), degrees. */
  readonly fov_deg: number;
  /** Largest angle between the line of sight and the missile's velocity (boresight reference), deg. */
  readonly gimbal_deg: number;
  /** Nominal acquisition range by contrast class, day and night, in the reference air. */
  readonly acqRange_m: Readonly<Record<ContrastClass, DayNightRange>>;
  /** Extinction of the reference air the nominal ranges hold in, 1/km. */
  readonly refExtinction_perKm: number;
  /** Angular measurement noise after lock, 1σ per axis, rad. */
  readonly noise_rad: number;
  /** Random loss-of-lock rate while tracking, 1/s. */
  readonly lockLoss_perS: number;
  /** Frame interval, s. */
  readonly frame_s: number;
  /** Mean time to declare a lock once the target is acquirable, s. */
  readonly acqTime_s: number;
  /** Track is lost beyond this multiple of the extinction-reduced acquisition range. */
  readonly trackRangeFactor: number;
  /** Inside this range no new measurements are produced (lock is held), m. */
  readonly blindRange_m: number;
  /**
   * Radius of the ground footprint the seeker scans around the point it is cued to, m; absent or
   * 0: it stares at that point (the target must fall in the field of view).
   */
  readonly searchRadius_m?: number;
}

/**
 * A notional JASSM-class imaging-IR seeker. Public statements only say the AGM-158 has an
 * imaging-infrared terminal seeker with automatic target recognition, after GPS/INS midcourse
 * (Lockheed Martin descriptions [U], see the project's public-figures note §1.1); no seeker figure
 * is public. Every number here is our notional choice, sized for a generic uncooled/cooled LWIR
 * staring array:
 * - fov 6.4°: a 320-pixel array at 0.35 mrad IFOV (320 × 0.35 mrad = 112 mrad).
 * - acquisition ranges: a recognition-level task (Johnson N50 ≈ 4 cycles ≈ 8 pixels [U]) on a
 *   target of critical dimension d gives R50 = d/(8·IFOV): d = 15 m → 5.4 km, 10 m → 3.6 km,
 *   6 m → 2.1 km. High/medium/low contrast classes take about those, with night a little
 *   shorter for structures (no solar loading) and equal for hot running equipment.
 * - noise 0.3 mrad (≈ one IFOV of centroid noise plus residual jitter), 30 Hz frames,
 *   gimbal ±30°, lock loss 0.02 /s, mean declaration time 0.5 s, track to 1.5 × R_acq,
 *   blind inside 100 m.
 */
export const JASSM_CLASS_IIR_SEEKER: SeekerParams = {
  fov_deg: 6.4,
  gimbal_deg: 30,
  acqRange_m: {
    high: { day_m: 5500, night_m: 5500 },
    medium: { day_m: 3600, night_m: 3200 },
    low: { day_m: 2100, night_m: 1800 },
  },
  // lwirExtinction_perKm(CLEAR_WEATHER): 0.12 gas + 0.1·3.912/23 haze = 0.137 /km.
  refExtinction_perKm: 0.137,
  noise_rad: 0.3e-3,
  lockLoss_perS: 0.02,
  frame_s: 1 / 30,
  acqTime_s: 0.5,
  trackRangeFactor: 1.5,
  blindRange_m: 100,
};

const DEG = Math.PI / 180;

/**
 * Principal branch of the Lambert W function for x ≥ 0 (w·e^w = x), by Halley's iteration from
 * a log-based start; relative accuracy ~1e-15.
 */
export function lambertW0(x: number): number {
  if (!(x > 0)) return 0;
  let w = x < 1 ? x * (1 - x + 1.5 * x * x) : Math.log(x) - Math.log(Math.log(x) + 1);
  for (let i = 0; i < 50; i++) {
    const ew = Math.exp(w);
    const f = w * ew - x;
    const wp1 = w + 1;
    const dw = f / (ew * wp1 - ((w + 2) * f) / (2 * wp1));
    w -= dw;
    if (Math.abs(dw) <= 1e-15 * (1 + Math.abs(w))) break;
  }
  return w;
}

/**
 * Acquisition range (m) in air of extinction sigma_perKm, given the nominal range in the
 * reference air: the root of σR + 2 ln R = σ0·R0 + 2 ln R0.
 */
export function acquisitionRange_m(
  nominal_m: number,
  refSigma_perKm: number,
  sigma_perKm: number,
): number {
  const r0 = nominal_m / 1000;
  if (sigma_perKm < 1e-9) return nominal_m * Math.exp((refSigma_perKm * r0) / 2);
  const arg = (sigma_perKm / 2) * r0 * Math.exp((refSigma_perKm * r0) / 2);
  return (2 / sigma_perKm) * lambertW0(arg) * 1000;
}

/** Target transfer probability function: P at range R for a 50 % range R50. */
export function rangeProbability(range_m: number, r50_m: number): number {
  if (!(r50_m > 0)) return 0;
  if (!(range_m > 0)) return 1;
  const x = r50_m / range_m;
  const e = 2.7 + 0.7 * x;
  const xe = x ** e;
  return Number.isFinite(xe) ? xe / (1 + xe) : 1;
}

/**
 * Probability that a circular normal horizontal navigation error (σ per axis, m) leaves the true
 * target inside the field-of-view ground footprint at slant range R and boresight depression
 * angle (equal-area circle of the footprint ellipse).
 */
export function footprintProbability(
  navErrSigma_m: number,
  range_m: number,
  fov_rad: number,
  depression_rad: number,
): number {
  const hc = range_m * Math.tan(fov_rad / 2);
  const s = Math.sin(Math.abs(depression_rad));
  let ha = s > 1e-9 ? hc / s : range_m;
  if (ha > range_m) ha = range_m;
  if (ha < hc) ha = hc;
  if (!(navErrSigma_m > 0)) return 1;
  return 1 - Math.exp(-(hc * ha) / (2 * navErrSigma_m * navErrSigma_m));
}

/**
 * How many fields of view a scan needs to cover a search footprint of radius R (m) from slant
 * range (m), full field of view fov_rad and the sine of the depression angle: the ratio of the
 * footprint's area to the field of view's ground footprint (the equal-area ellipse of
 * footprintProbability), at least one.
 */
export function searchCells(
  searchRadius_m: number,
  range_m: number,
  fov_rad: number,
  sinDepression: number,
): number {
  const hc = range_m * Math.tan(fov_rad / 2);
  const s = Math.abs(sinDepression);
  let ha = s > 1e-9 ? hc / s : range_m;
  if (ha > range_m) ha = range_m;
  if (ha < hc) ha = hc;
  const cells = (searchRadius_m * searchRadius_m) / (hc * ha);
  return Math.max(cells, 1);
}

/**
 * The largest search footprint radius (m) the field of regard allows at a slant range (m): the
 * footprint seen from that range must fit inside the gimbal cone, R ≤ range·tan(gimbal).
 */
export function maxSearchRadius_m(p: SeekerParams, range_m: number): number {
  return range_m * Math.tan(p.gimbal_deg * DEG);
}

/** Inputs of the static acquisition probability. */
export interface AcquisitionInputs {
  readonly range_m: number;
  readonly contrast: ContrastClass;
  readonly night: boolean;
  /** LWIR extinction along the path, 1/km. */
  readonly extinction_perKm: number;
  /** Horizontal navigation error at the target, 1σ per axis, m. */
  readonly navErrSigma_m: number;
  /** Depression angle of the line of sight below the horizon, rad. */
  readonly depression_rad: number;
  /** Angle between the line of sight and the missile velocity, rad. */
  readonly offBoresight_rad: number;
  /** The line of sight crosses an overcast layer. */
  readonly cloudBlocked: boolean;
}

/** Nominal acquisition range for a contrast class, day or night. */
export function nominalAcquisitionRange_m(
  p: SeekerParams,
  contrast: ContrastClass,
  night: boolean,
): number {
  const r = p.acqRange_m[contrast];
  return night ? r.night_m : r.day_m;
}

/**
 * Static probability of acquisition (the asymptote P∞ for an unlimited look at this geometry):
 * zero when blocked by cloud or outside the gimbal, else P(range) · P(footprint).
 */
export function probabilityOfAcquisition(p: SeekerParams, a: AcquisitionInputs): number {
  if (a.cloudBlocked) return 0;
  if (a.offBoresight_rad > p.gimbal_deg * DEG) return 0;
  const r50 = acquisitionRange_m(
    nominalAcquisitionRange_m(p, a.contrast, a.night),
    p.refExtinction_perKm,
    a.extinction_perKm,
  );
  return (
    rangeProbability(a.range_m, r50) *
    footprintProbability(a.navErrSigma_m, a.range_m, p.fov_deg * DEG, a.depression_rad)
  );
}

/** Per-step inputs of the seeker (reuse one object; fields are overwritten each step). */
export interface SeekerGeometry {
  /** Line of sight from the missile to the true target, NED, m. */
  los_n_m: number;
  los_e_m: number;
  los_d_m: number;
  /** Missile velocity, NED, m/s: the boresight reference of the gimbal. */
  vel_n_mps: number;
  vel_e_mps: number;
  vel_d_mps: number;
  /** Navigation error at the target: estimated aimpoint minus true target, NED, m. */
  navErr_n_m: number;
  navErr_e_m: number;
  navErr_d_m: number;
  /** LWIR extinction along the line of sight, 1/km. */
  extinction_perKm: number;
  /** The line of sight crosses an overcast layer. */
  cloudBlocked: boolean;
}

export type SeekerEvent = "none" | "acquired" | "lost";
export type LockLossReason = "none" | "gimbal" | "fov" | "range" | "cloud" | "random";

/** Seeker output, written in place. */
export interface SeekerOutput {
  locked: boolean;
  /** A new angle measurement was produced by this call. */
  measured: boolean;
  /** Event of this call's frame. */
  event: SeekerEvent;
  lossReason: LockLossReason;
  /** Time of the last processed frame, s. */
  frameTime_s: number;
  /** Measured line-of-sight unit vector, NED (valid while locked; held inside the blind range). */
  u_n: number;
  u_e: number;
  u_d: number;
  /** Measured azimuth (from north, + east) and elevation (+ up), rad. */
  az_rad: number;
  el_rad: number;
  /** True range to the target, m (a passive seeker does not measure it: for logging only). */
  range_m: number;
  /** Angle between the pointing direction and the velocity, rad. */
  offBoresight_rad: number;
  /** Extinction-reduced acquisition range, m, and the range-only probability at this frame. */
  acqRange_m: number;
  pRange: number;
}

export function newSeekerOutput(): SeekerOutput {
  return {
    locked: false,
    measured: false,
    event: "none",
    lossReason: "none",
    frameTime_s: Number.NaN,
    u_n: 0,
    u_e: 0,
    u_d: 0,
    az_rad: 0,
    el_rad: 0,
    range_m: 0,
    offBoresight_rad: 0,
    acqRange_m: 0,
    pRange: 0,
  };
}

/** Options fixed for one engagement. */
export interface SeekerEngagement {
  readonly contrast: ContrastClass;
  readonly night: boolean;
}

/** Angle between two vectors given by components (robust near 0 and π). */
function angleBetween(
  ax: number,
  ay: number,
  az: number,
  bx: number,
  by: number,
  bz: number,
): number {
  const cx = ay * bz - az * by;
  const cy = az * bx - ax * bz;
  const cz = ax * by - ay * bx;
  return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), ax * bx + ay * by + az * bz);
}

/** The stateful seeker: frames at its own interval, draws from its own Rng stream. */
export class Seeker {
  private readonly halfFov_rad: number;
  private readonly gimbal_rad: number;
  private readonly nominal_m: number;
  private readonly pDeclare: number;
  private readonly pLose: number;
  private readonly searchRadius_m: number;
  private quantile = 0;
  private nextFrame_s = Number.NEGATIVE_INFINITY;
  private locked = false;
  /** Pointing direction while tracking (last measured line of sight). */
  private bn = 0;
  private be = 0;
  private bd = 0;

  constructor(
    readonly params: SeekerParams,
    private readonly rng: Rng,
    readonly engagement: SeekerEngagement,
  ) {
    this.halfFov_rad = (params.fov_deg * DEG) / 2;
    this.gimbal_rad = params.gimbal_deg * DEG;
    this.nominal_m = nominalAcquisitionRange_m(params, engagement.contrast, engagement.night);
    this.pDeclare = 1 - Math.exp(-params.frame_s / params.acqTime_s);
    this.pLose = 1 - Math.exp(-params.lockLoss_perS * params.frame_s);
    this.searchRadius_m = params.searchRadius_m ?? 0;
    this.reset();
  }

  /** Start a new engagement: draw the acquirability quantile, drop any lock. */
  reset(): void {
    this.quantile = this.rng.next();
    this.nextFrame_s = Number.NEGATIVE_INFINITY;
    this.locked = false;
  }

  get isLocked(): boolean {
    return this.locked;
  }

  /**
   * Advance to time t_s. A frame is processed when t_s reaches the next frame time (the first
   * call always processes one); otherwise only `measured` and `event` are cleared. Returns true
   * when a frame was processed.
   */
  update(t_s: number, g: SeekerGeometry, out: SeekerOutput): boolean {
    out.measured = false;
    out.event = "none";
    if (t_s + 1e-9 < this.nextFrame_s) return false;
    const f = this.params.frame_s;
    this.nextFrame_s = this.nextFrame_s + f > t_s ? this.nextFrame_s + f : t_s + f;
    out.frameTime_s = t_s;

    const ln = g.los_n_m;
    const le = g.los_e_m;
    const ld = g.los_d_m;
    const range = Math.sqrt(ln * ln + le * le + ld * ld);
    out.range_m = range;
    const acqRange = acquisitionRange_m(
      this.nominal_m,
      this.params.refExtinction_perKm,
      g.extinction_perKm,
    );
    out.acqRange_m = acqRange;
    out.pRange = rangeProbability(range, acqRange);
    if (range < 1e-6) {
      out.locked = this.locked;
      return true;
    }

    if (!this.locked) {
      out.lossReason = "none";
      // Point at the estimated aimpoint.
      const pn = ln + g.navErr_n_m;
      const pe = le + g.navErr_e_m;
      const pd = ld + g.navErr_d_m;
      const off = angleBetween(pn, pe, pd, g.vel_n_mps, g.vel_e_mps, g.vel_d_mps);
      out.offBoresight_rad = off;
      let inView: boolean;
      let pDeclare = this.pDeclare;
      if (this.searchRadius_m > 0) {
        // Scan: the target must lie in the footprint around the cue point; the pattern looks at
        // it one frame in `cells`, so the declaration time stretches by that factor.
        inView = Math.hypot(g.navErr_n_m, g.navErr_e_m) <= this.searchRadius_m;
        const cells = searchCells(this.searchRadius_m, range, 2 * this.halfFov_rad, ld / range);
        pDeclare = 1 - Math.exp(-this.params.frame_s / (this.params.acqTime_s * cells));
      } else {
        inView = angleBetween(ln, le, ld, pn, pe, pd) <= this.halfFov_rad;
      }
      const acquirable =
        !g.cloudBlocked &&
        off <= this.gimbal_rad &&
        inView &&
        range >= this.params.blindRange_m &&
        out.pRange > this.quantile;
      if (acquirable && this.rng.bernoulli(pDeclare)) {
        this.locked = true;
        out.event = "acquired";
        this.measure(ln / range, le / range, ld / range, out);
      }
      out.locked = this.locked;
      return true;
    }

    // Tracking.
    const off = angleBetween(ln, le, ld, g.vel_n_mps, g.vel_e_mps, g.vel_d_mps);
    out.offBoresight_rad = off;
    let reason: LockLossReason = "none";
    if (g.cloudBlocked) reason = "cloud";
    else if (off > this.gimbal_rad) reason = "gimbal";
    else if (angleBetween(ln, le, ld, this.bn, this.be, this.bd) > this.halfFov_rad) reason = "fov";
    else if (range > this.params.trackRangeFactor * acqRange) reason = "range";
    else if (this.rng.bernoulli(this.pLose)) reason = "random";
    if (reason !== "none") {
      this.locked = false;
      out.locked = false;
      out.event = "lost";
      out.lossReason = reason;
      return true;
    }
    out.locked = true;
    if (range >= this.params.blindRange_m) this.measure(ln / range, le / range, ld / range, out);
    return true;
  }

  /** Noisy measurement of the unit line of sight (un, ue, ud). */
  private measure(un: number, ue: number, ud: number, out: SeekerOutput): void {
    // e1: horizontal, perpendicular to the line of sight; e2 = u × e1 (in the vertical plane).
    const h = Math.sqrt(un * un + ue * ue);
    let e1n = 0;
    let e1e = 1;
    if (h > 1e-9) {
      e1n = -ue / h;
      e1e = un / h;
    }
    const e2n = -ud * e1e;
    const e2e = ud * e1n;
    const e2d = un * e1e - ue * e1n;
    const s = this.params.noise_rad;
    const n1 = s * this.rng.normal();
    const n2 = s * this.rng.normal();
    let mn = un + n1 * e1n + n2 * e2n;
    let me = ue + n1 * e1e + n2 * e2e;
    let md = ud + n2 * e2d;
    const m = Math.sqrt(mn * mn + me * me + md * md);
    mn /= m;
    me /= m;
    md /= m;
    out.u_n = mn;
    out.u_e = me;
    out.u_d = md;
    out.az_rad = Math.atan2(me, mn);
    out.el_rad = Math.atan2(-md, Math.sqrt(mn * mn + me * me));
    out.measured = true;
    this.bn = mn;
    this.be = me;
    this.bd = md;
  }
}
