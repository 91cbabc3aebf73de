/**
 * `aircraft[i].auto` of a salvo: each such aircraft releases from the recommended point of the
 * salvo's `lar` block's launch region for the targets of its missiles, heading toward its first
 * missile's planned route; with a `lar` block every aircraft's exposure at its release is
 * reported (salvo.json's `aircraft`, the mission's `aircraft` block plus the aircraft's name).
 */

import { geodesicInverse } from "../earth/geodesic.js";
import { regionPoints } from "../planning/launch-region.js";
import { colLon, latRow, lonCol, rowLat } from "../planning/planning-grid.js";
import type { MissionScenario } from "../scenario/mission-schema.js";
import { ScenarioError } from "../scenario/problems.js";
import type { SalvoScenario } from "../scenario/salvo-schema.js";
import type { ElevationGrid } from "../terrain/elevation-grid.js";
import type { ViewshedCache } from "../terrain/site-visibility.js";
import { type AircraftExposure, releaseHeading_deg, resolveAutoRelease } from "./auto-release.js";
import { computeLar, type LarResult, larRoute, ReachTableCache } from "./lar.js";
import { asSalvo, salvoMembers, salvoMissionScenario } from "./salvo.js";

/** One salvo aircraft at its release: the mission's `aircraft` block and the aircraft's name. */
export interface SalvoAircraftExposure extends AircraftExposure {
  readonly name: string;
}

/** A salvo with every release placed, and each aircraft's exposure (empty without `lar`). */
export interface ResolvedSalvo {
  readonly scenario: SalvoScenario;
  readonly aircraft: readonly SalvoAircraftExposure[];
}

type Release = { lat_deg: number; lon_deg: number; heading_deg: number };

/**
 * Place every `auto` aircraft of a salvo at its launch region's recommended point; ScenarioError
 * naming `aircraft[i].auto` when the region is empty. Salvos without a `lar` block come back as
 * they are (the schema refuses `auto` without one).
 */
export function resolveSalvoAutoRelease(
  s: SalvoScenario,
  file: string,
  terrain: ElevationGrid | null,
  viewsheds: ViewshedCache,
): ResolvedSalvo {
  const lar = s.lar;
  if (!lar) return { scenario: s, aircraft: [] };
  // One cache for every region: aircraft flying the same release share their reach tables.
  const reachCache = new ReachTableCache();
  const members = salvoMembers(s);
  const releases: (Release | null)[] = [];
  const aircraft: SalvoAircraftExposure[] = [];
  s.aircraft.forEach((a, i) => {
    const own = members.flatMap((m, k) => (m.aircraft === a.name ? [k] : []));
    // The targets of its missiles; an aircraft carrying only decoys is placed for theirs.
    const missiles = own.filter((k) => members[k].decoy === null);
    const picks = missiles.length > 0 ? missiles : own;
    if (picks.length === 0) {
      if (a.auto) {
        throw new ScenarioError([
          {
            file,
            path: `aircraft[${i}].auto`,
            expected: "an aircraft that releases a missile (its targets place the release)",
            got: `no missile or decoy names ${JSON.stringify(a.name)}`,
          },
        ]);
      }
      releases.push(null);
      return;
    }
    // Member k's mission with the salvo's `lar` block. An auto aircraft has no position yet: it
    // stands at the target meanwhile, which the region reads only as the default ingress start,
    // so an auto aircraft's ingress starts at lar.entry, else is not checked.
    const mission = (k: number): MissionScenario => {
      const t = members[k].target;
      const placed: SalvoScenario = a.auto
        ? {
            ...s,
            aircraft: s.aircraft.map((b, j) =>
              j === i ? { ...b, lat_deg: t.lat_deg, lon_deg: t.lon_deg, heading_deg: 0 } : b,
            ),
          }
        : s;
      const m = salvoMissionScenario(placed, k);
      return {
        ...m,
        launch: { ...m.launch, auto: a.auto === true },
        lar: a.auto ? { ...lar, entry: lar.entry ?? "none" } : lar,
      };
    };
    const first = picks[0];
    const named = (e: AircraftExposure): SalvoAircraftExposure => ({ name: a.name, ...e });
    // One target (the usual case): exactly the mission's `launch.auto` on the first missile.
    const targets = distinctTargets(members, picks);
    if (!a.auto || targets.length === 1) {
      const r = asSalvo(s, first, () =>
        resolveAutoRelease(mission(first), file, terrain, viewsheds, reachCache),
      );
      if (!r.aircraft) throw new RangeError("a lar block always gives the aircraft's exposure");
      aircraft.push(named(r.aircraft));
      const L = r.scenario.launch;
      releases.push(
        a.auto ? { lat_deg: L.lat_deg, lon_deg: L.lon_deg, heading_deg: L.heading_deg } : null,
      );
      return;
    }
    const placedAt = several(s, file, i, targets, mission, terrain, viewsheds, reachCache);
    // The aircraft's flight through that point, from the first missile's region.
    const through = asSalvo(s, first, () => {
      const m = mission(first);
      return resolveAutoRelease(
        { ...m, launch: { ...m.launch, ...placedAt, auto: false }, lar: m.lar },
        file,
        terrain,
        viewsheds,
        reachCache,
      );
    });
    if (!through.aircraft) throw new RangeError("a lar block always gives the aircraft's exposure");
    aircraft.push(
      named({ ...through.aircraft, release: { ...through.aircraft.release, auto: true } }),
    );
    releases.push(placedAt);
  });
  const scenario: SalvoScenario = {
    ...s,
    aircraft: s.aircraft.map((a, i) => {
      const r = releases[i];
      return r ? { ...a, ...r } : a;
    }),
  };
  return { scenario, aircraft };
}

