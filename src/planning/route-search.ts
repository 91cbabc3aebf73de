/**
 * Route search on the planning grid: Lazy Theta* (Nash, Koenig and Tovey, "Lazy Theta*:
 * Any-angle path planning and path length analysis in 3D", AAAI 2010; Theta* itself is Nash,
 * Daniel, Koenig and Felner, AAAI 2007) adapted to a non-uniform cost field.
 *
 * The cost of a route is ∫ (w_exposure·λ + w_fuel·ṁ) dt at the cruise ground speed v, i.e. per
 * metre (w_exposure·λ(cell) + w_fuel·ṁ)/v, integrated exactly along each straight segment cell by
 * cell (segment.ts). Blocked cells (no-fly areas) cost +∞ and are never entered, not even at a
 * corner.
 *
 * Why the lazy variant with cost integration: Theta* checks a shortcut from a node's parent to
 * each of its 8 neighbours, and on a weighted grid that check must integrate the cost along the
 * whole segment (a passability test would let shortcuts cut through exposure). Integrating 8 long
 * segments per expansion is what makes Theta* slow; Lazy Theta* offers each neighbour the
 * shortcut with an optimistic cost (its length times the cheapest cost per metre anywhere, a
 * lower bound) and integrates once, when the node is taken from the open list. If the exact cost
 * (the better of the shortcut and the paths through its closed neighbours) is higher than the key
 * it was taken with, the node goes back into the open list with the exact cost rather than being
 * expanded out of order; so every expansion uses exact costs and each costs one integration.
 *
 * The range constraint: a node is kept only if the length flown to it plus the straight-line
 * distance from it to the goal (a lower bound of the rest) fits within maxLength_m, so any route
 * found fits. One label per node can miss a feasible route that is costlier to some node but
 * shorter; the planner (plan.ts) then retries with fuel weighted more, down to a pure shortest
 * path, before it reports that no route fits.
 *
 * The open list is a hand-written indexed binary heap over typed arrays (decrease-key in place):
 * about 60 lines, no dependency, and no allocation per push or pop. All work arrays are allocated
 * once per planner and reused across searches.
 */

import type { ExposureMap } from "./cost-map.js";
import { maxSegmentFor } from "./no-fly.js";
import {
  colLon,
  gridDistance_m,
  latRow,
  lonCol,
  type PlanningGrid,
  rowLat,
} from "./planning-grid.js";
import { integrateSegment } from "./segment.js";

/** A point on the planning grid in fractional row and column. */
export interface GridPoint {
  readonly r: number;
  readonly c: number;
}

/** A point in degrees. */
export interface LatLon {
  readonly lat_deg: number;
  readonly lon_deg: number;
}

/** Cruise performance the costs assume. */
export interface CruiseModel {
  /** Ground speed, m/s. */
  readonly speed_mps: number;
  /** Fuel flow, kg/s. */
  readonly fuelFlow_kgps: number;
}

/** Weights of the route cost w_exposure·∫λ dt + w_fuel·fuel. */
export interface CostWeights {
  /** Weight of the (weighted) expected number of detections, dimensionless; default 1. */
  readonly exposure?: number;
  /** Weight of fuel, per kg; default 0.02 (burning 50 kg is worth one expected detection). */
  readonly fuel_perKg?: number;
}

/** Options of one search. */
export interface SearchOptions {
  /** Longest route allowed (the missile's range less a reserve), m. */
  readonly maxLength_m: number;
  /** Inflation of the heuristic (1 = admissible A* ordering; > 1 trades cost for speed). */
  readonly heuristicWeight?: number;
  /**
   * Longest straight segment, m; default maxSegmentFor(grid, one cell), which suits a blocked mask
   * rasterised with a margin of at least one cell.
   */
  readonly maxSegment_m?: number;
}

/** A route's figures, evaluated along its straight segments. */
export interface RouteMetrics {
  readonly length_m: number;
  readonly time_s: number;
  readonly fuel_kg: number;
  /** ∫ Σλ dt: the expected number of detections (unweighted hazard). */
  readonly exposure: number;
  /** exp(−exposure). */
  readonly pUndetected: number;
  /** The searched cost (weighted exposure and fuel). */
  readonly cost: number;
  /** True when every segment stays out of blocked cells and on the grid. */
  readonly clear: boolean;
}

/** What a search returns. */
export type SearchResult =
  | {
      readonly ok: true;
      /** Vertices from start to goal, fractional grid coordinates (ends exact). */
      readonly points: GridPoint[];
      readonly metrics: RouteMetrics;
      /** Nodes taken from the open list (expansions and re-queued corrections). */
      readonly pops: number;
    }
  | { readonly ok: false; readonly reason: string; readonly pops: number };

