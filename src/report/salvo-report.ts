/**
 * A salvo's report as one self-contained HTML page: the map with every flyer's track coloured by
 * its fate and the kill points marked, each SAM site's engagement timeline (fire channels busy and
 * interceptors left against salvo time), and the leak/kill table per flyer and per site. Inline
 * SVG only (no script), so it reads without JavaScript and prints as drawn.
 */

import type { SiteTotals } from "../threats/defence-types.js";
import { escapeHtml, pageHead } from "./html-page.js";
import { formatValue } from "./html-report.js";
import type { TerrainMapInput } from "./map-input.js";
import { renderTerrainMap } from "./terrain-map.js";

/** What became of a flyer. */
export type SalvoFate =
  | "arrived"
  | "killed"
  | "leaked, missed"
  | "decoy"
  | "aircraft survived"
  | "aircraft killed";

/** One flyer's row of the leak/kill table. */
export interface SalvoFlyerRow {
  readonly name: string;
  readonly kind: "missile" | "decoy" | "aircraft";
  /** Launch (an aircraft: its entry), salvo time, s; null when it never flew. */
  readonly launch_s: number | null;
  readonly fate: SalvoFate;
  /** The site that killed it, or null. */
  readonly by: string | null;
  /** When it was killed, or its flight ended, salvo time, s. */
  readonly at_s: number | null;
  /** Interceptors fired at it (every site). */
  readonly shots: number;
  /** The flight's end status (ground_impact, killed, timeout, ...). */
  readonly outcome: string;
}

/** One SAM site's totals and its timeline (steps: values hold from t_s[i] on). */
export interface SalvoSiteRow extends Omit<SiteTotals, "tracks_refused"> {
  readonly fire_channels: number;
  readonly magazine: number;
  readonly timeline: {
    readonly t_s: readonly number[];
    readonly busy: readonly number[];
    readonly left: readonly number[];
    /** Rounds ready on the launchers (the rest of those left are in the reserve). */
    readonly ready: readonly number[];
  };
}

/** Everything the page shows (plain data). */
export interface SalvoReportData {
  readonly title: string;
  readonly generator: string;
  readonly scenarioFile: string;
  /** The map (terrain, sites, tracks by fate, kill points), or null without positions. */
  readonly map: TerrainMapInput | null;
  /** The same, zoomed on the target area (where the point defences engage), or null. */
  readonly targetMap: TerrainMapInput | null;
  readonly flyers: readonly SalvoFlyerRow[];
  readonly sites: readonly SalvoSiteRow[];
  /** The end of the timeline, salvo time, s. */
  readonly end_s: number;
  readonly limitations: readonly string[];
}

/** Track colour of each fate (Okabe–Ito where they fit), and whether it is dashed. */
export const FATE_STYLES: Readonly<Record<SalvoFate, { color: string; dashed: boolean }>> = {
  arrived: { color: "#009e73", dashed: false },
  killed: { color: "#d55e00", dashed: false },
  "leaked, missed": { color: "#cc79a7", dashed: false },
  decoy: { color: "#4d4d4d", dashed: true },
  "aircraft survived": { color: "#0072b2", dashed: true },
  "aircraft killed": { color: "#8c510a", dashed: true },
};

const BUSY = "#d55e00";
const LEFT = "#0072b2";
const READY = "#1d2330";
const W = 540;
const H = 250;
const M = { l: 44, r: 14, t: 26, b: 40 };
/** Gap between a timeline's two panels, px. */
const PANEL_GAP = 14;

/** A round tick step giving about n ticks over span. */
function tickStep(span: number, n: number): number {
  const raw = span / n;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((k) => k * p).find((s) => s >= raw) ?? 10 * p;
}

/**
 * One site's timeline: two panels on one time axis, fire channels busy (0 to the site's channels)
 * above interceptors left (0 to its magazine), as steps against salvo time.
 */
