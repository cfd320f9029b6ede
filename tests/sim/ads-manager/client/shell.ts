/**
 * The page around the table: top bar with the account switcher, the left rail, the search/filter bar
 * with the date picker, the level tabs and the `#pe_toolbar` toolbar. Mostly static; the controller
 * updates it from the URL state.
 */
import type { Level } from '../../world/types';
import type { DateRange, ManageState, Tab } from '../url-scheme';
import type { BootAccount, BootConfig } from '../wire';
import { accountSwitcher } from './account-switcher';
import { isEvidenceVariant } from '../control';
import { datePicker } from './date-picker';
import { pageText } from './locale';
import { el, setAttr, setRole, setSurface } from './dom';
import { tabs } from './tabs';

export interface ShellActions {
  readonly pickAccount: (account: BootAccount) => void;
  readonly pickRange: (range: DateRange) => void;
  readonly pickTab: (tab: Tab) => void;
  readonly clearSelection: (level: Level) => void;
  readonly toggleShowAll: () => void;
}

export interface Shell {
  readonly root: HTMLElement;
  /** Where the controller mounts the table or a message. */
  readonly pane: HTMLElement;
  update(state: ManageState, account: BootAccount | undefined, range: DateRange | undefined): void;
  setShowAll(on: boolean): void;
}

function topBar(switcher: HTMLElement): HTMLElement {
  return el('div', 'topbar', { role: 'banner' }, [
    el('div', 'logo', { 'aria-hidden': 'true' }, ['∞']),
    el('span', 'appTitle', {}, ['Ads Manager']),
    el('div', 'grow'),
    switcher,
    el('div', 'logo', { 'aria-label': 'Your profile', role: 'img' }, ['A']),
  ]);
}

function rail(): HTMLElement {
  const item = (glyph: string, label: string, active = false): HTMLElement =>
    el('div', active ? 'railItemActive' : 'railItem', { 'aria-label': label, role: 'link' }, [
      glyph,
    ]);
  return el('nav', 'rail', { 'aria-label': 'Ads Manager navigation' }, [
    item('☰', 'All tools'),
    item('▦', 'Campaigns', true),
    item('◔', 'Reporting'),
    item('♪', 'Audiences'),
    item('⚙', 'Settings'),
  ]);
}

function toolbar(): HTMLElement {
  const create = el('button', 'primaryButton', { type: 'button' }, ['+ Create']);
  setSurface(create, '/am/table/lib:creation-button');
  const idle = (text: string): HTMLElement =>
    el('button', 'buttonDisabled', { type: 'button', 'aria-disabled': 'true' }, [text]);
  const plain = (text: string): HTMLElement => el('button', 'button', { type: 'button' }, [text]);
  const bar = el('div', 'toolbar', { id: 'pe_toolbar', role: 'toolbar' }, [
    create,
    idle('Duplicate'),
    idle('Edit'),
    idle('A/B test'),
    idle('More ▾'),
    el('div', 'grow'),
    plain('Columns: Performance ▾'),
    plain('Breakdown ▾'),
    plain('Reports ▾'),
    plain('Export ▾'),
  ]);
  return el('div', undefined, { 'data-pagelet': 'AdsPEMainPaneLeftToolbar' }, [bar]);
}

export function createShell(boot: BootConfig, actions: ShellActions): Shell {
  const switcher = accountSwitcher(boot.accounts, actions.pickAccount);
  const evidence = isEvidenceVariant(boot.variant);
  const picker = datePicker(actions.pickRange, evidence ? pageText(boot.locale) : undefined);
  const levelTabs = tabs(actions.pickTab, actions.clearSelection);
  const showAll = el('button', 'chip', { type: 'button', 'aria-pressed': 'false' }, [
    'Show deleted and archived',
  ]);
  showAll.addEventListener('click', actions.toggleShowAll);
  const search = el('div', 'searchBox', { role: 'search' }, [
    'Search to filter by name, ID or metrics',
  ]);
  const filterBar = el('div', 'filterBar', {}, [search, showAll, picker.element]);
  setSurface(filterBar, '/am/table/search_and_filter');
  const pane = el('div', 'pane', { 'data-pagelet': 'AdsPEMainPaneTable' });
  const main = el('main', 'main', {}, [filterBar, levelTabs.element, toolbar(), pane]);
  const root = el('div', 'root', {}, [
    topBar(switcher.element),
    el('div', 'body', {}, [rail(), main]),
  ]);
  return {
    root,
    pane,
    update(state, account, range) {
      switcher.update(account);
      levelTabs.update(state);
      if (account && range) picker.update(range, account);
    },
    setShowAll(on) {
      setAttr(showAll, 'aria-pressed', String(on));
      setRole(showAll, on ? 'chipOn' : 'chip');
    },
  };
}
