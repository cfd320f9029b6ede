import { formatGraphTime } from '../world/calendar';
import type { Level, SimAccount, SimEntity } from '../world/types';
import type { GraphContext, GraphNode } from './context';
import { invalidParameter, nonexistingField } from './errors';
import { formatFields, parseFields, type FieldSpec } from './fields';
import { matchesFilter } from './filtering';
import { linkBase, syncInsightsPage, type InsightsNode } from './insights/edge';
import type { InsightsRow } from './insights/format';
import { readFilters, type Filter } from './insights/query';
import { pageOf, querySignature, readPageWindow, type Page } from './paging';
import { paramsFromEntries, type Params } from './params';

/**
 * Ad objects as Graph serialises them (meta-graph-api.md §5): accounts, campaigns, ad sets, ads and
 * the user, with `fields` selection, field expansion (`campaigns.limit(5){name}`), and the list
 * edges that hide deleted and archived objects unless an effective_status filter asks for them.
 */

export type Json = InsightsRow[string];
export type JsonObject = Record<string, Json>;

type Reader<N> = (node: N, context: GraphContext, spec: FieldSpec) => Json | undefined;
type EntityNode = Extract<GraphNode, { readonly entity: SimEntity }>;
type AccountNode = Extract<GraphNode, { readonly type: 'AdAccount' }>;
type UserNode = Extract<GraphNode, { readonly type: 'User' }>;

export function resolveNode(context: GraphContext, id: string): GraphNode | undefined {
  const { world, token } = context;
  if (id === 'me' || id === token.userId) return { type: 'User', id: token.userId };
  const visible = (account: SimAccount | undefined): account is SimAccount =>
    account !== undefined && (token.accountIds?.includes(account.accountId) ?? true);
  if (id.startsWith('act_')) {
    const account = world.account(id.slice(4));
    return visible(account) ? { type: 'AdAccount', id, account } : undefined;
  }
  const entity = world.entity(id);
  if (entity) {
    const account = world.account(entity.accountId);
    return visible(account) ? { type: ENTITY_TYPE[entity.level], id, account, entity } : undefined;
  }
  const run = context.control.reportRuns.get(id);
  const runAccount = run?.subject.account;
  return run && visible(runAccount)
    ? { type: 'AdReportRun', id, account: runAccount, run }
    : undefined;
}

const ENTITY_TYPE = { campaign: 'Campaign', adset: 'AdSet', ad: 'Ad' } as const;

/** A node with the requested fields (or its defaults). */
export function renderNode(
  context: GraphContext,
  node: GraphNode,
  fields: readonly FieldSpec[] | undefined,
): JsonObject {
  const readers = readersOf(node);
  const wanted = fields && fields.length > 0 ? fields : defaultFields(node).map(plainField);
  const object: JsonObject = {};
  for (const spec of wanted) {
    const read = readers[spec.name] as Reader<GraphNode> | undefined;
    if (!read) throw nonexistingField(spec.name, node.type);
    const value = read(node, context, spec);
    if (value !== undefined) object[spec.name] = value;
  }
  return object;
}

function plainField(name: string): FieldSpec {
  return { name, modifiers: {} };
}

function defaultFields(node: GraphNode): readonly string[] {
  switch (node.type) {
    case 'User':
      return ['id', 'name'];
    case 'AdAccount':
      return ['id', 'account_id'];
    default:
      return ['id'];
  }
}

function readersOf(node: GraphNode): Readonly<Record<string, Reader<never>>> {
  switch (node.type) {
    case 'User':
      return USER_READERS;
    case 'AdAccount':
      return ACCOUNT_READERS;
    case 'Campaign':
      return CAMPAIGN_READERS;
    case 'AdSet':
      return ADSET_READERS;
    case 'Ad':
      return AD_READERS;
    case 'AdReportRun':
      return {};
  }
}

