import type { AccountSpec } from './accounts';
import type { AnomalyKind, Currency, Level } from './types';

/**
 * The agency world (issue 17): one buyer who runs 50 client accounts. 46 belong to the agency's own
 * business and 4 to a client's business the agency reaches as a partner; sizes grow geometrically
 * from 50 to 5,000 ads (about 55,000 in all), in three currencies and eight time zones. Every account
 * carries two planted anomalies, so detection has work in each.
 */

export const AGENCY_ACCOUNTS = 50;
export const PARTNER_ACCOUNTS = 4;
export const AGENCY_BUSINESS = 'Brightline Performance Agency';
export const PARTNER_BUSINESS = 'Meridian Retail Group';
const SMALLEST_ADS = 50;
const LARGEST_ADS = 5000;

const MARKETS: readonly {
  readonly market: string;
  readonly currency: Currency;
  readonly timezoneName: string;
  readonly language: AccountSpec['language'];
}[] = [
  { market: 'US', currency: 'USD', timezoneName: 'America/Los_Angeles', language: 'latin' },
  { market: 'DE', currency: 'EUR', timezoneName: 'Europe/Berlin', language: 'latin' },
  { market: 'JP', currency: 'JPY', timezoneName: 'Asia/Tokyo', language: 'japanese' },
  { market: 'US', currency: 'USD', timezoneName: 'America/New_York', language: 'latin' },
  { market: 'FR', currency: 'EUR', timezoneName: 'Europe/Paris', language: 'latin' },
  { market: 'US', currency: 'USD', timezoneName: 'America/Chicago', language: 'latin' },
  { market: 'IE', currency: 'EUR', timezoneName: 'Europe/Dublin', language: 'latin' },
  { market: 'AU', currency: 'USD', timezoneName: 'Australia/Sydney', language: 'latin' },
];

const CLIENTS = [
  'Acme Home',
  'Bluebird Coffee',
  'Cobalt Cycles',
  'Driftwood Apparel',
  'Ember Skincare',
  'Fjord Outdoor',
  'Golden Hour Foods',
  'Harbor Pets',
  'Indigo Sleep',
  'Juniper Kids',
] as const;

const KINDS: readonly AnomalyKind[] = [
  'spend_spike',
  'delivery_stop',
  'cpm_surge',
  'creative_fatigue',
  'tracking_break',
  'cpa_jump',
];
const LEVELS: readonly Level[] = ['campaign', 'adset', 'ad'];

/** Ads of account `index` of `count`: geometric from SMALLEST_ADS to `largest`. */
function adsOf(index: number, count: number, largest: number): number {
  return Math.round(SMALLEST_ADS * (largest / SMALLEST_ADS) ** (index / Math.max(1, count - 1)));
}

export interface AgencyOptions {
  readonly accounts?: number;
  readonly partnerAccounts?: number;
  /** Ads of the largest account (5,000 by default); smaller agencies keep tests quick. */
  readonly largestAds?: number;
}

export function agencyAccountSpecs({
  accounts: count = AGENCY_ACCOUNTS,
  partnerAccounts: partners = PARTNER_ACCOUNTS,
  largestAds = LARGEST_ADS,
}: AgencyOptions = {}): AccountSpec[] {
  return Array.from({ length: count }, (_, index): AccountSpec => {
    const place = MARKETS[index % MARKETS.length]!;
    const client = CLIENTS[index % CLIENTS.length]!;
    const ads = adsOf(index, count, largestAds);
    const partner = index >= count - partners;
    return {
      name: `${client} – ${place.market} #${index + 1}`,
      currency: place.currency,
      timezoneName: place.timezoneName,
      accountStatus: 1,
      businessName: partner ? PARTNER_BUSINESS : AGENCY_BUSINESS,
      market: place.market,
      language: place.language,
      campaigns: Math.max(5, Math.round(ads / 25)),
      adsets: Math.max(10, Math.round(ads / 5)),
      ads,
      budgetScale: 0.3 + 0.7 * (ads / LARGEST_ADS),
      anomalies: [0, 1].map(
        (offset) =>
          [
            KINDS[(index + offset * 3) % KINDS.length]!,
            LEVELS[(index + offset) % LEVELS.length]!,
          ] as const,
      ),
    };
  });
}
