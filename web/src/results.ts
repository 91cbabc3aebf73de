/**
 * A finished job on the page: what it said, its summary, plots of the flight (altitude, speed,
 * fuel; a time slider that moves the missile on the map and the cursor on every chart), the event
 * timeline, a salvo's timeline, the reach footprint or planned routes on the map, every output
 * file to download, and a side-by-side comparison of any two runs.
 */

import type uPlot from "uplot";
import { api, type JobView, type MapFeatures, type TerrainImage } from "./api.js";
import { lineChart, parseCsv } from "./charts.js";
import { fmt, h } from "./dom.js";
import type { ScenarioMap } from "./map.js";
import { profileSeries } from "./profile.js";
import { fetchGrid } from "./replay.js";
import { showSalvo } from "./salvo-results.js";

/** At most this many points per plotted line (long runs are thinned). */
const MAX_POINTS = 2500;

type Json = Record<string, unknown>;

/** A table of a summary's plain fields (numbers, strings, booleans, null). */
export function kvTable(o: Json, skip: readonly string[] = []): HTMLTableElement {
  const t = h("table", { class: "kv" });
  for (const [k, v] of Object.entries(o)) {
    if (skip.includes(k) || (v !== null && typeof v === "object")) continue;
    t.append(h("tr", {}, h("td", {}, k.replaceAll("_", " ")), h("td", { "data-key": k }, fmt(v))));
  }
  return t;
}

/** A table of a list of records (threats, salvo missiles). */
export function gridTable(rows: readonly Json[]): HTMLTableElement {
  const t = h("table", { class: "grid" });
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) =>
    rows.every((r) => r[k] === null || typeof r[k] !== "object"),
  );
  t.append(h("tr", {}, ...keys.map((k) => h("th", {}, k.replaceAll("_", " ")))));
  for (const r of rows) t.append(h("tr", {}, ...keys.map((k) => h("td", {}, fmt(r[k])))));
  return t;
}

/** Results and comparison panels. */
export class Results {
  private charts: uPlot[] = [];
  private readonly runs: JobView[] = [];
  private compareChart: uPlot | null = null;

  constructor(
    private readonly el: HTMLElement,
    private readonly compareEl: HTMLElement,
    private readonly map: ScenarioMap,
    /** The scenario's terrain image and map features when the job started (for the profile). */
    private readonly scenario: () => { terrain: TerrainImage | null; features: MapFeatures | null },
  ) {}

  async show(job: JobView): Promise<void> {
    for (const c of this.charts) c.destroy();
    this.charts = [];
    // The map may be docked in the panel about to be cleared: take it home first.
    this.map.dockInto(null);
    this.map.clearFlyers();
    const el = this.el;
    el.replaceChildren(
      h(
        "h2",
        { class: "result-title", "data-status": job.status },
        `${job.kind} of ${job.scenario}: ${job.status} (${job.elapsed_s.toFixed(1)} s)`,
      ),
    );
    if (job.messages.length > 0)
      el.append(h("div", { class: "messages" }, job.messages.join("\n")));
    const r = (job.result ?? {}) as Json;
    if (job.status === "done" || job.status === "failed") {
      if (job.kind === "run") await this.run(job, r);
      else if (job.kind === "reach") await this.reach(job, r);
      else if (job.kind === "plan") await this.plan(job, r);
      else if (job.kind === "mc") this.mc(r);
      else if (Object.keys(r).length > 0) el.append(kvTable(r));
    }
    this.files(job);
    if (job.kind === "run" && job.status === "done") {
      this.runs.push(job);
      this.updateCompare();
    }
  }

