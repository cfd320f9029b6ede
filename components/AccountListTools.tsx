import { useState } from 'preact/hooks';
import type { Translate } from '@/components/translate';
import { ACCOUNT_ORDERS, type AccountOrder } from '@/lib/util/account-list';

/** What a list of accounts is searched for and sorted by; each list keeps its own. */
export interface AccountListState {
  readonly query: string;
  readonly order: AccountOrder;
  setQuery(query: string): void;
  setOrder(order: AccountOrder): void;
}

export function useAccountListState(): AccountListState {
  const [query, setQuery] = useState('');
  const [order, setOrder] = useState<AccountOrder>(ACCOUNT_ORDERS[0]);
  return { query, order, setQuery, setOrder };
}

export interface AccountListToolsProps {
  readonly state: AccountListState;
  /** Makes the controls' ids unique on a page with several lists. */
  readonly idPrefix: string;
  readonly shown: number;
  readonly total: number;
  readonly t: Translate;
}

const ORDER_LABELS = { problems: 'accountOrderProblems', name: 'accountOrderName' } as const;

/**
 * A search box (name or id) and an order (problems first, or by name) over a list of accounts,
 * and how many of them are shown, announced politely as the search narrows the list.
 */
export function AccountListTools({ state, idPrefix, shown, total, t }: AccountListToolsProps) {
  const searchId = `${idPrefix}-account-search`;
  const orderId = `${idPrefix}-account-order`;
  return (
    <div class="account-tools">
      <label for={searchId}>{t('accountSearchLabel')}</label>{' '}
      <input
        id={searchId}
        type="search"
        autoComplete="off"
        spellcheck={false}
        data-testid="account-search"
        value={state.query}
        onInput={(event) => state.setQuery(event.currentTarget.value)}
      />{' '}
      <label for={orderId}>{t('accountOrderLabel')}</label>{' '}
      <select
        id={orderId}
        data-testid="account-order"
        value={state.order}
        onChange={(event) => state.setOrder(event.currentTarget.value as AccountOrder)}
      >
        {ACCOUNT_ORDERS.map((order) => (
          <option key={order} value={order}>
            {t(ORDER_LABELS[order])}
          </option>
        ))}
      </select>
      <p class="help" role="status" data-testid="account-count">
        {shown === 0 ? t('accountsNoMatch', state.query.trim()) : t('accountsShown', shown, total)}
      </p>
    </div>
  );
}
