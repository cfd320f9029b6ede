import type { QueryObserverResult } from '@tanstack/query-core';
import type { AccountPanelState } from '@/components/AccountPanel';
import { errorText as errorTextIn } from '@/components/error-text';
import type { InsightView } from '@/components/InsightPanel';
import { pageLocale as locale, pageT as t } from '@/entrypoints/ads-manager.content/page-language';
import { formatAge, formatChange, formatKpi, formatMoney, metricLabel } from '@/lib/insight/format';
import { changeOf } from '@/lib/insight/kpis';
import type { ParsedResponseOf } from '@/lib/messaging/protocol';
import { AppError } from '@/lib/schema/errors';
import type { InsightChange, InsightGetResponse } from '@/lib/schema/insight';
import type { AccountSyncSummary } from '@/lib/schema/sync';
import { formatDay } from '@/lib/util/dates';
import { findingText } from '@/lib/util/finding-text';
import { keyFor } from '@/lib/util/i18n';
import { dateTimeFormat } from '@/lib/util/intl';

/**
 * The insight panel's view model: the background's answers turned into the words and numbers the
 * corner launcher and the panel show, in the page's language and the account's currency.
 */
export type AccountAnswer = ParsedResponseOf<'accounts.get'>;

const TREND_SUMMARY_LIMIT = 3;

export const errorText = (error: unknown, fallback: string): string =>
  errorTextIn(t, error, fallback);

export function toLauncherState(
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

export function toView(answer: InsightGetResponse): InsightView {
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

export function freshnessText(
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
export function noticeText(
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
