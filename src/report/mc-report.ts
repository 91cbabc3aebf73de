/**
 * A Monte Carlo study's report as ONE self-contained HTML file, in the style of the mission report
 * (html-report.ts): the same banner, the same Content-Security-Policy forbidding every network
 * fetch, uPlot inlined for the time chart. Sections: the summary with confidence intervals, the
 * impact scatter with CEP circles, the survival funnel by phase, navigation-error envelopes over
 * time, the kill share per threat site, the dispersions, and the limitations.
 *
 * The scatter, funnel and kill-share charts are inline SVG or plain HTML (they read without
 * JavaScript); the envelopes are a uPlot chart with a table fallback.
 */

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { ProportionEstimate } from "../core/wilson.js";
import { wilsonInterval } from "../core/wilson.js";
import type { EnvelopePoint } from "../montecarlo/study-stats.js";
import type { McSummaryDoc } from "../montecarlo/summary-doc.js";
import { codeWords, formatMetres, formatNorthEast, formatPercent } from "./format.js";
import { escapeHtml, pageHead } from "./html-page.js";
import { formatValue, inlineScript, jsonForScript } from "./html-report.js";
import { type ModelledRun, missionLimitations } from "./limitations.js";

/** What the report shows: the summary document and the impacts kept for the scatter. */
export interface McReportInput {
  readonly summary: McSummaryDoc;
  /** North and east offsets of impacts from the aimpoint, m (the first arrived runs by index). */
  readonly scatter: { readonly north_m: ArrayLike<number>; readonly east_m: ArrayLike<number> };
  /** What the study's scenario models (modelledRunOf), for the limitations. */
  readonly modelled: ModelledRun;
}

/** What the study adds to and leaves out of each flight, from what its scenario models. */
export function studyLimitations(m: ModelledRun, s: McSummaryDoc): string[] {
  const draws = [
    ...(m.navigation === "gnss_ins" ? ["the IMU and GNSS errors"] : []),
    ...(m.searchRadars + m.samSites > 0 ? ["the air defence's detections and shots"] : []),
    ...(m.seeker ? ["the seeker's acquisition and angle noise"] : []),
  ];
  const dispersed = s.study.dispersions.length > 0;
  const adds = dispersed
    ? "the study adds the dispersions declared in the scenario"
    : "the study disperses no parameter";
  const out = [
    draws.length > 0
      ? `Each run is one notional flight (its limitations follow); ${adds} and gives each run a new random seed for ${listWords(draws)}.`
      : `Each run is one notional flight (its limitations follow); ${adds}. With perfect navigation, no air defence and no seeker a flight draws no random numbers, so ${dispersed ? "runs differ only by the dispersions" : "every run flies the same flight"}.`,
  ];
  if (m.terrain)
    out.push("Terrain is not dispersed: it is loaded once per study from the scenario as written.");
  out.push(
    damageSentence(m, s),
    "CEP is the median radial miss of the runs that arrived; its interval is distribution-free (order statistics). Missiles shot down or crashed count against P(arrival), not CEP.",
  );
  out.push(
    m.navigation === "gnss_ins"
      ? "Navigation-error envelopes are per-time quantiles over the runs still flying at that time, so their sample size falls as runs end."
      : "Navigation is perfect in this study, so the navigation-error envelopes are zero.",
  );
  return out;
}

/** How the runs that arrived were scored: the scenario's target class where it scored them, else the default. */
function damageScoring(m: ModelledRun, s: McSummaryDoc): string {
  const d = s.damageModel;
  const fallback = `the notional ${codeWords(d.defaultTargetClass)} Carleton function (lethal radii ${d.rx_m} × ${d.ry_m} m, peak probability ${d.d0})`;
  const own = m.targetClass
    ? `the scenario's ${codeWords(m.targetClass)} target`
    : "the scenario's target class";
  const scored = s.damageScoredByScenario;
  if (scored === 0)
    return `with ${fallback}${m.targetClass === null ? ", as the scenario names no target class" : ""}`;
  if (scored >= s.statistics.arrival.successes) return `with the Carleton function of ${own}`;
  return `${scored.toLocaleString("en-US")} with the Carleton function of ${own}, the rest with ${fallback}`;
}

