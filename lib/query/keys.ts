import type { AccountId } from '@/lib/schema/account';

/** Every query key, in one place, so invalidation and reads can never drift apart. */
export const queryKeys = {
  authStatus: () => ['auth', 'status'] as const,
  accounts: () => ['accounts'] as const,
  account: (accountId: AccountId) => ['accounts', accountId] as const,
};
