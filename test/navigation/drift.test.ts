import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { makeEarth } from "../../src/earth/earth-model.js";
import {
  type BudgetSite,
  freeInertialDrift,
  sumOnlyInRunCov,
} from "../../src/navigation/drift-budget.js";
import { Eskf, HEIGHT_STATES } from "../../src/navigation/eskf.js";
import { eskfNoiseFor } from "../../src/navigation/gnss-ins-navigator.js";
import { IMU_GRADES, type ImuGrade, ImuModel } from "../../src/navigation/imu.js";
import { StrapdownIns } from "../../src/navigation/ins.js";
import { restTruth } from "./at-rest.js";

/**
 * Drift under GNSS denial, by IMU grade, judged against what the grade's own sensor figures
 * predict (docs/navigation-drift.md): ten minutes of GNSS-aided alignment at rest, then
 * free-inertial navigation with barometric height only. The horizontal error's RMS over 32 seeds
 * after 10 min and 1 h must lie within ±35 % of the closed-form budget (drift-budget.ts), which
 * takes the filter's covariance at the end of alignment and the grade's figures, nothing from the
 * simulated drift. The class table of published drift rates is not an acceptance figure: it pairs
 * 1–10 °/h gyros with 10–20 nmi/h, while 1 °/h alone gives ≈ 135 km in an hour.
 */

const SEEDS = 32;
const FIRST_SEED = 100;
const ALIGN_S = 600;
/** Free-inertial times at which the error is compared, s. */
const HORIZONS_S = [600, 3600] as const;
const LAT = 0.6;
const LON = 0.2;
const ALT = 1000;

interface Run {
  /** Filter covariance at the end of alignment. */
  readonly P: Float64Array;
  /** Horizontal error at each horizon, m. */
  readonly err_m: number[];
}

function run(grade: ImuGrade, seed: number): Run {
  const earth = makeEarth();
  const rng = Rng.fromSeed(seed);
  const { fTrue, wTrue } = restTruth(earth, LAT, LON, ALT);
  const dt = 0.1;
  const imu = new ImuModel(grade, rng.stream("imu"), dt);
  const ins = new StrapdownIns(earth);
  const init = rng.stream("init");
  const p = [init.gaussian(0, 1e-3), init.gaussian(0, 1e-3), init.gaussian(0, 3e-3)];
  ins.reset(
    LAT,
    LON,
    ALT,
    [0, 0, 0],
    Float64Array.of(1, p[2], -p[1], -p[2], 1, p[0], p[1], -p[0], 1),
  );
  const kf = new Eskf(ins, eskfNoiseFor(grade));
  const gnss = rng.stream("gnss");
  const fm = new Float64Array(3);
  const wm = new Float64Array(3);
  const rad = new Float64Array(2);
  const P = new Float64Array(kf.P.length);
  const err_m: number[] = [];
  const n = Math.round((ALIGN_S + HORIZONS_S[HORIZONS_S.length - 1]) / dt);
  for (let i = 1; i <= n; i++) {
    imu.measure(fTrue, wTrue, fm, wm);
    for (let k = 0; k < 3; k++) {
      fm[k] -= kf.accelBias[k];
      wm[k] -= kf.gyroBias[k];
    }
    ins.update(fm, wm, dt);
    if (i % 10 !== 0) continue;
    const t = Math.round(i * dt);
    kf.predict(1);
    ins.radii(rad);
    if (t <= ALIGN_S) {
      kf.updateScalar(0, -1, (LAT - ins.lat_rad) * (rad[0] + ALT) + gnss.gaussian(0, 4), 16);
      kf.updateScalar(
        1,
        -1,
        (LON - ins.lon_rad) * (rad[1] + ALT) * Math.cos(LAT) + gnss.gaussian(0, 4),
        16,
      );
      for (let k = 0; k < 3; k++)
        kf.updateScalar(3 + k, -1, gnss.gaussian(0, 0.1) - ins.vNed[k], 0.01);
    }
    kf.updateScalar(2, -1, ins.alt_m - (ALT + gnss.gaussian(0, 15)), 225, HEIGHT_STATES);
    kf.feedback();
    if (t === ALIGN_S) P.set(kf.P);
    if ((HORIZONS_S as readonly number[]).includes(t - ALIGN_S)) {
      ins.radii(rad);
      err_m.push(
        Math.hypot(
          (ins.lat_rad - LAT) * (rad[0] + ALT),
          (ins.lon_rad - LON) * (rad[1] + ALT) * Math.cos(LAT),
        ),
      );
    }
  }
  return { P, err_m };
}

