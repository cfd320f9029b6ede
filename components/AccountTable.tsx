import type { AccountSummary } from '@/lib/schema/account';

/** The connected ad accounts; names come from Meta and are rendered as text only. */
export function AccountTable({ accounts }: { readonly accounts: readonly AccountSummary[] }) {
  if (accounts.length === 0) return <p class="muted">This token gives access to no ad account.</p>;
  return (
    <table class="accounts">
      <caption>Ad accounts</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Account ID</th>
          <th scope="col">Currency</th>
          <th scope="col">Time zone</th>
        </tr>
      </thead>
      <tbody>
        {accounts.map((account) => (
          <tr key={account.accountId} data-testid="account-row">
            <th scope="row">{account.name}</th>
            <td>
              <code>{account.accountId}</code>
            </td>
            <td>{account.currency}</td>
            <td>{account.timezoneName}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
