import type { QueryObserverResult } from '@tanstack/query-core';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { AccountPanel, type AccountPanelState } from '@/components/AccountPanel';
import { errorText as errorTextIn } from '@/components/error-text';
import { InsightPanel, type InsightPanelState, type InsightView } from '@/components/InsightPanel';
import { ExplainPanel } from '@/entrypoints/ads-manager.content/explain-panel';
import {
  onInsightPanelRequest,
  type InsightPanelTarget,
} from '@/entrypoints/ads-manager.content/panel-requests';
import { pageQueryClient } from '@/entrypoints/ads-manager.content/page-query-client';
import { syncStatusQuery } from '@/entrypoints/ads-manager.content/sync-status';
import { SyncProgressLine } from '@/entrypoints/ads-manager.content/sync-progress';
import { formatAge, formatChange, formatKpi, formatMoney, metricLabel } from '@/lib/insight/format';
import { changeOf } from '@/lib/insight/kpis';
import { selectedSubject } from '@/lib/insight/subject';
import { send } from '@/lib/messaging/page-client';
import type { ParsedResponseOf } from '@/lib/messaging/protocol';
import { readPageDateRange } from '@/lib/ads-manager/date-range';
import type { Feature } from '@/lib/ads-manager/feature-runner';
import { detectAdsManagerPage, type AdsManagerPage } from '@/lib/ads-manager/page-detect';
import { layoutReport } from '@/lib/ads-manager/layout-report';
import { table } from '@/lib/ads-manager/selectors';
import { mountShadowUi } from '@/lib/ads-manager/shadow-ui';
import { useRecognition } from '@/entrypoints/ads-manager.content/recognition-status';
import { RecognitionStatus } from '@/components/RecognitionStatus';
import { queryKeys } from '@/lib/query/keys';
import { useQuery } from '@/lib/query/use-query';
import type { AccountSummary } from '@/lib/schema/account';
import { AppError } from '@/lib/schema/errors';
import type { InsightChange, InsightGetResponse } from '@/lib/schema/insight';
import type { AccountSyncSummary } from '@/lib/schema/sync';
import { dateInTimeZone, formatDay } from '@/lib/util/dates';
import { findingText } from '@/lib/util/finding-text';
import { keyFor } from '@/lib/util/i18n';
import { pageLocale as locale, pageT as t } from '@/entrypoints/ads-manager.content/page-language';
import explainChartCss from '@/components/explain-chart.css?inline';
import panelCss from './insight-panel.css?inline';
import { dateTimeFormat } from '@/lib/util/intl';

/**
 * Adlens in Ads Manager's corner: the account it sees and an Insights button, which opens the
 * insight panel on the selected campaign, ad set or ad (or the account); badges open it through
 * panel-requests.ts. The panel shows the page's date range against the period before it, and
 * follows date, selection and account changes in the page, and finished syncs.
 */
type AccountAnswer = ParsedResponseOf<'accounts.get'>;

/** Kept across navigations (each re-runs the feature): a hidden launcher, an open panel. */
let collapsedOnPage = false;
let openTarget: InsightPanelTarget | null = null;

const TREND_SUMMARY_LIMIT = 3;

const errorText = (error: unknown, fallback: string) => errorTextIn(t, error, fallback);

function toLauncherState(
  query: QueryObserverResult<AccountAnswer, Error>,
  accountId: string,
): AccountPanelState {
  if (query.isPending) return { kind: 'loading' };
  if (query.isError) {
    if (query.error instanceof AppError && query.error.code === 'not-connected') {
      return { kind: 'not-connected' };
    }
    return { kind: 'error', message: errorText(query.error, t('panelAccountFailed')) };
  }
  const { account } = query.data;
  return account ? { kind: 'ready', account } : { kind: 'unknown-account', accountId };
}

function describeChange(change: InsightChange, currency: string): string {
  const text = (value: InsightChange['before']) => {
    if (value === null) return t('changeValueNone');
    if (typeof value === 'string') return value;
    return formatMoney(value, { locale: locale(), currency });
  };
  return t(
    'panelChange',
    change.subject,
    t(keyFor('changeField', change.field)),
    text(change.before),
    text(change.after),
  );
}

