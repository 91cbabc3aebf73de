/**
 * Building the page with DOM calls only: every text from a scenario or a result goes in through
 * textContent or an attribute, never innerHTML, so a name like `<img onerror=...>` shows as text.
 */

type Child = Node | string | number | null | undefined | false;

/** An element with attributes (strings; `class`, `data-*`, ...) and children (text is escaped). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "number" ? String(c) : c);
  }
  return el;
}

/** The element with this id (throws if the page lacks it). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`page: no #${id}`);
  return el as T;
}

/** A number for people: at most `digits` decimals, no trailing zeros, "—" for null. */
export function fmt(x: unknown, digits = 3): string {
  if (x === null || x === undefined) return "—";
  if (typeof x === "number") {
    if (!Number.isFinite(x)) return String(x);
    if (Number.isInteger(x)) return String(x);
    return String(Number(x.toFixed(digits)));
  }
  if (typeof x === "boolean") return x ? "yes" : "no";
  return String(x);
}
