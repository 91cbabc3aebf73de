/** Shared test fixture: what a perfect IMU reads on a body at rest on the Earth, aligned with NED. */

import type { EarthModel } from "../../src/earth/earth-model.js";
import { StrapdownIns } from "../../src/navigation/ins.js";

/** The identity attitude (body axes along north, east, down). */
export const IDENTITY = Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1);

/** True specific force (−plumb-bob gravity, m/s²) and inertial rate (Earth rate, rad/s) at rest. */
export function restTruth(earth: EarthModel, lat: number, lon: number, alt: number) {
  const probe = new StrapdownIns(earth);
  probe.reset(lat, lon, alt, [0, 0, 0], IDENTITY);
  probe.update(new Float64Array(3), new Float64Array(3), 0);
  return {
    fTrue: Float64Array.of(-probe.gNed[0], -probe.gNed[1], -probe.gNed[2]),
    wTrue: Float64Array.of(
      earth.omega_radps * Math.cos(lat),
      0,
      -earth.omega_radps * Math.sin(lat),
    ),
  };
}
