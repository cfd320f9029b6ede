import { describe, expect, it } from 'vitest';
import { detectAnomalies } from '@/lib/anomaly';
import { AS_OF, campaignOf, dateOf, recent, rowsFor, withControl } from './fixtures';

/**
 * An ad set with a $550 budget that spent about $500 a day, then about $200 from 8 days ago, and
 * about $370 over the last three days: better, but still short of its budget.
 */
const recovering = rowsFor('recovering', (day) => {
  if (day < recent(8)) return {};
  return { spend: day >= recent(2) ? 37_000 : 20_000 };
});
const account = withControl(campaignOf('c1', [{ id: 's1', rows: recovering }]));

describe('findings across runs', () => {
  it('keeps a problem already shown while it still hurts, with its original start and id', () => {
    const before = detectAnomalies(account, { asOf: dateOf(recent(3)) });
    expect(before.map((f) => [f.kind, f.startDate])).toEqual([
      ['under_delivery', dateOf(recent(8))],
    ]);

    const today = detectAnomalies(account, { asOf: AS_OF, previous: before });
    expect(today.map((f) => f.id)).toEqual(before.map((f) => f.id));
    expect(today[0]?.latestDate).toBe(AS_OF);
  });

  it('would not raise the half-recovered problem on its own', () => {
    expect(detectAnomalies(account, { asOf: AS_OF })).toEqual([]);
  });

  it('lets a finding go once its cause is gone', () => {
    const recovered = rowsFor('recovered', (day) =>
      day >= recent(8) && day < recent(2) ? { spend: 20_000 } : {},
    );
    const tree = withControl(campaignOf('c1', [{ id: 's1', rows: recovered }]));
    const before = detectAnomalies(tree, { asOf: dateOf(recent(3)) });
    expect(before.map((f) => f.kind)).toEqual(['under_delivery']);
    expect(detectAnomalies(tree, { asOf: AS_OF, previous: before })).toEqual([]);
  });

  it('keeps the entity a problem was shown on as its root when the level above crosses the line', () => {
    // A saturating audience shows on the ad set, its ad and the campaign at once.
    const rows = rowsFor('saturating', (day) => {
      const age = day - recent(9) + 1;
      return age <= 0 ? {} : { frequency: 1.3 * (1 + 0.15 * age) };
    });
    const tree = withControl(campaignOf('c1', [{ id: 's1', rows }]));
    const [first] = detectAnomalies(tree, { asOf: AS_OF });
    const below = first?.related.find((finding) => finding.kind === first.kind);
    expect(below).toBeDefined();
    // Yesterday the user was shown the lower one, alone.
    const yesterday = [{ ...below!, related: [] }];
    const [root] = detectAnomalies(tree, { asOf: AS_OF, previous: yesterday });
    expect(root?.entityId).toBe(below?.entityId);
    expect(root?.related.map((finding) => finding.entityId)).toContain(first?.entityId);
  });
});