/** The site of the runs, from the same Earth model. */
function site(): BudgetSite {
  const earth = makeEarth();
  const probe = new StrapdownIns(earth);
  probe.reset(LAT, LON, ALT, [0, 0, 0], [1, 0, 0, 0, 1, 0, 0, 0, 1]);
  const rad = new Float64Array(2);
  probe.radii(rad);
  const { fTrue } = restTruth(earth, LAT, LON, ALT);
  return {
    lat_rad: LAT,
    rn_m: rad[0] + ALT,
    re_m: rad[1] + ALT,
    g_mps2: Math.hypot(fTrue[0], fTrue[1], fTrue[2]),
    omega_ie_radps: earth.omega_radps,
  };
}

interface Study {
  /** Simulated RMS horizontal error at each horizon, m. */
  readonly simulated_m: number[];
  /** Predicted RMS horizontal error at each horizon, m. */
  readonly predicted_m: number[];
}

const studies = new Map<ImuGrade["name"], Study>();

/** Run a grade's seeds once (memoised) and predict its drift from the mean alignment covariance. */
function study(grade: ImuGrade): Study {
  const done = studies.get(grade.name);
  if (done) return done;
  const runs = Array.from({ length: SEEDS }, (_, k) => run(grade, FIRST_SEED + k));
  // The covariance hardly depends on the run (only through the linearisation point); use the mean.
  const P = new Float64Array(runs[0].P.length);
  for (const r of runs) for (let i = 0; i < P.length; i++) P[i] += r.P[i] / SEEDS;
  const alignment = { P, inRunCov: sumOnlyInRunCov(P, grade) };
  const s = site();
  const result = {
    simulated_m: HORIZONS_S.map((_, h) =>
      Math.sqrt(runs.reduce((a, r) => a + r.err_m[h] ** 2, 0) / SEEDS),
    ),
    predicted_m: HORIZONS_S.map((t) => freeInertialDrift(alignment, grade, s, t).horizontal_m),
  };
  studies.set(grade.name, result);
  return result;
}

describe("drift under GNSS denial, by IMU grade, against its own sensor figures", () => {
  for (const grade of [IMU_GRADES.navigation, IMU_GRADES.tactical, IMU_GRADES.mems]) {
    it(`${grade.name}: RMS of ${SEEDS} seeds after 10 min and 1 h within ±35 % of the budget`, () => {
      const { simulated_m, predicted_m } = study(grade);
      HORIZONS_S.forEach((t, h) => {
        const ratio = simulated_m[h] / predicted_m[h];
        const what = `${grade.name} at ${t / 60} min: simulated ${simulated_m[h].toFixed(0)} m, predicted ${predicted_m[h].toFixed(0)} m`;
        expect(ratio, what).toBeGreaterThan(0.65);
        expect(ratio, what).toBeLessThan(1.35);
      });
    }, 60_000);
  }

  it("is ordered navigation < tactical < MEMS after 10 min and after 1 h", () => {
    const nav = study(IMU_GRADES.navigation).simulated_m;
    const tac = study(IMU_GRADES.tactical).simulated_m;
    const mems = study(IMU_GRADES.mems).simulated_m;
    HORIZONS_S.forEach((_, h) => {
      expect(nav[h]).toBeLessThan(tac[h]);
      expect(tac[h]).toBeLessThan(mems[h]);
    });
  }, 120_000);
});