/** How P(damage) was scored and what its interval means. */
function damageSentence(m: ModelledRun, s: McSummaryDoc): string {
  return `P(damage) scores each run that arrived ${damageScoring(m, s)}, and 0 for the rest; notional lethal radii, not weaponeering data. Its interval is the Wilson interval of the expected damage count (conservative).`;
}

/** "a, b and c". */
function listWords(items: readonly string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** The complete HTML document. Reads uPlot from node_modules on every call. */
export function renderMcReport(input: McReportInput): string {
  const req = createRequire(import.meta.url);
  const uplotJs = readFileSync(req.resolve("uplot/dist/uPlot.iife.min.js"), "utf8");
  const uplotCss = readFileSync(req.resolve("uplot/dist/uPlot.min.css"), "utf8");
  const s = input.summary;
  const env = s.navigationEnvelope;
  const chart = {
    t: env.horizontal.map((p) => p.t_s),
    hN: env.horizontal.map((p) => p.n),
    h50: env.horizontal.map((p) => p.p50_m),
    h90: env.horizontal.map((p) => p.p90_m),
    v50: env.vertical.map((p) => p.p50_m),
    v90: env.vertical.map((p) => p.p90_m),
  };
  // The study scores damage for every run (its own line), so each flight's list leaves it out.
  const flightLimitations = missionLimitations({ ...input.modelled, targetClass: undefined });
  return `${pageHead({ title: `Monte Carlo study: ${s.scenario.name}`, generator: s.generator, scripts: true, styles: [uplotCss, MC_CSS] })}${s.study.complete ? "" : `<p class="banner incomplete" role="note">Incomplete study: ${s.study.runsCompleted.toLocaleString("en-US")} of ${s.study.runsRequested.toLocaleString("en-US")} runs. Resume it with <code>standoff mc ${escapeHtml(s.scenario.file)} --resume DIR</code>.</p>`}
<main>
<section id="summary">
<h2>Summary</h2>
${summaryTable(s)}
</section>
<section id="impact-scatter">
<h2>Impacts relative to the aimpoint</h2>
${scatterSvg(input)}
</section>
<section id="survival-funnel">
<h2>Survival funnel by phase</h2>
${funnel(s)}
</section>
<section id="navigation-envelopes">
<h2>Navigation error over time</h2>
<noscript><p>The chart needs JavaScript; the table below does not.</p></noscript>
<div class="chart" id="chart-nav"></div>
${envelopeTable(env.horizontal, env.vertical)}
</section>
<section id="kill-share">
<h2>Kills per threat site</h2>
${killTable(s)}
</section>
<section id="dispersions">
<h2>Study</h2>
${studyTable(s, input.modelled)}
</section>
<section id="limitations">
<h2>Limitations</h2>
<h3>The study</h3>
<ul class="limitations">
${studyLimitations(input.modelled, s)
  .map((l) => `<li>${escapeHtml(l)}</li>`)
  .join("\n")}
</ul>
<h3>Each flight</h3>
<ul class="limitations">
${flightLimitations.map((l) => `<li>${escapeHtml(l)}</li>`).join("\n")}
</ul>
</section>
</main>
<footer>Generated by ${escapeHtml(s.generator)} from <code>${escapeHtml(s.scenario.file)}</code> (sha256 ${escapeHtml(s.scenario.sha256.slice(0, 16))}…), study seed ${s.study.seed}.</footer>
<script type="application/json" id="standoff-mc-data">${jsonForScript(chart)}</script>
<script>${inlineScript(uplotJs)}</script>
<script>${CHART_SCRIPT}</script>
</body>
</html>
`;
}

/* ------------------------------------------------------------------------------------------------
 * Pieces
 * --------------------------------------------------------------------------------------------- */

const pct = formatPercent;

/** A proportion and its interval; `none` instead when there were no trials (no interval over nothing). */
function interval(e: ProportionEstimate, none = "no runs"): string {
  if (e.trials === 0 || e.p === null) return escapeHtml(none);
  return `${pct(e.p)} <span class="ci">[${pct(e.lower)}, ${pct(e.upper)}]</span>`;
}

/** Run outcome classes in words. */
const OUTCOME_WORDS: Readonly<Record<string, string>> = {
  arrived: "arrived",
  killed: "shot down",
  crashed: "crashed",
  timeout: "still flying at the time limit",
  failed: "failed (the simulation stopped)",
};

function outcomeWords(outcome: string): string {
  return OUTCOME_WORDS[outcome] ?? codeWords(outcome);
}

function metres(v: number | null): string {
  return v === null ? "—" : `${escapeHtml(formatValue(v))} m`;
}

function seconds(v: number | null): string {
  return v === null ? "—" : `${escapeHtml(formatValue(v))} s`;
}

function row(label: string, valueHtml: string, note = ""): string {
  return `<tr><th scope="row">${escapeHtml(label)}</th><td class="num">${valueHtml}</td><td class="unit">${escapeHtml(note)}</td></tr>`;
}

function summaryTable(s: McSummaryDoc): string {
  const st = s.statistics;
  const c = `${Math.round(100 * st.confidence)} %`;
  const cep = st.cep;
  const q = (e: typeof cep.cep50_m) =>
    e.estimate === null
      ? "no run arrived"
      : `${metres(e.estimate)} <span class="ci">[${e.lower === null ? "—" : escapeHtml(formatValue(e.lower))}, ${e.upper === null ? "—" : escapeHtml(formatValue(e.upper))}]</span>`;
  const m = st.meanPointOfImpact;
  const tot = st.timeOnTarget;
  const rows = [
    row(
      "runs",
      `${st.runs.toLocaleString("en-US")}`,
      s.study.complete
        ? "complete"
        : `of ${s.study.runsRequested.toLocaleString("en-US")} (incomplete)`,
    ),
    row(
      "P(arrival)",
      interval(st.arrival),
      st.runs === 0 ? "" : `${st.arrival.successes} arrived; ${c} Wilson interval`,
    ),
    row(
      "P(damage)",
      interval(st.damage),
      st.runs === 0 ? "" : `expected damage count ${formatValue(st.damage.successes)}; ${c} Wilson`,
    ),
    ...(st.acquisition
      ? [
          row(
            "P(acquire)",
            interval(st.acquisition),
            `${st.acquisition.successes} runs whose seeker acquired the target; ${c} Wilson`,
          ),
        ]
      : []),
    row(
      "CEP50",
      q(cep.cep50_m),
      cep.n === 0
        ? ""
        : `${cep.n} arrived run${cep.n === 1 ? "" : "s"}; ${c} order-statistic interval${cep.exact ? "" : `, ±${(100 * cep.relativeAccuracy).toFixed(2)} % sketch`}`,
    ),
    row("CEP90", q(cep.cep90_m), cep.n === 0 ? "" : "radius holding 90 % of arrivals"),
    row(
      "mean point of impact",
      m.north_m === null || m.east_m === null
        ? "no impacts"
        : escapeHtml(formatNorthEast(m.north_m, m.east_m)),
      m.n === 0 ? "" : `of the aimpoint; ${m.n} impact${m.n === 1 ? "" : "s"}`,
    ),
    row(
      "impact spread (1σ)",
      m.sdNorth_m === null || m.sdEast_m === null
        ? "fewer than two impacts"
        : `${formatMetres(m.sdNorth_m)} m north–south, ${formatMetres(m.sdEast_m)} m east–west`,
      m.sdNorth_m === null ? "" : "sample standard deviations",
    ),
    row(
      "time on target",
      seconds(tot.mean_s),
      tot.sd_s === null ? "" : `mean; σ ${formatValue(tot.sd_s)} s`,
    ),
    row(
      "time-on-target spread",
      seconds(tot.spread_s),
      tot.min_s === null || tot.max_s === null
        ? ""
        : `${formatValue(tot.min_s)} to ${formatValue(tot.max_s)} s`,
    ),
    row(
      "shot down",
      `${st.kills.total.toLocaleString("en-US")}`,
      st.runs > 0 ? `${pct(st.kills.total / st.runs)} of runs` : "",
    ),
    row(
      "nominal run",
      escapeHtml(outcomeWords(s.nominal.outcome)),
      s.nominal.miss_m === null
        ? `${formatValue(s.nominal.flightTime_s)} s`
        : `miss ${formatValue(s.nominal.miss_m)} m, ${formatValue(s.nominal.flightTime_s)} s`,
    ),
  ];
  return `<table class="summary">\n<tbody>\n${rows.join("\n")}\n</tbody>\n</table>`;
}

/** A round step for about `target` ticks over a span. */
function niceStep(span: number, target: number): number {
  const raw = span / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const f of [1, 2, 5, 10]) if (f * mag >= raw) return f * mag;
  return 10 * mag;
}

