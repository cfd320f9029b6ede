import type { SnapshotSource } from '@/lib/snapshots/build/create';

/** A small account tree with the kinds of names and numbers redaction must take out. */
export const ACCOUNT_ID = 'act_90210345678';
export const CAMPAIGN_ID = '120210000000000001';
export const ADSET_IDS = ['120210000000000011', '120210000000000012'] as const;
export const AD_ID = '120210000000000111';
export const HOSTILE_NAME = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
export const REAL_NAMES = [
  'Acme Outdoor GmbH',
  'Summer Sale — Nordics',
  'Lookalike 2% DE',
  HOSTILE_NAME,
  'Carousel: tents',
] as const;

const DAYS = 14;
const spendCents = Array.from({ length: DAYS }, (_, day) => 12_050 + day * 500);

export function sampleSource(): SnapshotSource {
  return {
    account: { id: ACCOUNT_ID, name: REAL_NAMES[0], currency: 'EUR' },
    range: { since: '2024-05-01', until: '2024-05-14' },
    subjectId: CAMPAIGN_ID,
    entities: [
      { id: CAMPAIGN_ID, level: 'campaign', name: REAL_NAMES[1], parentId: null },
      { id: ADSET_IDS[0], level: 'adset', name: REAL_NAMES[2], parentId: CAMPAIGN_ID },
      { id: ADSET_IDS[1], level: 'adset', name: REAL_NAMES[3], parentId: CAMPAIGN_ID },
      { id: AD_ID, level: 'ad', name: REAL_NAMES[4], parentId: ADSET_IDS[0] },
    ],
    kpis: [
      { metric: 'spend', current: 214_200, previous: 180_000 },
      { metric: 'impressions', current: 512_345, previous: 498_000 },
      { metric: 'ctr', current: 0.0123, previous: 0.0118 },
      { metric: 'cpa', current: 2_150, previous: null },
      { metric: 'roas', current: 3.4, previous: 3.1 },
    ],
    series: [
      { metric: 'spend', values: [0, ...spendCents.slice(1)] },
      { metric: 'impressions', values: spendCents.map((cents) => cents * 3) },
      { metric: 'cpa', values: spendCents.map((cents, day) => (day === 3 ? null : cents / 10)) },
    ],
    findings: [
      {
        kind: 'spend_spike',
        severity: 'critical',
        entityId: ADSET_IDS[0],
        sentence: `Lookalike 2% DE spent €1,240.50 on May 9, 3 times its usual day (campaign ${CAMPAIGN_ID}).`,
        nextStep: 'Check the budget of Lookalike 2% DE in Summer Sale — Nordics.',
      },
      {
        kind: 'cpm_surge',
        severity: 'warning',
        entityId: ACCOUNT_ID,
        sentence: `CPM at Acme Outdoor GmbH rose to €14.20 from €9.80 (${HOSTILE_NAME}).`,
        nextStep: '',
      },
    ],
  };
}

export const CREATED_AT = new Date('2024-05-15T08:30:00.000Z');
