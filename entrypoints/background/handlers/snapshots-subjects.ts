import { listEntities } from '@/lib/cache/entities';
import { readSyncState } from '@/lib/cache/sync-state';
import type { Handler } from '@/lib/messaging/server';
import { MAX_SNAPSHOT_CAMPAIGNS } from '@/lib/schema/snapshots';

/** What the options page offers to snapshot: the account's campaigns and its latest synced day. */
export const snapshotsSubjects: Handler<'snapshots.subjects'> = async ({ accountId }) => {
  const [campaigns, state] = await Promise.all([
    listEntities(accountId, 'campaign'),
    readSyncState(accountId),
  ]);
  return {
    campaigns: campaigns
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, MAX_SNAPSHOT_CAMPAIGNS)
      .map(({ entityId, name }) => ({ entityId, name })),
    latestDay: state.coverage.campaign?.until ?? null,
  };
};
