import { listSyncStates, storedMetricGroups, writeSyncState } from '@/lib/cache/sync-state';
import { pruneExplanations } from '@/lib/cache/explanations';
import { clearSeriesMetrics } from '@/lib/cache/series';
import { ENTITY_LEVELS } from '@/lib/schema/insights';
import { SyncSettingsSchema, unfetchedMetrics, type MetricGroup } from '@/lib/schema/sync';
import { clearAccountData, clearLevelData } from './account-data';
import { pruneInsights } from './retention';

const DAY_MS = 86_400_000;

/**
 * Data minimization, applied whenever the sync settings change and by the daily retention alarm:
 * accounts turned off and levels no longer synced are deleted at once, so are the stored values of
 * metrics no longer read, and insights (and explanations) older than the days kept. A value that does not parse
 * deletes nothing: a corrupt setting must not cost data.
 */
export async function applyDataPolicy(rawSettings: unknown, now = Date.now()): Promise<void> {
  const parsed = SyncSettingsSchema.safeParse(rawSettings);
  if (!parsed.success) return;
  const settings = parsed.data;
  const unwantedLevels = ENTITY_LEVELS.filter((level) => !settings.levels.includes(level));
  await clearAccountData(settings.disabledAccounts);
  for (const { accountId } of await listSyncStates()) {
    await clearLevelData(accountId, unwantedLevels);
  }
  await clearSeriesMetrics(unfetchedMetrics(settings.metricGroups));
  await forgetClearedMetricGroups(settings.metricGroups);
  await pruneInsights(settings.backfillDays, now);
  await pruneExplanations(now - settings.backfillDays * DAY_MS);
}

/** The stored insights no longer hold a cleared group, so turning it back on reads its days again. */
async function forgetClearedMetricGroups(wanted: readonly MetricGroup[]): Promise<void> {
  for (const state of await listSyncStates()) {
    const stored = storedMetricGroups(state);
    const kept = stored.filter((group) => wanted.includes(group));
    if (kept.length < stored.length) await writeSyncState({ ...state, metricGroups: kept });
  }
}