function toView(answer: InsightGetResponse): InsightView {
  const formats = { locale: locale(), currency: answer.currency };
  const day = (date: string) => formatDay(date, locale());
  const { range, previous } = answer;
  return {
    subject: answer.subject.name,
    levelLabel: t(keyFor('levelLabel', answer.subject.level)),
    period: t(
      'panelPeriod',
      day(range.since),
      day(range.until),
      day(previous.since),
      day(previous.until),
    ),
    kpis: answer.kpis.map(({ metric, current, previous: before }) => ({
      key: metric,
      label: metricLabel(metric, t),
      current: formatKpi(metric, current, formats),
      previous: formatKpi(metric, before, formats),
      change: formatChange(changeOf(current, before), locale()),
    })),
    trends: answer.trends.map(({ metric, days }) => {
      const outside = days.filter((entry) => entry.anomalous).length;
      const latest = days.at(-1)?.value ?? null;
      return {
        key: metric,
        label: metricLabel(metric, t),
        summary:
          outside > TREND_SUMMARY_LIMIT
            ? t('trendOutsideMany', formatKpi(metric, latest, formats), TREND_SUMMARY_LIMIT)
            : t('trendOutside', formatKpi(metric, latest, formats), outside),
        days,
      };
    }),
    findings: answer.findings.map((finding) => ({
      severity: finding.severity,
      subject: finding.subject,
      sentence: findingText(finding.sentence, t, locale()),
      nextStep: findingText(finding.nextStep, t, locale()),
    })),
    changes: answer.changes.map((change, index) => ({
      key: `${change.time}-${index}`,
      text: describeChange(change, answer.currency),
      when: dateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
        change.time,
      ),
    })),
  };
}

function freshnessText(
  status: AccountSyncSummary | undefined,
  answer: InsightGetResponse | undefined,
) {
  if (status?.state === 'syncing' || answer?.freshness.syncing) return t('panelSyncing');
  const lastSyncAt = status?.lastSyncAt ?? answer?.freshness.lastSyncAt ?? null;
  return lastSyncAt === null
    ? t('panelNotSynced')
    : t('panelSyncedAge', formatAge(lastSyncAt, Date.now(), locale()));
}

/** Why the numbers may be older than they look: said, never hidden. */
function noticeText(
  insight: QueryObserverResult<InsightGetResponse, Error>,
  status: QueryObserverResult<ParsedResponseOf<'sync.status'>, Error>,
  syncNotice: string | null,
): string | null {
  const unreachable = [insight.error, status.error].some(
    (error) => error instanceof AppError && error.code === 'background-unreachable',
  );
  if (unreachable && insight.data) {
    return t('panelBackgroundGone');
  }
  const problem = insight.data?.freshness.problem;
  if (problem)
    return t('panelProblemCached', t(keyFor('syncProblem', problem.kind), problem.message));
  if (insight.data && !insight.data.covered.current) return t('panelRangeNotSynced');
  return syncNotice;
}

interface InsightDialogProps {
  readonly target: InsightPanelTarget;
  /** Undefined while Adlens cannot say (not connected, background unreachable). */
  readonly account: AccountSummary | undefined;
  readonly page: AdsManagerPage;
  readonly onClose: () => void;
}

