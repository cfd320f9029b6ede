import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetToken, saveToken } from '@/lib/auth/vault';
import { cacheDb } from '@/lib/cache/db';
import { wipeCache } from '@/lib/cache/wipe';
import { defineHandler } from '@/lib/messaging/handler';
import { accountRecord } from '../fixtures/account';

/**
 * The rules a protocol entry declares hold before its handler runs, with the refusals people see.
 * Real vault and cache (fake-indexeddb); the sync service is a stand-in that records refreshes.
 */
const service = vi.hoisted(() => ({ refreshIfStale: vi.fn(() => Promise.resolve()) }));
vi.mock('@/lib/sync/service', () => service);

const fromPage = { senderClass: 'content-script' } as const;
const fromOptions = { senderClass: 'extension-page' } as const;
const ACCOUNT = 'act_1';
const week = { level: 'campaign', since: '2026-11-01', until: '2026-11-07' } as const;
const answer = (_request?: unknown, _context?: unknown) => Promise.resolve({} as never);

beforeEach(async () => {
  service.refreshIfStale.mockClear();
  await saveToken('EAABtoken');
  await cacheDb().accounts.put(accountRecord({ accountId: ACCOUNT }));
});

afterEach(async () => {
  vi.useRealTimers();
  await forgetToken();
  await wipeCache();
});

describe('rules declared in the protocol table', () => {
  it('refuse a command that needs a connection when there is none, before its handler runs', async () => {
    await forgetToken();
    const work = vi.fn(answer);
    await expect(defineHandler('accounts.list', work)({}, fromOptions)).rejects.toMatchObject({
      code: 'not-connected',
      message: 'Adlens is not connected. Connect it in its options.',
    });
    expect(work).not.toHaveBeenCalled();
  });

  it('hand the handler the connected account the request names, or refuse another', async () => {
    const work = vi.fn(answer);
    const explain = defineHandler('findings.explain', work);
    await explain({ accountId: ACCOUNT, findingId: 'cpm_surge:1:2026-11-01' }, fromPage);
    expect(work.mock.calls[0]?.[1]).toMatchObject({
      account: { accountId: ACCOUNT, name: 'Shop' },
    });
    await expect(
      explain({ accountId: 'act_2', findingId: 'cpm_surge:1:2026-11-01' }, fromPage),
    ).rejects.toMatchObject({
      code: 'unknown-account',
      message: 'This ad account is not connected.',
    });
    expect(work).toHaveBeenCalledOnce();
  });

  it('make Ads Manager name what it asks about, and start no refresh when it does not', async () => {
    const status = vi.fn(answer);
    await expect(defineHandler('sync.status', status)({}, fromPage)).rejects.toMatchObject({
      code: 'invalid-request',
      message: 'Ads Manager asks for the sync state of one account.',
    });
    await defineHandler('sync.status', status)({}, fromOptions);
    expect(status).toHaveBeenCalledOnce();

    const series = defineHandler('series.get', vi.fn(answer));
    await expect(series({ accountId: ACCOUNT, ...week }, fromPage)).rejects.toMatchObject({
      code: 'invalid-request',
      message: 'Ads Manager asks for named entities.',
    });
    expect(service.refreshIfStale).not.toHaveBeenCalled();
    await series({ accountId: ACCOUNT, ...week, entityIds: ['11'] }, fromPage);
    expect(service.refreshIfStale).toHaveBeenCalledExactlyOnceWith(ACCOUNT);
  });

  it('let Ads Manager open one snapshot every two seconds', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const open = defineHandler('snapshots.open', vi.fn(answer));
    const request = { accountId: ACCOUNT, subject: null, since: '2026-11-01', until: '2026-11-07' };
    await open(request, fromPage);
    await expect(open(request, fromPage)).rejects.toMatchObject({
      code: 'rate-limited',
      message: 'A snapshot is already opening. Wait a moment.',
    });
    vi.advanceTimersByTime(2000);
    await expect(open(request, fromPage)).resolves.toEqual({});
  });
});
