/**
 * A salvo's timeline: per flyer (missiles and decoys), a bar from launch to arrival or to its end,
 * the SAM shots at it (engagement.json's events) and kills marked on the bar, the arrival window
 * shaded, and a cursor the time slider moves.
 */

import { fmt, h } from "./dom.js";

type Json = Record<string, unknown>;
const NS = "http://www.w3.org/2000/svg";

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** One bar of the timeline: a flyer, its launch and end (s from the salvo's start), its fate. */
export interface TimelineRow {
  readonly name: string;
  readonly kind: "missile" | "decoy";
  readonly launch_s: number;
  /** Arrival or end of flight, s, or null when unknown. */
  readonly end_s: number | null;
  readonly fate: "arrived" | "killed" | "ended";
}

/** An engagement event (engagement.json): when, which site, at which flyer, what. */
export interface TimelineEvent {
  readonly t_s: number;
  readonly kind: string;
  readonly site: string;
  readonly flyer: string;
}

/** The timeline element and a function that moves its time cursor (s). */
export function salvoTimeline(
  rows: readonly TimelineRow[],
  events: readonly TimelineEvent[],
  window?: Json,
): { el: HTMLElement; setTime: (t_s: number) => void } {
  const num = (v: unknown) => (typeof v === "number" ? v : null);
  const ends = rows.flatMap((r) => [r.launch_s, r.end_s ?? 0]);
  const t1 = Math.max(1, ...ends, ...events.map((e) => e.t_s));
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
    const a = r.launch_s;
    const b = r.end_s ?? a;
    root.append(
      svg("text", { x: 4, y: y + 12 }, `${r.name}${r.kind === "decoy" ? " (decoy)" : ""}`),
    );
    const fill = r.fate === "killed" ? "#ef9a9a" : r.kind === "decoy" ? "#d7ccc8" : "#90caf9";
    root.append(
      svg("rect", {
        x: x(a),
        y,
        width: Math.max(2, x(b) - x(a)),
        height: 14,
        fill,
        "data-flyer": r.name,
      }),
    );
    root.append(svg("circle", { cx: x(a), cy: y + 7, r: 4, fill: "#1f77b4" }));
    if (r.fate === "arrived" && r.end_s !== null)
      root.append(svg("circle", { cx: x(b), cy: y + 7, r: 4, fill: "#2e7d32" }));
    for (const e of events) {
      if (e.flyer !== r.name) continue;
      const ex = x(e.t_s);
      if (e.kind === "shot")
        root.append(
          svg("path", {
            d: `M${ex} ${y + 1} l-4 -6 h8 z`,
            fill: "#e65100",
            class: "shot",
          }),
        );
      else if (e.kind === "killed")
        root.append(svg("text", { x: ex - 5, y: y + 12, fill: "#b71c1c", class: "kill" }, "✕"));
    }
  });
  root.append(svg("text", { x: left, y: H - 4 }, "0 s"));
  root.append(svg("text", { x: W - 60, y: H - 4 }, `${fmt(t1, 0)} s`));
  const cursor = svg("line", {
    x1: x(0),
    x2: x(0),
    y1: 0,
    y2: H - 20,
    stroke: "#111",
    "stroke-width": 1,
    class: "cursor",
  });
  root.append(cursor);
  const el = h(
    "div",
    { class: "salvo-timeline" },
    root,
    h(
      "div",
      { class: "hint" },
      "blue dot: launch; green dot: arrival; orange triangle: SAM shot at it; ✕: killed; red bar: shot down; green band: arrival window; black line: the slider's time",
    ),
  );
  const setTime = (t_s: number) => {
    const cx = String(x(Math.min(t1, Math.max(0, t_s))));
    cursor.setAttribute("x1", cx);
    cursor.setAttribute("x2", cx);
  };
  return { el, setTime };
}
