/** `standoff verify`: the NASA 6-DOF check cases, one row per case and quantity. */

import { NASA_CASES } from "../verification/nasa-cases.js";
import { type VerifyRow, verifyCase } from "../verification/verify.js";
import { CliError } from "./cli-error.js";
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

/** Run the check cases and print the table; returns 1 if any row fails. */
export function verifyCommand(opts: VerifyOptions, io: Output): number {
  const cases = NASA_CASES.filter((c) => !opts.filter || c.id.includes(opts.filter));
  if (cases.length === 0) {
    throw new CliError([
      `--case: expected part of one of the case ids ${NASA_CASES.map((c) => c.id).join(", ")}, got "${opts.filter}"`,
    ]);
  }
  const rows: VerifyRow[] = cases.flatMap((c) => verifyCase(c));
  const failed = rows.filter((r) => !r.pass).length;
  if (opts.json) {
    io.out(JSON.stringify({ passed: rows.length - failed, failed, rows }, null, 2));
    return failed > 0 ? 1 : 0;
  }
  io.out("NASA TM-2015-218675 atmospheric check cases, 0–30 s at 0.1 s.");
  io.out(
    "max error: largest |ours − reference| against the closer of the two published simulations;",
  );
  io.out("vs sim_01 / vs sim_02: against each; ref spread: sim_01 against sim_02.");
  const header = [
    "case",
    "quantity",
    "max error",
    "tolerance",
    "vs sim_01",
    "vs sim_02",
    "ref spread",
    "unit",
    "result",
  ];
  const table = rows.map((r) => [
    `${r.caseId} ${r.title}`,
    r.quantity,
    fmt(r.maxError),
    fmt(r.tolerance),
    fmt(r.errors[0] ?? Number.NaN),
    fmt(r.errors[1] ?? Number.NaN),
    fmt(r.refSpread),
    r.unit,
    r.pass ? "pass" : "FAIL",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 2 && i <= 6 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  io.out(line(header));
  for (const t of table) io.out(line(t));
  io.out(`${rows.length - failed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}
