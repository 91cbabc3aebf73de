/**
 * A notional F-16-class launch aircraft: the point-mass figures a salvo's aircraft flies with and
 * the launch-region analysis checks against the air defence. Public figures, rounded:
 * - speed and ceiling: USAF fact sheet "F-16 Fighting Falcon" (ceiling above 50,000 ft, top speed
 *   Mach 2 at altitude); strike ingress is flown subsonic, about Mach 0.85 at 25,000 ft;
 * - load factor: 9 g structural limit (same fact sheet's "9-G capable"); a sustained level turn at
 *   4 g is an engineering notion for a laden aircraft at medium altitude, not a published figure;
 * - RCS: about 1.2 m² frontal is the figure open sources (GlobalSecurity and others) repeat for a
 *   clean F-16C [weak]; the beam and rear values are engineering notions, larger as for any
 *   non-stealthy fighter with external stores.
 * Nothing here describes a real aircraft's performance envelope.
 */

import type { RcsTable } from "../threats/rcs.js";

/** Standard gravity used for turn kinematics, m/s². */
const G0_MPS2 = 9.80665;

/** A launch aircraft as a point mass flying at constant speed and height, turning level. */
export interface LaunchAircraftParams {
  /** Preset or scenario label. */
  readonly name: string;
  /** True airspeed on ingress and egress, m/s. */
  readonly speed_mps: number;
  /** Highest altitude it can hold, m above mean sea level. */
  readonly ceiling_m: number;
  /** Load factor of a sustained level turn (egress, route corners), g. */
  readonly turnLoadFactor: number;
  /** Aspect-dependent radar cross-section the air defence sees. */
  readonly rcs: RcsTable;
}

/** Notional F-16-class RCS: ~1.2 m² (0.8 dBsm) frontal, 10 dBsm at the beam, larger from below. */
export const NOTIONAL_FIGHTER_RCS: RcsTable = {
  azimuth_deg: [0, 30, 60, 90, 120, 150, 180],
  elevation_deg: [-60, -20, 0, 20, 60],
  dbsm: [
    [4, 5, 9, 13, 9, 7, 6],
    [2, 3, 7, 11, 7, 5, 4],
    [0.8, 2, 6, 10, 6, 4, 3],
    [0.8, 2, 6, 10, 6, 4, 3],
    [2, 3, 7, 11, 7, 5, 4],
  ],
};

/** Presets of notional launch aircraft, by name. */
export const LAUNCH_AIRCRAFT_PRESETS = {
  "notional-f16-class": {
    name: "notional-f16-class",
    // Mach 0.85 at 25,000 ft (speed of sound 309.96 m/s in the ISA there).
    speed_mps: 263.5,
    ceiling_m: 15_240,
    turnLoadFactor: 4,
    rcs: NOTIONAL_FIGHTER_RCS,
  },
} as const satisfies Record<string, LaunchAircraftParams>;

/** Name of a launch-aircraft preset. */
export type LaunchAircraftPresetName = keyof typeof LAUNCH_AIRCRAFT_PRESETS;

/** Rate of a level turn at speed v (m/s) and load factor n (g), rad/s: g·√(n²−1)/v. */
export function levelTurnRate_rad_s(speed_mps: number, loadFactor: number): number {
  return (G0_MPS2 * Math.sqrt(loadFactor * loadFactor - 1)) / speed_mps;
}

/** Radius of a level turn at speed v (m/s) and load factor n (g), m: v²/(g·√(n²−1)). */
export function levelTurnRadius_m(speed_mps: number, loadFactor: number): number {
  return (speed_mps * speed_mps) / (G0_MPS2 * Math.sqrt(loadFactor * loadFactor - 1));
}
