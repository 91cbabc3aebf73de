/** Flight phases, recorded as a number per sample and named in outputs. */

export const PHASE_SEPARATION = 0;
export const PHASE_MIDCOURSE = 1;
export const PHASE_TERMINAL = 2;
export const PHASE_GLIDE = 3;

/** Phase names by code. */
export const PHASE_NAMES: readonly string[] = ["separation", "midcourse", "terminal", "glide"];
