/**
 * Numeric command-line options are held to the limits of the scenario fields they stand for, and a
 * value outside them is a usage error (exit 2) whose message names the option, the range with its
 * unit, and the value given. The command-line cases point at a file that does not exist: options
 * are parsed before the file is opened, so a refused option exits 2 while an accepted one reaches
 * the file and exits 1, and nothing is ever flown.
 */

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import {
  azimuthStepOption,
  cruiseAltitudeMOption,
  cruiseMachOption,
  runsOption,
  sampleDtOption,
  seedOption,
  workersOption,
} from "../../src/cli/options.js";
import { captureOutput } from "../../src/cli/output.js";
import { MAX_WORKERS } from "../../src/montecarlo/runner.js";
import { CRUISE_ALT, MACH, MAX_FLIGHT_TIME_S } from "../../src/scenario/bounds.js";
import { MAX_STUDY_RUNS } from "../../src/scenario/dispersion-schema.js";

const dir = mkdtempSync(join(tmpdir(), "standoff-options-"));
const MISSING = join(dir, "no-such-scenario.yaml");
const BODY = new URL("../fixtures/minimal-body.yaml", import.meta.url).pathname;

async function cli(args: string[]) {
  const io = captureOutput();
  const code = await main(args, io);
  return { code, err: io.stderr.join("\n") };
}

/** The message a parser refuses the value with (fails the test if it accepts it). */
function refusal(parse: (v: string) => number, value: string): string {
  try {
    parse(value);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidArgumentError);
    return (e as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(value)}`);
}

describe("option parsers", () => {
  it("take plain decimal numbers only", () => {
    for (const bad of ["", " ", "abc", "0x10", "0b1", "1_000", "Infinity", "NaN", "1e999", " 5"]) {
      expect(refusal(sampleDtOption, bad)).toMatch(/^expected an output interval/);
    }
    expect(sampleDtOption("1e-1")).toBe(0.1);
    expect(sampleDtOption(".5")).toBe(0.5);
    expect(sampleDtOption("+2")).toBe(2);
  });

  it("--sample-dt: more than 0 s, at most the longest mission flight", () => {
    expect(sampleDtOption(String(MAX_FLIGHT_TIME_S))).toBe(MAX_FLIGHT_TIME_S);
    for (const bad of ["0", "-1", String(MAX_FLIGHT_TIME_S * 2)]) {
      expect(refusal(sampleDtOption, bad)).toBe(
        `expected an output interval of more than 0 and at most ${MAX_FLIGHT_TIME_S} s (and a whole multiple of the scenario's step), got "${bad}"`,
      );
    }
  });

  it("--alt-m: the scenario's cruise altitude range, in metres", () => {
    const { min, max } = CRUISE_ALT.m;
    expect(cruiseAltitudeMOption(String(min))).toBe(min);
    expect(cruiseAltitudeMOption(String(max))).toBe(max);
    expect(cruiseAltitudeMOption("7620")).toBe(7620);
    expect(refusal(cruiseAltitudeMOption, "1e6")).toBe(
      `expected a cruise altitude from ${min} to ${max} m (the range route.cruise.alt_m allows), got "1e6"`,
    );
    expect(refusal(cruiseAltitudeMOption, "-6000")).toContain(" m (");
    expect(refusal(cruiseAltitudeMOption, String(max + 1))).toContain(`to ${max} m`);
  });

  it("--mach: the scenario's cruise Mach range", () => {
    expect(cruiseMachOption(String(MACH.min))).toBe(MACH.min);
    expect(cruiseMachOption(String(MACH.max))).toBe(MACH.max);
    for (const bad of ["5", "0.01", "0.96", "0"]) {
      expect(refusal(cruiseMachOption, bad)).toBe(
        `expected a cruise Mach number from ${MACH.min} to ${MACH.max} (the range route.cruise.mach allows), got "${bad}"`,
      );
    }
  });

  it("--azimuth-step: degrees, a divisor of 360 from 1 to 90", () => {
    for (const ok of ["1", "1.5", "15", "90"]) expect(azimuthStepOption(ok)).toBe(Number(ok));
    for (const bad of ["0", "0.5", "7", "91", "-15"]) {
      const msg = refusal(azimuthStepOption, bad);
      expect(msg).toBe(`expected a step from 1 to 90 degrees (a divisor of 360), got "${bad}"`);
      expect(msg).not.toContain("second");
    }
  });

  it("--runs, --workers, --seed: whole numbers in the study's ranges", () => {
    expect(runsOption(String(MAX_STUDY_RUNS))).toBe(MAX_STUDY_RUNS);
    expect(runsOption("1e3")).toBe(1000);
    for (const bad of ["0", "-3", "2.5", String(MAX_STUDY_RUNS + 1)]) {
      expect(refusal(runsOption, bad)).toBe(
        `expected a whole number of runs from 1 to ${MAX_STUDY_RUNS}, got "${bad}"`,
      );
    }
    expect(workersOption(String(MAX_WORKERS))).toBe(MAX_WORKERS);
    expect(refusal(workersOption, String(MAX_WORKERS + 1))).toContain(`from 1 to ${MAX_WORKERS}`);
    expect(refusal(workersOption, "0")).toContain("worker threads");
    expect(seedOption("0")).toBe(0);
    expect(seedOption(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    for (const bad of ["-1", "1.5", "9007199254740992", "1e300"]) {
      expect(refusal(seedOption, bad)).toMatch(/^expected a whole-number seed from 0 to /);
    }
  });
});

