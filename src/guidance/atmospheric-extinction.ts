/**
 * Notional long-wave infrared (8–12 µm) extinction along a seeker's line of sight, from the
 * weather an analyst can state: meteorological visibility, rain rate and an overcast layer.
 * Beer–Lambert: transmittance τ(R) = exp(−σ·R), σ in 1/km, homogeneous along the path (the
 * missile flies low, so the path stays in one air mass; layering is left out).
 *
 *   σ = σ_gas + σ_aerosol(V) + σ_rain(R_rain);   a cloud layer the line of sight crosses blocks it.
 *
 * Terms, sources and status ([R] read, [S] secondary, [U] not checked against the primary,
 * [C] computed here, [E] engineering estimate with no public source behind the number):
 *
 * - σ_gas: water-vapour continuum and CO₂ absorption in the 8–12 µm window, a constant
 *   0.12 /km, inside the 0.1–0.2 /km usually quoted for clear mid-latitude air near sea level [E].
 *   In reality it grows with absolute humidity (LOWTRAN/MODTRAN compute it; none is used here).
 * - Visibility V → visible extinction σ_vis = ln(1/0.02)/V = 3.912/V (Koschmieder, 2 % contrast
 *   threshold; the form as quoted on the public page pipixue.com/ti/fd0d5c26… [R]). Kruse- and
 *   Kim-type wavelength scalings are fitted for visible/near-IR and are NOT used for LWIR.
 * - Fog (V < 1 km, the WMO/ICAO fog definition, as on lyyn.com "fog and haze" [R]): at ≈11 µm the
 *   extinction of a fog is a linear function of its liquid water content W, whatever the droplet
 *   size distribution (Chýlek, "Extinction and liquid water content of fogs and clouds", J. Atmos.
 *   Sci. 35(2):296–300, 1978 — abstract [R]; a later CO₂-laser check of the linear law with
 *   correlation 0.98, scilit.net a1ee29f8… [R]). The visible extinction of the same fog is
 *   σ_vis = 3W/(ρ_w·r_eff) (extinction efficiency 2, large-particle limit). The ratio is therefore
 *   σ_LWIR/σ_vis = k·ρ_w·r_eff/3, with k the Chýlek coefficient, taken as 0.15 m²/g
 *   (≈150 /km per g/m³) [U: the value is recalled, not read]. With r_eff ≈ 6 µm (radiation fog,
 *   smaller drops) the ratio is 0.30; with r_eff ≈ 12 µm (advection fog) 0.60 [C]. That natural
 *   fogs of large drops hurt thermal imaging more than small-drop fogs agrees with Hagen, "The
 *   influence of natural and artificial fogs on visible and infrared imaging", Proc. SPIE 10765
 *   (2018), abstract [R]; and Stewart (US Army MIRADCOM TR-77-9, "Infrared and submillimeter
 *   extinction by fog", 1977) notes radiation fogs have smaller drops on average [R, its intro].
 * - Haze (V ≥ 5 km): haze aerosols are small compared with 10 µm and scatter it weakly; the ratio
 *   σ_LWIR/σ_vis = 0.1 [E]. Mist (1–5 km) interpolates the ratio linearly in ln V.
 * - Rain: drops (≈1 mm) are large compared with 10 µm, so each removes twice its geometric
 *   cross-section from an imaging path (the diffraction lobe, ≈λ/D ≈ 10 mrad, is far wider than a
 *   pixel). With the Marshall–Palmer drop-size distribution N(D) = N0·exp(−ΛD), N0 = 8000
 *   m⁻³·mm⁻¹, Λ = 4.1·R^−0.21 mm⁻¹ (Marshall and Palmer, J. Meteor. 5:165, 1948 [U: constants
 *   are the standard ones, the primary was not read; the exponential form is as used on
 *   libraryssi.org/flips/1982_sp_v03n01/22 and sjsu.edu/faculty/watkins/raindrop.htm [R]]):
 *     σ_rain = Q·(π/4)·∫D²N(D)dD = Q·(π/2)·N0/Λ³ = 0.365·R^0.63 /km for Q = 2 [C].
 *   With Q = 1 (diffraction kept, as a wide-field transmissometer sees it) this is 0.18·R^0.63,
 *   close to the 0.16·R^0.63 /km often quoted for IR [U]; the free-space-optics fit
 *   1.076·R^0.67 dB/km = 0.248·R^0.67 /km [U] lies between the two.
 * - Cloud: an overcast layer (base, top) blocks the line of sight if the path crosses it. Water
 *   clouds are opaque at 8–12 µm over more than a few tens of metres (emissivity close to 1 as a
 *   function of liquid water path: Chýlek and Ramaswamy, J. Atmos. Sci. 1982, abstract [R]).
 *   Broken cloud is not modelled.
 *
 * Everything here is notional: the right level for "clear air versus fog" comparisons, not a
 * substitute for MODTRAN.
 */

