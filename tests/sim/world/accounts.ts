import type { AnomalyKind, Currency, Level } from './types';

const KINDS: readonly AnomalyKind[] = [
  'spend_spike',
  'delivery_stop',
  'cpm_surge',
  'creative_fatigue',
  'tracking_break',
  'cpa_jump',
];
const LEVELS: readonly Level[] = ['campaign', 'adset', 'ad'];

/** Every kind at every level: the large account is the detector's main exam. */
const EVERY_ANOMALY = KINDS.flatMap((kind) => LEVELS.map((level) => [kind, level] as const));

/** The fixed cast of ad accounts; ids and everything inside them come from the seed. */
export interface AccountSpec {
  readonly name: string;
  readonly currency: Currency;
  readonly timezoneName: string;
  readonly accountStatus: number;
  readonly businessName: string;
  readonly market: string;
  readonly language: 'latin' | 'japanese';
  readonly campaigns: number;
  readonly adsets: number;
  readonly ads: number;
  /** Multiplies every budget: small accounts spend less. */
  readonly budgetScale: number;
  /** Days before today on which the whole account stopped delivering (billing hold). */
  readonly stoppedDaysAgo?: number;
  readonly anomalies: readonly (readonly [AnomalyKind, Level])[];
}

export const ACCOUNT_SPECS: readonly AccountSpec[] = [
  {
    name: 'Northwind Outfitters – US',
    currency: 'USD',
    timezoneName: 'America/Los_Angeles',
    accountStatus: 1,
    businessName: 'Northwind Commerce Inc.',
    market: 'US',
    language: 'latin',
    campaigns: 220,
    adsets: 1100,
    ads: 5500,
    budgetScale: 1,
    anomalies: EVERY_ANOMALY,
  },
  {
    name: 'Northwind Europa · Berlin',
    currency: 'EUR',
    timezoneName: 'Europe/Berlin',
    accountStatus: 1,
    businessName: 'Northwind Commerce Inc.',
    market: 'DE',
    language: 'latin',
    campaigns: 14,
    adsets: 42,
    ads: 150,
    budgetScale: 0.6,
    anomalies: [
      ['tracking_break', 'campaign'],
      ['spend_spike', 'adset'],
      ['creative_fatigue', 'ad'],
    ],
  },
  {
    name: '北風アウトドア 公式',
    currency: 'JPY',
    timezoneName: 'Asia/Tokyo',
    accountStatus: 1,
    businessName: '株式会社キタカゼ',
    market: 'JP',
    language: 'japanese',
    campaigns: 9,
    adsets: 27,
    ads: 90,
    budgetScale: 0.5,
    anomalies: [
      ['cpm_surge', 'campaign'],
      ['cpa_jump', 'adset'],
      ['delivery_stop', 'ad'],
    ],
  },
  {
    name: 'Legacy Brand (billing hold)',
    currency: 'USD',
    timezoneName: 'America/New_York',
    accountStatus: 3,
    businessName: 'Legacy Brand LLC',
    market: 'US',
    language: 'latin',
    campaigns: 6,
    adsets: 12,
    ads: 30,
    budgetScale: 0.3,
    stoppedDaysAgo: 45,
    anomalies: [],
  },
];

/** Minor units per major unit (meta-graph-api.md §5): JPY has no decimals. */
export const MINOR_PER_MAJOR: Readonly<Record<Currency, number>> = { USD: 100, EUR: 100, JPY: 1 };

/** Rough value of one US dollar, so budgets and prices look native in each currency. */
export const PER_USD: Readonly<Record<Currency, number>> = { USD: 1, EUR: 0.92, JPY: 150 };
