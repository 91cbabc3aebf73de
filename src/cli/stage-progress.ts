/**
 * What a long command is doing, on stderr: one line rewritten in place on a terminal, a plain
 * line per stage otherwise (logs), nothing for --json or an Output that is not the process's
 * (tests and embedders capture their own). The engine only calls onStage; printing is here.
 */

import { type Output, processOutput } from "./output.js";

/** How to show stages: "auto" picks "tty", "lines" or "none" from the terminal and --json. */
export type ProgressMode = "auto" | "tty" | "lines" | "none" | "json";

/**
 * The environment variable that asks for machine-readable progress (`STANDOFF_PROGRESS=json`):
 * one `@progress {...}` JSON line on stderr per update, also with --json. `standoff serve` sets it
 * for the commands it runs as jobs, to drive its progress bar.
 */
export const PROGRESS_ENV = "STANDOFF_PROGRESS";

/** The prefix of a machine-readable progress line. */
export const PROGRESS_PREFIX = "@progress ";

/** Whether this process was asked for machine-readable progress (and prints to the process). */
export function jsonProgressRequested(io: Output): boolean {
  return process.env[PROGRESS_ENV] === "json" && io === processOutput;
}

/** A stage display: `onStage` for the engine, `done` before printing results. */
export interface StageProgress {
  /** Stage name (e.g. "viewsheds") and how far through it, 0–1, when known. */
  readonly onStage: (stage: string, fraction?: number) => void;
  /** Clear the terminal line (if any); later stages print nothing. */
  done(): void;
}

/** The display for a command: mode "auto" is a line on a terminal, plain lines otherwise, none with --json. */
export function stageProgress(
  io: Output,
  json: boolean,
  mode: ProgressMode = "auto",
  label = "standoff",
): StageProgress {
  const resolved =
    mode !== "auto"
      ? mode
      : jsonProgressRequested(io)
        ? "json"
        : json || io !== processOutput
          ? "none"
          : process.stderr.isTTY
            ? "tty"
            : "lines";
  const t0 = performance.now();
  let finished = false;
  if (resolved === "none") return { onStage: () => {}, done: () => {} };
  if (resolved === "json") {
    return {
      onStage(stage, fraction) {
        if (finished) return;
        const f = fraction === undefined ? null : Math.min(1, Math.max(0, fraction));
        io.err(`${PROGRESS_PREFIX}${JSON.stringify({ stage, fraction: f })}`);
      },
      done() {
        finished = true;
      },
    };
  }
  if (resolved === "lines") {
    let last = "";
    return {
      onStage(stage) {
        // One line per stage: a log gets the sequence and the time each began, not every tick.
        if (finished || stage === last) return;
        last = stage;
        io.err(`${label}: ${stage} (${elapsed(t0)})`);
      },
      done() {
        finished = true;
      },
    };
  }
  let shown = false;
  return {
    onStage(stage, fraction) {
      if (finished) return;
      const pct =
        fraction === undefined ? "" : ` ${Math.floor(100 * Math.min(1, Math.max(0, fraction)))} %`;
      // \r and "erase line": the next stage overwrites this one; done() leaves the line empty.
      process.stderr.write(`\r\x1b[2K${label}: ${stage}${pct} (${elapsed(t0)})`);
      shown = true;
    },
    done() {
      if (shown && !finished) process.stderr.write("\r\x1b[2K");
      finished = true;
    },
  };
}

function elapsed(t0: number): string {
  return `${((performance.now() - t0) / 1000).toFixed(1)} s`;
}
