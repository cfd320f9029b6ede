import type { World } from '../../world/types';
import type { GraphContext, GraphNode } from '../context';
import { addDays } from '../../world/calendar';
import { FAULTS, GraphError, invalidParameter } from '../errors';
import { RETENTION_DAYS } from '../date-presets';
import { pageOf, querySignature, readPageWindow, type LinkBase, type Page } from '../paging';
import type { Params } from '../params';
import type { ReportRun } from '../report-runs';
import type { InsightsRow, RowSubject } from './format';
import { parseInsightsQuery, type InsightsQuery } from './query';
import { entitySubject, insightsRows } from './rows';

/** The `/insights` edge of an account or ad object: sync pages, and async report runs by POST. */

export type InsightsNode = Extract<
  GraphNode,
  { readonly type: 'AdAccount' | 'Campaign' | 'AdSet' | 'Ad' }
>;

export function syncInsightsPage(
  context: GraphContext,
  node: InsightsNode,
  params: Params,
  path: string,
): Page<InsightsRow> {
  const { query, today } = readQuery(context, node, params);
  const signature = querySignature(path, params);
  // The world's numbers move once a simulated minute (today grows, conversions get attributed).
  const minute = Math.floor(context.clock.now() / 60_000);
  const rows = context.rowCache.rows(`${signature}|${minute}`, () =>
    insightsRows(context.world, subjectOf(context.world, node), query, today),
  );
  const page = pageOf(
    rows,
    readPageWindow(params, signature, context.control.settings.defaultLimit),
    signature,
    linkBase(context, path, params),
    context.control.settings.pageQuirk,
  );
  guardVolume(context, page.data.length * query.fields.length);
  return page;
}

export function createReportRun(
  context: GraphContext,
  node: InsightsNode,
  params: Params,
): ReportRun {
  const { query, today } = readQuery(context, node, params);
  return context.control.reportRuns.create(subjectOf(context.world, node), query, today);
}

export function reportRunPage(
  context: GraphContext,
  run: ReportRun,
  params: Params,
  path: string,
): Page<InsightsRow> {
  const { status } = context.control.reportRuns.statusOf(run);
  if (status !== 'Job Completed') {
    throw invalidParameter(`Report run ${run.id} has no results: its async_status is "${status}"`);
  }
  const signature = querySignature(path, params);
  run.rows ??= insightsRows(context.world, run.subject, run.query, run.today);
  return pageOf(
    run.rows,
    readPageWindow(params, signature, context.control.settings.defaultLimit),
    signature,
    linkBase(context, path, params),
    context.control.settings.pageQuirk,
  );
}

function readQuery(
  context: GraphContext,
  node: InsightsNode,
  params: Params,
): { query: InsightsQuery; today: string } {
  const today = context.world.today(node.account.accountId);
  const query = parseInsightsQuery(params, today);
  const oldest = addDays(today, -RETENTION_DAYS);
  if (query.ranges.some((range) => range.since < oldest)) {
    throw new GraphError(400, {
      message:
        '(#3018) The start date of the time range cannot be beyond 37 months from the current date',
      type: 'OAuthException',
      code: 3018,
    });
  }
  return { query, today };
}

/** Graph refuses sync pages that are too big; the threshold is a test knob. */
function guardVolume(context: GraphContext, cells: number): void {
  const { maxCells, variant } = context.control.settings.tooMuchData;
  if (maxCells === undefined || cells <= maxCells) return;
  switch (variant) {
    case 'plain':
      throw FAULTS.too_much_data();
    case 'subcode_99':
      throw FAULTS.too_much_data_subcode_99();
    case 'timeout':
      throw FAULTS.timeout();
  }
}

export function linkBase(context: GraphContext, path: string, params: Params): LinkBase {
  return {
    origin: context.origin,
    path,
    params: [...params.without('access_token'), ['access_token', context.token.token]],
  };
}

export function subjectOf(world: World, node: InsightsNode): RowSubject {
  return node.type === 'AdAccount'
    ? { level: 'account', statsId: node.id, account: node.account }
    : entitySubject(world, node.account, node.entity);
}
