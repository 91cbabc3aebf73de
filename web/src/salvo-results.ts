/**
 * A salvo run on the page: its summary and per-missile table, the timeline of every flyer
 * (launches, SAM shots, kills, arrivals), their tracks on the map, and a time slider that moves
 * every flyer on the map and the timeline's cursor together.
 */

import { api, type JobView } from "./api.js";
import { parseCsv } from "./charts.js";
import { h } from "./dom.js";
import type { ScenarioMap } from "./map.js";
import { gridTable, kvTable } from "./results.js";
import { salvoTimeline, type TimelineEvent, type TimelineRow } from "./salvo-timeline.js";

type Json = Record<string, unknown>;

const COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

/** One flown track: times from the salvo's start, s, and its points. */
interface Flown {
  readonly name: string;
  readonly t: Float64Array;
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  readonly colour: string;
}

/** Where a flyer is at time t_s (linear between samples), or null before launch or after its end. */
export function positionAt(f: Flown, t_s: number): [number, number] | null {
  const n = f.t.length;
  if (n === 0 || t_s < f.t[0] || t_s > f.t[n - 1]) return null;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (f.t[mid] <= t_s) lo = mid;
    else hi = mid;
  }
  const span = f.t[hi] - f.t[lo];
  const u = span > 0 ? (t_s - f.t[lo]) / span : 0;
  return [f.lon[lo] + u * (f.lon[hi] - f.lon[lo]), f.lat[lo] + u * (f.lat[hi] - f.lat[lo])];
}

/** Draw a finished salvo run into `el` (the results panel). */
export async function showSalvo(
  el: HTMLElement,
  job: JobView,
  r: Json,
  map: ScenarioMap,
): Promise<void> {
  el.append(h("h3", {}, "Salvo"), kvTable(r, ["missiles", "sites", "limitations"]));
  const missiles = r.missiles as Json[];
  const has = (p: string) => job.files.some((f) => f.path === p);
  const eng = has("engagement.json")
    ? (JSON.parse(await api.text(api.fileUrl(job.id, "engagement.json"))) as {
        flyers?: { name: string; kind: string; launch_s: number; fate: string }[];
        events?: TimelineEvent[];
      })
    : {};
  // Missiles from salvo.json; decoys (and whichever other flyers) from engagement.json.
  const list: {
    name: string;
    kind: "missile" | "decoy";
    launch_s: number;
    folder: string;
    fate: string;
  }[] = missiles.map((m) => ({
    name: String(m.name),
    kind: "missile",
    launch_s: Number(m.launch_s ?? 0),
    folder: String(m.folder),
    fate: m.outcome === "killed" ? "killed" : m.simulated_tot_s === null ? "ended" : "arrived",
  }));
  for (const f of eng.flyers ?? []) {
    const known = list.find((x) => x.name === f.name);
    if (known && f.kind === "decoy") known.kind = "decoy";
    if (!known)
      list.push({
        name: f.name,
        kind: f.kind === "decoy" ? "decoy" : "missile",
        launch_s: f.launch_s,
        folder: f.name.toLowerCase(),
        fate: f.fate === "killed" ? "killed" : "ended",
      });
  }
  const flown: Flown[] = [];
  const rows: TimelineRow[] = [];
  for (const [i, m] of list.entries()) {
    let end: number | null = null;
    if (has(`${m.folder}/trajectory.csv`)) {
      const text = await api.text(api.fileUrl(job.id, `${m.folder}/trajectory.csv`));
      const every = Math.max(1, Math.ceil(text.split("\n").length / 1500));
      const csv = parseCsv(text, every);
      const t = csv.get("t_s") as Float64Array;
      const abs = Float64Array.from(t, (x) => x + m.launch_s);
      flown.push({
        name: m.name,
        t: abs,
        lat: csv.get("lat_deg") as Float64Array,
        lon: csv.get("lon_deg") as Float64Array,
        colour: COLOURS[i % COLOURS.length],
      });
      end = abs[abs.length - 1] ?? null;
    }
    rows.push({
      name: m.name,
      kind: m.kind,
      launch_s: m.launch_s,
      end_s: end,
      fate: m.fate as TimelineRow["fate"],
    });
  }
  await map.showTracks(
    flown.map((f) => ({ coords: Array.from(f.lat, (la, k) => [f.lon[k], la]), colour: f.colour })),
  );
  const timeline = salvoTimeline(rows, eng.events ?? [], r.window as Json | undefined);
  const t1 = Math.max(1, ...flown.map((f) => f.t[f.t.length - 1] ?? 0));
  const slider = h("input", {
    type: "range",
    min: 0,
    max: Math.ceil(t1),
    step: 1,
    value: 0,
    "aria-label": "time",
  });
  const readout = h("span", { class: "readout" }, "t = 0 s");
  const dock = h("div", { class: "map-dock" });
  el.append(
    h(
      "div",
      { class: "flight-head" },
      h("div", { class: "slider" }, "time", slider, readout),
      dock,
    ),
    h("h3", {}, "Salvo timeline"),
    timeline.el,
    h("h3", {}, "Flyers"),
    gridTable(missiles),
  );
  if (el.classList.contains("active")) map.dockInto(dock);
  map.fitCoords(flown.flatMap((f) => Array.from(f.lat, (la, k) => [f.lon[k], la])));
  const move = () => {
    const t = Number(slider.value);
    const at = flown.flatMap((f) => {
      const p = positionAt(f, t);
      return p ? [{ lon: p[0], lat: p[1], name: f.name, colour: f.colour }] : [];
    });
    readout.textContent = `t = ${t.toFixed(0)} s, ${at.length} in flight`;
    map.setFlyers(at);
    timeline.setTime(t);
  };
  slider.addEventListener("input", move);
  move();
}
