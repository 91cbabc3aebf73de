import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";
import { RAD_PER_DEG } from "../../src/core/units.js";
import { geodesicDirect } from "../../src/earth/geodesic.js";
import { minEngagementDistance_m, reachBound } from "../../src/engine/feasibility.js";
import { missionFromScenario } from "../../src/engine/mission-params.js";
import { reachFlight } from "../../src/mission/reach.js";
import { simulateMission } from "../../src/mission/simulate.js";
import { parseScenarioText } from "../../src/scenario/load.js";
import { MISSILE_PRESETS } from "../../src/vehicle/presets.js";

/**
 * Impossible missions are bad input, found by `validate` exactly as by `run`: a target beyond the
 * missile's reach (an upper bound from the vehicle model) or inside its minimum engagement
 * distance. Until these checks, a target 3,600 km away or at the release point flew and reported a
 * "ground impact" hundreds of km from the aimpoint with exit 0.
 */

const tmp = mkdtempSync(join(tmpdir(), "standoff-feasible-"));
const base = parse(readFileSync("examples/strike-a-high.yaml", "utf8")) as Record<string, never>;

type Doc = Record<string, Record<string, unknown>>;

function scenarioWith(name: string, edit: (d: Doc) => void, from: unknown = base): string {
  const doc = structuredClone(from) as Doc;
  edit(doc);
  const file = join(tmp, `${name}.yaml`);
  writeFileSync(file, stringify(doc));
  return file;
}

/** Both commands on one file: exit codes, stderr, and whether run wrote anything. */
async function validateAndRun(file: string) {
  const v = captureOutput();
  const vCode = await main(["validate", file], v);
  const r = captureOutput();
  const out = join(tmp, `out-${Math.random().toString(36).slice(2)}`);
  const rCode = await main(["run", file, "--out", out], r);
  return {
    vCode,
    rCode,
    vErr: v.stderr.join("\n"),
    rErr: r.stderr.join("\n"),
    wrote: existsSync(join(out, "summary.json")),
  };
}

describe("reach bound", () => {
  it("is above what the simulation flies at the best profile, and not vacuous (≤ 1.3×)", () => {
    // README: 371 km (A-class) and 927 km (B-class) released at 25,000 ft, Mach 0.8, flown at the
    // best profile until the fuel runs out, then gliding; here the same flights, measured now.
    for (const [name, profile] of [
      ["agm158a-class", { alt_m: 7620, mach: 0.8 }],
      ["agm158b-class", { alt_m: 9000, mach: 0.8 }],
    ] as const) {
      const missile = MISSILE_PRESETS[name];
      const doc = structuredClone(base) as Doc;
      doc.missile = { preset: name };
      const params = missionFromScenario(
        parseScenarioText(stringify(doc), "x.yaml") as never,
        "x",
        0.05,
      );
      const flown = reachFlight(
        { earth: params.earth, missile, release: params.release, ground_m: 0 },
        profile,
        30,
      ).range_m;
      const bound = reachBound(missile, params.release.alt_m, profile.alt_m, 0).total_m;
      expect(bound).toBeGreaterThan(flown);
      expect(bound).toBeLessThan(1.3 * flown);
    }
  }, 60_000);

  it("grows by the strongest wind times the endurance", () => {
    const m = MISSILE_PRESETS["agm158a-class"];
    const calm = reachBound(m, 7620, 7620, 0);
    const windy = reachBound(m, 7620, 7620, 30);
    expect(windy.total_m - calm.total_m).toBeCloseTo(windy.wind_m, 6);
    expect(windy.wind_m).toBeGreaterThan(0);
  });
});

