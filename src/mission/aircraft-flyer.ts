/**
 * A launch aircraft as a flyer of the world loop (world-loop.ts): it steps along its path
 * (vehicle/aircraft-path.ts), the air defence sees, tracks and engages it like every flyer, and it
 * ends when shot down, when its egress has taken it outside every SAM's maximum range (after its
 * egress turn), or at the end of its egress time. Allocation-free per step except its samples.
 */

import { geodeticToEcef, WGS84 } from "../earth/ellipsoid.js";
import type { ThreatEvent, ThreatTarget } from "../threats/air-defence.js";
import { type AircraftPath, AircraftStepper } from "../vehicle/aircraft-path.js";
import type { AircraftSample } from "./aircraft-flight.js";
import type { WorldFlyer } from "./world-loop.js";

/** A SAM site as the aircraft's egress sees it: where (ECEF, m) and how far it reaches (m). */
export interface EgressThreat {
  readonly ecef: Float64Array;
  readonly maxRange_m: number;
}

/** How an aircraft flies in the world. */
export interface AircraftFlyerSetup {
  readonly path: AircraftPath;
  /** Salvo time of path time 0 (its first release), s. */
  readonly firstRelease_s: number;
  /** World tick, s, and the world tick it starts at. */
  readonly tick_s: number;
  readonly startTick: number;
  /** Path time after which its egress may end (its egress turn done), s, and its latest end. */
  readonly egressFrom_s: number;
  readonly end_s: number;
  readonly threats: readonly EgressThreat[];
  /** Salvo times of its releases, s (a sample is taken at each). */
  readonly releases_s: readonly number[];
  /** Ground height under a point, m above the ellipsoid. */
  readonly groundAt: (lat_deg: number, lon_deg: number) => number;
}

/** Output sample interval of an aircraft's track, s. */
const SAMPLE_S = 5;
const DEG = Math.PI / 180;

/** A launch aircraft flown in the world. */
export class AircraftFlyer implements WorldFlyer {
  ticks = 0;
  ended = false;
  readonly target: ThreatTarget;
  readonly samples: AircraftSample[] = [];
  killedBy: string | null = null;
  killedAt_s: number | null = null;
  private readonly st: AircraftStepper;
  private readonly stepTicks: number;
  private readonly sampleTicks: number;
  private nextRelease = 0;

  constructor(private readonly s: AircraftFlyerSetup) {
    this.st = new AircraftStepper(s.path);
    // Steps of about 0.1 s: the path is smooth and the defence looks every update_s.
    this.stepTicks = Math.max(1, Math.round(0.1 / s.tick_s));
    this.sampleTicks =
      this.stepTicks * Math.max(1, Math.round(SAMPLE_S / (this.stepTicks * s.tick_s)));
    this.target = {
      lat_deg: 0,
      lon_deg: 0,
      alt_m: 0,
      agl_m: 0,
      ecef: new Float64Array(3),
      vNed: new Float64Array(3),
      sinLat: 0,
      cosLat: 1,
      sinLon: 0,
      cosLon: 1,
    };
    this.record();
  }

  /** Salvo time now, s. */
  get t_s(): number {
    return this.s.firstRelease_s + this.st.t_s;
  }

  integrate(): void {
    this.st.advance(this.stepTicks * this.s.tick_s);
    this.ticks += this.stepTicks;
  }

  afterStep(): void {
    const s = this.s;
    let due = this.ticks % this.sampleTicks === 0;
    while (this.nextRelease < s.releases_s.length && this.t_s >= s.releases_s[this.nextRelease]) {
      this.nextRelease++;
      due = true;
    }
    const tau = this.st.t_s;
    if (tau >= s.end_s - 1e-9 || (tau >= s.egressFrom_s && this.outsideEveryThreat())) {
      this.ended = true;
      due = true;
    }
    if (due) this.record();
  }

  fillThreatTarget(): void {
    const { st, target } = this;
    const p = this.s.path;
    target.sinLat = Math.sin(st.lat_rad);
    target.cosLat = Math.cos(st.lat_rad);
    target.sinLon = Math.sin(st.lon_rad);
    target.cosLon = Math.cos(st.lon_rad);
    target.lat_deg = st.lat_rad / DEG;
    target.lon_deg = st.lon_rad / DEG;
    target.alt_m = p.alt_m;
    target.agl_m = p.alt_m - this.s.groundAt(target.lat_deg, target.lon_deg);
    geodeticToEcef(WGS84, st.lat_rad, st.lon_rad, p.alt_m, target.ecef);
    target.vNed[0] = p.speed_mps * Math.cos(st.heading_rad);
    target.vNed[1] = p.speed_mps * Math.sin(st.heading_rad);
    target.vNed[2] = 0;
  }

  /** The world's log keeps the defence's events about it. */
  threatEvent(_e: ThreatEvent): void {}

  kill(by: string): void {
    this.killedBy = by;
    this.killedAt_s = this.t_s;
    this.ended = true;
    this.record();
  }

  private outsideEveryThreat(): boolean {
    this.fillThreatTarget();
    const r = this.target.ecef;
    for (const t of this.s.threats) {
      const dx = r[0] - t.ecef[0];
      const dy = r[1] - t.ecef[1];
      const dz = r[2] - t.ecef[2];
      if (dx * dx + dy * dy + dz * dz <= t.maxRange_m * t.maxRange_m) return false;
    }
    return true;
  }

  private record(): void {
    const st = this.st;
    const last = this.samples[this.samples.length - 1];
    const t = this.t_s;
    if (last && last.t_s === t) return;
    this.samples.push({
      t_s: t,
      lat_deg: st.lat_rad / DEG,
      lon_deg: st.lon_rad / DEG,
      alt_m: this.s.path.alt_m,
      heading_deg: st.heading_rad / DEG,
    });
  }
}
