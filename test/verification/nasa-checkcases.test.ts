import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";
import { parseNumericCsv } from "../../src/io/csv.js";
import { NASA_CASES, VERIFICATION_DIR } from "../../src/verification/nasa-cases.js";
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
