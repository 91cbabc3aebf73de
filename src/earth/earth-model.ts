/**
 * The Earth as the equations of motion see it: shape, rotation, gravitation, atmosphere and wind,
 * gathered in one plain parameter object.
 */

import {
  type Ellipsoid,
  MEAN_EARTH_RADIUS_M,
  sphere,
  WGS84,
  WGS84_A_M,
  WGS84_GM_M3PS2,
  WGS84_J2,
  WGS84_OMEGA_RADPS,
} from "./ellipsoid.js";
import type { GravityModel, GravityParams } from "./gravity.js";
import { CALM, type WindModel } from "./wind.js";

/** Everything about the Earth that the dynamics need. */
export interface EarthModel {
  readonly ellipsoid: Ellipsoid;
  /** Rotation rate about the z axis, rad/s (0 for a non-rotating Earth). */
  readonly omega_radps: number;
  readonly gravity: GravityParams;
  /** false: vacuum (no aerodynamic forces, zero density). */
  readonly atmosphere: boolean;
  readonly wind: WindModel;
}

/** Options for building an Earth model. */
export interface EarthOptions {
  readonly shape?: "wgs84" | "sphere";
  /** Sphere radius, m (shape "sphere" only). */
  readonly radius_m?: number;
  readonly rotation?: boolean;
  readonly gravity?: GravityModel;
  readonly atmosphere?: boolean;
  readonly wind?: WindModel;
}

/** Build an Earth model; defaults are a rotating WGS-84 Earth with J2 gravity, atmosphere, calm air. */
export function makeEarth(opts: EarthOptions = {}): EarthModel {
  const shape = opts.shape ?? "wgs84";
  const ellipsoid = shape === "wgs84" ? WGS84 : sphere(opts.radius_m ?? MEAN_EARTH_RADIUS_M);
  return {
    ellipsoid,
    omega_radps: (opts.rotation ?? true) ? WGS84_OMEGA_RADPS : 0,
    gravity: {
      model: opts.gravity ?? "j2",
      gm_m3ps2: WGS84_GM_M3PS2,
      // J2 is referred to the equatorial radius; a spherical Earth uses its own radius.
      radius_m: shape === "wgs84" ? WGS84_A_M : ellipsoid.a_m,
      j2: WGS84_J2,
    },
    atmosphere: opts.atmosphere ?? true,
    wind: opts.wind ?? CALM,
  };
}