function siteChart(s: SalvoSiteRow, x0: number, end_s: number): string {
  const x1 = Math.max(x0 + 1, end_s);
  const sx = (t: number) =>
    M.l + ((Math.max(x0, Math.min(t, x1)) - x0) / (x1 - x0)) * (W - M.l - M.r);
  const f = (v: number) => v.toFixed(1);
  const panelH = (H - M.t - M.b - PANEL_GAP) / 2;
  const parts: string[] = [];
  const panel = (
    top: number,
    yMax: number,
    vals: readonly number[],
    color: string,
    cls: string,
    name: string,
  ) => {
    const sy = (v: number) => top + panelH - (v / Math.max(1, yMax)) * panelH;
    const stepLine = (v: readonly number[]) => {
      const { t_s } = s.timeline;
      const pts: string[] = [];
      for (let i = 0; i < t_s.length; i++) {
        if (i > 0) pts.push(`${f(sx(t_s[i]))},${f(sy(v[i - 1]))}`);
        pts.push(`${f(sx(t_s[i]))},${f(sy(v[i]))}`);
      }
      pts.push(`${f(sx(x1))},${f(sy(v[v.length - 1]))}`);
      return pts.join(" ");
    };
    const step = Math.max(1, tickStep(Math.max(1, yMax), 2));
    for (let v = 0; v <= yMax + 1e-9; v += step) {
      parts.push(
        `<line x1="${M.l}" y1="${f(sy(v))}" x2="${W - M.r}" y2="${f(sy(v))}" stroke="#eee"/><text x="${M.l - 6}" y="${f(sy(v) + 4)}" text-anchor="end" font-size="11">${v}</text>`,
      );
    }
    const line = stepLine(vals);
    parts.push(
      `<line x1="${M.l}" y1="${f(top)}" x2="${M.l}" y2="${f(top + panelH)}" stroke="#888"/>`,
      `<line x1="${M.l}" y1="${f(sy(yMax))}" x2="${W - M.r}" y2="${f(sy(yMax))}" stroke="#5b6475" stroke-dasharray="4 3"/>`,
      `<polygon points="${f(sx(0))},${f(sy(0))} ${line} ${f(sx(x1))},${f(sy(0))}" fill="${color}" fill-opacity="0.15" stroke="none"/>`,
      `<polyline class="${cls}" points="${line}" fill="none" stroke="${color}" stroke-width="2"/>`,
      `<text x="${M.l + 6}" y="${f(top + 11)}" font-size="11" fill="${color}" font-weight="600" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeHtml(name)}</text>`,
    );
    return stepLine;
  };
  panel(
    M.t,
    s.fire_channels,
    s.timeline.busy,
    BUSY,
    "busy",
    `fire channels busy (of ${s.fire_channels})`,
  );
  const leftLine = panel(
    M.t + panelH + PANEL_GAP,
    s.magazine,
    s.timeline.left,
    LEFT,
    "left",
    `interceptors left (of ${s.magazine})`,
  );
  // With a reserve behind the launchers, the rounds ready to fire as a dashed line.
  const { ready, left } = s.timeline;
  if (ready.some((r, i) => r !== left[i])) {
    const y = M.t + panelH + PANEL_GAP + 11;
    parts.push(
      `<polyline class="ready" points="${leftLine(ready)}" fill="none" stroke="${READY}" stroke-width="1.8" stroke-dasharray="5 3"/>`,
      `<path d="M${W - M.r - 150},${y - 4}h16" stroke="${READY}" stroke-width="1.8" stroke-dasharray="5 3"/><text x="${W - M.r - 130}" y="${y}" font-size="11" fill="${READY}" stroke="#fff" stroke-width="3" paint-order="stroke">ready on the launchers</text>`,
    );
  }
  const xStep = tickStep(x1 - x0, 6);
  const base = H - M.b;
  for (let t = Math.ceil(x0 / xStep) * xStep; t <= x1 + 1e-9; t += xStep) {
    parts.push(
      `<line x1="${f(sx(t))}" y1="${base}" x2="${f(sx(t))}" y2="${base + 4}" stroke="#888"/><text x="${f(sx(t))}" y="${base + 16}" text-anchor="middle" font-size="11">${formatValue(t)}</text>`,
    );
  }
  const title = `${s.name} (${s.preset})`;
  return `<svg class="site-timeline" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(`${title}: fire channels busy and interceptors left against salvo time`)}" font-family="system-ui, sans-serif">
<text x="${M.l}" y="16" font-size="13" font-weight="600">${escapeHtml(title)}</text>
${parts.join("\n")}
<line x1="${M.l}" y1="${base}" x2="${W - M.r}" y2="${base}" stroke="#888"/>
<text x="${(M.l + W - M.r) / 2}" y="${H - 6}" text-anchor="middle" font-size="12">salvo time (s)</text>
</svg>`;
}

/** A time in seconds for the tables, or a dash. */
function secs(t: number | null): string {
  return t === null ? "—" : t.toFixed(1);
}

