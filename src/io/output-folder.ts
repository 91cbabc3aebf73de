/**
 * The one way every command puts its files into an output folder (`--out`), so that a folder
 * never holds a half-written set, nor stale files of an earlier run beside the new ones.
 *
 * Policy:
 * - A command writes everything into a fresh staging folder beside the target (same parent, so
 *   every move is a rename on one file system) and moves the files into place only once all are
 *   written; an exception while writing removes the staging folder and leaves the target as it
 *   was. A target that does not exist yet is created by renaming the whole staging folder.
 * - The target's standoff outputs from earlier runs (any command's file names below, and the
 *   per-missile folders an earlier salvo's salvo.json lists) are replaced: they are removed and
 *   reported, so none survives beside the new ones.
 * - Hidden entries (.DS_Store, .gitignore) and other sub-folders (e.g. a Monte Carlo study in
 *   out/mc) are left alone. Any other file is one standoff did not write: the command refuses,
 *   naming it, before it runs and again before it moves anything.
 */

import {
  accessSync,
  constants,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
} from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { UserError } from "../core/user-error.js";

/** Files a mission or body run writes (also each folder of a salvo). */
export const RUN_OUTPUT_FILES: readonly string[] = [
  "trajectory.csv",
  "events.json",
  "summary.json",
  "trajectory.geojson",
  "trajectory.czml",
  "report.html",
];

/** Every file name any standoff command writes at the top of its output folder. */
export const STANDOFF_OUTPUT_FILES: readonly string[] = [
  ...RUN_OUTPUT_FILES,
  // standoff run on a salvo
  "salvo.json",
  "engagement.json",
  "salvo.czml",
  // standoff plan
  "routes.geojson",
  "route.yaml",
  "plan.json",
  "plan.html",
  // standoff reach
  "reach.geojson",
  "reach.json",
  // standoff lar
  "lar.geojson",
  "lar.json",
  "lar.html",
  // standoff mc (also summary.json and report.html)
  "study.json",
  "runs.csv",
  "nav-error.csv",
  // standoff mc --sweep
  "sweep.json",
  "sweep.csv",
  "sweep.html",
];

/** Files a Monte Carlo study writes into its folder. */
export const STUDY_OUTPUT_FILES: readonly string[] = [
  "study.json",
  "runs.csv",
  "nav-error.csv",
  "summary.json",
  "report.html",
];

/** Files a Monte Carlo sweep writes into its folder. */
export const SWEEP_OUTPUT_FILES: readonly string[] = ["sweep.json", "sweep.csv", "sweep.html"];

/** How a salvo names a missile's folder (run-command's slug); anything else is not one of ours. */
const SALVO_FOLDER = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What an existing output folder holds, as names relative to it. */
export interface FolderContents {
  /** Standoff outputs of earlier runs (a salvo's missile folders end in "/"). */
  readonly stale: readonly string[];
  /** Files standoff did not write. */
  readonly foreign: readonly string[];
  /** Entries left alone: hidden ones and other sub-folders. */
  readonly kept: readonly string[];
}

/** Sort the entries of folder `dir` (which must exist) into stale, foreign and kept. */
export function inspectOutputFolder(dir: string): FolderContents {
  const stale: string[] = [];
  const foreign: string[] = [];
  const kept: string[] = [];
  const salvoFolders = salvoFoldersOf(dir);
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith(".")) {
      kept.push(name);
      continue;
    }
    const st = lstatSync(join(dir, name));
    if (st.isDirectory()) {
      if (!salvoFolders.has(name)) {
        kept.push(name);
        continue;
      }
      // An earlier salvo's missile folder: ours as long as it holds only a run's outputs.
      const inside = readdirSync(join(dir, name))
        .filter((f) => !f.startsWith(".") && !RUN_OUTPUT_FILES.includes(f))
        .sort();
      if (inside.length > 0) foreign.push(...inside.map((f) => `${name}/${f}`));
      else stale.push(`${name}/`);
    } else if (STANDOFF_OUTPUT_FILES.includes(name)) {
      stale.push(name);
    } else {
      foreign.push(name);
    }
  }
  return { stale, foreign, kept };
}

/** The missile folders an earlier salvo.json in dir lists (empty without a readable one). */
function salvoFoldersOf(dir: string): Set<string> {
  const path = join(dir, "salvo.json");
  const out = new Set<string>();
  if (!existsSync(path)) return out;
  try {
    const doc: unknown = JSON.parse(readFileSync(path, "utf8"));
    const missiles = (doc as { missiles?: unknown }).missiles;
    if (!Array.isArray(missiles)) return out;
    for (const m of missiles) {
      const folder = (m as { folder?: unknown } | null)?.folder;
      // Only plain slugs: an edited salvo.json must not point the clean-up outside the folder.
      if (typeof folder === "string" && SALVO_FOLDER.test(folder)) out.add(folder);
    }
  } catch {
    // Not JSON: then it names no folders, and only the file itself is replaced.
  }
  return out;
}

/**
 * Check `dir` can take a command's outputs, before the command spends time running: it is a
 * folder (or does not exist yet) holding no file standoff did not write, and the folder it is in
 * (or would be created in) can be written to. UserError otherwise.
 */
export function checkOutputFolder(dir: string, option = "--out"): void {
  const exists = existsSync(dir);
  if (exists && !statIsDirectory(dir)) {
    throw new UserError([`${option} ${dir}: expected a folder, got a file`]);
  }
  // The staging folder goes beside the target: the nearest existing folder above must be writable.
  let above = dirname(exists ? realpathSync(dir) : resolve(dir));
  while (!existsSync(above) && dirname(above) !== above) above = dirname(above);
  try {
    accessSync(above, constants.W_OK);
  } catch {
    throw new UserError([
      `${option} ${dir}: expected a folder whose parent can hold a staging folder beside it, got no permission to write in ${above}`,
    ]);
  }
  if (exists) refuseForeign(dir, inspectOutputFolder(dir).foreign, option);
}

