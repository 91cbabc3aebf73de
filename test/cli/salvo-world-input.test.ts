/**
 * Bad input for shared-world salvos and sweeps: an unknown aircraft or decoy preset, a decoy with a
 * warhead, a sweep path that does not exist or names no number, and sweep values of the wrong
 * type: one clear line naming the field, a non-zero exit, and nothing written.
 */

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";

const tmp = mkdtempSync(join(tmpdir(), "standoff-salvo-world-"));
const example = new URL("../../examples/salvo-saturation.yaml", import.meta.url).pathname;
const text = readFileSync(example, "utf8");

/** Write a variant of the example with one text replacement. */
function variant(name: string, from: string, to: string): string {
  expect(text).toContain(from);
  const file = join(tmp, `${name}.yaml`);
  writeFileSync(file, text.replace(from, to));
  return file;
}

async function fails(args: string[], field: RegExp, code = 1) {
  const io = captureOutput();
  const out = join(tmp, `out-${Math.random().toString(36).slice(2)}`);
  const status = await main([...args, "--out", out], io);
  expect(status).toBe(code);
  const err = io.stderr.join("\n");
  expect(err).toMatch(field);
  expect(err).not.toMatch(/\n\s+at /);
  expect(existsSync(out)).toBe(false);
}

describe("bad salvo input", () => {
  it("a decoy naming an unknown aircraft", async () => {
    const f = variant(
      "ac",
      'name: "D1",\n      aircraft: "Viper 1"',
      'name: "D1",\n      aircraft: "Viper 9"',
    );
    await fails(["run", f], /decoys\[0\]\.aircraft: expected the name of an aircraft/);
  });
  it("an unknown decoy preset", async () => {
    const f = variant("preset", 'name: "D1",\n', 'name: "D1",\n      preset: "x-class",\n');
    await fails(["run", f], /decoys\[0\]\.preset/);
  });
  it("an unknown launch-aircraft preset", async () => {
    const f = variant(
      "ac-preset",
      "    min_interval_s: 5\n",
      '    min_interval_s: 5\n    preset: "mig-class"\n',
    );
    await fails(
      ["run", f],
      /aircraft\[0\]\.preset: expected one of "notional-f16-class", got "mig-class"/,
    );
  });
  it("an entry point inside the aircraft's turn circle", async () => {
    const f = variant(
      "entry",
      "entry: { lat_deg: -28.6, lon_deg: -19.8 }",
      "entry: { lat_deg: -28.341, lon_deg: -19.0 }",
    );
    await fails(
      ["run", f],
      /aircraft\[0\]\.entry: expected a point the aircraft reaches with one turn/,
    );
  });
  it("a decoy with a warhead", async () => {
    const f = variant("warhead", 'name: "D2",\n', 'name: "D2",\n      warhead: true,\n');
    await fails(["run", f], /decoys\[1\]\.warhead: expected no warhead/);
  });
});

describe("bad sweeps", () => {
  it("a path that does not exist", async () => {
    await fails(
      ["mc", example, "--sweep", "air_defence.sites[7].overrides.pk=0.5", "--runs", "1"],
      /--sweep air_defence\.sites\[7\]/,
      2,
    );
  });
  it("a path that names no number", async () => {
    await fails(
      ["mc", example, "--sweep", "name=1,2", "--runs", "1"],
      /--sweep name: expected a path to a number/,
      2,
    );
  });
  it("values that are not numbers", async () => {
    await fails(
      ["mc", example, "--sweep", "missiles=1,two", "--runs", "1"],
      /--sweep missiles: expected numbers/,
      2,
    );
  });
  it("a count that is not whole", async () => {
    await fails(
      ["mc", example, "--sweep", "missiles=1.5", "--runs", "1"],
      /--sweep missiles: expected whole counts/,
      2,
    );
  });
  it("a value the schema refuses, named with its path", async () => {
    await fails(
      ["mc", example, "--sweep", "air_defence.sites[1].overrides.pk=1.5", "--runs", "1"],
      /air_defence\.sites\[1\]\.overrides\.pk \(--sweep/,
    );
  });
});
