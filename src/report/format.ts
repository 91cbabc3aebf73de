/**
 * Words and numbers for people, shared by every page and printout: signed offsets as a size and
 * a direction word ("0.95 m W", never "-0.9468 m E"), lengths at a precision that suits their
 * size, and proportions that say "no runs" instead of an interval over nothing.
 */

import type { ProportionEstimate } from "../core/wilson.js";

/** A non-negative length (m) to a sensible precision: 0.15, 9.87, 12.3, 1,234. */
export function formatMetres(abs_m: number): string {
  const a = Math.abs(abs_m);
  if (!Number.isFinite(a)) return "—";
  // Two decimals below 10 m (a hit and a near miss differ there), one below 100, whole metres above.
  if (a < 9.995) return a.toFixed(2);
  if (a < 99.95) return a.toFixed(1);
  return Math.round(a)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Direction words of the signed axes people read: the word for positive, then for negative. */
export type AxisWords = readonly [positive: string, negative: string];

/** North (+) and south (−). */
export const NORTH_SOUTH: AxisWords = ["N", "S"];
/** East (+) and west (−). */
export const EAST_WEST: AxisWords = ["E", "W"];
/** Up (+) and down (−). */
export const UP_DOWN: AxisWords = ["up", "down"];
/** Right (+) and left (−). */
export const RIGHT_LEFT: AxisWords = ["right", "left"];

/**
 * A signed offset (m, positive along words[0]) as a size and a direction: "0.95 m W" for −0.9468
 * on EAST_WEST. An offset that rounds to zero has no direction ("0.00 m"); never a minus sign.
 */
export function formatOffset(value_m: number, words: AxisWords, unit = "m"): string {
  if (!Number.isFinite(value_m)) return "—";
  const size = formatMetres(value_m);
  // The direction of an offset that shows as zero would be noise.
  if (Number(size.replace(/,/g, "")) === 0) return `${size} ${unit}`;
  return `${size} ${unit} ${value_m > 0 ? words[0] : words[1]}`;
}

/** A horizontal offset (north and east, m) as "3.20 m N, 0.95 m W". */
export function formatNorthEast(north_m: number, east_m: number): string {
  return `${formatOffset(north_m, NORTH_SOUTH)}, ${formatOffset(east_m, EAST_WEST)}`;
}

/** A fraction as a percentage with one decimal, e.g. "12.5 %"; "—" for null. */
export function formatPercent(p: number | null): string {
  return p === null || !Number.isFinite(p) ? "—" : `${(100 * p).toFixed(1)} %`;
}

/**
 * A proportion with its interval, "12.5 % [8.1 %, 18.7 %]", or `none` (e.g. "no runs", "no kills")
 * when there were no trials: an interval of [0 %, 100 %] over nothing says nothing.
 */
export function formatProportion(e: ProportionEstimate, none = "no runs"): string {
  if (e.trials === 0 || e.p === null) return none;
  return `${formatPercent(e.p)} [${formatPercent(e.lower)}, ${formatPercent(e.upper)}]`;
}

/** Abbreviations written in capitals when a code word is spelled out. */
const CAPITALS = new Set(["sam", "gnss", "gps", "ins", "iir", "ir", "imu", "tot", "cep"]);

/**
 * A code word (lower-case snake or kebab case: an event kind, a preset name) as words:
 * "track_lost" → "track lost", "long-range-sam" → "long range SAM"; other text unchanged.
 */
export function codeWords(code: string): string {
  // Only lower-case code words are spelled out: free text (a site kind "SA-x") stays as written.
  if (!/^[a-z0-9]+(?:[_-][a-z0-9]+)*$/.test(code)) return code;
  return code
    .split(/[_-]+/)
    .filter((w) => w !== "")
    .map((w) => (CAPITALS.has(w) ? w.toUpperCase() : w))
    .join(" ");
}
