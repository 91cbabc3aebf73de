/**
 * Everything a study keeps in memory while it runs, none of it growing with the number of runs:
 * the StudyAccumulator (P(arrival), P(damage), CEP, mean point of impact, time on target, kills per
 * site), the survival funnel and outcome counts (integers), navigation-error envelopes (one small
 * quantile sketch per fixed time point), and the impact offsets of the first SCATTER_CAP arrived
 * runs by index for the report's scatter plot.
 *
 * Mergeable. Every part is a function of the *set* of runs added, whatever their order: counts
 * are integers, the sketches merge exactly (quantile-sketch.ts), and the scatter keeps the arrived
 * runs of lowest index (with their indices, so two samples merge by index). A worker summarises a
 * chunk of runs (toJSON), the coordinator merges chunk states (mergeState) in whatever order they
 * finish, and the summary equals a single pass's byte for byte (test/montecarlo/merge.test.ts).
 *
 * Counters. Every integer count (outcome classes, funnel stages, losses by phase and outcome,
 * damage scored by the scenario) lives in one map of named counters, so serialising and merging
 * need no edit when a counter is added: count it in add() and read it in summary().
 */

import { StudyAccumulator, type StudyAccumulatorState, type StudySummary } from "./accumulators.js";
import { QuantileSketch, type QuantileSketchState } from "./quantile-sketch.js";
import {
  FUNNEL_STAGES,
  type McRun,
  type NavPoints,
  OUTCOME_CLASSES,
  type RunOutcomeClass,
  studyRecordOf,
} from "./run-record.js";

/** Impacts kept for the scatter plot (the first ones by run index). */
export const SCATTER_CAP = 5000;

// Envelope sketches: 32 buckets per octave (≈1.5 % relative accuracy) and 256 exact values keep
// each time point near 13 kB, ample for a plotted band.
const ENVELOPE_SKETCH = { subBucketsLog2: 5, exactCapacity: 256 } as const;

/** One time point of a navigation-error envelope. */
export interface EnvelopePoint {
  readonly t_s: number;
  /** Runs still flying at t (the sample size of this point). */
  readonly n: number;
  readonly p50_m: number | null;
  readonly p90_m: number | null;
  readonly max_m: number | null;
}

/** Statistics of a study beyond the StudyAccumulator's (JSON-ready). */
export interface McStatsSummary {
  readonly statistics: StudySummary;
  /** Runs per outcome class. */
  readonly outcomes: Readonly<Record<RunOutcomeClass, number>>;
  /** Survival funnel: runs released, reaching midcourse, reaching terminal, arriving. */
  readonly funnel: readonly { readonly stage: string; readonly runs: number }[];
  /** Runs lost (not arrived) by phase at the end and outcome class. */
  readonly losses: readonly {
    readonly phase: string;
    readonly outcome: RunOutcomeClass;
    readonly runs: number;
  }[];
  /** Arrived runs scored by the scenario's damage model; the rest used the notional default class. */
  readonly damageScoredByScenario: number;
  readonly navigationEnvelope: {
    readonly step_s: number;
    readonly relativeAccuracy: number;
    readonly horizontal: readonly EnvelopePoint[];
    readonly vertical: readonly EnvelopePoint[];
  };
}

/** The serialisable state of McStatistics (JSON-safe), for moving chunk summaries between processes. */
export interface McStatisticsState {
  readonly version: 1;
  readonly nav: NavPoints;
  readonly accumulator: StudyAccumulatorState;
  /** Named integer counters (see the module notes), by name. */
  readonly counters: [string, number][];
  readonly navH: QuantileSketchState[];
  readonly navV: QuantileSketchState[];
  /** Arrived runs kept for the scatter: run index, north, east (m), by increasing index. */
  readonly scatter: [number, number, number][];
  /** How many the scatter keeps. */
  readonly scatterCap: number;
}

// Counter names: outcome classes, funnel stages and losses are keyed by their kind and label.
const outcomeKey = (c: RunOutcomeClass) => `outcome\u0000${c}`;
const funnelKey = (k: number) => `funnel\u0000${k}`;
const lossKey = (phase: string, outcome: RunOutcomeClass) => `loss\u0000${phase}\u0000${outcome}`;
const DAMAGE_FROM_SCENARIO = "damageFromScenario";

/** Options of McStatistics. */
export interface McStatisticsOptions {
  /** The accumulator to add to (default a fresh one at 95 %). */
  readonly accumulator?: StudyAccumulator;
  /** Arrived runs kept for the scatter plot (default SCATTER_CAP). */
  readonly scatterCap?: number;
}