function scatterSvg(input: McReportInput): string {
  const s = input.summary;
  const { north_m, east_m } = input.scatter;
  const n = north_m.length;
  const cep50 = s.statistics.cep.cep50_m.estimate;
  const cep90 = s.statistics.cep.cep90_m.estimate;
  if (n === 0) return "<p>No run arrived: nothing to plot.</p>";
  // Square plot centred on the aimpoint, wide enough for every plotted point and the CEP90 circle.
  let r = cep90 ?? 0;
  for (let i = 0; i < n; i++) r = Math.max(r, Math.abs(north_m[i]), Math.abs(east_m[i]));
  r = Math.max(r * 1.08, 1);
  const size = 460;
  const pad = 48;
  const k = (size - 2 * pad) / (2 * r);
  const x = (e: number) => (pad + (e + r) * k).toFixed(1);
  const y = (nn: number) => (pad + (r - nn) * k).toFixed(1);
  const step = niceStep(2 * r, 6);
  const ticks: string[] = [];
  for (let v = Math.ceil(-r / step) * step; v <= r + 1e-9; v += step) {
    const t = Math.abs(v) < step * 1e-9 ? 0 : v;
    ticks.push(
      `<line class="grid" x1="${x(t)}" y1="${pad}" x2="${x(t)}" y2="${size - pad}"/>` +
        `<line class="grid" x1="${pad}" y1="${y(t)}" x2="${size - pad}" y2="${y(t)}"/>` +
        `<text x="${x(t)}" y="${size - pad + 16}" text-anchor="middle">${escapeHtml(formatValue(t))}</text>` +
        `<text x="${pad - 6}" y="${y(t)}" text-anchor="end" dominant-baseline="middle">${escapeHtml(formatValue(t))}</text>`,
    );
  }
  const dots: string[] = [];
  for (let i = 0; i < n; i++)
    dots.push(`<circle class="hit" cx="${x(east_m[i])}" cy="${y(north_m[i])}" r="2.2"/>`);
  const circle = (rad: number | null, cls: string, label: string) =>
    rad === null
      ? ""
      : `<circle class="${cls}" cx="${x(0)}" cy="${y(0)}" r="${(rad * k).toFixed(1)}"/>` +
        `<text class="${cls}-label" x="${x(rad * Math.SQRT1_2)}" y="${y(rad * Math.SQRT1_2)}">${escapeHtml(label)}</text>`;
  const m = s.statistics.meanPointOfImpact;
  const mpi =
    m.north_m === null || m.east_m === null
      ? ""
      : `<path class="mpi" d="M${x(m.east_m)} ${(Number(y(m.north_m)) - 6).toFixed(1)} l6 6 l-6 6 l-6 -6 z"/>`;
  const total = s.statistics.cep.n;
  return `<figure class="scatter">
<svg viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img" aria-label="impact scatter with CEP circles">
<rect class="frame" x="${pad}" y="${pad}" width="${size - 2 * pad}" height="${size - 2 * pad}"/>
${ticks.join("\n")}
${dots.join("")}
${circle(cep50, "cep50", `CEP50 ${formatValue(cep50 ?? 0)} m`)}
${circle(cep90, "cep90", `CEP90 ${formatValue(cep90 ?? 0)} m`)}
<path class="aim" d="M${x(0)} ${Number(y(0)) - 8} v16 M${Number(x(0)) - 8} ${y(0)} h16"/>
${mpi}
<text x="${size / 2}" y="${size - 8}" text-anchor="middle">east of the aimpoint (m)</text>
<text x="14" y="${size / 2}" text-anchor="middle" transform="rotate(-90 14 ${size / 2})">north of the aimpoint (m)</text>
</svg>
<figcaption>${n < total ? `The first ${n.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} impacts by run number` : `All ${n.toLocaleString("en-US")} impacts`}; circles about the aimpoint (+) with radius CEP50 and CEP90; &#9670; the mean point of impact. North up, equal scales.</figcaption>
</figure>`;
}

