/**
 * The scenario editor: CodeMirror with YAML highlighting and a linter that asks the server, which
 * validates with the CLI's own loader, so each problem is marked at its line and column with the
 * field's path, what was expected and what was found.
 */

import { yaml } from "@codemirror/lang-yaml";
import { type Diagnostic, forceLinting, linter, lintGutter } from "@codemirror/lint";
import { basicSetup, EditorView } from "codemirror";
import type { CheckProblem, ValidateAnswer } from "./api.js";

/** What the editor reports after each check. */
export type CheckListener = (answer: ValidateAnswer, text: string) => void;

/** Diagnostics for the problems: from the problem's column to the end of its line. */
export function diagnostics(view: EditorView, problems: readonly CheckProblem[]): Diagnostic[] {
  const doc = view.state.doc;
  return problems.map((p) => {
    const lineNo = Math.min(Math.max(p.line ?? 1, 1), doc.lines);
    const line = doc.line(lineNo);
    const from = Math.min(line.from + Math.max((p.col ?? 1) - 1, 0), line.to);
    const to = line.to > from ? line.to : Math.min(from + 1, doc.length);
    const what = p.path ? `${p.path}: expected ${p.expected}, got ${p.got}` : p.message;
    return { from, to, severity: "error", message: what, source: "standoff" };
  });
}

/** The editor in `parent`; `check` validates text (the server) and `onCheck` hears each answer. */
export function createEditor(
  parent: HTMLElement,
  check: (text: string, signal: AbortSignal) => Promise<ValidateAnswer>,
  onCheck: CheckListener,
): EditorView {
  let inflight: AbortController | null = null;
  const source = async (view: EditorView): Promise<Diagnostic[]> => {
    inflight?.abort();
    const ctl = new AbortController();
    inflight = ctl;
    const text = view.state.doc.toString();
    try {
      const answer = await check(text, ctl.signal);
      if (ctl.signal.aborted) return [];
      onCheck(answer, text);
      return answer.ok ? [] : diagnostics(view, answer.problems);
    } catch (e) {
      if (ctl.signal.aborted) return [];
      const message = e instanceof Error ? e.message : String(e);
      return [{ from: 0, to: 0, severity: "error", message, source: "standoff" }];
    }
  };
  return new EditorView({
    parent,
    extensions: [
      basicSetup,
      yaml(),
      lintGutter(),
      linter(source, { delay: 400 }),
      EditorView.theme({ "&": { height: "100%" }, ".cm-scroller": { overflow: "auto" } }),
    ],
  });
}

/** Replace the whole text (a loaded file or a move on the map) and check it at once. */
export function setText(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  forceLinting(view);
}
