/**
 * The report of a `body` run (the generic 6-DOF rigid body) as ONE self-contained HTML file:
 * summary, time charts of what the samples hold (altitude, speed, Mach, body rates, attitude,
 * aerodynamic angles), events and limitations. Same page head, styles and inlined uPlot as the
 * mission report (html-report.ts), so it works offline from file:// under the same
 * Content-Security-Policy; a body has no route, phases or fuel, so its charts are plain time
 * series chosen from the columns present.
 */

import { roundTo } from "../core/rounding.js";
import type { SampleTable } from "../core/sample-table.js";
import { thinSampleIndices } from "../core/thin-samples.js";
import type { RunEvent } from "../dynamics/run-result.js";
import { escapeHtml, pageHead } from "./html-page.js";
import { reportTail, summaryTable, uplotAssets } from "./html-report.js";
import type { SummaryItem } from "./report-data.js";

/** What the body report needs: plain data, no simulation objects. */
export interface BodyReportInput {
  readonly title: string;
  /** The scenario file the run came from (shown, not read). */
  readonly scenarioFile: string;
  /** e.g. "standoff 0.2.0". */
  readonly generator: string;
  /** The body's samples (trajectory.csv's columns); any column may be missing. */
  readonly samples: SampleTable;
  readonly events: readonly RunEvent[];
  readonly summary: readonly SummaryItem[];
  readonly limitations: readonly string[];
  /**
   * Whether the run had an atmosphere. Without one, Mach, airspeed and the aerodynamic angles are
   * zero by construction and are not charted.
   */
  readonly atmosphere: boolean;
}

/** One line on a chart: a sample column, optionally transformed. */
interface SeriesSpec {
  readonly label: string;
  readonly color: string;
  /** Decimals shown in the legend. */
  readonly digits: number;
  readonly columns: readonly string[];
  /** The plotted value from the columns' values at a row (default: the first column's). */
  readonly value?: (v: readonly number[]) => number;
  readonly airData?: boolean;
}

interface ChartSpec {
  readonly id: string;
  readonly title: string;
  readonly yLabel: string;
  readonly series: readonly SeriesSpec[];
}

/** Okabe–Ito colours, distinguishable with colour-vision deficiency. */
const C = {
  blue: "#0072B2",
  orange: "#E69F00",
  green: "#009E73",
  red: "#D55E00",
  purple: "#CC79A7",
};

/** Every chart the report can draw; a series is drawn only when its columns are present. */
const CHARTS: readonly ChartSpec[] = [
  {
    id: "altitude",
    title: "Altitude",
    yLabel: "height above WGS-84 (m)",
    series: [{ label: "altitude (m)", color: C.blue, digits: 1, columns: ["alt_m"] }],
  },
  {
    id: "speed",
    title: "Speed",
    yLabel: "speed (m/s)",
    series: [
      {
        label: "Earth-relative (m/s)",
        color: C.blue,
        digits: 1,
        columns: ["vn_mps", "ve_mps", "vd_mps"],
        value: ([n, e, d]) => Math.hypot(n, e, d),
      },
      {
        label: "true airspeed (m/s)",
        color: C.orange,
        digits: 1,
        columns: ["tas_mps"],
        airData: true,
      },
    ],
  },
  {
    id: "mach",
    title: "Mach number",
    yLabel: "Mach",
    series: [{ label: "Mach", color: C.purple, digits: 3, columns: ["mach"], airData: true }],
  },
  {
    id: "rates",
    title: "Body rates",
    yLabel: "rate (deg/s)",
    series: [
      { label: "p, roll (deg/s)", color: C.blue, digits: 2, columns: ["p_dps"] },
      { label: "q, pitch (deg/s)", color: C.orange, digits: 2, columns: ["q_dps"] },
      { label: "r, yaw (deg/s)", color: C.green, digits: 2, columns: ["r_dps"] },
    ],
  },
  {
    id: "attitude",
    title: "Attitude (3-2-1 Euler angles to local NED)",
    yLabel: "angle (deg)",
    series: [
      { label: "roll φ (deg)", color: C.blue, digits: 2, columns: ["phi_deg"] },
      { label: "pitch θ (deg)", color: C.orange, digits: 2, columns: ["theta_deg"] },
      { label: "yaw ψ (deg)", color: C.green, digits: 2, columns: ["psi_deg"] },
    ],
  },
  {
    id: "aero-angles",
    title: "Angle of attack and sideslip",
    yLabel: "angle (deg)",
    series: [
      { label: "α (deg)", color: C.red, digits: 3, columns: ["alpha_deg"], airData: true },
      { label: "β (deg)", color: C.green, digits: 3, columns: ["beta_deg"], airData: true },
    ],
  },
];

