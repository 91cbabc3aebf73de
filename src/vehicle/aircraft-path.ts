/**
 * A launch aircraft's flown path as a point mass: constant true airspeed and height, straight
 * legs (geodesics of the ellipsoid) joined by level turns at a constant rate. The state (latitude,
 * longitude, heading) follows the geodesic equations of the WGS-84 ellipsoid (dφ/ds = cos α/M,
 * dλ/ds = sin α/(N cos φ), dα/ds = sin α tan φ/N; e.g. Rapp, "Geometric Geodesy" part II, §1),
 * with the radii taken at the flight height and the turn rate added to dα/dt, integrated by RK4.
 * A turn of rate ω at speed v has radius v/ω = v²/(g·√(n²−1)) (launch-aircraft.ts).
 *
 * Path time τ counts from the aircraft's first release (negative on the ingress). Stepping is
 * allocation-free; building a path (the ingress turn toward an entry point) allocates.
 */

import { WGS84 } from "../earth/ellipsoid.js";
import { geodesicInverse } from "../earth/geodesic.js";

const DEG = Math.PI / 180;
/** Longest RK4 step, s: the path is smooth, so the error at 0.1 s is far below a metre. */
export const AIRCRAFT_MAX_STEP_S = 0.1;

/** One leg: flown for duration_s at a constant turn rate (rad/s, positive to the right; 0 straight). */
export interface AircraftLeg {
  readonly duration_s: number;
  readonly turnRate_rad_s: number;
}

/** A path: where it starts, when (path time, s) and its legs in order; straight after the last. */
export interface AircraftPath {
  readonly speed_mps: number;
  /** Height above the ellipsoid, m. */
  readonly alt_m: number;
  readonly lat0_deg: number;
  readonly lon0_deg: number;
  readonly heading0_deg: number;
  /** Path time of its start, s (≤ 0; 0 when it starts at the first release). */
  readonly t0_s: number;
  readonly legs: readonly AircraftLeg[];
}

/** Time derivative of (lat, lon, heading) in rad at speed v (m/s), height h (m), turn rate w. */
function derivative(
  lat: number,
  heading: number,
  v: number,
  h: number,
  w: number,
  out: Float64Array,
  o: number,
): void {
  const s = Math.sin(lat);
  const c = Math.cos(lat);
  const q = 1 - WGS84.e2 * s * s;
  const n = WGS84.a_m / Math.sqrt(q);
  const m = (n * (1 - WGS84.e2)) / q;
  const sh = Math.sin(heading);
  out[o] = (v * Math.cos(heading)) / (m + h);
  out[o + 1] = (v * sh) / ((n + h) * c);
  out[o + 2] = (v * sh * s) / (c * (n + h)) + w;
}

/** Steps an aircraft along its path; state in radians, path time in s. */
export class AircraftStepper {
  /** Path time, s. */
  t_s: number;
  lat_rad: number;
  lon_rad: number;
  heading_rad: number;
  private leg = 0;
  private legEnd_s: number;
  private readonly k = new Float64Array(12);

  constructor(readonly path: AircraftPath) {
    this.t_s = path.t0_s;
    this.lat_rad = path.lat0_deg * DEG;
    this.lon_rad = path.lon0_deg * DEG;
    this.heading_rad = path.heading0_deg * DEG;
    this.legEnd_s = path.t0_s + (path.legs[0]?.duration_s ?? Number.POSITIVE_INFINITY);
  }

  /** Turn rate of the current leg, rad/s. */
  get turnRate_rad_s(): number {
    return this.path.legs[this.leg]?.turnRate_rad_s ?? 0;
  }

  /** Index of the current leg (legs.length once past the last). */
  get legIndex(): number {
    return this.leg;
  }

  /** Advance by dt_s (s), splitting steps at leg ends and at AIRCRAFT_MAX_STEP_S. */
  advance(dt_s: number): void {
    let left = dt_s;
    while (left > 1e-12) {
      let h = Math.min(left, AIRCRAFT_MAX_STEP_S);
      const toEnd = this.legEnd_s - this.t_s;
      if (toEnd < h) h = Math.max(toEnd, 0);
      if (h > 0) this.rk4(h);
      left -= h;
      if (this.legEnd_s - this.t_s <= 1e-9) this.nextLeg();
    }
  }

  private nextLeg(): void {
    const legs = this.path.legs;
    this.leg = Math.min(this.leg + 1, legs.length);
    this.legEnd_s = this.leg < legs.length ? this.legEnd_s + legs[this.leg].duration_s : Infinity;
  }

