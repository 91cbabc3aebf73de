/**
 * The horizon gate of the shared air defence (threats/horizon-gate.ts):
 * - the 4/3-Earth radar horizon against the published rule of thumb d ≈ 4.12 km·(√h1 + √h2) with
 *   heights in metres (Federal Standard 1037C, "radar horizon"; Skolnik §8.2): a 10 m antenna and
 *   a 100 m target, 4.12·(3.162 + 10) = 54.2 km;
 * - the gate never skips a point a site can see: every cell of the salvo example's viewsheds,
 *   looked at from the cell's corners at its lowest visible height;
 * - gated and ungated runs fly byte-identical worlds (the salvo example; a synthetic network with
 *   sites far beyond the horizon, with flyers that come into sight, are tracked and shot at, and
 *   leave it again), and the counter shows the far pairs skipped and never more than
 *   flyers × sites pairs looked at per update.
 */

import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { geodeticToEcef, WGS84 } from "../../src/earth/ellipsoid.js";
import { flySalvoWorld } from "../../src/engine/salvo-world.js";
import { planSalvoForStudy } from "../../src/engine/sweep-sample.js";
import { terrainFromScenario } from "../../src/engine/world.js";
import { flyWorld, type WorldEntry, type WorldFlyer } from "../../src/mission/world-loop.js";
import { parseYamlText } from "../../src/scenario/safe-yaml.js";
import { salvoScenarioSchema } from "../../src/scenario/salvo-schema.js";
import type { ElevationGrid } from "../../src/terrain/elevation-grid.js";
import { radarHorizon_m } from "../../src/terrain/line-of-sight.js";
import { SiteVisibility, ViewshedCache } from "../../src/terrain/site-visibility.js";
import type { AirDefenceParams, ThreatEvent, ThreatTarget } from "../../src/threats/air-defence.js";
import { DefenceNetwork, type NetworkEvent } from "../../src/threats/defence-network.js";
import { flyerHorizon_m, HorizonGate } from "../../src/threats/horizon-gate.js";
import { SAM_PRESETS } from "../../src/threats/presets.js";
import { constantRcs } from "../../src/threats/rcs.js";

const D2R = Math.PI / 180;

/** A target at (degrees, m above the ellipsoid), with the trigonometry the gate reads. */
function targetAt(lat_deg: number, lon_deg: number, alt_m: number): ThreatTarget {
  const t: ThreatTarget = {
    lat_deg,
    lon_deg,
    alt_m,
    agl_m: alt_m,
    ecef: new Float64Array(3),
    vNed: new Float64Array(3),
    sinLat: Math.sin(lat_deg * D2R),
    cosLat: Math.cos(lat_deg * D2R),
    sinLon: Math.sin(lon_deg * D2R),
    cosLon: Math.cos(lon_deg * D2R),
  };
  geodeticToEcef(WGS84, lat_deg * D2R, lon_deg * D2R, alt_m, t.ecef, 0);
  return t;
}

describe("the 4/3-Earth radar horizon", () => {
  it("of a 10 m antenna and a 100 m target is the published 54 km", () => {
    const d = radarHorizon_m(10, 100);
    // FS-1037C: d_km ≈ 4.12 (√h1 + √h2) = 54.23 km; the formula gives 54.25 km.
    expect(d / 1000).toBeCloseTo(4.12 * (Math.sqrt(10) + Math.sqrt(100)), 1);
    expect(d).toBeGreaterThan(54_000);
    expect(d).toBeLessThan(54_500);
  });

  it("the gate over flat ground opens within 1 % beyond it and closes past it", () => {
    const gate = new HorizonGate(0, 0, 10, 0, null);
    const vis = new SiteVisibility(null, 0, 0, 10, new ViewshedCache(), 0);
    const share = flyerHorizon_m(100, 0);
    expect(gate.reach_m(share)).toBeGreaterThan(radarHorizon_m(10, 100));
    expect(gate.reach_m(share)).toBeLessThan(1.011 * radarHorizon_m(10, 100));
    for (const d_km of [20, 54, 54.2]) {
      const t = targetAt(0, d_km / 111.195, 100);
      expect(vis.visible(t.lat_deg, t.lon_deg, 100)).toBe(true);
      expect(gate.beyond(t, share)).toBe(false);
    }
    for (const d_km of [55, 60, 300, 5000]) {
      const t = targetAt(d_km / 111.195 / Math.SQRT2, d_km / 111.195 / Math.SQRT2, 100);
      expect(gate.beyond(t, share)).toBe(true);
      expect(vis.visible(t.lat_deg, t.lon_deg, 100)).toBe(false);
    }
  });
});

const exampleFile = new URL("../../examples/salvo-saturation.yaml", import.meta.url).pathname;
/**
 * The salvo example with a SAM site and a search radar added in the map's far corners, 200–350 km
 * from the fight: its own sites see every flyer all the way (the flyers are launched at 7.6 km and
 * no site is more than 90 km from the target), the far ones only the high launches.
 */
