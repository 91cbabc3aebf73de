/**
 * What GPS/INS navigation costs: the 900 km mission of mission.bench.ts flown with perfect
 * navigation and with the GPS/INS navigator (tactical IMU sampled at 10 Hz — every dynamics step in
 * the terminal dive — filter propagated at 1 Hz, GNSS and baro fixes at 1 Hz, no jamming).
 * Target: navigation adds no more than 1× to the perfect-navigation time (ratio ≤ 2).
 */

import { Rng } from "../src/core/rng.js";
import { simulateMission } from "../src/mission/simulate.js";
import { DEFAULT_RECEIVER, GnssReceiver } from "../src/navigation/gnss.js";
import { GnssInsNavigator } from "../src/navigation/gnss-ins-navigator.js";
import { IMU_GRADES } from "../src/navigation/imu.js";
import { benchMissionParams } from "./mission.bench.js";

/** Median wall times (ms) of both, over `trials` alternating runs after warm-up. */
export function benchNavigation(trials = 9): {
  perfect_ms: number;
  gnssIns_ms: number;
  ratio: number;
  nav_error_m: number;
} {
  const p = benchMissionParams();
  const navigator = () => {
    const rng = Rng.fromSeed(1).stream("navigation");
    const rx = new GnssReceiver(DEFAULT_RECEIVER, [], rng.stream("gnss"), p.earth.ellipsoid);
    return new GnssInsNavigator(
      p.earth,
      {
        grade: IMU_GRADES.tactical,
        filter_dt_s: 1,
        baro_sigma_m: 15,
        baro_rate_hz: 1,
        fix_pos_sigma_m: DEFAULT_RECEIVER.pos_sigma_m,
        fix_vert_sigma_m: DEFAULT_RECEIVER.vert_sigma_m,
        fix_vel_sigma_mps: DEFAULT_RECEIVER.vel_sigma_mps,
      },
      rx,
      rng,
      0.1,
    );
  };
  const time = (f: () => void) => {
    const t0 = process.hrtime.bigint();
    f();
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  for (let i = 0; i < 4; i++) {
    simulateMission(p);
    simulateMission(p, navigator());
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < trials; i++) {
    a.push(time(() => simulateMission(p)));
    b.push(time(() => simulateMission(p, navigator())));
  }
  a.sort((x, y) => x - y);
  b.sort((x, y) => x - y);
  const med = (v: number[]) => v[Math.floor(v.length / 2)];
  const r = simulateMission(p, navigator());
  return {
    perfect_ms: med(a),
    gnssIns_ms: med(b),
    ratio: med(b) / med(a),
    nav_error_m: r.summary.nav_error_horizontal_m,
  };
}
