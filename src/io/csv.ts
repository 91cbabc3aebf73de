/** Writing a sampled time history as CSV: a header row of column names, then one row per sample. */

import type { SampleTable } from "../core/sample-table.js";

/**
 * CSV text for a table. Values carry 12 significant digits (sub-millimetre in ECEF metres, 1e-10°
 * in latitude), times are rounded to the nanosecond so 0.3 is written as 0.3, not 0.30000000000000004.
 * A non-finite value is a bug upstream, so it throws rather than writing NaN. Columns named in
 * `labels` hold integer codes and are written as the label for each code.
 */
export function tableToCsv(
  table: SampleTable,
  labels: Readonly<Record<string, readonly string[]>> = {},
): string {
  const names = table.names;
  const nCols = names.length;
  const lines: string[] = [names.join(",")];
  const timeCol = names.indexOf("t_s");
  const cells: string[] = new Array(nCols);
  // Categorical columns (e.g. phase) are stored as codes and written by name.
  const labelOf = names.map((n) => labels[n]);
  for (let i = 0; i < table.length; i++) {
    for (let c = 0; c < nCols; c++) {
      const v = table.at(i, c);
      if (!Number.isFinite(v)) {
        throw new RangeError(`refusing to write non-finite ${names[c]} = ${v} at row ${i + 1}`);
      }
      const lab = labelOf[c];
      cells[c] = lab
        ? (lab[v] ?? String(v))
        : c === timeCol
          ? String(Number(v.toFixed(9)))
          : formatNumber(v);
    }
    lines.push(cells.join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** A number with 12 significant digits and no trailing zeros; −0 is written as 0. */
export function formatNumber(v: number): string {
  if (v === 0) return "0";
  return String(Number(v.toPrecision(12)));
}

/** Parse CSV text with a header row into named numeric columns (for tests and verification). */
export function parseNumericCsv(text: string): Map<string, Float64Array> {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines[0].split(",").map((h) => h.trim());
  const cols = header.map(() => new Float64Array(lines.length - 1));
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split(",");
    for (let c = 0; c < header.length; c++) cols[c][i - 1] = Number(cells[c]);
  }
  return new Map(header.map((h, c) => [h, cols[c]]));
}
