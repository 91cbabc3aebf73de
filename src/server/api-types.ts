/** The API's answers as plain types, shared by the server and the page (web/ imports them). */

/** Scenario kinds, as in the schema's `kind`. */
export type ScenarioKind = "body" | "mission" | "salvo";

/** What the page is told about a kind. */
export interface JobKindInfo {
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly scenarioKinds: readonly ScenarioKind[];
  /** JSON Schema of its options. */
  readonly options: unknown;
}

/** Where a job is. */
export type JobStatus = "running" | "done" | "failed" | "cancelled";

/** Progress as the command reports it. */
export interface JobProgress {
  readonly stage: string;
  /** 0–1, or null when the stage does not know. */
  readonly fraction: number | null;
  readonly done?: number;
  readonly total?: number;
}

/** One output file of a job. */
export interface JobFile {
  /** Path under the job's output folder, with forward slashes. */
  readonly path: string;
  readonly bytes: number;
}

/** A job as the API shows it. */
export interface JobView {
  readonly id: string;
  readonly kind: string;
  readonly status: JobStatus;
  readonly scenario: string;
  readonly created: string;
  readonly elapsed_s: number;
  readonly progress: JobProgress | null;
  /** The command's --json answer (summary), once it finished and printed one. */
  readonly result: unknown;
  /** What the command said on stderr (errors, warnings), progress lines left out. */
  readonly messages: readonly string[];
  readonly exitCode: number | null;
  readonly files: readonly JobFile[];
}

/** One problem as the page shows it. */
export interface CheckProblem {
  readonly line: number | null;
  readonly col: number | null;
  readonly path: string;
  readonly expected: string;
  readonly got: string;
  /** The whole line as the CLI prints it. */
  readonly message: string;
}
