/** The launch-region and sweep job kinds: the command lines they become, and options they refuse. */

import { describe, expect, it } from "vitest";
import { jobKind, jobKindInfos } from "../../src/server/job-kinds.js";

describe("job kinds added after the merge", () => {
  it("lists lar and sweep for the page", () => {
    const names = jobKindInfos().map((k) => k.name);
    expect(names).toContain("lar");
    expect(names).toContain("sweep");
  });

  it("turns a sweep's options into the mc --sweep command line", () => {
    const k = jobKind("sweep");
    if (!k) throw new Error("sweep kind missing");
    const o = k.options.parse({ path: "decoys", values: [0, 2, 4], runs: 10, goal: 0.9 });
    expect(k.args("s.yaml", "/tmp/o", o)).toEqual([
      "mc",
      "s.yaml",
      "--out",
      "/tmp/o",
      "--json",
      "--sweep",
      "decoys=0,2,4",
      "--runs",
      "10",
      "--goal",
      "0.9",
    ]);
  });

  it("refuses a sweep path that could carry shell or option text, and too many values", () => {
    const k = jobKind("sweep");
    if (!k) throw new Error("sweep kind missing");
    expect(k.options.safeParse({ path: "a=b --out /etc" }).success).toBe(false);
    expect(k.options.safeParse({ values: Array.from({ length: 13 }, (_, i) => i) }).success).toBe(
      false,
    );
    expect(k.options.safeParse({ goal: 1 }).success).toBe(false);
  });

  it("runs lar with no options and refuses unknown ones", () => {
    const k = jobKind("lar");
    if (!k) throw new Error("lar kind missing");
    expect(k.args("m.yaml", "/tmp/l", k.options.parse({}))).toEqual([
      "lar",
      "m.yaml",
      "--out",
      "/tmp/l",
      "--json",
    ]);
    expect(k.options.safeParse({ cell_m: 1 }).success).toBe(false);
  });
});
