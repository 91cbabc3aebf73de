/**
 * The opening of every standoff HTML page (run report, plan, Monte Carlo study): the document
 * head with a Content-Security-Policy that forbids every network fetch, the generator, the title,
 * inline styles, and the header with the simulator disclaimer. One place, so no page forgets the
 * policy or the disclaimer.
 */

/** The banner every report carries, so a screenshot cannot be mistaken for data on a real weapon. */
export const REPORT_DISCLAIMER =
  "This is a simulation of a notional missile built from public figures; not a model of any real weapon.";

/** Text safe in HTML element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** The report's style sheet (also the plan page's). */
export const REPORT_CSS = `
:root { color-scheme: light; --fg: #1d2330; --muted: #5b6475; --line: #dde1e8; --bg: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg); background: var(--bg); }
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 20px; }
h1 { font-size: 26px; margin: 0 0 10px; overflow-wrap: anywhere; }
h2 { font-size: 18px; margin: 28px 0 10px; }
.banner { margin: 0; padding: 8px 12px; border-left: 4px solid #d08700; background: #fff6e0;
  font-size: 14px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 4px 16px 16px;
  margin-top: 16px; }
table { border-collapse: collapse; font-size: 14px; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--line); }
.summary th { font-weight: normal; color: var(--muted); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.unit { color: var(--muted); padding-left: 0; }
.events { width: 100%; }
.events td:last-child { overflow-wrap: anywhere; }
.map svg { max-width: 100%; height: auto; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 480px), 1fr));
  gap: 16px; }
.chart { min-width: 0; overflow: hidden; }
.chart .u-title { font-size: 15px; font-weight: 600; }
.chart .u-legend { font-size: 13px; }
.key { margin: 4px 0 0; font-size: 12px; color: var(--muted); text-align: center; }
.k-launch { color: #1a9850; } .k-waypoint { color: #2c7fb8; } .k-aimpoint { color: #d7301f; }
.limitations { margin: 0; padding-left: 20px; }
footer { color: var(--muted); font-size: 13px; padding: 20px; }
`;

/** What a page's head needs. */
export interface PageHead {
  readonly title: string;
  readonly generator: string;
  /** Allow inline scripts (charts); pages without charts forbid scripts entirely. */
  readonly scripts: boolean;
  /** Extra style sheets (e.g. uPlot's), inlined before the report's own. */
  readonly styles?: readonly string[];
}

/** `<!DOCTYPE html>` through the page header (the caller continues with `<main>`). */
export function pageHead(h: PageHead): string {
  const title = escapeHtml(h.title);
  const script = h.scripts ? " script-src 'unsafe-inline';" : "";
  const styles = [...(h.styles ?? []), REPORT_CSS]
    .map((css) => `<style>${css.replace(/<\/style/gi, "<\\/style")}</style>`)
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none';${script} style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="generator" content="${escapeHtml(h.generator)}">
<link rel="icon" href="data:,">
<title>${title}</title>
${styles}
</head>
<body>
<header>
<h1>${title}</h1>
<p class="banner" role="note">${escapeHtml(REPORT_DISCLAIMER)}</p>
</header>
`;
}
