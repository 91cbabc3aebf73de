/**
 * What one missile flight hands back: the run's samples, events and outcome, plus its headline
 * numbers. Types only; simulate.ts re-exports them for the many callers that import them there.
 */

import type { RunOutcome, RunResult } from "../dynamics/run-result.js";
import type { Weather } from "../guidance/atmospheric-extinction.js";
import type { RoutePath } from "../guidance/route-path.js";
import type { Seeker } from "../guidance/seeker.js";
import type { SiteSummary } from "../threats/air-defence.js";
import type { TargetOutcome } from "./target-engagement.js";

/** Headline numbers of a flight. */
export interface MissionSummary {
  readonly status: RunOutcome["status"] | "timeout";
  readonly flight_time_s: number;
  /** Distance flown over the ground, m. */
  readonly ground_distance_m: number;
  /** Geodesic distance from release to the end of the flight, m. */
  readonly range_m: number;
  readonly fuel_used_kg: number;
  readonly fuel_left_kg: number;
  /** Time the fuel ran out, s, or null. */
  readonly fuel_exhausted_s: number | null;
  /** Horizontal distance from the aimpoint to the impact point, m (null without an aimpoint). */
  readonly miss_m: number | null;
  readonly impact_speed_mps: number;
  /** Angle of the flight path below the horizon at impact, deg. */
  readonly impact_angle_deg: number;
  readonly impact_lat_deg: number;
  readonly impact_lon_deg: number;
  /** Time without GNSS fixes, s (0 with perfect navigation). */
  readonly gnss_outage_s: number;
  /** Navigation error (truth minus estimate) at the end: horizontal and vertical, m. */
  readonly nav_error_horizontal_m: number;
  readonly nav_error_vertical_m: number;
  /** The SAM site that shot the missile down, or null. */
  readonly killed_by: string | null;
  /** What each air-defence site did (empty without a defence). */
  readonly threats: readonly SiteSummary[];
  /** Smallest height above the ground during midcourse, m (terrain or flat ground); null without one. */
  readonly min_clearance_m: number | null;
  /** First seeker lock: time (s) and range to the target (m); null without a lock or a seeker. */
  readonly seeker_lock_s: number | null;
  readonly seeker_lock_range_m: number | null;
  /** Seeker state at impact (see SeekerAtImpact). */
  readonly seeker_at_impact: SeekerAtImpact;
  /** Damage probability of the impact (Carleton function of the target class), null without. */
  readonly p_damage: number | null;
  /** A moving or uncertain target: truth, belief, acquisition (absent for a fixed target known exactly). */
  readonly target?: TargetOutcome;
}

/**
 * Seeker state at the end of a flight (docs/terminal.md):
 * - "locked (blind range)": the lock held until the missile was inside the seeker's blind range,
 *   where the seeker gives no new measurements and guidance holds the last one; whatever the
 *   seeker's fixed pointing does after that (it may lose the target in its last metres) is the
 *   normal end of homing, not a lost lock;
 * - "locked": still tracking, outside the blind range (the flight ended short of the target);
 * - "lost": the lock was lost outside the blind range and not regained, so guidance finished on
 *   the navigation estimate;
 * - "never locked", "no seeker".
 */
export type SeekerAtImpact =
  | "locked (blind range)"
  | "locked"
  | "lost"
  | "never locked"
  | "no seeker";

/** The terminal sensor of a flight: a seeker and the weather along its line of sight. */
export interface TerminalSensor {
  readonly seeker: Seeker;
  readonly weather: Weather;
}

/** What simulate() returns. */
export interface MissionResult extends RunResult {
  readonly summary: MissionSummary;
  readonly path: RoutePath;
  readonly phaseNames: readonly string[];
}
