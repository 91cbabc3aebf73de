/**
 * What a report says the model leaves out, written from what the run actually modelled: a run in
 * fog must not read "no weather", a run against an air defence must not read "no air defence",
 * and a run without jammers need not explain jamming. `modelledRunOf` reads the scenario's
 * blocks (plain data, types only from scenario/); the mission, salvo and study reports all use
 * these sentences, so they never disagree.
 */

import type { MissionScenario } from "../scenario/mission-schema.js";

/** The weather the scenario gives along the seeker's line of sight. */
export interface WeatherNote {
  readonly visibility_km: number;
  readonly rain_mmph: number;
  /** Overcast base above the ellipsoid, m; null: no cloud. */
  readonly cloudBase_m: number | null;
  readonly fogType: "radiation" | "advection";
}

/** What one flight modelled, as plain data for the report's limitations. */
export interface ModelledRun {
  /** An elevation grid (synthetic or GeoTIFF); false: flat ground. */
  readonly terrain: boolean;
  /** A wind profile or power law; false: still air. */
  readonly wind: boolean;
  readonly navigation: "perfect" | "gnss_ins";
  /** GNSS jammers in the environment or carried by air-defence sites; undefined: not known here. */
  readonly jammers?: number;
  readonly searchRadars: number;
  readonly samSites: number;
  readonly seeker: boolean;
  /** The scenario's weather; null: none given (clear air, 23 km); undefined: not known here. */
  readonly weather?: WeatherNote | null;
  /** Target class of the damage function; null: P(damage) not scored; undefined: not known here. */
  readonly targetClass?: string | null;
}

/** The scenario blocks the limitations depend on (a mission and a salvo both have them). */
export type ModelledScenario = Pick<
  MissionScenario,
  "navigation" | "environment" | "air_defence" | "terminal"
>;

/** What a mission or salvo scenario models, read from its blocks. */
export function modelledRunOf(s: ModelledScenario): ModelledRun {
  const sites = s.air_defence?.sites ?? [];
  const w = s.terminal?.weather;
  return {
    terrain: s.environment.terrain !== undefined,
    wind: s.environment.wind !== undefined,
    navigation: s.navigation.mode,
    jammers: s.environment.jammers.length + sites.filter((x) => x.gnss_jammer).length,
    searchRadars: s.air_defence?.search_radars.length ?? 0,
    samSites: sites.length,
    seeker: s.terminal?.seeker !== undefined,
    weather: w
      ? {
          visibility_km: w.visibility_km,
          rain_mmph: w.rain_mmph,
          cloudBase_m: w.cloud_base_m ?? null,
          fogType: w.fog_type,
        }
      : null,
    targetClass: s.terminal?.target_class ?? null,
  };
}

/** The weather in words, e.g. "0.5 km visibility in radiation fog, rain 4 mm/h, overcast from 1,200 m". */
export function weatherWords(w: WeatherNote): string {
  // 5 km is where the extinction model switches from haze to fog (atmospheric-extinction.ts).
  const fog = w.visibility_km < 5 ? ` in ${w.fogType} fog` : "";
  const parts = [`${w.visibility_km} km visibility${fog}`];
  if (w.rain_mmph > 0) parts.push(`rain ${w.rain_mmph} mm/h`);
  if (w.cloudBase_m !== null)
    parts.push(`overcast from ${Math.round(w.cloudBase_m).toLocaleString("en-US")} m`);
  return parts.join(", ");
}

/** The limitations of one mission flight, one sentence per model part, from what it modelled. */
export function missionLimitations(m: ModelledRun): string[] {
  const out = [
    "The missile is a notional point mass with first-order autopilot lags, built from public figures; wing area, drag, fuel and limits are engineering estimates.",
  ];
  const jammers = m.jammers;
  if (m.navigation === "perfect") {
    out.push(
      jammers !== undefined && jammers > 0
        ? `Navigation is perfect (the missile knows its true position and velocity), so the scenario's ${plural(jammers, "GNSS jammer")} ${jammers === 1 ? "has" : "have"} no effect; GPS/INS navigation would fly against ${jammers === 1 ? "it" : "them"}.`
        : "Navigation is perfect: the missile knows its true position and velocity; no IMU, GNSS or jamming is modelled.",
    );
  } else {
    out.push(
      "GPS/INS navigation is a loosely coupled 15-state filter over a strapdown INS with a graded IMU; no satellite geometry, multipath or tightly coupled tracking.",
      jammers === 0
        ? "The scenario has no GNSS jammer, so GNSS fixes are available for the whole flight."
        : `GNSS jamming${jammers === undefined ? "" : ` (${plural(jammers, "jammer")})`} is link-budget level: EIRP, free-space loss, antenna gain and J/S thresholds, masked by the terrain or the horizon; no signal processing.`,
    );
  }
  out.push(
    m.terrain
      ? "Terrain is a synthetic or GeoTIFF elevation grid sampled bilinearly; line of sight uses the 4/3-Earth refraction model over per-site viewsheds; terrain following uses the on-board map at the estimated position, with no radar altimeter."
      : "The ground is flat at the scenario's ground elevation: no terrain masks a radar or shapes the route; line of sight is limited only by the 4/3-Earth horizon.",
  );
  const sites = m.searchRadars + m.samSites;
  out.push(
    sites > 0
      ? `The air defence (${defenceWords(m)}) is notional: radar-equation detection of a Swerling-1 target with an aspect-dependent notional RCS, no clutter, multipath or electronic protection; SAM engagements use an average interceptor speed, a fixed envelope and a Pk per shot, not an interceptor flight model.`
      : "The scenario has no air defence: nothing detects or engages the missile.",
  );
  out.push(
    m.seeker
      ? "The seeker is a statistical imaging-IR sensor model (field of view, gimbal, acquisition probability from range and LWIR extinction, angle noise, loss of lock); no image processing or target recognition."
      : "The missile has no seeker: terminal guidance flies on the navigation estimate, so the miss includes the navigation error at impact.",
  );
  const target = m.targetClass;
  out.push(
    target === undefined
      ? "Damage, where scored, is a notional Carleton function per target class, not weaponeering data."
      : target === null
        ? "The scenario gives no target class, so P(damage) is not scored."
        : `Damage is a notional Carleton function for a ${target.replace(/-/g, " ")} target, not weaponeering data.`,
  );
  const air = `Standard atmosphere (U.S. 1976) ${m.wind ? "with the scenario's wind" : "in still air"}; no turbulence.`;
  out.push(`${air} ${weatherSentence(m)}`);
  return out;
}