  private rk4(dt: number): void {
    const { k, path } = this;
    const v = path.speed_mps;
    const h = path.alt_m;
    const w = this.turnRate_rad_s;
    const la = this.lat_rad;
    const lo = this.lon_rad;
    const hd = this.heading_rad;
    derivative(la, hd, v, h, w, k, 0);
    derivative(la + 0.5 * dt * k[0], hd + 0.5 * dt * k[2], v, h, w, k, 3);
    derivative(la + 0.5 * dt * k[3], hd + 0.5 * dt * k[5], v, h, w, k, 6);
    derivative(la + dt * k[6], hd + dt * k[8], v, h, w, k, 9);
    const f = dt / 6;
    this.lat_rad = la + f * (k[0] + 2 * k[3] + 2 * k[6] + k[9]);
    this.lon_rad = lo + f * (k[1] + 2 * k[4] + 2 * k[7] + k[10]);
    let nh = hd + f * (k[2] + 2 * k[5] + 2 * k[8] + k[11]);
    if (nh < 0) nh += 2 * Math.PI;
    else if (nh >= 2 * Math.PI) nh -= 2 * Math.PI;
    this.heading_rad = nh;
    this.t_s += dt;
  }
}

/** Where the path is at path time t_s (s): latitude, longitude and heading, degrees. */
export function aircraftPointAt(
  path: AircraftPath,
  t_s: number,
): { lat_deg: number; lon_deg: number; heading_deg: number } {
  const st = new AircraftStepper(path);
  st.advance(Math.max(0, t_s - path.t0_s));
  return {
    lat_deg: st.lat_rad / DEG,
    lon_deg: st.lon_rad / DEG,
    heading_deg: st.heading_rad / DEG,
  };
}

/** Signed angle b − a wrapped to (−π, π], rad. */
function wrap(x: number): number {
  let y = x % (2 * Math.PI);
  if (y > Math.PI) y -= 2 * Math.PI;
  else if (y <= -Math.PI) y += 2 * Math.PI;
  return y;
}

/**
 * The ingress from an entry point to the first release: a straight leg, then one level turn at
 * turnRate (rad/s, magnitude) onto the release heading, arriving exactly at the release point.
 * Built backward from the release point (flown in reverse until it points at the entry), so the
 * release point is exact; the straight leg's length is scaled to the flight height with the
 * prime-vertical radius, so the entry is met within metres. Null when
 * the entry lies inside the turn's circle (no single turn reaches it).
 */
export function ingressPath(
  release: { lat_deg: number; lon_deg: number; heading_deg: number },
  entry: { lat_deg: number; lon_deg: number },
  speed_mps: number,
  alt_m: number,
  turnRate_rad_s: number,
): AircraftPath | null {
  const back = (release.heading_deg + 180) % 360;
  const bearing = () => geodesicInverse(lat / DEG, lon / DEG, entry.lat_deg, entry.lon_deg);
  let lat = release.lat_deg * DEG;
  let lon = release.lon_deg * DEG;
  const first = geodesicInverse(release.lat_deg, release.lon_deg, entry.lat_deg, entry.lon_deg);
  let off = wrap(first.azi1_deg * DEG - back * DEG);
  // Reversed, the aircraft turns toward the entry; forward, it turns the other way onto the heading.
  const sign = off >= 0 ? 1 : -1;
  const reverse: AircraftPath = {
    speed_mps,
    alt_m,
    lat0_deg: release.lat_deg,
    lon0_deg: release.lon_deg,
    heading0_deg: back,
    t0_s: 0,
    legs: [{ duration_s: Number.POSITIVE_INFINITY, turnRate_rad_s: sign * turnRate_rad_s }],
  };
  const st = new AircraftStepper(reverse);
  const dt = 0.05;
  let turned_s = 0;
  const maxTurn_s = (2 * Math.PI) / turnRate_rad_s;
  while (Math.abs(off) > 1e-9 && turned_s < maxTurn_s) {
    const prevOff = off;
    const save = [st.lat_rad, st.lon_rad, st.heading_rad, st.t_s];
    st.advance(dt);
    lat = st.lat_rad;
    lon = st.lon_rad;
    off = wrap(bearing().azi1_deg * DEG - st.heading_rad);
    if (Math.sign(off) !== sign || Math.abs(off) < 1e-9) {
      // Crossed: redo the step to the crossing (the relative bearing is near linear in a step).
      const frac = prevOff / (prevOff - off);
      [st.lat_rad, st.lon_rad, st.heading_rad, st.t_s] = save;
      st.advance(dt * frac);
      turned_s += dt * frac;
      break;
    }
    turned_s += dt;
  }
  if (turned_s >= maxTurn_s) return null;
  lat = st.lat_rad;
  lon = st.lon_rad;
  const leg = bearing();
  // The straight leg, flown from the entry: at the flight height the ground covers R/(R+h) of it.
  const back2 = geodesicInverse(entry.lat_deg, entry.lon_deg, lat / DEG, lon / DEG);
  const s = Math.sin(lat);
  const n = WGS84.a_m / Math.sqrt(1 - WGS84.e2 * s * s);
  const straight_s = (leg.distance_m * (n + alt_m)) / n / speed_mps;
  return {
    speed_mps,
    alt_m,
    lat0_deg: entry.lat_deg,
    lon0_deg: entry.lon_deg,
    heading0_deg: (back2.azi1_deg + 360) % 360,
    t0_s: -(straight_s + turned_s),
    legs: [
      { duration_s: straight_s, turnRate_rad_s: 0 },
      { duration_s: turned_s, turnRate_rad_s: -sign * turnRate_rad_s },
    ],
  };
}
