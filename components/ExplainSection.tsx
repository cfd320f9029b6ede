import type { Translate } from './translate';
import { documentLocale } from './extension-page';
import { percent } from '@/lib/util/finding-text';

/**
 * Explain in the insight panel (issue #18): a button per explainable finding and per KPI, and the
 * answer — a sentence and a small before/after chart of the top segments' shares. Text only: the
 * segment names come from Meta and the finding subjects from the advertiser.
 */

export interface ExplainChoice {
  readonly key: string;
  readonly label: string;
}

export interface ExplainBar {
  readonly label: string;
  /** Share of impressions or spend, 0–1, before and after. */
  readonly before: number;
  readonly after: number;
  readonly named: boolean;
  /** The segment's own CPM, CTR, CPA… before → after, formatted; absent for a sum. */
  readonly values?: string;
}

export type ExplainAnswer =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading'; readonly key: string }
  | { readonly kind: 'error'; readonly key: string; readonly message: string }
  | {
      readonly kind: 'ready';
      readonly key: string;
      readonly sentence: string;
      /** "Share of impressions": what the bars measure. */
      readonly measure: string;
      /** "CPM": what the bars' values are, when they have any. */
      readonly valueLabel: string;
      readonly bars: readonly ExplainBar[];
      readonly note: string;
    };

interface ExplainSectionProps {
  readonly t: Translate;
  readonly findings: readonly ExplainChoice[];
  readonly kpis: readonly ExplainChoice[];
  readonly answer: ExplainAnswer;
  readonly onExplain: (key: string) => void;
}

/** A bar's length: a CSS percentage, which takes no space before the sign. */
const barWidth = (share: number) => `${Math.round(share * 100)}%`;

function Choices(props: {
  readonly t: Translate;
  readonly choices: readonly ExplainChoice[];
  readonly answer: ExplainAnswer;
  readonly onExplain: (key: string) => void;
  readonly testId: string;
}) {
  const busy = props.answer.kind === 'loading';
  return (
    <ul class="explain-choices">
      {props.choices.map((choice) => (
        <li key={choice.key}>
          <button
            type="button"
            data-testid={props.testId}
            disabled={busy}
            aria-pressed={props.answer.kind !== 'idle' && props.answer.key === choice.key}
            onClick={() => props.onExplain(choice.key)}
          >
            {props.t('explainButton')}
          </button>{' '}
          {choice.label}
        </li>
      ))}
    </ul>
  );
}

/** The top segments' shares before and after (and their own ratio): the panel's, and a snapshot's. */
export function ExplainChart({
  t,
  bars,
  measure,
  valueLabel,
}: {
  readonly t: Translate;
  readonly bars: readonly ExplainBar[];
  readonly measure: string;
  readonly valueLabel: string;
}) {
  const withValues = bars.some((bar) => bar.values !== undefined);
  return (
    <table class="explain-chart" data-testid="explain-chart">
      <caption>
        {t(
          'explainChartCaption',
          withValues ? t('explainMeasureAndValue', measure, valueLabel) : measure,
        )}
      </caption>
      <tbody>
        {bars.map((bar) => (
          <tr key={bar.label} data-testid="explain-bar" data-named={bar.named}>
            <th scope="row">{bar.label}</th>
            <td>
              <span class="explain-bar before" style={{ width: barWidth(bar.before) }} />
              <span class="explain-bar after" style={{ width: barWidth(bar.after) }} />
            </td>
            <td class="explain-shares">
              {percent(bar.before, documentLocale())} → {percent(bar.after, documentLocale())}
            </td>
            {withValues && (
              <td class="explain-values" data-testid="explain-values">
                {bar.values}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ExplainSection({ t, findings, kpis, answer, onExplain }: ExplainSectionProps) {
  return (
    <section aria-labelledby="adlens-explain" data-testid="explain-section">
      <h3 id="adlens-explain">{t('explainHeading')}</h3>
      {findings.length > 0 && (
        <Choices
          t={t}
          choices={findings}
          answer={answer}
          onExplain={onExplain}
          testId="explain-finding"
        />
      )}
      <Choices t={t} choices={kpis} answer={answer} onExplain={onExplain} testId="explain-kpi" />
      <div aria-live="polite">
        {answer.kind === 'loading' && <p data-testid="explain-message">{t('explainLoading')}</p>}
        {answer.kind === 'error' && (
          <p data-testid="explain-message" role="alert">
            {answer.message}
          </p>
        )}
        {answer.kind === 'ready' && (
          <>
            <p data-testid="explain-sentence">{answer.sentence}</p>
            {answer.bars.length > 0 && (
              <ExplainChart
                t={t}
                bars={answer.bars}
                measure={answer.measure}
                valueLabel={answer.valueLabel}
              />
            )}
            <p class="muted">{answer.note}</p>
          </>
        )}
      </div>
    </section>
  );
}
