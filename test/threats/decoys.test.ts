/**
 * Decoys help only when the defence cannot tell them from missiles. n missiles and d decoys
 * (interleaved, all alike to the radar) circle one site with too few fire channels for the raid:
 * hand count as in saturation.test.ts, kills = c · ⌊(W − t₁)/T⌋ = 2 · ⌊24.5/10⌋ = 4 shots' worth.
 * - No decoys: 4 of 6 missiles are killed, 2 leak.
 * - 6 indistinguishable decoys: the site spends its channels on whichever flyer comes first, half
 *   of them decoys: 2 missiles killed, 4 leak.
 * - 6 decoys the defence can discriminate: it never fires at them; 4 missiles killed, 2 leak.
 * And with Pk = 0.5 over many seeds, the missiles' leak rate with indistinguishable decoys is
 * above the rate without (their Wilson intervals do not overlap), while discriminable decoys
 * leave it inside the no-decoy interval.
 */

import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { wilsonInterval } from "../../src/core/wilson.js";
import { WGS84 } from "../../src/earth/ellipsoid.js";
import { flyWorld, type WorldEntry } from "../../src/mission/world-loop.js";
import { ViewshedCache } from "../../src/terrain/site-visibility.js";
import { DefenceNetwork } from "../../src/threats/defence-network.js";
import { constantRcs } from "../../src/threats/rcs.js";
import type { SamSiteParams } from "../../src/threats/sam-site.js";
import { OrbitFlyer } from "./orbit-flyer.js";

const SITE: SamSiteParams = {
  name: "point defence",
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
  fire_channels: 2,
  salvo: 1,
  look_s: 0,
  cued_look_s: 1,
  doctrine: "shoot-shoot",
};

/** Missiles that leak (survive the window) out of n, with d decoys interleaved among them. */
function leaks(n: number, d: number, discriminable: boolean, pk: number, seed: number): number {
  const net = new DefenceNetwork(
    {
      sams: [
        {
          name: SITE.name,
          preset: "test",
          lat_deg: 0,
          lon_deg: 0,
          network: "n",
          params: { ...SITE, pk },
        },
      ],
      searchRadars: [],
      update_s: 0.5,
      rcs: constantRcs(0.05),
    },
    null,
    WGS84,
    Rng.fromSeed(seed),
    new ViewshedCache(),
    0,
  );
  const total = n + d;
  const missiles: OrbitFlyer[] = [];
  const entries: WorldEntry[] = [];
  // Interleaved: missile, decoy, missile, decoy, ... so neither kind is first in line.
  for (let i = 0, mi = 0, di = 0; i < total; i++) {
    const isDecoy = di < d && (mi >= n || i % 2 === 1);
    const f = new OrbitFlyer(9850, 1000, (2 * Math.PI * i) / total, 200, 25, 0.05);
    // Same RCS for both: only the discrimination flag can tell them apart.
    entries.push({
      flyer: f,
      launchTick: 0,
      netIndex: net.addFlyer(constantRcs(0.05), !(isDecoy && discriminable)),
    });
    if (isDecoy) di++;
    else {
      mi++;
      missiles.push(f);
    }
  }
  flyWorld(entries, net, 0.5, 0.05);
  return missiles.filter((f) => f.killedBy === null).length;
}

describe("decoys work only when the defence cannot tell", () => {
  it("deterministic: 2 leak without decoys, 4 with indistinguishable decoys, 2 with discriminable ones", () => {
    expect(leaks(6, 0, false, 1, 1)).toBe(2);
    expect(leaks(6, 6, false, 1, 1)).toBe(4);
    expect(leaks(6, 6, true, 1, 1)).toBe(2);
  });

  it("random kills: indistinguishable decoys raise the leak rate, discriminable ones do not", () => {
    const rate = (d: number, disc: boolean) => {
      let leaked = 0;
      let trials = 0;
      for (let seed = 1; seed <= 150; seed++) {
        leaked += leaks(6, d, disc, 0.5, seed);
        trials += 6;
      }
      return wilsonInterval(leaked, trials);
    };
    const none = rate(0, false);
    const alike = rate(6, false);
    const told = rate(6, true);
    expect(alike.lower).toBeGreaterThan(none.upper);
    expect(told.p).toBeGreaterThanOrEqual(none.lower);
    expect(told.p).toBeLessThanOrEqual(none.upper);
  });
});
