import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";
import { M_PER_FT, RAD_PER_DEG } from "../../src/core/units.js";
import { ecefToGeodetic, WGS84 } from "../../src/earth/ellipsoid.js";
import { parseNumericCsv } from "../../src/io/csv.js";
import { NASA_CASES, SIM_01, SIM_02, VERIFICATION_DIR } from "../../src/verification/nasa-cases.js";
import {
  type ReferenceConventions,
  readNasaHistory,
} from "../../src/verification/nasa-reference.js";
import { verifyCase } from "../../src/verification/verify.js";

const tmp = mkdtempSync(join(tmpdir(), "standoff-nasa-"));

/** Run a scenario through the CLI exactly as a user would and read back its trajectory.csv. */
async function runViaCli(file: string, name: string) {
  const out = join(tmp, name);
  const io = captureOutput();
  const code = await main(["run", file, "--out", out], io);
  expect(io.stderr).toEqual([]);
  expect(code).toBe(0);
  return parseNumericCsv(readFileSync(join(out, "trajectory.csv"), "utf8"));
}

describe("NASA TM-2015-218675 check cases through `standoff run`", () => {
  for (const c of NASA_CASES) {
    it(`${c.id} ${c.title}: every quantity within its stated tolerance`, async () => {
      const history = await runViaCli(join(VERIFICATION_DIR, c.scenario), c.id);
      // 0 to 30 s at the default 0.1 s sample interval.
      expect(history.get("t_s")?.length).toBe(301);
      const rows = verifyCase(c, () => history);
      for (const r of rows) {
        expect(r.compared, `${r.quantity} compared samples`).toBe(301);
        expect(r.maxError, `${c.id} ${r.quantity}`).toBeLessThanOrEqual(r.tolerance);
      }
    });
  }

  it("fails when the physics is wrong: a 10 % drag error in case 6 is caught", async () => {
    const c = NASA_CASES.find((k) => k.id === "atmos-06");
    if (!c) throw new Error("case 6 missing");
    const text = readFileSync(join(VERIFICATION_DIR, c.scenario), "utf8").replace(
      "CD: 0.1 }",
      "CD: 0.11 }",
    );
    const file = join(tmp, "case6-wrong-drag.yaml");
    writeFileSync(file, text);
    const history = await runViaCli(file, "wrong");
    const failed = verifyCase(c, () => history)
      .filter((r) => !r.pass)
      .map((r) => r.quantity);
    expect(failed).toEqual(expect.arrayContaining(["position (ECEF)", "velocity (NED)", "Mach"]));
  });

  it("fails when the Earth stops turning: case 9 without rotation is caught", async () => {
    const c = NASA_CASES.find((k) => k.id === "atmos-09");
    if (!c) throw new Error("case 9 missing");
    const text = readFileSync(join(VERIFICATION_DIR, c.scenario), "utf8").replace(
      "rotation: true",
      "rotation: false",
    );
    const file = join(tmp, "case9-no-rotation.yaml");
    writeFileSync(file, text);
    const history = await runViaCli(file, "norot");
    const rows = verifyCase(c, () => history);
    expect(rows.find((r) => r.quantity === "position (ECEF)")?.pass).toBe(false);
  });

  it("`standoff verify` prints one row per case and quantity, all passing, and exits 0", async () => {
    const io = captureOutput();
    const code = await main(["verify"], io);
    expect(code).toBe(0);
    const rows = io.stdout.filter((l) => / (pass|FAIL)$/.test(l));
    expect(rows.length).toBe(NASA_CASES.reduce((n, c) => n + c.checks.length, 0));
    expect(rows.every((l) => l.endsWith(" pass"))).toBe(true);
    expect(io.stdout.at(-1)).toBe(`${rows.length} passed, 0 failed`);
  });
});

