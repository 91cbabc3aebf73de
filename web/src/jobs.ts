/**
 * The job bar: one button per job kind the server registers (so a kind added on the server shows
 * up here), a progress bar fed by server-sent events, cancel, and the finished job handed to the
 * results, the replay and the comparison.
 */

import {
  ApiError,
  api,
  type JobKindInfo,
  type JobView,
  type MapFeatures,
  type TerrainImage,
} from "./api.js";
import { byId, h } from "./dom.js";
import type { ScenarioMap } from "./map.js";
import { ReplayTab } from "./replay-tab.js";
import { Results } from "./results.js";

/** What the panel needs from the page. */
export interface JobPanelHost {
  text(): string;
  name(): string;
  /** The scenario's terrain image and box, when it has terrain. */
  terrain(): TerrainImage | null;
  /** The scenario's map features (last valid check). */
  features(): MapFeatures | null;
  readonly map: ScenarioMap;
  showTab(tab: string): void;
  say(text: string, kind?: "good" | "bad" | ""): void;
}

/** The job bar and what follows a finished job. */
export class JobPanel {
  private kinds: JobKindInfo[] = [];
  private buttons = new Map<string, HTMLButtonElement>();
  private current: string | null = null;
  private scenarioKind: string | null = null;
  readonly results: Results;
  readonly replay: ReplayTab;
  /** The last job shown in the results. */
  last: JobView | null = null;

  constructor(private readonly host: JobPanelHost) {
    this.results = new Results(byId("tab-results"), byId("tab-compare"), host.map, () => ({
      terrain: host.terrain(),
      features: host.features(),
    }));
    this.replay = new ReplayTab(byId<HTMLIFrameElement>("replay-frame"), byId("replay-note"));
    byId("cancel").addEventListener("click", () => void this.cancel());
  }

  async init(): Promise<void> {
    const { kinds } = await api.kinds();
    this.kinds = kinds;
    const bar = byId("jobbuttons");
    for (const k of kinds) {
      const b = h("button", { type: "button", "data-kind": k.name, title: k.description }, k.label);
      b.addEventListener("click", () => void this.start(k));
      this.buttons.set(k.name, b);
      bar.append(b, " ");
    }
    this.setScenario(this.scenarioKind);
  }

  /** Enable the kinds that take this scenario kind (null: the text has problems). */
  setScenario(kind: string | null): void {
    this.scenarioKind = kind;
    for (const k of this.kinds) {
      const b = this.buttons.get(k.name);
      if (b)
        b.disabled =
          this.current !== null || kind === null || !k.scenarioKinds.includes(kind as "mission");
    }
  }

  private options(k: JobKindInfo): Record<string, unknown> {
    if (k.name === "mc") return { runs: Number(byId<HTMLInputElement>("mc-runs").value) || 50 };
    if (k.name === "sweep") return { runs: Number(byId<HTMLInputElement>("mc-runs").value) || 20 };
    if (k.name === "run") return { sample_dt_s: 0.5 };
    return {};
  }

  private async start(k: JobKindInfo): Promise<void> {
    let job: JobView;
    try {
      job = await api.start(k.name, this.host.text(), this.host.name(), this.options(k));
    } catch (e) {
      const msg = e instanceof ApiError ? e.message : String(e);
      this.host.say(`${k.label}: ${msg}`, "bad");
      return;
    }
    this.current = job.id;
    this.setScenario(this.scenarioKind);
    const progress = byId<HTMLProgressElement>("progress");
    const text = byId("progress-text");
    progress.hidden = false;
    progress.removeAttribute("value");
    byId("cancel").hidden = false;
    text.textContent = `${k.label}: starting…`;
    this.host.say(`${k.label} running`);
    const es = new EventSource(`/api/jobs/${job.id}/events`);
    es.addEventListener("progress", (ev) => {
      const v = JSON.parse((ev as MessageEvent<string>).data) as JobView;
      const p = v.progress;
      if (p?.fraction !== null && p?.fraction !== undefined) progress.value = p.fraction;
      else progress.removeAttribute("value");
      const count = p?.total ? ` ${p.done}/${p.total}` : "";
      const pct = p?.fraction != null ? ` ${Math.round(100 * p.fraction)} %` : "";
      text.textContent = `${k.label}: ${p?.stage ?? "working"}${count}${pct} (${v.elapsed_s.toFixed(0)} s)`;
    });
    es.addEventListener("end", (ev) => {
      es.close();
      const v = JSON.parse((ev as MessageEvent<string>).data) as JobView;
      this.finish(k, v);
    });
    es.onerror = () => {
      // The stream closes after "end"; a real failure leaves the job to be fetched once.
      if (this.current === job.id && es.readyState === EventSource.CLOSED) {
        void api.job(job.id).then((v) => v.status !== "running" && this.finish(k, v));
      }
    };
  }

  private finish(k: JobKindInfo, v: JobView): void {
    if (this.current !== v.id) return;
    this.current = null;
    this.setScenario(this.scenarioKind);
    byId<HTMLProgressElement>("progress").hidden = true;
    byId("cancel").hidden = true;
    byId("progress-text").textContent = `${k.label}: ${v.status} in ${v.elapsed_s.toFixed(1)} s`;
    this.host.say(`${k.label} ${v.status}`, v.status === "done" ? "good" : "bad");
    this.last = v;
    void this.results.show(v);
    if (v.kind === "run" && v.status === "done") this.replay.setJob(v, this.host.terrain());
    this.host.showTab("results");
  }

  private async cancel(): Promise<void> {
    if (!this.current) return;
    await api.cancel(this.current);
  }

  /** The page switched tabs. */
  onTab(tab: string): void {
    if (tab === "replay") this.replay.open();
  }
}
