/**
 * The salvo example end to end: four route-less missiles from two aircraft onto two aimpoints,
 * planned, timed and flown; the simulated time-on-target spread must stay inside the window.
 */

import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { main } from "../../src/cli/main.js";
import { captureOutput } from "../../src/cli/output.js";
import { pointInPolygon } from "../../src/earth/polygon.js";

const tmp = mkdtempSync(join(tmpdir(), "standoff-salvo-"));
const file = new URL("../../examples/salvo-tot.yaml", import.meta.url).pathname;
const scenario = parse(readFileSync(file, "utf8")) as {
  aircraft: { name: string; min_interval_s: number }[];
  planning: { no_fly: { polygon: [number, number][] }[] };
  arrival: { window_s: number };
};

interface SalvoRow {
  name: string;
  aircraft: string;
  folder: string;
  launch_s: number;
  stretch_m: number;
  planned_tot_s: number;
  simulated_tot_s: number | null;
  outcome: string;
  miss_m: number | null;
}

describe("standoff run on the salvo example", async () => {
  const out = join(tmp, "salvo");
  const io = captureOutput();
  const code = await main(["run", file, "--out", out, "--sample-dt", "1"], io);
  const doc = JSON.parse(readFileSync(join(out, "salvo.json"), "utf8"));
  const rows: SalvoRow[] = doc.missiles;

  it("flies every missile, prints the table and writes a folder per missile", () => {
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    const text = io.stdout.join("\n");
    for (const k of ["planned TOT s", "simulated TOT s", "simulated TOT spread"])
      expect(text).toContain(k);
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      expect(text).toContain(r.name);
      expect(r.outcome).toBe("ground_impact");
      expect(r.miss_m ?? 1e9).toBeLessThan(20);
      expect(existsSync(join(out, r.folder, "summary.json"))).toBe(true);
    }
  });

  it("keeps the simulated time-on-target spread of the 4-missile salvo inside the window", () => {
    const tots = rows.map((r) => r.simulated_tot_s as number);
    const spread = Math.max(...tots) - Math.min(...tots);
    console.log(
      `salvo example: window ${doc.window.open_s}–${doc.window.close_s} s; planned TOTs ${rows.map((r) => r.planned_tot_s).join(", ")} s; simulated ${tots.join(", ")} s; spread ${spread.toFixed(1)} s; launches ${rows.map((r) => r.launch_s).join(", ")} s; stretches ${rows.map((r) => r.stretch_m).join(", ")} m`,
    );
    expect(doc.arrived).toBe(4);
    expect(spread).toBeCloseTo(doc.simulated_tot_spread_s, 1);
    expect(spread).toBeLessThanOrEqual(scenario.arrival.window_s);
    for (const t of tots) {
      expect(t).toBeGreaterThanOrEqual(doc.window.open_s);
      expect(t).toBeLessThanOrEqual(doc.window.close_s);
    }
    expect(doc.all_arrivals_inside_window).toBe(true);
  });

  it("releases each aircraft's missiles at least its interval apart, stretching when it must", () => {
    for (const ac of scenario.aircraft) {
      const ls = rows
        .filter((r) => r.aircraft === ac.name)
        .map((r) => r.launch_s)
        .sort((a, b) => a - b);
      for (let i = 1; i < ls.length; i++)
        expect(ls[i] - ls[i - 1]).toBeGreaterThanOrEqual(ac.min_interval_s - 0.01);
    }
    // Viper 2's 90 s interval cannot fit its two flights in 30 s by launch times alone.
    expect(rows.some((r) => r.stretch_m > 0)).toBe(true);
  });

  it("keeps every flown track out of the no-fly area", () => {
    const polygon = scenario.planning.no_fly[0].polygon;
    for (const r of rows) {
      const csv = readFileSync(join(out, r.folder, "trajectory.csv"), "utf8").split("\n");
      const head = csv[0].split(",");
      const iLat = head.indexOf("lat_deg");
      const iLon = head.indexOf("lon_deg");
      for (const line of csv.slice(1)) {
        if (!line) continue;
        const f = line.split(",");
        expect(pointInPolygon(Number(f[iLat]), Number(f[iLon]), polygon)).toBe(false);
      }
    }
  });
});
