// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccountTable } from '@/components/AccountTable';
import { ConnectForm } from '@/components/ConnectForm';
import { ConnectionStatus } from '@/components/ConnectionStatus';
import type { AuthStatus } from '@/lib/schema/messages';
import { translate } from '@/tests/unit/components/catalogue';
import { byTestId, container, mount, unmount } from '@/tests/support/dom';

afterEach(unmount);

describe('ConnectForm', () => {
  it('labels a password field and hands over the trimmed token, then forgets it', async () => {
    const onConnect = vi.fn();
    await mount(
      <ConnectForm t={translate} pending={false} errorId={undefined} onConnect={onConnect} />,
    );
    const input = byTestId('token-input') as HTMLInputElement;
    expect(input.type).toBe('password');
    expect(container.querySelector(`label[for="${input.id}"]`)?.textContent).toBe('Access token');

    await act(() => {
      input.value = '  EAABtoken  ';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => byTestId('connect-button')!.click());
    expect(onConnect).toHaveBeenCalledWith('EAABtoken');
    expect(input.value).toBe('');
  });

  it('points the field at the error while there is one', async () => {
    await mount(
      <ConnectForm t={translate} pending={true} errorId="connection-error" onConnect={vi.fn()} />,
    );
    const input = byTestId('token-input')!;
    expect(input.getAttribute('aria-describedby')).toContain('connection-error');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(byTestId('connect-button')?.hasAttribute('disabled')).toBe(true);
  });
});

const NOT_CONNECTED: AuthStatus = {
  connected: false,
  userName: null,
  accountCount: 0,
  connection: null,
  login: { appId: null, businessManagement: false },
  forgetTokenOnClose: false,
  locked: false,
};

describe('ConnectionStatus', () => {
  it('names the connected user', async () => {
    await mount(
      <ConnectionStatus
        t={translate}
        status={{ ...NOT_CONNECTED, connected: true, userName: 'Ada <b>', accountCount: 2 }}
      />,
    );
    expect(byTestId('connection-status')?.textContent).toBe('Connected as Ada <b> · 2 ad accounts');
  });

  it('says when it is not connected', async () => {
    await mount(<ConnectionStatus status={NOT_CONNECTED} t={translate} />);
    expect(byTestId('connection-status')?.textContent).toBe('Not connected');
  });
});

describe('AccountTable', () => {
  it('lists each account with name, id, currency and time zone, as text', async () => {
    await mount(
      <AccountTable
        t={translate}
        accounts={[
          {
            accountId: 'act_1',
            name: '<script>x</script>',
            currency: 'JPY',
            timezoneName: 'Asia/Tokyo',
          },
          { accountId: 'act_2', name: 'Two', currency: 'EUR', timezoneName: 'Europe/Paris' },
        ]}
      />,
    );
    const rows = container.querySelectorAll('[data-testid="account-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toBe('<script>x</script>act_1JPYAsia/Tokyo');
    expect(container.querySelector('script')).toBeNull();
  });
});
