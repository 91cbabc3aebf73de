/** `standoff verify`: the NASA 6-DOF check cases, one row per case and quantity. */

import { UserError } from "../core/user-error.js";
import { NASA_CASES } from "../verification/nasa-cases.js";
import { type VerifyRow, verifyCase } from "../verification/verify.js";
import type { Output } from "./output.js";

/** Options of `standoff verify`. */
export interface VerifyOptions {
  readonly filter: string | undefined;
  readonly json: boolean;
}

const fmt = (v: number) =>
  Number.isNaN(v)
    ? "n/a"
    : v === 0
      ? "0"
      : Math.abs(v) >= 0.01 && Math.abs(v) < 1e5
        ? v.toFixed(4)
        : v.toExponential(2);

/**
 * Run the check cases and print the table; returns 1 if any row fails. `--case` selects the
 * bundled cases whose id contains it.
 */
export function verifyCommand(opts: VerifyOptions, io: Output): number {
  const arg = opts.filter;
  const cases = NASA_CASES.filter((c) => !arg || c.id.includes(arg));
  if (cases.length === 0) {
    throw new UserError([
      `--case: expected part of one of the case ids ${NASA_CASES.map((c) => c.id).join(", ")}, got "${arg}"`,
    ]);
  }
  return report(
    cases.flatMap((c) => verifyCase(c)),
    opts.json,
    io,
    [
      "NASA TM-2015-218675 atmospheric check cases, 0–30 s at 0.1 s.",
      "max error: largest |ours − reference| against the closer of the two published simulations;",
      "vs sim_01 / vs sim_02: against each; ref spread: sim_01 against sim_02.",
    ],
  );
}

/** Print the rows as JSON or as a table under the intro lines; 1 if any row failed. */
function report(rows: readonly VerifyRow[], json: boolean, io: Output, intro: string[]): number {
  const failed = rows.filter((r) => !r.pass).length;
  if (json) {
    io.out(JSON.stringify({ passed: rows.length - failed, failed, rows }, null, 2));
    return failed > 0 ? 1 : 0;
  }
  for (const l of intro) io.out(l);
  const labels = rows[0]?.references ?? [];
  const header = [
    "case",
    "quantity",
    "max error",
    "tolerance",
    ...labels.map((l) => `vs ${l}`),
    "ref spread",
    "unit",
    "result",
  ];
  const nums = (i: number) => i >= 2 && i <= 4 + labels.length;
  const table = rows.map((r) => [
    `${r.caseId} ${r.title}`,
    r.quantity,
    fmt(r.maxError),
    fmt(r.tolerance),
    ...labels.map((_, k) => fmt(r.errors[k] ?? Number.NaN)),
    fmt(r.refSpread),
    r.unit || "-",
    r.pass ? "pass" : "FAIL",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (nums(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  io.out(line(header));
  for (const t of table) io.out(line(t));
  io.out(`${rows.length - failed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}