/** The limitations a salvo adds to each missile's (salvo.json), from what it modelled. */
export function salvoLimitations(m: ModelledRun): string[] {
  const defended = m.searchRadars + m.samSites > 0;
  const gnssIns = m.navigation === "gnss_ins";
  // What the simulated arrival times add to the planned ones, given what the flights model.
  const adds = [
    ...(gnssIns ? ["navigation errors"] : []),
    ...(defended ? ["the air defence"] : []),
    "a stretch's dog-leg",
  ];
  return [
    defended
      ? "Every member of the salvo flies in one world against one air defence: its sites share their tracks, fire channels and magazines among all of them, so the defence can be saturated; each member keeps its own navigation and seeker streams."
      : "Each missile flies with its own random streams; the scenario has no air defence, so nothing engages the salvo.",
    "The launch aircraft are not flown: each releases all its missiles from its given point and heading, at least its minimum release interval apart.",
    `Planned times of flight come from a fly-out of each planned route with perfect navigation${defended ? " and no air defence" : ""} (a stretch adds its length at the cruise speed); ${listWords(adds)} are what the simulated times of arrival add.`,
  ];
}

/** What a route plan was made against: the air defence, the terrain and the no-fly areas. */
export interface PlannedAgainst {
  readonly defence: boolean;
  readonly terrain: boolean;
  readonly noFlyAreas: number;
}

/** What a plan's figures mean and leave out (plan.html), from what the plan was made against. */
export function planNotes(m: PlannedAgainst): string[] {
  const ground = m.terrain
    ? "the terrain (viewshed masking, 4/3-Earth horizon)"
    : "flat ground (4/3-Earth horizon)";
  return [
    m.defence
      ? `Exposure is ∫λ dt along the route: the summed per-look Swerling-1 detection rate of every radar that sees a missile at the planning height above ${ground}, with the planning RCS; P(undetected) = exp(−exposure) assumes independent looks. It is a planning figure, not the simulated outcome: standoff run flies the route against the air defence.`
      : "The scenario has no air defence, so the exposure of every route is zero and P(undetected) is 1.",
    m.defence
      ? "The planner minimises exposure weighted by site (SAM radars three times inside their engagement envelope) plus a fuel term; the table shows the unweighted exposure."
      : `With no exposure to avoid, the planner minimises fuel: the shortest route${m.noFlyAreas > 0 ? " clear of the no-fly areas" : ""}.`,
    `Fuel and time are steady level cruise at the planning altitude and speed in still air, from the vehicle model; the descent from release, ${m.terrain ? "terrain following " : ""}and the terminal dive are not in them, and the reserve is kept for them.`,
    ...(m.noFlyAreas > 0
      ? [
          "No-fly areas are kept clear by the margin on a planning grid; the flown track follows fly-by arcs and the path follower's small cross-track error.",
        ]
      : []),
  ];
}

/** "a, b and c". */
function listWords(items: readonly string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** Where the weather acts, or that it does not. */
function weatherSentence(m: ModelledRun): string {
  const w = m.weather;
  const flight = "it does not change the flight (no icing, precipitation drag or gusts)";
  if (!m.seeker) {
    return w
      ? `The scenario's weather (${weatherWords(w)}) acts only on a seeker's line of sight, and this missile has none: it has no effect on this run.`
      : "No weather is modelled: weather acts only on a seeker's line of sight, and this missile has none.";
  }
  if (w === undefined)
    return `The scenario's weather acts on the seeker's infrared line of sight only (extinction, cloud blocking); ${flight}.`;
  return w
    ? `Weather (${weatherWords(w)}) acts on the seeker's infrared line of sight only (Beer–Lambert extinction, cloud blocking); ${flight}.`
    : `Clear air (23 km visibility) along the seeker's line of sight; ${flight}.`;
}

function defenceWords(m: ModelledRun): string {
  const parts: string[] = [];
  if (m.searchRadars > 0) parts.push(plural(m.searchRadars, "search radar"));
  if (m.samSites > 0) parts.push(plural(m.samSites, "SAM site"));
  return parts.join(", ");
}

/** "one jammer", "3 jammers": small counts in words, as in prose. */
function plural(n: number, word: string): string {
  const small = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
  return `${small[n] ?? n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}