function funnel(s: McSummaryDoc): string {
  const total = s.funnel[0]?.runs ?? 0;
  const labels: Record<string, string> = {
    released: "released",
    midcourse: "reached midcourse",
    terminal: "reached terminal",
    arrived: "arrived at the aimpoint",
  };
  const bars = s.funnel.map((f) => {
    const w = total > 0 ? (100 * f.runs) / total : 0;
    return `<tr><th scope="row">${escapeHtml(labels[f.stage] ?? f.stage)}</th><td class="barcell"><div class="bar" style="width:${w.toFixed(2)}%"></div></td><td class="num">${f.runs.toLocaleString("en-US")}</td><td class="num">${pct(total > 0 ? f.runs / total : null)}</td></tr>`;
  });
  const losses =
    s.losses.length === 0
      ? "<p>No run was lost.</p>"
      : `<table class="losses">\n<thead><tr><th>phase at the end</th><th>outcome</th><th class="num">runs</th></tr></thead>\n<tbody>\n${s.losses
          .map(
            (l) =>
              `<tr><td>${escapeHtml(l.phase)}</td><td>${escapeHtml(outcomeWords(l.outcome))}</td><td class="num">${l.runs.toLocaleString("en-US")}</td></tr>`,
          )
          .join("\n")}\n</tbody>\n</table>`;
  return `<table class="funnel">\n<tbody>\n${bars.join("\n")}\n</tbody>\n</table>\n<h3>Runs lost</h3>\n${losses}`;
}

