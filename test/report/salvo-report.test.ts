/** The salvo page from plain data: tracks grouped by fate in the legend, timelines, tables, no NaN. */

import { describe, expect, it } from "vitest";
import { renderSalvoReport, type SalvoReportData } from "../../src/report/salvo-report.js";
import { renderTerrainMap } from "../../src/report/terrain-map.js";

const track = (lon0: number) => ({
  lat_deg: [10, 10.1, 10.2],
  lon_deg: [lon0, lon0 + 0.1, lon0 + 0.2],
});

describe("salvo report", () => {
  it("gives tracks of one fate one legend row, each keeping its own tooltip", () => {
    const svg = renderTerrainMap({
      terrain: null,
      track: { lat_deg: [], lon_deg: [] },
      sites: [],
      events: [],
      points: [],
      extraTracks: [
        { label: "M1 (missile): killed", legend: "killed", color: "#d55e00", ...track(20) },
        { label: "M2 (missile): killed", legend: "killed", color: "#d55e00", ...track(20.05) },
        { label: "M3 (missile): arrived", legend: "arrived", color: "#009e73", ...track(20.1) },
      ],
    });
    const legend = svg.slice(svg.indexOf('<g class="legend"'));
    expect(legend.match(/>killed</g)?.length).toBe(1);
    expect(legend.match(/>arrived</g)?.length).toBe(1);
    expect(svg).toContain("<title>M2 (missile): killed</title>");
  });

  it("draws a two-panel timeline per site and a row per flyer and site", () => {
    const d: SalvoReportData = {
      title: "Test <salvo>",
      generator: "standoff test",
      scenarioFile: "x.yaml",
      map: null,
      targetMap: null,
      flyers: [
        {
          name: "M1",
          kind: "missile",
          launch_s: 0,
          fate: "killed",
          by: "A",
          at_s: 50,
          shots: 2,
          outcome: "killed",
        },
        {
          name: "D1",
          kind: "decoy",
          launch_s: 5,
          fate: "decoy",
          by: null,
          at_s: 90,
          shots: 0,
          outcome: "ground_impact",
        },
      ],
      sites: [
        {
          name: "A",
          preset: "short-range-sam",
          fire_channels: 2,
          magazine: 4,
          shots: 2,
          kills: 1,
          wasted: 0,
          interceptors_left: 2,
          saturated_s: 0,
          max_channels_busy: 2,
          timeline: {
            t_s: [0, 40, 50, 50],
            busy: [0, 2, 1, 0],
            left: [4, 2, 2, 2],
            ready: [2, 0, 0, 0],
          },
        },
      ],
      end_s: 90,
      limitations: ["notional"],
    };
    const html = renderSalvoReport(d);
    expect(html).toContain("Test &lt;salvo&gt;");
    expect(html.match(/class="site-timeline"/g)?.length).toBe(1);
    expect(html).toContain('class="busy"');
    expect(html).toContain('class="left"');
    // Two of the four in reserve: the ready rounds drawn apart from those left.
    expect(html).toContain('class="ready"');
    expect(html.match(/<tr><td>/g)?.length).toBe(3);
    expect(html).toContain("A at 50.0 s");
    expect(html).not.toContain("NaN");
    // Nothing fired before 40 s: the charts start just before it.
    expect(html).toContain("The charts start at 36 s");
  });
});
