/**
 * Bad target blocks (issue 17): hides off the road, negative speeds or dwell times, an update
 * interval of zero, a search footprint larger than the seeker's field of regard allows. Each is
 * a clear error naming the field, exit code 1, no output folder.
 */

import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";
import { strikeText } from "./scenarios.js";

const dir = mkdtempSync(join(tmpdir(), "standoff-badtarget-"));
const relocating = (o: { hideLat?: number; speed?: number; dwell?: string }) =>
  [
    "  motion:",
    "    kind: relocating",
    "    road: [[10.0, 40.2], [10.05, 40.2], [10.05, 40.25]]",
    `    hides: [{ name: B, lat_deg: ${o.hideLat ?? 10.05}, lon_deg: 40.2 }, { name: C, lat_deg: 10.05, lon_deg: 40.25 }]`,
    `    speed_mps: ${o.speed ?? 8}`,
    "    departure: { distribution: exponential, mean_s: 600 }",
    `    dwell: ${o.dwell ?? "{ distribution: uniform, min_s: 300, max_s: 900 }"}`,
  ].join("\n");

const cases: Array<{ what: string; target?: string; seeker?: string; frags: string[] }> = [
  {
    what: "a hide off the road",
    target: relocating({ hideLat: 10.06 }),
    frags: ["target.motion.hides[0]", "within 50 m of target.motion.road", "m off the road"],
  },
  {
    what: "a negative speed",
    target: relocating({ speed: -3 }),
    frags: ["target.motion.speed_mps", "expected a number > 0", "got -3"],
  },
  {
    what: "a negative dwell time",
    target: relocating({ dwell: "{ distribution: fixed, value_s: -60 }" }),
    frags: ["target.motion.dwell.value_s", "expected a number ≥ 0", "got -60"],
  },
  {
    what: "an update interval of zero",
    target: "  updates: { interval_s: 0, link: { lat_deg: 10, lon_deg: 39.5 } }",
    frags: ["target.updates.interval_s", "expected a number > 0", "got 0"],
  },
  {
    what: "a footprint larger than the field of regard allows",
    seeker: "{ contrast: high, search: { pattern: scan, radius_m: 5000 } }",
    frags: [
      "terminal.seeker.search.radius_m",
      "at most 3175 m",
      "±30° field of regard",
      "got 5000",
    ],
  },
];

describe("a re-attack without a seeker", () => {
  it("names terminal.reattack and exits 1", async () => {
    const file = join(dir, "reattack-no-seeker.yaml");
    const text = strikeText({ terminal: "  reattack: true" }).replace(/^ {2}seeker: .*$/m, "");
    writeFileSync(file, text);
    const out = join(dir, "out-reattack-no-seeker");
    const io = captureOutput();
    const code = await main(["run", file, "--out", out], io);
    expect(code).toBe(1);
    expect(io.stderr.length).toBe(1);
    expect(io.stderr[0]).toContain("terminal.reattack");
    expect(io.stderr[0]).toContain("a terminal.seeker to search with");
    expect(io.stderr[0]).not.toMatch(/ at .*\.ts:\d+/);
    expect(existsSync(out)).toBe(false);
  });
});

describe("bad target input", () => {
  for (const c of cases) {
    it(c.what, async () => {
      const file = join(dir, `${c.what.replace(/\W+/g, "-")}.yaml`);
      writeFileSync(file, strikeText({ target: c.target, seeker: c.seeker }));
      const out = join(dir, `out-${c.what.replace(/\W+/g, "-")}`);
      const io = captureOutput();
      const code = await main(["run", file, "--out", out], io);
      expect(code).toBe(1);
      expect(io.stderr.length).toBe(1);
      for (const f of c.frags) expect(io.stderr[0]).toContain(f);
      expect(io.stderr[0]).not.toMatch(/ at .*\.ts:\d+/);
      expect(existsSync(out)).toBe(false);
    });
  }
});
