/**
 * The pieces behind the web app's map: the jamming ring is where the free-space J/S puts the
 * receiver's equivalent C/N0 at its 28 dB-Hz tracking threshold (Kaplan and Hegarty), a dragged
 * point changes only its own line of the YAML, and uploaded file names cannot climb folders.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jammingRange_m, mapFeatures } from "../../src/engine/map-features.js";
import {
  chipRate,
  DEFAULT_RECEIVER,
  equivalentCn0_dbhz,
  freeSpaceLoss_db,
  GPS_SIGNAL_DBW,
} from "../../src/navigation/gnss.js";
import { parseScenarioText } from "../../src/scenario/load.js";
import { safeScenarioName } from "../../src/server/scenario-check.js";
import { movePoint } from "../../web/src/yaml-edit.js";

const root = new URL("../../", import.meta.url).pathname;
const layered = readFileSync(join(root, "examples", "layered-defence.yaml"), "utf8");

describe("map features", () => {
  it("puts the jamming ring where C/N0 under jamming falls to the tracking threshold", () => {
    for (const eirp_dbw of [0, 20, 40]) {
      const r = jammingRange_m(eirp_dbw);
      // J/S at that range, free space: EIRP − FSL(R) − S.
      const js = eirp_dbw - freeSpaceLoss_db(r) - GPS_SIGNAL_DBW;
      const cn0 = equivalentCn0_dbhz(
        DEFAULT_RECEIVER.cn0_nominal_dbhz,
        js,
        DEFAULT_RECEIVER.q_factor,
        chipRate(DEFAULT_RECEIVER.code),
      );
      expect(cn0).toBeCloseTo(DEFAULT_RECEIVER.track_threshold_dbhz, 6);
    }
    // 20 dB more power: ten times the range (free space, R²).
    expect(jammingRange_m(40) / jammingRange_m(20)).toBeCloseTo(10, 9);
  });

  it("lists the layered example's points with the paths that hold them", () => {
    const f = mapFeatures(parseScenarioText(layered, "layered-defence.yaml"));
    const byName = new Map(f.points.map((p) => [p.name, p]));
    expect(byName.get("south valley")?.path).toEqual(["route", "waypoints", 1]);
    expect(byName.get("long-range SAM")?.path).toEqual(["air_defence", "sites", 0]);
    const lr = f.points.findIndex((p) => p.name === "long-range SAM");
    const rings = f.rings.filter((r) => r.point === lr).map((r) => r.kind);
    expect(rings.sort()).toEqual(["detection", "engagement", "jamming"]);
    expect(f.terrain).toEqual({ south: -30, west: -20, north: -26, east: -16 });
  });
});

describe("editing the YAML from the map", () => {
  it("changes only the moved point's line, comments and layout kept", () => {
    const out = movePoint(layered, ["route", "waypoints", 1], -29.5, -17.5);
    expect(out).not.toBeNull();
    const a = layered.split("\n");
    const b = (out ?? "").split("\n");
    expect(b.length).toBe(a.length);
    const changed = b.filter((l, i) => l !== a[i]);
    expect(changed).toEqual([`    - { name: "south valley", lat_deg: -29.5, lon_deg: -17.5 }`]);
    const moved = parseScenarioText(out ?? "", "x.yaml");
    expect(moved.kind === "mission" && moved.route?.waypoints?.[1]).toMatchObject({
      lat_deg: -29.5,
      lon_deg: -17.5,
    });
  });

  it("refuses a path that does not hold a mapping", () => {
    expect(movePoint(layered, ["route", "nowhere", 3], 0, 0)).toBeNull();
    expect(movePoint("a: [", ["a"], 0, 0)).toBeNull();
  });
});

describe("uploaded file names", () => {
  it("keeps a plain name and strips folders and odd characters", () => {
    expect(safeScenarioName("strike.yaml")).toBe("strike.yaml");
    expect(safeScenarioName("../../etc/passwd")).toBe("passwd.yaml");
    expect(safeScenarioName("C:\\x\\..\\s.json")).toBe("s.json");
    expect(safeScenarioName(".hidden.yml")).toBe("hidden.yaml");
    expect(safeScenarioName(42)).toBe("scenario.yaml");
  });
});
