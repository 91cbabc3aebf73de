/**
 * A small benchmark harness: warm up, time several trials, report the median, and count garbage
 * collections and heap growth during the timed work: a loop that allocated an object per step
 * would fill the young generation and trigger scavenges within a million steps.
 */

import { cpus, totalmem } from "node:os";
import { PerformanceObserver } from "node:perf_hooks";

/** Result of one benchmark. */
export interface BenchResult {
  readonly name: string;
  readonly unit: string;
  /** Median of the trial rates, units per second. */
  readonly median: number;
  readonly trials: readonly number[];
  /** Garbage collections seen during the timed trials (0 for an allocation-free loop). */
  readonly gcCount: number;
  /** Heap growth over the timed trials, bytes per unit of work. */
  readonly heapBytesPerUnit: number;
}

/** Time `work` (which does `units` units of work per call) over `trials` trials after a warm-up. */
export function bench(
  name: string,
  unit: string,
  units: number,
  work: () => void,
  trials = 7,
): BenchResult {
  // Warm-up: let the JIT compile and settle the hot paths before timing.
  for (let i = 0; i < 4; i++) work();
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  let gcCount = 0;
  const obs = new PerformanceObserver((list) => {
    gcCount += list.getEntries().length;
  });
  obs.observe({ entryTypes: ["gc"] });
  const heap0 = process.memoryUsage().heapUsed;
  const rates: number[] = [];
  for (let i = 0; i < trials; i++) {
    const t0 = process.hrtime.bigint();
    work();
    const dt = Number(process.hrtime.bigint() - t0) / 1e9;
    rates.push(units / dt);
  }
  const heap1 = process.memoryUsage().heapUsed;
  // Observer callbacks arrive asynchronously; collect the pending GC entries now.
  gcCount += obs.takeRecords().length;
  obs.disconnect();
  const sorted = [...rates].sort((a, b) => a - b);
  return {
    name,
    unit,
    median: sorted[Math.floor(sorted.length / 2)],
    trials: rates,
    gcCount,
    heapBytesPerUnit: (heap1 - heap0) / (units * trials),
  };
}

/** One line describing the machine, for bench/RESULTS.md. */
export function machineLine(): string {
  const c = cpus();
  return `${c[0]?.model ?? "unknown CPU"} × ${c.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}-${process.arch}`;
}