/** 8-neighbour offsets (row, column). */
const DR = Int32Array.of(1, 1, 0, -1, -1, -1, 0, 1);
const DC = Int32Array.of(0, 1, 1, 1, 0, -1, -1, -1);

/** Searches and evaluates routes over one exposure map and blocked mask. */
export class RoutePlanner {
  readonly grid: PlanningGrid;
  /** Route cost per metre per cell (+∞ where blocked). */
  readonly costPerM: Float32Array;
  /** Expected detections per metre per cell: Σλ / v. */
  readonly exposurePerM: Float32Array;
  private cruise: CruiseModel = { speed_mps: 1, fuelFlow_kgps: 0 };
  private minCostPerM = 0;
  private readonly g: Float64Array;
  private readonly len: Float64Array;
  private readonly parent: Int32Array;
  /** 0 unseen, 1 open, 2 closed. */
  private readonly state: Uint8Array;
  private readonly verified: Uint8Array;
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  private readonly key: Float64Array;
  private heapSize = 0;

  /** A planner over an exposure map; blocked: 1 per no-fly cell (null: none). */
  constructor(
    readonly map: ExposureMap,
    readonly blocked: Uint8Array | null,
  ) {
    const g = map.grid;
    const n = g.nLat * g.nLon;
    if (blocked && blocked.length !== n) throw new RangeError("blocked mask size ≠ grid size");
    this.grid = g;
    this.costPerM = new Float32Array(n);
    this.exposurePerM = new Float32Array(n);
    this.g = new Float64Array(n);
    this.len = new Float64Array(n);
    this.parent = new Int32Array(n);
    this.state = new Uint8Array(n);
    this.verified = new Uint8Array(n);
    this.heap = new Int32Array(n);
    this.pos = new Int32Array(n);
    this.key = new Float64Array(n);
  }

  /** Set the cruise model and weights; fills the per-metre cost fields. */
  setCosts(cruise: CruiseModel, w: CostWeights = {}): void {
    const wE = w.exposure ?? 1;
    const wF = w.fuel_perKg ?? 0.02;
    if (!(cruise.speed_mps > 0)) throw new RangeError("cruise speed must be positive");
    this.cruise = cruise;
    const inv = 1 / cruise.speed_mps;
    const fuel = wF * cruise.fuelFlow_kgps;
    const lam = this.map.weighted_perS;
    const det = this.map.detection_perS;
    const b = this.blocked;
    let min = Number.POSITIVE_INFINITY;
    for (let k = 0; k < lam.length; k++) {
      const c = b?.[k] ? Number.POSITIVE_INFINITY : (wE * lam[k] + fuel) * inv;
      this.costPerM[k] = c;
      this.exposurePerM[k] = det[k] * inv;
      if (c < min) min = c;
    }
    // Float32 rounding could put a stored cost a hair under the exact product: stay below it.
    this.minCostPerM = Number.isFinite(min) ? min * (1 - 1e-6) : 0;
  }

  /** Fractional grid point of a position (degrees). */
  toGrid(p: LatLon): GridPoint {
    return { r: latRow(this.grid, p.lat_deg), c: lonCol(this.grid, p.lon_deg) };
  }

  /** Position (degrees) of a fractional grid point. */
  toLatLon(p: GridPoint): LatLon {
    return { lat_deg: rowLat(this.grid, p.r), lon_deg: colLon(this.grid, p.c) };
  }

  /** Straight-segment length (m) between grid points. */
  distance(a: GridPoint, b: GridPoint): number {
    return gridDistance_m(this.grid, a.r, a.c, b.r, b.c);
  }

  /** Route cost of the straight segment a → b (+∞ if it meets a blocked cell or leaves the grid). */
  segmentCost(a: GridPoint, b: GridPoint, bound = Number.POSITIVE_INFINITY): number {
    const g = this.grid;
    return integrateSegment(
      this.costPerM,
      g.nLat,
      g.nLon,
      a.r,
      a.c,
      b.r,
      b.c,
      this.distance(a, b),
      bound,
    );
  }

