import { beforeEach, describe, expect, it } from 'vitest';
import { cacheDb } from '@/lib/cache/db';
import { readExplanation, saveExplanation } from '@/lib/cache/explanations';
import { wipeCache } from '@/lib/cache/wipe';
import type { Explanation } from '@/lib/schema/explain';

beforeEach(wipeCache);

const explanation: Explanation = {
  metric: 'cpm',
  baseline: { since: '2026-11-01', until: '2026-11-14' },
  affected: { since: '2026-11-15', until: '2026-11-21' },
  before: 500,
  after: 700,
  sentence: {
    key: 'explainNothingStandsOut',
    args: [
      {
        type: 'clause',
        message: {
          key: 'explainHeadUp',
          args: [
            { type: 'clause', message: { key: 'explainMetricCpm', args: [] } },
            { type: 'change', value: 0.4 },
          ],
        },
      },
      { type: 'clause', message: { key: 'explainLookAtCampaign', args: [] } },
    ],
  },
  dimension: null,
  segments: [],
  requests: 3,
  fetchedAt: 1,
};

describe('kept explanations', () => {
  it('are read back as kept, in the language-neutral form', async () => {
    await saveExplanation({ accountId: 'act_1', key: 'f-1', findingId: 'f-1', explanation });
    expect(await readExplanation('act_1', 'f-1')).toEqual(explanation);
  });

  it('written by an older Adlens (an English sentence) are dropped on read, so Explain reads Meta again', async () => {
    await cacheDb().explanations.put({
      accountId: 'act_1',
      key: 'f-1',
      findingId: 'f-1',
      explanation: { ...explanation, sentence: 'CPM up 40 %: nothing stands out.' },
      fetchedAt: 1,
    } as never);
    expect(await readExplanation('act_1', 'f-1')).toBeUndefined();
  });
});
