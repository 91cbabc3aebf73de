/**
 * What a moving target costs: examples/relocating-launcher-updates.yaml (a relocating launcher,
 * a scanning seeker, an update every 60 s) against the same flight with its target fixed and known
 * exactly (no motion, error, updates or search). Target: the moving target adds at most 50 %.
 */

import { readFileSync } from "node:fs";
import { parse, stringify } from "yaml";
import { executeScenario } from "../src/engine/execute-run.js";
import { parseScenarioText } from "../src/scenario/load.js";

/** Median wall times (ms) of both flights over `trials` alternating runs after warm-up. */
export function benchTargets(trials = 7): { fixed_ms: number; moving_ms: number; ratio: number } {
  const file = new URL("../examples/relocating-launcher-updates.yaml", import.meta.url).pathname;
  const text = readFileSync(file, "utf8");
  const doc = parse(text) as {
    target: Record<string, unknown>;
    terminal: { seeker: Record<string, unknown> };
  };
  for (const k of ["motion", "location_error", "intel_age_s", "aimpoint", "updates"])
    delete doc.target[k];
  delete doc.terminal.seeker.search;
  const moving = parseScenarioText(text, file);
  const fixed = parseScenarioText(stringify(doc), file);
  const fly = (s: typeof moving) => {
    const t0 = process.hrtime.bigint();
    executeScenario(s, file, { sampleDt_s: 1 }, null);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  for (let i = 0; i < 2; i++) {
    fly(fixed);
    fly(moving);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < trials; i++) {
    a.push(fly(fixed));
    b.push(fly(moving));
  }
  const med = (v: number[]) => v.sort((x, y) => x - y)[Math.floor(v.length / 2)];
  const fixed_ms = med(a);
  const moving_ms = med(b);
  return { fixed_ms, moving_ms, ratio: moving_ms / fixed_ms };
}
