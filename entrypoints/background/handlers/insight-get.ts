import { requireToken } from '@/lib/auth/require-token';
import { requireAccount } from '@/lib/cache/accounts';
import { readChanges, type EntityChange } from '@/lib/cache/changes';
import { listEntities } from '@/lib/cache/entities';
import { readAccountFindings, readEntityFindings, type StoredFinding } from '@/lib/cache/findings';
import { readSeries } from '@/lib/cache/series';
import { readSyncState, type SyncState } from '@/lib/cache/sync-state';
import { isExplainMetric } from '@/lib/explain/measures';
import { compareKpis, comparisonWindow } from '@/lib/insight/comparison';
import { needsUnread, sumDaily, type KpiMetric } from '@/lib/insight/kpis';
import { trendOf } from '@/lib/insight/trend';
import type { Handler } from '@/lib/messaging/server';
import type { AccountId } from '@/lib/schema/account';
import {
  MAX_PANEL_CHANGES,
  MAX_PANEL_FINDINGS,
  type InsightChange,
  type InsightFinding,
  type InsightGetRequest,
} from '@/lib/schema/insight';
import type { EntityLevel } from '@/lib/schema/insights';
import { unfetchedMetrics } from '@/lib/schema/sync';
import { mostSevereFirst } from '@/lib/schema/vocabulary';
import { readSyncSettings } from '@/lib/settings/sync';
import { refreshIfStale, syncScheduler } from '@/lib/sync/service';
import { pageMaySync } from '@/lib/sync/triggers';
import { daysInRange } from '@/lib/util/dates';

/** The daily trends the panel draws, each with its expected band. */
const TREND_METRICS: readonly KpiMetric[] = ['spend', 'cpm', 'ctr', 'cpa'];
/** Days before the range the band is fitted on, so a short range still gets its weekly rhythm. */
const BASELINE_DAYS = 28;

/**
 * Sync now as Ads Manager may ask for it: this one account, and not again within a few minutes of
 * its last sync or attempt, so a page (or a script pretending to be one) cannot make Adlens hammer
 * Meta. Returns whether a sync was started.
 */
async function syncIfQuiet(accountId: AccountId, state: SyncState, now: number): Promise<boolean> {
  const scheduler = syncScheduler();
  if (scheduler.isSyncing(accountId)) return false;
  if ((await readSyncSettings()).disabledAccounts.includes(accountId)) return false;
  if (!pageMaySync(state, now)) return false;
  return scheduler.request([accountId], { first: true }).length > 0;
}

/** Names of the entities findings and changes point at, reading only the levels they name. */
async function namesOf(
  accountId: AccountId,
  refs: readonly { level: string; entityId: string }[],
): Promise<Map<string, string>> {
  const levels = new Set(refs.map((ref) => ref.level));
  const names = new Map<string, string>();
  for (const level of ['campaign', 'adset', 'ad'] as const) {
    if (!levels.has(level)) continue;
    for (const entity of await listEntities(accountId, level))
      names.set(entity.entityId, entity.name);
  }
  return names;
}

async function readFindings(request: InsightGetRequest): Promise<StoredFinding[]> {
  const findings =
    request.entityId === null
      ? (await readAccountFindings(request.accountId)).filter(
          (finding) => finding.parentId === null,
        )
      : await readEntityFindings(request.accountId, request.level, request.entityId);
  return findings.sort(mostSevereFirst).slice(0, MAX_PANEL_FINDINGS);
}

async function readKpisAndTrends(request: InsightGetRequest, level: EntityLevel, state: SyncState) {
  const window = comparisonWindow({ since: request.since, until: request.until }, BASELINE_DAYS);
  const series = await readSeries(
    request.accountId,
    level,
    window.firstDay,
    window.lastDay,
    request.entityId === null ? undefined : [request.entityId],
  );
  const daily = sumDaily(series, window.lastDay - window.firstDay + 1);
  const unread = unfetchedMetrics((await readSyncSettings()).metricGroups);
  const { covered, kpis } = compareKpis(daily, window, state.coverage[level], unread);
  const rangeDays = daysInRange(window.range.since, window.range.until);
  const trends = covered.current
    ? TREND_METRICS.filter((metric) => !needsUnread(metric, unread)).map((metric) => ({
        metric,
        days: trendOf(daily, metric, rangeDays),
      }))
    : [];
  return { range: window.range, previous: window.previous, covered, kpis, trends };
}

function toChange(change: EntityChange, names: ReadonlyMap<string, string>): InsightChange {
  const { field, before, after, time } = change;
  return { subject: names.get(change.entityId) ?? change.entityId, field, before, after, time };
}

/**
 * What the insight panel shows of one campaign, ad set or ad, or of the account (its campaigns
 * summed), for the page's range against the period before it. Served from the cache, token
 * expired or Meta down alike: the freshness says how old it is and why.
 */
export const insightGet: Handler<'insight.get'> = async (request, context) => {
  await requireToken();
  const { accountId, level, entityId } = request;
  const account = await requireAccount(accountId);
  const state = await readSyncState(accountId);
  let refreshStarted = false;
  if (request.refresh === true) refreshStarted = await syncIfQuiet(accountId, state, Date.now());
  else if (context.senderClass === 'content-script') await refreshIfStale(accountId);

  const seriesLevel: EntityLevel = level === 'account' ? 'campaign' : level;
  const [measures, findings, changes] = await Promise.all([
    readKpisAndTrends(request, seriesLevel, state),
    readFindings(request),
    readChanges(accountId, entityId ?? undefined).then((all) => all.slice(0, MAX_PANEL_CHANGES)),
  ]);
  const names = await namesOf(accountId, [
    ...findings,
    ...changes,
    ...(entityId === null ? [] : [{ level, entityId }]),
  ]);
  names.set(accountId, account.name);
  return {
    accountId,
    currency: account.currency,
    subject: { level, entityId, name: names.get(entityId ?? accountId) ?? entityId ?? accountId },
    ...measures,
    findings: findings.map((finding): InsightFinding => ({
      severity: finding.severity,
      subject: names.get(finding.entityId) ?? finding.entityId,
      sentence: finding.summary,
      nextStep: finding.nextStep,
      startDate: finding.startDate,
      findingId: finding.findingId,
      explainable: isExplainMetric(finding.metric),
    })),
    changes: changes.map((change) => toChange(change, names)),
    freshness: {
      lastSyncAt: state.lastSyncAt,
      syncing: refreshStarted || syncScheduler().isSyncing(accountId),
      problem: state.lastError && { kind: state.lastError.kind, message: state.lastError.message },
      refreshStarted,
    },
  };
};