/** What the inline script reads from the `standoff-data` block. */
interface BodyChartData {
  t: number[];
  charts: Array<{
    id: string;
    title: string;
    yLabel: string;
    series: Array<{ label: string; color: string; digits: number; values: number[] }>;
  }>;
}

/** The charts the samples support, thinned to the output budget and rounded for the page. */
export function bodyChartData(input: BodyReportInput): BodyChartData {
  const s = input.samples;
  const rows = s.has("t_s") ? thinSampleIndices(s) : [];
  const out: BodyChartData = { t: [], charts: [] };
  if (rows.length === 0) return out;
  const t = s.column("t_s");
  out.t = rows.map((i) => roundTo(t[i], 4));
  for (const chart of CHARTS) {
    const series = chart.series
      .filter((se) => (input.atmosphere || !se.airData) && se.columns.every((c) => s.has(c)))
      .map((se) => {
        const cols = se.columns.map((c) => s.column(c));
        const pick = se.value ?? ((v: readonly number[]) => v[0]);
        const values = rows.map((i) => {
          const v = pick(cols.map((col) => col[i]));
          return roundTo(v, se.digits + 2);
        });
        return { label: se.label, color: se.color, digits: se.digits, values };
      });
    if (series.length > 0) {
      out.charts.push({
        id: `chart-${chart.id}`,
        title: chart.title,
        yLabel: chart.yLabel,
        series,
      });
    }
  }
  return out;
}

/** The complete HTML document for a body run. Reads uPlot from node_modules on every call. */
export function renderBodyReport(input: BodyReportInput): string {
  const { js: uplotJs, css: uplotCss } = uplotAssets();
  const data = bodyChartData(input);
  const charts =
    data.charts.length === 0
      ? "<p>No samples were recorded, so there is nothing to chart.</p>"
      : `<noscript><p>The charts need JavaScript; the tables do not.</p></noscript>
<div class="charts">
${data.charts.map((c) => `<div class="chart" id="${escapeHtml(c.id)}"></div>`).join("\n")}
</div>`;
  return `${pageHead({ title: input.title, generator: input.generator, scripts: true, styles: [uplotCss] })}<main>
<section>
<h2>Summary</h2>
${summaryTable(input.summary)}
</section>
<section>
<h2>Flight</h2>
${charts}
</section>
${reportTail(input, data, uplotJs, BODY_CHART_SCRIPT)}`;
}

/**
 * The browser side, plain ES2017 like the mission report's: one uPlot time chart per entry of
 * D.charts, resized with the window.
 */
const BODY_CHART_SCRIPT = String.raw`
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("standoff-data").textContent);
  var HEIGHT = 300;
  var charts = [];
  function fixed(d) {
    return function (u, v) { return v == null ? "\u2013" : v.toFixed(d); };
  }
  function widthOf(el) { return Math.max(260, el.clientWidth); }
  D.charts.forEach(function (c) {
    var el = document.getElementById(c.id);
    var u = new uPlot({
      title: c.title,
      width: widthOf(el),
      height: HEIGHT,
      scales: { x: { time: false } },
      series: [{ label: "t (s)", value: fixed(2) }].concat(c.series.map(function (s) {
        return { label: s.label, stroke: s.color, width: 2, value: fixed(s.digits) };
      })),
      axes: [{ label: "time (s)" }, { label: c.yLabel, size: 64 }],
    }, [D.t].concat(c.series.map(function (s) { return s.values; })), el);
    charts.push({ el: el, u: u });
  });
  var pending = 0;
  window.addEventListener("resize", function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () {
      charts.forEach(function (c) { c.u.setSize({ width: widthOf(c.el), height: HEIGHT }); });
    });
  });
})();
`;
