/**
 * One run of a salvo study: the planned salvo (planned once per scenario, reused by every run)
 * flown in one world with the run's own random streams, reduced to what a sweep tabulates.
 */

import type { Rng } from "../core/rng.js";
import type { SalvoScenario } from "../scenario/salvo-schema.js";
import type { ElevationGrid } from "../terrain/elevation-grid.js";
import type { ViewshedCache } from "../terrain/site-visibility.js";
import { prepareSalvo } from "./prepare.js";
import type { PlannedSalvo } from "./salvo.js";
import { flySalvoWorld } from "./salvo-world.js";

/** What one salvo run gives a sweep. */
export interface SalvoSample {
  /**
   * Probability the aimpoint is destroyed: 1 − Π(1 − P(damage)) over the missiles that arrived
   * (an arriving missile without a target class counts as 1).
   */
  readonly pDestroyed: number;
  /** Missiles (not decoys) that reached the ground at their target, and that were shot down. */
  readonly leaked: number;
  readonly killed: number;
  /** Decoys shot down. */
  readonly decoysKilled: number;
  /** Interceptors fired, and wasted on flyers that left first, by every site. */
  readonly interceptors: number;
  readonly wasted: number;
  /** Simulated time summed over every flyer, s (for throughput). */
  readonly flyerSeconds: number;
}

/** Plan a salvo scenario once (routes, timing) for many runs over one terrain and viewshed cache. */
export function planSalvoForStudy(
  scenario: SalvoScenario,
  file: string,
  sampleDt_s: number,
  terrain: ElevationGrid | null,
  viewsheds: ViewshedCache,
): PlannedSalvo {
  return prepareSalvo(scenario, file, sampleDt_s, terrain, viewsheds);
}

/** Fly one run of a planned salvo with the run's root generator. */
export function flySalvoSample(
  scenario: SalvoScenario,
  salvo: PlannedSalvo,
  viewsheds: ViewshedCache,
  root: Rng,
): SalvoSample {
  const { flights, engagement } = flySalvoWorld(scenario, salvo, viewsheds, root);
  let survive = 1;
  let leaked = 0;
  let killed = 0;
  let decoysKilled = 0;
  let flyerSeconds = 0;
  for (const f of flights) {
    // A member whose aircraft was shot down first never flew: neither leaked nor killed.
    if (!f.released) continue;
    const s = f.result.summary;
    flyerSeconds += s.flight_time_s;
    if (f.missile.decoy) {
      if (s.killed_by !== null) decoysKilled++;
      continue;
    }
    if (s.killed_by !== null) killed++;
    else if (s.status === "ground_impact" && s.miss_m !== null) {
      leaked++;
      survive *= 1 - (s.p_damage ?? 1);
    }
  }
  let interceptors = 0;
  let wasted = 0;
  for (const t of engagement.sites) {
    interceptors += t.shots;
    wasted += t.wasted;
  }
  return {
    pDestroyed: 1 - survive,
    leaked,
    killed,
    decoysKilled,
    interceptors,
    wasted,
    flyerSeconds,
  };
}
