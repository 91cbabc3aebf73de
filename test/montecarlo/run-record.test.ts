import { describe, expect, it } from "vitest";
import {
  csvField,
  type McRun,
  navCsvHeader,
  navToCsv,
  RecordFormatError,
  runFromCsv,
  runsCsvHeader,
  runToCsv,
  splitCsvLine,
} from "../../src/montecarlo/run-record.js";
import { navPointsFor } from "../../src/montecarlo/runner.js";

const NAV = { count: 4, step_s: 10 };

const RUN: McRun = {
  index: 7,
  seed: 9007199254740991,
  status: "killed",
  outcome: "killed",
  phaseEnd: "midcourse",
  reached: 1,
  killedBy: 'SAM "north", ridge',
  miss_m: null,
  impactNorth_m: null,
  impactEast_m: null,
  endLat_deg: -28.123456789012344,
  endLon_deg: -17.5,
  aimLat_deg: -28.2,
  aimLon_deg: -17,
  flightTime_s: 812.25,
  tot_s: null,
  pDamage: 0,
  damageFromScenario: false,
  navErrH_m: 1.2345678901234567,
  navErrV_m: 0,
  gnssOutage_s: 12,
  fuelLeft_kg: 40.5,
  params: [100.12345678901235, -0],
  navH: [0, 1.23456, 2, null],
  navV: [0.5, 0.25, 1e-7, null],
};

describe("run records in CSV", () => {
  it("quote fields with commas and quotes (RFC 4180) and split them back", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(splitCsvLine('1,"a ""b"", c",,x,')).toEqual(["1", 'a "b", c', "", "x", ""]);
    expect(() => splitCsvLine('"open')).toThrow(RangeError);
  });

  it("round-trip to their canonical form: 12 digits, 4 for navigation points, nulls empty", () => {
    const line = runToCsv(RUN);
    const nav = navToCsv(RUN);
    expect(line.split(",").length).toBeGreaterThan(20);
    expect(line).not.toMatch(/NaN|null|undefined/);
    const back = runFromCsv(line, nav, 2, NAV);
    expect(back).toEqual({
      ...RUN,
      endLat_deg: -28.123456789,
      navErrH_m: 1.23456789012,
      params: [100.123456789, 0],
      navH: [0, 1.235, 2, null],
    });
    // Canonical: a second trip changes nothing.
    expect(runToCsv(back)).toBe(line);
    expect(navToCsv(back)).toBe(nav);
  });

  it("name the column of a malformed line", () => {
    const cells = splitCsvLine(runToCsv(RUN));
    cells[14] = "fast";
    expect(() => runFromCsv(cells.map(csvField).join(","), navToCsv(RUN), 2, NAV)).toThrow(
      new RecordFormatError('flight_time_s: expected a number, got "fast"'),
    );
    expect(() => runFromCsv(runToCsv(RUN), navToCsv(RUN), 3, NAV)).toThrow(
      /expected 25 columns, got 24/,
    );
    expect(() => runFromCsv(runToCsv(RUN), navToCsv({ ...RUN, index: 8 }), 2, NAV)).toThrow(
      /run 8 where runs.csv has run 7/,
    );
  });

  it("have headers naming every column", () => {
    expect(runsCsvHeader(["launch.heading_deg", "a,b"]).split(",").slice(-3)).toEqual([
      "launch.heading_deg",
      '"a',
      'b"',
    ]);
    expect(navCsvHeader(NAV)).toBe("run,h_0,h_10,h_20,h_30,v_0,v_10,v_20,v_30");
  });
});

describe("navigation time points", () => {
  it("cover 1.25× the nominal flight at a round step, at most 51 points", () => {
    expect(navPointsFor(1670, 1)).toEqual({ count: 42, step_s: 50 });
    expect(navPointsFor(4000, 1)).toEqual({ count: 51, step_s: 100 });
    expect(navPointsFor(142, 1)).toEqual({ count: 36, step_s: 5 });
    expect(navPointsFor(8, 1)).toEqual({ count: 11, step_s: 1 });
    expect(navPointsFor(0, 1)).toEqual({ count: 2, step_s: 1 });
  });
});
