import type { Translate } from '@/components/translate';
import type { AccountSummary } from '@/lib/schema/account';

/** The connected ad accounts; names come from Meta and are rendered as text only. */
export function AccountTable({
  accounts,
  t,
}: {
  readonly accounts: readonly AccountSummary[];
  readonly t: Translate;
}) {
  if (accounts.length === 0) return <p class="muted">{t('noAdAccounts')}</p>;
  return (
    <table class="accounts">
      <caption>{t('adAccountsCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('columnName')}</th>
          <th scope="col">{t('columnAccountId')}</th>
          <th scope="col">{t('columnCurrency')}</th>
          <th scope="col">{t('columnTimeZone')}</th>
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