/** The streaming statistics of one study (see the module notes). */
export class McStatistics {
  readonly accumulator: StudyAccumulator;
  readonly scatterCap: number;
  private readonly counters = new Map<string, number>();
  private readonly navH: QuantileSketch[];
  private readonly navV: QuantileSketch[];
  // Scatter sample: indices and offsets of the lowest-index arrived runs, sorted by index.
  private scatterIndex: number[] = [];
  private scatterN: number[] = [];
  private scatterE: number[] = [];

  /** nav: the study's time points. */
  constructor(
    readonly nav: NavPoints,
    options: McStatisticsOptions = {},
  ) {
    this.accumulator = options.accumulator ?? new StudyAccumulator();
    this.scatterCap = options.scatterCap ?? SCATTER_CAP;
    this.navH = Array.from({ length: nav.count }, () => new QuantileSketch(ENVELOPE_SKETCH));
    this.navV = Array.from({ length: nav.count }, () => new QuantileSketch(ENVELOPE_SKETCH));
  }

  /** Runs added. */
  get count(): number {
    return this.accumulator.count;
  }

  private bump(key: string, by = 1): void {
    this.counters.set(key, (this.counters.get(key) ?? 0) + by);
  }

  private counter(key: string): number {
    return this.counters.get(key) ?? 0;
  }

  /** Add a run (any order: the result depends only on the set of runs added). */
  add(r: McRun): void {
    this.accumulator.add(studyRecordOf(r));
    this.bump(outcomeKey(r.outcome));
    this.bump(funnelKey(0));
    if (r.reached >= 1) this.bump(funnelKey(1));
    if (r.reached >= 2) this.bump(funnelKey(2));
    if (r.outcome === "arrived") {
      this.bump(funnelKey(3));
      if (r.damageFromScenario) this.bump(DAMAGE_FROM_SCENARIO);
      if (r.impactNorth_m !== null && r.impactEast_m !== null) {
        this.keepScatter([r.index], [r.impactNorth_m], [r.impactEast_m]);
      }
    } else {
      this.bump(lossKey(r.phaseEnd, r.outcome));
    }
    const m = Math.min(this.nav.count, r.navH.length);
    for (let k = 0; k < m; k++) {
      const h = r.navH[k];
      const v = r.navV[k];
      if (h !== null) this.navH[k].add(h);
      if (v !== null) this.navV[k].add(v);
    }
  }

  /** Merge scatter points (sorted by index) into the sample, keeping the scatterCap lowest. */
  private keepScatter(idx: readonly number[], n: readonly number[], e: readonly number[]): void {
    const a = this.scatterIndex;
    if (idx.length === 0) return;
    // The common case (runs fed in order, or a later chunk): append.
    if (a.length === 0 || idx[0] > a[a.length - 1]) {
      const room = Math.min(idx.length, this.scatterCap - a.length);
      for (let k = 0; k < room; k++) {
        a.push(idx[k]);
        this.scatterN.push(n[k]);
        this.scatterE.push(e[k]);
      }
      return;
    }
    const oi: number[] = [];
    const on: number[] = [];
    const oe: number[] = [];
    let i = 0;
    let j = 0;
    while (oi.length < this.scatterCap && (i < a.length || j < idx.length)) {
      if (j >= idx.length || (i < a.length && a[i] < idx[j])) {
        oi.push(a[i]);
        on.push(this.scatterN[i]);
        oe.push(this.scatterE[i]);
        i++;
      } else {
        if (i < a.length && a[i] === idx[j]) throw new RangeError(`run ${idx[j]} added twice`);
        oi.push(idx[j]);
        on.push(n[j]);
        oe.push(e[j]);
        j++;
      }
    }
    this.scatterIndex = oi;
    this.scatterN = on;
    this.scatterE = oe;
  }

  /** Add another study's statistics (same time points); exact, in any order. */
  merge(other: McStatistics): void {
    if (other.nav.count !== this.nav.count || other.nav.step_s !== this.nav.step_s) {
      throw new RangeError("McStatistics.merge needs the same navigation time points");
    }
    if (other.scatterCap !== this.scatterCap) {
      throw new RangeError("McStatistics.merge needs the same scatter capacity");
    }
    this.accumulator.merge(other.accumulator);
    for (const [k, v] of other.counters) this.bump(k, v);
    for (let k = 0; k < this.nav.count; k++) {
      this.navH[k].merge(other.navH[k]);
      this.navV[k].merge(other.navV[k]);
    }
    this.keepScatter(other.scatterIndex, other.scatterN, other.scatterE);
  }

  /**
   * Merge a serialised state (a chunk summary from a worker): what merge(fromJSON(state)) gives,
   * validated before anything changes, without building the other statistics (their ~100 envelope
   * sketches, twice over, were most of a coordinator's work per chunk: bench/RESULTS.md).
   */
  mergeState(s: McStatisticsState): void {
    McStatistics.checkShape(s);
    if (s.nav.count !== this.nav.count || s.nav.step_s !== this.nav.step_s) {
      throw new RangeError("McStatistics.merge needs the same navigation time points");
    }
    if (s.scatterCap !== this.scatterCap) {
      throw new RangeError("McStatistics.merge needs the same scatter capacity");
    }
    for (let k = 0; k < s.nav.count; k++) {
      this.navH[k].checkState(s.navH[k]);
      this.navV[k].checkState(s.navV[k]);
    }
    const accumulator = StudyAccumulator.fromJSON(s.accumulator);
    this.accumulator.merge(accumulator);
    this.mergeRest(s);
  }

