import { useState } from 'preact/hooks';
import { ExplainSection, type ExplainAnswer } from '@/components/ExplainSection';
import { send } from '@/lib/messaging/page-client';
import { errorText } from '@/components/error-text';
import { formatKpi, metricLabel } from '@/lib/insight/format';
import { pageLocale, pageT } from '@/entrypoints/ads-manager.content/page-language';
import { findingText } from '@/lib/util/finding-text';
import type { ExplainMetric, ExplainView } from '@/lib/schema/explain';
import type { InsightFinding, InsightSubjectLevel } from '@/lib/schema/insight';

/**
 * The insight panel's Explain: asks the background (findings.explain), which reads breakdowns from
 * Meta only now and keeps the answer with the finding. The page never sees more than the answer.
 */

const KPI_CHOICES: readonly ExplainMetric[] = ['spend', 'cpm', 'ctr', 'cpa', 'roas'];

interface ExplainPanelProps {
  readonly accountId: string;
  readonly level: InsightSubjectLevel;
  readonly entityId: string | null;
  readonly range: { readonly since: string; readonly until: string };
  readonly findings: readonly InsightFinding[];
  /** The account's, for the segments' money ratios (CPM, CPC, CPA). */
  readonly currency: string;
}

/** The answer as the section shows it: words, ratios and the account's money in the page's language. */
function shownAnswer(key: string, view: ExplainView, currency: string): ExplainAnswer {
  const locale = pageLocale();
  const formats = { locale, currency };
  const say = (message: ExplainView['sentence']) => findingText(message, pageT, locale);
  return {
    kind: 'ready',
    key,
    sentence: say(view.sentence),
    measure: say(view.measure),
    valueLabel: metricLabel(view.metric, pageT),
    note: say(view.note),
    bars: view.bars.map(({ label, before, after, named, valueBefore, valueAfter }) => ({
      label: say(label),
      before,
      after,
      named,
      ...(valueBefore === null && valueAfter === null
        ? {}
        : {
            values: `${formatKpi(view.metric, valueBefore, formats)} → ${formatKpi(view.metric, valueAfter, formats)}`,
          }),
    })),
  };
}

export function ExplainPanel({
  accountId,
  level,
  entityId,
  range,
  findings,
  currency,
}: ExplainPanelProps) {
  const [answer, setAnswer] = useState<ExplainAnswer>({ kind: 'idle' });
  const explainable = findings.filter((finding) => finding.explainable);

  function explain(key: string) {
    setAnswer({ kind: 'loading', key });
    const metric = KPI_CHOICES.find((choice) => `kpi:${choice}` === key);
    const request = metric
      ? { accountId, level, entityId, metric, ...range }
      : { accountId, findingId: key };
    send('findings.explain', request)
      .then((view) => setAnswer(shownAnswer(key, view, currency)))
      .catch((reason: unknown) =>
        setAnswer({
          kind: 'error',
          key,
          message: errorText(pageT, reason, pageT('explainFailed')),
        }),
      );
  }

  return (
    <ExplainSection
      t={pageT}
      findings={explainable.map((finding) => ({
        key: finding.findingId,
        label: pageT(
          'explainFindingLabel',
          finding.subject,
          findingText(finding.sentence, pageT, pageLocale()),
        ),
      }))}
      kpis={KPI_CHOICES.map((metric) => ({
        key: `kpi:${metric}`,
        label: metricLabel(metric, pageT),
      }))}
      answer={answer}
      onExplain={explain}
    />
  );
}
