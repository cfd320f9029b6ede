import { pageQueryClient } from '@/entrypoints/ads-manager.content/page-query-client';
import { syncStatusQuery } from '@/entrypoints/ads-manager.content/sync-status';
import { pageT } from '@/entrypoints/ads-manager.content/page-language';
import { useQuery } from '@/lib/query/use-query';
import { syncPercent } from '@/lib/schema/sync';

/**
 * The corner panel's line while the page's account syncs ("Reading 90 days of Northwind Home UK…
 * 40 %"), panel open or not: the first sync starts when Ads Manager opens on an account never
 * synced. Nothing once it is done; the insight panel says how fresh the numbers are.
 */
export function SyncProgressLine({ accountId, name }: { accountId: string; name: string }) {
  const status = useQuery(pageQueryClient(), syncStatusQuery(accountId));
  const summary = status.data?.accounts.find((entry) => entry.accountId === accountId);
  if (summary?.state !== 'syncing') return null;
  const { progress } = summary;
  return (
    <p class="sync-progress" role="status" data-testid="sync-progress">
      {progress
        ? pageT('overlaySyncReading', progress.days, name, syncPercent(progress))
        : pageT('overlaySyncStarting', name)}
    </p>
  );
}
