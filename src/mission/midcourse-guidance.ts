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
import { S3_MASS } from "../dynamics/point-mass-3dof.js";
import { altitudeAccel } from "../guidance/altitude-speed.js";
import type { LateralCommand } from "../guidance/path-follower.js";
import type { RoutePath } from "../guidance/route-path.js";
import {
  newTerrainFollowingQuery,
  type TerrainFollowingCommand,
  terrainFollowingCommand,
} from "../guidance/terrain-following.js";
import type { NavEstimate } from "../navigation/navigation.js";
import {
  type AirframeParams,
  bestLiftCoefficient,
  copyAirframeParams,
} from "../vehicle/airframe.js";
import { type AttitudeCommand, accelToCommand } from "../vehicle/autopilot.js";
import { G0 } from "../vehicle/missile-forces.js";
import { copyFlightLimits, type MutableFlightLimits } from "../vehicle/missile-params.js";
import { horizontalSpeed } from "./mission-geometry.js";
import type { MissionParams } from "./mission-params.js";

/** Height hold, terrain following and the unpowered glide of the midcourse phase. */
export class MidcourseGuidance {
  private readonly tf: TerrainFollowingCommand = { alt_m: 0, maxDescent_mps: 0 };
  private readonly tfQuery = newTerrainFollowingQuery();
  // The missile's limits, and a copy whose dive limit terrain following changes step by step:
  // both made by copyFlightLimits, so the functions reading them see one hidden class.
  private readonly lim: MutableFlightLimits;
  private readonly tfLimits: MutableFlightLimits;
  private readonly clBest: number;
  // The airframe in the one shape the force model also reads (copyAirframeParams).
  private readonly airframe: AirframeParams;

  constructor(
    private readonly p: MissionParams,
    private readonly path: RoutePath,
  ) {
    this.lim = copyFlightLimits(p.missile.limits);
    this.tfLimits = copyFlightLimits(p.missile.limits);
    this.airframe = copyAirframeParams(p.missile.airframe);
    this.clBest = bestLiftCoefficient(p.missile.airframe);
  }

  /**
   * Write the autopilot command for one midcourse step into cmd. `holdHeight` is false once the
   * fuel has run out (glide); x is the 3-DOF state (its mass is read). The true horizontal speed
   * and the estimated flight-path angle are computed here as the flight computes them: passed in
   * as doubles they would be boxed on the heap every step (this call is too long to inline).
   */
  steer(
    holdHeight: boolean,
    est: NavEstimate,
    truth: AirData,
    x: Float64Array,
    lat: LateralCommand,
    cmd: AttitudeCommand,
  ): void {
    const mass_kg = x[S3_MASS];
    const vh0_mps = horizontalSpeed(truth);
    const gamma = Math.atan2(-est.vd_mps, Math.sqrt(est.vn_mps ** 2 + est.ve_mps ** 2));
    const { p, path, lim, airframe } = this;
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
          const q = this.tfQuery;
          q.along_m = lat.along_m;
          q.segment = lat.segment;
          q.clearance_m = agl;
          q.v_mps = vh0_mps;
          q.maxClimb_rad = lim.max_climb_rad;
          q.descent_mps = est.vd_mps;
          q.pullUp_mps2 = 0.7 * (nMax - 1) * G0;
          terrainFollowingCommand(terrain, path, q, p.terrainFollowing, tf);
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
