/**
 * A fixed target known exactly is today's target: every mission example, with `motion: fixed`
 * and a zero location error added to its target, writes the same bytes as without them.
 */

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";

const examples = new URL("../../examples/", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "standoff-fixed-identity-"));
// The examples of fixed targets (the relocating-launcher ones have a target that moves).
const missions = readdirSync(examples).filter((f) => {
  const text = readFileSync(join(examples, f), "utf8");
  return f.endsWith(".yaml") && /^kind: mission$/m.test(text) && !/^ {2}motion:/m.test(text);
});

/** Run a scenario text as `name` in folder `sub`, returning every output file's bytes. */
async function outputs(sub: string, name: string, text: string): Promise<Map<string, Buffer>> {
  const d = join(dir, sub);
  mkdirSync(d, { recursive: true });
  const file = join(d, name);
  writeFileSync(file, text);
  const out = join(d, "out");
  const code = await main(["run", file, "--out", out], captureOutput());
  expect(code).toBe(0);
  return new Map(readdirSync(out).map((f) => [f, readFileSync(join(out, f))]));
}

describe("motion: fixed with zero location error", () => {
  it("finds the mission examples", () => expect(missions.length).toBeGreaterThanOrEqual(5));
  for (const name of missions) {
    it(`${name}: byte-identical outputs`, async () => {
      const text = readFileSync(join(examples, name), "utf8");
      const s = parse(text) as { target: Record<string, unknown> };
      s.target.motion = { kind: "fixed" };
      s.target.location_error = { sigma_m: 0 };
      const before = await outputs(`${name}-a`, name, text);
      const after = await outputs(`${name}-b`, name, stringify(s));
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      for (const [f, bytes] of before) {
        const other = after.get(f) as Buffer;
        // report.html names the scenario's folder; everything else must match byte for byte.
        const norm = (b: Buffer) => b.toString("utf8").replaceAll(`${name}-b`, `${name}-a`);
        expect(norm(other), f).toBe(norm(bytes));
      }
    }, 60_000);
  }
});
