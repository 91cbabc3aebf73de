/**
 * Saturation of a shared air defence, checked against hand calculations and closed forms:
 * - deterministic: one site, Pd = 1, Pk = 1, c fire channels, magazine m, shoot-shoot, n flyers
 *   circling the site at a constant range (a stream that stays in the envelope for a known time):
 *   kills = min(n, m, c · ⌊(W − t₁) / T⌋), with t₁ the first shot and T the time a channel is busy;
 * - independent shots: ample channels, Pk = p, k interceptors per target, one shot each: the
 *   fraction killed is 1 − (1 − p)^k within its 95 % Wilson interval.
 */

import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { wilsonInterval } from "../../src/core/wilson.js";
import { WGS84 } from "../../src/earth/ellipsoid.js";
import { flyWorld, type WorldEntry } from "../../src/mission/world-loop.js";
import { ViewshedCache } from "../../src/terrain/site-visibility.js";
import type { AirDefenceParams } from "../../src/threats/air-defence.js";
import { DefenceNetwork, type NetworkEvent } from "../../src/threats/defence-network.js";
import { constantRcs } from "../../src/threats/rcs.js";
import type { SamSiteParams } from "../../src/threats/sam-site.js";
import { OrbitFlyer } from "./orbit-flyer.js";

/** A site whose radar always detects (Pfa = 1 makes Pd = Pfa^(1/(1+SNR)) = 1 at any SNR). */
function site(over: Partial<SamSiteParams>): SamSiteParams {
  return {
    name: "test site",
    radar: {
      peak_power_w: 1e5,
      gain_db: 35,
      freq_hz: 9e9,
      bandwidth_hz: 1e6,
      noise_figure_db: 3,
      losses_db: 5,
      pfa: 1,
      scan_s: 1,
      mast_m: 10,
    },
    reaction_s: 0,
    interceptor_speed_mps: 1000,
    envelope: { min_range_m: 1000, max_range_m: 50_000, min_alt_m: 10, max_alt_m: 20_000 },
    pk: 1,
    magazine: 100,
    fire_channels: 3,
    salvo: 1,
    look_s: 0,
    cued_look_s: 1,
    doctrine: "shoot-shoot",
    ...over,
  };
}

const TICK_S = 0.05;
const UPDATE_S = 0.5;
/** Horizontal radius and height of the orbit: slant range √(9,850² + 1,000²) = 9,900.6 m. */
const RADIUS_M = 9850;
const HEIGHT_M = 1000;

/** n flyers circling one site for window_s; returns the network, flyers and log. */
function engage(p: SamSiteParams, n: number, window_s: number, seed = 1) {
  const params: AirDefenceParams = {
    sams: [{ name: p.name, preset: "test", lat_deg: 0, lon_deg: 0, params: p, network: "n" }],
    searchRadars: [],
    update_s: UPDATE_S,
    rcs: constantRcs(1),
  };
  const net = new DefenceNetwork(params, null, WGS84, Rng.fromSeed(seed), new ViewshedCache(), 0);
  const flyers = Array.from(
    { length: n },
    (_, i) => new OrbitFlyer(RADIUS_M, HEIGHT_M, (2 * Math.PI * i) / n, 200, window_s, TICK_S),
  );
  const entries: WorldEntry[] = flyers.map((f) => ({
    flyer: f,
    launchTick: 0,
    netIndex: net.addFlyer(constantRcs(1)),
  }));
  const log: NetworkEvent[] = [];
  flyWorld(entries, net, UPDATE_S, TICK_S, log);
  return { net, flyers, log, killed: flyers.filter((f) => f.killedBy !== null).length };
}

