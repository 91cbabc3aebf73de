/**
 * Salvo timing over planned routes: the arrival window and launch times (or stretches) as if each
 * aircraft stood at its first release point (planning/salvo.ts), and, once the releases have moved
 * along the flown aircraft's track, the window and the first-release times with each aircraft's
 * release offsets kept. Arrivals are planned inside the window less a guard of 5 s (at most a
 * sixth of the window) at each end.
 */

import {
  type ArrivalWindow,
  planSalvo,
  type SalvoAircraft,
  type SalvoMissile,
  type SalvoPlan,
  salvoEntries,
  timeOfFlight_s,
} from "../planning/salvo.js";
import { ScenarioError } from "../scenario/problems.js";
import type { SalvoScenario } from "../scenario/salvo-schema.js";

/** Largest guard (s) kept inside each end of the arrival window when planning. */
const GUARD_S = 5;

/** The arrival window and launch times (or stretches) for the missiles' current flight times. */
export function timeSalvo(
  s: SalvoScenario,
  file: string,
  missiles: readonly SalvoMissile[],
  aircraft: readonly SalvoAircraft[],
  w: number,
): { window: Required<ArrivalWindow>; timing: SalvoPlan } {
  // Earliest feasible: each aircraft releases its longest flight first, one interval apart; the
  // window opens when the last of those can arrive, and the salvo aims at its middle.
  let earliest = 0;
  for (const a of aircraft) {
    const tofs = missiles
      .filter((m) => m.aircraft === a.name)
      .map((m) => m.overhead_s + m.length_m / m.groundSpeed_mps)
      .sort((x, y) => y - x);
    for (const [k, t] of tofs.entries()) {
      earliest = Math.max(earliest, a.earliestLaunch_s + k * a.minInterval_s + t);
    }
  }
  const aim = s.arrival.time_s ?? earliest + w / 2;
  const window: Required<ArrivalWindow> = { open_s: aim - w / 2, close_s: aim + w / 2, aim_s: aim };
  // Planned inside a guard on each side, so small differences between plan and flight (the
  // dog-leg's arcs, navigation) keep the arrivals inside the commanded window.
  const guard = Math.min(GUARD_S, w / 6);
  const timing = planSalvo(missiles, aircraft, {
    open_s: window.open_s + guard,
    close_s: window.close_s - guard,
    aim_s: aim,
  });
  if (!timing.ok) {
    throw new ScenarioError([
      {
        file,
        path: s.arrival.time_s === undefined ? "arrival.window_s" : "arrival.time_s",
        expected: `an arrival window every missile can meet (the earliest opens at ${earliest.toFixed(1)} s: time_s ${(earliest + w / 2).toFixed(1)} s)`,
        got: timing.reasons.join("; "),
      },
    ]);
  }
  return { window, timing };
}

/**
 * The arrival window once the releases have moved: as given with arrival.time_s; else the earliest
 * every aircraft can meet with its offsets tau (s) kept, opening when its last arrival can come.
 */
export function flownWindow(
  s: SalvoScenario,
  missiles: readonly SalvoMissile[],
  aircraft: readonly SalvoAircraft[],
  tau: readonly number[],
  given: Required<ArrivalWindow>,
): Required<ArrivalWindow> {
  if (s.arrival.time_s !== undefined) return given;
  let earliest = 0;
  for (const ac of aircraft) {
    for (const [i, m] of missiles.entries()) {
      if (m.aircraft !== ac.name) continue;
      earliest = Math.max(earliest, ac.earliestLaunch_s + tau[i] + timeOfFlight_s(m));
    }
  }
  const w = s.arrival.window_s;
  return { open_s: earliest, close_s: earliest + w, aim_s: earliest + w / 2 };
}

/**
 * Launch times when each aircraft's releases keep their offsets tau (s) after its first: the
 * first release puts the aircraft's arrivals around the aim time (its last at the aim time when
 * they spread wider than the planning window), and a route whose arrival would come before the
 * window's floor is stretched by the difference times its speed, as planning/salvo.ts does.
 */
export function timeFlownAircraft(
  s: SalvoScenario,
  file: string,
  missiles: readonly SalvoMissile[],
  aircraft: readonly SalvoAircraft[],
  tau: readonly number[],
  window: Required<ArrivalWindow>,
): SalvoPlan {
  const guard = Math.min(GUARD_S, s.arrival.window_s / 6);
  const open = window.open_s + guard;
  const close = window.close_s - guard;
  const aim = window.aim_s;
  const launch = new Float64Array(missiles.length);
  const stretch = new Float64Array(missiles.length);
  const reasons: string[] = [];
  for (const ac of aircraft) {
    const idx = missiles.flatMap((m, i) => (m.aircraft === ac.name ? [i] : []));
    if (idx.length === 0) continue;
    const d = idx.map((i) => tau[i] + timeOfFlight_s(missiles[i]));
    const lo = Math.min(...d);
    const hi = Math.max(...d);
    const wide = hi - lo > close - open;
    const F = Math.max(ac.earliestLaunch_s, wide ? aim - hi : aim - 0.5 * (lo + hi));
    const last = F + hi;
    if (last > close + 1e-9) {
      reasons.push(
        `${ac.name}: its last missile arrives at ${last.toFixed(1)} s, after the window closes at ${close.toFixed(1)} s, even released as early as allowed`,
      );
    }
    const floor = Math.max(open, last - 0.5 * (close - open));
    for (const [k, i] of idx.entries()) {
      launch[i] = F + tau[i];
      const tot = F + d[k];
      if (tot >= floor) continue;
      stretch[i] = (floor - tot) * missiles[i].groundSpeed_mps;
      const spare = missiles[i].maxStretch_m ?? Number.POSITIVE_INFINITY;
      if (stretch[i] > spare + 1e-6) {
        reasons.push(
          `${missiles[i].name}: needs ${(stretch[i] / 1000).toFixed(1)} km more route, has ${(spare / 1000).toFixed(1)} km to spare`,
        );
      }
    }
  }
  if (reasons.length > 0) {
    throw new ScenarioError([
      {
        file,
        path: s.arrival.time_s === undefined ? "arrival.window_s" : "arrival.time_s",
        expected: "an arrival window every missile can meet from where its aircraft releases it",
        got: reasons.join("; "),
      },
    ]);
  }
  const entries = salvoEntries(missiles, launch, stretch);
  const tots = entries.map((e) => e.tot_s);
  return {
    ok: true,
    reasons: [],
    entries,
    spread_s: tots.length > 0 ? Math.max(...tots) - Math.min(...tots) : 0,
  };
}