/** An edge requested through field expansion: its modifiers are its parameters. */
function expandEdge<N extends GraphNode>(
  list: (context: GraphContext, node: N, params: Params, path: string) => Page<Json>,
): Reader<N> {
  return (node, context, spec) => {
    const params = paramsFromEntries([
      ...Object.entries(spec.modifiers),
      ...(spec.children ? [['fields', formatFields(spec.children)] as [string, string]] : []),
    ]);
    const page = list(context, node, params, `/${context.version}/${node.id}/${spec.name}`);
    return page.data.length > 0 ? (page as unknown as Json) : undefined;
  };
}

const USER_READERS: Readonly<Record<string, Reader<UserNode>>> = {
  id: (node) => node.id,
  name: (_node, context) => context.token.userName,
  adaccounts: expandEdge(listAdAccounts),
};

const ACCOUNT_READERS: Readonly<Record<string, Reader<AccountNode>>> = {
  id: (node) => node.id,
  account_id: ({ account }) => account.accountId,
  name: ({ account }) => account.name,
  currency: ({ account }) => account.currency,
  timezone_name: ({ account }) => account.timezoneName,
  timezone_offset_hours_utc: ({ account }) => account.timezoneOffsetHoursUtc,
  account_status: ({ account }) => account.accountStatus,
  disable_reason: () => 0,
  amount_spent: ({ account, id }, { world }) =>
    String(
      world.totals(id, world.historyStart(account.accountId), world.today(account.accountId))
        ?.spendMinor ?? 0,
    ),
  spend_cap: () => '0',
  balance: () => '0',
  owner: ({ account }) => account.businessId,
  business: ({ account }, _context, spec) =>
    pick({ id: account.businessId, name: account.businessName }, spec, 'Business'),
  campaigns: expandEdge(listEntities('campaign')),
  adsets: expandEdge(listEntities('adset')),
  ads: expandEdge(listEntities('ad')),
  insights: expandEdge(syncInsightsPage),
};

function commonReaders(level: Level): Record<string, Reader<EntityNode>> {
  const readers: Record<string, Reader<EntityNode>> = {
    id: (node) => node.id,
    account_id: ({ account }) => account.accountId,
    name: ({ entity }) => entity.name,
    status: ({ entity }) => entity.status,
    configured_status: ({ entity }) => entity.status,
    effective_status: ({ entity }) => entity.effectiveStatus,
    created_time: timeReader((entity) => entity.createdTime),
    updated_time: timeReader((entity) => entity.updatedTime),
    insights: expandEdge(syncInsightsPage),
  };
  if (level !== 'campaign') {
    readers.campaign_id = ({ entity }) => entity.campaignId;
    readers.campaign = ({ entity }, context, spec) => parentNode(context, entity.campaignId, spec);
  }
  if (level === 'ad') {
    readers.adset_id = ({ entity }) => entity.adsetId;
    readers.adset = ({ entity }, context, spec) => parentNode(context, entity.adsetId, spec);
  }
  return readers;
}

function timeReader(pickTime: (entity: SimEntity) => number): Reader<EntityNode> {
  return ({ entity, account }) => formatGraphTime(pickTime(entity), account.timezoneName);
}

/** Budgets are strings in minor units of the account currency, present only on their owner. */
const BUDGET_READERS: Readonly<Record<string, Reader<EntityNode>>> = {
  start_time: timeReader((entity) => entity.startTime),
  daily_budget: ({ entity }) => optionalString(entity.dailyBudgetMinor),
  lifetime_budget: ({ entity }) => optionalString(entity.lifetimeBudgetMinor),
  budget_remaining: ({ entity }, context) => String(budgetRemaining(context, entity)),
  bid_strategy: ({ entity }) => (ownsBudget(entity) ? 'LOWEST_COST_WITHOUT_CAP' : undefined),
};

const CAMPAIGN_READERS: Readonly<Record<string, Reader<EntityNode>>> = {
  ...commonReaders('campaign'),
  ...BUDGET_READERS,
  objective: ({ entity }) => entity.objective,
  buying_type: () => 'AUCTION',
  special_ad_categories: () => [],
  adsets: expandEdge(listEntities('adset')),
  ads: expandEdge(listEntities('ad')),
};

