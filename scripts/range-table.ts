/**
 * The README's range table, measured: each preset released at 25,000 ft and Mach 0.8 (heading
 * north, calm air), on its best-range profile and at low level. `npx tsx scripts/range-table.ts`.
 */

import { makeEarth } from "../src/earth/earth-model.js";
import { bestRangeProfile, PROFILE_MACHS, reachFlight } from "../src/mission/reach.js";
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
const km = (m: number) => (m / 1000).toFixed(0);

console.log(
  "| preset | fuel | profile | range to impact | of which powered | flight time | public figure |",
);
console.log("|---|---|---|---|---|---|---|");
for (const [m, pub] of [
  [AGM158A_CLASS, "> 200 nmi ≈ 370 km"],
  [AGM158B_CLASS, "> 500 nmi ≈ 925 km"],
] as const) {
  const o = { earth, missile: m, release };
  const { best } = bestRangeProfile(o, 0);
  let low = reachFlight(o, { alt_m: 100, mach: PROFILE_MACHS[0] }, 0);
  for (const mach of PROFILE_MACHS) {
    const f = reachFlight(o, { alt_m: 100, mach }, 0);
    if (f.range_m > low.range_m) low = f;
  }
  const fuel = `${m.fuel_kg} kg (${((100 * m.fuel_kg) / m.launch_mass_kg).toFixed(1)} %)`;
  for (const [label, f] of [
    [`best: ${best.profile.alt_m} m, Mach ${best.profile.mach}`, best],
    [`low level: 100 m, Mach ${low.profile.mach}`, low],
  ] as const) {
    console.log(
      `| ${m.name} | ${fuel} | ${label} | ${km(f.range_m)} km | ${km(f.powered_range_m)} km | ${(f.flight_time_s / 60).toFixed(0)} min | ${label.startsWith("best") ? pub : ""} |`,
    );
  }
}
