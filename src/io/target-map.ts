/**
 * The report's target-area map for a flight at a moving or uncertain target: the target's true
 * track, the believed position over time (launch belief, then each update), the seeker's search
 * footprint around the believed position at acquisition, where the target truly was then, and
 * the missile's last kilometres.
 */

import { geodesicInverse } from "../earth/geodesic.js";
import type { MissionParams } from "../mission/mission-params.js";
import type { MissionResult } from "../mission/simulate.js";
import type { MapEvent, TerrainMapInput } from "../report/terrain-map.js";

/** Smallest half-width of the target-area map around the aimpoint, m. */
const MIN_VIEW_M = 4000;

/** The target-area map input, or undefined when the flight's target was fixed and known exactly. */
export function targetMapInput(p: MissionParams, r: MissionResult): TerrainMapInput | undefined {
  const t = r.summary.target;
  const aim = p.aimpoint;
  if (!t || !aim) return undefined;
  const far = (lat: number, lon: number) =>
    geodesicInverse(aim.lat_deg, aim.lon_deg, lat, lon).distance_m;
  // Wide enough for everything the target did, and a few kilometres of the missile's approach.
  let view = MIN_VIEW_M;
  for (const k of t.track) view = Math.max(view, 1.3 * far(k.lat_deg, k.lon_deg));
  for (const b of t.believed) view = Math.max(view, 1.3 * far(b.lat_deg, b.lon_deg));
  const lat = r.samples.column("lat_deg");
  const lon = r.samples.column("lon_deg");
  const tLat = new Float64Array(lat.length);
  const tLon = new Float64Array(lon.length);
  for (let i = 0; i < lat.length; i++) {
    const inside = far(lat[i], lon[i]) <= view;
    tLat[i] = inside ? lat[i] : Number.NaN;
    tLon[i] = inside ? lon[i] : Number.NaN;
  }
  const events: MapEvent[] = [];
  for (const e of r.events) {
    if (e.kind !== "seeker_lock" && e.kind !== "target_not_acquired") continue;
    const d = e.data;
    if (d?.lat_deg === undefined || d.lon_deg === undefined) continue;
    events.push({
      kind: e.kind === "seeker_lock" ? "acquired" : "not acquired",
      lat_deg: d.lat_deg,
      lon_deg: d.lon_deg,
      t_s: e.t_s,
      label: e.message,
    });
  }
  const acq = t.acquisition;
  const moved = (a: { true_lat_deg: number; true_lon_deg: number }) =>
    geodesicInverse(a.true_lat_deg, a.true_lon_deg, t.true_lat_deg, t.true_lon_deg).distance_m;
  return {
    terrain: p.terrain,
    track: { lat_deg: tLat, lon_deg: tLon },
    trackLabel: "missile's approach",
    sites: [],
    events,
    points: [
      { name: "planned aimpoint", lat_deg: aim.lat_deg, lon_deg: aim.lon_deg },
      {
        name: acq && moved(acq) < 50 ? "target at lock and end" : "target at the end",
        lat_deg: t.true_lat_deg,
        lon_deg: t.true_lon_deg,
      },
      ...(acq && moved(acq) >= 50
        ? [
            {
              name: "target at acquisition",
              lat_deg: acq.true_lat_deg,
              lon_deg: acq.true_lon_deg,
            },
          ]
        : []),
    ],
    extraTracks: [
      ...(t.road.length > 1
        ? [
            {
              label: t.motion === "moving" ? "target's path" : "road",
              lat_deg: t.road.map((k) => k.lat_deg),
              lon_deg: t.road.map((k) => k.lon_deg),
              color: "#9a9a9a",
            },
          ]
        : []),
      {
        label: "target's true track",
        lat_deg: t.track.map((k) => k.lat_deg),
        lon_deg: t.track.map((k) => k.lon_deg),
        color: "#d95f02",
      },
      {
        label: "believed position",
        lat_deg: t.believed.map((b) => b.lat_deg),
        lon_deg: t.believed.map((b) => b.lon_deg),
        dashed: true,
        color: "#1b9e77",
      },
    ],
    ...(t.footprint_radius_m > 0
      ? {
          circles: [
            acq
              ? {
                  label: "seeker footprint at lock",
                  lat_deg: acq.believed_lat_deg,
                  lon_deg: acq.believed_lon_deg,
                  radius_m: t.footprint_radius_m,
                }
              : {
                  label: "seeker footprint (no lock)",
                  lat_deg: t.believed[t.believed.length - 1].lat_deg,
                  lon_deg: t.believed[t.believed.length - 1].lon_deg,
                  radius_m: t.footprint_radius_m,
                },
          ],
        }
      : {}),
  };
}
