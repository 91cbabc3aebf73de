/**
 * Strict reading of a reference CSV (a header row of column names, then one row of numbers per
 * sample), for files a user supplies as well as the bundled ones: every problem names the file,
 * the line and the column, instead of turning a bad cell into NaN.
 */

import { readFileSync } from "node:fs";
import { type Problem, ScenarioError } from "../scenario/problems.js";

/** Stop listing after this many problems; one bad export usually repeats the same mistake. */
const MAX_PROBLEMS = 10;

/** A file's text, or a ScenarioError saying why it cannot be read. */
export function readTextFile(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const got =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "a directory"
          : code === "EACCES"
            ? "permission denied"
            : String(code ?? e);
    throw new ScenarioError([{ file, path: "", expected: what, got }]);
  }
}

/**
 * Parse CSV text into named numeric columns. Requires a header of distinct, non-empty names, at
 * least one data row, the same number of cells in every row, a finite number in every cell, and a
 * strictly increasing `timeColumn`.
 */
export function parseCheckCaseCsv(
  text: string,
  file: string,
  timeColumn: string,
): Map<string, Float64Array> {
  const problems: Problem[] = [];
  const add = (line: number, path: string, expected: string, got: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ file, line, col: 1, path, expected, got });
  };
  const lines = text.split(/\r?\n/);
  // Trailing blank lines are harmless; blank lines in the middle are reported below.
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  if (lines.length === 0) {
    throw new ScenarioError([
      { file, path: "", expected: "a CSV header row of column names", got: "an empty file" },
    ]);
  }
  const header = lines[0].replace(/^\uFEFF/, "").split(",");
  const names = header.map((h) => h.trim());
  const seen = new Set<string>();
  names.forEach((n, c) => {
    if (n === "") add(1, `column ${c + 1}`, "a column name", "an empty name");
    else if (seen.has(n)) add(1, n, "each column named once", "a second column of that name");
    seen.add(n);
  });
  if (!seen.has(timeColumn)) {
    add(
      1,
      timeColumn,
      `a column named ${timeColumn} (s)`,
      `none among ${names.length} columns (${describeNames(names)})`,
    );
  }
  if (lines.length < 2) add(1, "", "at least one row of samples after the header", "none");
  if (problems.length > 0) throw new ScenarioError(problems);

  const rows = lines.length - 1;
  const cols = names.map(() => new Float64Array(rows));
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split(",");
    if (cells.length !== names.length) {
      add(
        i + 1,
        "",
        `${names.length} comma-separated cells, as in the header`,
        lines[i].trim() === "" ? "a blank line" : `${cells.length}`,
      );
      continue;
    }
    for (let c = 0; c < names.length; c++) {
      const cell = cells[c].trim();
      const v = cell === "" ? Number.NaN : Number(cell);
      if (!Number.isFinite(v)) {
        add(
          i + 1,
          names[c],
          "a finite number",
          cell === "" ? "an empty cell" : JSON.stringify(cell),
        );
      }
      cols[c][i - 1] = v;
    }
  }
  if (problems.length === 0) {
    const t = cols[names.indexOf(timeColumn)];
    for (let i = 1; i < t.length; i++) {
      if (!(t[i] > t[i - 1])) {
        add(i + 2, timeColumn, `a time after the previous row's ${t[i - 1]} s`, String(t[i]));
      }
    }
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  return new Map(names.map((n, c) => [n, cols[c]]));
}

/** Read and parse a reference CSV file (see parseCheckCaseCsv). */
export function readCheckCaseCsv(file: string, timeColumn: string): Map<string, Float64Array> {
  return parseCheckCaseCsv(readTextFile(file, "a readable reference CSV file"), file, timeColumn);
}

function describeNames(names: readonly string[]): string {
  const shown = names.slice(0, 6).join(", ");
  return names.length > 6 ? `${shown}, …` : shown;
}
