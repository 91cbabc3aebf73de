/**
 * The sweep page: P(target destroyed) against the swept value with its 95 % band, the expected
 * missiles leaking and interceptors expended with theirs, and the table. Plain SVG, no script.
 */

import { escapeHtml, pageHead } from "./html-page.js";

/** A value with its interval. */
export interface BandPoint {
  readonly x: number;
  readonly y: number;
  readonly lo: number;
  readonly hi: number;
}

/** What the page shows (plain data). */
export interface SweepReportData {
  readonly title: string;
  readonly generator: string;
  readonly path: string;
  readonly runs: number;
  readonly seed: number;
  readonly goal: number | null;
  readonly reaching: { readonly estimate: number | null; readonly lowerBound: number | null };
  readonly pDestroyed: readonly BandPoint[];
  readonly leaked: readonly BandPoint[];
  readonly interceptors: readonly BandPoint[];
}

const W = 520;
const H = 300;
const M = { l: 56, r: 16, t: 28, b: 44 };

/** One chart: line, band, points, axes; y from 0 to yMax. */
function chart(
  title: string,
  xLabel: string,
  pts: readonly BandPoint[],
  yMax: number,
  goal: number | null,
): string {
  const xs = pts.map((p) => p.x);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs) === x0 ? x0 + 1 : Math.max(...xs);
  const sx = (x: number) => M.l + ((x - x0) / (x1 - x0)) * (W - M.l - M.r);
  const sy = (y: number) => H - M.b - (Math.max(0, Math.min(y, yMax)) / yMax) * (H - M.t - M.b);
  const band = [
    ...pts.map((p) => `${sx(p.x).toFixed(1)},${sy(p.hi).toFixed(1)}`),
    ...[...pts].reverse().map((p) => `${sx(p.x).toFixed(1)},${sy(p.lo).toFixed(1)}`),
  ].join(" ");
  const line = pts.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(" ");
  const ticksY = [0, 0.25, 0.5, 0.75, 1].map((f) => f * yMax);
  const fmt = (v: number) => (yMax <= 1 ? v.toFixed(2) : v.toFixed(yMax < 10 ? 1 : 0));
  const axes = [
    `<line x1="${M.l}" y1="${H - M.b}" x2="${W - M.r}" y2="${H - M.b}" stroke="#888"/>`,
    `<line x1="${M.l}" y1="${M.t}" x2="${M.l}" y2="${H - M.b}" stroke="#888"/>`,
    ...ticksY.map(
      (v) =>
        `<text x="${M.l - 6}" y="${sy(v) + 4}" text-anchor="end" font-size="11">${fmt(v)}</text><line x1="${M.l}" y1="${sy(v)}" x2="${W - M.r}" y2="${sy(v)}" stroke="#eee"/>`,
    ),
    ...pts.map(
      (p) =>
        `<text x="${sx(p.x)}" y="${H - M.b + 16}" text-anchor="middle" font-size="11">${p.x}</text>`,
    ),
    `<text x="${(M.l + W - M.r) / 2}" y="${H - 8}" text-anchor="middle" font-size="12">${escapeHtml(xLabel)}</text>`,
    `<text x="${M.l}" y="16" font-size="13" font-weight="600">${escapeHtml(title)}</text>`,
  ];
  const goalLine =
    goal === null
      ? ""
      : `<line x1="${M.l}" y1="${sy(goal)}" x2="${W - M.r}" y2="${sy(goal)}" stroke="#d7301f" stroke-dasharray="5 4"/><text x="${W - M.r}" y="${sy(goal) - 4}" text-anchor="end" font-size="11" fill="#d7301f">goal ${goal}</text>`;
  const dots = pts
    .map((p) => `<circle cx="${sx(p.x)}" cy="${sy(p.y)}" r="3" fill="#2c7fb8"/>`)
    .join("");
  return `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(title)}">
${axes.join("\n")}
<polygon points="${band}" fill="#2c7fb8" fill-opacity="0.2" stroke="none"/>
<polyline points="${line}" fill="none" stroke="#2c7fb8" stroke-width="2"/>${dots}${goalLine}
</svg>`;
}

/** The sweep's HTML page. */
export function renderSweepReport(d: SweepReportData): string {
  const maxOf = (pts: readonly BandPoint[]) => Math.max(1, ...pts.map((p) => p.hi)) * 1.1;
  const rows = d.pDestroyed
    .map((p, i) => {
      const l = d.leaked[i];
      const n = d.interceptors[i];
      return `<tr><td class="num">${p.x}</td><td class="num">${p.y.toFixed(3)} [${p.lo.toFixed(3)}, ${p.hi.toFixed(3)}]</td><td class="num">${l.y.toFixed(2)} [${l.lo.toFixed(2)}, ${l.hi.toFixed(2)}]</td><td class="num">${n.y.toFixed(1)} [${n.lo.toFixed(1)}, ${n.hi.toFixed(1)}]</td></tr>`;
    })
    .join("\n");
  const goal =
    d.goal === null
      ? ""
      : `<p>Smallest ${escapeHtml(d.path)} reaching P(destroyed) ≥ ${d.goal}: ${d.reaching.estimate ?? "none swept"} by the estimate, ${d.reaching.lowerBound ?? "none swept"} by the 95 % lower bound.</p>`;
  return `${pageHead({ title: d.title, generator: d.generator, scripts: false })}<main>
<section><h2>Sweep of ${escapeHtml(d.path)}</h2>
<p>${d.runs} runs at each value (study seed ${d.seed}); bands and brackets are 95 % intervals (Wilson for P(destroyed), normal approximation for the means).</p>
${goal}
<div class="charts">
<div class="chart">${chart("P(target destroyed)", d.path, d.pDestroyed, 1, d.goal)}</div>
<div class="chart">${chart("missiles leaking to the target", d.path, d.leaked, maxOf(d.leaked), null)}</div>
<div class="chart">${chart("interceptors expended", d.path, d.interceptors, maxOf(d.interceptors), null)}</div>
</div>
<table><thead><tr><th>${escapeHtml(d.path)}</th><th>P(destroyed)</th><th>missiles leaking</th><th>interceptors</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</section>
</main>
<footer>${escapeHtml(d.generator)}</footer>
</body>
</html>
`;
}
