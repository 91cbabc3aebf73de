/**
 * Moving and uncertain targets against closed forms (docs/targets.md):
 * - a fixed target with a circular normal location error σ and a seeker that acquires whatever
 *   lies in its search footprint of radius R: P(acquire) = 1 − exp(−R²/2σ²) (the Rayleigh
 *   distribution of the radial error), within the Monte Carlo's 95 % interval, for three R/σ;
 * - a target moving in a straight line at v, aimed at its last known position, no updates: it is
 *   acquired iff its displacement v·t at the search is less than R;
 * - with updates every Δt and no latency or error, the believed position at acquisition is at
 *   most v·Δt from the truth; with the link jammed, the flight is the flight without updates.
 */

import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../../src/core/wilson.js";
import { fly } from "./scenarios.js";

describe("location error against the search footprint", () => {
  const sigma = 100;
  const runs = 120;
  for (const radius of [100, 150, 250]) {
    it(`P(acquire) matches 1 − exp(−R²/2σ²) for R/σ = ${radius / sigma}`, () => {
      let hits = 0;
      for (let seed = 1; seed <= runs; seed++) {
        const r = fly({
          seed,
          target: `  location_error: { sigma_m: ${sigma} }`,
          seeker: `{ contrast: high, overrides: { fov_deg: 20, acquisition_scale: 2 }, search: { pattern: scan, radius_m: ${radius} } }`,
        });
        const t = r.summary.target;
        expect(t).toBeDefined();
        if (t?.acquired) hits++;
        // Acquisition only inside the footprint: the believed error at lock is at most R.
        if (t?.acquisition) expect(t.acquisition.believed_error_m).toBeLessThanOrEqual(radius);
      }
      const expected = 1 - Math.exp(-(radius * radius) / (2 * sigma * sigma));
      const ci = wilsonInterval(hits, runs, 0.95);
      if (process.env.SHOW)
        console.log(
          `R/σ ${radius / sigma}: ${hits}/${runs}, closed form ${expected.toFixed(3)}, 95 % [${ci.lower.toFixed(3)}, ${ci.upper.toFixed(3)}]`,
        );
      expect(expected).toBeGreaterThanOrEqual(ci.lower);
      expect(expected).toBeLessThanOrEqual(ci.upper);
    }, 60_000);
  }
});

describe("a target moving in a straight line, no updates", () => {
  const R = 300;
  // The search happens about 70 s after release (measured below); the target moves north.
  const moving = (v: number) => `  motion: { kind: moving, path: [[10.2, 40.2]], speed_mps: ${v} }`;
  it("is acquired when v·t < R and not when v·t > R", () => {
    const probe = fly({ target: moving(1) });
    const tAcq = probe.summary.target?.acquisition?.t_s;
    expect(tAcq).toBeDefined();
    const t = tAcq as number;
    const slow = fly({ target: moving((0.7 * R) / t) });
    const fast = fly({ target: moving((1.3 * R) / t) });
    expect(slow.summary.target?.acquired).toBe(true);
    expect(fast.summary.target?.acquired).toBe(false);
    expect(fast.events.some((e) => e.kind === "target_not_acquired")).toBe(true);
    // Flying to the aimpoint, the impact misses the moved target by about its displacement.
    const fastMiss = fast.summary.target?.miss_m as number;
    const tEnd = fast.summary.flight_time_s;
    expect(Math.abs(fastMiss - (1.3 * R * tEnd) / t)).toBeLessThan(5);
  }, 30_000);
});

describe("in-flight updates", () => {
  const v = 10;
  const dt = 10;
  const target = (jammed: boolean, updates: boolean) =>
    [
      `  motion: { kind: moving, path: [[10.2, 40.2]], speed_mps: ${v} }`,
      ...(updates
        ? [
            "  updates:",
            `    interval_s: ${dt}`,
            "    link:",
            "      { lat_deg: 10.0, lon_deg: 39.5, alt_m: 9000, eirp_dbw: 20, js_tolerance_db: 20,",
            `        jammers: [${jammed ? "{ name: 'notional link jammer', lat_deg: 10.0, lon_deg: 40.1, eirp_dbw: 50 }" : ""}] }`,
          ]
        : []),
    ].join("\n");

  it("keep the believed error at acquisition within v·Δt (no latency, no update error)", () => {
    const r = fly({ target: target(false, true) });
    const t = r.summary.target;
    expect(t?.updates_received).toBeGreaterThan(3);
    expect(t?.acquired).toBe(true);
    const err = t?.acquisition?.believed_error_m as number;
    expect(err).toBeLessThanOrEqual(v * dt + 1e-6);
    expect(r.events.filter((e) => e.kind === "target_update").length).toBe(t?.updates_received);
  }, 30_000);

  it("with the link jammed, the flight is the flight without updates", () => {
    const none = fly({ target: target(false, false) });
    const jammed = fly({ target: target(true, true) });
    const tj = jammed.summary.target;
    expect(tj?.updates_received).toBe(0);
    expect(tj?.updates_lost).toBeGreaterThan(3);
    expect(jammed.events.some((e) => e.kind === "target_update_lost")).toBe(true);
    expect(tj?.acquired).toBe(none.summary.target?.acquired);
    expect(tj?.believed_error_m).toBe(none.summary.target?.believed_error_m);
    expect(tj?.miss_m).toBe(none.summary.target?.miss_m);
    // Without updates this target has moved ~700 m by the search: beyond the 300 m footprint.
    expect(none.summary.target?.acquired).toBe(false);
  }, 30_000);
});
