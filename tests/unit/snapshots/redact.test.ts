import { describe, expect, it } from 'vitest';
import { aliasNames } from '@/lib/snapshots/build/aliases';
import { createSnapshot } from '@/lib/snapshots/build/create';
import { DEFAULT_REDACTION, redactSnapshot } from '@/lib/snapshots/build/redact';
import {
  ACCOUNT_ID,
  ADSET_IDS,
  CAMPAIGN_ID,
  CREATED_AT,
  HOSTILE_NAME,
  REAL_NAMES,
  sampleSource,
} from './fixtures';

const full = createSnapshot(sampleSource(), CREATED_AT);
const redacted = redactSnapshot(full, DEFAULT_REDACTION);
const KEEP_ALL = { dropIds: false, aliasNames: false, indexMoney: false };

describe('createSnapshot', () => {
  it('orders the tree account first, each entity after its parent, and converts money to major units', () => {
    expect(full.entities.map((entity) => [entity.name, entity.parent, entity.metaId])).toEqual([
      [REAL_NAMES[0], null, ACCOUNT_ID],
      [REAL_NAMES[1], 0, CAMPAIGN_ID],
      [REAL_NAMES[2], 1, ADSET_IDS[0]],
      [REAL_NAMES[4], 2, '120210000000000111'],
      [REAL_NAMES[3], 1, ADSET_IDS[1]],
    ]);
    expect(full.subject).toBe(1);
    expect(full.currency).toBe('EUR');
    expect(full.kpis[0]).toEqual({ metric: 'spend', current: 2142, previous: 1800 });
    expect(full.kpis[1]).toEqual({ metric: 'impressions', current: 512_345, previous: 498_000 });
    expect(full.findings.map((finding) => finding.entity)).toEqual([2, 0]);
  });

  it('uses no minor unit for yen', () => {
    const source = sampleSource();
    const yen = createSnapshot(
      { ...source, account: { ...source.account, currency: 'JPY' } },
      CREATED_AT,
    );
    expect(yen.kpis[0]?.current).toBe(214_200);
  });

  it('refuses an entity whose parent is not in the source, a bug in the caller', () => {
    const source = sampleSource();
    const orphan = { id: '999', level: 'ad' as const, name: 'Lost', parentId: '404' };
    expect(() =>
      createSnapshot({ ...source, entities: [...source.entities, orphan] }, CREATED_AT),
    ).toThrow(/999/);
  });
});

describe('redactSnapshot by default', () => {
  const text = JSON.stringify(redacted);

  it('keeps no id, no real name and no amount, even inside sentences', () => {
    for (const secret of [ACCOUNT_ID, '90210345678', CAMPAIGN_ID, ...ADSET_IDS, ...REAL_NAMES]) {
      expect(text).not.toContain(JSON.stringify(secret).slice(1, -1));
    }
    expect(text).not.toMatch(/€|EUR|1,240|14\.20/);
    expect(redacted.findings[0]?.sentence).toBe(
      'Ad set A.1 spent [amount] on May 9, 3 times its usual day (campaign [id]).',
    );
    expect(redacted.findings[1]?.sentence).toBe(
      'CPM at Account rose to [amount] from [amount] (Ad set A.2).',
    );
  });

  it('aliases the tree and records what it did', () => {
    expect(redacted.entities.map((entity) => entity.name)).toEqual([
      'Account',
      'Campaign A',
      'Ad set A.1',
      'Ad A.1.1',
      'Ad set A.2',
    ]);
    expect(redacted.redaction).toEqual({ ids: 'dropped', names: 'aliased', money: 'index' });
    expect(redacted.currency).toBe('index');
  });

  it('shows money KPIs against the previous period = 100 and series against their first day with money', () => {
    expect(redacted.kpis[0]).toEqual({ metric: 'spend', current: 119, previous: 100 });
    // No previous CPA: the current period is the base.
    expect(redacted.kpis[3]).toEqual({ metric: 'cpa', current: 100, previous: null });
    expect(redacted.kpis.slice(1, 3)).toEqual(full.kpis.slice(1, 3));
    expect(redacted.series[0]?.values.slice(0, 3)).toEqual([0, 100, 104]);
    expect(redacted.series[1]).toEqual(full.series[1]);
    expect(redacted.series[2]?.values[3]).toBeNull();
  });

  it('never brings back what an earlier redaction removed', () => {
    expect(redactSnapshot(redacted, KEEP_ALL)).toEqual(redacted);
  });

  it('can keep each part on request', () => {
    expect(redactSnapshot(full, KEEP_ALL)).toEqual(full);
    const namesOnly = redactSnapshot(full, { ...KEEP_ALL, aliasNames: true });
    expect(namesOnly.entities[1]).toEqual({
      level: 'campaign',
      name: 'Campaign A',
      parent: 0,
      metaId: CAMPAIGN_ID,
    });
    expect(namesOnly.findings[0]?.sentence).toContain('€1,240.50');
    expect(namesOnly.findings[1]?.sentence).not.toContain(HOSTILE_NAME);
  });
});

describe('aliasNames', () => {
  it('letters the first level below the account and numbers the rest', () => {
    const entities = [
      { level: 'account' as const, parent: null },
      { level: 'adset' as const, parent: 0 },
      { level: 'ad' as const, parent: 1 },
      { level: 'ad' as const, parent: 1 },
      ...Array.from({ length: 26 }, () => ({ level: 'adset' as const, parent: 0 })),
    ];
    const aliases = aliasNames(entities);
    expect(aliases.slice(0, 5)).toEqual(['Account', 'Ad set A', 'Ad A.1', 'Ad A.2', 'Ad set B']);
    expect(aliases.at(-1)).toBe('Ad set AA');
  });
});
