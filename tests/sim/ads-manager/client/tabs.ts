/**
 * The Campaigns / Ad sets / Ads tabs. A tab switch is a pushState; selections stay in the URL and
 * narrow the deeper tabs ("Ad sets for 1 campaign"), as on the real page.
 */
import type { Level } from '../../world/types';
import { countLabel } from '../columns';
import { SELECTION_KEY, TAB_LEVEL, TABS, type ManageState, type Tab } from '../url-scheme';
import { el, setAttr, setRole, setText } from './dom';

const TAB_TITLE: Readonly<Record<Tab, string>> = {
  campaigns: 'Campaigns',
  adsets: 'Ad sets',
  ads: 'Ads',
};
const TAB_ICON: Readonly<Record<Tab, string>> = { campaigns: '▣', adsets: '▦', ads: '▤' };

export function tabTitle(tab: Tab): string {
  return TAB_TITLE[tab];
}

export interface Tabs {
  readonly element: HTMLElement;
  update(state: ManageState): void;
}

/** "for 1 campaign" / "for 2 ad sets": what narrows a deeper tab. */
function scopeLabel(tab: Tab, state: ManageState): string {
  if (tab === 'ads' && state.selectedAdsetIds.length > 0) {
    return ` for ${countLabel('adset', state.selectedAdsetIds.length)}`;
  }
  if (tab !== 'campaigns' && state.selectedCampaignIds.length > 0) {
    return ` for ${countLabel('campaign', state.selectedCampaignIds.length)}`;
  }
  return '';
}

export function tabs(onSelect: (tab: Tab) => void, onClear: (level: Level) => void): Tabs {
  const views = TABS.map((tab) => {
    const title = el('span');
    const count = el('span');
    const clear = el('span', 'badgeClear', { role: 'button', 'aria-label': 'Clear selection' }, [
      '×',
    ]);
    const badge = el('span', 'hidden', {}, [count, clear]);
    const button = el('button', 'tab', { type: 'button', role: 'tab', 'aria-selected': 'false' }, [
      el('span', undefined, { 'aria-hidden': 'true' }, [TAB_ICON[tab]]),
      title,
      badge,
    ]);
    button.addEventListener('click', (event) => {
      if (event.target instanceof Node && clear.contains(event.target)) onClear(TAB_LEVEL[tab]);
      else onSelect(tab);
    });
    return { tab, button, title, badge, count };
  });
  const element = el(
    'div',
    'tabs',
    { role: 'tablist', 'aria-label': 'Ads Manager levels' },
    views.map((v) => v.button),
  );
  return {
    element,
    update(state) {
      for (const view of views) {
        const selected = view.tab === state.tab;
        setAttr(view.button, 'aria-selected', String(selected));
        setRole(view.button, selected ? 'tabSelected' : 'tab');
        setText(view.title, `${TAB_TITLE[view.tab]}${scopeLabel(view.tab, state)}`);
        const picked = state[SELECTION_KEY[TAB_LEVEL[view.tab]]].length;
        setText(view.count, `${picked} selected`);
        setRole(view.badge, picked > 0 ? 'badge' : 'hidden');
      }
    },
  };
}
