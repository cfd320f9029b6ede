import type { AdsManagerLevel, AdsManagerPage } from '@/lib/ads-manager/page-detect';

export type InsightSubject =
  | { readonly level: AdsManagerLevel; readonly entityId: string }
  | { readonly level: 'account'; readonly entityId: null };

/**
 * What the insight panel describes when opened from its button: the one selected ad, else the one
 * selected ad set, else the one selected campaign (drilling down selects the parent), else the
 * account. A selection of several is not one subject, so it falls through to the level above.
 */
export function selectedSubject(page: Pick<AdsManagerPage, 'selectedIds'>): InsightSubject {
  for (const level of ['ad', 'adset', 'campaign'] as const) {
    const [only, ...others] = page.selectedIds[level];
    if (only !== undefined && others.length === 0) return { level, entityId: only };
  }
  return { level: 'account', entityId: null };
}
