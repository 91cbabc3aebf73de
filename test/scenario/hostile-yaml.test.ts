/**
 * Hostile scenario files: every one is refused quickly with one clear line naming the file (and the
 * line, column and path where there is one), exit status 1, never a stack overflow reported as a
 * syntax error, an internal error (70) or half a minute of parsing. The files are made here, in a
 * temporary folder; none is committed.
 */

import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";
import { parseStudyScenarioText } from "../../src/scenario/dispersions.js";
import {
  loadScenarioFile,
  MAX_ALIAS_NODES,
  MAX_NESTING_DEPTH,
  MAX_SCENARIO_BYTES,
  parseScenarioText,
  parseYamlText,
} from "../../src/scenario/load.js";
import { ScenarioError } from "../../src/scenario/problems.js";

const dir = mkdtempSync(join(tmpdir(), "standoff-hostile-"));
const BODY = readFileSync(new URL("../fixtures/minimal-body.yaml", import.meta.url), "utf8");
const MISSION = readFileSync(new URL("../../examples/strike-a-high.yaml", import.meta.url), "utf8");

let n = 0;
function file(content: string | Uint8Array, ext = "yaml"): string {
  const f = join(dir, `f${n++}.${ext}`);
  writeFileSync(f, content);
  return f;
}

/** The error lines of loading a file (fails the test if it loads). */
function problems(f: string): string[] {
  try {
    loadScenarioFile(f);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    return e.message.split("\n");
  }
  throw new Error(`${f} loaded`);
}

/** `standoff run FILE`: exit status, stderr and time taken (ms). */
async function run(f: string) {
  const io = captureOutput();
  const t0 = performance.now();
  const code = await main(["run", f, "--out", join(dir, "out")], io);
  return { code, err: io.stderr.join("\n"), ms: performance.now() - t0 };
}

/** One line, naming the file, exit 1, no stack, no internal error; returns the line. */
async function refused(f: string): Promise<string> {
  const r = await run(f);
  expect(r.code).toBe(1);
  expect(r.err).not.toMatch(/internal error|call stack|at .*\.(ts|js):\d+/i);
  expect(r.err.startsWith(f)).toBe(true);
  return r.err;
}

const LIMIT = MAX_NESTING_DEPTH;

