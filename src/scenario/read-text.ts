/**
 * Reading a scenario file's text defensively: the file is stat()ed before anything is read, so a
 * directory or an oversized file is refused at once (a 50 MB file in well under a second, not
 * after half a minute of parsing); pipes and devices are read only up to the size limit; the bytes
 * must be UTF-8 text, not a binary file. A UTF-8 byte-order mark is allowed (YAML 1.2 §5.2 allows
 * it, JSON parsers may ignore it, and Windows editors write it) and dropped, so columns on the
 * first line are counted as the user sees them; UTF-16 and UTF-32 are refused with a hint.
 */

import { closeSync, openSync, readSync, statSync } from "node:fs";
import { type Problem, ScenarioError } from "./problems.js";

/** Largest scenario file read, bytes (4 MiB: a thousand times the largest example). */
export const MAX_SCENARIO_BYTES = 4 * 1024 * 1024;

/** "4 MiB", "50.0 MiB", "812 KiB", "12 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) {
    const mib = n / (1024 * 1024);
    return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
  }
  if (n >= 1024) return `${Math.round(n / 1024)} KiB`;
  return `${n} byte${n === 1 ? "" : "s"}`;
}

function problem(file: string, got: string, expected: string, at?: LinePosition): ScenarioError {
  const p: Problem = { file, ...(at ?? {}), path: "", expected, got };
  return new ScenarioError([p]);
}

interface LinePosition {
  readonly line: number;
  readonly col: number;
}

/** Why a file system call failed, in words (ENOENT → "no such file"). */
function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "ENOTDIR":
      return "no such file (a part of the path is not a folder)";
    case "EACCES":
    case "EPERM":
      return "a file that cannot be read (permission denied)";
    case "EISDIR":
      return "a directory";
    case "ELOOP":
      return "a loop of symbolic links";
    case "ENAMETOOLONG":
      return "a name too long for the file system";
    case "ENXIO":
      return "a socket or device that cannot be read";
    default:
      return code ?? (e instanceof Error ? e.message : String(e));
  }
}

/**
 * A scenario file's text (without a UTF-8 byte-order mark), or a ScenarioError saying why it
 * cannot be read: missing, a directory, unreadable, over MAX_SCENARIO_BYTES, not UTF-8, or binary.
 * `expected` names what the file should be in the message.
 */
export function readScenarioText(file: string, expected = "a readable YAML or JSON file"): string {
  let size: number | null;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw problem(file, "a directory", expected);
    // Regular files are judged by their size before a byte is read; pipes and devices (size 0
    // or meaningless) by what reading them yields, up to the limit.
    size = st.isFile() ? st.size : null;
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    throw problem(file, fsReason(e), expected);
  }
  const tooBig = (got: string) =>
    problem(file, got, `a scenario file of at most ${formatBytes(MAX_SCENARIO_BYTES)}`);
  if (size !== null && size > MAX_SCENARIO_BYTES) {
    throw tooBig(`${formatBytes(size)} (${size.toLocaleString("en-US")} bytes)`);
  }
  const bytes = readAtMost(file, MAX_SCENARIO_BYTES + 1, expected);
  if (bytes.length > MAX_SCENARIO_BYTES)
    throw tooBig(`more than ${formatBytes(MAX_SCENARIO_BYTES)}`);
  return decodeText(bytes, file);
}

/** Up to `limit` bytes of a file (fewer at its end). */
function readAtMost(file: string, limit: number, expected: string): Buffer {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (e) {
    throw problem(file, fsReason(e), expected);
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < limit) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    throw problem(file, fsReason(e), expected);
  } finally {
    closeSync(fd);
  }
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Encodings recognised by their byte-order mark, longest marks first. */
const OTHER_BOMS: readonly [readonly number[], string][] = [
  [[0x00, 0x00, 0xfe, 0xff], "UTF-32 (big-endian)"],
  [[0xff, 0xfe, 0x00, 0x00], "UTF-32 (little-endian)"],
  [[0xfe, 0xff], "UTF-16 (big-endian)"],
  [[0xff, 0xfe], "UTF-16 (little-endian)"],
];

function startsWith(bytes: Uint8Array, mark: readonly number[]): boolean {
  return bytes.length >= mark.length && mark.every((b, i) => bytes[i] === b);
}

/**
 * Offset of the first character that never occurs in a text scenario (−1: none): C0 controls other
 * than tab, line feed and carriage return, and DEL. YAML 1.2 excludes them from its character set
 * (§5.1); JSON allows them only escaped. Their presence means a binary file.
 */
function firstControlChar(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return i;
  }
  return -1;
}

/** The bytes as UTF-8 text without a byte-order mark, or a ScenarioError saying what they are. */
export function decodeText(bytes: Uint8Array, file: string): string {
  const expected = "UTF-8 text (YAML or JSON)";
  for (const [mark, name] of OTHER_BOMS) {
    if (startsWith(bytes, mark)) {
      throw problem(file, `${name} text; save the file as UTF-8`, expected, { line: 1, col: 1 });
    }
  }
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(UTF8_BOM.length) : bytes;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const bad = Math.min(firstInvalidUtf8(body), body.length - 1);
    const valid = new TextDecoder("utf-8", { ignoreBOM: true }).decode(body.subarray(0, bad));
    throw problem(
      file,
      `a byte that is not UTF-8 (0x${body[bad].toString(16).padStart(2, "0").toUpperCase()}): a binary file, or text in another encoding`,
      expected,
      positionAt(valid, valid.length),
    );
  }
  const c = firstControlChar(text);
  if (c >= 0) {
    const code = text.charCodeAt(c).toString(16).padStart(4, "0").toUpperCase();
    throw problem(
      file,
      `the control character U+${code}: a binary file?`,
      expected,
      positionAt(text, c),
    );
  }
  return text;
}

/** Offset of the first byte that does not start a well-formed UTF-8 character (RFC 3629). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    // Continuation bytes, the lowest code point (no overlong forms) for each lead byte.
    const [n, min] =
      c >= 0xc2 && c <= 0xdf
        ? [1, 0x80]
        : c >= 0xe0 && c <= 0xef
          ? [2, 0x800]
          : c >= 0xf0 && c <= 0xf4
            ? [3, 0x10000]
            : [0, 0];
    if (n === 0 || i + n >= b.length) return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      if ((b[i + k] & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (b[i + k] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}

/** 1-based line and column of a string offset. */
function positionAt(text: string, offset: number): LinePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}
