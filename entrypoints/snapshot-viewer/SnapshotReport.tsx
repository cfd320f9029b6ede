import { EntityTree } from '@/components/EntityTree';
import { ExplainChart } from '@/components/ExplainSection';
import { FindingList } from '@/components/FindingList';
import { KpiTable } from '@/components/KpiTable';
import { Sparkline } from '@/components/Sparkline';
import type { Snapshot } from '@/lib/snapshots/format/schema';
import { uiReader } from '@/lib/util/i18n';
import {
  entityViews,
  findingViews,
  kpiRows,
  periodText,
  seriesViews,
  subjectName,
} from '@/lib/snapshots/render/view';

/** A snapshot, read-only: every name and sentence in it is someone else's text, shown as text. */
export function SnapshotReport({ snapshot }: { readonly snapshot: Snapshot }) {
  const reader = uiReader();
  const { t } = reader;
  const rows = kpiRows(snapshot, reader).map((row) => ({ ...row, key: row.metric }));
  const series = seriesViews(snapshot, reader);
  const findings = findingViews(snapshot, reader);
  const explained = findings.flatMap(({ subject, explanation }) =>
    explanation ? [{ subject, explanation }] : [],
  );
  return (
    <article class="report" aria-labelledby="report-heading">
      <h3 id="report-heading" data-testid="snapshot-subject">
        {subjectName(snapshot, reader)}
      </h3>
      <p class="muted" data-testid="snapshot-period">
        {periodText(snapshot, reader)}
      </p>
      <KpiTable t={t} caption={t('panelKpis')} rows={rows} rowTestId="snapshot-kpi" />
      {series.length > 0 && (
        <section aria-labelledby="series-heading">
          <h4 id="series-heading">{t('snapshotSeries')}</h4>
          <ul class="series">
            {series.map((line) => (
              <li key={line.metric} data-testid="snapshot-series">
                <span class="series-label">{line.label}</span>
                <Sparkline values={line.values} label={t('snapshotSeriesLabel', line.label)} />
                <span class="series-latest">{line.latest}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="findings-heading">
        <h4 id="findings-heading">{t('panelFindings')}</h4>
        <FindingList t={t} findings={findings} itemTestId="snapshot-finding" />
      </section>
      {explained.length > 0 && (
        <section aria-labelledby="explanations-heading">
          <h4 id="explanations-heading">{t('explainHeading')}</h4>
          {explained.map(({ subject, explanation }, index) => (
            <div key={index} data-testid="snapshot-explanation">
              <p>
                <span class="finding-subject">{subject}</span>{' '}
                <span data-testid="snapshot-explanation-sentence">{explanation.sentence}</span>
              </p>
              {explanation.bars.length > 0 && (
                <ExplainChart
                  t={t}
                  bars={explanation.bars}
                  measure={explanation.measure}
                  valueLabel={explanation.valueLabel}
                />
              )}
            </div>
          ))}
        </section>
      )}
      <details>
        <summary>{t('snapshotEntities', snapshot.entities.length)}</summary>
        <EntityTree entities={entityViews(snapshot, reader)} />
      </details>
    </article>
  );
}