describe("impossible missions are rejected by validate and by run alike", () => {
  it("a target thousands of km beyond reach names the reach and the distance", async () => {
    const file = scenarioWith("far", (d) => {
      d.target.lat_deg = 10;
      d.target.lon_deg = -100;
    });
    const r = await validateAndRun(file);
    expect([r.vCode, r.rCode]).toEqual([1, 1]);
    expect(r.wrote).toBe(false);
    for (const err of [r.vErr, r.rErr]) {
      expect(err).toMatch(/target: expected a target within the .* reach: at most 4\d\d km/);
      expect(err).toMatch(/got 3,9\d\d km from the release point through 2 waypoints/);
      expect(err).not.toMatch(/cell_km|at .*\.js:\d+/);
    }
    expect(r.vErr).toBe(r.rErr);
  });

  it("a target at the pole is out of reach too", async () => {
    const file = scenarioWith("pole", (d) => {
      d.target.lat_deg = 90;
    });
    const r = await validateAndRun(file);
    expect([r.vCode, r.rCode]).toEqual([1, 1]);
    expect(r.rErr).toMatch(/reach/);
  });

  it("a target at the release point is inside the minimum engagement distance", async () => {
    const file = scenarioWith("here", (d) => {
      d.route = { waypoints: [] } as never;
      d.target.lat_deg = d.launch.lat_deg;
      d.target.lon_deg = d.launch.lon_deg;
    });
    const r = await validateAndRun(file);
    expect([r.vCode, r.rCode]).toEqual([1, 1]);
    expect(r.rErr).toMatch(/target: expected a target at least \d+(\.\d)? km .*minimum engagement/);
    expect(r.rErr).toMatch(/got 0\.0 km/);
    expect(r.wrote).toBe(false);
  });

  it("route-less missions name the target's reach, not the planner's cell size", async () => {
    const layered = parse(readFileSync("examples/layered-defence.yaml", "utf8"));
    const file = scenarioWith(
      "far-routeless",
      (d) => {
        d.route = { waypoints: [] } as never;
        d.target.lat_deg = Number(d.target.lat_deg) + 40;
      },
      layered,
    );
    const r = await validateAndRun(file);
    expect(r.rCode).toBe(1);
    expect(r.rErr).toMatch(/target: expected a target within/);
    expect(r.rErr).not.toMatch(/cell_km/);
    expect(r.vErr).toBe(r.rErr);
  });

  it("a salvo names the missile whose target is out of reach", async () => {
    const salvo = parse(readFileSync("examples/salvo-tot.yaml", "utf8")) as {
      missiles: { target: { lat_deg: number } }[];
    };
    const file = scenarioWith(
      "far-salvo",
      (d) => {
        const ms = d.missiles as unknown as { target: { lat_deg: number } }[];
        ms[1].target.lat_deg += 30;
      },
      salvo,
    );
    const v = captureOutput();
    expect(await main(["validate", file], v)).toBe(1);
    expect(v.stderr.join("\n")).toMatch(/missiles\[1\]\.target: expected a target within/);
  });

  it("a release below the ground is reported by validate as run reports it", async () => {
    const r = await validateAndRun(
      scenarioWith("under", (d) => {
        d.environment = { ground_elevation_m: 9000 } as never;
        d.target.elevation_m = 9000;
      }),
    );
    expect([r.vCode, r.rCode]).toEqual([1, 1]);
    expect(r.vErr).toMatch(
      /launch\.alt_ft: expected a release altitude above the ground there \(29,528 ft\), got 25000 ft/,
    );
    expect(r.vErr).toBe(r.rErr);
  });
});

describe("minimum engagement distance", () => {
  /** A route-less A-class release at altFt toward an aimpoint k × the minimum straight ahead. */
  function flyAt(altFt: number, impactDeg: number, k: number) {
    const doc = structuredClone(base) as Doc;
    doc.route = { waypoints: [] } as never;
    doc.launch.alt_ft = altFt;
    doc.target.impact_angle_deg = impactDeg;
    doc.environment = undefined as never;
    const s = parseScenarioText(stringify(doc), "x.yaml");
    if (s.kind !== "mission") throw new Error("mission expected");
    const p0 = missionFromScenario(s, "x", 0.05);
    const dMin = minEngagementDistance_m(p0, 0);
    const aim = geodesicDirect(
      p0.release.lat_deg,
      p0.release.lon_deg,
      p0.release.heading_rad / RAD_PER_DEG,
      k * dMin,
    );
    const aimpoint = { ...(p0.aimpoint as NonNullable<typeof p0.aimpoint>), ...aim };
    return { dMin, r: simulateMission({ ...p0, aimpoint }) };
  }

  it("at the minimum, the simulated missile hits at its impact angle", () => {
    for (const [altFt, deg] of [
      [25000, 60],
      [5000, 45],
      [25000, 30],
    ]) {
      const { dMin, r } = flyAt(altFt, deg, 1);
      expect(dMin).toBeGreaterThan(1000);
      expect(r.outcome.status).toBe("ground_impact");
      expect(r.summary.miss_m as number).toBeLessThan(5);
      expect(r.summary.impact_angle_deg as number).toBeCloseTo(deg, 0);
    }
  }, 120_000);

  it("well inside it, the missile cannot make its dive and misses far", () => {
    // Half the minimum: the flight ends hundreds of metres or more from the aimpoint (before
    // this check such a run reported exit 0 and a ground impact hundreds of km away).
    for (const [altFt, deg] of [
      [25000, 60],
      [5000, 45],
    ]) {
      const { r } = flyAt(altFt, deg, 0.5);
      expect(r.summary.miss_m as number).toBeGreaterThan(200);
    }
  }, 120_000);
});
