/**
 * Everything a study keeps in memory while it runs, none of it growing with the number of runs:
 * the StudyAccumulator (P(arrival), P(damage), CEP, mean point of impact, time on target, kills per
 * site), the survival funnel and outcome counts (integers), navigation-error envelopes (one small
 * quantile sketch per fixed time point), and the impact offsets of the first SCATTER_CAP arrived
 * runs by index for the report's scatter plot.
 *
 * Runs are fed in index order (the runner guarantees it), so even the parts that would depend on
 * order (the scatter sample) are the same for any worker count and for a resumed study.
 */

import { StudyAccumulator, type StudySummary } from "./accumulators.js";
import { QuantileSketch } from "./quantile-sketch.js";
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

/** The streaming statistics of one study (see the module notes). */
export class McStatistics {
  readonly accumulator = new StudyAccumulator();
  private readonly outcomeCounts = new Map<RunOutcomeClass, number>();
  private readonly funnelCounts = [0, 0, 0, 0];
  private readonly lossCounts = new Map<string, number>();
  private damageFromScenario = 0;
  private readonly navH: QuantileSketch[];
  private readonly navV: QuantileSketch[];
  private readonly scatterN = new Float64Array(SCATTER_CAP);
  private readonly scatterE = new Float64Array(SCATTER_CAP);
  private scatterCount = 0;
  private nextIndex: number;

  /** nav: the study's time points; firstIndex: the index of the first run to be added. */
  constructor(
    readonly nav: NavPoints,
    firstIndex = 0,
  ) {
    this.navH = Array.from({ length: nav.count }, () => new QuantileSketch(ENVELOPE_SKETCH));
    this.navV = Array.from({ length: nav.count }, () => new QuantileSketch(ENVELOPE_SKETCH));
    this.nextIndex = firstIndex;
  }

  /** Runs added. */
  get count(): number {
    return this.accumulator.count;
  }

  /** Add the next run (RangeError if it is not the next index). */
  add(r: McRun): void {
    if (r.index !== this.nextIndex) {
      throw new RangeError(
        `runs must be added in index order: expected ${this.nextIndex}, got ${r.index}`,
      );
    }
    this.accumulator.add(studyRecordOf(r));
    this.nextIndex++;
    this.outcomeCounts.set(r.outcome, (this.outcomeCounts.get(r.outcome) ?? 0) + 1);
    this.funnelCounts[0]++;
    if (r.reached >= 1) this.funnelCounts[1]++;
    if (r.reached >= 2) this.funnelCounts[2]++;
    if (r.outcome === "arrived") {
      this.funnelCounts[3]++;
      if (r.damageFromScenario) this.damageFromScenario++;
      if (this.scatterCount < SCATTER_CAP && r.impactNorth_m !== null && r.impactEast_m !== null) {
        this.scatterN[this.scatterCount] = r.impactNorth_m;
        this.scatterE[this.scatterCount] = r.impactEast_m;
        this.scatterCount++;
      }
    } else {
      const key = `${r.phaseEnd}\u0000${r.outcome}`;
      this.lossCounts.set(key, (this.lossCounts.get(key) ?? 0) + 1);
    }
    const m = Math.min(this.nav.count, r.navH.length);
    for (let k = 0; k < m; k++) {
      const h = r.navH[k];
      const v = r.navV[k];
      if (h !== null) this.navH[k].add(h);
      if (v !== null) this.navV[k].add(v);
    }
  }

  /** Impact offsets (north, east, m) of the first arrived runs, at most SCATTER_CAP. */
  scatter(): { north_m: Float64Array; east_m: Float64Array } {
    return {
      north_m: this.scatterN.subarray(0, this.scatterCount),
      east_m: this.scatterE.subarray(0, this.scatterCount),
    };
  }

  /** The summary (a pure function of the runs added). */
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
      OUTCOME_CLASSES.map((c) => [c, this.outcomeCounts.get(c) ?? 0]),
    ) as Record<RunOutcomeClass, number>;
    const losses = [...this.lossCounts.entries()]
      .map(([key, runs]) => {
        const [phase, outcome] = key.split("\u0000");
        return { phase, outcome: outcome as RunOutcomeClass, runs };
      })
      .sort((a, b) =>
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
      funnel: FUNNEL_STAGES.map((stage, i) => ({ stage, runs: this.funnelCounts[i] })),
      losses,
      damageScoredByScenario: this.damageFromScenario,
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
    return { sketchBytes: b, scatterBytes: 16 * SCATTER_CAP };
  }
}
