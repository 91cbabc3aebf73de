/** salvo.czml: every missile of a salvo on one CesiumJS timeline, each from its launch time. */

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { MissionParams } from "../mission/mission-params.js";
import type { MissionResult } from "../mission/simulate.js";
import type { AirDefenceParams } from "../threats/air-defence.js";
import { czmlText, salvoToCzml } from "./czml.js";
import { defenceSites, missionPoints, plannedRoutePoints } from "./mission-points.js";

/** One flown missile of a salvo, as the salvo writer has it. */
export interface SalvoCzmlFlight {
  /** Unique short id (its output folder) and its name. */
  readonly id: string;
  readonly name: string;
  readonly params: MissionParams;
  readonly result: Pick<MissionResult, "samples" | "summary">;
  /** Launch time after the salvo's time zero, s. */
  readonly launch_s: number;
}

/** Write dir/salvo.czml for the salvo's flights and air defence; returns its path. */
export function writeSalvoCzml(
  dir: string,
  title: string,
  flights: readonly SalvoCzmlFlight[],
  defence: AirDefenceParams | null,
): string {
  const doc = salvoToCzml(
    title,
    flights.map((f) => ({
      id: f.id,
      name: f.name,
      input: { samples: f.result.samples, ...missionPoints(f.params, f.result) },
      launch_s: f.launch_s,
      route: plannedRoutePoints(f.params),
    })),
    { sites: flights.length > 0 ? defenceSites(flights[0].params, defence) : [] },
  );
  const path = join(dir, "salvo.czml");
  writeFileSync(path, czmlText(doc));
  return path;
}
