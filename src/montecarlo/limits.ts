/** Limits of a study's options, apart from runner.ts so the CLI can check them without loading it. */

/** Most worker threads a study may use (a pool this size already outruns a single machine). */
export const MAX_WORKERS = 256;
