import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SampleTable } from "../../src/core/sample-table.js";
import { MAX_OUTPUT_POINTS } from "../../src/core/thin-samples.js";
import { BODY_COLUMNS } from "../../src/dynamics/body-observer.js";
import {
  type BodyReportInput,
  bodyChartData,
  renderBodyReport,
} from "../../src/report/body-report.js";
import { describeBrowser, launchBrowser, openReport } from "../browser/browser.js";

const EVIL = "</script><img src=x onerror=alert(1)>";

/** n samples of a store falling from 7,620 m with every body column, 0.1 s apart. */
function body(n: number, atmosphere = true): BodyReportInput {
  const samples = new SampleTable(BODY_COLUMNS, n);
  for (let i = 0; i < n; i++) {
    const t = i * 0.1;
    const row = BODY_COLUMNS.map((c) => {
      switch (c) {
        case "t_s":
          return t;
        case "alt_m":
          return 7620 - 4.9 * t * t;
        case "vn_mps":
          return 3;
        case "ve_mps":
          return 4;
        case "vd_mps":
          return 0;
        case "mach":
          return atmosphere ? 0.7 + 0.001 * i : 0;
        case "q_dps":
          return Math.sin(t);
        default:
          return 0.5;
      }
    });
    samples.push(row);
  }
  return {
    title: `Store ${EVIL}`,
    scenarioFile: 'stores/"odd" & <name>.yaml',
    generator: "standoff 0.2.0",
    samples,
    events: [{ t_s: 40.9, kind: "ground_impact", message: `impact ${EVIL}` }],
    summary: [
      { label: "flight time", value: 40.9, unit: "s" },
      { label: "outcome <b>", value: "ground_impact" },
    ],
    limitations: [`A generic rigid body ${EVIL}`],
    atmosphere,
  };
}

describe("renderBodyReport", () => {
  it("charts altitude, speed, Mach, body rates, attitude and aerodynamic angles", () => {
    const d = bodyChartData(body(100));
    expect(d.charts.map((c) => c.id)).toEqual([
      "chart-altitude",
      "chart-speed",
      "chart-mach",
      "chart-rates",
      "chart-attitude",
      "chart-aero-angles",
    ]);
    const speed = d.charts.find((c) => c.id === "chart-speed");
    expect(speed?.series.map((s) => s.label)).toEqual([
      "Earth-relative (m/s)",
      "true airspeed (m/s)",
    ]);
    // |(3, 4, 0)| = 5 m/s, from the NED columns.
    expect(speed?.series[0].values[0]).toBe(5);
    const alt = d.charts[0].series[0].values;
    expect(alt[0]).toBe(7620);
    expect(d.t).toHaveLength(100);
    for (const c of d.charts) for (const s of c.series) expect(s.values).toHaveLength(100);
  });

  it("leaves out what an airless run cannot have: Mach, airspeed, α and β", () => {
    const d = bodyChartData(body(50, false));
    expect(d.charts.map((c) => c.id)).toEqual([
      "chart-altitude",
      "chart-speed",
      "chart-rates",
      "chart-attitude",
    ]);
    expect(d.charts[1].series.map((s) => s.label)).toEqual(["Earth-relative (m/s)"]);
  });

  it("charts only the columns present", () => {
    const samples = new SampleTable(["t_s", "alt_m"], 3);
    for (let i = 0; i < 3; i++) samples.push([i, 100 - i]);
    const d = bodyChartData({ ...body(1), samples });
    expect(d.charts.map((c) => c.id)).toEqual(["chart-altitude"]);
  });

  it("thins a long run to the output budget", () => {
    const d = bodyChartData(body(3 * MAX_OUTPUT_POINTS));
    expect(d.t.length).toBeLessThanOrEqual(MAX_OUTPUT_POINTS + 2);
    expect(d.t[0]).toBe(0);
    expect(d.t.at(-1)).toBeCloseTo((3 * MAX_OUTPUT_POINTS - 1) * 0.1, 6);
  });

  it("is one self-contained page with the summary, events and limitations, markup escaped", () => {
    const html = renderBodyReport(body(200));
    expect(html).toContain("Content-Security-Policy");
    expect(html).not.toMatch(/\b(src|href|action)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;/script&gt;&lt;img");
    for (const h of ["Summary", "Flight", "Events", "Limitations"]) {
      expect(html).toContain(`<h2>${h}</h2>`);
    }
    expect(html).toContain('id="chart-rates"');
    expect(html).toContain("ground_impact");
    expect(html).toContain("A generic rigid body");
    // The only script element ends are ours: data, uPlot, the chart script.
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    expect(html).not.toMatch(/NaN|Infinity/);
  });

  it("says there is nothing to chart when no sample was recorded", () => {
    const html = renderBodyReport({ ...body(1), samples: new SampleTable(BODY_COLUMNS, 1) });
    expect(html).toContain("No samples were recorded");
    expect(html).not.toContain('class="chart"');
  });
});

const dir = mkdtempSync(join(tmpdir(), "standoff-body-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeBrowser("body report in a real browser", () => {
  it("renders its six charts from file:// with no network and no console errors", async () => {
    const file = join(dir, "report.html");
    writeFileSync(file, renderBodyReport(body(2000)));
    const browser = await launchBrowser();
    try {
      const { page, errors, requests } = await openReport(browser, file, 6);
      const titles = await page.locator(".uplot .u-title").allTextContents();
      expect(titles).toEqual([
        "Altitude",
        "Speed",
        "Mach number",
        "Body rates",
        "Attitude (3-2-1 Euler angles to local NED)",
        "Angle of attack and sideslip",
      ]);
      expect(errors).toEqual([]);
      for (const url of requests) expect(url).toMatch(/^(file|data):/);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

describe("the body report's summary", () => {
  it("shows heights to the centimetre: an impact at −9.3e-10 m reads 0, not an exponent", async () => {
    const { bodySummaryItems } = await import("../../src/io/run-outputs.js");
    const items = bodySummaryItems(
      {
        name: "store",
        status: "ground_impact",
        message: "reached the ground",
        flight_time_s: 40.9,
        samples: 410,
        final: { lat_deg: 30, lon_deg: -40, alt_m: -9.31e-10, speed_mps: 403.7, mach: 1.18 },
        max_mach: 1.18,
        min_alt_m: -9.31e-10,
        max_alt_m: 7620.0000001,
      } as never,
      true,
    );
    const value = (label: string) => items.find((i) => i.label === label)?.value;
    expect(value("height at the end")).toBe(0);
    expect(value("lowest height")).toBe(0);
    expect(value("highest height")).toBe(7620);
  });
});