const ADSET_READERS: Readonly<Record<string, Reader<EntityNode>>> = {
  ...commonReaders('adset'),
  ...BUDGET_READERS,
  optimization_goal: ({ entity }) => entity.optimizationGoal,
  billing_event: () => 'IMPRESSIONS',
  attribution_spec: () => [
    { event_type: 'CLICK_THROUGH', window_days: 7 },
    { event_type: 'VIEW_THROUGH', window_days: 1 },
  ],
  ads: expandEdge(listEntities('ad')),
};

const AD_READERS: Readonly<Record<string, Reader<EntityNode>>> = {
  ...commonReaders('ad'),
  creative: ({ entity }, _context, spec) =>
    pick(
      {
        id: `9${entity.id.slice(1)}`,
        thumbnail_url: `https://scontent.xx.fbcdn.net/v/t45.1600-4/${entity.id}_n.jpg`,
      },
      spec,
      'AdCreative',
      ['id'],
    ),
};

function ownsBudget(entity: SimEntity): boolean {
  return entity.dailyBudgetMinor !== undefined || entity.lifetimeBudgetMinor !== undefined;
}

function optionalString(value: number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

/** Today's unspent daily budget, or the lifetime budget minus everything spent. */
function budgetRemaining(context: GraphContext, entity: SimEntity): number {
  const { world } = context;
  const today = world.today(entity.accountId);
  if (entity.dailyBudgetMinor !== undefined) {
    return Math.max(
      0,
      entity.dailyBudgetMinor - (world.totals(entity.id, today, today)?.spendMinor ?? 0),
    );
  }
  if (entity.lifetimeBudgetMinor !== undefined) {
    const spent =
      world.totals(entity.id, world.historyStart(entity.accountId), today)?.spendMinor ?? 0;
    return Math.max(0, entity.lifetimeBudgetMinor - spent);
  }
  return 0;
}

function parentNode(
  context: GraphContext,
  id: string | undefined,
  spec: FieldSpec,
): Json | undefined {
  const node = id === undefined ? undefined : resolveNode(context, id);
  return node ? renderNode(context, node, spec.children) : undefined;
}

/** A small embedded object with `{sub,fields}` selection; `defaults` when none are named. */
function pick(
  object: Readonly<Record<string, string>>,
  spec: FieldSpec,
  type: string,
  defaults: readonly string[] = Object.keys(object),
): JsonObject {
  const names = spec.children?.map((child) => child.name) ?? defaults;
  const picked: JsonObject = {};
  for (const name of names) {
    const value = object[name];
    if (value === undefined) throw nonexistingField(name, type);
    picked[name] = value;
  }
  return picked;
}

/** `/me/adaccounts`: the accounts this token can see. */
export function listAdAccounts(
  context: GraphContext,
  _user: UserNode,
  params: Params,
  path: string,
): Page<Json> {
  const fields = parseFields(params.get('fields'));
  const accounts = context.world.accounts
    .map((account) => resolveNode(context, `act_${account.accountId}`))
    .filter((each): each is AccountNode => each?.type === 'AdAccount');
  return paged(
    context,
    params,
    path,
    accounts.map((account) => renderNode(context, account, fields)),
  );
}

/** `/act_X/campaigns`, `/{campaign}/adsets`, `/{adset}/ads`, …: the objects of a level under a node. */
export function listEntities(level: Level) {
  return (context: GraphContext, node: InsightsNode, params: Params, path: string): Page<Json> => {
    const fields = parseFields(params.get('fields'));
    const filters = objectFilters(params, level);
    const wantsHidden = filters.some(
      (filter) =>
        filter.field.endsWith('effective_status') &&
        /DELETED|ARCHIVED/.test(JSON.stringify(filter.value)),
    );
    const entities = context.world
      .entities(node.account.accountId, level)
      .filter((entity) => isUnder(entity, node))
      .filter(
        (entity) =>
          wantsHidden ||
          (entity.effectiveStatus !== 'DELETED' && entity.effectiveStatus !== 'ARCHIVED'),
      )
      .filter((entity) => filters.every((filter) => objectFilterMatches(filter, entity)));
    const items = entities.map((entity) =>
      renderNode(
        context,
        { type: ENTITY_TYPE[level], id: entity.id, account: node.account, entity },
        fields,
      ),
    );
    return paged(context, params, path, items);
  };
}

function isUnder(entity: SimEntity, node: InsightsNode): boolean {
  switch (node.type) {
    case 'AdAccount':
      return true;
    case 'Campaign':
      return entity.campaignId === node.id;
    case 'AdSet':
      return entity.adsetId === node.id;
    case 'Ad':
      return false;
  }
}

function paged(
  context: GraphContext,
  params: Params,
  path: string,
  items: readonly JsonObject[],
): Page<Json> {
  const signature = querySignature(path, params);
  return pageOf(
    items,
    readPageWindow(params, signature, context.control.settings.defaultLimit),
    signature,
    linkBase(context, path, params),
    context.control.settings.pageQuirk,
  );
}

const OBJECT_FILTER_FIELDS: Readonly<
  Record<string, (entity: SimEntity) => string | number | undefined>
> = {
  id: (entity) => entity.id,
  name: (entity) => entity.name,
  effective_status: (entity) => entity.effectiveStatus,
  configured_status: (entity) => entity.status,
  updated_time: (entity) => entity.updatedTime,
  created_time: (entity) => entity.createdTime,
  objective: (entity) => entity.objective,
  campaign_id: (entity) => entity.campaignId,
  adset_id: (entity) => entity.adsetId,
};

/** `effective_status=[…]` and `filtering=[…]`; a field may carry the level prefix (`ad.updated_time`). */
function objectFilters(params: Params, level: Level): Filter[] {
  const filters = readFilters(params).map((filter) => ({
    ...filter,
    field: unprefixed(filter.field, level),
  }));
  for (const filter of filters) {
    if (!OBJECT_FILTER_FIELDS[filter.field]) {
      throw invalidParameter(
        `Filtering field '${filter.field}' with operation '${filter.operator}' is not supported`,
      );
    }
  }
  const statuses = params.list('effective_status');
  return statuses
    ? [...filters, { field: 'effective_status', operator: 'IN', value: statuses }]
    : filters;
}

function unprefixed(field: string, level: Level): string {
  if (field.startsWith(`${level}.`)) return field.slice(level.length + 1);
  if (field === 'campaign.id') return 'campaign_id';
  if (field === 'adset.id') return 'adset_id';
  return field;
}

function objectFilterMatches(filter: Filter, entity: SimEntity): boolean {
  const read = OBJECT_FILTER_FIELDS[filter.field];
  return read !== undefined && matchesFilter(read(entity), filter.operator, filter.value);
}

/** The list edges of each node type, for `GET /{id}/{edge}`. */
export function edgeOf(
  node: GraphNode,
  edge: string,
): ((context: GraphContext, node: never, params: Params, path: string) => Page<Json>) | undefined {
  switch (node.type) {
    case 'User':
      return edge === 'adaccounts' ? listAdAccounts : undefined;
    case 'AdAccount':
    case 'Campaign':
    case 'AdSet':
    case 'Ad':
      if (edge === 'insights') return syncInsightsPage;
      if (edge === 'campaigns' && node.type === 'AdAccount') return listEntities('campaign');
      if (edge === 'adsets' && (node.type === 'AdAccount' || node.type === 'Campaign'))
        return listEntities('adset');
      if (edge === 'ads' && node.type !== 'Ad') return listEntities('ad');
      return undefined;
    case 'AdReportRun':
      return undefined;
  }
}
