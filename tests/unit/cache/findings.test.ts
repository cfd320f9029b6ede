import { beforeEach, describe, expect, it } from 'vitest';
import { message } from '@/lib/anomaly/format';
import type { Finding } from '@/lib/anomaly';
import { cacheDb } from '@/lib/cache/db';
import {
  countAccountFindings,
  findingTrees,
  readAccountFindings,
  readEntityFindings,
  replaceAccountFindings,
} from '@/lib/cache/findings';
import { wipeCache } from '@/lib/cache/wipe';

beforeEach(wipeCache);

function finding(
  kind: Finding['kind'],
  entityId: string,
  level: Finding['level'],
  severity: Finding['severity'],
  related: Finding[] = [],
): Finding {
  return {
    id: `${kind}:${entityId}:2026-03-01`,
    kind,
    entityId,
    level,
    metric: 'spend',
    severity,
    direction: 'down',
    startDate: '2026-03-01',
    latestDate: '2026-03-04',
    actual: 0,
    expected: 12_000,
    lower: 9_000,
    upper: 15_000,
    score: 0.9,
    summary: message(
      'findingDeliveryStop',
      { type: 'plural', value: 4 },
      { type: 'date', value: '2026-03-01' },
      { type: 'money', value: 12_000, currency: 'USD' },
    ),
    nextStep: message('findingDeliveryStopNext'),
    related,
  };
}

const campaignStop = finding('delivery_stop', '10', 'campaign', 'critical', [
  finding('delivery_stop', '11', 'adset', 'warning'),
  finding('delivery_stop', '12', 'adset', 'warning'),
]);
const adFatigue = finding('creative_fatigue', '13', 'ad', 'info');

describe('findings cache', () => {
  it('stores a run flat, each explained finding under its root, and reads the trees back', async () => {
    await replaceAccountFindings('act_1', [campaignStop, adFatigue], 1000);
    const stored = await readAccountFindings('act_1');
    expect(stored).toHaveLength(4);
    expect(stored.find((record) => record.entityId === '11')?.parentId).toBe(campaignStop.id);
    expect(findingTrees(stored)).toEqual([campaignStop, adFatigue]);
  });

  it('reads one entity’s findings, explained ones included', async () => {
    await replaceAccountFindings('act_1', [campaignStop], 1000);
    const adset = await readEntityFindings('act_1', 'adset', '12');
    expect(adset.map((record) => [record.kind, record.severity])).toEqual([
      ['delivery_stop', 'warning'],
    ]);
    await expect(readEntityFindings('act_1', 'ad', '12')).resolves.toEqual([]);
  });

  it('replaces only the account’s own findings', async () => {
    await replaceAccountFindings('act_1', [campaignStop], 1000);
    await replaceAccountFindings('act_2', [adFatigue], 1000);
    await replaceAccountFindings('act_1', [adFatigue], 2000);
    await expect(countAccountFindings('act_1')).resolves.toEqual({
      info: 1,
      warning: 0,
      critical: 0,
    });
    expect((await readAccountFindings('act_2')).map((record) => record.entityId)).toEqual(['13']);
  });

  it('skips a record that does not match the format instead of failing the read', async () => {
    await replaceAccountFindings('act_1', [adFatigue], 1000);
    await cacheDb().table('findings').add({ accountId: 'act_1', level: 'ad', entityId: '14' });
    expect((await readAccountFindings('act_1')).map((record) => record.entityId)).toEqual(['13']);
  });
});
