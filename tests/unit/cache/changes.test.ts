import { beforeEach, expect, it } from 'vitest';
import { readChanges } from '@/lib/cache/changes';
import { wipeCache } from '@/lib/cache/wipe';
import { syncAccount } from '@/lib/sync/runner';
import { DEFAULT_START_MS } from '../../sim';
import { CHANGES_AFTER_MS } from '../../sim/world/create-world';
import { connectCache, createSimulatedMeta, simAccount, simSyncDeps } from '../sync/sim-graph';

/**
 * Recent changes: a sync compares the objects it reads with the cached ones and records what
 * changed, at Meta's updated_time. The simulator plants a budget raise and a pause an hour in.
 */
const meta = createSimulatedMeta();
const SYNC_TIMEOUT_MS = 120_000;

beforeEach(async () => {
  meta.clock.set(DEFAULT_START_MS);
  await wipeCache();
  await connectCache(meta);
});

it(
  'records the budget raise and the pause Meta reports, and nothing on a first sync',
  async () => {
    const digits = simAccount(meta, 'EUR').accountId;
    const accountId = `act_${digits}` as const;
    await syncAccount(simSyncDeps(meta), accountId);
    await expect(readChanges(accountId)).resolves.toEqual([]);

    meta.clock.advance(CHANGES_AFTER_MS + 3_600_000);
    await syncAccount(simSyncDeps(meta), accountId);
    const planted = meta.world.plantedChanges.filter((change) => change.accountId === digits);
    expect(planted.map((change) => change.field).sort()).toEqual(['dailyBudgetMinor', 'status']);
    const changes = await readChanges(accountId);
    for (const change of planted) {
      const fields = change.field === 'status' ? ['status', 'effectiveStatus'] : [change.field];
      for (const field of fields) {
        expect(changes).toContainEqual(
          expect.objectContaining({
            level: change.level,
            entityId: change.entityId,
            field,
            after: change.after,
            time: change.at * 1000,
          }),
        );
      }
    }
    const budget = planted.find((change) => change.field === 'dailyBudgetMinor')!;
    expect(await readChanges(accountId, budget.entityId)).toEqual([
      expect.objectContaining({ field: 'dailyBudgetMinor', before: budget.before }),
    ]);

    // Read again unchanged, nothing more is recorded.
    meta.clock.advance(3_600_000);
    await syncAccount(simSyncDeps(meta), accountId);
    await expect(readChanges(accountId)).resolves.toHaveLength(changes.length);
  },
  SYNC_TIMEOUT_MS,
);
