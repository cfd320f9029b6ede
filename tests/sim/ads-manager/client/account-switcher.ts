/** The ad account dropdown of the top bar: picking an account changes `act=` without a reload. */
import type { BootAccount } from '../wire';
import { el, onDismiss, setAttr, setRole, setText } from './dom';

export interface AccountSwitcher {
  readonly element: HTMLElement;
  update(current: BootAccount | undefined): void;
}

export function accountSwitcher(
  accounts: readonly BootAccount[],
  onPick: (account: BootAccount) => void,
): AccountSwitcher {
  const name = el('span', 'accountName');
  const id = el('span', 'secondaryText');
  const button = el(
    'button',
    'accountButton',
    {
      type: 'button',
      'aria-label': 'Ad account',
      'aria-haspopup': 'listbox',
      'aria-expanded': 'false',
    },
    [name, id, '▾'],
  );
  const element = el('div', 'menuAnchor', {}, [button]);
  let current: BootAccount | undefined;
  let stop: (() => void) | undefined;

  const close = (): void => {
    stop?.();
    stop = undefined;
    element.querySelector('[role="listbox"]')?.remove();
    setAttr(button, 'aria-expanded', 'false');
  };
  const option = (account: BootAccount): HTMLElement => {
    const selected = account.accountId === current?.accountId;
    const node = el('div', selected ? 'optionSelected' : 'option', {
      role: 'option',
      'aria-selected': String(selected),
    });
    node.append(
      el('div', 'cellContent', {}, [
        el('span', 'cellText', {}, [account.name]),
        el('span', 'cellSub', {}, [`ID: ${account.accountId} · ${account.currency}`]),
      ]),
    );
    node.addEventListener('click', () => {
      close();
      if (!selected) onPick(account);
    });
    return node;
  };
  const open = (): void => {
    const menu = el(
      'div',
      'menu',
      { role: 'listbox', 'aria-label': 'Ad accounts' },
      accounts.map(option),
    );
    element.append(menu);
    setAttr(button, 'aria-expanded', 'true');
    stop = onDismiss(element, close);
  };
  button.addEventListener('click', () => (stop ? close() : open()));

  return {
    element,
    update(account) {
      current = account;
      setText(name, account?.name ?? 'Select an ad account');
      setText(id, account ? `(${account.accountId})` : '');
      setRole(id, account ? 'secondaryText' : 'hidden');
    },
  };
}
