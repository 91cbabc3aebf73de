/**
 * The shared world's CPU time (process.cpuUsage, user + system), for before/after comparisons on
 * a busy machine where wall time is noise: `npx tsx bench/shared-world-cpu.ts [missiles decoys trials]`.
 * Also prints a SHA-256 of the engagement log, the site totals and every flight (samples,
 * events, summary), so two versions can be checked to fly the same world byte for byte.
 */

import { createHash } from "node:crypto";
import { Rng } from "../src/core/rng.js";
import { flySalvoWorld } from "../src/engine/salvo-world.js";
import { DefenceNetwork } from "../src/threats/defence-network.js";
import { plannedWorld } from "./shared-world.bench.js";

const [n = 16, d = 8, trials = 3] = process.argv.slice(2).map(Number);
const file = new URL("../examples/salvo-saturation.yaml", import.meta.url).pathname;
const { s, cache, plan, salvo_s } = await plannedWorld(file, n, d);
// The last world's network, for its pair counters (wrapped outside the timed code's hot loop).
let net: DefenceNetwork | null = null;
const update = DefenceNetwork.prototype.update;
DefenceNetwork.prototype.update = function (this: DefenceNetwork, ...args) {
  net = this;
  update.apply(this, args);
};
const fly = (name: string) => flySalvoWorld(s, plan, cache, Rng.fromSeed(1).stream(name));
fly("warm-up");
const cpu: number[] = [];
let flyer_s = 0;
let digest = "";
for (let k = 0; k < trials; k++) {
  const c0 = process.cpuUsage();
  const w = fly(`run-${k}`);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  flyer_s = w.flights.reduce((a, f) => a + f.result.summary.flight_time_s, 0);
  const h = createHash("sha256");
  h.update(JSON.stringify(w.engagement));
  for (const f of w.flights) {
    // The samples by column (what outputs read), not the table's preallocated capacity.
    const t = f.result.samples;
    h.update(JSON.stringify({ ...f.result, samples: t.names.map((c) => Array.from(t.column(c))) }));
  }
  digest = h.digest("hex").slice(0, 16);
}
const st = (net as DefenceNetwork | null)?.stats;
if (st) {
  console.log(
    `pairs: ${st.updates} updates, ${st.pairsEvaluated} evaluated, ${st.pairsGated} gated by the horizon`,
  );
}
const med = [...cpu].sort((a, b) => a - b)[cpu.length >> 1];
console.log(
  `N = ${n + d}: ${salvo_s.toFixed(0)} s of salvo; CPU ms per world ${cpu.map((x) => x.toFixed(0)).join(", ")} (median ${med.toFixed(0)}): ${(salvo_s / (med / 1000)).toFixed(0)}× real time in CPU time; ${((med * 1000) / flyer_s).toFixed(1)} µs CPU per flyer-second (${flyer_s.toFixed(0)} flyer-s); digest ${digest}`,
);
