/**
 * Cost-to-go to one goal over the whole planning grid: a single reverse Lazy Theta* search
 * (route-search.ts explains the lazy shortcut check) run from the goal without a heuristic until
 * the open list is empty, so every reachable node ends with the cost, length and first-leg parent
 * of the cheapest any-angle route from it to the goal under the same per-metre cost field the
 * forward planner searches (its exposure and fuel weights, +∞ in no-fly cells). The route cost is
 * symmetric (∫ cost ds along straight segments), so the route found backwards from the goal is the
 * route the planner would find forwards from that node, up to the ties of the search.
 *
 * Used by the launch acceptability region: one search gives the planned route length from every
 * candidate release point at once, instead of one forward search per point.
 *
 * Nodes whose route is longer than maxLength_m are not expanded (no route through them can fit);
 * one label per node means a costlier but shorter detour is not kept when the cheapest route to a
 * node is too long, so the set of nodes found within the length is, if anything, conservative.
 */

import { gridDistance_m, latRow, lonCol, type PlanningGrid } from "./planning-grid.js";
import { integrateSegment } from "./segment.js";

/** The field a reverse search leaves. */
export interface CostToGo {
  readonly grid: PlanningGrid;
  /** Goal in fractional grid coordinates. */
  readonly goalR: number;
  readonly goalC: number;
  /** Route cost from each node to the goal (+∞: not reached). */
  readonly cost: Float64Array;
  /** Route length from each node to the goal, m (+∞: not reached). */
  readonly length_m: Float64Array;
  /** Next vertex towards the goal (the goal's own node points to itself; −1: not reached). */
  readonly parent: Int32Array;
  /** Nodes taken from the open list. */
  readonly pops: number;
}

const DR = Int32Array.of(1, 1, 0, -1, -1, -1, 0, 1);
const DC = Int32Array.of(0, 1, 1, 1, 0, -1, -1, -1);

/**
 * Reverse Lazy Theta* from the goal (degrees) over costPerM (per metre, +∞ blocked; the
 * RoutePlanner's costPerM after setCosts). maxSegment_m bounds a straight segment (as the planner's
 * maxSegmentFor); maxLength_m stops expanding routes longer than that. The goal's node is the root;
 * its length and cost count the step from the exact goal to that node.
 */
export function costToGo(
  grid: PlanningGrid,
  costPerM: Float32Array,
  goal: { readonly lat_deg: number; readonly lon_deg: number },
  maxSegment_m: number,
  maxLength_m: number,
): CostToGo {
  const { nLat, nLon } = grid;
  const n = nLat * nLon;
  const g = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const len = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const parent = new Int32Array(n).fill(-1);
  const state = new Uint8Array(n);
  const verified = new Uint8Array(n);
  const heap = new IndexedHeap(n);
  const goalR = latRow(grid, goal.lat_deg);
  const goalC = lonCol(grid, goal.lon_deg);
  const gr = Math.round(goalR);
  const gc = Math.round(goalC);
  const out: CostToGo = { grid, goalR, goalC, cost: g, length_m: len, parent, pops: 0 };
  if (gr < 0 || gc < 0 || gr >= nLat || gc >= nLon) return out;
  const root = gr * nLon + gc;
  if (!Number.isFinite(costPerM[root])) return out;
  const rowOf = (k: number) => (k / nLon) | 0;
  // The root stands for the exact goal: segments ending there end at (goalR, goalC).
  const pr = (k: number) => (k === root ? goalR : rowOf(k));
  const pc = (k: number) => (k === root ? goalC : k - rowOf(k) * nLon);
  const segLen = (a: number, b: number) => gridDistance_m(grid, pr(a), pc(a), pr(b), pc(b));
  const segCost = (a: number, b: number, d: number, bound: number) =>
    integrateSegment(costPerM, nLat, nLon, pr(a), pc(a), pr(b), pc(b), d, bound);
  let kMin = Number.POSITIVE_INFINITY;
  for (let k = 0; k < n; k++) if (costPerM[k] < kMin) kMin = costPerM[k];
  kMin *= 1 - 1e-6;

  g[root] = 0;
  len[root] = 0;
  parent[root] = root;
  verified[root] = 1;
  state[root] = 1;
  heap.push(root, 0);
  let pops = 0;
  while (heap.size > 0) {
    const s = heap.pop();
    pops++;
    if (!verified[s]) {
      const sr = rowOf(s);
      const sc = s - sr * nLon;
      let best = Number.POSITIVE_INFINITY;
      let bestParent = -1;
      let bestLen = 0;
      for (let q = 0; q < 8; q++) {
        const nr = sr + DR[q];
        const nc = sc + DC[q];
        if (nr < 0 || nc < 0 || nr >= nLat || nc >= nLon) continue;
        const nb = nr * nLon + nc;
        if (state[nb] !== 2) continue;
        const d = segLen(nb, s);
        const c = g[nb] + segCost(nb, s, d, best - g[nb]);
        if (c < best) {
          best = c;
          bestParent = nb;
          bestLen = len[nb] + d;
        }
      }
      const p = parent[s];
      if (state[p] === 2) {
        const d = segLen(p, s);
        const c = g[p] + segCost(p, s, d, best - g[p]);
        if (c < best) {
          best = c;
          bestParent = p;
          bestLen = len[p] + d;
        }
      }
      verified[s] = 1;
      if (bestParent < 0) {
        g[s] = Number.POSITIVE_INFINITY;
        len[s] = Number.POSITIVE_INFINITY;
        parent[s] = -1;
        state[s] = 0;
        verified[s] = 0;
        continue;
      }
      const popped = g[s];
      g[s] = best;
      parent[s] = bestParent;
      len[s] = bestLen;
      if (best > popped + 1e-9 * (1 + popped)) {
        heap.push(s, best);
        continue;
      }
    }
    state[s] = 2;
    if (len[s] > maxLength_m) continue;
    const r = rowOf(s);
    const c = s - r * nLon;
    const p = parent[s];
    for (let q = 0; q < 8; q++) {
      const nr = r + DR[q];
      const nc = c + DC[q];
      if (nr < 0 || nc < 0 || nr >= nLat || nc >= nLon) continue;
      const nb = nr * nLon + nc;
      if (state[nb] === 2 || !(costPerM[nb] < Number.POSITIVE_INFINITY)) continue;
      let cand: number;
      let candParent: number;
      let candLen: number;
      let exact = false;
      const d2 = p === s ? Number.POSITIVE_INFINITY : segLen(p, nb);
      if (d2 <= maxSegment_m) {
        cand = g[p] + kMin * d2;
        candParent = p;
        candLen = len[p] + d2;
      } else {
        const d1 = segLen(s, nb);
        cand = g[s] + segCost(s, nb, d1, Number.POSITIVE_INFINITY);
        candParent = s;
        candLen = len[s] + d1;
        exact = true;
      }
      if (cand < g[nb]) {
        g[nb] = cand;
        parent[nb] = candParent;
        len[nb] = candLen;
        verified[nb] = exact ? 1 : 0;
        if (state[nb] === 1) heap.decrease(nb, cand);
        else {
          state[nb] = 1;
          heap.push(nb, cand);
        }
      }
    }
  }
  // Nodes left open or unverified were never settled: not reached.
  for (let k = 0; k < n; k++) {
    if (state[k] !== 2) {
      g[k] = Number.POSITIVE_INFINITY;
      len[k] = Number.POSITIVE_INFINITY;
      parent[k] = -1;
    }
  }
  return { ...out, pops };
}

