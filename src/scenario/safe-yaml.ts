/**
 * YAML (and JSON, which is YAML 1.2) text → plain data, safe against hostile files. The `yaml`
 * package's composer and toJS() recurse once per nesting level and resolve each alias by scanning
 * every anchor, so a deeply nested or alias-heavy file could overflow the stack or run for minutes.
 * Here instead:
 * - nesting is counted on the parser's explicit stack while the text is parsed, and parsing stops
 *   past MAX_NESTING_DEPTH, before the recursive composer ever sees the tokens;
 * - the composed document is turned into data by one iterative walk (no recursion, so depth
 *   cannot overflow the stack) that resolves each alias through a map, clones the anchored value
 *   (the data is a tree: editing one place never changes another) and counts what aliases expand
 *   to, so a "billion laughs" file stops at MAX_ALIAS_NODES with the alias that crossed it;
 * - the walk also refuses what plain data cannot hold or a scenario never needs: explicit tags
 *   other than the core ones (`!!js/function`, `!!binary`, custom `!tags`), keys that are lists,
 *   mappings or aliases, the same key twice, dates and other non-JSON scalars, and cycles.
 * Every refusal is a ScenarioError naming the file, line and column, and the path when known.
 */

import {
  Composer,
  type CST,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  type Node,
  type ParsedNode,
  Parser,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import { describeValue, type Problem, pathToString, ScenarioError } from "./problems.js";

/** Deepest nesting of mappings and lists accepted (a scenario needs about 8). */
export const MAX_NESTING_DEPTH = 64;

/** Most nodes all aliases together may stand for (an alias of a 3-node list counts 3). */
export const MAX_ALIAS_NODES = 100_000;

/** Syntax errors listed before the rest are summarised in one line. */
const MAX_SYNTAX_PROBLEMS = 10;

/** A parsed file: its document (for positions), line counter and data. */
export interface ParsedYaml {
  readonly doc: Document.Parsed<ParsedNode>;
  readonly lineCounter: LineCounter;
  /** The top-level mapping as plain data (a tree: no value is shared between two places). */
  readonly data: Record<string, unknown>;
}

const CORE = "tag:yaml.org,2002:";
/** Explicit tags that only restate what plain YAML and JSON already mean. */
const PLAIN_TAGS = new Set(
  ["str", "int", "float", "bool", "null", "map", "seq"].map((t) => CORE + t),
);

const COLLECTION_TOKENS = new Set(["block-map", "block-seq", "flow-collection"]);

/** Parse text and return its top-level mapping as plain data; throws ScenarioError on any problem. */
export function parseYamlText(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  const tokens = parseTokens(text, file, lineCounter, at);
  const { doc, secondDoc } = compose(tokens, text.length);
  const problems: Problem[] = [];
  for (const err of [...doc.errors, ...doc.warnings]) {
    // Unknown tags are reported by the walk below, with their path.
    if (err.code === "TAG_RESOLVE_FAILED") continue;
    problems.push({
      file,
      ...at(err.pos[0]),
      path: "",
      expected: "valid YAML or JSON",
      got: `a syntax error (${err.message.split("\n")[0]})`,
    });
  }
  if (secondDoc !== null) {
    problems.push({
      file,
      ...at(secondDoc),
      path: "",
      expected: "one YAML document",
      got: "a second document (after a --- line)",
    });
  }
  if (problems.length > MAX_SYNTAX_PROBLEMS) {
    const more = problems.length - MAX_SYNTAX_PROBLEMS;
    problems.length = MAX_SYNTAX_PROBLEMS;
    problems.push({
      file,
      path: "",
      expected: "valid YAML or JSON",
      got: `${more} more syntax error${more === 1 ? "" : "s"}`,
    });
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  const root = doc.contents;
  if (!isMap(root)) throw notAMapping(file, text, root, root ? at(root.range[0]) : {});
  return { doc, lineCounter, data: toPlainData(root, file, at) };
}

type At = (offset: number) => { line: number; col: number };

/**
 * The CST tokens of the text, as the composer asks for them (so parsing stops at a second
 * document), refusing nesting deeper than MAX_NESTING_DEPTH as soon as the parser's stack reaches
 * it (the parser keeps an explicit stack; it does not recurse).
 */
function* parseTokens(
  text: string,
  file: string,
  lineCounter: LineCounter,
  at: At,
): Generator<CST.Token, void> {
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  for (const lexeme of new Lexer().lex(text)) {
    yield* parser.next(lexeme);
    // Collections are a subset of the stack, so a short stack needs no count.
    if (parser.stack.length > MAX_NESTING_DEPTH) {
      let depth = 0;
      for (const t of parser.stack) if (COLLECTION_TOKENS.has(t.type)) depth++;
      if (depth > MAX_NESTING_DEPTH) {
        throw new ScenarioError([
          {
            file,
            ...at(parser.offset),
            path: "",
            expected: `mappings and lists nested at most ${MAX_NESTING_DEPTH} levels deep`,
            got: `level ${depth} here`,
          },
        ]);
      }
    }
  }
  yield* parser.end();
}

/** The first document of the tokens, and where a second one starts (null: there is none). */
function compose(
  tokens: Iterable<CST.Token>,
  end: number,
): { doc: Document.Parsed<ParsedNode>; secondDoc: number | null } {
  // Duplicate keys are found by the walk, comparing keys as the data will hold them (1 and "1").
  const composer = new Composer({ uniqueKeys: false });
  let doc: Document.Parsed<ParsedNode> | null = null;
  for (const d of composer.compose(tokens, true, end)) {
    if (doc === null) doc = d;
    else return { doc, secondDoc: d.range[0] };
  }
  if (doc === null) throw new Error("yaml composer returned no document");
  return { doc, secondDoc: null };
}

/** Why the top level is not a mapping: empty, comments only, a single value or a list. */
function notAMapping(
  file: string,
  text: string,
  root: ParsedNode | null,
  pos: { line?: number; col?: number },
): ScenarioError {
  const expected = "a mapping of keys to values (key: value lines) at the top level";
  let got: string;
  if (root === null || (isScalar(root) && root.value === null && root.source === "")) {
    got = text.trim() === "" ? "an empty file" : "only comments, blank lines or document markers";
  } else if (isSeq(root)) {
    got = `a list of ${root.items.length} item${root.items.length === 1 ? "" : "s"}`;
  } else if (isAlias(root)) {
    got = `an alias (*${root.source})`;
  } else {
    got = `a single value (${describeValue(isScalar(root) ? root.value : root)})`;
  }
  return new ScenarioError([{ file, ...pos, path: "", expected, got }]);
}

/** A value built and what it stands for: collection levels (a scalar: 0) and node count. */
interface Built {
  readonly value: unknown;
  readonly height: number;
  readonly size: number;
}

/** A mapping or list being built. */
interface Frame {
  readonly node: YAMLMap | YAMLSeq;
  readonly out: Record<string, unknown> | unknown[];
  /** Nesting level of this collection: the top-level mapping is 1. */
  readonly level: number;
  /** Next item to visit. */
  next: number;
  /** Key (or index) of the child collection being built. */
  pending: string | number;
  /** Tallest child so far (collection levels) and nodes so far, this one included. */
  childHeight: number;
  size: number;
  /** Keys seen in a mapping, with the offset of their first occurrence. */
  readonly keys: Map<string, number> | null;
}

/**
 * The mapping as plain data, walked iteratively. Aliases resolve to the last anchor of that name
 * before them (as YAML says) and are copied; what they expand to counts toward MAX_ALIAS_NODES and
 * their depth toward MAX_NESTING_DEPTH.
 */
function toPlainData(root: YAMLMap, file: string, at: At): Record<string, unknown> {
  const anchors = new Map<string, Node>();
  const built = new Map<Node, Built>();
  const path: (string | number)[] = [];
  let aliasNodes = 0;
  const fail = (node: Node | null, where: (string | number)[], expected: string, got: string) =>
    new ScenarioError([
      {
        file,
        ...(node?.range ? at(node.range[0]) : {}),
        path: pathToString(where),
        expected,
        got,
      },
    ]);

  const checkTag = (node: Node, where: () => (string | number)[]) => {
    if (node.tag !== undefined && !PLAIN_TAGS.has(node.tag)) {
      throw fail(
        node,
        where(),
        "no YAML tags other than !!str, !!int, !!float, !!bool, !!null, !!map and !!seq",
        `the tag ${node.tag.startsWith(CORE) ? `!!${node.tag.slice(CORE.length)}` : node.tag}`,
      );
    }
  };

  const frameOf = (node: YAMLMap | YAMLSeq, level: number): Frame => ({
    node,
    out: isMap(node) ? {} : [],
    level,
    next: 0,
    pending: "",
    childHeight: 0,
    size: 1,
    keys: isMap(node) ? new Map() : null,
  });

  /** Put a finished child into its parent. */
  const attach = (parent: Frame, key: string | number, b: Built) => {
    if (Array.isArray(parent.out)) parent.out.push(b.value);
    // defineProperty: a key named __proto__ stays a key instead of replacing the prototype.
    else
      Object.defineProperty(parent.out, key, {
        value: b.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    parent.childHeight = Math.max(parent.childHeight, b.height);
    parent.size += b.size;
  };

  checkTag(root, () => []);
  if (root.anchor) anchors.set(root.anchor, root);
  const stack: Frame[] = [frameOf(root, 1)];
  let result: Record<string, unknown> | null = null;
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next >= top.node.items.length) {
      stack.pop();
      const b: Built = { value: top.out, height: top.childHeight + 1, size: top.size };
      if (top.node.anchor) built.set(top.node, b);
      const parent = stack[stack.length - 1];
      if (parent) {
        attach(parent, parent.pending, b);
        path.pop();
      } else result = top.out as Record<string, unknown>;
      continue;
    }
    const i = top.next++;
    let key: string | number = i;
    let child: unknown;
    if (top.keys) {
      const pair = (top.node as YAMLMap).items[i];
      const k = pair.key as Node | null;
      if (k !== null && !isScalar(k)) {
        const what = isAlias(k) ? "an alias" : isSeq(k) ? "a list" : "a mapping";
        throw fail(k, path, "a plain key (text or a number)", `${what} as a key`);
      }
      if (k !== null) checkTag(k, () => path);
      const raw = k === null ? null : k.value;
      if (typeof raw === "symbol") {
        throw fail(k, path, "a plain key (text or a number)", "a merge key (<<)");
      }
      key = raw === null || raw === undefined ? "" : String(raw);
      const first = top.keys.get(key);
      const offset = k?.range?.[0] ?? 0;
      if (first !== undefined) {
        throw fail(
          k,
          [...path, key],
          "each key once in a mapping",
          `${JSON.stringify(key)} again (first on line ${at(first).line})`,
        );
      }
      top.keys.set(key, offset);
      if (k?.anchor) {
        anchors.set(k.anchor, k);
        built.set(k, { value: key, height: 0, size: 1 });
      }
      child = pair.value;
    } else {
      child = (top.node as YAMLSeq).items[i];
    }
    if (child === null || child === undefined) {
      attach(top, key, { value: null, height: 0, size: 1 });
      continue;
    }
    // The path of this child, built only when something is wrong with it.
    const where = () => [...path, key];
    if (isAlias(child)) {
      const target = anchors.get(child.source);
      if (target === undefined) {
        throw fail(child, where(), "an alias to an anchor defined before it", `*${child.source}`);
      }
      const b = built.get(target);
      if (b === undefined) {
        throw fail(
          child,
          where(),
          "an alias outside the node its anchor marks",
          `*${child.source} inside &${child.source} (a cycle)`,
        );
      }
      aliasNodes += b.size;
      if (aliasNodes > MAX_ALIAS_NODES) {
        throw fail(
          child,
          where(),
          `aliases that stand for at most ${MAX_ALIAS_NODES.toLocaleString("en-US")} nodes in all`,
          `*${child.source}, which brings them to ${aliasNodes.toLocaleString("en-US")} (an alias bomb?)`,
        );
      }
      if (top.level + b.height > MAX_NESTING_DEPTH) {
        throw fail(
          child,
          where(),
          `mappings and lists nested at most ${MAX_NESTING_DEPTH} levels deep`,
          `level ${top.level + b.height} through *${child.source}`,
        );
      }
      const value = b.height === 0 ? b.value : structuredClone(b.value);
      attach(top, key, { value, height: b.height, size: b.size });
      continue;
    }
    const node = child as Node;
    checkTag(node, where);
    if (node.anchor) anchors.set(node.anchor, node);
    if (isMap(node) || isSeq(node)) {
      // The parser's stack already bounds plain nesting; this also covers anything it missed.
      if (top.level + 1 > MAX_NESTING_DEPTH) {
        throw fail(
          node,
          where(),
          `mappings and lists nested at most ${MAX_NESTING_DEPTH} levels deep`,
          `level ${top.level + 1} here`,
        );
      }
      top.pending = key;
      path.push(key);
      stack.push(frameOf(node, top.level + 1));
      continue;
    }
    if (!isScalar(node)) throw fail(node, where(), "a value", "a key: value pair inside a list");
    const v = node.value;
    if (!(v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean")) {
      const what =
        v instanceof Date ? "a date" : typeof v === "bigint" ? "a big integer" : typeof v;
      throw fail(node, where(), "a number, text, true, false or null", what);
    }
    const b: Built = { value: v, height: 0, size: 1 };
    if (node.anchor) built.set(node, b);
    attach(top, key, b);
  }
  if (result === null) throw new Error("the walk ended without the top-level mapping");
  return result;
}
