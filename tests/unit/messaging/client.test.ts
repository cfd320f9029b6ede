import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { send } from '@/lib/messaging/client';
import { AppError } from '@/lib/schema/errors';

function answer(value: unknown) {
  return vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(value as never);
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('send', () => {
  it('sends one envelope and returns the validated data', async () => {
    const sendMessage = answer({ ok: true, data: { revocation: 'not-requested' } });
    await expect(send('auth.disconnect', {})).resolves.toEqual({ revocation: 'not-requested' });
    expect(sendMessage).toHaveBeenCalledWith({ command: 'auth.disconnect', payload: {} });
  });

  it('turns an error reply into an AppError with its code', async () => {
    answer({ ok: false, error: { code: 'not-connected', message: 'Connect first.' } });
    const error = await failure(send('accounts.list', {}));
    expect(error.code).toBe('not-connected');
    expect(error.message).toBe('Connect first.');
  });

  it.each([
    undefined,
    { ok: true, data: { revocation: 'yes' } },
    { ok: true, data: { revocation: 'confirmed', token: 'EAAB' } },
    { ok: false, error: { code: 'nonsense', message: 'x' } },
  ])('rejects the off-protocol answer %j', async (reply) => {
    answer(reply);
    expect((await failure(send('auth.disconnect', {}))).code).toBe('invalid-response');
  });

  it('reports an unreachable background', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(
      new Error('Extension context invalidated.'),
    );
    expect((await failure(send('auth.status', {}))).code).toBe('background-unreachable');
  });
});
