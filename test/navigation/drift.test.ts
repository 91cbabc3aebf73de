import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { makeEarth } from "../../src/earth/earth-model.js";
import { Eskf, HEIGHT_STATES } from "../../src/navigation/eskf.js";
import { eskfNoiseFor } from "../../src/navigation/gnss-ins-navigator.js";
import { IMU_GRADES, type ImuGrade, ImuModel } from "../../src/navigation/imu.js";
import { StrapdownIns } from "../../src/navigation/ins.js";
import { restTruth } from "./at-rest.js";

/**
 * Drift under GNSS denial, by IMU grade: ten minutes of GNSS-aided alignment at rest, then
 * free-inertial navigation (barometric height only) for a given time; horizontal position error
 * (RMS over 12 seeds). The grades must come out in order, and the navigation grade's one-hour
 * drift must match its published rate (IMU_GRADES[…].published_drift_m_per_h) within a factor
 * of 2. The tactical grade measures about 2.5× the published 20 nmi/h: the cited table pairs
 * 1–10 °/h gyros with 10–20 nmi/h, but a 1 °/h horizontal gyro bias alone moves the position by
 * R·ε·(t − sin(ω_s t)/ω_s) ≈ 135 km in an hour (schuler.test.ts), so the table's two columns
 * disagree and the model follows the sensor figures (docs/navigation.md, "issue 4, blocked").
 * That factor is asserted (below 3) so any change shows. A MEMS IMU has no meaningful one-hour
 * free-inertial figure (its error leaves the planet's scale), so it is compared over ten
 * minutes, for order only.
 */
function drift(grade: ImuGrade, seed: number, free_s: number): number {
  const earth = makeEarth();
  const rng = Rng.fromSeed(seed);
  const lat = 0.6;
  const lon = 0.2;
  const alt = 1000;
  const { fTrue, wTrue } = restTruth(earth, lat, lon, alt);
  const dt = 0.1;
  const imu = new ImuModel(grade, rng.stream("imu"), dt);
  const ins = new StrapdownIns(earth);
  const init = rng.stream("init");
  const p = [init.gaussian(0, 1e-3), init.gaussian(0, 1e-3), init.gaussian(0, 3e-3)];
  ins.reset(
    lat,
    lon,
    alt,
    [0, 0, 0],
    Float64Array.of(1, p[2], -p[1], -p[2], 1, p[0], p[1], -p[0], 1),
  );
  const kf = new Eskf(ins, eskfNoiseFor(grade));
  const gnss = rng.stream("gnss");
  const fm = new Float64Array(3);
  const wm = new Float64Array(3);
  const rad = new Float64Array(2);
  const align_s = 600;
  const n = Math.round((align_s + free_s) / dt);
  for (let i = 1; i <= n; i++) {
    imu.measure(fTrue, wTrue, fm, wm);
    for (let k = 0; k < 3; k++) {
      fm[k] -= kf.accelBias[k];
      wm[k] -= kf.gyroBias[k];
    }
    ins.update(fm, wm, dt);
    if (i % 10 === 0) {
      kf.predict(1);
      ins.radii(rad);
      if (i * dt <= align_s) {
        kf.updateScalar(0, -1, (lat - ins.lat_rad) * (rad[0] + alt) + gnss.gaussian(0, 4), 16);
        kf.updateScalar(
          1,
          -1,
          (lon - ins.lon_rad) * (rad[1] + alt) * Math.cos(lat) + gnss.gaussian(0, 4),
          16,
        );
        for (let k = 0; k < 3; k++)
          kf.updateScalar(3 + k, -1, gnss.gaussian(0, 0.1) - ins.vNed[k], 0.01);
      }
      kf.updateScalar(2, -1, ins.alt_m - (alt + gnss.gaussian(0, 15)), 225, HEIGHT_STATES);
      kf.feedback();
    }
  }
  ins.radii(rad);
  return Math.hypot((ins.lat_rad - lat) * rad[0], (ins.lon_rad - lon) * rad[1] * Math.cos(lat));
}

const rms = (grade: ImuGrade, free_s: number) => {
  let s = 0;
  for (let k = 0; k < 12; k++) s += drift(grade, 100 + k, free_s) ** 2;
  return Math.sqrt(s / 12);
};

describe("drift under GNSS denial, by IMU grade", () => {
  it("is ordered navigation < tactical < MEMS; navigation grade within ×2 of its published drift", () => {
    const nav = rms(IMU_GRADES.navigation, 3600);
    const tac = rms(IMU_GRADES.tactical, 3600);
    expect(nav).toBeLessThan(tac);
    for (const [grade, d] of [
      [IMU_GRADES.navigation, nav],
      [IMU_GRADES.tactical, tac],
    ] as const) {
      const ratio = d / grade.published_drift_m_per_h;
      const limit = grade.name === "navigation" ? 2 : 3;
      expect(ratio, `${grade.name}: ${d.toFixed(0)} m in 1 h`).toBeGreaterThan(0.5);
      expect(ratio, `${grade.name}: ${d.toFixed(0)} m in 1 h`).toBeLessThan(limit);
    }
    expect(rms(IMU_GRADES.mems, 600)).toBeGreaterThan(rms(IMU_GRADES.tactical, 600));
  }, 120_000);
});
