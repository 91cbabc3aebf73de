import { describe, expect, it } from "vitest";
import {
  ATM_P,
  ATM_RHO,
  ATM_T,
  atmosphere,
  atmosphereAt,
  createAtmosphereBuffer,
  geometricAltitude,
  geopotentialAltitude,
  isAltitudeInAtmosphere,
} from "../../src/earth/atmosphere.js";

/**
 * U.S. Standard Atmosphere, 1976 (NOAA-S/T 76-1562) at the layer bases, by geopotential altitude:
 * values as recomputed from the standard's defining constants in the project's shared reference
 * note (public-figures.md §2a), whose base pressures agree to every printed digit with the 1976
 * values reproduced in NASA OpenMDAO/Aviary's atmosphere tests.
 * Columns: H (m′), T_M (K), p (Pa), ρ (kg/m³), a (m/s).
 */
const LAYER_BASES: ReadonlyArray<readonly [number, number, number, number, number]> = [
  [0, 288.15, 101325.0, 1.225, 340.294],
  [1000, 281.65, 89874.57, 1.11164, 336.434],
  [5000, 255.65, 54019.91, 0.736115, 320.53],
  [11000, 216.65, 22632.06, 0.363918, 295.07],
  [20000, 216.65, 5474.889, 0.0880348, 295.07],
  [32000, 228.65, 868.0187, 0.013225, 303.131],
  [47000, 270.65, 110.9063, 1.42753e-3, 329.799],
  [51000, 270.65, 66.93887, 8.61605e-4, 329.799],
  [71000, 214.65, 3.95642, 6.4211e-5, 293.704],
  [84852, 186.946, 0.3733836, 6.95788e-6, 274.096],
];

/** Published 1976 density table by geometric altitude (Z, km → ρ), 5 significant figures. */
const GEOMETRIC_DENSITY: ReadonlyArray<readonly [number, number]> = [
  [0, 1.225],
  [5000, 0.73643],
  [10000, 0.41351],
  [15000, 0.19476],
  [20000, 0.08891],
];

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("U.S. Standard Atmosphere 1976", () => {
  it("matches the layer-base values at 10 altitudes to 1e-5 (printed digits)", () => {
    for (const [H, T, p, rho, a] of LAYER_BASES) {
      const s = atmosphere(geometricAltitude(H));
      expect(rel(s.TM_K, T), `T at ${H}`).toBeLessThan(1e-6);
      expect(rel(s.p_Pa, p), `p at ${H}`).toBeLessThan(1e-6);
      expect(rel(s.rho_kgpm3, rho), `ρ at ${H}`).toBeLessThan(1e-5);
      expect(rel(s.a_mps, a), `a at ${H}`).toBeLessThan(1e-5);
    }
  });

  it("matches the published geometric-altitude density table to 5 significant figures", () => {
    for (const [z, rho] of GEOMETRIC_DENSITY)
      expect(rel(atmosphere(z).rho_kgpm3, rho)).toBeLessThan(6e-5);
  });

  it("gives the standard's sea-level viscosity and kinetic temperature at 86 km", () => {
    // μ0 = 1.7894e-5 Pa·s (1976 standard, Table I); T at 86 km = 186.87 K (kinetic).
    expect(rel(atmosphere(0).mu_Pas, 1.7894e-5)).toBeLessThan(1e-4);
    expect(atmosphere(86000).T_K).toBeCloseTo(186.87, 2);
    expect(atmosphere(86000).TM_K).toBeCloseTo(186.946, 3);
  });

  it("is hydrostatic: dp/dz = −ρ·g(z) with g = g0·(r0/(r0 + z))²", () => {
    for (let z = -4000; z <= 85000; z += 1370) {
      const dz = 0.5;
      const dpdz = (atmosphere(z + dz).p_Pa - atmosphere(z - dz).p_Pa) / (2 * dz);
      const g = 9.80665 * (6356766 / (6356766 + z)) ** 2;
      expect(rel(dpdz, -atmosphere(z).rho_kgpm3 * g), `z = ${z}`).toBeLessThan(1e-5);
    }
  });

  it("obeys the ideal-gas law and is continuous across every layer boundary", () => {
    const R = 8314.32 / 28.9644;
    for (const [H] of LAYER_BASES.slice(1, -1)) {
      const z = geometricAltitude(H);
      const lo = atmosphere(z - 1e-6);
      const hi = atmosphere(z + 1e-6);
      expect(rel(lo.TM_K, hi.TM_K)).toBeLessThan(1e-9);
      expect(rel(lo.p_Pa, hi.p_Pa)).toBeLessThan(1e-9);
      expect(rel(hi.p_Pa, hi.rho_kgpm3 * R * hi.TM_K)).toBeLessThan(1e-12);
    }
  });

  it("decreases monotonically in pressure and density", () => {
    let p = Number.POSITIVE_INFINITY;
    let rho = Number.POSITIVE_INFINITY;
    for (let z = -5000; z <= 86000; z += 250) {
      const s = atmosphere(z);
      expect(s.p_Pa).toBeLessThan(p);
      expect(s.rho_kgpm3).toBeLessThan(rho);
      p = s.p_Pa;
      rho = s.rho_kgpm3;
    }
  });

  it("converts between geometric and geopotential altitude", () => {
    expect(geometricAltitude(11000)).toBeCloseTo(11019.07, 1);
    expect(geopotentialAltitude(geometricAltitude(47000))).toBeCloseTo(47000, 8);
  });

  it("refuses altitudes outside −5 to 86 km: NaN in the hot path, a clear error elsewhere", () => {
    expect(isAltitudeInAtmosphere(86001)).toBe(false);
    expect(isAltitudeInAtmosphere(-5001)).toBe(false);
    expect(isAltitudeInAtmosphere(0)).toBe(true);
    const b = createAtmosphereBuffer();
    atmosphereAt(90000, b);
    expect(Number.isNaN(b[ATM_T]) && Number.isNaN(b[ATM_P]) && Number.isNaN(b[ATM_RHO])).toBe(true);
    expect(() => atmosphere(90000)).toThrow(/90000 m is outside .* \(-5000 to 86000 m\)/);
  });
});

describe("the integrator's tabulated atmosphere", () => {
  it("agrees with the exact model to 1e-10 relative from −5 to 86 km", async () => {
    const {
      atmosphereFastAt,
      ATM_A: A,
      ATM_TM: TM,
    } = await import("../../src/earth/atmosphere.js");
    const exact = createAtmosphereBuffer();
    const fast = createAtmosphereBuffer();
    let worst = 0;
    for (let z = -5000; z <= 86000; z += 0.37) {
      atmosphereAt(z, exact, false);
      atmosphereFastAt(z, fast);
      worst = Math.max(worst, rel(fast[ATM_P], exact[ATM_P]), rel(fast[ATM_RHO], exact[ATM_RHO]));
      if (fast[ATM_T] !== exact[ATM_T] || fast[TM] !== exact[TM] || fast[A] !== exact[A]) {
        throw new Error(`temperature or speed of sound differs at ${z} m`);
      }
    }
    expect(worst).toBeLessThan(1e-10);
    atmosphereFastAt(86001, fast);
    expect(Number.isNaN(fast[ATM_P])).toBe(true);
  });
});