  private files(job: JobView): void {
    if (job.files.length === 0) return;
    const list = h("div", { class: "files" }, h("h3", {}, "Output files"));
    for (const f of job.files) {
      list.append(
        h(
          "a",
          { href: `${api.fileUrl(job.id, f.path)}?download`, "data-file": f.path },
          `${f.path} (${f.bytes < 1024 ? `${f.bytes} B` : `${(f.bytes / 1024).toFixed(0)} KiB`})`,
        ),
      );
      if (f.path.endsWith("report.html") || f.path.endsWith("plan.html"))
        list.append(
          h(
            "a",
            { href: api.fileUrl(job.id, f.path), target: "_blank", rel: "noopener" },
            "(open)",
          ),
        );
    }
    list.append(h("a", { href: `/api/jobs/${job.id}/scenario` }, "scenario as run"));
    this.el.append(list);
  }

  private async run(job: JobView, r: Json): Promise<void> {
    const el = this.el;
    if (Array.isArray(r.missiles)) {
      await showSalvo(el, job, r, this.map);
      return;
    }
    el.append(h("h3", {}, "Summary"), kvTable(r, ["files", "removed"]));
    if (Array.isArray(r.threats) && r.threats.length > 0)
      el.append(h("h3", {}, "Air defence"), gridTable(r.threats as Json[]));
    if (!job.files.some((f) => f.path === "trajectory.csv")) return;
    const text = await api.text(api.fileUrl(job.id, "trajectory.csv"));
    const rows = text.split("\n").length;
    const csv = parseCsv(text, Math.max(1, Math.ceil(rows / MAX_POINTS)));
    await this.flight(csv);
    if (job.files.some((f) => f.path === "events.json")) {
      const ev = JSON.parse(await api.text(api.fileUrl(job.id, "events.json"))) as {
        events: { t_s: number; kind: string; message: string }[];
      };
      const ul = h("ul", { class: "timeline" });
      for (const e of ev.events)
        ul.append(
          h(
            "li",
            { "data-kind": e.kind },
            h("span", { class: "t" }, `${e.t_s.toFixed(1)} s`),
            h("b", {}, e.kind.replaceAll("_", " ")),
            ` — ${e.message}`,
          ),
        );
      el.append(h("h3", {}, "Event timeline"), ul);
    }
  }

