/**
 * The reach of a scenario's missile from its release point: the best-range cruise profile
 * (altitude × Mach, unless one is given), then that profile flown in every direction with the
 * scenario's wind, as plain data for io/ to write and the CLI to print.
 */

import { UserError } from "../core/user-error.js";
import type { ReleaseConditions } from "../mission/mission-params.js";
import {
  bestRangeProfile,
  type CruiseProfile,
  type ReachFlight,
  reachFootprint,
} from "../mission/reach.js";
import { loadScenarioFile } from "../scenario/load.js";
import type { MissileParams } from "../vehicle/missile-params.js";
import { missionFromScenario } from "./mission-params.js";
import { MAX_AZIMUTH_STEP_DEG, MIN_AZIMUTH_STEP_DEG } from "./reach-limits.js";
import type { StageListener } from "./world.js";

/** What to compute: azimuth step in degrees; a fixed cruise altitude (m) and Mach, or the best. */
export interface ReachRequest {
  readonly azimuthStep_deg: number;
  readonly alt_m?: number | undefined;
  readonly mach?: number | undefined;
}

/** A reach footprint and how it was found. */
export interface ReachResult {
  readonly missile: MissileParams;
  readonly release: ReleaseConditions;
  readonly profile: CruiseProfile;
  /** The profile search (null when the profile was given). */
  readonly search: ReturnType<typeof bestRangeProfile> | null;
  /** One flight per direction, clockwise from north. */
  readonly ring: readonly ReachFlight[];
  readonly maxRange_m: number;
  readonly minRange_m: number;
}

/** Load a mission scenario and compute its reach footprint; UserError or ScenarioError on bad input. */
export function computeReach(
  file: string,
  req: ReachRequest,
  onStage?: StageListener,
): ReachResult {
  const scenario = loadScenarioFile(file);
  if (scenario.kind !== "mission") {
    throw new UserError([
      `${file}: kind: expected "mission" (reach needs a missile and a launch), got "${scenario.kind}"`,
    ]);
  }
  const step = req.azimuthStep_deg;
  if (
    !(step >= MIN_AZIMUTH_STEP_DEG && step <= MAX_AZIMUTH_STEP_DEG && Number.isInteger(360 / step))
  ) {
    throw new UserError([
      `--azimuth-step: expected a divisor of 360 from ${MIN_AZIMUTH_STEP_DEG} to ${MAX_AZIMUTH_STEP_DEG} degrees, got ${step}`,
    ]);
  }
  const params = missionFromScenario(scenario, file, scenario.simulation.step_s);
  const base = {
    earth: params.earth,
    missile: params.missile,
    release: params.release,
    ground_m: params.ground_m,
  };
  const heading = (params.release.heading_rad * 180) / Math.PI;
  let profile: CruiseProfile;
  let search: ReturnType<typeof bestRangeProfile> | null = null;
  if (req.alt_m !== undefined || req.mach !== undefined) {
    profile = { alt_m: req.alt_m ?? params.cruise.alt_m, mach: req.mach ?? params.cruise.mach };
  } else {
    onStage?.("profile search");
    search = bestRangeProfile(base, heading);
    profile = search.best.profile;
  }
  onStage?.("footprint");
  const ring = reachFootprint(base, profile, step);
  const ranges = ring.map((f) => f.range_m);
  return {
    missile: params.missile,
    release: params.release,
    profile,
    search,
    ring,
    maxRange_m: Math.max(...ranges),
    minRange_m: Math.min(...ranges),
  };
}
