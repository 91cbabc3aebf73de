/** The 3-D tab: a frame showing replay.html for the last run (made when the tab opens). */

import type { JobView, TerrainImage } from "./api.js";

/** The replay tab. */
export class ReplayTab {
  private job: JobView | null = null;
  private terrain: TerrainImage | null = null;
  private shown = "";

  constructor(
    private readonly frame: HTMLIFrameElement,
    private readonly note: HTMLElement,
  ) {}

  /** The run to replay next time the tab opens, and its scenario's terrain. */
  setJob(job: JobView, terrain: TerrainImage | null): void {
    this.job = job;
    this.terrain = terrain;
  }

  open(): void {
    const job = this.job;
    if (!job) return;
    const czml = job.files.find((f) => f.path === "salvo.czml" || f.path === "trajectory.czml");
    if (!czml) {
      this.note.textContent = "This run wrote no CZML (a body scenario): nothing to replay in 3-D.";
      return;
    }
    const q = new URLSearchParams({ job: job.id, file: czml.path });
    const t = this.terrain;
    const id = t ? /\/api\/terrain\/([0-9a-f]{32})\.png$/.exec(t.url)?.[1] : undefined;
    if (t && id)
      for (const [k, v] of Object.entries({
        terrain: id,
        south: t.south,
        west: t.west,
        north: t.north,
        east: t.east,
      }))
        q.set(k, String(v));
    const src = `/replay.html?${q}`;
    if (src === this.shown) return;
    this.shown = src;
    this.note.textContent = "";
    this.frame.hidden = false;
    this.frame.src = src;
  }
}
