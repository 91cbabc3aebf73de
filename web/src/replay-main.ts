/**
 * The replay frame's page: reads what to show from its URL (a job's CZML file, the terrain) and
 * shows it. The URL carries only a job id, a file name and a terrain id; every one is checked
 * here and again by the server.
 */

import { fetchGrid, ReplayViewer } from "./replay.js";

const note = document.getElementById("note") as HTMLElement;
const q = new URLSearchParams(location.search);
const job = q.get("job") ?? "";
const file = q.get("file") ?? "";
const terrain = q.get("terrain") ?? "";
const box = ["south", "west", "north", "east"].map((k) => Number(q.get(k)));

async function start(): Promise<void> {
  const C = window.Cesium;
  if (!C) {
    note.textContent = "CesiumJS is not available at /cesium/ (npm install cesium)";
    return;
  }
  if (!/^[0-9a-f-]{36}$/.test(job) || !/^(salvo|trajectory)\.czml$/.test(file)) {
    note.textContent = "Nothing to replay: run a mission or salvo first.";
    return;
  }
  const r = new ReplayViewer(C, document.getElementById("cesium") as HTMLElement);
  window.replay = r;
  const grid =
    /^[0-9a-f]{32}$/.test(terrain) && box.every(Number.isFinite)
      ? await fetchGrid(`/api/terrain/${terrain}.png`, {
          south: box[0],
          west: box[1],
          north: box[2],
          east: box[3],
        })
      : null;
  await r.show({
    czmlUrl: `/api/jobs/${job}/files/${file}`,
    grid,
    ...(file === "salvo.czml"
      ? { engagementUrl: `/api/jobs/${job}/files/engagement.json` }
      : { summaryUrl: `/api/jobs/${job}/files/summary.json` }),
  });
  window.replayReady = true;
}

declare global {
  interface Window {
    replay?: ReplayViewer;
    replayReady?: boolean;
  }
}

void start();