/** Member indices with distinct target points, first of each. */
function distinctTargets(members: ReturnType<typeof salvoMembers>, picks: number[]): number[] {
  const seen = new Set<string>();
  return picks.filter((k) => {
    const key = `${members[k].target.lat_deg},${members[k].target.lon_deg}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The release of an aircraft whose missiles go to several targets: a point must be acceptable for
 * every one of them, so the regions are intersected on the first missile's grid (its route sets
 * the heading, as for one target) and the recommended point is the intersection's deepest, nearest
 * the first target (the region's own rule). A node of that grid counts as acceptable for another
 * target when the four nodes of its grid around it all are: conservative by under a cell.
 */
function several(
  s: SalvoScenario,
  file: string,
  i: number,
  targets: number[],
  mission: (k: number) => MissionScenario,
  terrain: ElevationGrid | null,
  viewsheds: ViewshedCache,
  reachCache: ReachTableCache,
): Release {
  const members = salvoMembers(s);
  const lars = targets.map((k) =>
    asSalvo(s, k, () => computeLar(mission(k), file, terrain, { viewsheds, reachCache })),
  );
  const describe = (k: number) =>
    `${members[k].name} → ${members[k].target.name ?? `${members[k].target.lat_deg}, ${members[k].target.lon_deg}`}`;
  lars.forEach((r, n) => {
    const c = r.conditions[0];
    if (c.recommended) return;
    const near = c.empty?.nearest;
    throw new ScenarioError([
      {
        file,
        path: `aircraft[${i}].auto`,
        expected: `a non-empty launch acceptability region to release from (for ${describe(targets[n])})`,
        got: `an empty region: ${c.empty?.reason ?? "no acceptable point"}${near ? `; nearest point that would work: ${near.lat_deg.toFixed(4)}, ${near.lon_deg.toFixed(4)}` : ""}`,
      },
    ]);
  });
  const [head, ...rest] = lars;
  const g = head.grid;
  const acc = head.conditions[0].rasters.acceptable;
  const T = head.target;
  const inside = new Uint8Array(acc.length);
  const distance_m = new Float32Array(acc.length).fill(Number.POSITIVE_INFINITY);
  for (let k = 0; k < acc.length; k++) {
    if (!acc[k]) continue;
    const r = Math.floor(k / g.nLon);
    const lat = rowLat(g, r);
    const lon = colLon(g, k - r * g.nLon);
    if (!rest.every((o) => acceptableAt(o, lat, lon))) continue;
    inside[k] = 1;
    distance_m[k] = geodesicInverse(lat, lon, T.lat_deg, T.lon_deg).distance_m;
  }
  const pts = regionPoints(g, inside, distance_m);
  if (pts.recommended < 0) {
    const each = lars
      .map((r, n) => {
        const p = r.conditions[0].recommended;
        return p ? `${describe(targets[n])}: ${p.lat_deg.toFixed(4)}, ${p.lon_deg.toFixed(4)}` : "";
      })
      .join("; ");
    throw new ScenarioError([
      {
        file,
        path: `aircraft[${i}].auto`,
        expected: "a release point in the launch region of every target of its missiles",
        got: `regions that do not overlap (each one's recommended point: ${each}); give the targets to different aircraft`,
      },
    ]);
  }
  const k = pts.recommended;
  const r = Math.floor(k / g.nLon);
  const at = { lat_deg: rowLat(g, r), lon_deg: colLon(g, k - r * g.nLon) };
  return { ...at, heading_deg: releaseHeading_deg(at, larRoute(head, k), T) };
}

/** Whether a point is acceptable in a region: the four grid nodes around it all are. */
function acceptableAt(r: LarResult, lat_deg: number, lon_deg: number): boolean {
  const g = r.grid;
  const acc = r.conditions[0].rasters.acceptable;
  const y = latRow(g, lat_deg);
  const x = lonCol(g, lon_deg);
  if (!(y >= 0 && x >= 0 && y <= g.nLat - 1 && x <= g.nLon - 1)) return false;
  for (const rr of [Math.floor(y), Math.ceil(y)])
    for (const cc of [Math.floor(x), Math.ceil(x)]) if (!acc[rr * g.nLon + cc]) return false;
  return true;
}
