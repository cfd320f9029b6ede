// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectLoginForm } from '@/components/ConnectLoginForm';
import { ConnectionDetails, expiryText } from '@/components/ConnectionDetails';
import { ConnectionDisconnect } from '@/components/ConnectionDisconnect';
import { ConnectionReconnect } from '@/components/ConnectionReconnect';
import { ConnectionStatus } from '@/components/ConnectionStatus';
import { ConnectionTokenStorage } from '@/components/ConnectionTokenStorage';
import type { ConnectionInfo } from '@/lib/schema/connection';
import { translate } from '@/tests/unit/components/catalogue';
import { byTestId, container, mount, unmount } from '@/tests/support/dom';

afterEach(unmount);

const NOW = Date.parse('2026-11-20T15:00:00Z');

const INFO: ConnectionInfo = {
  source: 'login',
  appId: '1234',
  tokenType: 'USER',
  grantedScopes: ['ads_read', 'business_management', 'public_profile'],
  declinedScopes: ['ads_management'],
  expiresAt: NOW / 1000 + 7200,
  dataAccessExpiresAt: 'never',
  obtainedAt: NOW,
  health: 'active',
  problem: null,
};

describe('ConnectionDetails', () => {
  it('shows the scopes with what they are for, the declined ones and the expiries', async () => {
    await mount(<ConnectionDetails t={translate} info={INFO} now={NOW} />);
    const scopes = byTestId('connection-scopes')?.textContent ?? '';
    expect(scopes).toContain('ads_read — read your ad accounts, campaigns and reports');
    expect(scopes).toContain('business_management — see ad accounts owned by your Business');
    expect(byTestId('declined-scopes')?.textContent).toBe('Declined: ads_management');
    // In the browser's language and its own date order (this run's default locale).
    const expiry = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    expect(byTestId('token-expiry')?.textContent).toBe(
      `${expiry.format(NOW + 7_200_000)} (in 2 hours)`,
    );
    expect(byTestId('data-access-expiry')?.textContent).toBe('never');
    expect(container.textContent).toContain('Facebook Login (app 1234) · User token');
  });

  it('says when Meta did not report an expiry, and when it passed', () => {
    expect(expiryText(null, NOW, translate)).toBe('not reported by Meta');
    expect(expiryText(NOW / 1000 - 3 * 86_400, NOW, translate)).toContain('3 days ago');
  });
});

describe('ConnectionStatus', () => {
  it('says an expired connection needs reconnecting, and whose it is', async () => {
    await mount(
      <ConnectionStatus
        t={translate}
        status={{
          connected: false,
          userName: 'Ada',
          accountCount: 3,
          connection: { ...INFO, health: 'expired' },
          login: { appId: null, businessManagement: false },
          forgetTokenOnClose: false,
          locked: false,
        }}
      />,
    );
    expect(byTestId('connection-status')?.textContent).toBe('Connection expired — reconnect · Ada');
  });
});

describe('ConnectionReconnect', () => {
  it('offers a one-click reconnect for a login, and Meta’s reason for an expiry', async () => {
    const onReconnect = vi.fn();
    await mount(
      <ConnectionReconnect
        t={translate}
        info={{ ...INFO, health: 'expired', problem: 'Session has expired.' }}
        onReconnect={onReconnect}
        pending={false}
      />,
    );
    expect(byTestId('reconnect-prompt')?.textContent).toContain('cached data is kept');
    expect(byTestId('reconnect-reason')?.textContent).toBe('Meta said: Session has expired.');
    await act(() => byTestId('reconnect-button')!.click());
    expect(onReconnect).toHaveBeenCalled();
  });

  it('asks for a new paste when the token was pasted', async () => {
    await mount(
      <ConnectionReconnect
        t={translate}
        info={{ ...INFO, source: 'pasted', health: 'token-missing' }}
        onReconnect={undefined}
        pending={false}
      />,
    );
    expect(byTestId('reconnect-button')).toBeNull();
    expect(byTestId('reconnect-prompt')?.textContent).toContain('Paste a new access token');
  });
});

