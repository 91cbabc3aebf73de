/**
 * A kinematic flyer for defence tests: it circles a point on the equator at a fixed horizontal
 * radius and height above a flat, sea-level ground, at constant speed, for a given time, then
 * leaves (ends). Its range to a site at the centre is constant and its closing speed zero, so an
 * interceptor's fly-out time is the same for every shot, which makes engagements countable by hand.
 */

import { geodeticToEcef, WGS84 } from "../../src/earth/ellipsoid.js";
import type { WorldFlyer } from "../../src/mission/world-loop.js";
import type { ThreatEvent, ThreatTarget } from "../../src/threats/air-defence.js";

const R_EARTH_M = 6_378_137;

export class OrbitFlyer implements WorldFlyer {
  ticks = 0;
  ended = false;
  killedBy: string | null = null;
  readonly events: ThreatEvent[] = [];
  readonly target: ThreatTarget;
  private readonly maxTicks: number;

  /** Circle of radius_m at height_m, starting at angle theta0 (rad), speed (m/s), for duration_s. */
  constructor(
    private readonly radius_m: number,
    private readonly height_m: number,
    private readonly theta0_rad: number,
    private readonly speed_mps: number,
    duration_s: number,
    private readonly tick_s: number,
  ) {
    this.maxTicks = Math.round(duration_s / tick_s);
    this.target = {
      lat_deg: 0,
      lon_deg: 0,
      alt_m: height_m,
      agl_m: height_m,
      ecef: new Float64Array(3),
      vNed: new Float64Array(3),
      sinLat: 0,
      cosLat: 1,
      sinLon: 0,
      cosLon: 1,
    };
  }

  integrate(): void {
    this.ticks++;
  }

  afterStep(): void {
    if (this.ticks >= this.maxTicks) this.ended = true;
  }

  fillThreatTarget(): void {
    const t = this.ticks * this.tick_s;
    const th = this.theta0_rad + (this.speed_mps / this.radius_m) * t;
    const lat = (this.radius_m * Math.cos(th)) / R_EARTH_M;
    const lon = (this.radius_m * Math.sin(th)) / R_EARTH_M;
    const g = this.target;
    g.lat_deg = (lat * 180) / Math.PI;
    g.lon_deg = (lon * 180) / Math.PI;
    g.sinLat = Math.sin(lat);
    g.cosLat = Math.cos(lat);
    g.sinLon = Math.sin(lon);
    g.cosLon = Math.cos(lon);
    geodeticToEcef(WGS84, lat, lon, this.height_m, g.ecef, 0);
    g.vNed[0] = -this.speed_mps * Math.sin(th);
    g.vNed[1] = this.speed_mps * Math.cos(th);
    g.vNed[2] = 0;
  }

  threatEvent(e: ThreatEvent): void {
    this.events.push(e);
  }

  kill(by: string): void {
    this.killedBy = by;
    this.ended = true;
  }
}