  /** Plots of a flight and the time slider that drives the map and the charts' cursors. */
  private async flight(csv: Map<string, Float64Array | string[]>): Promise<void> {
    const t = csv.get("t_s") as Float64Array | undefined;
    if (!t) return;
    const col = (k: string) => csv.get(k) as Float64Array | undefined;
    const lat = col("lat_deg");
    const lon = col("lon_deg");
    if (lat && lon)
      await this.map.showTracks([
        { coords: Array.from(lat, (la, i) => [lon[i], la]), colour: "#111" },
      ]);
    const plots = h("div", { class: "plots" });
    const slider = h("input", {
      type: "range",
      min: 0,
      max: t.length - 1,
      value: 0,
      "aria-label": "time",
    });
    const readout = h("span", { class: "readout" }, "t = 0 s");
    // The map docks under the slider (sticky), so the missile moves in sight of the charts.
    const dock = h("div", { class: "map-dock" });
    this.el.append(
      h("h3", {}, "Flight"),
      h(
        "div",
        { class: "flight-head" },
        h("div", { class: "slider" }, "time", slider, readout),
        dock,
      ),
      plots,
    );
    if (this.el.classList.contains("active")) this.map.dockInto(dock);
    if (lat && lon) this.map.fitCoords(Array.from(lat, (la, i) => [lon[i], la]));
    const alt = col("alt_m");
    if (alt)
      this.charts.push(
        lineChart(plots, "Altitude", "time, s", "m", t, [
          { label: "altitude above the ellipsoid, m", values: alt, colour: "#1f77b4" },
        ]),
      );
    const tas = col("tas_mps");
    const mach = col("mach");
    if (tas) {
      this.charts.push(
        lineChart(plots, "Speed", "time, s", "m/s", t, [
          { label: "true airspeed, m/s", values: tas, colour: "#d62728" },
        ]),
      );
    } else if (mach) {
      this.charts.push(
        lineChart(plots, "Mach", "time, s", "Mach", t, [
          { label: "Mach", values: mach, colour: "#d62728" },
        ]),
      );
    }
    const fuel = col("fuel_kg");
    if (fuel)
      this.charts.push(
        lineChart(plots, "Fuel", "time, s", "kg", t, [
          { label: "fuel left, kg", values: fuel, colour: "#2ca02c" },
        ]),
      );
    const dist = col("ground_dist_m");
    const sc = this.scenario();
    const grid = sc.terrain ? await fetchGrid(sc.terrain.url, sc.terrain, 513) : null;
    if (grid && sc.features && alt && lat && lon && dist) {
      const p = profileSeries(grid, sc.features, lat, lon, alt);
      const colours = ["#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22"];
      this.charts.push(
        lineChart(
          plots,
          "Vertical profile: terrain and each radar's line of sight",
          "distance flown, km",
          "m",
          Array.from(dist, (d) => d / 1000),
          [
            { label: "missile altitude, m", values: alt, colour: "#1f77b4" },
            { label: "terrain under the path, m", values: p.terrain, colour: "#6d4c41" },
            ...p.radars.map((r, k) => ({
              label: `in sight of ${r.name} (within its detection range)`,
              values: r.values,
              colour: colours[k % colours.length],
              dash: [2, 3],
            })),
          ],
          "profile",
          720,
        ),
      );
    }
    const move = () => {
      const i = Number(slider.value);
      readout.textContent = `t = ${t[i].toFixed(1)} s${alt ? `, ${alt[i].toFixed(0)} m` : ""}`;
      if (lat && lon) this.map.setFlyer(lon[i], lat[i]);
      for (const c of this.charts) {
        const x = c.series[0].label === "distance flown, km" && dist ? dist[i] / 1000 : t[i];
        const left = c.valToPos(x, "x");
        c.setCursor({ left, top: 10 });
      }
    };
    slider.addEventListener("input", move);
    move();
  }

  private async reach(job: JobView, r: Json): Promise<void> {
    this.el.append(h("h3", {}, "Reach"), kvTable(r, ["files", "removed"]));
    const f = job.files.find((x) => x.path.endsWith(".geojson"));
    if (f) {
      const gj = JSON.parse(await api.text(api.fileUrl(job.id, f.path)));
      await this.map.showReach(gj);
      this.el.append(h("p", {}, "The reach footprint is drawn on the map (pink)."));
    }
  }

  private async plan(job: JobView, r: Json): Promise<void> {
    this.el.append(h("h3", {}, "Plan"), kvTable(r, ["files", "removed"]));
    if (Array.isArray(r.missiles)) this.el.append(gridTable(r.missiles as Json[]));
    const f = job.files.find((x) => x.path === "routes.geojson");
    if (f) {
      const gj = JSON.parse(
        await api.text(api.fileUrl(job.id, f.path)),
      ) as GeoJSON.FeatureCollection;
      const tracks = gj.features
        .filter((x) => x.geometry.type === "LineString")
        .map((x) => ({
          coords: (x.geometry as GeoJSON.LineString).coordinates,
          colour: "#111",
        }));
      await this.map.showTracks(tracks);
      this.el.append(h("p", {}, "The planned routes are drawn on the map (black)."));
    }
  }

  private mc(r: Json): void {
    this.el.append(h("h3", {}, "Monte Carlo summary"));
    const walk = (o: Json, prefix: string) => {
      const flat: Json = {};
      for (const [k, v] of Object.entries(o)) {
        if (
          v !== null &&
          typeof v === "object" &&
          !Array.isArray(v) &&
          prefix.split(".").length < 3
        )
          walk(v as Json, `${prefix}${k}.`);
        else if (v === null || typeof v !== "object") flat[`${prefix}${k}`] = v;
      }
      if (Object.keys(flat).length > 0) this.el.append(kvTable(flat));
    };
    walk(r, "");
  }

