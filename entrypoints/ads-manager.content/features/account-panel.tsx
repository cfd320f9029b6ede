import type { QueryObserverResult } from '@tanstack/query-core';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { AccountPanel, type AccountPanelState } from '@/components/AccountPanel';
import { send } from '@/lib/messaging/client';
import type { ParsedResponseOf } from '@/lib/messaging/protocol';
import type { Feature } from '@/lib/meta/feature-runner';
import { detectAdsManagerPage } from '@/lib/meta/page-detect';
import { mountShadowUi } from '@/lib/meta/shadow-ui';
import { pageQueryClient } from '@/entrypoints/ads-manager.content/page-query-client';
import { queryKeys } from '@/lib/query/keys';
import { useQuery } from '@/lib/query/use-query';
import { AppError } from '@/lib/schema/errors';
import css from './account-panel.css?inline';

/**
 * A small panel, bottom right, naming the ad account in the URL's `act=` with its currency, as
 * the background knows it. Each navigation re-runs the feature, so a new `act=` shows at once.
 */
type AccountAnswer = ParsedResponseOf<'accounts.get'>;

/** Kept across navigations: a panel the user hid stays hidden on the next page. */
let collapsedOnPage = false;

function toPanelState(
  query: QueryObserverResult<AccountAnswer, Error>,
  accountId: string,
): AccountPanelState {
  if (query.isPending) return { kind: 'loading' };
  if (query.isError) {
    if (query.error instanceof AppError && query.error.code === 'not-connected') {
      return { kind: 'not-connected' };
    }
    const message =
      query.error instanceof AppError ? query.error.message : 'Adlens could not load this account.';
    return { kind: 'error', message };
  }
  const { account } = query.data;
  return account ? { kind: 'ready', account } : { kind: 'unknown-account', accountId };
}

function AccountPanelForPage({ accountId }: { readonly accountId: string }) {
  const [collapsed, setCollapsed] = useState(collapsedOnPage);
  const query = useQuery(pageQueryClient(), {
    queryKey: queryKeys.account(accountId),
    queryFn: () => send('accounts.get', { accountId }),
  });

  function toggle() {
    collapsedOnPage = !collapsed;
    setCollapsed(collapsedOnPage);
  }

  return (
    <AccountPanel
      state={toPanelState(query, accountId)}
      collapsed={collapsed}
      onToggleCollapsed={toggle}
    />
  );
}

export const accountPanel: Feature = {
  id: 'account-panel',
  include: (url) => detectAdsManagerPage(url) !== undefined,
  init(signal, url) {
    const page = detectAdsManagerPage(url);
    if (!page) return;
    const root = mountShadowUi({ tagName: 'adlens-panel', css, signal });
    if (!root) return;
    render(<AccountPanelForPage accountId={page.accountId} />, root);
    signal.addEventListener('abort', () => render(null, root), { once: true });
  },
};