describe("nesting", () => {
  // The value of key x, `depth` collections deep (the top-level mapping is one more level).
  const shapes: Record<string, (depth: number) => string> = {
    "flow lists": (d) => ` ${"[".repeat(d)}1${"]".repeat(d)}`,
    "JSON objects": (d) => ` ${'{"a":'.repeat(d)}1${"}".repeat(d)}`,
    "block lists": (d) => `\n  ${"- ".repeat(d)}1`,
  };
  for (const [shape, make] of Object.entries(shapes)) {
    for (const depth of [5_000, 100_000]) {
      it(`${shape}, ${depth.toLocaleString("en-US")} deep: refused at level ${LIMIT + 1}, quickly`, async () => {
        const f = file(`kind: body\nx:${make(depth)}\n`);
        const t0 = performance.now();
        const line = await refused(f);
        expect(performance.now() - t0).toBeLessThan(2000);
        expect(line).toMatch(
          new RegExp(
            `^${f}:\\d+:\\d+: \\(document\\): expected mappings and lists nested at most ${LIMIT} levels deep, got level ${LIMIT + 1} here$`,
          ),
        );
      });
    }
  }

  it("block mappings 2,000 deep (indented) are refused at the limit", async () => {
    let text = "";
    for (let i = 0; i < 2000; i++) text += `${" ".repeat(i)}a:\n`;
    const line = await refused(file(text));
    expect(line).toContain(`:${LIMIT + 1}:`);
    expect(line).toContain(`at most ${LIMIT} levels deep`);
  });

  it(`exactly ${LIMIT} levels is accepted as far as nesting goes, ${LIMIT + 1} is not`, () => {
    const flow = (d: number) => `kind: body\nx: ${"[".repeat(d - 1)}1${"]".repeat(d - 1)}\n`;
    const json = (d: number) =>
      `{"kind": "body", "x": ${'{"a":'.repeat(d - 1)}1${"}".repeat(d - 1)}}`;
    let block = "kind: body\n";
    for (let i = 1; i < LIMIT + 1; i++) block += `${" ".repeat(i - 1)}a${i}:\n`;
    for (const make of [flow, json]) {
      // At the limit the schema complains (unknown key x), not the nesting.
      expect(problems(file(make(LIMIT))).join("\n")).not.toContain("nested");
      expect(problems(file(make(LIMIT + 1))).join("\n")).toContain("nested at most");
    }
    expect(problems(file(`${block}${" ".repeat(LIMIT - 1)}z: 1\n`)).join("\n")).not.toContain(
      "nested",
    );
    expect(
      problems(file(`${block}${" ".repeat(LIMIT)}z:\n${" ".repeat(LIMIT + 1)}y: 1\n`)).join("\n"),
    ).toContain("nested at most");
  });

  it("aliases cannot nest deeper than the limit either, and the path says where", () => {
    const anchor = `${"[".repeat(40)}1${"]".repeat(40)}`;
    const lines = problems(
      file(
        `kind: body\na: &a ${anchor}\nb: [[[[[[[[[[[[[[[[[[[[[[[[[*a]]]]]]]]]]]]]]]]]]]]]]]]]\n`,
      ),
    );
    expect(lines[0]).toMatch(
      /:3:\d+: b(\[0\]){25}: expected mappings and lists nested at most 64 levels deep, got level 66 through \*a$/,
    );
  });
});

