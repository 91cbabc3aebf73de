/**
 * Jobs: each a `standoff` command run as a child process in a folder of its own under the
 * server's temporary folder, so the server stays responsive, a cancel really stops the work (the
 * process is killed), and the outputs are exactly the command line's. Progress arrives as
 * `@progress {...}` lines on the child's stderr (STANDOFF_PROGRESS=json, cli/stage-progress.ts).
 * Ids are random UUIDs (crypto.randomUUID): one job's id says nothing about another's.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { JobFile, JobProgress, JobStatus, JobView } from "./api-types.js";
import type { JobKind } from "./job-kinds.js";

export type { JobFile, JobProgress, JobStatus, JobView } from "./api-types.js";

/** Thrown when the concurrent-job cap is reached. */
export class JobCapError extends Error {
  constructor(readonly running: number) {
    super(
      `too many jobs running (${running}); wait for one to finish or cancel one, then try again`,
    );
  }
}

interface Job {
  readonly id: string;
  readonly kind: string;
  readonly scenario: string;
  readonly dir: string;
  readonly out: string;
  readonly created: Date;
  readonly t0: number;
  t1: number | null;
  status: JobStatus;
  progress: JobProgress | null;
  stdout: string;
  stderrRest: string;
  messages: string[];
  exitCode: number | null;
  result: unknown;
  child: ChildProcess | null;
  readonly listeners: Set<(v: JobView, ended: boolean) => void>;
}

/** How the job runner is set up. */
export interface JobRunnerOptions {
  /** Server-owned folder; each job gets a subfolder. */
  readonly root: string;
  /** bin/standoff.js. */
  readonly cli: string;
  /** Jobs running at once before a new one is refused (default 2). */
  readonly maxRunning?: number;
  /** Finished jobs kept (their folders too) before the oldest is deleted (default 50). */
  readonly maxKept?: number;
}

const PROGRESS = "@progress ";
/** Most of a command's stdout kept (its --json answer), bytes. */
const MAX_STDOUT = 8 * 1024 * 1024;

/** Starts, watches, cancels and forgets jobs. */
export class JobRunner {
  private readonly jobs = new Map<string, Job>();
  readonly maxRunning: number;
  private readonly maxKept: number;

  constructor(private readonly opts: JobRunnerOptions) {
    this.maxRunning = opts.maxRunning ?? 2;
    this.maxKept = opts.maxKept ?? 50;
    mkdirSync(opts.root, { recursive: true });
  }

  /** Jobs running now. */
  running(): number {
    let n = 0;
    for (const j of this.jobs.values()) if (j.status === "running") n++;
    return n;
  }