const example = (() => {
  const doc = parseYamlText(readFileSync(exampleFile, "utf8"), exampleFile).data as {
    air_defence: { sites: unknown[]; search_radars: unknown[] };
  };
  doc.air_defence.sites.push({
    name: "far SAM",
    preset: "medium-range-sam",
    lat_deg: -29.9,
    lon_deg: -19.9,
    network: "iads",
  });
  doc.air_defence.search_radars.push({
    name: "far radar",
    lat_deg: -26.1,
    lon_deg: -16.1,
    network: "iads",
  });
  return salvoScenarioSchema.parse(doc);
})();

/** Fly the salvo example with the gate on or off; the network is handed back for its counters. */
function flyExample(gating: boolean, terrain: ElevationGrid | null) {
  const cache = new ViewshedCache();
  const plan = planSalvoForStudy(example, exampleFile, 1, terrain, cache);
  const nets: DefenceNetwork[] = [];
  const update = DefenceNetwork.prototype.update;
  const spy = vi.spyOn(DefenceNetwork.prototype, "update").mockImplementation(function (
    this: DefenceNetwork,
    ...args
  ) {
    if (!nets.includes(this)) nets.push(this);
    this.gating = gating;
    update.apply(this, args);
  });
  try {
    const w = flySalvoWorld(example, plan, cache, Rng.fromSeed(7).stream("gate"));
    return { world: JSON.stringify(w), net: nets[0] };
  } finally {
    spy.mockRestore();
  }
}

describe("the salvo example", async () => {
  const terrain = await terrainFromScenario(example, exampleFile);
  if (!terrain) throw new Error("the example has terrain");
  const on = flyExample(true, terrain);

  it("gated and ungated fly the same world, byte for byte", () => {
    const off = flyExample(false, terrain);
    expect(on.world).toBe(off.world);
    expect(on.net.stats.pairsGated).toBeGreaterThan(0);
    expect(off.net.stats.pairsGated).toBe(0);
    // Every pair is either evaluated or gated: the same total, fewer evaluated.
    expect(on.net.stats.pairsEvaluated + on.net.stats.pairsGated).toBe(
      off.net.stats.pairsEvaluated,
    );
    expect(on.world).toContain('"kind":"shot"');
  });

  it("the gate never closes on a cell a site sees, from every corner of the cell", () => {
    const cache = new ViewshedCache();
    const level = terrain.minHeight();
    const { nLat, nLon } = terrain;
    const sites = [
      ...on.net.params.sams.map((s) => ({ ...s, mast_m: s.params.radar.mast_m })),
      ...on.net.params.searchRadars.map((r) => ({ ...r, mast_m: r.radar.mast_m })),
    ];
    expect(sites.length).toBe(6);
    // Sines and cosines of the cells' corner rows and columns (±0.499 of a cell).
    const trig = (n: number, x0: number, dx: number, off: number) =>
      Array.from({ length: n }, (_, i) => (x0 + (i + off) * dx) * D2R);
    const rows = [-0.499, 0.499].map((o) => trig(nLat, terrain.lat0_deg, terrain.dLat_deg, o));
    const cols = [-0.499, 0.499].map((o) => trig(nLon, terrain.lon0_deg, terrain.dLon_deg, o));
    const t = targetAt(0, 0, 0);
    let gated = 0;
    let checked = 0;
    for (const s of sites) {
      const vis = new SiteVisibility(terrain, s.lat_deg, s.lon_deg, s.mast_m, cache);
      const gate = new HorizonGate(s.lat_deg, s.lon_deg, vis.antennaAlt_m, level, terrain);
      const shed = cache.get(terrain, s.lat_deg, s.lon_deg, s.mast_m);
      for (const r of rows) {
        for (let i = 0; i < nLat; i++) {
          t.sinLat = Math.sin(r[i]);
          t.cosLat = Math.cos(r[i]);
          for (const c of cols) {
            for (let j = 0; j < nLon; j++) {
              t.sinLon = Math.sin(c[j]);
              t.cosLon = Math.cos(c[j]);
              checked++;
              // Seen at its lowest visible height, so the gate must stay open there.
              if (gate.beyond(t, flyerHorizon_m(shed[i * nLon + j], level))) gated++;
            }
          }
        }
      }
    }
    expect(checked).toBe(4 * sites.length * nLat * nLon);
    expect(gated).toBe(0);
  });
});

/**
 * A flyer crossing the map on a straight line at constant height over flat sea-level ground, from
 * (lat0, lon0) eastwards at speed_mps, for duration_s; a kinematic stand-in for a missile.
 */
class LineFlyer implements WorldFlyer {
  ticks = 0;
  ended = false;
  killedBy: string | null = null;
  readonly events: ThreatEvent[] = [];
  readonly target: ThreatTarget;

