import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import {
  type CarletonParams,
  CEP_PER_SIGMA,
  carletonDamage,
  cumulativeDamage,
  damageAtImpact,
  expectedDamageCircular,
  expectedDamageNormal,
  lethalArea_m2,
  NOTIONAL_LETHAL_RADII,
  sigmaFromCep,
} from "../../src/effects/damage.js";

/** Monte Carlo mean of the damage function over a normal impact distribution, and its std error. */
function monteCarlo(
  p: CarletonParams,
  sx: number,
  sy: number,
  mx: number,
  my: number,
  n: number,
  seed: number,
): { mean: number; se: number } {
  const rng = Rng.fromSeed(seed).stream("effects");
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const v = carletonDamage(p, mx + sx * rng.normal(), my + sy * rng.normal());
    s += v;
    s2 += v * v;
  }
  const mean = s / n;
  return { mean, se: Math.sqrt((s2 / n - mean * mean) / n) };
}

describe("Carleton damage function", () => {
  it("peaks at D0 and falls to D0·e^(−D0) at one lethal radius", () => {
    const p: CarletonParams = { rx_m: 10, ry_m: 5, d0: 0.8 };
    expect(carletonDamage(p, 0, 0)).toBe(0.8);
    expect(carletonDamage(p, 10, 0)).toBeCloseTo(0.8 * Math.exp(-0.8), 14);
    expect(carletonDamage(p, 0, 5)).toBeCloseTo(0.8 * Math.exp(-0.8), 14);
    expect(carletonDamage(p, 3, 2)).toBeCloseTo(carletonDamage(p, -3, -2), 15);
  });

  it("integrates to the lethal area π·Rx·Ry whatever D0", () => {
    for (const d0 of [1, 0.8, 0.5]) {
      const p: CarletonParams = { rx_m: 12, ry_m: 7, d0 };
      const h = 0.1;
      let sum = 0;
      for (let x = -120; x <= 120; x += h)
        for (let y = -70; y <= 70; y += h) sum += carletonDamage(p, x, y);
      expect(sum * h * h).toBeCloseTo(lethalArea_m2(p), 1);
    }
  });

  it("rotates an impact offset into down-range and cross-range", () => {
    const p: CarletonParams = { rx_m: 20, ry_m: 5, d0: 1 };
    // Heading east: an offset 10 m east is 10 m down-range.
    expect(damageAtImpact(p, 0, 10, Math.PI / 2)).toBeCloseTo(carletonDamage(p, 10, 0), 14);
    expect(damageAtImpact(p, 10, 0, Math.PI / 2)).toBeCloseTo(carletonDamage(p, 0, 10), 14);
  });

  it("orders the notional target classes by lethal area", () => {
    const areas = Object.values(NOTIONAL_LETHAL_RADII).map(lethalArea_m2);
    for (let i = 1; i < areas.length; i++) expect(areas[i]).toBeLessThan(areas[i - 1]);
  });
});

describe("expected damage under a normal miss distribution", () => {
  it("reduces to R²/(R² + 2σ²) for a circular function and miss", () => {
    const p: CarletonParams = { rx_m: 10, ry_m: 10, d0: 1 };
    for (const s of [0, 1, 5, 10, 30]) {
      expect(expectedDamageCircular(p, s)).toBeCloseTo(100 / (100 + 2 * s * s), 14);
    }
  });

  it("matches a seeded Monte Carlo, circular and elliptical, centred and biased", () => {
    const cases: [CarletonParams, number, number, number, number][] = [
      [NOTIONAL_LETHAL_RADII["light-structure"], 6, 6, 0, 0],
      [NOTIONAL_LETHAL_RADII["hardened-shelter"], sigmaFromCep(3), sigmaFromCep(3), 0, 0],
      [NOTIONAL_LETHAL_RADII["buried-bunker"], 2, 3, 1.5, -1],
      [NOTIONAL_LETHAL_RADII["soft-area"], 25, 10, 10, 5],
    ];
    let seed = 1;
    for (const [p, sx, sy, mx, my] of cases) {
      const exact = expectedDamageNormal(p, sx, sy, mx, my);
      const mc = monteCarlo(p, sx, sy, mx, my, 200_000, seed++);
      expect(Math.abs(mc.mean - exact)).toBeLessThan(4 * mc.se);
      expect(Math.abs(mc.mean - exact) / exact).toBeLessThan(0.01);
    }
  });

  it("CEP and σ are related by √(2 ln 2), and P falls as CEP grows", () => {
    expect(CEP_PER_SIGMA).toBeCloseTo(1.17741, 5);
    const rng = Rng.fromSeed(7).stream("cep");
    const sigma = 4;
    const n = 200_000;
    let inside = 0;
    for (let i = 0; i < n; i++) {
      const x = sigma * rng.normal();
      const y = sigma * rng.normal();
      if (Math.hypot(x, y) <= CEP_PER_SIGMA * sigma) inside++;
    }
    expect(inside / n).toBeCloseTo(0.5, 2);
    const p = NOTIONAL_LETHAL_RADII["heavy-structure"];
    let last = 1;
    for (const cep of [1, 3, 10, 30]) {
      const v = expectedDamageCircular(p, sigmaFromCep(cep));
      expect(v).toBeLessThan(last);
      last = v;
    }
  });

  it("combines independent impacts", () => {
    expect(cumulativeDamage([0.5, 0.5])).toBeCloseTo(0.75, 15);
    expect(cumulativeDamage(new Float64Array([0.2, 0.3, 0]))).toBeCloseTo(1 - 0.8 * 0.7, 15);
    expect(cumulativeDamage([])).toBe(0);
  });
});
