import type { EffectiveStatus } from '@/lib/schema/vocabulary';
import type { AccountId } from '@/lib/schema/account';
import { GraphAdAccountSchema, graphPageSchema, type GraphAdAccount } from '@/lib/schema/graph';
import { GraphAdObjectSchema, type GraphAdObject } from '@/lib/schema/graph-ads';
import { ENTITY_LEVELS, type EntityLevel } from '@/lib/schema/insights';
import { batchGet, type BatchOutcome, type BatchRequest } from './batch';
import type { GraphClient } from './client';
import type { GraphError } from './errors';
import { AD_ACCOUNT_FIELDS } from './me';

/**
 * Campaigns, ad sets and ads of an ad account (meta-graph-api.md §5). Deleted and archived objects
 * are hidden unless an effective_status filter names them, so every status of the level is asked
 * for. The account node and the first page of each edge travel in one batch; the rest of each edge
 * is read by its own `paging.next` (a batch does not follow paging).
 */
const CAMPAIGN_STATUSES: readonly EffectiveStatus[] = [
  'ACTIVE',
  'PAUSED',
  'DELETED',
  'ARCHIVED',
  'IN_PROCESS',
  'WITH_ISSUES',
];
const ADSET_STATUSES: readonly EffectiveStatus[] = [...CAMPAIGN_STATUSES, 'CAMPAIGN_PAUSED'];
const AD_STATUSES: readonly EffectiveStatus[] = [
  ...ADSET_STATUSES,
  'ADSET_PAUSED',
  'DISAPPROVED',
  'PENDING_REVIEW',
  'PREAPPROVED',
  'PENDING_BILLING_INFO',
];

export const EFFECTIVE_STATUSES: Readonly<Record<EntityLevel, readonly EffectiveStatus[]>> = {
  campaign: CAMPAIGN_STATUSES,
  adset: ADSET_STATUSES,
  ad: AD_STATUSES,
};

const COMMON_FIELDS = ['id', 'name', 'status', 'effective_status', 'created_time', 'updated_time'];
const BUDGET_FIELDS = ['daily_budget', 'lifetime_budget', 'start_time'];

export const OBJECT_FIELDS: Readonly<Record<EntityLevel, readonly string[]>> = {
  campaign: [...COMMON_FIELDS, 'objective', ...BUDGET_FIELDS],
  adset: [...COMMON_FIELDS, 'campaign_id', ...BUDGET_FIELDS],
  ad: [...COMMON_FIELDS, 'campaign_id', 'adset_id'],
};

const EDGE: Readonly<Record<EntityLevel, string>> = {
  campaign: 'campaigns',
  adset: 'adsets',
  ad: 'ads',
};

const ObjectPageSchema = graphPageSchema(GraphAdObjectSchema);

export interface AdObjectsOptions {
  readonly pageSize: number;
  /** Only objects changed after this time (unix seconds); everything when absent. */
  readonly updatedSince?: number;
  /** The levels to read (those the user syncs); every level when absent. */
  readonly levels?: readonly EntityLevel[];
}

export interface AccountObjects {
  readonly account: GraphAdAccount;
  readonly objects: Readonly<Record<EntityLevel, readonly GraphAdObject[]>>;
}

function edgeRequest(
  accountId: AccountId,
  level: EntityLevel,
  options: AdObjectsOptions,
): BatchRequest {
  const filtering: object[] = [
    { field: `${level}.effective_status`, operator: 'IN', value: EFFECTIVE_STATUSES[level] },
  ];
  if (options.updatedSince !== undefined) {
    filtering.push({
      field: `${level}.updated_time`,
      operator: 'GREATER_THAN',
      value: options.updatedSince,
    });
  }
  return {
    path: `/${accountId}/${EDGE[level]}`,
    query: { fields: OBJECT_FIELDS[level], params: { filtering, limit: options.pageSize } },
  };
}

function bodyOf(outcome: BatchOutcome | undefined): unknown {
  if (!outcome) throw new Error('A batch answer is missing.');
  if (!outcome.ok) throw outcome.error;
  return outcome.body;
}

async function readEdge(
  graph: GraphClient,
  accountId: AccountId,
  firstPage: unknown,
): Promise<GraphAdObject[]> {
  const page = graph.parse(ObjectPageSchema, firstPage, 'an object edge');
  const objects = [...page.data];
  if (page.paging?.next !== undefined) {
    for await (const more of graph.continuePages(page.paging.next, GraphAdObjectSchema, {
      account: accountId,
    })) {
      objects.push(...more);
    }
  }
  return objects;
}

export async function fetchAccountObjects(
  graph: GraphClient,
  accountId: AccountId,
  options: AdObjectsOptions,
): Promise<AccountObjects> {
  const levels = ENTITY_LEVELS.filter((level) => options.levels?.includes(level) ?? true);
  const outcomes = await batchGet(
    graph,
    [
      { path: `/${accountId}`, query: { fields: AD_ACCOUNT_FIELDS } },
      ...levels.map((level) => edgeRequest(accountId, level, options)),
    ],
    accountId,
  );
  const account = graph.parse(GraphAdAccountSchema, bodyOf(outcomes[0]), 'the ad account');
  const read = await Promise.all(
    levels.map((_level, index) => readEdge(graph, accountId, bodyOf(outcomes[index + 1]))),
  );
  const objectsOf = (level: EntityLevel) => read[levels.indexOf(level)] ?? [];
  return {
    account,
    objects: { campaign: objectsOf('campaign'), adset: objectsOf('adset'), ad: objectsOf('ad') },
  };
}

export interface ObjectsById {
  readonly found: readonly GraphAdObject[];
  /** Ids Meta answers 100/33 for: deleted, unknown or out of reach. */
  readonly gone: readonly string[];
}

/** Objects by id, 50 to a batch; an id that no longer exists is reported, not thrown. */
export async function fetchObjectsById(
  graph: GraphClient,
  accountId: AccountId,
  level: EntityLevel,
  ids: readonly string[],
): Promise<ObjectsById> {
  const outcomes = await batchGet(
    graph,
    ids.map((id) => ({ path: `/${id}`, query: { fields: OBJECT_FIELDS[level] } })),
    accountId,
  );
  const found: GraphAdObject[] = [];
  const gone: string[] = [];
  outcomes.forEach((outcome, index) => {
    if (outcome.ok) found.push(graph.parse(GraphAdObjectSchema, outcome.body, 'an ad object'));
    else if (isGone(outcome.error)) gone.push(ids[index]!);
    else throw outcome.error;
  });
  return { found, gone };
}

function isGone(error: GraphError): boolean {
  return error.kind === 'not-found';
}