  /** Both runs' altitude and speed against distance flown, overlaid (single-missile runs). */
  private async compareCharts(
    ja: JobView | undefined,
    jb: JobView | undefined,
    parent: HTMLElement,
  ): Promise<void> {
    const both = [ja, jb];
    if (!both.every((j) => j?.files.some((f) => f.path === "trajectory.csv"))) return;
    const csvs = await Promise.all(
      both.map(async (j) => {
        const text = await api.text(api.fileUrl((j as JobView).id, "trajectory.csv"));
        return parseCsv(text, Math.max(1, Math.ceil(text.split("\n").length / MAX_POINTS)));
      }),
    );
    const [a, b] = csvs.map((c) => ({
      d: c.get("ground_dist_m") as Float64Array | undefined,
      alt: c.get("alt_m") as Float64Array | undefined,
    }));
    if (!a.d || !b.d || !a.alt || !b.alt) return;
    // One x axis: the union of both runs' distances, each run's altitude where it flew.
    const x = [...new Set([...a.d, ...b.d])].sort((p, q) => p - q);
    const at = (d: Float64Array, v: Float64Array) => {
      const m = new Map<number, number>();
      d.forEach((dd, i) => {
        m.set(dd, v[i]);
      });
      return x.map((xx) => m.get(xx) ?? null);
    };
    const box = h("div", { class: "plots compare-plots" });
    parent.append(box);
    this.compareChart?.destroy();
    this.compareChart = lineChart(
      box,
      "Altitude of both runs",
      "distance flown, km",
      "m",
      x.map((d) => d / 1000),
      [
        {
          label: `left: ${ja?.scenario ?? ""}`,
          values: at(a.d, a.alt),
          colour: "#1f77b4",
          spanGaps: true,
        },
        {
          label: `right: ${jb?.scenario ?? ""}`,
          values: at(b.d, b.alt),
          colour: "#d62728",
          spanGaps: true,
        },
      ],
      "compare",
      720,
    );
  }

  /** Two runs side by side: pick each; their summaries in two columns. */
  private updateCompare(): void {
    const el = this.compareEl;
    el.replaceChildren(h("h3", {}, "Two runs side by side"));
    const pick = (i: number) => {
      const s = h("select", { "data-side": i });
      this.runs.forEach((j, k) => {
        s.append(
          h(
            "option",
            { value: k },
            `${k + 1}: ${j.scenario} (${new Date(j.created).toLocaleTimeString()})`,
          ),
        );
      });
      s.value = String(Math.max(0, this.runs.length - 2 + i));
      return s;
    };
    const a = pick(0);
    const b = pick(1);
    const table = h("div");
    const draw = () => {
      const ja = this.runs[Number(a.value)];
      const jb = this.runs[Number(b.value)];
      const ra = (ja?.result ?? {}) as Json;
      const rb = (jb?.result ?? {}) as Json;
      const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].filter(
        (k) =>
          (ra[k] === null || typeof ra[k] !== "object") &&
          (rb[k] === null || typeof rb[k] !== "object"),
      );
      const t = h(
        "table",
        { class: "grid compare-table" },
        h(
          "tr",
          {},
          h("th", {}, ""),
          h("th", {}, ja ? `${Number(a.value) + 1}: ${ja.scenario}` : ""),
          h("th", {}, jb ? `${Number(b.value) + 1}: ${jb.scenario}` : ""),
        ),
      );
      for (const k of keys)
        t.append(
          h(
            "tr",
            {},
            h("td", {}, k.replaceAll("_", " ")),
            h("td", {}, fmt(ra[k])),
            h("td", {}, fmt(rb[k])),
          ),
        );
      table.replaceChildren(t);
      void this.compareCharts(ja, jb, table);
    };
    a.addEventListener("change", draw);
    b.addEventListener("change", draw);
    el.append(h("div", {}, "left ", a, " right ", b), table);
    draw();
  }
}