function flyerTable(flyers: readonly SalvoFlyerRow[]): string {
  const rows = flyers.map((f) => {
    const st = FATE_STYLES[f.fate];
    const by = f.by ? `${escapeHtml(f.by)} at ${secs(f.at_s)} s` : "—";
    return `<tr><td>${escapeHtml(f.name)}</td><td>${f.kind}</td><td class="num">${secs(f.launch_s)}</td><td><span class="fate" style="background:${st.color}"></span>${escapeHtml(f.fate)}</td><td>${by}</td><td class="num">${f.by ? "—" : secs(f.at_s)}</td><td class="num">${f.shots}</td></tr>`;
  });
  return `<table class="flyers"><thead><tr><th>flyer</th><th>kind</th><th>launched (s)</th><th>fate</th><th>killed by, when</th><th>flight ended (s)</th><th>interceptors fired at it</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>`;
}

function siteTable(sites: readonly SalvoSiteRow[]): string {
  const rows = sites.map(
    (s) =>
      `<tr><td>${escapeHtml(s.name)}</td><td class="num">${s.shots}</td><td class="num">${s.kills}</td><td class="num">${s.wasted}</td><td class="num">${s.interceptors_left} of ${s.magazine}</td><td class="num">${s.saturated_s.toFixed(1)}</td><td class="num">${s.max_channels_busy} of ${s.fire_channels}</td></tr>`,
  );
  return `<table class="sites"><thead><tr><th>site</th><th>interceptors fired</th><th>kills</th><th>wasted</th><th>interceptors left</th><th>saturated (s)</th><th>most channels busy</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>`;
}

const SALVO_CSS = `
.fate { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px;
  vertical-align: -1px; }
.timelines { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 540px), 1fr));
  gap: 12px; }
.timelines svg { max-width: 100%; height: auto; }
`;

/** The salvo's HTML page. */
export function renderSalvoReport(d: SalvoReportData): string {
  const counts = (fate: SalvoFate) => d.flyers.filter((f) => f.fate === fate).length;
  const launched = d.flyers.filter((f) => f.kind !== "aircraft").length;
  const headline = `${launched} flyer${launched === 1 ? "" : "s"} launched: ${counts("arrived")} arrived, ${counts("killed")} shot down, ${counts("leaked, missed")} leaked but missed, ${counts("decoy")} decoy${counts("decoy") === 1 ? "" : "s"} not shot down.`;
  // The charts start a little before the first shot: until then every channel is free and every
  // magazine full, and a long quiet lead-in would squeeze the engagement into a sliver.
  const firstShot = Math.min(
    ...d.sites.flatMap((s) => s.timeline.t_s.filter((t, i) => i > 0 && Number.isFinite(t))),
  );
  const x0 = Number.isFinite(firstShot)
    ? Math.max(0, firstShot - 0.08 * Math.max(1, d.end_s - firstShot))
    : 0;
  const quiet =
    x0 > 0
      ? ` The charts start at ${x0.toFixed(0)} s: no interceptor was fired before ${firstShot.toFixed(1)} s.`
      : "";
  const timelines =
    d.sites.length === 0
      ? "<p>The scenario has no SAM site.</p>"
      : `<p>Fire channels busy (a shot holds one per interceptor until it arrives or its target leaves) and interceptors left (the magazine less the interceptors fired; reloads move rounds from the reserve to the launchers and do not change it; where the site has a reserve, the dashed line is the rounds ready on the launchers, reloaded one rail at a time), from the defence's event log.${quiet}</p>
<div class="timelines">
${d.sites.map((s) => `<div class="timeline">${siteChart(s, x0, d.end_s)}</div>`).join("\n")}
</div>`;
  return `${pageHead({ title: d.title, generator: d.generator, scripts: false, styles: [SALVO_CSS] })}<main>
<section id="summary"><h2>Summary</h2><p>${escapeHtml(headline)}</p></section>
${
  d.map
    ? `<section id="map"><h2>Map: every flyer's track by its fate, the sites and the kills</h2>
<div class="map">${renderTerrainMap(d.map)}</div></section>`
    : ""
}${
  d.targetMap
    ? `<section id="target-map"><h2>Map: the target area</h2>
<div class="map">${renderTerrainMap(d.targetMap)}</div></section>`
    : ""
}
<section id="timelines"><h2>Engagement timeline per site</h2>
${timelines}
</section>
<section id="leak-kill"><h2>Leaks and kills</h2>
${flyerTable(d.flyers)}
<h3>Per site</h3>
${d.sites.length === 0 ? "<p>No SAM site.</p>" : siteTable(d.sites)}
</section>
<section><h2>Limitations</h2>
<ul class="limitations">${d.limitations.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>
</section>
</main>
<footer>Generated by ${escapeHtml(d.generator)} from <code>${escapeHtml(d.scenarioFile)}</code>.</footer>
</body>
</html>
`;
}
