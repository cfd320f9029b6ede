import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { send } from '@/lib/messaging/page-client';
import { PAGE_PROTOCOL } from '@/lib/messaging/page-protocol';
import { PROTOCOL } from '@/lib/messaging/protocol';

describe('the content scripts’ part of the protocol table', () => {
  it('holds exactly the commands a content script may send, as the full table defines them', () => {
    const allowedToPages = Object.entries(PROTOCOL).filter(([, spec]) =>
      (spec.allowedSenders as readonly string[]).includes('content-script'),
    );
    expect(Object.keys(PAGE_PROTOCOL).sort()).toEqual(allowedToPages.map(([name]) => name).sort());
    for (const [name, spec] of allowedToPages) {
      expect(PAGE_PROTOCOL[name as keyof typeof PAGE_PROTOCOL]).toBe(spec);
    }
  });

  it('checks the answers the content script receives against that table', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({
      ok: true,
      data: { account: 'not an account' },
    } as never);
    await expect(send('accounts.get', { accountId: 'act_1' })).rejects.toMatchObject({
      code: 'invalid-response',
    });
  });
});
