/** Choosing which rows of a long run go into maps, charts and tracks, keeping phase changes exact. */

import type { SampleTable } from "./sample-table.js";

/** Vertex budget for map and chart outputs: enough for any plot, small enough for a browser. */
export const MAX_OUTPUT_POINTS = 5000;

/** Rows to draw: ≤ maxPoints, evenly spaced, always the ends and both sides of each phase change. */
export function thinSampleIndices(samples: SampleTable, maxPoints = MAX_OUTPUT_POINTS): number[] {
  // Phase boundaries stay exact so each phase's segment starts and ends where it did in the run;
  // only a run with more phase changes than the budget gets more rows than maxPoints.
  const n = samples.length;
  if (n === 0) return [];
  const required = new Set<number>([0, n - 1]);
  if (samples.has("phase")) {
    const phase = samples.column("phase");
    for (let i = 1; i < n; i++) {
      if (phase[i] !== phase[i - 1]) {
        required.add(i - 1);
        required.add(i);
      }
    }
  }
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  // The grid below holds budget + 1 rows and shares row 0 with `required`. A fractional stride
  // uses the whole budget where an integer one could waste up to half of it.
  const budget = Math.max(1, maxPoints - required.size);
  const stride = (n - 1) / budget;
  const keep = new Set(required);
  for (let k = 0; k <= budget; k++) keep.add(Math.round(k * stride));
  return [...keep].sort((a, b) => a - b);
}
