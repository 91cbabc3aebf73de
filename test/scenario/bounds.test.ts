/**
 * Physical limits of every numeric scenario field (src/scenario/bounds.ts): for each field, a valid
 * example with the field set just inside each limit is accepted, and one set just outside, or to
 * an absurd value (±1e12, 1e-12 where the floor is above zero), is rejected with one line naming
 * the field's path. Plus the cross-field checks the limits bring: wind levels strictly climbing
 * (duplicates named), a true airspeed that is subsonic at its altitude, a power law that stays a
 * wind, heights above ground above it, and a cloud top above its base.
 */

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";
import { M_PER_FT } from "../../src/core/units.js";
import * as B from "../../src/scenario/bounds.js";
import { issuesToProblems, pathToString } from "../../src/scenario/problems.js";
import { scenarioJsonSchema, scenarioSchema } from "../../src/scenario/schema.js";

type Json = Record<string, unknown>;

const read = (rel: string): Json =>
  parse(readFileSync(new URL(`../../${rel}`, import.meta.url), "utf8")) as Json;
const strikeA = read("examples/strike-a-high.yaml");
const strikeLow = read("examples/strike-b-low.yaml");
const jammed = read("examples/strike-b-jammed.yaml");
const seeker = read("examples/strike-b-seeker.yaml");
const layered = read("examples/layered-defence.yaml");
const salvo = read("examples/salvo-tot.yaml");
const store = read("examples/released-store.yaml");

/** The problem lines the schema gives for a document ("path: expected …, got …"), none if valid. */
function problems(doc: unknown): string[] {
  const r = scenarioSchema.safeParse(doc);
  if (r.success) return [];
  return issuesToProblems(r.error.issues, doc, scenarioSchema).map(
    (p) => `${pathToString(p.path)}: expected ${p.expected}, got ${p.got}`,
  );
}

