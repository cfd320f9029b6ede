import { listEntities } from '@/lib/cache/entities';
import { defineHandler } from '@/lib/messaging/handler';
import { buildNameIndex, matchName } from '@/lib/ads-manager/name-match';

/**
 * Which cached entity each visible row name belongs to, for Ads Manager pages without
 * `data-surface` ids. A name several entities share matches none of them (lib/ads-manager/name-match).
 */
export default defineHandler('rows.identifyByName', async ({ accountId, level, names }) => {
  const entities = await listEntities(accountId, level);
  const index = buildNameIndex(entities.map(({ entityId, name }) => ({ id: entityId, name })));
  return {
    matches: [...new Set(names)].map((name) => ({
      name,
      entityId: matchName(index, name) ?? null,
    })),
  };
});