  constructor(
    private readonly lat0_deg: number,
    private readonly lon0_deg: number,
    private readonly alt_m: number,
    private readonly speed_mps: number,
    private readonly maxTicks: number,
    private readonly tick_s: number,
  ) {
    this.target = targetAt(lat0_deg, lon0_deg, alt_m);
    this.target.vNed[1] = speed_mps;
  }

  integrate(): void {
    this.ticks++;
  }

  afterStep(): void {
    if (this.ticks >= this.maxTicks) this.ended = true;
  }

  fillThreatTarget(): void {
    const lon = this.lon0_deg + (this.speed_mps * this.ticks * this.tick_s) / 111_195;
    const t = targetAt(this.lat0_deg, lon, this.alt_m);
    Object.assign(this.target, { ...t, ecef: this.target.ecef, vNed: this.target.vNed });
    this.target.ecef.set(t.ecef);
  }

  threatEvent(e: ThreatEvent): void {
    this.events.push(e);
  }

  kill(by: string): void {
    this.killedBy = by;
    this.ended = true;
  }
}

/**
 * Eight flyers at 60–200 m crossing 500 km eastwards past a medium-range SAM and a search radar
 * on their line, with a long-range SAM and a second search radar 4° (445 km) to the north, far
 * beyond every flyer's horizon. Fire channels are few, so the sites saturate.
 */
function syntheticWorld(gating: boolean, seed: number) {
  const sam = SAM_PRESETS["medium-range-sam"];
  const far = SAM_PRESETS["long-range-sam"];
  const radar = { ...sam.radar, mast_m: 20, scan_s: 4 };
  const params: AirDefenceParams = {
    sams: [
      { name: "near", preset: "m", lat_deg: 0, lon_deg: 2.2, params: sam, network: "n" },
      { name: "far", preset: "l", lat_deg: 4, lon_deg: 2.2, params: far, network: "n" },
    ],
    searchRadars: [
      { name: "radar near", lat_deg: 0.1, lon_deg: 1.8, radar, network: "n" },
      { name: "radar far", lat_deg: -4, lon_deg: 2, radar, network: "n" },
    ],
    update_s: 0.5,
    latency_s: 2,
    rcs: constantRcs(0.1),
  };
  const tick_s = 0.1;
  const net = new DefenceNetwork(params, null, WGS84, Rng.fromSeed(seed), new ViewshedCache(), 0);
  net.gating = gating;
  const flyers = Array.from(
    { length: 8 },
    (_, i) => new LineFlyer(0.01 * (i - 4), 0, 60 + 20 * i, 250, 20_000, tick_s),
  );
  const entries: WorldEntry[] = flyers.map((f, i) => ({
    flyer: f,
    launchTick: 30 * i,
    netIndex: net.addFlyer(constantRcs(0.05 + 0.05 * i), i % 3 !== 2),
  }));
  // Count pairs per update: never more than due flyers × sites.
  const update = net.update.bind(net);
  let worst = 0;
  net.update = (t, targets, due, dt, out) => {
    const before = net.stats.pairsEvaluated + net.stats.pairsGated;
    let n = 0;
    for (let k = 0; k < due.length; k++) if (due[k] && net.alive(k)) n++;
    update(t, targets, due, dt, out);
    const pairs = net.stats.pairsEvaluated + net.stats.pairsGated - before;
    worst = Math.max(worst, pairs / Math.max(1, n * 4));
  };
  const log: NetworkEvent[] = [];
  flyWorld(entries, net, params.update_s, tick_s, log);
  const summaries = flyers.map((_, k) => net.summaryFor(k));
  return { net, worst, text: JSON.stringify([log, summaries, net.totals()]), log };
}

describe("a synthetic network with sites far beyond the horizon", () => {
  for (const seed of [1, 2, 3]) {
    it(`gated and ungated give the same log and summaries (seed ${seed})`, () => {
      const on = syntheticWorld(true, seed);
      const off = syntheticWorld(false, seed);
      expect(on.text).toBe(off.text);
      const kinds = new Set(on.log.map((e) => e.kind));
      for (const k of ["detected", "tracked", "track_lost", "shot", "cued"])
        expect(kinds).toContain(k);
      // The far SAM and the far radar never see a flyer: every one of their pairs is gated...
      expect(on.log.some((e) => e.site === "far" && e.kind !== "cued")).toBe(false);
      expect(on.net.stats.pairsGated).toBeGreaterThanOrEqual(on.net.stats.pairsEvaluated);
      // ...and no update looks at more than flyers × sites pairs.
      expect(on.worst).toBeLessThanOrEqual(1);
      expect(off.worst).toBe(1);
      expect(on.net.stats.pairsEvaluated + on.net.stats.pairsGated).toBe(
        off.net.stats.pairsEvaluated,
      );
    });
  }
});
