/**
 * The event log of one flight. Each event carries where the missile was (true latitude, longitude
 * and height) when it happened, so the log can be mapped without the samples. Events are rare
 * (a few dozen a flight), so building an object for each is fine; nothing here runs per step.
 */

import { RAD_PER_DEG } from "../core/units.js";
import type { AirData } from "../dynamics/air-data.js";
import { S3_RX } from "../dynamics/point-mass-3dof.js";
import type { RunEvent } from "../dynamics/run-result.js";
import { GEO_H } from "../earth/ellipsoid.js";
import type { ThreatEvent } from "../threats/air-defence.js";

/** Records the events of one flight, located at the true position. */
export class MissionEvents {
  /** The events so far, in time order. */
  readonly list: RunEvent[] = [];

  /** `truth` is the flight's air data and `x` its state vector, both updated in place by the loop. */
  constructor(
    private readonly truth: AirData,
    private readonly x: Float64Array,
  ) {}

  /** Record a missile event at time t (s), located at the state x as of now. */
  at(t: number, kind: string, message: string, data?: Record<string, number>): void {
    // Release is recorded before the loop has set the air data; elsewhere this recomputes what it
    // already holds, which is cheap at a few dozen events a flight.
    const truth = this.truth;
    truth.update(t, this.x, S3_RX, this.x, 3, true);
    const g = truth.geo;
    this.list.push({
      t_s: t,
      kind,
      message,
      data: {
        lat_deg: Math.atan2(g[0], g[1]) / RAD_PER_DEG,
        lon_deg: Math.atan2(g[2], g[3]) / RAD_PER_DEG,
        alt_m: g[GEO_H],
        ...data,
      },
    });
  }

  /** Record an air-defence event at time t (s), located where the air data already stands. */
  threat(t: number, e: ThreatEvent): void {
    const g = this.truth.geo;
    this.list.push({
      t_s: t,
      kind: e.kind,
      source: e.site,
      message: threatMessage(e),
      data: {
        lat_deg: Math.atan2(g[0], g[1]) / RAD_PER_DEG,
        lon_deg: Math.atan2(g[2], g[3]) / RAD_PER_DEG,
        alt_m: g[GEO_H],
        range_m: e.range_m,
        ...(e.count > 0 ? { interceptors: e.count } : {}),
      },
    });
  }

  /** Append an event built by the caller (the impact, whose position comes from the last sample). */
  push(e: RunEvent): void {
    this.list.push(e);
  }
}

/** One sentence for an air-defence event. */
export function threatMessage(e: ThreatEvent): string {
  const km = `${(e.range_m / 1000).toFixed(1)} km`;
  switch (e.kind) {
    case "cued":
      return `${e.site} cued by its network's search radar at ${km}`;
    case "detected":
      return `${e.site} detected the missile at ${km}`;
    case "tracked":
      return `${e.site} tracks the missile at ${km}`;
    case "track_lost":
      return `${e.site} lost the track at ${km}`;
    case "engaged":
      return `${e.site} has a fire solution at ${km}`;
    case "shot":
      return `${e.site} fired ${e.count} interceptor${e.count > 1 ? "s" : ""} at ${km}`;
    case "killed":
      return `${e.site} shot the missile down at ${km}`;
    case "survived":
      return `the missile survived a shot from ${e.site} at ${km}`;
    case "wasted":
      return `${e.count} interceptor${e.count > 1 ? "s" : ""} of ${e.site} wasted: the target left first`;
  }
}
