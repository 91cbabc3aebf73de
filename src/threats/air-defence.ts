/**
 * The air defence a flight or a salvo flies against: the plain types (defence-types.ts) and the
 * network that runs them (defence-network.ts), under the names the rest of the code has always
 * used. A single missile is the network with one flyer.
 */

export { DefenceNetwork as AirDefence, type NetworkEvent } from "./defence-network.js";
export type {
  AirDefenceParams,
  PlacedSam,
  PlacedSearchRadar,
  SiteSummary,
  SiteTotals,
  ThreatEvent,
  ThreatTarget,
} from "./defence-types.js";
