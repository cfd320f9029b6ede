import type { ComponentChildren } from 'preact';
import type { AccountSummary } from '@/lib/schema/account';
import type { Translate } from './translate';

/**
 * The launcher in Ads Manager's corner: the account Adlens sees, and the way into the insight
 * panel. Names are rendered as text, never as markup.
 */
export type AccountPanelState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'not-connected' }
  | { readonly kind: 'unknown-account'; readonly accountId: string }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'ready'; readonly account: AccountSummary };

interface AccountPanelProps {
  readonly t: Translate;
  readonly state: AccountPanelState;
  readonly collapsed: boolean;
  readonly onToggleCollapsed: () => void;
  /** Opens the insight panel on the selected campaign, ad set or ad, or the account. */
  readonly onOpenInsights: () => void;
  /** What else the panel says about the page (the table's recognition). */
  readonly children?: ComponentChildren;
  /** Status lines under the account (the sync's progress). */
  readonly status?: ComponentChildren;
}

const BODY_ID = 'adlens-panel-body';

function PanelMessage({
  state,
  t,
}: {
  readonly state: Exclude<AccountPanelState, { kind: 'ready' }>;
  readonly t: Translate;
}) {
  switch (state.kind) {
    case 'loading':
      return <p data-testid="panel-message">{t('panelLoadingAccount')}</p>;
    case 'not-connected':
      return <p data-testid="panel-message">{t('panelNotConnected')}</p>;
    case 'unknown-account':
      return <p data-testid="panel-message">{t('panelUnknownAccount', state.accountId)}</p>;
    case 'error':
      return (
        <p data-testid="panel-message" role="alert">
          {state.message}
        </p>
      );
  }
}

function AccountFacts({ account, t }: { readonly account: AccountSummary; readonly t: Translate }) {
  return (
    <dl class="facts">
      <div>
        <dt>{t('panelFactAccount')}</dt>
        <dd data-testid="account-name">{account.name}</dd>
      </div>
      <div>
        <dt>{t('panelFactCurrency')}</dt>
        <dd data-testid="account-currency">{account.currency}</dd>
      </div>
      <div>
        <dt>{t('panelFactTimeZone')}</dt>
        <dd>{account.timezoneName}</dd>
      </div>
    </dl>
  );
}

export function AccountPanel({
  t,
  state,
  collapsed,
  onToggleCollapsed,
  onOpenInsights,
  children,
  status,
}: AccountPanelProps) {
  return (
    <aside class="panel" data-testid="adlens-panel" data-state={state.kind} aria-label="Adlens">
      <header class="header">
        <span class="title">Adlens</span>
        <button
          type="button"
          class="toggle"
          aria-expanded={!collapsed}
          aria-controls={BODY_ID}
          onClick={onToggleCollapsed}
        >
          {collapsed ? t('panelShow') : t('panelHide')}
        </button>
      </header>
      <div id={BODY_ID} class="body" hidden={collapsed}>
        {state.kind === 'ready' ? (
          <AccountFacts account={state.account} t={t} />
        ) : (
          <PanelMessage state={state} t={t} />
        )}
        {status}
        {children}
        {/* Last, and the panel is pinned by its bottom edge: lines that come and go above it (sync
            progress, the table's recognition) never move the button under a pointer on its way.
            Also when the account cannot be read: the panel then says why, from what it has. */}
        {state.kind !== 'loading' && (
          <button
            type="button"
            class="primary"
            data-testid="open-insights"
            onClick={onOpenInsights}
          >
            {t('panelInsights')}
          </button>
        )}
      </div>
    </aside>
  );
}
