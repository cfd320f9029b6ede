import type { AccountSummary } from '@/lib/schema/account';

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
  readonly state: AccountPanelState;
  readonly collapsed: boolean;
  readonly onToggleCollapsed: () => void;
  /** Opens the insight panel on the selected campaign, ad set or ad, or the account. */
  readonly onOpenInsights: () => void;
}

const BODY_ID = 'adlens-panel-body';

function PanelMessage({
  state,
}: {
  readonly state: Exclude<AccountPanelState, { kind: 'ready' }>;
}) {
  switch (state.kind) {
    case 'loading':
      return <p data-testid="panel-message">Loading account…</p>;
    case 'not-connected':
      return <p data-testid="panel-message">Connect Adlens in its options to see insights here.</p>;
    case 'unknown-account':
      return (
        <p data-testid="panel-message">
          Account {state.accountId} is not among the accounts Adlens is connected to.
        </p>
      );
    case 'error':
      return (
        <p data-testid="panel-message" role="alert">
          {state.message}
        </p>
      );
  }
}

function AccountFacts({ account }: { readonly account: AccountSummary }) {
  return (
    <dl class="facts">
      <div>
        <dt>Account</dt>
        <dd data-testid="account-name">{account.name}</dd>
      </div>
      <div>
        <dt>Currency</dt>
        <dd data-testid="account-currency">{account.currency}</dd>
      </div>
      <div>
        <dt>Time zone</dt>
        <dd>{account.timezoneName}</dd>
      </div>
    </dl>
  );
}

export function AccountPanel({
  state,
  collapsed,
  onToggleCollapsed,
  onOpenInsights,
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
          {collapsed ? 'Show' : 'Hide'}
        </button>
      </header>
      <div id={BODY_ID} class="body" hidden={collapsed}>
        {state.kind === 'ready' ? (
          <AccountFacts account={state.account} />
        ) : (
          <PanelMessage state={state} />
        )}
        {/* Also when the account cannot be read: the panel then says why, from what it has. */}
        {state.kind !== 'loading' && (
          <button
            type="button"
            class="primary"
            data-testid="open-insights"
            onClick={onOpenInsights}
          >
            Insights
          </button>
        )}
      </div>
    </aside>
  );
}
