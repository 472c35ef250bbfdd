import type { AmazonRegion } from './amazon-orders-api';

/**
 * Amazon's marketplace ids and the region whose endpoint serves each (sheet §1.1: one refresh
 * token authorizes one seller in one region, so a store's marketplaces share a region).
 */
export const amazonMarketplaceRegions: Readonly<Record<string, AmazonRegion>> = {
  ATVPDKIKX0DER: 'na', // US
  A2EUQ1WTGCTBG2: 'na', // CA
  A1AM78C64UM0Y8: 'na', // MX
  A2Q3Y263D00KWC: 'na', // BR
  A28R8C7NBKEWEA: 'eu', // IE
  A1RKKUPIHCS9HS: 'eu', // ES
  A1F83G8C2ARO7P: 'eu', // UK
  A13V1IB3VIYZZH: 'eu', // FR
  AMEN7PMS3EDWL: 'eu', // BE
  A1805IZSGTT6HS: 'eu', // NL
  A1PA6795UKMFR9: 'eu', // DE
  APJ6JRA9NG5V4: 'eu', // IT
  A2NODRKZP88ZB9: 'eu', // SE
  AE08WJ6YKNBMC: 'eu', // ZA
  A1C3SOZRARQ6R3: 'eu', // PL
  A17E79C6D8DWNP: 'eu', // SA
  ARBP9OOSHTCHU: 'eu', // EG
  A33AVAJ2PDY3EV: 'eu', // TR
  A2VIGQ35RCS4UG: 'eu', // AE
  A21TJRUUN4KGV: 'eu', // IN
  A19VAU5U5O7RUS: 'fe', // SG
  A39IBJ37TRP1C6: 'fe', // AU
  A1VC38T7YXB528: 'fe', // JP
};

/** The region of known marketplace ids, or `null` when one is unknown or they span regions. */
export function regionOfMarketplaces(marketplaceIds: readonly string[]): AmazonRegion | null {
  const regions = new Set(marketplaceIds.map((id) => amazonMarketplaceRegions[id] ?? null));
  const [region, ...others] = [...regions];
  return region === undefined || region === null || others.length > 0 ? null : region;
}
