import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";
import { parseScenarioText } from "../../src/scenario/load.js";
import { ScenarioError } from "../../src/scenario/problems.js";

/**
 * Property-based fuzzing of the scenario loader and the CLI on top of it: random mutations of every
 * bundled example (wrong types, absurd magnitudes, NaN and ±Infinity, missing and extra keys,
 * deep nesting) must never give a stack trace, an exit other than 0/1/2, a NaN or Infinity in an
 * accepted scenario or a written output, or an output folder when the file is rejected.
 * Seeded (FUZZ_SEED to replay another), so a failure reproduces with the printed seed and path.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const LOADER_CASES = 2000;
const CLI_CASES = Number(process.env.FUZZ_CLI_CASES ?? 120);
const EXAMPLES = readdirSync("examples")
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((f) => ({ name: f, doc: parse(readFileSync(join("examples", f), "utf8")) as unknown }));
const tmp = mkdtempSync(join(tmpdir(), "standoff-fuzz-"));

type Path = (string | number)[];

/** Every path in a document (the root excluded), depth-first. */
function paths(node: unknown, here: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(node)) {
    node.forEach((v, i) => {
      out.push([...here, i]);
      paths(v, [...here, i], out);
    });
  } else if (node !== null && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      out.push([...here, k]);
      paths(v, [...here, k], out);
    }
  }
  return out;
}

function parentOf(doc: unknown, path: Path): Record<string | number, unknown> {
  let node = doc as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  return node;
}

const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: [v] };
  return v;
};

/** Replacement values: wrong types, absurd magnitudes, non-finite numbers, nesting. */
const VALUES: unknown[] = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e308,
  -1e308,
  1e12,
  -5e6,
  1e-300,
  0,
  -1,
  0.5,
  "",
  "12",
  "ft",
  true,
  null,
  [],
  {},
  [1, 2, 3],
  { extra: 1 },
  nested(40),
];

type Mutation =
  | { kind: "set"; at: number; value: number }
  | { kind: "scale"; at: number; factor: number }
  | { kind: "delete"; at: number }
  | { kind: "extra"; at: number }
  | { kind: "wrap"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant("set" as const),
    at: fc.nat(),
    value: fc.nat({ max: VALUES.length - 1 }),
  }),
  fc.record({
    kind: fc.constant("scale" as const),
    at: fc.nat(),
    factor: fc.constantFrom(-1, 1e6, 1e-6, 1000, 0, 0.9, 1.1, 0.5, 2),
  }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("extra" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("wrap" as const), at: fc.nat() }),
);

const caseArb = fc.record({
  example: fc.nat({ max: EXAMPLES.length - 1 }),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
});

/** Apply the mutations to a copy of the example's document. */
function mutate(c: { example: number; mutations: Mutation[] }): {
  doc: unknown;
  what: string[];
} {
  const doc = structuredClone(EXAMPLES[c.example].doc);
  const what: string[] = [EXAMPLES[c.example].name];
  for (const m of c.mutations) {
    const all = paths(doc);
    if (all.length === 0) break;
    const path = all[m.at % all.length];
    const parent = parentOf(doc, path);
    const key = path[path.length - 1];
    what.push(`${m.kind} ${path.join(".")}`);
    if (m.kind === "set") parent[key] = structuredClone(VALUES[m.value]);
    else if (m.kind === "scale") {
      if (typeof parent[key] === "number") parent[key] = (parent[key] as number) * m.factor;
    } else if (m.kind === "delete") {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (m.kind === "extra") {
      const v = parent[key];
      if (v !== null && typeof v === "object" && !Array.isArray(v)) {
        (v as Record<string, unknown>).unexpected_key = 1;
      } else parent[`${String(key)}_extra`] = 1;
    } else parent[key] = [parent[key]];
  }
  return { doc, what };
}

/** Any non-finite number anywhere in a value (NaN and ±Infinity). */
function nonFinite(v: unknown, here = "$"): string | null {
  if (typeof v === "number") return Number.isFinite(v) ? null : here;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const r = nonFinite(v[i], `${here}[${i}]`);
      if (r) return r;
    }
  } else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      const r = nonFinite(x, `${here}.${k}`);
      if (r) return r;
    }
  }
  return null;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe("fuzzing the scenario loader", () => {
  it(`${LOADER_CASES} mutated examples either load with finite numbers or fail with a path-named ScenarioError`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const { doc, what } = mutate(c);
        const text = stringify(doc);
        try {
          const s = parseScenarioText(text, "fuzz.yaml");
          accepted++;
          const bad = nonFinite(s);
          if (bad) throw new Error(`accepted a non-finite value at ${bad}: ${what.join("; ")}`);
        } catch (e) {
          if (!(e instanceof ScenarioError)) {
            throw new Error(`${what.join("; ")}: ${(e as Error).stack ?? String(e)}`);
          }
          expect(e.problems.length).toBeGreaterThan(0);
          for (const p of e.problems) {
            expect(p.file).toBe("fuzz.yaml");
            expect(typeof p.path).toBe("string");
          }
        }
      }),
      { seed: SEED, numRuns: LOADER_CASES },
    );
    // Mutations must leave some scenarios valid, or the accepted branch is never exercised.
    expect(accepted).toBeGreaterThan(50);
  }, 120_000);

  it(`the CLI on ${CLI_CASES} mutated examples: exit 0/1/2, no stack trace, nothing written on rejection, no NaN written`, async () => {
    const outcomes = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(caseArb, fc.nat(), async (c, id) => {
        const { doc, what } = mutate(c);
        // Keep each flight short: a capped flight still writes every output.
        const d = doc as { simulation?: unknown };
        if (d.simulation && typeof d.simulation === "object" && !Array.isArray(d.simulation)) {
          (d.simulation as Record<string, unknown>).max_time_s = 120;
        }
        const file = join(tmp, `case-${id}.yaml`);
        writeFileSync(file, stringify(doc));
        const out = join(tmp, `out-${id}`);
        const io = captureOutput();
        const code = await main(["run", file, "--out", out, "--sample-dt", "1"], io);
        outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
        const err = io.stderr.join("\n");
        const context = `${what.join("; ")} (exit ${code}): ${err.slice(0, 400)}`;
        expect([0, 1, 2], context).toContain(code);
        expect(err, context).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
        expect(err, context).not.toMatch(/internal error/);
        if (code === 2 || (code === 1 && !existsSync(join(out, "summary.json")))) {
          // Rejected input: no output folder at all.
          expect(existsSync(out), context).toBe(false);
          return;
        }
        for (const f of filesUnder(out)) {
          if (!/\.(json|csv|geojson|czml)$/.test(f)) continue;
          expect(readFileSync(f, "utf8"), `${context} in ${f}`).not.toMatch(/\bNaN\b|Infinity/);
        }
      }),
      { seed: SEED, numRuns: CLI_CASES },
    );
    console.log("fuzz CLI exits", [...outcomes.entries()]);
    // Some mutations must fly, or the output checks above never run.
    expect(outcomes.get(0) ?? 0).toBeGreaterThan(0);
  }, 600_000);
});
