import { collator } from '@/lib/util/intl';
/*
 * How extension pages list many ad accounts (issue 17: an agency has dozens): a search over each
 * account's name and id, and an order that puts the accounts needing attention first.
 */

/** The orders a list of accounts offers; the first is the default. */
export const ACCOUNT_ORDERS = ['problems', 'name'] as const;
export type AccountOrder = (typeof ACCOUNT_ORDERS)[number];

/** From this many accounts on, a list offers its search box and order; fewer fit at a glance. */
export const ACCOUNT_LIST_TOOLS_FROM = 6;

/** What the search and the order read of an account. */
export interface ListedAccount {
  readonly accountId: string;
  readonly name: string;
  /** Its stored findings by severity; absent while unknown (counted as none). */
  readonly findings?: {
    readonly critical: number;
    readonly warning: number;
    readonly info: number;
  };
  /** Its last sync stopped short (a token, a permission, Meta's limits, an error). */
  readonly failed?: boolean;
}

/** Lower case without accents, so that "cafe" finds "Café" and "MÜNCHEN" finds "München". */
function folded(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Whether an account matches what was typed: every word of the query appears in its name or its
 * id ("acme shoes", "act_1234", or just the digits of the id). An empty query matches every account.
 */
export function matchesAccountSearch(account: ListedAccount, query: string): boolean {
  const words = folded(query).split(/\s+/).filter(Boolean);
  const haystack = `${folded(account.name)} ${account.accountId.toLowerCase()}`;
  return words.every((word) => haystack.includes(word));
}

/**
 * Most in need of attention first: more critical findings, then more warnings, then more notes,
 * then a failed sync before one that went well. Equal accounts compare as 0.
 */
export function compareByProblems(a: ListedAccount, b: ListedAccount): number {
  return (
    (b.findings?.critical ?? 0) - (a.findings?.critical ?? 0) ||
    (b.findings?.warning ?? 0) - (a.findings?.warning ?? 0) ||
    (b.findings?.info ?? 0) - (a.findings?.info ?? 0) ||
    Number(b.failed ?? false) - Number(a.failed ?? false)
  );
}

/**
 * The accounts that match `query`, in `order`. Accounts with the same problems keep the order
 * they came in (the background's), so a list with no problems looks as it always did; by name,
 * `names` compares in the reader's language.
 */
export function arrangeAccounts<Account extends ListedAccount>(
  accounts: readonly Account[],
  query: string,
  order: AccountOrder,
  names: Intl.Collator = collator(undefined, { numeric: true, sensitivity: 'base' }),
): Account[] {
  const shown = accounts.filter((account) => matchesAccountSearch(account, query));
  return order === 'problems'
    ? shown.sort(compareByProblems)
    : shown.sort(
        (a, b) =>
          names.compare(a.name, b.name) ||
          (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0),
      );
}
