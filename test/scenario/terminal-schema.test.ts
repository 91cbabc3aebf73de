import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import {
  damageFromScenario,
  seekerParamsFromScenario,
  weatherFromScenario,
} from "../../src/engine/terminal-params.js";
import { parseScenarioText } from "../../src/scenario/load.js";
import { ScenarioError } from "../../src/scenario/problems.js";

const base = parse(
  readFileSync(new URL("../../examples/strike-b-seeker.yaml", import.meta.url), "utf8"),
) as Record<string, unknown>;

/** The problems a terminal block gives, as text. */
function problems(terminal: unknown): string {
  const s = structuredClone(base);
  s.terminal = terminal;
  try {
    parseScenarioText(stringify(s), "t.yaml");
    return "";
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    return e.message;
  }
}

describe("the terminal block", () => {
  it("names the field and the problem", () => {
    expect(problems({ weather: { visibility_km: -1 } })).toMatch(
      /terminal\.weather\.visibility_km/,
    );
    expect(problems({ seeker: { contrast: "extreme" } })).toMatch(/terminal\.seeker\.contrast/);
    expect(problems({ law: "pursuit" })).toMatch(/terminal\.law/);
    expect(problems({ target_class: "castle" })).toMatch(/terminal\.target_class/);
    expect(problems({ seeker: { overrides: { fov_deg: 0 } } })).toMatch(
      /terminal\.seeker\.overrides\.fov_deg/,
    );
    expect(problems({ law: "pn" })).toBe("");
  });

  it("turns into SI weather, seeker parameters and a damage function", () => {
    const w = weatherFromScenario({
      law: "impact_angle",
      weather: { visibility_km: 0.5, rain_mmph: 2, fog_type: "advection", cloud_base_m: 800 },
    });
    expect(w.visibility_m).toBe(500);
    expect(w.cloudTop_m).toBe(1800);
    expect(weatherFromScenario(undefined).cloudBase_m).toBe(Number.POSITIVE_INFINITY);
    const p = seekerParamsFromScenario({
      law: "impact_angle",
      seeker: {
        preset: "jassm-class-iir",
        contrast: "high",
        night: false,
        overrides: { noise_mrad: 0.5, acquisition_scale: 0.5 },
      },
    });
    expect(p?.noise_rad).toBeCloseTo(5e-4, 12);
    expect(p?.acqRange_m.high.day_m).toBe(2750);
    expect(seekerParamsFromScenario({ law: "pn" })).toBeNull();
    expect(damageFromScenario({ law: "pn", target_class: "buried-bunker" })?.rx_m).toBe(2.5);
  });
});
