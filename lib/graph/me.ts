import type { AccountRecord } from '@/lib/schema/account';
import {
  GraphAdAccountSchema,
  GraphSuccessSchema,
  GraphUserSchema,
  type GraphAdAccount,
  type GraphUser,
} from '@/lib/schema/graph';
import type { GraphClient } from './client';

/** The `/me` endpoints Adlens uses (meta-graph-api.md §5, §9). */
export const AD_ACCOUNT_FIELDS = [
  'id',
  'account_id',
  'name',
  'currency',
  'timezone_name',
  'timezone_offset_hours_utc',
  'account_status',
  'business{id,name}',
] as const;

const AD_ACCOUNTS_PAGE_SIZE = 100;

export function fetchCurrentUser(graph: GraphClient): Promise<GraphUser> {
  return graph.get('/me', GraphUserSchema, { fields: ['id', 'name'] });
}

export function toAccountRecord(account: GraphAdAccount): AccountRecord {
  return {
    accountId: account.id,
    name: account.name,
    currency: account.currency,
    timezoneName: account.timezone_name,
    timezoneOffsetHoursUtc: account.timezone_offset_hours_utc,
    status: account.account_status,
    businessId: account.business?.id ?? null,
    businessName: account.business?.name ?? null,
  };
}

export async function fetchAdAccounts(graph: GraphClient): Promise<AccountRecord[]> {
  const accounts = await graph.getAll('/me/adaccounts', GraphAdAccountSchema, {
    fields: AD_ACCOUNT_FIELDS,
    params: { limit: AD_ACCOUNTS_PAGE_SIZE },
  });
  return accounts.map(toAccountRecord);
}

/** De-authorises the app for this user (`DELETE /me/permissions`); true when Meta confirms it. */
export async function revokeAppAuthorization(graph: GraphClient): Promise<boolean> {
  const result = await graph.delete('/me/permissions', GraphSuccessSchema);
  return result === true || result.success;
}