  /** Add a checked state's counters, envelopes and scatter points (all but its accumulator). */
  private mergeRest(s: McStatisticsState): void {
    for (const [k, v] of s.counters) this.bump(k, v);
    for (let k = 0; k < this.nav.count; k++) {
      this.navH[k].mergeState(s.navH[k]);
      this.navV[k].mergeState(s.navV[k]);
    }
    this.keepScatter(
      s.scatter.map((p) => p[0]),
      s.scatter.map((p) => p[1]),
      s.scatter.map((p) => p[2]),
    );
  }

  /** RangeError unless the state's version, envelope lengths and counters are valid. */
  private static checkShape(s: McStatisticsState): void {
    if (s.version !== 1) throw new RangeError("unknown McStatistics state version");
    if (s.navH.length !== s.nav.count || s.navV.length !== s.nav.count) {
      throw new RangeError("McStatistics state: envelope length differs from its time points");
    }
    for (const [k, v] of s.counters) {
      if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`bad counter ${k} = ${v}`);
    }
  }

  /** The serialisable state (JSON-safe). */
  toJSON(): McStatisticsState {
    return {
      version: 1,
      nav: { count: this.nav.count, step_s: this.nav.step_s },
      accumulator: this.accumulator.toJSON(),
      counters: [...this.counters.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
      navH: this.navH.map((s) => s.toJSON()),
      navV: this.navV.map((s) => s.toJSON()),
      scatter: this.scatterIndex.map((i, k) => [i, this.scatterN[k], this.scatterE[k]]),
      scatterCap: this.scatterCap,
    };
  }

  /** Rebuild from toJSON()'s state. */
  static fromJSON(s: McStatisticsState): McStatistics {
    McStatistics.checkShape(s);
    const m = new McStatistics(s.nav, {
      accumulator: StudyAccumulator.fromJSON(s.accumulator),
      scatterCap: s.scatterCap,
    });
    m.mergeRest(s);
    return m;
  }

  /** Impact offsets (north, east, m) of the arrived runs of lowest index, at most scatterCap. */
  scatter(): { north_m: Float64Array; east_m: Float64Array } {
    return {
      north_m: Float64Array.from(this.scatterN),
      east_m: Float64Array.from(this.scatterE),
    };
  }

  /** The summary (a pure function of the set of runs added). */
  summary(): McStatsSummary {
    const envelope = (sketches: QuantileSketch[]): EnvelopePoint[] =>
      sketches.map((s, k) => ({
        t_s: k * this.nav.step_s,
        n: s.count,
        p50_m: s.quantile(0.5),
        p90_m: s.quantile(0.9),
        max_m: s.max,
      }));
    const outcomes = Object.fromEntries(
      OUTCOME_CLASSES.map((c) => [c, this.counter(outcomeKey(c))]),
    ) as Record<RunOutcomeClass, number>;
    const losses: { phase: string; outcome: RunOutcomeClass; runs: number }[] = [];
    for (const [key, runs] of this.counters) {
      const [kind, phase, outcome] = key.split("\u0000");
      if (kind === "loss") losses.push({ phase, outcome: outcome as RunOutcomeClass, runs });
    }
    losses.sort((a, b) =>
      a.phase < b.phase
        ? -1
        : a.phase > b.phase
          ? 1
          : a.outcome < b.outcome
            ? -1
            : a.outcome > b.outcome
              ? 1
              : 0,
    );
    return {
      statistics: this.accumulator.summary(),
      outcomes,
      funnel: FUNNEL_STAGES.map((stage, i) => ({ stage, runs: this.counter(funnelKey(i)) })),
      losses,
      damageScoredByScenario: this.counter(DAMAGE_FROM_SCENARIO),
      navigationEnvelope: {
        step_s: this.nav.step_s,
        relativeAccuracy: this.navH[0]?.relativeAccuracy ?? 0,
        horizontal: envelope(this.navH),
        vertical: envelope(this.navV),
      },
    };
  }

  /** Sizes of the fixed-size state, for memory tests. */
  sizes(): { sketchBytes: number; scatterBytes: number } {
    let b = 0;
    for (const s of [...this.navH, ...this.navV]) {
      const z = s.sizes();
      b += 8 * (z.buckets + z.exact);
    }
    return { sketchBytes: b, scatterBytes: 24 * this.scatterCap };
  }
}