  /** Figures of the polyline through the points. */
  evaluate(points: readonly GridPoint[]): RouteMetrics {
    const g = this.grid;
    let length = 0;
    let cost = 0;
    let exposure = 0;
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i];
      const b = points[i + 1];
      const d = this.distance(a, b);
      length += d;
      cost += integrateSegment(this.costPerM, g.nLat, g.nLon, a.r, a.c, b.r, b.c, d);
      exposure += integrateSegment(this.exposurePerM, g.nLat, g.nLon, a.r, a.c, b.r, b.c, d);
    }
    const time = length / this.cruise.speed_mps;
    return {
      length_m: length,
      time_s: time,
      fuel_kg: time * this.cruise.fuelFlow_kgps,
      exposure,
      pUndetected: Math.exp(-exposure),
      cost,
      clear: Number.isFinite(cost),
    };
  }

  /** Lazy Theta* from start to goal (degrees) under the current costs. */
  search(start: LatLon, goal: LatLon, opts: SearchOptions): SearchResult {
    const grid = this.grid;
    const { nLat, nLon } = grid;
    const s0 = this.toGrid(start);
    const s1 = this.toGrid(goal);
    const sr = Math.round(s0.r);
    const sc = Math.round(s0.c);
    const gr = Math.round(s1.r);
    const gc = Math.round(s1.c);
    const off = (r: number, c: number) => r < 0 || c < 0 || r >= nLat || c >= nLon;
    if (off(sr, sc) || off(gr, gc)) {
      return { ok: false, reason: "start or goal outside the planning grid", pops: 0 };
    }
    const startNode = sr * nLon + sc;
    const goalNode = gr * nLon + gc;
    const cost = this.costPerM;
    if (!Number.isFinite(cost[startNode]) || !Number.isFinite(cost[goalNode])) {
      return { ok: false, reason: "start or goal inside a no-fly area", pops: 0 };
    }
    const maxLen = opts.maxLength_m;
    const hw = opts.heuristicWeight ?? 1;
    const maxSeg = opts.maxSegment_m ?? maxSegmentFor(grid, grid.minColStep_m);
    const kMin = this.minCostPerM;
    // Distance lower bound to the goal: the smallest row and column steps of the grid.
    let minRow = Number.POSITIVE_INFINITY;
    for (let r = 0; r < nLat; r++) minRow = Math.min(minRow, grid.rowStep_m[r]);
    const minCol = grid.minColStep_m;
    const distLB = (r: number, c: number): number => {
      const dy = (gr - r) * minRow;
      const dx = (gc - c) * minCol;
      return Math.sqrt(dy * dy + dx * dx);
    };
    // Exact distance from the true start and to the true goal, not their nodes.
    if (distLB(s0.r, s0.c) > maxLen) {
      return {
        ok: false,
        reason: `goal is ${(this.distance(s0, s1) / 1000).toFixed(1)} km away, beyond the ${(maxLen / 1000).toFixed(1)} km allowed`,
        pops: 0,
      };
    }

    const g = this.g;
    const len = this.len;
    const parent = this.parent;
    const state = this.state;
    const verified = this.verified;
    g.fill(Number.POSITIVE_INFINITY);
    state.fill(0);
    verified.fill(0);
    this.heapSize = 0;
    const rowOf = (k: number) => (k / nLon) | 0;
    const segLen = (a: number, b: number) => {
      const ra = rowOf(a);
      const rb = rowOf(b);
      return gridDistance_m(grid, ra, a - ra * nLon, rb, b - rb * nLon);
    };
    const segCost = (a: number, b: number, d: number, bound: number) => {
      const ra = rowOf(a);
      const rb = rowOf(b);
      return integrateSegment(cost, nLat, nLon, ra, a - ra * nLon, rb, b - rb * nLon, d, bound);
    };
    const h = (k: number) => {
      const r = rowOf(k);
      return hw * kMin * distLB(r, k - r * nLon);
    };

    g[startNode] = 0;
    len[startNode] = 0;
    parent[startNode] = startNode;
    verified[startNode] = 1;
    state[startNode] = 1;
    this.push(startNode, h(startNode));
    let pops = 0;
    let found = false;
    while (this.heapSize > 0) {
      const s = this.pop();
      pops++;
      if (!verified[s]) {
        // Exact cost: the better of the parent's shortcut and the paths via closed neighbours.
        const sr0 = rowOf(s);
        const sc0 = s - sr0 * nLon;
        const rest = distLB(sr0, sc0);
        let best = Number.POSITIVE_INFINITY;
        let bestParent = -1;
        let bestLen = 0;
        for (let q = 0; q < 8; q++) {
          const nr = sr0 + DR[q];
          const nc = sc0 + DC[q];
          if (off(nr, nc)) continue;
          const nb = nr * nLon + nc;
          if (state[nb] !== 2) continue;
          const d = gridDistance_m(grid, nr, nc, sr0, sc0);
          if (len[nb] + d + rest > maxLen) continue;
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
          if (len[p] + d + rest <= maxLen) {
            const c = g[p] + segCost(p, s, d, best - g[p]);
            if (c < best) {
              best = c;
              bestParent = p;
              bestLen = len[p] + d;
            }
          }
        }
        verified[s] = 1;
        if (bestParent < 0) {
          // Unreachable for now; a later expansion may offer it again.
          g[s] = Number.POSITIVE_INFINITY;
          state[s] = 0;
          verified[s] = 0;
          continue;
        }
        const popped = g[s];
        g[s] = best;
        parent[s] = bestParent;
        len[s] = bestLen;
        if (best > popped + 1e-9 * (1 + popped)) {
          this.push(s, best + h(s));
          continue;
        }
      }
      state[s] = 2;
      if (s === goalNode) {
        found = true;
        break;
      }
      const r = rowOf(s);
      const c = s - r * nLon;
      const p = parent[s];
      const pr = rowOf(p);
      const pc = p - pr * nLon;
      for (let q = 0; q < 8; q++) {
        const nr = r + DR[q];
        const nc = c + DC[q];
        if (off(nr, nc)) continue;
        const nb = nr * nLon + nc;
        if (state[nb] === 2 || !Number.isFinite(cost[nb])) continue;
        const rest = distLB(nr, nc);
        // Path 2 (the parent's shortcut), optimistic, when short enough to be one segment.
        const d2 = gridDistance_m(grid, pr, pc, nr, nc);
        let cand = Number.POSITIVE_INFINITY;
        let candParent = -1;
        let candLen = 0;
        let exact = false;
        if (p !== s && d2 <= maxSeg && len[p] + d2 + rest <= maxLen) {
          cand = g[p] + kMin * d2;
          candParent = p;
          candLen = len[p] + d2;
        } else {
          // Path 1, to the neighbour directly: short, so integrated now.
          const d1 = gridDistance_m(grid, r, c, nr, nc);
          if (len[s] + d1 + rest > maxLen) continue;
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
          const f = cand + h(nb);
          if (state[nb] === 1) this.decrease(nb, f);
          else {
            state[nb] = 1;
            this.push(nb, f);
          }
        }
      }
    }
    if (!found) {
      return {
        ok: false,
        reason: `no route within ${(maxLen / 1000).toFixed(1)} km that avoids the blocked cells`,
        pops,
      };
    }
    // Walk back from the goal; put the exact start and goal at the ends when their segments are clear.
    const nodes: GridPoint[] = [];
    for (let k = goalNode; ; k = parent[k]) {
      const r = rowOf(k);
      nodes.push({ r, c: k - r * nLon });
      if (k === startNode) break;
    }
    nodes.reverse();
    const pts = nodes.slice();
    const ends = (
      exact: GridPoint,
      node: GridPoint,
      next: GridPoint | undefined,
      atStart: boolean,
    ) => {
      if (exact.r === node.r && exact.c === node.c) return;
      const direct = next && Number.isFinite(this.segmentCost(exact, next));
      if (atStart) {
        if (direct) pts[0] = exact;
        else pts.unshift(exact);
      } else if (direct) pts[pts.length - 1] = exact;
      else pts.push(exact);
    };
    ends(s0, nodes[0], nodes[1], true);
    ends(s1, nodes[nodes.length - 1], pts.length >= 2 ? pts[pts.length - 2] : undefined, false);
    const metrics = this.evaluate(pts);
    return { ok: true, points: pts, metrics, pops };
  }

  private less(a: number, b: number): boolean {
    return this.key[a] < this.key[b];
  }

  private push(node: number, f: number): void {
    this.key[node] = f;
    const i = this.heapSize++;
    this.heap[i] = node;
    this.pos[node] = i;
    this.up(i);
  }

  private decrease(node: number, f: number): void {
    this.key[node] = f;
    this.up(this.pos[node]);
  }

  private pop(): number {
    const heap = this.heap;
    const top = heap[0];
    const last = heap[--this.heapSize];
    if (this.heapSize > 0) {
      heap[0] = last;
      this.pos[last] = 0;
      this.down(0);
    }
    this.pos[top] = -1;
    return top;
  }

  private up(i: number): void {
    const heap = this.heap;
    const node = heap[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(node, heap[p])) break;
      heap[i] = heap[p];
      this.pos[heap[i]] = i;
      i = p;
    }
    heap[i] = node;
    this.pos[node] = i;
  }

  private down(i: number): void {
    const heap = this.heap;
    const n = this.heapSize;
    const node = heap[i];
    for (;;) {
      let ch = 2 * i + 1;
      if (ch >= n) break;
      if (ch + 1 < n && this.less(heap[ch + 1], heap[ch])) ch++;
      if (!this.less(heap[ch], node)) break;
      heap[i] = heap[ch];
      this.pos[heap[i]] = i;
      i = ch;
    }
    heap[i] = node;
    this.pos[node] = i;
  }
}
