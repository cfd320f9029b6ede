// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccountPanel, type AccountPanelState } from '@/components/AccountPanel';
import { translate } from '@/tests/unit/components/catalogue';
import { byTestId, container, mount, unmount } from '@/tests/support/dom';

const HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>&amp;';
const account = { accountId: 'act_1', name: 'Shop', currency: 'EUR', timezoneName: 'Europe/Paris' };

async function show(
  state: AccountPanelState,
  collapsed = false,
  onToggleCollapsed = () => undefined,
  onOpenInsights = () => undefined,
) {
  await mount(
    <AccountPanel t={translate} {...{ state, collapsed, onToggleCollapsed, onOpenInsights }} />,
  );
  return container;
}

afterEach(unmount);

describe('AccountPanel', () => {
  it('shows the account name and currency', async () => {
    await show({ kind: 'ready', account });
    expect(byTestId('adlens-panel')?.getAttribute('data-state')).toBe('ready');
    expect(byTestId('account-name')?.textContent).toBe('Shop');
    expect(byTestId('account-currency')?.textContent).toBe('EUR');
  });

  it('renders a hostile name as text', async () => {
    await show({ kind: 'ready', account: { ...account, name: HOSTILE } });
    expect(byTestId('account-name')?.textContent).toBe(HOSTILE);
    expect(container.querySelector('img, script')).toBeNull();
  });

  it.each<[AccountPanelState, RegExp]>([
    [{ kind: 'loading' }, /Loading/],
    [{ kind: 'not-connected' }, /Connect Adlens in its options/],
    [{ kind: 'unknown-account', accountId: 'act_9' }, /act_9 is not among/],
    [{ kind: 'error', message: HOSTILE }, /<script>alert\(2\)<\/script>/],
  ])('explains the %j state without account fields', async (state, text) => {
    await show(state);
    expect(byTestId('panel-message')?.textContent).toMatch(text);
    expect(byTestId('account-name')).toBeNull();
    expect(container.querySelector('img, script')).toBeNull();
  });

  it('announces errors', async () => {
    await show({ kind: 'error', message: 'Nope' });
    expect(byTestId('panel-message')?.getAttribute('role')).toBe('alert');
  });

  it('collapses to its header and toggles from the keyboard-reachable button', async () => {
    const toggle = vi.fn();
    await show({ kind: 'ready', account }, true, toggle);
    const button = container.querySelector('button')!;
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(container.querySelector('.body')?.hasAttribute('hidden')).toBe(true);
    await act(() => button.click());
    expect(toggle).toHaveBeenCalledOnce();
  });

  it('opens the insight panel from its Insights button', async () => {
    const open = vi.fn();
    await show({ kind: 'ready', account }, false, undefined, open);
    await act(() => (byTestId('open-insights') as HTMLButtonElement).click());
    expect(open).toHaveBeenCalledOnce();
  });
});