describe("aliases", () => {
  it("a billion laughs is refused at the alias that crosses the limit, quickly, exit 1", async () => {
    const lines = ["kind: body", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    const names = "abcdefghi";
    for (let i = 1; i < names.length; i++) {
      lines.push(
        `${names[i]}: &${names[i]} [${Array(9)
          .fill(`*${names[i - 1]}`)
          .join(",")}]`,
      );
    }
    const f = file(`${lines.join("\n")}\n`);
    const r = await run(f);
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(2000);
    expect(r.err).toMatch(
      new RegExp(
        `^${f}:7:\\d+: f\\[\\d\\]: expected aliases that stand for at most ${MAX_ALIAS_NODES.toLocaleString("en-US")} nodes in all, got \\*e, which brings them to [\\d,]+ \\(an alias bomb\\?\\)$`,
      ),
    );
  });

  it("moderate use of anchors is fine, and the data is a tree (no shared objects)", () => {
    const text = MISSION.replace(
      "alt_ft: 25000\n  mach: 0.8",
      "alt_ft: &cruise 25000\n  mach: &m 0.8",
    )
      .replace("cruise: { alt_ft: 25000, mach: 0.8 }", "cruise: { alt_ft: *cruise, mach: *m }")
      .replace("lon_deg: -119.55 }", "lon_deg: -119.55, alt_ft: *cruise }");
    expect(text.match(/\*cruise/g)).toHaveLength(2);
    const s = parseScenarioText(text, "x.yaml");
    expect(s.kind === "mission" && s.route.waypoints[0].alt_ft).toBe(25000);
    expect(parseStudyScenarioText(text, "x.yaml").base.route.cruise?.mach).toBe(0.8);
    // An aliased mapping is copied, so a study that edits one place leaves the other alone.
    const { data } = parseYamlText("a: &s { x: [1, 2] }\nb: *s\n", "x.yaml");
    expect(data.b).toEqual({ x: [1, 2] });
    expect(data.b).not.toBe(data.a);
  });

  it("an alias to no anchor, and an alias inside its own anchor, are named", () => {
    expect(problems(file("kind: *nope\n"))).toEqual([
      `${join(dir, `f${n - 1}.yaml`)}:1:7: kind: expected an alias to an anchor defined before it, got *nope`,
    ]);
    expect(problems(file("kind: body\nx: &a [1, *a]\n"))[0]).toMatch(
      /:2:11: x\[1\]: expected an alias outside the node its anchor marks, got \*a inside &a \(a cycle\)$/,
    );
  });
});

describe("the file itself", () => {
  it(`a 50 MB file is refused by its size before it is read, in well under a second`, async () => {
    const f = join(dir, "huge.yaml");
    writeFileSync(f, "kind: body\n");
    truncateSync(f, 50 * 1024 * 1024);
    const r = await run(f);
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(500);
    expect(r.err).toBe(
      `${f}: (document): expected a scenario file of at most 4 MiB, got 50 MiB (52,428,800 bytes)`,
    );
  });

  it("one byte over the limit is refused; the limit itself is not refused for its size", () => {
    const over = file(Buffer.alloc(MAX_SCENARIO_BYTES + 1, 0x20));
    expect(problems(over)[0]).toContain("at most 4 MiB, got 4.0 MiB (4,194,305 bytes)");
    const at = file(`${"#".repeat(MAX_SCENARIO_BYTES - 12)}\nkind: body\n`);
    expect(problems(at).join("\n")).not.toContain("MiB");
  });

  it("a directory, a missing file, an unreadable file", async () => {
    const d = join(dir, "folder.yaml");
    mkdirSync(d);
    expect(await refused(d)).toBe(
      `${d}: (document): expected a readable YAML or JSON file, got a directory`,
    );
    const missing = join(dir, "missing.yaml");
    expect(await refused(missing)).toBe(
      `${missing}: (document): expected a readable YAML or JSON file, got no such file`,
    );
    if (process.getuid?.() !== 0) {
      // root reads anything, so only an ordinary user can see this one.
      const locked = file(BODY);
      chmodSync(locked, 0o000);
      expect(await refused(locked)).toContain("permission denied");
    }
  });

  it("empty, blank, comments only, document markers only", async () => {
    for (const [text, got] of [
      ["", "an empty file"],
      ["\n  \n", "an empty file"],
      ["# nothing here\n", "only comments, blank lines or document markers"],
      ["---\n...\n", "only comments, blank lines or document markers"],
    ]) {
      expect(await refused(file(text))).toMatch(
        new RegExp(
          `: \\(document\\): expected a mapping of keys to values \\(key: value lines\\) at the top level, got ${got}$`,
        ),
      );
    }
  });

  it("binary, another encoding, control characters", async () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    expect(await refused(file(bytes))).toContain("expected UTF-8 text (YAML or JSON), got");
    const latin1 = file(Buffer.from("kind: body\nname: caf\xe9\n", "latin1"));
    expect(await refused(latin1)).toBe(
      `${latin1}:2:10: (document): expected UTF-8 text (YAML or JSON), got a byte that is not UTF-8 (0xE9): a binary file, or text in another encoding`,
    );
    const nul = file("kind: body\nname: a\u0000b\n");
    expect(await refused(nul)).toBe(
      `${nul}:2:8: (document): expected UTF-8 text (YAML or JSON), got the control character U+0000: a binary file?`,
    );
    const utf16 = file(Buffer.from(`\ufeff${BODY}`, "utf16le"));
    expect(await refused(utf16)).toBe(
      `${utf16}:1:1: (document): expected UTF-8 text (YAML or JSON), got UTF-16 (little-endian) text; save the file as UTF-8`,
    );
  });

  it("a UTF-8 byte-order mark is allowed, and columns on line 1 are the user's", async () => {
    expect(loadScenarioFile(file(`\ufeff${BODY}`)).kind).toBe("body");
    const f = file(`\ufeffkind: bodyy\n${BODY.replace("kind: body\n", "")}`);
    expect(problems(f)[0]).toContain(":1:7: kind: expected one of");
  });
});

