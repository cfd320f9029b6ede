import { describe, expect, it } from 'vitest';
import { PROTOCOL, findCommand } from '@/lib/messaging/protocol';
import { ACCESS_TOKEN_MAX_LENGTH } from '@/lib/schema/auth';
import { MessageEnvelopeSchema, responseEnvelopeSchema } from '@/lib/schema/messages';

const request = (command: keyof typeof PROTOCOL) => PROTOCOL[command].request;
const response = (command: keyof typeof PROTOCOL) => PROTOCOL[command].response;

describe('protocol table', () => {
  // The page's whole reach into the background: reads, plus reviewed asks that return nothing
  // secret (insight.get may refresh one stale account, rate-limited; snapshots.open opens the viewer;
  // findings.explain reads one finding's breakdowns on the user's click, paced and logged;
  // i18n.catalogue is the extension's own published strings).
  it('lets content scripts use the reviewed page commands only', () => {
    const contentCommands = Object.entries(PROTOCOL)
      .filter(([, spec]) => (spec.allowedSenders as readonly string[]).includes('content-script'))
      .map(([name]) => name);
    expect(contentCommands.sort()).toEqual([
      'accounts.get',
      'findings.explain',
      'findings.forRows',
      'i18n.catalogue',
      'insight.get',
      'rows.identifyByName',
      'series.get',
      'snapshots.open',
      'sync.status',
    ]);
  });

  it('finds commands by own name only', () => {
    expect(findCommand('auth.status')).toBe('auth.status');
    for (const name of ['__proto__', 'toString', 'constructor', 'hasOwnProperty', '']) {
      expect(findCommand(name)).toBeUndefined();
    }
  });
});

describe('request schemas', () => {
  it('reject unknown keys', () => {
    expect(request('auth.status').safeParse({ extra: 1 }).success).toBe(false);
    expect(request('auth.connectWithToken').safeParse({ token: 'EAAB', admin: true }).success).toBe(
      false,
    );
    expect(request('accounts.get').safeParse({ accountId: 'act_1', url: 'x' }).success).toBe(false);
  });

  it('bound the token and keep it to one header-safe word', () => {
    const connect = request('auth.connectWithToken');
    expect(connect.safeParse({ token: 'EAABtoken123' }).success).toBe(true);
    expect(connect.safeParse({ token: '' }).success).toBe(false);
    expect(connect.safeParse({ token: 'a'.repeat(ACCESS_TOKEN_MAX_LENGTH + 1) }).success).toBe(
      false,
    );
    for (const token of ['two words', 'line\nbreak', 'tab\t', 'héllo', 'x\r\nX-Evil: 1']) {
      expect(connect.safeParse({ token }).success, JSON.stringify(token)).toBe(false);
    }
    expect(connect.safeParse({ token: 42 }).success).toBe(false);
  });

  it('accept only act_ account ids', () => {
    const get = request('accounts.get');
    expect(get.safeParse({ accountId: 'act_123456' }).success).toBe(true);
    for (const accountId of ['123456', 'act_', 'act_12a', 'act_1/../2', `act_${'1'.repeat(21)}`]) {
      expect(get.safeParse({ accountId }).success, accountId).toBe(false);
    }
  });
});

describe('response schemas', () => {
  const account = {
    accountId: 'act_1',
    name: 'Shop',
    currency: 'EUR',
    timezoneName: 'Europe/Paris',
  };

  it('never let a token or unknown field through', () => {
    expect(response('accounts.get').safeParse({ account }).success).toBe(true);
    expect(response('accounts.get').safeParse({ account, token: 'EAAB' }).success).toBe(false);
    expect(
      response('accounts.get').safeParse({ account: { ...account, accessToken: 'EAAB' } }).success,
    ).toBe(false);
  });

  it('bound account names and lists', () => {
    const longName = { ...account, name: 'x'.repeat(513) };
    expect(response('accounts.get').safeParse({ account: longName }).success).toBe(false);
    const many = Array.from({ length: 5001 }, () => account);
    expect(response('accounts.list').safeParse({ accounts: many }).success).toBe(false);
  });

  it('wrap data or a typed error, never both', () => {
    const envelope = responseEnvelopeSchema(response('auth.disconnect'));
    expect(envelope.safeParse({ ok: true, data: { revocation: 'confirmed' } }).success).toBe(true);
    expect(
      envelope.safeParse({ ok: false, error: { code: 'not-connected', message: 'No.' } }).success,
    ).toBe(true);
    expect(envelope.safeParse({ ok: false, error: { code: 'made-up', message: '' } }).success).toBe(
      false,
    );
    expect(
      envelope.safeParse({
        ok: true,
        data: { revocation: 'confirmed' },
        error: { code: 'internal', message: '' },
      }).success,
    ).toBe(false);
  });
});

describe('message envelope', () => {
  it('is a command name and a payload, nothing else', () => {
    expect(MessageEnvelopeSchema.safeParse({ command: 'auth.status', payload: {} }).success).toBe(
      true,
    );
    expect(
      MessageEnvelopeSchema.safeParse({ command: 'auth.status', payload: {}, tabId: 1 }).success,
    ).toBe(false);
    expect(MessageEnvelopeSchema.safeParse({ command: 'x'.repeat(65), payload: {} }).success).toBe(
      false,
    );
    expect(MessageEnvelopeSchema.safeParse('auth.status').success).toBe(false);
  });
});
