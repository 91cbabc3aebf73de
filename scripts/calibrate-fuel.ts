/**
 * Fuel calibration for the notional presets: find the fuel mass at which the best-range profile,
 * released at 25,000 ft and Mach 0.8, reaches the public range figure. Prints the search so the
 * calibration can be reproduced: `npx tsx scripts/calibrate-fuel.ts`.
 */

import { makeEarth } from "../src/earth/earth-model.js";
import { bestRangeProfile } from "../src/mission/reach.js";
import type { MissileParams } from "../src/vehicle/missile-params.js";
import { AGM158A_CLASS, AGM158B_CLASS } from "../src/vehicle/presets.js";

const earth = makeEarth();
const release = {
  lat_deg: 30,
  lon_deg: 20,
  alt_m: 7620,
  tas_mps: 0.8 * 309.6,
  heading_rad: 0,
  platform: "F-16-class",
};

function rangeWith(m: MissileParams, fuel_kg: number): number {
  const missile = { ...m, fuel_kg };
  const { best } = bestRangeProfile({ earth, missile, release });
  console.log(
    `  fuel ${fuel_kg.toFixed(1)} kg → ${(best.range_m / 1000).toFixed(1)} km (${best.profile.alt_m} m, Mach ${best.profile.mach})`,
  );
  return best.range_m;
}

for (const [m, target_km] of [
  [AGM158A_CLASS, 370],
  [AGM158B_CLASS, 925],
] as const) {
  console.log(`${m.name}: target ${target_km} km`);
  let lo = 10;
  let hi = 600;
  for (let i = 0; i < 14; i++) {
    const mid = 0.5 * (lo + hi);
    if (rangeWith(m, mid) < target_km * 1000) lo = mid;
    else hi = mid;
    if (hi - lo < 0.5) break;
  }
  console.log(`  calibrated fuel ≈ ${(0.5 * (lo + hi)).toFixed(1)} kg`);
}
