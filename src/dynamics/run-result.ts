/** The shape of a finished simulation: sampled history, discrete events and how it ended. */

import type { SampleTable } from "../core/sample-table.js";

/** A discrete event during a run. */
export interface RunEvent {
  /** Simulation time, s. */
  readonly t_s: number;
  /** Machine-readable kind, e.g. "ground_impact". */
  readonly kind: string;
  /** One human-readable sentence. */
  readonly message: string;
  /** Numbers that go with the event (SI units, names carry units). */
  readonly data?: Readonly<Record<string, number>>;
  /** Who reported it, when not the missile itself (e.g. a SAM site's name). */
  readonly source?: string;
}

/** How a run ended. `failed` runs keep every sample taken before the failure. */
export interface RunOutcome {
  readonly status: "completed" | "ground_impact" | "killed" | "failed";
  /** Time the run ended, s. */
  readonly t_s: number;
  readonly message: string;
}

/** Everything a run produces. */
export interface RunResult {
  readonly samples: SampleTable;
  readonly events: readonly RunEvent[];
  readonly outcome: RunOutcome;
}