describe("commands refuse out-of-range numbers as usage errors (exit 2)", () => {
  const cases: [string[], string][] = [
    [["reach", MISSING, "--alt-m", "1e6"], "--alt-m"],
    [["reach", MISSING, "--alt-m", "-6000"], "--alt-m"],
    [["reach", MISSING, "--alt-m", "30000"], "--alt-m"],
    [["reach", MISSING, "--mach", "5"], "--mach"],
    [["reach", MISSING, "--mach", "0.01"], "--mach"],
    [["reach", MISSING, "--azimuth-step", "0"], "--azimuth-step"],
    [["reach", MISSING, "--azimuth-step", "7"], "--azimuth-step"],
    [["run", MISSING, "--sample-dt", "0"], "--sample-dt"],
    [["run", MISSING, "--sample-dt", "1e6"], "--sample-dt"],
    [["run", MISSING, "--sample-dt", "0x10"], "--sample-dt"],
    [["mc", MISSING, "--runs", "20000000"], "--runs"],
    [["mc", MISSING, "--runs", "1.5"], "--runs"],
    [["mc", MISSING, "--workers", "1000"], "--workers"],
    [["mc", MISSING, "--seed", "-1"], "--seed"],
  ];
  for (const [args, option] of cases) {
    it(`${args[0]} ${args.slice(2).join(" ")}`, async () => {
      const { code, err } = await cli(args);
      expect(code).toBe(2);
      expect(err).toMatch(new RegExp(`option '(-\\w, )?${option} <`));
      expect(err).toMatch(/is invalid\. expected .* from|of more than/);
      expect(err).not.toMatch(/at .*\.(ts|js):\d+/);
    });
  }

  it("values inside the limits get through to the file", async () => {
    const ok = [
      [
        "reach",
        MISSING,
        "--alt-m",
        String(CRUISE_ALT.m.max),
        "--mach",
        "0.95",
        "--azimuth-step",
        "90",
      ],
      ["run", MISSING, "--sample-dt", "100000"],
      ["mc", MISSING, "--runs", "10000000", "--workers", "256", "--seed", "0"],
    ];
    for (const args of ok) {
      const { code, err } = await cli(args);
      expect(err).toContain("no such file");
      expect(code).toBe(1);
    }
  });

  it("a --sample-dt that is no multiple of the scenario's step exits 2, in seconds", async () => {
    const { code, err } = await cli(["run", BODY, "--out", join(dir, "o"), "--sample-dt", "0.015"]);
    expect(code).toBe(2);
    expect(err).toBe(
      "standoff: --sample-dt: expected a positive whole multiple of simulation.step_s (0.01 s), got 0.015 s",
    );
  });
});
