import { useState } from 'preact/hooks';
import { ExplainSection, type ExplainAnswer } from '@/components/ExplainSection';
import { send } from '@/lib/messaging/page-client';
import { AppError } from '@/lib/schema/errors';
import type { ExplainMetric, Explanation } from '@/lib/schema/explain';
import type { InsightFinding, InsightSubjectLevel } from '@/lib/schema/insight';

/**
 * The insight panel's Explain: asks the background (findings.explain), which reads breakdowns from
 * Meta only now and keeps the answer with the finding. The page never sees more than the answer.
 */

const KPI_CHOICES: readonly { metric: ExplainMetric; label: string }[] = [
  { metric: 'spend', label: 'Amount spent' },
  { metric: 'cpm', label: 'CPM' },
  { metric: 'ctr', label: 'CTR (link)' },
  { metric: 'cpa', label: 'Cost per purchase' },
  { metric: 'roas', label: 'ROAS' },
];

const WEIGHT: Readonly<Record<ExplainMetric, string>> = {
  spend: 'Share of spend',
  impressions: 'Share of impressions',
  conversions: 'Share of purchases',
  cpm: 'Share of impressions',
  ctr: 'Share of impressions',
  cpc: 'Share of link clicks',
  cpa: 'Share of spend',
  roas: 'Share of spend',
};

interface ExplainPanelProps {
  readonly accountId: string;
  readonly level: InsightSubjectLevel;
  readonly entityId: string | null;
  readonly range: { readonly since: string; readonly until: string };
  readonly findings: readonly InsightFinding[];
}

function toAnswer(key: string, explanation: Explanation): ExplainAnswer {
  const { baseline, affected } = explanation;
  return {
    kind: 'ready',
    key,
    sentence: explanation.sentence,
    measure: WEIGHT[explanation.metric],
    bars: explanation.segments.map((segment) => ({
      label: segment.label,
      before: segment.weightBefore,
      after: segment.weightAfter,
      named: segment.named,
    })),
    note: `${affected.since} – ${affected.until} against ${baseline.since} – ${baseline.until}; read from Meta on request (${explanation.requests} requests), kept with the finding.`,
  };
}

export function ExplainPanel({ accountId, level, entityId, range, findings }: ExplainPanelProps) {
  const [answer, setAnswer] = useState<ExplainAnswer>({ kind: 'idle' });
  const explainable = findings.filter((finding) => finding.explainable);

  function explain(key: string) {
    setAnswer({ kind: 'loading', key });
    const kpi = KPI_CHOICES.find((choice) => `kpi:${choice.metric}` === key);
    const request = kpi
      ? { accountId, level, entityId, metric: kpi.metric, ...range }
      : { accountId, findingId: key };
    send('findings.explain', request)
      .then((explanation) => setAnswer(toAnswer(key, explanation)))
      .catch((reason: unknown) =>
        setAnswer({
          kind: 'error',
          key,
          message: reason instanceof AppError ? reason.message : 'Adlens could not explain this.',
        }),
      );
  }

  return (
    <ExplainSection
      findings={explainable.map((finding) => ({
        key: finding.findingId,
        label: `${finding.subject}: ${finding.sentence}`,
      }))}
      kpis={KPI_CHOICES.map((choice) => ({
        key: `kpi:${choice.metric}`,
        label: `${choice.label} against the period before`,
      }))}
      answer={answer}
      onExplain={explain}
    />
  );
}
