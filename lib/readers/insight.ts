import { readChanges, type EntityChange } from '@/lib/cache/changes';
import { listEntities } from '@/lib/cache/entities';
import { readAccountFindings, readEntityFindings, type StoredFinding } from '@/lib/cache/findings';
import type { SyncState } from '@/lib/cache/sync-state';
import { isExplainMetric } from '@/lib/explain/measures';
import type { AccountId, AccountRecord } from '@/lib/schema/account';
import {
  MAX_PANEL_CHANGES,
  MAX_PANEL_FINDINGS,
  type InsightChange,
  type InsightFinding,
  type InsightGetRequest,
  type InsightGetResponse,
} from '@/lib/schema/insight';
import { ENTITY_LEVELS, mostSevereFirst } from '@/lib/schema/vocabulary';
import { panelMeasures } from './measures';

/**
 * What the insight panel shows of one campaign, ad set or ad, or of the account (its campaigns
 * summed), for the page's range against the period before it, from the cache alone. The command
 * adds how fresh it is.
 */

/** Names of the entities findings and changes point at, reading only the levels they name. */
async function namesOf(
  accountId: AccountId,
  refs: readonly { level: string; entityId: string }[],
): Promise<Map<string, string>> {
  const levels = new Set(refs.map((ref) => ref.level));
  const names = new Map<string, string>();
  for (const level of ENTITY_LEVELS) {
    if (!levels.has(level)) continue;
    for (const entity of await listEntities(accountId, level))
      names.set(entity.entityId, entity.name);
  }
  return names;
}

async function readFindings(request: InsightGetRequest): Promise<StoredFinding[]> {
  const findings =
    request.entityId === null
      ? (await readAccountFindings(request.accountId)).filter(
          (finding) => finding.parentId === null,
        )
      : await readEntityFindings(request.accountId, request.level, request.entityId);
  return findings.sort(mostSevereFirst).slice(0, MAX_PANEL_FINDINGS);
}

function toFinding(finding: StoredFinding, names: ReadonlyMap<string, string>): InsightFinding {
  return {
    severity: finding.severity,
    subject: names.get(finding.entityId) ?? finding.entityId,
    sentence: finding.summary,
    nextStep: finding.nextStep,
    startDate: finding.startDate,
    findingId: finding.findingId,
    explainable: isExplainMetric(finding.metric),
  };
}

function toChange(change: EntityChange, names: ReadonlyMap<string, string>): InsightChange {
  const { field, before, after, time } = change;
  return { subject: names.get(change.entityId) ?? change.entityId, field, before, after, time };
}

export async function insightOf(
  request: InsightGetRequest,
  account: AccountRecord,
  state: SyncState,
): Promise<Omit<InsightGetResponse, 'freshness'>> {
  const { accountId, level, entityId, since, until } = request;
  const subject = { accountId, level: level === 'account' ? 'campaign' : level, entityId } as const;
  const [measures, findings, changes] = await Promise.all([
    panelMeasures(subject, { since, until }, state.coverage[subject.level]),
    readFindings(request),
    readChanges(accountId, entityId ?? undefined).then((all) => all.slice(0, MAX_PANEL_CHANGES)),
  ]);
  const names = await namesOf(accountId, [
    ...findings,
    ...changes,
    ...(entityId === null ? [] : [{ level, entityId }]),
  ]);
  names.set(accountId, account.name);
  return {
    accountId,
    currency: account.currency,
    subject: { level, entityId, name: names.get(entityId ?? accountId) ?? entityId ?? accountId },
    ...measures,
    findings: findings.map((finding) => toFinding(finding, names)),
    changes: changes.map((change) => toChange(change, names)),
  };
}