describe("a shared site saturates as counted by hand", () => {
  // Hand calculation. The first update (t = 0.05 s, the flyers' first step) detects every flyer;
  // the next (t = 0.5 s) has the fire solution: first shots at t₁ = 0.5 s. An interceptor flies
  // the 9,900.6 m slant range at 1,000 m/s (closing speed 0 on the orbit) in 9.90 s; its arrival
  // is assessed at the first update after it, 10.0 s later, when the kill frees the channel and it
  // fires again: T = 10 s. A kill counts while the flyer is still there (t ≤ W).
  const t1 = 0.5;
  const T = Math.ceil(9.9006 / UPDATE_S) * UPDATE_S;
  const hand = (n: number, c: number, m: number, W: number) =>
    Math.min(n, m, c * Math.floor((W - t1) / T));

  it("channels bound the kills: n = 20, c = 3, m = 100, W = 45 s → 3 · ⌊44.5/10⌋ = 12", () => {
    const r = engage(site({ fire_channels: 3 }), 20, 45);
    expect(hand(20, 3, 100, 45)).toBe(12);
    expect(r.killed).toBe(12);
    const t = r.net.totals()[0];
    expect(t.kills).toBe(12);
    expect(t.max_channels_busy).toBe(3);
    // At 40.5 s three more are fired; their targets leave at 45 s before they arrive: wasted.
    expect(t.shots).toBe(15);
    expect(t.wasted).toBe(3);
    expect(t.interceptors_left).toBe(85);
    // Targets waited for a channel from the first shot until they left.
    expect(t.saturated_s).toBeGreaterThan(40);
  });

  it("the magazine bounds the kills: c = 3, m = 10 → 10", () => {
    const r = engage(site({ fire_channels: 3, magazine: 10 }), 20, 45);
    expect(hand(20, 3, 10, 45)).toBe(10);
    expect(r.killed).toBe(10);
    expect(r.net.totals()[0].interceptors_left).toBe(0);
  });

  it("the raid size bounds the kills: n = 5, c = 3 → 5", () => {
    const r = engage(site({ fire_channels: 3 }), 5, 45);
    expect(hand(5, 3, 100, 45)).toBe(5);
    expect(r.killed).toBe(5);
    expect(r.net.totals()[0].saturated_s).toBeLessThan(15);
  });

  it("more channels, more kills: c = 5, W = 35 s → 5 · 3 = 15", () => {
    const r = engage(site({ fire_channels: 5 }), 20, 35);
    expect(hand(20, 5, 100, 35)).toBe(15);
    expect(r.killed).toBe(15);
  });

  it("a killed flyer's events name the site; the log holds every shot", () => {
    const r = engage(site({ fire_channels: 1 }), 2, 25);
    expect(r.killed).toBe(2);
    for (const f of r.flyers) {
      expect(f.killedBy).toBe("test site");
      expect(f.events.map((e) => e.kind)).toContain("killed");
    }
    expect(r.log.filter((e) => e.kind === "shot").length).toBe(2);
  });

  it("track capacity: a radar holding one track engages one flyer at a time", () => {
    const r = engage(site({ fire_channels: 3, track_capacity: 1 }), 20, 45);
    // One track: the other flyers' detections are refused until a kill frees it, so the site
    // never guides more than one interceptor at a time and kills at most ⌊(W − t₁)/T⌋ = 4.
    expect(r.net.totals()[0].max_channels_busy).toBe(1);
    expect(r.killed).toBeLessThanOrEqual(hand(20, 1, 100, 45));
    expect(r.killed).toBeGreaterThan(0);
    expect(r.net.totals()[0].tracks_refused).toBeGreaterThan(0);
  });
});

describe("independent shots follow 1 − (1 − p)^k", () => {
  for (const [p, k] of [
    [0.7, 1],
    [0.5, 2],
    [0.3, 3],
  ] as const) {
    it(`Pk = ${p}, ${k} interceptor${k > 1 ? "s" : ""} per target`, () => {
      // Ample channels: 16 flyers, 16 channels, one shoot-look-shoot salvo of k each; the look time
      // outlasts the window, so each flyer gets exactly one shot (fired 0.5 s, assessed 10.5 s).
      let killed = 0;
      let trials = 0;
      for (let seed = 1; seed <= 60; seed++) {
        const r = engage(
          site({
            pk: p,
            fire_channels: 16,
            salvo: k,
            doctrine: "shoot-look-shoot",
            look_s: 100,
          }),
          Math.floor(16 / k),
          15,
          seed,
        );
        killed += r.killed;
        trials += r.flyers.length;
        expect(r.net.totals()[0].shots).toBe(k * r.flyers.length);
      }
      const expected = 1 - (1 - p) ** k;
      const ci = wilsonInterval(killed, trials);
      expect(ci.lower).toBeLessThanOrEqual(expected);
      expect(ci.upper).toBeGreaterThanOrEqual(expected);
    });
  }
});