/** Split `a.b[2].c` into keys and indices. */
function keys(path: string): (string | number)[] {
  return path.split(/\.|(?=\[)/).map((k) => (k.startsWith("[") ? Number(k.slice(1, -1)) : k));
}

/** Set a value at a path, creating mappings on the way. */
function setAt(doc: Json, path: string, v: unknown): void {
  const ks = keys(path);
  let node = doc as Record<string | number, unknown>;
  for (const k of ks.slice(0, -1)) {
    if (node[k] === undefined) node[k] = {};
    node = node[k] as Record<string | number, unknown>;
  }
  node[ks[ks.length - 1]] = v;
}

/** Delete the value at a path. */
function deleteAt(doc: Json, path: string): void {
  const ks = keys(path);
  let node = doc as Record<string | number, unknown>;
  for (const k of ks.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  delete node[ks[ks.length - 1]];
}

interface FieldCase {
  /** A valid document to start from. */
  readonly base: Json;
  readonly path: string;
  readonly bounds: B.Bounds;
  /** The floor is exclusive (> min), as for a positive number with no floor of its own. */
  readonly exclusiveMin?: boolean;
  readonly int?: boolean;
  /** Make the rest of the document fit the value about to be set (other forms, cross-checks). */
  readonly prepare?: (doc: Json, v: number) => void;
  /** Values inside the limits to try instead of the limits themselves. */
  readonly inside?: readonly number[];
}

const f = (
  base: Json,
  path: string,
  bounds: B.Bounds,
  more: Omit<FieldCase, "base" | "path" | "bounds"> = {},
): FieldCase => ({ base, path, bounds, ...more });
const gt0 = (max: number): B.Bounds => ({ min: 0, max });
const POSITIVE = { exclusiveMin: true } as const;
const site = "air_defence.sites[0]";
const radar = `${site}.overrides.radar`;
const sam = `${site}.overrides`;
const airframe = "missile.overrides.airframe";
const engine = "missile.overrides.engine";
const limits = "missile.overrides.limits";
const aeroOf = "body.aero";

/**
 * Inertia moments all equal to v (a sphere, so any valid moment keeps the tensor realisable); a v
 * outside the limits is set on the one field only.
 */
const sphereInertia = (doc: Json, v: number) => {
  const { min, max } = B.BODY_INERTIA_KGM2;
  if (v >= min && v <= max) (doc.body as Json).inertia_kgm2 = { Ixx: v, Iyy: v, Izz: v };
};

const cases: FieldCase[] = [
  // Release (mission launch and salvo aircraft share the fields).
  f(strikeA, "launch.alt_ft", B.RELEASE_ALT.ft),
  f(strikeA, "launch.alt_m", B.RELEASE_ALT.m, { prepare: (d) => deleteAt(d, "launch.alt_ft") }),
  f(strikeA, "launch.mach", B.MACH),
  f(strikeA, "launch.speed_kt", B.RELEASE_SPEED_KT, {
    // The slowest speed is Mach 0.3 only in the coldest air, the fastest Mach 0.95 in the warmest.
    prepare: (d, v) => {
      deleteAt(d, "launch.mach");
      setAt(d, "launch.alt_ft", v === B.RELEASE_SPEED_KT.max ? B.RELEASE_ALT.ft.min : 50_000);
    },
  }),
  f(strikeA, "launch.heading_deg", { min: -360, max: 360 }),
  f(strikeA, "launch.lat_deg", { min: -90, max: 90 }),
  f(salvo, "aircraft[0].alt_ft", B.RELEASE_ALT.ft),
  f(salvo, "aircraft[0].mach", B.MACH),
  f(salvo, "aircraft[0].min_interval_s", B.RELEASE_INTERVAL_S),
  // Route and cruise.
  f(strikeA, "route.cruise.alt_ft", B.CRUISE_ALT.ft),
  f(strikeA, "route.cruise.mach", B.MACH),
  f(strikeA, "route.waypoints[0].alt_m", B.CRUISE_ALT.m),
  f(strikeA, "route.waypoints[0].mach", B.MACH),
  f(salvo, "cruise.alt_m", B.CRUISE_ALT.m, { prepare: (d) => setAt(d, "cruise.alt_ref", "msl") }),
  f(salvo, "arrival.window_s", B.ARRIVAL_WINDOW_S, POSITIVE),
  f(salvo, "arrival.time_s", { min: 0, max: B.MAX_FLIGHT_TIME_S }),
  // Target and ground.
  f(strikeA, "target.elevation_m", B.ELEVATION_M),
  f(strikeA, "target.terminal_range_km", B.TERMINAL_RANGE_KM, POSITIVE),
  f(strikeA, "target.impact_angle_deg", { min: 5, max: 90 }),
  f(strikeA, "environment.ground_elevation_m", B.ELEVATION_M),
  // Wind.
  f(strikeA, "environment.wind.levels[1].speed_mps", B.WIND_SPEED_MPS),
  f(strikeA, "environment.wind.levels[0].down_mps", B.VERTICAL_WIND_MPS),
  f(strikeA, "environment.wind.levels[0].alt_m", B.BODY_ALT.m, {
    prepare: (d) => {
      const wind = (d.environment as Json).wind as Json;
      wind.levels = (wind.levels as Json[]).slice(0, 1);
    },
  }),
  f(store, "wind.levels[0].alt_m", B.BODY_ALT.m, {
    prepare: (d) => {
      (d.wind as Json).levels = [{ alt_m: 0, speed_mps: 5, from_deg: 270 }];
    },
  }),
  f(strikeLow, "environment.wind.power_law.ref_alt_m", B.POWER_LAW_REF_ALT_M, POSITIVE),
  f(strikeLow, "environment.wind.power_law.speed_mps", B.WIND_SPEED_MPS, {
    prepare: (d) => setAt(d, "environment.wind.power_law.exponent", 0),
  }),
  f(
    strikeLow,
    "environment.wind.power_law.exponent",
    { min: 0, max: 1 },
    {
      prepare: (d) => setAt(d, "environment.wind.power_law.speed_mps", 0.001),
    },
  ),
  // Jammers.
  f(jammed, "environment.jammers[0].alt_m", B.ANTENNA_ALT_M),
  f(jammed, "environment.jammers[0].eirp_w", B.EIRP_W, POSITIVE),
  f(jammed, "environment.jammers[0].eirp_dbw", B.EIRP_DBW, {
    prepare: (d) => deleteAt(d, "environment.jammers[0].eirp_w"),
  }),
  // Missile.
  f(strikeA, "missile.rcs_m2", B.RCS_M2, POSITIVE),
  f(strikeA, "missile.overrides.launch_mass_kg", B.MISSILE_MASS_KG, POSITIVE),
  f(strikeA, "missile.overrides.fuel_kg", gt0(B.MISSILE_FUEL_MAX_KG), POSITIVE),
  f(strikeA, "missile.overrides.cruise_mach", B.MACH),
  f(strikeA, "missile.overrides.separation_s", B.SEPARATION_S),
  f(strikeA, `${airframe}.S_m2`, B.MISSILE_AREA_M2, POSITIVE),
  f(strikeA, `${airframe}.span_m`, B.MISSILE_SPAN_M, POSITIVE),
  f(strikeA, `${airframe}.oswald_e`, gt0(1), POSITIVE),
  f(strikeA, `${airframe}.cd0`, B.MISSILE_CD0, POSITIVE),
  f(strikeA, `${airframe}.mach_dd`, { min: 0.5, max: 0.99 }),
  f(strikeA, `${airframe}.cl_max`, B.MISSILE_CL_MAX, POSITIVE),
  f(strikeA, `${airframe}.cl_alpha_per_rad`, B.MISSILE_CL_ALPHA_PER_RAD, POSITIVE),
  f(strikeA, `${engine}.static_thrust_n`, B.ENGINE_THRUST_N, POSITIVE),
  f(strikeA, `${engine}.tsfc_static_per_h`, B.ENGINE_TSFC_PER_H, POSITIVE),
  f(strikeA, `${engine}.tsfc_mach_slope_per_h`, B.ENGINE_TSFC_SLOPE_PER_H),
  f(strikeA, `${engine}.throttle_ratio`, { min: 1, max: 1.3 }),
  f(strikeA, `${engine}.idle_fraction`, { min: 0, max: 0.9 }),
  f(strikeA, `${engine}.spool_tau_s`, B.TIME_CONSTANT_S, POSITIVE),
  f(strikeA, `${engine}.start_delay_s`, B.DELAY_S),
  f(strikeA, `${limits}.max_load_g`, B.MAX_LOAD_G, POSITIVE),
  f(strikeA, `${limits}.min_load_g`, B.MIN_LOAD_G),
  f(strikeA, `${limits}.max_bank_deg`, gt0(89), POSITIVE),
  f(strikeA, `${limits}.max_climb_deg`, gt0(60), POSITIVE),
  f(strikeA, `${limits}.max_dive_deg`, gt0(60), POSITIVE),
  f(strikeA, "missile.overrides.autopilot.bank_tau_s", B.TIME_CONSTANT_S, POSITIVE),
  f(strikeA, "missile.overrides.autopilot.load_tau_s", B.TIME_CONSTANT_S, POSITIVE),
  // Navigation.
  f(jammed, "navigation.gnss.rate_hz", B.GNSS_RATE_HZ, POSITIVE),
  f(jammed, "navigation.gnss.reacquire_s", B.DELAY_S),
  f(jammed, "navigation.baro_sigma_m", B.BARO_SIGMA_M),
  f(jammed, "navigation.gnss.antenna.gain_toward_jammer_dbi", { min: -40, max: 10 }),
  // Simulation steps (the terminal step must divide the midcourse one).
  f(strikeA, "simulation.step_s", B.MISSION_STEP_S, {
    ...POSITIVE,
    prepare: (d) => setAt(d, "simulation.terminal_step_s", B.TERMINAL_STEP_S.min),
  }),
  f(strikeA, "simulation.terminal_step_s", B.TERMINAL_STEP_S, {
    ...POSITIVE,
    prepare: (d) => setAt(d, "simulation.step_s", B.MISSION_STEP_S.max),
  }),
  f(strikeA, "simulation.max_time_s", gt0(B.MAX_FLIGHT_TIME_S), POSITIVE),
  // Terminal phase.
  f(seeker, "terminal.weather.visibility_km", B.VISIBILITY_KM, POSITIVE),
  f(seeker, "terminal.weather.rain_mmph", { min: 0, max: 200 }),
  f(seeker, "terminal.weather.cloud_base_m", B.CLOUD_ALT_M),
  f(seeker, "terminal.weather.cloud_top_m", B.CLOUD_ALT_M, {
    prepare: (d) => setAt(d, "terminal.weather.cloud_base_m", B.CLOUD_ALT_M.min),
    inside: [B.CLOUD_ALT_M.min + 1, B.CLOUD_ALT_M.max],
  }),
  f(seeker, "terminal.seeker.overrides.fov_deg", gt0(60), POSITIVE),
  f(seeker, "terminal.seeker.overrides.gimbal_deg", gt0(90), POSITIVE),
  f(seeker, "terminal.seeker.overrides.noise_mrad", B.SEEKER_NOISE_MRAD),
  f(seeker, "terminal.seeker.overrides.lock_loss_per_s", B.LOCK_LOSS_PER_S),
  f(seeker, "terminal.seeker.overrides.acquisition_scale", B.ACQUISITION_SCALE, POSITIVE),
  // Planning.
  f(layered, "planning.cell_km", { min: 0.1, max: 20 }),
  f(layered, "planning.agl_m", gt0(5000), POSITIVE),
  f(layered, "planning.margin_km", gt0(50), POSITIVE),
  f(layered, "planning.reserve_fraction", { min: 0, max: 0.9 }),
  f(layered, "planning.rcs_m2", B.RCS_M2, POSITIVE),
  f(layered, "planning.weights.exposure", gt0(B.COST_WEIGHT_MAX)),
  f(layered, "planning.weights.fuel_per_kg", gt0(B.COST_WEIGHT_MAX)),
  // Terrain.
  f(layered, "environment.terrain.size_deg", { min: 0.01, max: 20 }),
  f(layered, "environment.terrain.cells", { min: 16, max: 4096 }, { int: true }),
  f(layered, "environment.terrain.relief_m", { min: 0, max: B.ELEVATION_M.max }),
  f(layered, "environment.terrain.sea_fraction", { min: 0, max: 1 }),
  // Air defence.
  f(layered, "air_defence.update_s", { min: 0.05, max: 10 }),
  f(layered, `${radar}.peak_power_w`, B.RADAR_PEAK_POWER_W, POSITIVE),
  f(layered, `${radar}.gain_db`, { min: 0, max: 60 }),
  f(layered, `${radar}.freq_hz`, { min: 1e8, max: 1e11 }),
  f(layered, `${radar}.bandwidth_hz`, B.RADAR_BANDWIDTH_HZ, POSITIVE),
  f(layered, `${radar}.noise_figure_db`, B.NOISE_FIGURE_DB),
  f(layered, `${radar}.losses_db`, B.LOSSES_DB),
  f(layered, `${radar}.scan_s`, B.LOOK_INTERVAL_S, POSITIVE),
  f(layered, `${radar}.mast_m`, B.MAST_M),
  f(layered, "air_defence.search_radars[0].overrides.peak_power_w", B.RADAR_PEAK_POWER_W, {
    ...POSITIVE,
  }),
  f(layered, `${sam}.reaction_s`, B.DELAY_S),
  f(layered, `${sam}.interceptor_speed_mps`, B.INTERCEPTOR_SPEED_MPS, POSITIVE),
  f(layered, `${sam}.min_range_km`, B.SAM_RANGE_KM),
  f(layered, `${sam}.max_range_km`, B.SAM_RANGE_KM, POSITIVE),
  f(layered, `${sam}.min_alt_m`, B.SAM_ALT_M),
  f(layered, `${sam}.max_alt_m`, B.SAM_ALT_M, POSITIVE),
  f(layered, `${sam}.pk`, { min: 0, max: 1 }),
  f(layered, `${sam}.magazine`, { min: 0, max: 1000 }, { int: true }),
  f(layered, `${sam}.fire_channels`, { min: 1, max: 16 }, { int: true }),
  f(layered, `${sam}.salvo`, { min: 1, max: 16 }, { int: true }),
  f(layered, `${sam}.look_s`, B.DELAY_S),
  f(layered, `${sam}.cued_look_s`, B.LOOK_INTERVAL_S, POSITIVE),
  f(layered, `${site}.gnss_jammer.eirp_w`, B.EIRP_W, POSITIVE),
  f(layered, `${site}.gnss_jammer.mast_m`, B.MAST_M),
  // The generic body.
  f(store, "body.mass_kg", B.BODY_MASS_KG, POSITIVE),
  f(store, "body.inertia_kgm2.Ixx", B.BODY_INERTIA_KGM2, { ...POSITIVE, prepare: sphereInertia }),
  f(store, "body.inertia_kgm2.Izz", B.BODY_INERTIA_KGM2, { ...POSITIVE, prepare: sphereInertia }),
  f(
    store,
    "body.inertia_kgm2.Ixy",
    { min: -1e9, max: 1e9 },
    {
      prepare: (d) => sphereInertia(d, 1e9),
      inside: [-0.5e9, 0.5e9],
    },
  ),
  f(store, `${aeroOf}.S_m2`, B.BODY_AREA_M2),
  f(store, `${aeroOf}.b_m`, B.BODY_LENGTH_M),
  f(store, `${aeroOf}.cbar_m`, B.BODY_LENGTH_M),
  f(store, `${aeroOf}.CD`, B.AERO_COEFFICIENT),
  f(store, `${aeroOf}.Cm`, B.AERO_COEFFICIENT),
  f(store, `${aeroOf}.CL_alpha`, B.AERO_DERIVATIVE),
  f(store, `${aeroOf}.Cmq`, B.AERO_DERIVATIVE),
  f(store, "initial.alt_ft", B.BODY_ALT.ft, {
    // Beyond the atmosphere model's 86 km only in vacuum; the floor must not be below the stop.
    prepare: (d) => {
      setAt(d, "earth.atmosphere", false);
      setAt(d, "simulation.stop_below_alt_m", null);
    },
  }),
  f(store, "initial.alt_m", B.BODY_ALT.m, {
    prepare: (d) => {
      deleteAt(d, "initial.alt_ft");
      setAt(d, "earth.atmosphere", false);
      setAt(d, "simulation.stop_below_alt_m", null);
    },
  }),
  f(store, "initial.velocity_body_mps.u", B.BODY_VELOCITY_MPS),
  f(store, "initial.rates_dps.q", B.BODY_RATE_DPS),
  f(store, "initial.euler_deg.pitch", { min: -90, max: 90 }),
  f(store, "simulation.duration_s", gt0(B.MAX_FLIGHT_TIME_S), {
    ...POSITIVE,
    // The step must fit in the duration.
    prepare: (d, v) => {
      if (v > 0) setAt(d, "simulation.step_s", Math.min(v, 0.005));
    },
  }),
  f(store, "simulation.step_s", gt0(B.BODY_STEP_MAX_S), {
    ...POSITIVE,
    // A tiny step is caught by the cap of 1e9 steps per run, not by a floor.
    prepare: (d) => setAt(d, "simulation.duration_s", 1),
    inside: [1e-6, B.BODY_STEP_MAX_S],
  }),
  f(store, "simulation.stop_below_alt_m", B.BODY_ALT.m, {
    prepare: (d) => {
      deleteAt(d, "initial.alt_ft");
      setAt(d, "initial.alt_m", B.BODY_ALT.m.max);
      setAt(d, "earth.atmosphere", false);
    },
  }),
  f(store, "earth.radius_m", B.SPHERE_RADIUS_M, {
    ...POSITIVE,
    prepare: (d) => setAt(d, "earth.shape", "sphere"),
  }),
];

/** Just outside a limit: a relative nudge, at least 1e-9 absolute. */
const nudge = (b: number) => Math.max(Math.abs(b) * 1e-9, 1e-9);

function variant(c: FieldCase, v: number): Json {
  const doc = structuredClone(c.base);
  c.prepare?.(doc, v);
  setAt(doc, c.path, v);
  return doc;
}

describe("every bounded numeric field", () => {
  it("starts from valid examples", () => {
    for (const base of [strikeA, strikeLow, jammed, seeker, layered, salvo, store]) {
      expect(problems(base)).toEqual([]);
    }
  });

  for (const c of cases) {
    const { min, max } = c.bounds;
    // Only a zero floor is exclusive: a positive floor (1e-5 m² of RCS) is a minimum.
    const exclusive = c.exclusiveMin === true && min === 0;
    const inside = c.inside ?? [exclusive ? Math.min(min + nudge(min), max) : min, max];
    const outside = [
      ...(exclusive ? [min] : [min - nudge(min)]),
      max + nudge(max),
      1e12,
      -1e12,
      ...(min > 1e-12 ? [1e-12] : []),
      ...(c.int ? [Math.floor((min + max) / 2) + 0.5] : []),
    ];
    it(`${c.path}: accepts ${inside.join(" and ")}, rejects ${outside.join(", ")}`, () => {
      for (const v of inside) {
        expect(problems(variant(c, v)), `${c.path} = ${v}`).toEqual([]);
      }
      for (const v of outside) {
        const lines = problems(variant(c, v));
        // One mistake, one line, naming the field.
        expect(lines, `${c.path} = ${v}`).toHaveLength(1);
        expect(lines[0]).toContain(`${c.path}: expected `);
        if (Number.isInteger(v) || !c.int) {
          // A positive field reports ≤ 0 as "> 0" alone, and a value under its floor against it.
          const limit = v > max ? `≤ ${max}` : c.exclusiveMin && v <= 0 ? "> 0" : `≥ ${min}`;
          expect(lines[0]).toContain(limit);
        }
      }
    });
  }
});

describe("the limits themselves", () => {
  it("rest on the cited figures, and feet twins are their metre limits converted", () => {
    expect(B.RELEASE_ALT.ft.max).toBe(50_000); // F-16 service ceiling (USAF fact sheet)
    expect(B.ELEVATION_M).toEqual({ min: -500, max: 9000 }); // Dead Sea shore, Everest
    expect(B.WIND_SPEED_MPS.max).toBe(150);
    expect(B.MACH).toEqual({ min: 0.3, max: 0.95 });
    for (const h of [B.RELEASE_ALT, B.CRUISE_ALT, B.BODY_ALT]) {
      expect(h.ft.min * M_PER_FT).toBeCloseTo(h.m.min, 6);
      expect(h.ft.max * M_PER_FT).toBeCloseTo(h.m.max, 6);
    }
    expect(B.EIRP_W.min).toBeCloseTo(10 ** (B.EIRP_DBW.min / 10), 12);
    expect(B.EIRP_W.max).toBeCloseTo(10 ** (B.EIRP_DBW.max / 10), 3);
  });

  it("appear in the exported JSON Schema as minimum and maximum", () => {
    const text = JSON.stringify(scenarioJsonSchema());
    const field = (name: string, unit: string) =>
      new RegExp(`"${name}":\\{[^{}]*"minimum":(-?[\\d.e+]+),"maximum":(-?[\\d.e+]+)[^{}]*${unit}`);
    expect(text).toMatch(field("alt_ft", "release altitude above the ellipsoid, ft"));
    const m = text.match(field("alt_ft", "release altitude above the ellipsoid, ft"));
    expect([Number(m?.[1]), Number(m?.[2])]).toEqual([-1650, 50_000]);
    expect(text).toMatch(/"speed_mps":\{[^{}]*"maximum":150/);
    expect(text).toMatch(/"elevation_m":\{[^{}]*"minimum":-500,"maximum":9000/);
  });
});

describe("cross-field checks", () => {
  const windLevels = (doc: Json, levels: Json[]) => {
    ((doc.environment as Json).wind as Json).levels = levels;
  };
  const level = (alt_m: number) => ({ alt_m, speed_mps: 10, from_deg: 270 });

  it("rejects duplicate wind-level altitudes in a mission, naming the duplicate level", () => {
    const doc = structuredClone(strikeA);
    windLevels(doc, [level(0), level(3000), level(3000)]);
    expect(problems(doc)).toEqual([
      "environment.wind.levels[2].alt_m: expected levels in strictly increasing altitude (a level above 3000 m: levels[1] is already at 3000 m), got 3000, a duplicate of levels[1]",
    ]);
  });

  it("rejects wind levels out of order in a mission and in a salvo, as in a body", () => {
    const doc = structuredClone(strikeA);
    windLevels(doc, [level(8000), level(0)]);
    expect(problems(doc)).toEqual([
      "environment.wind.levels[1].alt_m: expected levels in strictly increasing altitude (above 8000 m), got 0",
    ]);
    const s = structuredClone(salvo);
    (s.environment as Json).wind = { levels: [level(100), level(100)] };
    expect(problems(s)[0]).toContain("environment.wind.levels[1].alt_m");
    const b = structuredClone(store);
    (b.wind as Json).levels = [level(0), level(0)];
    expect(problems(b)).toEqual([
      "wind.levels[1].alt_m: expected levels in strictly increasing altitude (a level above 0 m: levels[0] is already at 0 m), got 0, a duplicate of levels[0]",
    ]);
  });

  it("rejects a power law whose extrapolated wind at the highest cruise is not a wind", () => {
    const doc = structuredClone(strikeLow);
    setAt(doc, "environment.wind.power_law", {
      ref_alt_m: 1,
      speed_mps: 150,
      from_deg: 0,
      exponent: 1,
    });
    const lines = problems(doc);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      "environment.wind.power_law.speed_mps: expected a shear giving at most 150 m/s at 15240 m",
    );
    expect(lines[0]).toContain("2.29e+6 m/s");
  });

  it("holds a release true airspeed to the Mach limits at the release altitude", () => {
    const at = (alt_ft: number, speed_kt: number) => {
      const doc = structuredClone(strikeA);
      deleteAt(doc, "launch.mach");
      setAt(doc, "launch.alt_ft", alt_ft);
      setAt(doc, "launch.speed_kt", speed_kt);
      return problems(doc);
    };
    expect(at(25_000, 480)).toEqual([]); // Mach 0.80
    expect(at(25_000, 600)).toEqual([
      "launch.speed_kt: expected a release speed of Mach 0.3 to 0.95: 181 to 571 kt at 7620 m, got 600 (Mach 0.997)",
    ]);
    expect(at(0, 190)[0]).toContain("launch.speed_kt: expected a release speed of Mach 0.3");
  });

  it("rejects a release at Mach 0.01 and the other absurdities of issue 15", () => {
    const one = (path: string, v: number) => {
      const doc = structuredClone(strikeA);
      setAt(doc, path, v);
      return problems(doc);
    };
    expect(one("launch.mach", 0.01)).toEqual(["launch.mach: expected a number ≥ 0.3, got 0.01"]);
    expect(one("launch.alt_ft", 1e12)).toEqual([
      "launch.alt_ft: expected a number ≤ 50000, got 1000000000000",
    ]);
    expect(one("launch.alt_ft", -5e6)).toEqual([
      "launch.alt_ft: expected a number ≥ -1650, got -5000000",
    ]);
    expect(one("environment.wind.levels[0].speed_mps", 1e6)).toEqual([
      "environment.wind.levels[0].speed_mps: expected a number ≤ 150, got 1000000",
    ]);
    expect(one("target.elevation_m", 1e9)).toEqual([
      "target.elevation_m: expected a number ≤ 9000, got 1000000000",
    ]);
  });

  it("rejects a height above the ground at or below it", () => {
    const doc = structuredClone(strikeLow);
    setAt(doc, "route.cruise.alt_m", -50);
    expect(problems(doc)).toEqual([
      "route.cruise.alt_m: expected a height above the ground > 0 (alt_ref: agl), got -50",
    ]);
    const wp = structuredClone(strikeLow);
    setAt(wp, "route.waypoints[1].alt_m", 0); // inherits agl from the cruise
    expect(problems(wp)).toEqual([
      "route.waypoints[1].alt_m: expected a height above the ground > 0 (alt_ref: agl), got 0",
    ]);
    const s = structuredClone(salvo);
    setAt(s, "cruise.alt_m", -10);
    expect(problems(s)[0]).toContain("cruise.alt_m: expected a height above the ground > 0");
  });

  it("rejects a SAM altitude band upside down, a cloud top below its base and a map past the pole", () => {
    const doc = structuredClone(layered);
    setAt(doc, `${sam}.min_alt_m`, 20_000);
    setAt(doc, `${sam}.max_alt_m`, 10_000);
    expect(problems(doc)).toEqual([
      `${sam}.min_alt_m: expected less than max_alt_m (10000), got 20000`,
    ]);
    const w = structuredClone(seeker);
    setAt(w, "terminal.weather.cloud_base_m", 2000);
    setAt(w, "terminal.weather.cloud_top_m", 1000);
    expect(problems(w)).toEqual([
      "terminal.weather.cloud_top_m: expected a cloud top above its base (2000 m), got 1000",
    ]);
    deleteAt(w, "terminal.weather.cloud_base_m");
    expect(problems(w)).toEqual([
      "terminal.weather.cloud_top_m: expected no cloud_top_m without a cloud_base_m, got 1000",
    ]);
    const t = structuredClone(layered);
    setAt(t, "environment.terrain.south_deg", 88);
    expect(problems(t)).toEqual([
      "environment.terrain.south_deg: expected a map that ends at or below the North Pole (south_deg ≤ 86 for size_deg 4), got 88",
    ]);
  });

  it("rejects a terrain of a billion cells before anything is allocated", () => {
    const doc = structuredClone(layered);
    setAt(doc, "environment.terrain.cells", 31_623); // 31,623² ≈ 1e9 samples
    expect(problems(doc)).toEqual([
      "environment.terrain.cells: expected a number ≤ 4096, got 31623",
    ]);
  });
});

describe("the bundled scenarios", () => {
  const dirs = ["examples", "verification/nasa", "test/fixtures", "test/montecarlo/fixtures"];
  const files = dirs.flatMap((d) =>
    readdirSync(new URL(`../../${d}`, import.meta.url))
      .filter((n) => n.endsWith(".yaml"))
      .map((n) => `${d}/${n}`),
  );

  it("all validate against the bounded schema", () => {
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) expect(problems(read(file)), file).toEqual([]);
  });

  it("standoff validate rejects absurd values with the field's path", async () => {
    const dir = mkdtempSync(join(tmpdir(), "standoff-bounds-"));
    const doc = structuredClone(strikeA);
    setAt(doc, "launch.alt_ft", 1e12);
    setAt(doc, "environment.wind.levels[1].speed_mps", 1e6);
    const file = join(dir, "absurd.yaml");
    writeFileSync(file, stringify(doc));
    const io = captureOutput();
    expect(await main(["validate", file], io)).toBe(1);
    expect(io.stderr).toHaveLength(2);
    expect(io.stderr[0]).toMatch(/absurd\.yaml:\d+:\d+: launch\.alt_ft: expected a number ≤ 50000/);
    expect(io.stderr[1]).toMatch(
      /absurd\.yaml:\d+:\d+: environment\.wind\.levels\[1\]\.speed_mps: expected a number ≤ 150/,
    );
  });
});