describe('ConnectionDisconnect', () => {
  it.each([
    ['login', true],
    ['pasted', false],
  ] as const)('revokes a %s token by default: %s', async (source, revoke) => {
    const onDisconnect = vi.fn();
    await mount(
      <ConnectionDisconnect
        t={translate}
        source={source}
        pending={false}
        disabled={false}
        onDisconnect={onDisconnect}
      />,
    );
    expect((byTestId('revoke-checkbox') as HTMLInputElement).checked).toBe(revoke);
    await act(() => byTestId('disconnect-button')!.click());
    expect(onDisconnect).toHaveBeenCalledWith(revoke);
  });

  it('explains what revoking a pasted token does to the app that made it', async () => {
    await mount(
      <ConnectionDisconnect
        t={translate}
        source="pasted"
        pending={false}
        disabled={false}
        onDisconnect={vi.fn()}
      />,
    );
    expect(container.textContent).toContain('Graph API Explorer');
    const checkbox = byTestId('revoke-checkbox') as HTMLInputElement;
    await act(() => checkbox.click());
    expect(checkbox.checked).toBe(true);
  });
});

describe('ConnectionTokenStorage', () => {
  async function type(testId: string, value: string) {
    await act(() => {
      const input = byTestId(testId) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
  }
  const props = {
    t: translate,
    pending: false,
    onRemember: vi.fn(),
    onForget: vi.fn(),
    onUnlock: vi.fn(),
  };

  it('explains the in-memory default, and remembers only with a passphrase typed twice', async () => {
    const onRemember = vi.fn();
    await mount(
      <ConnectionTokenStorage
        {...props}
        forgetOnClose={true}
        locked={false}
        connected={true}
        onRemember={onRemember}
      />,
    );
    expect(byTestId('token-storage-explained')?.textContent).toContain('In memory only');
    await act(() => byTestId('remember-token')!.click());
    await type('remember-passphrase-input', 'plum orbit canvas tide');
    await type('remember-passphrase-repeat', 'plum orbit canvas tid');
    expect((byTestId('remember-passphrase-submit') as HTMLButtonElement).disabled).toBe(true);
    await type('remember-passphrase-repeat', 'plum orbit canvas tide');
    await act(() => byTestId('remember-passphrase-submit')!.click());
    expect(onRemember).toHaveBeenCalledWith('plum orbit canvas tide');
  });

  it('when locked, asks for the passphrase to unlock', async () => {
    const onUnlock = vi.fn();
    await mount(
      <ConnectionTokenStorage
        {...props}
        forgetOnClose={false}
        locked={true}
        connected={false}
        onUnlock={onUnlock}
      />,
    );
    expect(byTestId('token-storage-explained')?.textContent).toContain('only your passphrase');
    await type('unlock-passphrase-input', 'plum orbit canvas tide');
    await act(() => byTestId('unlock-passphrase-submit')!.click());
    expect(onUnlock).toHaveBeenCalledWith('plum orbit canvas tide');
  });
});

describe('ConnectLoginForm', () => {
  it('logs in with a numeric app id and the scope choice, and shows the redirect URI', async () => {
    const onLogin = vi.fn();
    await mount(
      <ConnectLoginForm
        t={translate}
        settings={{ appId: '42', businessManagement: false }}
        pending={false}
        disabled={false}
        redirectUri="https://abc.chromiumapp.org/"
        onLogin={onLogin}
      />,
    );
    expect(byTestId('redirect-uri')?.textContent).toBe('https://abc.chromiumapp.org/');
    await act(() => byTestId('business-management-checkbox')!.click());
    await act(() => byTestId('login-button')!.click());
    expect(onLogin).toHaveBeenCalledWith({ appId: '42', businessManagement: true });
  });

  it('will not submit without a valid app id', async () => {
    await mount(
      <ConnectLoginForm
        t={translate}
        settings={{ appId: null, businessManagement: false }}
        pending={false}
        disabled={false}
        redirectUri="https://abc.chromiumapp.org/"
        onLogin={vi.fn()}
      />,
    );
    expect(byTestId('login-button')?.hasAttribute('disabled')).toBe(true);
  });
});
