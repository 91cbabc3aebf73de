/**
 * `standoff verify`: the NASA 6-DOF check cases, or a check case the user supplies as a folder,
 * one row per case and quantity.
 */

import { existsSync } from "node:fs";
import { basename } from "node:path";
import { UserError } from "../core/user-error.js";
import { NASA_CASES } from "../verification/nasa-cases.js";
import { isDirectory, loadUserCase } from "../verification/user-case.js";
import { type VerifyRow, verifyCase } from "../verification/verify.js";
import type { Output } from "./output.js";

/** Options of `standoff verify`. */
export interface VerifyOptions {
  /** --case: a check-case folder, or else text that bundled case ids must contain. */
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
 * Run the check cases and print the table; returns 1 if any row fails. `--case` names a folder
 * (a user check case) when one exists at that path; otherwise it selects the bundled cases whose
 * id contains it, and matching none is an error (exit 1, as before folders were accepted).
 */
export function verifyCommand(opts: VerifyOptions, io: Output): number {
  const arg = opts.filter;
  if (arg !== undefined && isDirectory(arg)) {
    const user = loadUserCase(arg);
    const rows = verifyCase(user.checkCase, undefined, user.references);
    const c = user.checkCase;
    const refs = c.references.map((r) => basename(r.file)).join(", ");
    return report(rows, opts.json, io, [
      `Check case ${arg} (${c.title}): ${basename(c.scenario)} against ${refs}, every ${c.sampleDt_s} s; tolerances from ${basename(user.toleranceFile)}.`,
      "max error: largest |ours − reference| against the closest reference;",
      "vs …: against each reference; ref spread: largest difference between the references themselves.",
    ]);
  }
  const cases = NASA_CASES.filter((c) => !arg || c.id.includes(arg));
  if (cases.length === 0) {
    const ids = NASA_CASES.map((c) => c.id).join(", ");
    throw new UserError([
      existsSync(arg ?? "")
        ? `--case: expected part of one of the case ids ${ids}, or a check-case folder, got the file "${arg}" (give its folder)`
        : `--case: expected part of one of the case ids ${ids}, or a check-case folder, got "${arg}" (no case id contains it and there is no such folder)`,
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
