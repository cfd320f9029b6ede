import { listEntities } from '@/lib/cache/entities';
import { readSyncState } from '@/lib/cache/sync-state';
import { defineHandler } from '@/lib/messaging/handler';
import { MAX_SNAPSHOT_CAMPAIGNS } from '@/lib/schema/snapshots';

/** What the options page offers to snapshot: the account's campaigns and its latest synced day. */
export default defineHandler('snapshots.subjects', async ({ accountId }) => {
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
});
