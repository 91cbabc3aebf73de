/**
 * Changing a scenario's text from the map: the `yaml` package's Document API sets the one value
 * that moved and prints the document back, so comments, key order, flow mappings and every other
 * line stay as the user wrote them.
 */

import { isMap, parseDocument } from "yaml";

/** Decimal places kept for a dragged position (1e-5° ≈ 1 m). */
export const POSITION_DECIMALS = 5;

/** The text with the mapping at `path` given this latitude and longitude (degrees), or null. */
export function movePoint(
  text: string,
  path: readonly (string | number)[],
  lat_deg: number,
  lon_deg: number,
): string | null {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) return null;
  const node = doc.getIn(path, true);
  if (!isMap(node)) return null;
  const round = (x: number) => Number(x.toFixed(POSITION_DECIMALS));
  doc.setIn([...path, "lat_deg"], round(lat_deg));
  doc.setIn([...path, "lon_deg"], round(lon_deg));
  return doc.toString({ lineWidth: 0 });
}
