/** Line charts with uPlot (the library the static reports use), cursors synced across charts. */

import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { h } from "./dom.js";

/** One line. */
export interface Series {
  readonly label: string;
  readonly values: ArrayLike<number | null>;
  readonly colour: string;
  readonly dash?: number[];
  /** Draw across missing values (two runs on one x axis). */
  readonly spanGaps?: boolean;
}

/** A chart of series against x in `parent`; its cursor moves with the other charts of `sync`. */
export function lineChart(
  parent: HTMLElement,
  title: string,
  xLabel: string,
  yLabel: string,
  x: ArrayLike<number>,
  series: readonly Series[],
  sync = "standoff",
  width = 520,
): uPlot {
  const box = h("div", { class: "chart", "data-title": title });
  parent.append(box);
  const data = [Array.from(x), ...series.map((s) => Array.from(s.values))] as uPlot.AlignedData;
  return new uPlot(
    {
      title,
      width,
      height: 240,
      cursor: { sync: { key: sync } },
      scales: { x: { time: false } },
      axes: [{ label: xLabel }, { label: yLabel }],
      series: [
        { label: xLabel },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.colour,
          width: 1.5,
          ...(s.dash ? { dash: s.dash } : {}),
          ...(s.spanGaps ? { spanGaps: true } : {}),
        })),
      ],
    },
    data,
    box,
  );
}

/** Parse CSV text with a header row into columns (numbers where they parse, else NaN). */
export function parseCsv(text: string, every = 1): Map<string, Float64Array | string[]> {
  const lines = text.split("\n").filter((l) => l !== "");
  const head = lines[0]?.split(",") ?? [];
  const rows = lines.slice(1).filter((_, i, a) => i % every === 0 || i === a.length - 1);
  const cols = new Map<string, Float64Array | string[]>();
  head.forEach((name, c) => {
    const first = rows[0]?.split(",")[c] ?? "";
    if (first !== "" && Number.isNaN(Number(first))) {
      cols.set(
        name,
        rows.map((r) => r.split(",")[c] ?? ""),
      );
    } else {
      const v = new Float64Array(rows.length);
      rows.forEach((r, i) => {
        const s = r.split(",")[c];
        v[i] = s === undefined || s === "" ? Number.NaN : Number(s);
      });
      cols.set(name, v);
    }
  });
  return cols;
}
