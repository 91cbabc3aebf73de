import { describe, expect, it } from "vitest";
import { isCi, toolMode } from "./system-tool.js";

describe("tests that need a system program", () => {
  it("run where it is installed, whatever CI says", () => {
    expect(toolMode("gdal", "apt-get install gdal-bin", true, { CI: "true" })).toBe("run");
  });

  it("skip with one install line on a developer's machine", () => {
    const lines: string[] = [];
    expect(toolMode("gdal", "apt-get install gdal-bin", false, {}, (l) => lines.push(l))).toBe(
      "skip",
    );
    expect(lines).toEqual([
      "tests skipped: gdal not found: install it with `apt-get install gdal-bin`",
    ]);
  });

  it("fail in CI, where skipping would hide that nothing was tested", () => {
    expect(() => toolMode("gdal", "apt-get install gdal-bin", false, { CI: "true" })).toThrow(
      /cannot run in CI .*apt-get install gdal-bin/,
    );
    expect(isCi({ CI: "1" })).toBe(true);
    expect(isCi({ CI: "false" })).toBe(false);
    expect(isCi({ CI: "0" })).toBe(false);
    expect(isCi({})).toBe(false);
  });
});
