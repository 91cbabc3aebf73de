/**
 * Vertical guidance between separation and the terminal dive. Under power (or before the engine
 * has lit) the missile holds the route's height: a height above the ground over terrain (terrain
 * following on the envelope of the map ahead, guidance/terrain-following.ts), over flat ground,
 * or an altitude above the ellipsoid. With the fuel gone it glides at the lift coefficient of best
 * lift-to-drag ratio. Lateral steering (the path follower's command) passes through unchanged.
 *
 * One instance per flight; it owns its scratch, so a step allocates nothing.
 */

import type { AirData } from "../dynamics/air-data.js";
import { altitudeAccel } from "../guidance/altitude-speed.js";
import type { LateralCommand } from "../guidance/path-follower.js";
import type { RoutePath } from "../guidance/route-path.js";
import {
  type TerrainFollowingCommand,
  terrainFollowingCommand,
} from "../guidance/terrain-following.js";
import type { NavEstimate } from "../navigation/navigation.js";
import { bestLiftCoefficient } from "../vehicle/airframe.js";
import { type AttitudeCommand, accelToCommand } from "../vehicle/autopilot.js";
import { G0 } from "../vehicle/missile-forces.js";
import type { FlightLimits } from "../vehicle/missile-params.js";
import type { MissionParams } from "./mission-params.js";

/** Height hold, terrain following and the unpowered glide of the midcourse phase. */
export class MidcourseGuidance {
  private readonly tf: TerrainFollowingCommand = { alt_m: 0, maxDescent_mps: 0 };
  // Terrain following changes the dive limit step by step; a private mutable copy holds it.
  private readonly tfLimits: { -readonly [K in keyof FlightLimits]: FlightLimits[K] };
  private readonly clBest: number;

  constructor(
    private readonly p: MissionParams,
    private readonly path: RoutePath,
  ) {
    this.tfLimits = { ...p.missile.limits };
    this.clBest = bestLiftCoefficient(p.missile.airframe);
  }

  /**
   * Write the autopilot command for one midcourse step into cmd. `holdHeight` is false once the
   * fuel has run out (glide); `mass_kg` is the current mass, `vh0_mps` the true horizontal speed
   * and `gamma` the estimated flight-path angle (rad).
   */
  steer(
    holdHeight: boolean,
    est: NavEstimate,
    truth: AirData,
    mass_kg: number,
    lat: LateralCommand,
    vh0_mps: number,
    gamma: number,
    cmd: AttitudeCommand,
  ): void {
    const { p, path } = this;
    const lim = p.missile.limits;
    const airframe = p.missile.airframe;
    const V = truth.airspeed_mps;
    let aUp: number;
    if (holdHeight) {
      const segEnd = Math.min(lat.segment + 1, path.n - 1);
      const agl = path.agl_m[segEnd];
      if (!Number.isNaN(agl)) {
        // Terrain following (NaN-free agl): the envelope of the map ahead, or the flat ground.
        const terrain = p.terrain;
        if (terrain) {
          // Pull-up available now: maximum lift (or the load limit) less gravity, with margin.
          const nMax = Math.min(
            lim.max_load_g,
            (airframe.cl_max * truth.qbar_pa * airframe.S_m2) / (mass_kg * G0),
          );
          const tf = this.tf;
          terrainFollowingCommand(
            terrain,
            path,
            lat.along_m,
            lat.segment,
            agl,
            vh0_mps,
            lim.max_climb_rad,
            est.vd_mps,
            0.7 * (nMax - 1) * G0,
            p.terrainFollowing,
            tf,
          );
          this.tfLimits.max_dive_rad = Math.min(
            lim.max_dive_rad,
            Math.asin(Math.min(1, tf.maxDescent_mps / Math.max(V, 1))),
          );
          aUp = altitudeAccel(
            tf.alt_m,
            est.alt_m,
            V,
            gamma,
            this.tfLimits,
            p.terrainFollowing.gains,
          );
        } else {
          aUp = altitudeAccel(p.ground_m + agl, est.alt_m, V, gamma, lim, p.terrainFollowing.gains);
        }
      } else {
        aUp = altitudeAccel(path.alt_m[segEnd], est.alt_m, V, gamma, lim);
      }
    } else {
      // Out of fuel: glide at the lift coefficient of best L/D, turning as needed.
      const lTotal = (this.clBest * truth.qbar_pa * airframe.S_m2) / mass_kg;
      const lv = Math.sqrt(Math.max(0, lTotal * lTotal - lat.a_right * lat.a_right));
      aUp = lv - G0 * Math.cos(gamma);
    }
    accelToCommand(aUp, lat.a_right, gamma, G0, lim, cmd);
  }
}