/** The route from node k to the goal as fractional grid points (empty when not reached). */
export function routeFrom(f: CostToGo, k: number): { r: number; c: number }[] {
  const nLon = f.grid.nLon;
  if (f.parent[k] < 0) return [];
  const pts: { r: number; c: number }[] = [];
  for (let i = k; ; i = f.parent[i]) {
    const r = (i / nLon) | 0;
    if (f.parent[i] === i) {
      pts.push({ r: f.goalR, c: f.goalC });
      break;
    }
    pts.push({ r, c: i - r * nLon });
    if (pts.length > f.grid.nLat * nLon) break;
  }
  return pts;
}

/** An indexed binary min-heap over node numbers with decrease-key, on typed arrays. */
export class IndexedHeap {
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  private readonly key: Float64Array;
  size = 0;

  /** A heap for nodes 0 … n − 1. */
  constructor(n: number) {
    this.heap = new Int32Array(n);
    this.pos = new Int32Array(n);
    this.key = new Float64Array(n);
  }

  /** Insert node with key f. */
  push(node: number, f: number): void {
    this.key[node] = f;
    const i = this.size++;
    this.heap[i] = node;
    this.pos[node] = i;
    this.up(i);
  }

  /** Lower the key of a node in the heap to f. */
  decrease(node: number, f: number): void {
    this.key[node] = f;
    this.up(this.pos[node]);
  }

  /** Remove and return the node of least key. */
  pop(): number {
    const heap = this.heap;
    const top = heap[0];
    const last = heap[--this.size];
    if (this.size > 0) {
      heap[0] = last;
      this.pos[last] = 0;
      this.down(0);
    }
    return top;
  }

  private up(i: number): void {
    const { heap, key, pos } = this;
    const node = heap[i];
    const k = key[node];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!(k < key[heap[p]])) break;
      heap[i] = heap[p];
      pos[heap[i]] = i;
      i = p;
    }
    heap[i] = node;
    pos[node] = i;
  }

  private down(i: number): void {
    const { heap, key, pos } = this;
    const n = this.size;
    const node = heap[i];
    const k = key[node];
    for (;;) {
      let ch = 2 * i + 1;
      if (ch >= n) break;
      if (ch + 1 < n && key[heap[ch + 1]] < key[heap[ch]]) ch++;
      if (!(key[heap[ch]] < k)) break;
      heap[i] = heap[ch];
      pos[heap[i]] = i;
      i = ch;
    }
    heap[i] = node;
    pos[node] = i;
  }
}
