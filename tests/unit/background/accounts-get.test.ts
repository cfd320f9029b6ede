import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import accountsGet from '@/entrypoints/background/handlers/accounts-get';
import { cacheDb } from '@/lib/cache/db';
import { wipeCache } from '@/lib/cache/wipe';
import { accountRecord } from '../fixtures/account';

/** The handler against a real (fake-indexeddb) cache; the token and the sync service are stand-ins. */
const service = vi.hoisted(() => ({ refreshIfStale: vi.fn(() => Promise.resolve()) }));
vi.mock('@/lib/auth/require-token', () => ({ requireToken: () => Promise.resolve('token') }));
vi.mock('@/lib/sync/service', () => service);

const ACCOUNT = 'act_1';

beforeEach(async () => {
  service.refreshIfStale.mockClear();
  await cacheDb().accounts.put(accountRecord({ accountId: ACCOUNT }));
});

afterEach(async () => {
  await wipeCache();
});

describe('accounts.get', () => {
  it('from Ads Manager opening an account, asks for its refresh (which starts it if stale)', async () => {
    const answer = await accountsGet({ accountId: ACCOUNT }, { senderClass: 'content-script' });
    expect(answer.account?.name).toBe('Shop');
    expect(service.refreshIfStale).toHaveBeenCalledExactlyOnceWith(ACCOUNT);
  });

  it('from an extension page, or for an account not connected, starts nothing', async () => {
    await accountsGet({ accountId: ACCOUNT }, { senderClass: 'extension-page' });
    const unknown = await accountsGet({ accountId: 'act_2' }, { senderClass: 'content-script' });
    expect(unknown.account).toBeNull();
    expect(service.refreshIfStale).not.toHaveBeenCalled();
  });
});
