import { useState } from 'preact/hooks';
import { ExplainSection, type ExplainAnswer } from '@/components/ExplainSection';
import { send } from '@/lib/messaging/page-client';
import { AppError } from '@/lib/schema/errors';
import { kpiLabel } from '@/lib/insight/format';
import { pageLocale, pageT } from '@/entrypoints/ads-manager.content/page-language';
import { findingText } from '@/lib/util/finding-text';
import type { ExplainMetric } from '@/lib/schema/explain';
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
}

export function ExplainPanel({ accountId, level, entityId, range, findings }: ExplainPanelProps) {
  const [answer, setAnswer] = useState<ExplainAnswer>({ kind: 'idle' });
  const explainable = findings.filter((finding) => finding.explainable);

  function explain(key: string) {
    setAnswer({ kind: 'loading', key });
    const metric = KPI_CHOICES.find((choice) => `kpi:${choice}` === key);
    const request = metric
      ? { accountId, level, entityId, metric, ...range }
      : { accountId, findingId: key };
    send('findings.explain', request)
      .then((view) => setAnswer({ kind: 'ready', key, ...view }))
      .catch((reason: unknown) =>
        setAnswer({
          kind: 'error',
          key,
          message: reason instanceof AppError ? reason.message : pageT('explainFailed'),
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
      kpis={KPI_CHOICES.map((metric) => ({ key: `kpi:${metric}`, label: kpiLabel(metric, pageT) }))}
      answer={answer}
      onExplain={explain}
    />
  );
}
