/** Number formatting shared by every output: rounding for short JSON, longitudes for GeoJSON. */

/** Longitude wrapped into [-180, 180], as RFC 7946 requires; in-range values pass unchanged. */
export function normalizeLon(lon: number): number {
  if (lon >= -180 && lon <= 180) return lon;
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}

/** x rounded to `decimals` decimal places, with −0 written as 0 (JSON would keep the sign). */
export function roundTo(x: number, decimals: number): number {
  // Dividing by an exact power of ten gives the double nearest the decimal, so it prints short.
  const scale = 10 ** decimals;
  const r = Math.round(x * scale) / scale;
  return r === 0 ? 0 : r;
}