function InsightDialog({ target, account, page, onClose }: InsightDialogProps) {
  const client = pageQueryClient();
  const [syncNotice, setSyncNotice] = useState<string | null>(null);
  const status = useQuery(client, syncStatusQuery(target.accountId));
  const accountStatus = status.data?.accounts.find((entry) => entry.accountId === target.accountId);
  // The account's today ends the default range; without the account, the browser's will do.
  const timeZone = account?.timezoneName ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const range = readPageDateRange(page, dateInTimeZone(Date.now(), timeZone));
  const request = {
    accountId: target.accountId,
    level: target.level,
    entityId: target.entityId,
    ...range,
  };
  const queryKey = [
    ...queryKeys.insight(request),
    // A finished sync changes this, which fetches the panel's data again: the live refresh.
    accountStatus?.lastSyncAt ?? null,
  ] as const;
  const insight = useQuery(client, {
    queryKey,
    queryFn: () => send('insight.get', request),
    placeholderData: (previous) => previous,
  });

  function syncNow() {
    setSyncNotice(null);
    void send('insight.get', { ...request, refresh: true })
      .then((answer) => {
        client.setQueryData(queryKey, answer);
        if (!answer.freshness.refreshStarted) {
          setSyncNotice(t('panelSyncCoolDown'));
        }
        return client.invalidateQueries({ queryKey: queryKeys.syncStatus() });
      })
      .catch((reason: unknown) => setSyncNotice(errorText(reason, t('panelSyncFailed'))));
  }

  /** The background builds the snapshot and opens the viewer; nothing of it comes to the page. */
  function shareSnapshot() {
    setSyncNotice(null);
    const subject =
      target.entityId === null ? null : { level: target.level, entityId: target.entityId };
    void send('snapshots.open', { accountId: target.accountId, subject, ...range }).catch(
      (reason: unknown) => setSyncNotice(errorText(reason, t('panelShareFailed'))),
    );
  }

  const state: InsightPanelState = insight.data
    ? { kind: 'ready', view: toView(insight.data) }
    : insight.isError
      ? { kind: 'error', message: errorText(insight.error, insight.error.message) }
      : { kind: 'loading' };
  return (
    <InsightPanel
      t={t}
      state={state}
      freshness={freshnessText(accountStatus, insight.data)}
      notice={noticeText(insight, status, syncNotice)}
      syncing={accountStatus?.state === 'syncing'}
      onSyncNow={syncNow}
      onShare={shareSnapshot}
      onClose={onClose}
      explain={
        insight.data && (
          <ExplainPanel
            accountId={target.accountId}
            level={target.level}
            entityId={target.entityId}
            range={range}
            findings={insight.data.findings}
            currency={insight.data.currency}
          />
        )
      }
    />
  );
}

function InsightPanelForPage({
  page,
  signal,
}: {
  readonly page: AdsManagerPage;
  readonly signal: AbortSignal;
}) {
  const [collapsed, setCollapsed] = useState(collapsedOnPage);
  const [target, setTarget] = useState(
    openTarget?.accountId === page.accountId ? openTarget : null,
  );
  const account = useQuery(pageQueryClient(), {
    queryKey: queryKeys.account(page.accountId),
    queryFn: () => send('accounts.get', { accountId: page.accountId }),
  });

  function open(next: InsightPanelTarget | null) {
    openTarget = next;
    setTarget(next);
  }
  // Listening from the first render, not an effect: a badge clicked at once is not lost.
  useState(() => onInsightPanelRequest(open, signal));

  function toggle() {
    collapsedOnPage = !collapsed;
    setCollapsed(collapsedOnPage);
  }
  const accountSummary = account.data?.account ?? undefined;
  const recognition = useRecognition();
  return (
    <>
      <AccountPanel
        t={t}
        state={toLauncherState(account, page.accountId)}
        collapsed={collapsed}
        onToggleCollapsed={toggle}
        onOpenInsights={() => open({ accountId: page.accountId, ...selectedSubject(page) })}
        status={
          accountSummary && (
            <SyncProgressLine accountId={page.accountId} name={accountSummary.name} />
          )
        }
      >
        {recognition && (
          <RecognitionStatus
            t={t}
            view={recognition}
            report={() => layoutReport(document.querySelector(table), location.pathname)}
          />
        )}
      </AccountPanel>
      {target && (
        <InsightDialog
          target={target}
          account={accountSummary}
          page={page}
          onClose={() => open(null)}
        />
      )}
    </>
  );
}

export const insightPanel: Feature = {
  id: 'insight-panel',
  include: (url) => detectAdsManagerPage(url) !== undefined,
  init(signal, url) {
    const page = detectAdsManagerPage(url);
    if (!page) return;
    const root = mountShadowUi({
      tagName: 'adlens-panel',
      css: `${panelCss}\n${explainChartCss}`,
      signal,
    });
    if (!root) return;
    render(<InsightPanelForPage page={page} signal={signal} />, root);
    signal.addEventListener('abort', () => render(null, root), { once: true });
  },
};
