/**
 * Parsers for the numeric command-line options of every `standoff` command. Each option is held
 * to the same limits as the scenario field (or study setting) it stands in for, reusing the
 * schema's exported bounds, and a bad value is a commander InvalidArgumentError: one line naming
 * the option, the range with its unit, and what was given, and exit status 2 (a usage error).
 */

import { InvalidArgumentError } from "commander";
import { MAX_AZIMUTH_STEP_DEG, MIN_AZIMUTH_STEP_DEG } from "../engine/reach-limits.js";
import { MAX_WORKERS } from "../montecarlo/limits.js";
import { CRUISE_ALT, MACH, MAX_FLIGHT_TIME_S, MAX_STUDY_RUNS } from "../scenario/bounds.js";

/**
 * A plain decimal number as people type it (`12`, `-0.5`, `.25`, `1e3`). Number() alone would also
 * take "", " 7 ", "0x1f", "0b1" and "Infinity", none of which anyone means as a quantity.
 */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** What a numeric option accepts: its name, what it is, its unit and its closed range. */
interface Bounds {
  /** What the value is, for the message ("a cruise altitude"). */
  readonly what: string;
  /** The unit the option is given in ("m", "s", "degrees"); empty for pure numbers. */
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  /** True: the minimum itself is refused (a strictly positive quantity). */
  readonly minExclusive?: boolean;
  /** Where the limits come from, said after the range ("the atmosphere model"). */
  readonly why?: string;
}

function rangeText(b: Bounds): string {
  const unit = b.unit === "" ? "" : ` ${b.unit}`;
  const range = b.minExclusive
    ? `of more than ${b.min} and at most ${b.max}${unit}`
    : `from ${b.min} to ${b.max}${unit}`;
  return `${b.what} ${range}${b.why ? ` (${b.why})` : ""}`;
}

function describeGot(value: string): string {
  return value.trim() === "" ? "nothing" : JSON.stringify(value);
}

/** Parse a decimal number inside the bounds, or throw InvalidArgumentError saying why. */
function parseBounded(value: string, b: Bounds): number {
  const v = DECIMAL.test(value) ? Number(value) : Number.NaN;
  const low = b.minExclusive ? v <= b.min : v < b.min;
  if (!Number.isFinite(v) || low || v > b.max) {
    throw new InvalidArgumentError(`expected ${rangeText(b)}, got ${describeGot(value)}`);
  }
  return v;
}

/** Parse a whole number inside the bounds (no unit), or throw InvalidArgumentError. */
function parseInteger(value: string, b: Bounds): number {
  const v = DECIMAL.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(v) || v < b.min || v > b.max) {
    throw new InvalidArgumentError(`expected ${rangeText(b)}, got ${describeGot(value)}`);
  }
  return v;
}

/** `run --sample-dt`: output interval, s; positive and no longer than the longest flight. */
export function sampleDtOption(value: string): number {
  // Whether it is a whole multiple of the scenario's step is checked once the scenario is read.
  return parseBounded(value, {
    what: "an output interval",
    unit: "s",
    min: 0,
    minExclusive: true,
    max: MAX_FLIGHT_TIME_S,
    why: "and a whole multiple of the scenario's step",
  });
}

/** `reach --azimuth-step`: footprint direction step, degrees, a divisor of 360. */
export function azimuthStepOption(value: string): number {
  const b: Bounds = {
    what: "a step",
    unit: "degrees",
    min: MIN_AZIMUTH_STEP_DEG,
    max: MAX_AZIMUTH_STEP_DEG,
    why: "a divisor of 360",
  };
  const v = parseBounded(value, b);
  if (!Number.isInteger(360 / v)) {
    throw new InvalidArgumentError(`expected ${rangeText(b)}, got ${describeGot(value)}`);
  }
  return v;
}

/** `reach --alt-m`: cruise altitude above the ellipsoid, m, within route.cruise.alt_m's range. */
export function cruiseAltitudeMOption(value: string): number {
  return parseBounded(value, {
    what: "a cruise altitude",
    unit: "m",
    min: CRUISE_ALT.m.min,
    max: CRUISE_ALT.m.max,
    why: "the range route.cruise.alt_m allows",
  });
}

/** `reach --mach`: cruise Mach number, within route.cruise.mach's range. */
export function cruiseMachOption(value: string): number {
  return parseBounded(value, {
    what: "a cruise Mach number",
    unit: "",
    min: MACH.min,
    max: MACH.max,
    why: "the range route.cruise.mach allows",
  });
}

/** `mc --runs`: the number of runs of a study, as dispersions.runs allows. */
export function runsOption(value: string): number {
  return parseInteger(value, {
    what: "a whole number of runs",
    unit: "",
    min: 1,
    max: MAX_STUDY_RUNS,
  });
}

/** `mc --workers`: the number of worker threads. */
export function workersOption(value: string): number {
  return parseInteger(value, {
    what: "a whole number of worker threads",
    unit: "",
    min: 1,
    max: MAX_WORKERS,
  });
}

/** `mc --chunk`: runs per queued chunk. */
export function chunkOption(value: string): number {
  return parseInteger(value, {
    what: "a whole number of runs per chunk",
    unit: "",
    min: 1,
    max: 100_000,
  });
}

/** `worker --lock-duration`: milliseconds a dead worker's chunk stays locked. */
export function lockDurationOption(value: string): number {
  return parseInteger(value, {
    what: "a whole number of milliseconds",
    unit: "",
    min: 500,
    max: 3_600_000,
  });
}

/** `mc --seed`: a study seed, an integer as a scenario's `seed` allows (0 to 2^53 − 1). */
export function seedOption(value: string): number {
  return parseInteger(value, {
    what: "a whole-number seed",
    unit: "",
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    why: "2^53 − 1, as for a scenario's seed",
  });
}

/** `standoff serve --port`: 0 to 65535 (0: any free port). */
export function portOption(value: string): number {
  return parseInteger(value, { what: "a port", unit: "", min: 0, max: 65535 });
}

/** `standoff serve --max-jobs`: 1 to 64. */
export function maxJobsOption(value: string): number {
  return parseInteger(value, { what: "a number of jobs", unit: "", min: 1, max: 64 });
}