function envelopeTable(h: readonly EnvelopePoint[], v: readonly EnvelopePoint[]): string {
  if (h.length === 0) return "<p>No navigation-error points.</p>";
  const rows = h.map((p, k) => {
    const q = v[k];
    const f = (x: number | null) => (x === null ? "—" : escapeHtml(formatValue(x)));
    return `<tr><td class="num">${f(p.t_s)}</td><td class="num">${p.n}</td><td class="num">${f(p.p50_m)}</td><td class="num">${f(p.p90_m)}</td><td class="num">${f(q?.p50_m ?? null)}</td><td class="num">${f(q?.p90_m ?? null)}</td></tr>`;
  });
  return `<details><summary>Table</summary>\n<table class="envelope">\n<thead><tr><th class="num">t (s)</th><th class="num">runs flying</th><th class="num">horizontal median (m)</th><th class="num">horizontal 90th pct (m)</th><th class="num">vertical median (m)</th><th class="num">vertical 90th pct (m)</th></tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody>\n</table>\n</details>`;
}

function killTable(s: McSummaryDoc): string {
  const st = s.statistics;
  const bySite = new Map(st.kills.bySite.map((k) => [k.site, k]));
  const names = [...s.sites];
  for (const k of st.kills.bySite) if (!names.includes(k.site)) names.push(k.site);
  if (names.length === 0) return "<p>The scenario has no air defence.</p>";
  const rows = names.map((name) => {
    const k = bySite.get(name);
    const kills = k?.kills ?? 0;
    const pKill = k?.pKill ?? wilsonInterval(0, st.runs, st.confidence);
    const share = k?.shareOfKills ?? wilsonInterval(0, st.kills.total, st.confidence);
    const w = share.p === null ? 0 : 100 * share.p;
    return `<tr><th scope="row">${escapeHtml(name)}</th><td class="num">${kills.toLocaleString("en-US")}</td><td class="num">${interval(pKill)}</td><td class="barcell"><div class="bar kill" style="width:${w.toFixed(2)}%"></div></td><td class="num">${interval(share, "no kills")}</td></tr>`;
  });
  const total = st.kills.total;
  const shareHead =
    total === 0
      ? "share of the kills"
      : `share of all ${total.toLocaleString("en-US")} kill${total === 1 ? "" : "s"}`;
  return `<table class="kills">\n<thead><tr><th>site</th><th class="num">kills</th><th class="num">P(killed by site)</th><th colspan="2">${shareHead}</th></tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody>\n</table>\n<p class="note">Brackets: ${Math.round(100 * st.confidence)} % Wilson intervals.</p>`;
}

