import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";
import { parseNumericCsv } from "../../src/io/csv.js";

const tmp = mkdtempSync(join(tmpdir(), "standoff-cli-"));
const example = new URL("../../examples/released-store.yaml", import.meta.url).pathname;

const REQUIRED =
  "t_s,lat_deg,lon_deg,alt_m,vn_mps,ve_mps,vd_mps,phi_deg,theta_deg,psi_deg,p_dps,q_dps,r_dps,mach".split(
    ",",
  );

describe("standoff run", () => {
  it("flies the bundled example to the ground and writes its outputs", async () => {
    const io = captureOutput();
    const out = join(tmp, "example");
    const code = await main(["run", example, "--out", out], io);
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    expect(io.stdout.join("\n")).toMatch(/outcome\s+ground_impact/);
    const csv = readFileSync(join(out, "trajectory.csv"), "utf8");
    const header = csv.split("\n")[0].split(",");
    expect(header.slice(0, REQUIRED.length)).toEqual(REQUIRED);
    expect(csv).not.toMatch(/NaN|Infinity/);
    const h = parseNumericCsv(csv);
    const alt = h.get("alt_m") as Float64Array;
    const t = h.get("t_s") as Float64Array;
    expect(alt[0]).toBeCloseTo(7620, 6);
    expect(Math.abs(alt[alt.length - 1])).toBeLessThan(1e-3);
    // Samples every 0.1 s until the impact row.
    expect(t[1]).toBe(0.1);
    expect(t[10]).toBe(1);
    const events = JSON.parse(readFileSync(join(out, "events.json"), "utf8"));
    expect(events.outcome.status).toBe("ground_impact");
    expect(events.events[0].kind).toBe("ground_impact");
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.samples).toBe(t.length);
    // A stable store weathervanes into the wind and pitches down: it never climbs much.
    expect(Math.max(...alt)).toBeLessThan(7700);
  });

  it("honours --sample-dt and --json", async () => {
    const io = captureOutput();
    const code = await main(
      ["run", example, "--out", join(tmp, "json"), "--sample-dt", "1", "--json"],
      io,
    );
    expect(code).toBe(0);
    const s = JSON.parse(io.stdout.join("\n"));
    expect(s.status).toBe("ground_impact");
    // trajectory.csv, events.json, summary.json and report.html.
    expect(s.files).toHaveLength(4);
    const h = parseNumericCsv(readFileSync(join(tmp, "json", "trajectory.csv"), "utf8"));
    expect((h.get("t_s") as Float64Array)[1]).toBe(1);
  });

  it("stops a run whose state becomes non-finite, says when and which quantity, and writes no NaN", async () => {
    // Inside every schema bound, yet unstable: pitch, roll and yaw damping of +10,000 on a body
    // of 1e-8 kg·m² with 1,000 m² and 120 m references at Mach 3 diverge at e^(~1e24 t), so the
    // rates overflow to infinity within two steps. (Absurd magnitudes such as 1e160 deg/s are
    // now rejected by the schema before any run.)
    const text = [
      "kind: body",
      'name: "unstable body"',
      "body:",
      "  mass_kg: 1",
      "  inertia_kgm2: { Ixx: 1.0e-8, Iyy: 1.0e-8, Izz: 1.0e-8 }",
      "  aero: { S_m2: 1000, b_m: 120, cbar_m: 120, Cmq: 10000, Clp: 10000, Cnr: 10000 }",
      "initial:",
      "  lat_deg: 10",
      "  lon_deg: 20",
      "  alt_m: 1000",
      "  velocity_ned_mps: { n: 1000, e: 0, d: 0 }",
      "  rates_dps: { p: 1, q: 1, r: 1 }",
      "simulation: { duration_s: 2, step_s: 0.01 }",
    ].join("\n");
    const file = join(tmp, "overflow.yaml");
    writeFileSync(file, text);
    const io = captureOutput();
    const out = join(tmp, "overflow");
    const code = await main(["run", file, "--out", out], io);
    expect(code).toBe(1);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(
      /overflow\.yaml: run failed: the state became non-finite in the step from t = 0\.0\d00 s to 0\.0\d00 s: .*body rate/,
    );
    const csv = readFileSync(join(out, "trajectory.csv"), "utf8");
    expect(csv).not.toMatch(/NaN|Infinity/);
    // The initial sample is kept.
    expect(csv.trim().split("\n")).toHaveLength(2);
    expect(JSON.parse(readFileSync(join(out, "events.json"), "utf8")).outcome.status).toBe(
      "failed",
    );
  });

  it("explains a body that leaves the atmosphere model", async () => {
    const text = readFileSync(new URL("../fixtures/minimal-body.yaml", import.meta.url), "utf8")
      .replace("alt_m: 1000", "alt_m: 85000")
      .replace(
        "velocity_ned_mps: { n: 0, e: 0, d: 0 }",
        "velocity_ned_mps: { n: 0, e: 0, d: -2000 }",
      );
    const file = join(tmp, "escape.yaml");
    writeFileSync(file, text);
    const io = captureOutput();
    const code = await main(["run", file, "--out", join(tmp, "escape")], io);
    expect(code).toBe(1);
    expect(io.stderr[0]).toContain("outside the atmosphere model");
  });

  it("prints usage errors and help without a stack trace", async () => {
    const io = captureOutput();
    expect(await main(["fly"], io)).toBe(2);
    expect(io.stderr.join("\n")).toContain("unknown command 'fly'");
    const help = captureOutput();
    expect(await main(["--help"], help)).toBe(0);
    expect(help.stdout.join("\n")).toContain("run [options] <file>");
    expect(await main(["verify", "--case", "nope"], io)).toBe(1);
    expect(io.stderr.at(-1)).toContain("--case: expected part of one of the case ids");
  });

  it("exports the JSON Schema, and the committed copy is up to date", async () => {
    const io = captureOutput();
    expect(await main(["schema"], io)).toBe(0);
    const committed = readFileSync(
      new URL("../../schema/scenario.schema.json", import.meta.url),
      "utf8",
    );
    expect(`${io.stdout.join("\n")}\n`).toBe(committed);
    const schema = JSON.parse(committed);
    expect(JSON.stringify(schema)).toContain("mass_kg");
  });
});
