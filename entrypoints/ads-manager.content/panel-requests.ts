import type { AdsManagerLevel } from '@/lib/ads-manager/page-detect';

/**
 * What the insight panel should show: one campaign, ad set or ad, or the whole account when
 * `entityId` is null. Badges and the toolbar button ask for it here; the panel feature listens,
 * so neither side imports the other.
 */
export type InsightPanelTarget =
  | { readonly accountId: string; readonly level: AdsManagerLevel; readonly entityId: string }
  | { readonly accountId: string; readonly level: 'account'; readonly entityId: null };

export type InsightPanelListener = (target: InsightPanelTarget) => void;

const listeners = new Set<InsightPanelListener>();

/** Opens the insight panel on `target`; a no-op while no panel is mounted. */
export function requestInsightPanel(target: InsightPanelTarget): void {
  for (const listener of listeners) listener(target);
}

/** Listens until `signal` aborts (the feature's run), so a navigation leaves no stale listener. */
export function onInsightPanelRequest(listener: InsightPanelListener, signal: AbortSignal): void {
  if (signal.aborted) return;
  listeners.add(listener);
  signal.addEventListener('abort', () => listeners.delete(listener), { once: true });
}
