/**
 * Limits of `standoff reach`, apart from reach.ts so the CLI can check its options without
 * loading the engine.
 */

/** Footprint direction steps, degrees: at least 4 directions, at most 360 flights. */
export const MIN_AZIMUTH_STEP_DEG = 1;
export const MAX_AZIMUTH_STEP_DEG = 90;
