import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { FindingList, type FindingItem } from './FindingList';
import { KpiTable, type KpiRow } from './KpiTable';
import { TrendChart, type TrendChartDay } from './TrendChart';
import type { Translate } from './translate';

/** The insight panel's content as display text; the caller formats, the panel lays out. */
export interface InsightView {
  readonly subject: string;
  readonly levelLabel: string;
  readonly period: string;
  readonly kpis: readonly KpiRow[];
  readonly trends: readonly {
    readonly key: string;
    readonly label: string;
    readonly summary: string;
    readonly days: readonly TrendChartDay[];
  }[];
  readonly findings: readonly FindingItem[];
  readonly changes: readonly {
    readonly key: string;
    readonly text: string;
    readonly when: string;
  }[];
}

export type InsightPanelState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'ready'; readonly view: InsightView };

interface InsightPanelProps {
  readonly t: Translate;
  readonly state: InsightPanelState;
  /** "Synced 12 minutes ago", "Syncing…", "Not synced yet". */
  readonly freshness: string;
  /** Why the numbers may be old (token expired, Meta or the background unavailable); shown as a note. */
  readonly notice: string | null;
  readonly syncing: boolean;
  readonly onSyncNow: () => void;
  /** Opens the snapshot viewer on what the panel shows, in a tab of Adlens's own. */
  readonly onShare: () => void;
  readonly onClose: () => void;
  /** The Explain section (its own component), shown after the findings. */
  readonly explain?: ComponentChildren;
}

const TITLE_ID = 'adlens-insight-title';
const FOCUSABLE = 'button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab and Shift+Tab inside the dialog and closes it on Escape. Keys stop at the shadow root
 * (lib/ads-manager/shadow-ui.ts), so none of them reaches Ads Manager's shortcuts; keys outside the panel
 * are never looked at.
 */
function trapKeys(event: KeyboardEvent, dialog: HTMLElement, onClose: () => void): void {
  if (event.key === 'Escape') {
    event.preventDefault();
    onClose();
    return;
  }
  if (event.key !== 'Tab') return;
  const focusable = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = focusable[0];
  const last = focusable.at(-1);
  const active = (dialog.getRootNode() as Document | ShadowRoot).activeElement;
  if (!first || !last) {
    event.preventDefault();
  } else if (event.shiftKey && (active === first || !dialog.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * The element that has focus, looked for inside shadow roots: the opener is often in another one
 * (a badge on a row opens the panel, each in its own shadow root).
 */
function focusedElement(): Element | null {
  let focused = document.activeElement;
  while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
  return focused;
}

/**
 * A dialog beside Ads Manager's table: focus moves in when it opens and goes back where it was
 * when it closes. Every name and sentence is text, never markup.
 */
export function InsightPanel(props: InsightPanelProps) {
  const { t, state, freshness, notice, syncing, onSyncNow, onShare, onClose } = props;
  const dialog = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const opener = focusedElement();
    closeButton.current?.focus();
    return () => {
      if (opener instanceof HTMLElement && opener !== document.body && opener.isConnected) {
        opener.focus();
      }
    };
  }, []);

  const view = state.kind === 'ready' ? state.view : null;
  return (
    <div
      ref={dialog}
      class="insight"
      role="dialog"
      aria-modal="true"
      aria-labelledby={TITLE_ID}
      data-testid="insight-panel"
      data-state={state.kind}
      onKeyDown={(event) => dialog.current && trapKeys(event, dialog.current, onClose)}
    >
      <header class="insight-header">
        <div class="insight-heading">
          <span class="insight-level">{view?.levelLabel ?? t('extName')}</span>
          <h2 id={TITLE_ID} data-testid="insight-subject">
            {view?.subject ?? t('panelInsights')}
          </h2>
          {view && (
            <p class="muted" data-testid="insight-period">
              {view.period}
            </p>
          )}
        </div>
        <button
          ref={closeButton}
          type="button"
          class="icon-button"
          aria-label={t('panelClose')}
          data-testid="insight-close"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <div class="insight-freshness">
        <span data-testid="insight-freshness">{freshness}</span>
        <button
          type="button"
          class="link-button"
          data-testid="insight-sync-now"
          disabled={syncing}
          onClick={onSyncNow}
        >
          {t('syncNow')}
        </button>
        <button
          type="button"
          class="link-button"
          data-testid="insight-share"
          disabled={state.kind !== 'ready'}
          onClick={onShare}
        >
          {t('panelShare')}
        </button>
      </div>
      {notice && (
        <p class="notice" role="status" data-testid="insight-notice">
          {notice}
        </p>
      )}
      {/* Focusable, so the keyboard alone can scroll it (WCAG 2.1.1). */}
      <div class="insight-body" tabIndex={0}>
        {state.kind === 'loading' && (
          <p data-testid="insight-message">{t('panelLoadingInsights')}</p>
        )}
        {state.kind === 'error' && (
          <p data-testid="insight-message" role="alert">
            {state.message}
          </p>
        )}
        {view && <InsightSections view={view} t={t} />}
        {view && props.explain}
      </div>
    </div>
  );
}

function InsightSections({ view, t }: { readonly view: InsightView; readonly t: Translate }) {
  return (
    <>
      <section aria-label={t('panelKpis')}>
        <KpiTable t={t} caption={t('panelKpiCaption')} rows={view.kpis} rowTestId="insight-kpi" />
      </section>
      {view.trends.length > 0 && (
        <section aria-labelledby="adlens-trends">
          <h3 id="adlens-trends">{t('panelTrends')}</h3>
          {view.trends.map((trend) => (
            <figure
              key={trend.key}
              class="trend-figure"
              data-testid="insight-trend"
              data-metric={trend.key}
            >
              <figcaption>
                {trend.label} <span class="muted">{trend.summary}</span>
              </figcaption>
              <TrendChart
                days={trend.days}
                label={t('panelTrendLabel', trend.label, trend.summary)}
              />
            </figure>
          ))}
        </section>
      )}
      <section aria-labelledby="adlens-findings">
        <h3 id="adlens-findings">{t('panelFindings')}</h3>
        <FindingList t={t} findings={view.findings} itemTestId="insight-finding" />
      </section>
      <section aria-labelledby="adlens-changes">
        <h3 id="adlens-changes">{t('panelChanges')}</h3>
        {view.changes.length === 0 ? (
          <p class="muted">{t('panelNoChanges')}</p>
        ) : (
          <ul class="changes">
            {view.changes.map((change) => (
              <li key={change.key} data-testid="insight-change">
                <span>{change.text}</span> <span class="muted">{change.when}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