describe("structure", () => {
  it("duplicate keys, also when they differ only in YAML type", async () => {
    const f = file(`${BODY}kind: mission\n`);
    expect(await refused(f)).toMatch(
      /:\d+:1: kind: expected each key once in a mapping, got "kind" again \(first on line 2\)$/,
    );
    expect(problems(file("kind: body\n1: a\n'1': b\n"))[0]).toContain(
      `1: expected each key once in a mapping, got "1" again (first on line 2)`,
    );
  });

  it("tags: code, custom and non-JSON types are refused; core tags are fine", async () => {
    for (const [value, tag] of [
      ['!!js/function "function () { return 1 }"', "!!js/function"],
      ["!custom body", "!custom"],
      ["!!binary aGVsbG8=", "!!binary"],
      ["!!timestamp 2001-12-14", "!!timestamp"],
      ["!<tag:example.com,2000:x> body", "tag:example.com,2000:x"],
    ]) {
      const f = file(BODY.replace('name: "minimal body"', `name: ${value}`));
      expect(await refused(f)).toMatch(
        new RegExp(
          `:3:\\d+: name: expected no YAML tags other than !!str, !!int, !!float, !!bool, !!null, !!map and !!seq, got the tag ${tag.replace(/[$()*+.?[\\\]^{|}]/g, "\\$&")}$`,
        ),
      );
    }
    expect(
      loadScenarioFile(file(BODY.replace('name: "minimal body"', "name: !!str 42"))).name,
    ).toBe("42");
  });

  it("keys that are lists, mappings or aliases", () => {
    expect(problems(file("kind: body\n? [1, 2]\n: 3\n"))[0]).toMatch(
      /:2:3: \(document\): expected a plain key \(text or a number\), got a list as a key$/,
    );
    expect(problems(file("kind: body\n? {a: 1}\n: 3\n"))[0]).toContain("got a mapping as a key");
    expect(problems(file("kind: &k body\n*k : 3\n"))[0]).toContain("got an alias as a key");
  });

  it("a top-level scalar, list or null; a second document", async () => {
    const top = "expected a mapping of keys to values (key: value lines) at the top level, got";
    expect(await refused(file("hello\n"))).toMatch(
      /:1:1: \(document\): expected a mapping of keys to values \(key: value lines\) at the top level, got a single value \("hello"\)$/,
    );
    expect(await refused(file("- kind: body\n"))).toContain(`${top} a list of 1 item`);
    expect(await refused(file("[1, 2]", "json"))).toContain(`${top} a list of 2 items`);
    expect(await refused(file("~\n"))).toContain(`${top} a single value (null)`);
    expect(await refused(file("42"))).toContain(`${top} a single value (42)`);
    expect(await refused(file(`${BODY}---\n${BODY}`))).toMatch(
      /:13:1: \(document\): expected one YAML document, got a second document \(after a --- line\)$/,
    );
  });

  it("many syntax errors are listed up to ten, then counted", () => {
    const lines = problems(file("kind: body\n".concat("\t- x\n".repeat(50))));
    expect(lines.length).toBeLessThanOrEqual(11);
    expect(lines.at(-1)).toMatch(/got \d+ more syntax errors?$/);
  });

  it("a Monte Carlo study reads its file with the same limits", () => {
    const bomb = `${MISSION}\nzz: &z [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\nzy: [[[[[[[[[[[[[[[[[[[[[[[[[[[*z]]]]]]]]]]]]]]]]]]]]]]]]]]]\n`;
    expect(() => parseStudyScenarioText(bomb, "study.yaml")).toThrow(
      /nested at most 64 levels deep/,
    );
    expect(() => parseStudyScenarioText(`${MISSION}\nkind: mission\n`, "study.yaml")).toThrow(
      /each key once/,
    );
  });
});
