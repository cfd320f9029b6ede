/**
 * Client-side routing like the real app: every state change is a URL change made with
 * history.pushState (or replaceState for row selection), never a reload. Back and forward work
 * through popstate.
 */
import { manageHref, parseManageLocation, type ManageState } from '../url-scheme';

type Listener = (state: ManageState | undefined) => void;
const listeners: Listener[] = [];

export function currentState(): ManageState | undefined {
  return parseManageLocation(location.pathname, location.search);
}

export function navigate(state: ManageState, mode: 'push' | 'replace' = 'push'): void {
  const href = manageHref(state);
  if (href === `${location.pathname}${location.search}`) return;
  if (mode === 'push') history.pushState(null, '', href);
  else history.replaceState(null, '', href);
  notify();
}

export function onRouteChange(listener: Listener): void {
  listeners.push(listener);
}

function notify(): void {
  const state = currentState();
  for (const listener of listeners) listener(state);
}

window.addEventListener('popstate', notify);