/** Droplet regime of a fog; sets its effective radius and so its LWIR/visible extinction ratio. */
export type FogType = "radiation" | "advection";

/** The weather along the seeker's line of sight. */
export interface Weather {
  /** Meteorological visibility (Koschmieder 2 % contrast), m. */
  readonly visibility_m: number;
  /** Rain rate, mm/h (0: none). */
  readonly rainRate_mmph: number;
  /** Overcast layer base and top, m, in the same altitude datum as the positions (Infinity: none). */
  readonly cloudBase_m: number;
  readonly cloudTop_m: number;
  /** Used when visibility is below 5 km. */
  readonly fogType: FogType;
}

/** Coefficients of the extinction model (defaults: DEFAULT_EXTINCTION). */
export interface ExtinctionParams {
  /** Molecular (water-vapour continuum, CO₂) extinction in the 8–12 µm window, 1/km. */
  readonly gas_perKm: number;
  /** LWIR/visible extinction ratio for haze (visibility ≥ haze_m). */
  readonly hazeRatio: number;
  /** Chýlek coefficient: LWIR extinction per liquid water content, m²/g. */
  readonly chylek_m2PerG: number;
  /** Fog effective droplet radius, m, by fog type. */
  readonly fogEffectiveRadius_m: Readonly<Record<FogType, number>>;
  /** Visibility below which the air is fog, and at or above which it is haze, m. */
  readonly fog_m: number;
  readonly haze_m: number;
  /** Marshall–Palmer intercept N0 (m⁻³·mm⁻¹), slope coefficient and exponent: Λ = a·R^b (mm⁻¹). */
  readonly mpN0_perM3mm: number;
  readonly mpLambdaCoeff: number;
  readonly mpLambdaExp: number;
  /** Extinction efficiency of raindrops along an imaging path (2: diffraction lost). */
  readonly rainQ: number;
}

export const DEFAULT_EXTINCTION: ExtinctionParams = {
  gas_perKm: 0.12,
  hazeRatio: 0.1,
  chylek_m2PerG: 0.15,
  fogEffectiveRadius_m: { radiation: 6e-6, advection: 12e-6 },
  fog_m: 1000,
  haze_m: 5000,
  mpN0_perM3mm: 8000,
  mpLambdaCoeff: 4.1,
  mpLambdaExp: -0.21,
  rainQ: 2,
};

/** Density of liquid water, g/m³. */
const RHO_W_G_PER_M3 = 1e6;
/** ln(1/0.02): the Koschmieder constant. */
export const KOSCHMIEDER = Math.log(50);

/** Named weather cases for analysis and tests. */
export const CLEAR_WEATHER: Weather = {
  visibility_m: 23_000,
  rainRate_mmph: 0,
  cloudBase_m: Number.POSITIVE_INFINITY,
  cloudTop_m: Number.POSITIVE_INFINITY,
  fogType: "radiation",
};
export const HAZE_WEATHER: Weather = { ...CLEAR_WEATHER, visibility_m: 5000 };
export const MODERATE_RAIN_WEATHER: Weather = {
  ...CLEAR_WEATHER,
  visibility_m: 8000,
  rainRate_mmph: 5,
};
export const RADIATION_FOG_WEATHER: Weather = { ...CLEAR_WEATHER, visibility_m: 500 };
export const ADVECTION_FOG_WEATHER: Weather = {
  ...CLEAR_WEATHER,
  visibility_m: 500,
  fogType: "advection",
};
export const DENSE_FOG_WEATHER: Weather = { ...CLEAR_WEATHER, visibility_m: 100 };