  /** Start a job on validated scenario text; throws JobCapError at the cap. */
  start(kind: JobKind, options: Record<string, unknown>, text: string, fileName: string): JobView {
    const running = this.running();
    if (running >= this.maxRunning) throw new JobCapError(running);
    this.forgetOld();
    const id = randomUUID();
    const dir = join(this.opts.root, id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, fileName), text);
    const job: Job = {
      id,
      kind: kind.name,
      scenario: fileName,
      dir,
      out: join(dir, "out"),
      created: new Date(),
      t0: performance.now(),
      t1: null,
      status: "running",
      progress: null,
      stdout: "",
      stderrRest: "",
      messages: [],
      exitCode: null,
      result: null,
      child: null,
      listeners: new Set(),
    };
    this.jobs.set(id, job);
    // cwd is the job's folder and the names are relative: messages name the user's file only.
    const child = spawn(process.execPath, [this.opts.cli, ...kind.args(fileName, "out", options)], {
      cwd: dir,
      env: { ...process.env, STANDOFF_PROGRESS: "json", STANDOFF_DEBUG: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    job.child = child;
    child.stdout?.setEncoding("utf8");
    child.stderr?.setEncoding("utf8");
    child.stdout?.on("data", (s: string) => {
      if (job.stdout.length < MAX_STDOUT) job.stdout += s;
    });
    child.stderr?.on("data", (s: string) => this.onStderr(job, s));
    child.on("error", (e) => {
      job.messages.push(`standoff: could not start the command: ${e.message}`);
      this.finish(job, null);
    });
    child.on("close", (code) => this.finish(job, code));
    return this.view(job);
  }

  private onStderr(job: Job, s: string): void {
    const text = job.stderrRest + s;
    const lines = text.split("\n");
    job.stderrRest = lines.pop() ?? "";
    let changed = false;
    for (const line of lines) {
      if (line.startsWith(PROGRESS)) {
        try {
          job.progress = JSON.parse(line.slice(PROGRESS.length)) as JobProgress;
          changed = true;
        } catch {
          // A torn line is not worth failing the job for.
        }
      } else if (line.trim() !== "" && job.messages.length < 200) {
        job.messages.push(line);
      }
    }
    if (changed) this.emit(job, false);
  }

  private finish(job: Job, code: number | null): void {
    if (job.t1 !== null) return;
    job.t1 = performance.now();
    job.child = null;
    if (job.stderrRest.trim() !== "") job.messages.push(job.stderrRest);
    job.exitCode = code;
    if (job.status !== "cancelled") job.status = code === 0 ? "done" : "failed";
    try {
      job.result = job.stdout.trim() === "" ? null : JSON.parse(job.stdout);
    } catch {
      job.result = { text: job.stdout };
    }
    this.emit(job, true);
    job.listeners.clear();
  }

  private emit(job: Job, ended: boolean): void {
    const v = this.view(job);
    for (const l of job.listeners) l(v, ended);
  }

  /** Stop a running job (kills its process); false if there is no such job. */
  cancel(id: string): JobView | null {
    const job = this.jobs.get(id);
    if (!job) return null;
    if (job.status === "running") {
      job.status = "cancelled";
      job.messages.push("cancelled by the user");
      job.child?.kill("SIGKILL");
    }
    return this.view(job);
  }

  /** A job's view, or null. */
  get(id: string): JobView | null {
    const job = this.jobs.get(id);
    return job ? this.view(job) : null;
  }

  /** The job's output folder (absolute), or null. */
  outputFolder(id: string): string | null {
    return this.jobs.get(id)?.out ?? null;
  }

  /** The job's scenario file (absolute) and its name, or null. */
  scenarioFile(id: string): { path: string; name: string } | null {
    const j = this.jobs.get(id);
    return j ? { path: join(j.dir, j.scenario), name: j.scenario } : null;
  }

  /**
   * Call `l` on each progress update and once at the end (ended true); returns the unsubscribe.
   * A finished job calls it once at once.
   */
  subscribe(id: string, l: (v: JobView, ended: boolean) => void): (() => void) | null {
    const job = this.jobs.get(id);
    if (!job) return null;
    if (job.status !== "running") {
      l(this.view(job), true);
      return () => {};
    }
    job.listeners.add(l);
    return () => job.listeners.delete(l);
  }

  /** Kill every running job and delete every folder (server shutdown). */
  close(): void {
    for (const j of this.jobs.values()) j.child?.kill("SIGKILL");
    this.jobs.clear();
    rmSync(this.opts.root, { recursive: true, force: true });
  }

  private forgetOld(): void {
    const done = [...this.jobs.values()].filter((j) => j.status !== "running");
    for (const j of done.slice(0, Math.max(0, done.length - this.maxKept + 1))) {
      this.jobs.delete(j.id);
      rmSync(j.dir, { recursive: true, force: true });
    }
  }

  private view(job: Job): JobView {
    return {
      id: job.id,
      kind: job.kind,
      status: job.status,
      scenario: job.scenario,
      created: job.created.toISOString(),
      elapsed_s: ((job.t1 ?? performance.now()) - job.t0) / 1000,
      progress: job.progress,
      result: job.result,
      messages: job.messages,
      exitCode: job.exitCode,
      files: job.status === "running" ? [] : listFiles(job.out),
    };
  }
}

/** Every regular file under a folder, relative paths with forward slashes, sorted. */
function listFiles(root: string): JobFile[] {
  const out: JobFile[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 4) return;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(dir, n);
      const st = statSync(p, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(p, depth + 1);
      else if (st.isFile())
        out.push({ path: relative(root, p).split(sep).join("/"), bytes: st.size });
    }
  };
  walk(root, 0);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