describe("check case 10: which latitude the references' local level uses", () => {
  const e2 = WGS84.e2;
  const case10 = () => {
    const c = NASA_CASES.find((k) => k.id === "atmos-10");
    if (!c) throw new Error("case 10 missing");
    return c;
  };
  /** The published columns, unconverted. */
  const raw = (sim: string) =>
    parseNumericCsv(
      readFileSync(join(VERIFICATION_DIR, `nasa/reference/Atmos_10_${sim}.csv`), "utf8"),
    );
  const col = (m: Map<string, Float64Array>, n: string) => {
    const c = m.get(n);
    if (!c) throw new Error(`column ${n} missing`);
    return c;
  };

  it("sim_01's pitch is the geocentric latitude of its position, not the geodetic one", () => {
    const r = raw("sim_01");
    const [x, y, z] = ["X", "Y", "Z"].map((a) => col(r, `gePosition_ft_${a}`));
    const pitch = col(r, "eulerAngle_deg_Pitch");
    const lat = col(r, "latitude_deg");
    const lla = new Float64Array(3);
    for (let i = 10; i < pitch.length; i += 10) {
      const geocentric = Math.atan2(z[i], Math.hypot(x[i], y[i])) / RAD_PER_DEG;
      expect(Math.abs(pitch[i] / geocentric - 1)).toBeLessThan(1e-10);
      // Its latitude column is the geodetic latitude of the same position.
      ecefToGeodetic(WGS84, x[i] * M_PER_FT, y[i] * M_PER_FT, z[i] * M_PER_FT, lla);
      expect(Math.abs(lat[i] - lla[0] / RAD_PER_DEG)).toBeLessThan(1e-9);
      // So the pitch is (1 − e²) of the latitude near the equator, to the height term e²·h/a.
      expect(Math.abs(pitch[i] / lat[i] - (1 - e2))).toBeLessThan(1e-5);
    }
  });

  it("sim_02's latitude column is geocentric: it matches ∫v_N/(a + h) dt, not ∫v_N/(M + h) dt", () => {
    const r = raw("sim_02");
    const t = col(r, "time");
    const vn = col(r, "feVelocity_ft_s_X");
    const h = col(r, "altitudeMsl_ft");
    const lat = col(r, "latitude_deg");
    const pitch = col(r, "eulerAngle_deg_Pitch");
    const a = WGS84.a_m;
    const M = a * (1 - e2); // meridian radius of curvature at the equator
    let geocentric = 0;
    let geodetic = 0;
    for (let i = 1; i < t.length; i++) {
      const v = ((vn[i] + vn[i - 1]) / 2) * M_PER_FT;
      const hm = ((h[i] + h[i - 1]) / 2) * M_PER_FT;
      geocentric += (v * (t[i] - t[i - 1])) / (a + hm);
      geodetic += (v * (t[i] - t[i - 1])) / (M + hm);
    }
    const last = t.length - 1;
    expect(Math.abs(lat[last] - geocentric / RAD_PER_DEG)).toBeLessThan(1e-6);
    expect(Math.abs(lat[last] - geodetic / RAD_PER_DEG)).toBeGreaterThan(4e-4);
    // Its pitch follows the geocentric latitude too (within the 2e-5° the references differ by).
    expect(Math.abs(pitch[last] - lat[last])).toBeLessThan(2e-5);
  });

  it("our pitch follows the geodetic latitude (the ball is fixed to the Earth; our NED is geodetic)", async () => {
    const h = await runViaCli(join(VERIFICATION_DIR, case10().scenario), "case10-geodetic");
    const lat = h.get("lat_deg") as Float64Array;
    const theta = h.get("theta_deg") as Float64Array;
    for (let i = 0; i < lat.length; i++) expect(Math.abs(theta[i] - lat[i])).toBeLessThan(1e-9);
    expect(lat.at(-1)).toBeGreaterThan(0.06);
  });

  it("fails with the wrong convention: reference attitudes taken as geodetic-level, or sim_02's latitude as geodetic", async () => {
    const c = case10();
    const h = await runViaCli(join(VERIFICATION_DIR, c.scenario), "case10-conventions");
    const row = (refs: readonly ReferenceConventions[], q: string) => {
      const r = verifyCase(
        c,
        () => h,
        c.references.map((s, i) => readNasaHistory(join(VERIFICATION_DIR, s.file), refs[i])),
      ).find((k) => k.quantity === q);
      if (!r) throw new Error(`no ${q} row`);
      return r;
    };
    // As published: both references' Euler angles are relative to the geocentric level.
    const right = row([SIM_01, SIM_02], "attitude (angle between)");
    expect(right.pass).toBe(true);
    expect(right.maxError).toBeLessThan(1e-5);
    // Taken as geodetic-level, the pitch is off by (φ − ψ) ≈ e²·φ = 4.2e-4° at 30 s.
    const geodeticLevel = { latitude: "geodetic", attitudeLevel: "geodetic" } as const;
    const sim02GeodeticLevel = { latitude: "geocentric", attitudeLevel: "geodetic" } as const;
    const wrong = row([geodeticLevel, sim02GeodeticLevel], "attitude (angle between)");
    expect(wrong.pass).toBe(false);
    expect(wrong.maxError).toBeGreaterThan(4e-4);
    expect(wrong.maxError).toBeLessThan(4.4e-4);
    // sim_02's latitude read as geodetic puts it 46 m off; read as geocentric, 0.7 m.
    const pos = row([SIM_01, { ...SIM_02, latitude: "geodetic" }], "position (ECEF)");
    expect(pos.errors[1]).toBeGreaterThan(40);
    expect(row([SIM_01, SIM_02], "position (ECEF)").errors[1]).toBeLessThan(1);
  });
});