/** Visible-band extinction (1/km) from meteorological visibility (Koschmieder). */
export function visibleExtinction_perKm(visibility_m: number): number {
  return KOSCHMIEDER / (Math.max(visibility_m, 1) / 1000);
}

/** LWIR/visible extinction ratio of fog droplets: k·ρ_w·r_eff/3, capped at 1. */
export function fogLwirToVisibleRatio(
  fogType: FogType,
  p: ExtinctionParams = DEFAULT_EXTINCTION,
): number {
  const r = (p.chylek_m2PerG * RHO_W_G_PER_M3 * p.fogEffectiveRadius_m[fogType]) / 3;
  return Math.min(r, 1);
}

/** LWIR/visible ratio for the aerosol at a visibility: fog, haze, or ln V interpolation (mist). */
export function aerosolLwirToVisibleRatio(
  visibility_m: number,
  fogType: FogType,
  p: ExtinctionParams = DEFAULT_EXTINCTION,
): number {
  const fog = fogLwirToVisibleRatio(fogType, p);
  if (visibility_m <= p.fog_m) return fog;
  if (visibility_m >= p.haze_m) return p.hazeRatio;
  const s = Math.log(visibility_m / p.fog_m) / Math.log(p.haze_m / p.fog_m);
  return fog + (p.hazeRatio - fog) * s;
}

/** Aerosol (haze, mist, fog) LWIR extinction, 1/km. */
export function aerosolLwirExtinction_perKm(
  visibility_m: number,
  fogType: FogType,
  p: ExtinctionParams = DEFAULT_EXTINCTION,
): number {
  return (
    aerosolLwirToVisibleRatio(visibility_m, fogType, p) * visibleExtinction_perKm(visibility_m)
  );
}

/** Rain LWIR extinction, 1/km: Q·(π/2)·N0/Λ³ for a Marshall–Palmer distribution. */
export function rainLwirExtinction_perKm(
  rain_mmph: number,
  p: ExtinctionParams = DEFAULT_EXTINCTION,
): number {
  if (!(rain_mmph > 0)) return 0;
  const lambda_perMm = p.mpLambdaCoeff * rain_mmph ** p.mpLambdaExp;
  // N0 in m⁻³·mm⁻¹ and Λ in mm⁻¹ give mm²/m³; 1 mm²/m³ = 1e-6 /m = 1e-3 /km.
  return ((p.rainQ * Math.PI) / 2) * (p.mpN0_perM3mm / lambda_perMm ** 3) * 1e-3;
}

/** Total LWIR (8–12 µm) extinction coefficient along the path, 1/km (cloud excluded). */
export function lwirExtinction_perKm(w: Weather, p: ExtinctionParams = DEFAULT_EXTINCTION): number {
  return (
    p.gas_perKm +
    aerosolLwirExtinction_perKm(w.visibility_m, w.fogType, p) +
    rainLwirExtinction_perKm(w.rainRate_mmph, p)
  );
}

/** Beer–Lambert transmittance over a range, for σ in 1/km. */
export function transmittance(sigma_perKm: number, range_m: number): number {
  return Math.exp(-sigma_perKm * (range_m / 1000));
}

/**
 * True when the straight line between altitudes alt1_m and alt2_m crosses the overcast layer
 * (any overlap of [min, max] with [cloudBase, cloudTop]).
 */
export function cloudBlocksLineOfSight(alt1_m: number, alt2_m: number, w: Weather): boolean {
  if (!Number.isFinite(w.cloudBase_m)) return false;
  const lo = Math.min(alt1_m, alt2_m);
  const hi = Math.max(alt1_m, alt2_m);
  return hi > w.cloudBase_m && lo < w.cloudTop_m;
}