function studyTable(s: McSummaryDoc, m: ModelledRun): string {
  const d = s.study.dispersions;
  const disp =
    d.length === 0
      ? "<p>No dispersed parameters: runs differ by their random seed only.</p>"
      : `<table class="disp">\n<thead><tr><th>parameter</th><th>distribution</th><th class="num">nominal</th></tr></thead>\n<tbody>\n${d
          .map((p) => {
            const how =
              p.dist === "normal"
                ? `normal, σ = ${formatValue(p.sd)}`
                : p.dist === "uniform"
                  ? `uniform in [${formatValue(p.min)}, ${formatValue(p.max)})`
                  : `normal, σ = ${formatValue(100 * p.sd_fraction)} % of nominal`;
            return `<tr><td><code>${escapeHtml(p.path)}</code></td><td>${escapeHtml(how)}</td><td class="num">${escapeHtml(formatValue(p.nominal))}</td></tr>`;
          })
          .join("\n")}\n</tbody>\n</table>`;
  return `<p>Study seed ${s.study.seed}; ${s.study.runsRequested.toLocaleString("en-US")} runs requested, ${s.study.runsCompleted.toLocaleString("en-US")} completed; each run has its own seed derived from the study seed and its number. Each run that arrived is scored ${escapeHtml(damageScoring(m, s))}.</p>\n${disp}`;
}

/** Styles of the study report beyond the shared report CSS (html-page.ts). */
const MC_CSS = `
.banner.incomplete { border-left-color: #c0392b; background: #fdecea; }
.unit, .ci, .note { color: var(--muted); }
.ci { font-size: 13px; }
.barcell { width: 40%; min-width: 160px; }
.bar { height: 14px; background: #2c7fb8; border-radius: 2px; margin-top: 3px; }
.bar.kill { background: #d7301f; }
.funnel, .kills { width: 100%; }
figure.scatter { margin: 0; }
figure.scatter svg { max-width: 100%; height: auto; font: 11px system-ui, sans-serif; }
figure.scatter figcaption { font-size: 13px; color: var(--muted); }
.frame { fill: #fbfcfd; stroke: #b9c0cc; }
.grid { stroke: #e7eaf0; }
.hit { fill: rgba(44, 127, 184, 0.55); }
.cep50, .cep90 { fill: none; stroke-width: 1.6; }
.cep50 { stroke: #1a9850; } .cep90 { stroke: #d08700; stroke-dasharray: 5 3; }
.cep50-label { fill: #1a9850; } .cep90-label { fill: #b06f00; }
.aim { stroke: #d7301f; stroke-width: 2; fill: none; }
.mpi { fill: #6a3d9a; }
`;

/** The browser side (plain ES2017, run from file://): the navigation-error envelope chart. */
const CHART_SCRIPT = String.raw`
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("standoff-mc-data").textContent);
  var el = document.getElementById("chart-nav");
  if (!el || D.t.length === 0 || typeof uPlot === "undefined") return;
  function fixed(d) { return function (u, v) { return v == null ? "\u2013" : v.toFixed(d); }; }
  function widthOf(e) { return Math.max(260, e.clientWidth); }
  var u = new uPlot({
    title: "Navigation error (truth \u2212 estimate): median and 90th percentile over the runs still flying",
    width: widthOf(el),
    height: 320,
    scales: { x: { time: false } },
    series: [
      { label: "t (s)", value: fixed(0) },
      { label: "horizontal median (m)", stroke: "#1f78b4", width: 2, value: fixed(1) },
      { label: "horizontal 90th pct (m)", stroke: "#1f78b4", width: 1, dash: [6, 4], value: fixed(1) },
      { label: "vertical median (m)", stroke: "#33a02c", width: 2, value: fixed(1) },
      { label: "vertical 90th pct (m)", stroke: "#33a02c", width: 1, dash: [6, 4], value: fixed(1) },
    ],
    bands: [{ series: [2, 1], fill: "rgba(31,120,180,0.12)" }, { series: [4, 3], fill: "rgba(51,160,44,0.12)" }],
    axes: [{ label: "time since release (s)" }, { label: "error (m)", size: 64 }],
  }, [D.t, D.h50, D.h90, D.v50, D.v90], el);
  window.addEventListener("resize", function () { u.setSize({ width: widthOf(el), height: 320 }); });
})();
`;
