/**
 * Navigation objects keep one V8 hidden class ("map") whatever values they come to hold. A field
 * whose first value was a small integer (0, 45 dB-Hz) and which later takes a fraction moves its
 * object to a new hidden class; that throws away every optimised function that relied on the old
 * one, and in a Monte Carlo worker it recurred run after run (the garbage collector drops the
 * updated class when a run's objects die). Checked with V8's own %HaveSameMap: a freshly built
 * object and one that has been through every state must share their hidden class.
 */

import { setFlagsFromString } from "node:v8";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { makeEarth } from "../../src/earth/earth-model.js";
import { geodeticToEcef, WGS84 } from "../../src/earth/ellipsoid.js";
import { DEFAULT_RECEIVER, GnssReceiver } from "../../src/navigation/gnss.js";
import { StrapdownIns } from "../../src/navigation/ins.js";
import { NavEstimate } from "../../src/navigation/navigation.js";
import { IDENTITY, restTruth } from "./at-rest.js";

setFlagsFromString("--allow-natives-syntax");
/** V8's %HaveSameMap (natives syntax is parsed when the function is compiled, after the flag). */
const haveSameMap = new Function("a", "b", "return %HaveSameMap(a, b);") as (
  a: object,
  b: object,
) => boolean;

describe("navigation objects keep their hidden class", () => {
  it("the check itself tells classes apart", () => {
    const a = { x: 0 };
    const b = { x: 0 };
    b.x = 0.5; // a small-integer field taking a fraction moves b to another hidden class
    expect(haveSameMap(a, b)).toBe(false);
  });

  it("NavEstimate, once every number holds a fraction", () => {
    const fresh = new NavEstimate();
    const used = new NavEstimate();
    used.t_s = 0.1;
    used.lat_rad = 0.6;
    used.lon_rad = 0.7;
    used.alt_m = 100.5;
    used.vn_mps = 200.25;
    used.ve_mps = -3.5;
    used.vd_mps = 0.5;
    used.sinLat = 0.5;
    used.cosLat = 0.75;
    used.sinLon = 0.25;
    used.cosLon = 0.875;
    expect(haveSameMap(fresh, used)).toBe(true);
  });

  it("StrapdownIns, after a reset and an update", () => {
    const earth = makeEarth();
    const fresh = new StrapdownIns(earth);
    const used = new StrapdownIns(earth);
    used.reset(0.6, 0.7, 100.5, [200.25, 0, 0], IDENTITY);
    const { fTrue, wTrue } = restTruth(earth, 0.6, 0.7, 100.5);
    used.update(fTrue, wTrue, 0.1);
    expect(haveSameMap(fresh, used)).toBe(true);
  });

  it("GnssReceiver, through losing track, reacquiring and tracking again", () => {
    const make = () =>
      new GnssReceiver(
        { ...DEFAULT_RECEIVER, reacquire_s: 10 },
        [{ name: "j", lat_deg: 0, lon_deg: 0, alt_m: 0, eirp_dbw: 20 }],
        Rng.fromSeed(4),
        WGS84,
      );
    const fresh = make();
    const used = make();
    const pos = new Float64Array(3);
    const vel = new Float64Array(3);
    const seen = new Set<string>();
    // Straight up from the jammer at 250 m/s, starting jammed close to it, then back down.
    for (let k = 0; k <= 40_000; k++) {
      const t = k * 0.1;
      const h = 1000 + 250 * Math.min(t, 2000) - 250 * Math.max(0, t - 2000);
      geodeticToEcef(WGS84, 0, 0, h, pos, 0);
      used.update(t, pos, vel, 0, 1, 0, 1);
      seen.add(used.state);
    }
    expect([...seen].sort()).toEqual(["lost", "reacquiring", "tracking"]);
    expect(used.outage_s).toBeGreaterThan(0);
    expect(haveSameMap(fresh, used)).toBe(true);
  });
});