function statIsDirectory(dir: string): boolean {
  try {
    return lstatSync(realpathSync(dir)).isDirectory();
  } catch {
    return false;
  }
}

function refuseForeign(dir: string, foreign: readonly string[], option: string): void {
  if (foreign.length === 0) return;
  const shown = foreign.length > 8 ? [...foreign.slice(0, 8), "…"] : foreign;
  throw new UserError([
    `${option} ${dir}: expected a folder that is empty or holds only standoff outputs (they are replaced), got ${foreign.length} file${foreign.length === 1 ? "" : "s"} standoff did not write: ${shown.join(", ")}; move ${foreign.length === 1 ? "it" : "them"} or choose another ${option}`,
  ]);
}

/** Outputs moved into place. */
export interface WrittenOutputs<T> {
  /** What the writer returned. */
  readonly value: T;
  /**
   * Stale entries removed from the folder that no new file replaced (a salvo folder ends in
   * "/"), as paths under the folder as given.
   */
  readonly removed: readonly string[];
  /** The final path of a path the writer wrote under its staging folder. */
  final(stagedPath: string): string;
}

/**
 * Write a command's outputs into `dir`: `write` fills a staging folder beside it (and returns
 * what it likes, e.g. the paths it wrote); then the folder's earlier standoff outputs are removed
 * and the new files moved in. Nothing in `dir` changes if `write` throws. UserError when `dir`
 * is a file or holds files standoff did not write.
 */
export function writeOutputFolder<T>(
  dir: string,
  write: (staging: string) => T,
  option = "--out",
): WrittenOutputs<T> {
  checkOutputFolder(dir, option);
  // Work on the real folder, so a symlinked --out keeps its staging on the same file system.
  const target = existsSync(dir) ? realpathSync(dir) : resolve(dir);
  const parent = dirname(target);
  if (parent === target) {
    throw new UserError([`${option} ${dir}: expected a folder below the file-system root`]);
  }
  let staging: string;
  try {
    mkdirSync(parent, { recursive: true });
    removeAbandonedStaging(parent, basename(target));
    staging = mkdtempSync(join(parent, `${stagingPrefix(basename(target))}${process.pid}-`));
  } catch (e) {
    // The staging folder's own name would only confuse: say which folder must be writable.
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new UserError([
      `${option} ${dir}: expected a folder whose parent ${parent} can hold a staging folder beside it, got ${code === "EACCES" || code === "EPERM" || code === "EROFS" ? "no permission to write there" : code}`,
    ]);
  }
  let value: T;
  let removed: string[];
  try {
    value = write(staging);
    removed = moveIntoPlace(staging, target, dir, option);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return {
    value,
    removed: removed.map((r) => join(dir, r)),
    final: (p) => join(dir, relative(staging, p)),
  };
}

/** Staging folders of `name` are `.name.standoff-PID-XXXXXX` in the same parent. */
function stagingPrefix(name: string): string {
  return `.${name}.standoff-`;
}

/**
 * Remove staging folders that a process killed mid-write (Ctrl-C, SIGKILL) left beside the
 * target: those whose process no longer exists.
 */
function removeAbandonedStaging(parent: string, name: string): void {
  const prefix = stagingPrefix(name);
  for (const entry of readdirSync(parent)) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length).split("-")[0]);
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || isAlive(pid)) continue;
    rmSync(join(parent, entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Move the staged outputs into target, replacing its stale standoff outputs; returns the stale
 * entries removed (relative names). Every file is complete before the first move, and each move
 * is a rename.
 */
function moveIntoPlace(staging: string, target: string, shown: string, option: string): string[] {
  if (!existsSync(target)) {
    renameSync(staging, target);
    return [];
  }
  const contents = inspectOutputFolder(target);
  refuseForeign(shown, contents.foreign, option);
  const incoming = readdirSync(staging);
  const clash = incoming.filter((n) => contents.kept.includes(n));
  if (clash.length > 0) {
    throw new UserError([
      `${option} ${shown}: expected no folder named ${clash.join(", ")} that an earlier salvo here did not write, got one; move it or choose another ${option}`,
    ]);
  }
  // Stale entries go to a trash folder first (renames), so the new set moves into a folder that
  // holds none of them; the trash is deleted once the new set is in. (Should a rename fail, the
  // trash stays, hidden, until a later run removes it as abandoned.)
  const trash = mkdtempSync(
    join(dirname(target), `${stagingPrefix(basename(target))}${process.pid}-old-`),
  );
  for (const entry of contents.stale) {
    const name = entry.replace(/\/$/, "");
    renameSync(join(target, name), join(trash, name));
  }
  for (const name of incoming) renameSync(join(staging, name), join(target, name));
  rmSync(trash, { recursive: true, force: true });
  // Replaced by a new file of the same name is not news; gone without a successor is.
  return contents.stale.filter((e) => !incoming.includes(e.replace(/\/$/, "")));
}

/**
 * Make `dir` ready for a command that writes into it as it goes (a new Monte Carlo study): refuse
 * files standoff did not write, remove every standoff output of earlier runs, and return those
 * removed (paths under dir as given) other than the `successors` the command writes again.
 */
export function clearOutputFolder(
  dir: string,
  successors: readonly string[] = [],
  option = "--out",
): string[] {
  checkOutputFolder(dir, option);
  if (!existsSync(dir)) return [];
  const { stale } = inspectOutputFolder(dir);
  for (const entry of stale) rmSync(join(dir, entry), { recursive: true, force: true });
  return stale.filter((e) => !successors.includes(e)).map((r) => join(dir, r));
}
