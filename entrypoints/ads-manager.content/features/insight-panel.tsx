import { render } from 'preact';
import { useState } from 'preact/hooks';
import { AccountPanel } from '@/components/AccountPanel';
import { InsightPanel, type InsightPanelState } from '@/components/InsightPanel';
import { ExplainPanel } from '@/entrypoints/ads-manager.content/explain-panel';
import {
  errorText,
  freshnessText,
  noticeText,
  toLauncherState,
  toView,
} from '@/entrypoints/ads-manager.content/insight-panel-view';
import {
  onInsightPanelRequest,
  type InsightPanelTarget,
} from '@/entrypoints/ads-manager.content/panel-requests';
import { pageQueryClient } from '@/entrypoints/ads-manager.content/page-query-client';
import { syncStatusQuery } from '@/entrypoints/ads-manager.content/sync-status';
import { SyncProgressLine } from '@/entrypoints/ads-manager.content/sync-progress';
import { selectedSubject } from '@/lib/ads-manager/selected-subject';
import { send } from '@/lib/messaging/page-client';
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
import { dateInTimeZone } from '@/lib/util/dates';
import { pageT as t } from '@/entrypoints/ads-manager.content/page-language';
import explainChartCss from '@/components/explain-chart.css?inline';
import panelCss from './insight-panel.css?inline';

/**
 * Adlens in Ads Manager's corner: the account it sees and an Insights button, which opens the
 * insight panel on the selected campaign, ad set or ad (or the account); badges open it through
 * panel-requests.ts. The panel shows the page's date range against the period before it, and
 * follows date, selection and account changes in the page, and finished syncs.
 */
/** Kept across navigations (each re-runs the feature): a hidden launcher, an open panel. */
let collapsedOnPage = false;
let openTarget: InsightPanelTarget | null = null;

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
