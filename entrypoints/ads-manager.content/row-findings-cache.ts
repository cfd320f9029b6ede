import type { QueryClient } from '@tanstack/query-core';
import { send } from '@/lib/messaging/client';
import { queryKeys } from '@/lib/query/keys';
import type { AccountId } from '@/lib/schema/account';
import { MAX_ROW_ENTITY_IDS, type RowFindings, type TableLevel } from '@/lib/schema/row-findings';

/**
 * What the background said about the findings of the rows seen so far, for one account and table
 * level, kept in the tab's query cache: one entry per level holding every entity asked about, so
 * that scrolling back needs no message, and one invalidation (a sync finished) drops it all.
 */
export interface RowFindingsCache {
  /** The entity's badge data; null when it has no findings; undefined when not known yet. */
  get(entityId: string): RowFindings | null | undefined;
  /**
   * Asks the background about the entities not known yet (one message per 200) and resolves with
   * those that got an answer. Never rejects: without an answer, rows simply get no badge.
   */
  load(entityIds: readonly string[]): Promise<readonly string[]>;
}

type Known = ReadonlyMap<string, RowFindings | null>;

export function createRowFindingsCache(
  client: QueryClient,
  scope: { readonly accountId: AccountId; readonly level: TableLevel },
): RowFindingsCache {
  const key = queryKeys.rowFindings(scope.accountId, scope.level);
  const asking = new Set<string>();

  function known(): Known | undefined {
    const state = client.getQueryState<Known>(key);
    return state && !state.isInvalidated ? state.data : undefined;
  }

  function remember(entityIds: readonly string[], findings: readonly RowFindings[]): void {
    const byId = new Map(findings.map((finding) => [finding.entityId, finding]));
    client.setQueryData<Known>(key, (before) => {
      const next = new Map(known() === before ? before : undefined);
      for (const id of entityIds) next.set(id, byId.get(id) ?? null);
      return next;
    });
  }

  async function ask(entityIds: readonly string[]): Promise<readonly string[]> {
    try {
      const answer = await send('findings.forRows', { ...scope, entityIds: [...entityIds] });
      remember(entityIds, answer.findings);
      return entityIds;
    } catch {
      // The background is unreachable or refused: rows keep no badge, the page is unaffected.
      return [];
    } finally {
      for (const id of entityIds) asking.delete(id);
    }
  }

  return {
    get: (entityId) => known()?.get(entityId),
    async load(entityIds) {
      const cached = known();
      const unknown = [...new Set(entityIds)].filter((id) => !cached?.has(id) && !asking.has(id));
      for (const id of unknown) asking.add(id);
      const batches: string[][] = [];
      for (let start = 0; start < unknown.length; start += MAX_ROW_ENTITY_IDS) {
        batches.push(unknown.slice(start, start + MAX_ROW_ENTITY_IDS));
      }
      const answered = await Promise.all(batches.map(ask));
      return answered.flat();
    },
  };
}
