/**
 * Flown launch aircraft: point-mass kinematics against GeographicLib and the level-turn formulas,
 * and the aircraft in the salvo's world, seen and shot down by a SAM with Pk = 1 so that its later
 * members are never released, while an aircraft kept outside every envelope survives.
 */

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import geographiclib from "geographiclib-geodesic";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";
import { type AircraftPath, AircraftStepper } from "../../src/vehicle/aircraft-path.js";

const GEOD = geographiclib.Geodesic.WGS84;
const A = 6378137;
const E2 = (1 / 298.257223563) * (2 - 1 / 298.257223563);
const v = 263.5;
const h = 7620;
// Prime-vertical radius at 28° S: ground distance of a flight at height h is v·t·N/(N + h).
const lat0 = -28;
const s0 = Math.sin((lat0 * Math.PI) / 180);
const N = A / Math.sqrt(1 - E2 * s0 * s0);

function path(legs: AircraftPath["legs"]): AircraftPath {
  return { speed_mps: v, alt_m: h, lat0_deg: lat0, lon0_deg: -19, heading0_deg: 90, t0_s: 0, legs };
}

describe("launch aircraft kinematics", () => {
  it("two releases Δt apart on a straight leg lie v·Δt apart along its track (GeographicLib)", () => {
    const st = new AircraftStepper(path([]));
    st.advance(15);
    const a = { lat: (st.lat_rad * 180) / Math.PI, lon: (st.lon_rad * 180) / Math.PI };
    const dt = 168;
    st.advance(dt);
    const b = { lat: (st.lat_rad * 180) / Math.PI, lon: (st.lon_rad * 180) / Math.PI };
    const g = GEOD.Inverse(a.lat, a.lon, b.lat, b.lon);
    const expected = (v * dt * N) / (N + h);
    // 44 km of track: within 1 m.
    expect(Math.abs((g.s12 ?? 0) - expected)).toBeLessThan(1);
    // A geodesic, not a rhumb line: the heading at b is GeographicLib's azimuth there.
    expect(Math.abs((st.heading_rad * 180) / Math.PI - (g.azi2 ?? 0))).toBeLessThan(1e-4);
  });

  it("a full egress turn has radius v²/(g√(n²−1)) and lasts π·r/v", () => {
    const n = 4;
    const r = (v * v) / (9.80665 * Math.sqrt(n * n - 1));
    const turn_s = (Math.PI * r) / v;
    const st = new AircraftStepper(path([{ duration_s: turn_s, turnRate_rad_s: v / r }]));
    st.advance(turn_s);
    const end = { lat: (st.lat_rad * 180) / Math.PI, lon: (st.lon_rad * 180) / Math.PI };
    // After π·r/v the heading has turned exactly 180° (90° → 270°) …
    expect(Math.abs((st.heading_rad * 180) / Math.PI - 270)).toBeLessThan(0.01);
    // … and it is one diameter (at flight height, scaled to the ground) to the side of its start.
    const g = GEOD.Inverse(lat0, -19, end.lat, end.lon);
    expect(Math.abs((g.s12 ?? 0) - (2 * r * N) / (N + h)) / (2 * r)).toBeLessThan(2e-3);
    // A right turn from east ends to the south.
    expect(end.lat).toBeLessThan(lat0);
  });
});

const example = new URL("../../examples/salvo-saturation.yaml", import.meta.url).pathname;
const text = readFileSync(example, "utf8");
const tmp = mkdtempSync(join(tmpdir(), "standoff-salvo-aircraft-"));

describe("launch aircraft in the salvo's world", () => {
  it("a SAM with Pk = 1 on Viper 2's release leg kills it; its later members are never released, Viper 1 survives", async () => {
    // A short-range SAM (12 km reach) ~25 km east of Viper 2's first release, on its track.
    const site = `    - name: "trap"
      preset: short-range-sam
      lat_deg: -28.05
      lon_deg: -18.75
      overrides: { pk: 1, fire_channels: 4, magazine: 8 }
`;
    const from = '    - name: "point defence north"';
    expect(text).toContain(from);
    const file = join(tmp, "trap.yaml");
    // The long-range SAM still fires but never kills, so the trap is what meets Viper 2.
    const lr = "overrides: { magazine: 4 }";
    expect(text).toContain(lr);
    writeFileSync(
      file,
      text.replace(from, site + from).replace(lr, "overrides: { magazine: 4, pk: 0 }"),
    );
    const out = join(tmp, "out");
    const io = captureOutput();
    const status = await main(["run", file, "--out", out], io);
    expect(status, io.stderr.join("\n")).toBe(0);
    const doc = JSON.parse(readFileSync(join(out, "salvo.json"), "utf8"));
    const v1 = doc.aircraft.find((a: { name: string }) => a.name === "Viper 1");
    const v2 = doc.aircraft.find((a: { name: string }) => a.name === "Viper 2");
    expect(v1.fate).toBe("survived");
    expect(v1.releases.every((r: { t_s: number | null }) => r.t_s !== null)).toBe(true);
    expect(v2.fate).toBe("killed");
    expect(v2.killed_by).toBe("trap");
    // Viper 1's releases leave from its track: the first at its given point, the later ones along
    // its heading (90°) at the ISA true airspeed of Mach 0.8 at 25,000 ft, scaled to the ground.
    const rel = [...v1.releases].sort((a: { t_s: number }, b: { t_s: number }) => a.t_s - b.t_s);
    const p0 = GEOD.Inverse(-28.35, -19.0, rel[0].lat_deg, rel[0].lon_deg);
    expect(p0.s12 ?? 0).toBeLessThan(1);
    const alt = 25000 * 0.3048;
    const tas = 0.8 * Math.sqrt(1.4 * 287.053 * (288.15 - 0.0065 * alt));
    for (const r of rel.slice(1)) {
      const g = GEOD.Inverse(rel[0].lat_deg, rel[0].lon_deg, r.lat_deg, r.lon_deg);
      const expected = (tas * (r.t_s - rel[0].t_s) * N) / (N + alt);
      expect(Math.abs((g.s12 ?? 0) - expected)).toBeLessThan(0.002 * expected + 5);
      expect(Math.abs((g.azi1 ?? 0) - 90)).toBeLessThan(0.1);
    }
    // Released before the kill, or never: nothing released after it.
    const after = v2.releases.filter((r: { t_s: number | null }) => r.t_s === null);
    expect(after.length).toBeGreaterThan(0);
    for (const r of v2.releases) if (r.t_s !== null) expect(r.t_s).toBeLessThan(v2.killed_at_s);
    for (const r of after) {
      const row = doc.missiles.find((m: { name: string }) => m.name === r.member);
      expect(row.outcome).toBe("not released");
      expect(row.simulated_tot_s).toBeNull();
      // No flight, so no folder pretending one.
      expect(row.folder).toBeNull();
      expect(existsSync(join(out, r.member.toLowerCase()))).toBe(false);
    }
    expect(JSON.stringify(doc)).not.toMatch(/NaN/);
    // The defence's log names the aircraft like every flyer.
    const log = JSON.parse(readFileSync(join(out, "engagement.json"), "utf8"));
    expect(
      log.events.some(
        (e: { flyer?: string; kind: string }) => e.flyer === "Viper 2" && e.kind === "killed",
      ),
    ).toBe(true);
  }, 120_000);
});
