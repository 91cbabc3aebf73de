/**
 * Initial inertial state from the quantities people specify: geodetic position, Earth-relative
 * velocity (NED or body axes), 3-2-1 Euler angles and body rates. The ECI frame coincides with ECEF
 * at t = 0.
 */

import { mulMat3TA } from "../core/mat3.js";
import { dcmToQuat, eulerToDcm } from "../core/quat.js";
import type { EarthModel } from "../earth/earth-model.js";
import { geodeticToEcef } from "../earth/ellipsoid.js";
import { ecefToNedDcm } from "../earth/frames.js";
import { S3_MASS, S3_RX, S3_VX } from "./point-mass-3dof.js";
import { S6_QW, S6_RX, S6_VX, S6_WX } from "./rigid-body-6dof.js";

/** Earth-relative velocity, either in local NED axes or in body axes (m/s). */
export type InitialVelocity =
  | {
      readonly frame: "ned";
      readonly vn_mps: number;
      readonly ve_mps: number;
      readonly vd_mps: number;
    }
  | {
      readonly frame: "body";
      readonly u_mps: number;
      readonly v_mps: number;
      readonly w_mps: number;
    };

/** Initial conditions of a body. */
export interface InitialConditions {
  readonly lat_rad: number;
  readonly lon_rad: number;
  /** Height above the ellipsoid, m. */
  readonly alt_m: number;
  readonly velocity: InitialVelocity;
  readonly roll_rad: number;
  readonly pitch_rad: number;
  readonly yaw_rad: number;
  /** Body rates p, q, r (rad/s), relative to inertial space or to the Earth. */
  readonly p_radps: number;
  readonly q_radps: number;
  readonly r_radps: number;
  readonly ratesRelativeTo: "inertial" | "earth";
}

/** Write the 13-element 6-DOF state for the initial conditions into x. */
export function initialState6Dof(earth: EarthModel, ic: InitialConditions, x: Float64Array): void {
  geodeticToEcef(earth.ellipsoid, ic.lat_rad, ic.lon_rad, ic.alt_m, x, S6_RX);
  const cNe = ecefToNedDcm(new Float64Array(9), ic.lat_rad, ic.lon_rad);
  const cNb = eulerToDcm(new Float64Array(9), ic.roll_rad, ic.pitch_rad, ic.yaw_rad);
  // C_ib = C_ie·C_en·C_nb with C_ie = I at t = 0.
  const cIb = mulMat3TA(new Float64Array(9), cNe, cNb);
  dcmToQuat(x, S6_QW, cIb);

  const vNed = nedVelocity(ic.velocity, cNb);
  writeInertialVelocity(earth, x, S6_RX, S6_VX, cNe, vNed);

  const om = earth.omega_radps;
  // Earth rate in body axes: C_bi·(0, 0, ω) = ω·(third row of C_ib).
  const add = ic.ratesRelativeTo === "earth" ? om : 0;
  x[S6_WX] = ic.p_radps + add * cIb[6];
  x[S6_WX + 1] = ic.q_radps + add * cIb[7];
  x[S6_WX + 2] = ic.r_radps + add * cIb[8];
}

/** Write the 3-DOF state (position, velocity, mass) for the initial conditions into x. */
export function initialState3Dof(
  earth: EarthModel,
  ic: InitialConditions,
  mass_kg: number,
  x: Float64Array,
): void {
  geodeticToEcef(earth.ellipsoid, ic.lat_rad, ic.lon_rad, ic.alt_m, x, S3_RX);
  const cNe = ecefToNedDcm(new Float64Array(9), ic.lat_rad, ic.lon_rad);
  const cNb = eulerToDcm(new Float64Array(9), ic.roll_rad, ic.pitch_rad, ic.yaw_rad);
  writeInertialVelocity(earth, x, S3_RX, S3_VX, cNe, nedVelocity(ic.velocity, cNb));
  x[S3_MASS] = mass_kg;
}

function nedVelocity(v: InitialVelocity, cNb: Float64Array): Float64Array {
  const out = new Float64Array(3);
  if (v.frame === "ned") {
    out[0] = v.vn_mps;
    out[1] = v.ve_mps;
    out[2] = v.vd_mps;
  } else {
    out[0] = cNb[0] * v.u_mps + cNb[1] * v.v_mps + cNb[2] * v.w_mps;
    out[1] = cNb[3] * v.u_mps + cNb[4] * v.v_mps + cNb[5] * v.w_mps;
    out[2] = cNb[6] * v.u_mps + cNb[7] * v.v_mps + cNb[8] * v.w_mps;
  }
  return out;
}

/** v_i = C_en·v_n + ω × r_i (ECI = ECEF at t = 0). */
function writeInertialVelocity(
  earth: EarthModel,
  x: Float64Array,
  ro: number,
  vo: number,
  cNe: Float64Array,
  vNed: Float64Array,
): void {
  const om = earth.omega_radps;
  x[vo] = cNe[0] * vNed[0] + cNe[3] * vNed[1] + cNe[6] * vNed[2] - om * x[ro + 1];
  x[vo + 1] = cNe[1] * vNed[0] + cNe[4] * vNed[1] + cNe[7] * vNed[2] + om * x[ro];
  x[vo + 2] = cNe[2] * vNed[0] + cNe[5] * vNed[1] + cNe[8] * vNed[2];
}
