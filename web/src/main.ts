/**
 * The page: a scenario editor (CodeMirror, checked by the server as you type), a map of the
 * scenario whose points can be dragged (the YAML follows), job buttons with live progress and
 * cancel, the results, a 3-D replay and a side-by-side comparison of runs.
 */

import "./style.css";
import type { EditorView } from "codemirror";
import { api, type CheckProblem, type ValidateAnswer } from "./api.js";
import { byId, h } from "./dom.js";
import { createEditor, setText } from "./editor.js";
import { JobPanel } from "./jobs.js";
import { ScenarioMap } from "./map.js";
import { movePoint } from "./yaml-edit.js";

/** What the page holds: the file's name and the last check's answer. */
const state: { name: string; answer: ValidateAnswer | null; text: string } = {
  name: "scenario.yaml",
  answer: null,
  text: "",
};

const status = byId("status");
function say(text: string, kind: "good" | "bad" | "" = ""): void {
  status.textContent = text;
  status.className = `status ${kind}`;
}

const problemsEl = byId("problems");
function showProblems(problems: readonly CheckProblem[] | null): void {
  problemsEl.replaceChildren();
  if (problems === null) {
    problemsEl.append(h("div", { class: "ok" }, "no problems: the scenario passes the schema"));
    return;
  }
  for (const p of problems) {
    const where = p.line === null ? "" : `line ${p.line}${p.col ? `:${p.col}` : ""} `;
    const row = h(
      "div",
      { class: "problem", "data-path": p.path, "data-line": p.line ?? "" },
      h("span", { class: "where" }, `${where}${p.path || "(document)"}`),
      ` — expected ${p.expected || "?"}, got ${p.got || "?"}`,
    );
    if (!p.path) row.textContent = p.message;
    row.addEventListener("click", () => {
      if (p.line === null) return;
      const line = editor.state.doc.line(Math.min(p.line, editor.state.doc.lines));
      editor.dispatch({ selection: { anchor: line.from }, scrollIntoView: true });
      editor.focus();
    });
    problemsEl.append(row);
  }
}

const scenarioMap = new ScenarioMap(byId("map"), byId("layers"), (p, lat, lon) => {
  const next = movePoint(editor.state.doc.toString(), p.path, lat, lon);
  if (next === null) {
    say(`could not move ${p.name}: the text does not hold it at ${p.path.join(".")}`, "bad");
    return;
  }
  setText(editor, next);
  say(`moved ${p.name} to ${lat.toFixed(4)}°, ${lon.toFixed(4)}°`);
});

const editor: EditorView = createEditor(
  byId("editor"),
  (text, signal) => api.validate(text, state.name, signal),
  (answer, text) => {
    state.answer = answer;
    state.text = text;
    if (answer.ok) {
      showProblems(null);
      say(`${answer.scenario.kind}: ${answer.scenario.name}`, "good");
      void scenarioMap.show(answer.features, answer.terrainImage, answer.coverageImages);
    } else {
      showProblems(answer.problems);
      say(
        `${answer.problems.length} problem${answer.problems.length === 1 ? "" : "s"} in ${state.name}`,
        "bad",
      );
    }
    jobs.setScenario(answer.ok ? answer.scenario.kind : null);
  },
);

const jobs = new JobPanel({
  text: () => editor.state.doc.toString(),
  name: () => state.name,
  terrain: () => (state.answer?.ok ? state.answer.terrainImage : null),
  features: () => (state.answer?.ok ? state.answer.features : null),
  map: scenarioMap,
  showTab,
  say,
});

function showTab(tab: string): void {
  for (const b of document.querySelectorAll<HTMLButtonElement>(".tabs button"))
    b.classList.toggle("active", b.dataset.tab === tab);
  for (const t of document.querySelectorAll<HTMLElement>(".tab"))
    t.classList.toggle("active", t.id === `tab-${tab}`);
  // The results' flight panel shows the map beside its time slider; the map tab takes it back.
  const dock = document.querySelector<HTMLElement>("#tab-results .map-dock");
  if (tab === "results" && dock) scenarioMap.dockInto(dock);
  if (tab === "map") scenarioMap.dockInto(null);
  jobs.onTab(tab);
}
for (const b of document.querySelectorAll<HTMLButtonElement>(".tabs button"))
  b.addEventListener("click", () => showTab(b.dataset.tab ?? "map"));

function load(text: string, name: string): void {
  state.name = name;
  setText(editor, text);
}

const examples = byId<HTMLSelectElement>("examples");
void api.examples().then(({ examples: list }) => {
  for (const e of list)
    examples.append(h("option", { value: e.name }, `${e.title} (${e.kind || "?"}, ${e.name})`));
});
examples.addEventListener("change", async () => {
  if (!examples.value) return;
  const e = await api.example(examples.value);
  load(e.text, e.name);
});

byId<HTMLInputElement>("upload").addEventListener("change", async (ev) => {
  const input = ev.target as HTMLInputElement;
  const file = input.files?.[0];
  if (!file) return;
  if (file.size > 4 * 1024 * 1024) {
    say(`${file.name}: larger than the 4 MiB scenario limit`, "bad");
    return;
  }
  load(await file.text(), file.name);
  input.value = "";
});

byId("download").addEventListener("click", () => {
  const blob = new Blob([editor.state.doc.toString()], { type: "text/yaml" });
  const a = h("a", { href: URL.createObjectURL(blob), download: state.name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
});

void jobs.init();

// For the browser tests and curious users: the page's parts.
declare global {
  interface Window {
    standoff: { editor: EditorView; map: ScenarioMap; jobs: JobPanel; state: typeof state };
  }
}
window.standoff = { editor, map: scenarioMap, jobs, state };
