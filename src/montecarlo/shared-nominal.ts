/**
 * A study's nominal run, flown once per process and shared by its threads.
 *
 * The nominal run fixes the study's navigation time points (study-context.ts), which every chunk
 * summary needs. Before, every thread flew it while setting up, so with two threads both spent
 * their first half second on the same flight. Now one slot in shared memory holds it: the first
 * thread that needs it claims the slot (compare-and-swap 0 → 1), flies it and writes it there
 * (2: ready); the others keep flying their own runs meanwhile and read it when they summarise. The
 * nominal run is a pure function of the study, so who flies it changes no result.
 *
 * The slot holds the run as JSON (a few hundred bytes): its numbers are finite doubles or null, and
 * JSON gives every finite double back exactly.
 */

import type { NavPoints } from "./run-record.js";
import type { NominalRun } from "./study-files.js";

/** The nominal run and the time points it fixes. */
export interface NominalResult {
  readonly nominal: NominalRun;
  readonly nav: NavPoints;
}

/** The shared slot (see the module notes). */
export interface SharedNominal {
  /** [0]: 0 free, 1 being flown, 2 ready; [1]: length of the JSON in bytes; [2]: flights flown. */
  readonly state: Int32Array;
  readonly bytes: Uint8Array;
}

const FREE = 0;
const BUSY = 1;
const READY = 2;
/** Room for the JSON: the run's strings are short status words, its numbers at most 24 bytes. */
const CAPACITY = 4096;

/** An empty slot for a process's threads. */
export function allocateSharedNominal(): SharedNominal {
  return {
    state: new Int32Array(new SharedArrayBuffer(12)),
    bytes: new Uint8Array(new SharedArrayBuffer(CAPACITY)),
  };
}

function read(s: SharedNominal): NominalResult {
  const n = Atomics.load(s.state, 1);
  // TextDecoder refuses views on shared memory: copy the bytes out first.
  return JSON.parse(new TextDecoder().decode(s.bytes.slice(0, n))) as NominalResult;
}

function write(s: SharedNominal, r: NominalResult): void {
  const enc = new TextEncoder().encode(JSON.stringify(r));
  if (enc.length > CAPACITY) {
    throw new RangeError(`the nominal run needs ${enc.length} bytes, the slot holds ${CAPACITY}`);
  }
  s.bytes.set(enc);
  Atomics.store(s.state, 1, enc.length);
}

/** The nominal run if some thread has finished it, else null (never waits). */
export function peekSharedNominal(s: SharedNominal): NominalResult | null {
  return Atomics.load(s.state, 0) === READY ? read(s) : null;
}

/**
 * The nominal run: read when ready, flown here (by `fly`) when no thread has claimed it, else
 * waited for (Atomics.wait). A flight that throws frees the slot again, so no thread waits forever.
 */
export function sharedNominal(s: SharedNominal, fly: () => NominalResult): NominalResult {
  for (;;) {
    const v = Atomics.load(s.state, 0);
    if (v === READY) return read(s);
    if (v === FREE && Atomics.compareExchange(s.state, 0, FREE, BUSY) === FREE) {
      try {
        Atomics.add(s.state, 2, 1);
        write(s, fly());
      } catch (e) {
        Atomics.store(s.state, 0, FREE);
        Atomics.notify(s.state, 0);
        throw e;
      }
      Atomics.store(s.state, 0, READY);
      Atomics.notify(s.state, 0);
      // Read back, so the thread that flew it holds exactly what the others read.
      return read(s);
    }
    Atomics.wait(s.state, 0, BUSY, 1000);
  }
}
