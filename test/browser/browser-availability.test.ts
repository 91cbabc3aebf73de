import { describe, expect, it } from "vitest";
import { browserAvailability, missingBrowserMessage } from "./browser.js";

const none = () => false;
const only = (path: string) => (p: string) => p === path;

describe("browserAvailability (without a browser)", () => {
  it("runs the browser tests when Debian's chromium is there, in CI or not", () => {
    const exists = only("/usr/bin/chromium");
    expect(browserAvailability({}, exists)).toEqual({
      mode: "run",
      executable: "/usr/bin/chromium",
    });
    expect(browserAvailability({ CI: "true" }, exists).mode).toBe("run");
  });

  it("skips them with an install hint on a machine without it", () => {
    for (const CI of [undefined, "", "0", "false", "FALSE"]) {
      const a = browserAvailability({ CI }, none);
      expect(a.mode).toBe("skip");
      if (a.mode !== "run") expect(a.reason).toContain("apt-get install chromium");
    }
  });

  it("fails in CI when the browser is missing, so CI never passes by skipping", () => {
    for (const CI of ["true", "1", "TRUE", "yes"]) {
      const a = browserAvailability({ CI }, none);
      expect(a.mode).toBe("fail");
      if (a.mode !== "run") expect(a.reason).toContain("apt-get install chromium");
    }
  });

  it("uses STANDOFF_CHROMIUM instead of the Debian path when set", () => {
    const env = { STANDOFF_CHROMIUM: "/opt/chrome/chrome" };
    expect(browserAvailability(env, only("/opt/chrome/chrome"))).toEqual({
      mode: "run",
      executable: "/opt/chrome/chrome",
    });
    expect(browserAvailability(env, only("/usr/bin/chromium"))).toEqual({
      mode: "skip",
      reason: `browser tests skipped: ${missingBrowserMessage("/opt/chrome/chrome")}`,
    });
  });
});
