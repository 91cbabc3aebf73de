/** A salvo's timeline: per missile, a bar from launch to arrival, the arrival window shaded. */

import { fmt, h } from "./dom.js";

type Json = Record<string, unknown>;
const NS = "http://www.w3.org/2000/svg";

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** The timeline of salvo.json's missiles (launch_s, simulated_tot_s, outcome, killed_by). */
export function salvoTimeline(rows: readonly Json[], window?: Json): HTMLElement {
  const num = (v: unknown) => (typeof v === "number" ? v : null);
  const ends = rows.flatMap((r) => [num(r.launch_s), num(r.simulated_tot_s), num(r.planned_tot_s)]);
  const t1 = Math.max(1, ...ends.filter((x): x is number => x !== null));
  const W = 720;
  const left = 110;
  const rowH = 22;
  const H = 30 + rows.length * rowH;
  const x = (t: number) => left + ((W - left - 20) * t) / t1;
  const root = svg("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}` });
  const open = num(window?.open_s);
  const close = num(window?.close_s);
  if (open !== null && close !== null)
    root.append(
      svg("rect", {
        x: x(open),
        y: 0,
        width: Math.max(1, x(close) - x(open)),
        height: H - 20,
        fill: "#c8e6c9",
      }),
    );
  rows.forEach((r, i) => {
    const y = 8 + i * rowH;
    const a = num(r.launch_s) ?? 0;
    const b = num(r.simulated_tot_s);
    root.append(svg("text", { x: 4, y: y + 12 }, String(r.name ?? `missile ${i + 1}`)));
    const killed = typeof r.killed_by === "string";
    root.append(
      svg("rect", {
        x: x(a),
        y,
        width: Math.max(2, x(b ?? num(r.planned_tot_s) ?? a) - x(a)),
        height: 14,
        fill: b === null ? (killed ? "#ef9a9a" : "#ccc") : "#90caf9",
      }),
    );
    root.append(svg("circle", { cx: x(a), cy: y + 7, r: 4, fill: "#1f77b4" }));
    if (b !== null) root.append(svg("circle", { cx: x(b), cy: y + 7, r: 4, fill: "#2e7d32" }));
    else if (killed)
      root.append(svg("text", { x: x(num(r.planned_tot_s) ?? a) + 4, y: y + 12 }, "✕ killed"));
  });
  root.append(svg("text", { x: left, y: H - 4 }, "0 s"));
  root.append(svg("text", { x: W - 60, y: H - 4 }, `${fmt(t1, 0)} s`));
  return h(
    "div",
    { class: "salvo-timeline" },
    root,
    h("div", { class: "hint" }, "blue dot: launch; green dot: arrival; green band: arrival window"),
  );
}
