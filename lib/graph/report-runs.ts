import type * as z from 'zod/mini';
import {
  GraphReportRunCreatedSchema,
  GraphReportRunSchema,
  type GraphReportRun,
} from '@/lib/schema/graph-ads';
import type { CallOptions, GraphClient } from './client';
import { GraphError, graphFailure } from './errors';
import type { GraphQuery } from './params';

/**
 * Async insights report runs (meta-graph-api.md §4, Client checklist 11): `POST …/insights`, poll
 * `GET /{id}` with a growing interval until `Job Completed`, then page through its results. A job
 * that fails, is skipped, stays at 0 % too long or runs past the timeout is started once more; a
 * second failure is the caller's to handle (it splits the range).
 */
export interface ReportRunPolicy {
  readonly firstPollMs: number;
  /** Kept under the service worker's 30 s idle limit. */
  readonly maxPollMs: number;
  readonly timeoutMs: number;
  /** A job still at 0 % after this long is considered stuck. */
  readonly stuckMs: number;
}

export const DEFAULT_REPORT_RUN_POLICY: ReportRunPolicy = {
  firstPollMs: 500,
  maxPollMs: 16_000,
  timeoutMs: 30 * 60_000,
  stuckMs: 5 * 60_000,
};

const STATUS_FIELDS = [
  'id',
  'async_status',
  'async_percent_completion',
  'error_code',
  'error_subcode',
  'error_message',
  'error_user_msg',
];
const FAILED = new Set(['Job Failed', 'Job Skipped']);

export interface ReportRunOptions extends CallOptions {
  readonly limit: number;
  readonly minLimit?: number;
  readonly policy?: ReportRunPolicy;
}

function runFailure(run: GraphReportRun | undefined, why: string): GraphError {
  const error = graphFailure('report-failed', why);
  return new GraphError(
    {
      ...error.info,
      code: run?.error_code ?? null,
      subcode: run?.error_subcode ?? null,
      userMsg: run?.error_user_msg ?? null,
    },
    'report-failed',
  );
}

/** Polls until the job completes; throws a `report-failed` error when it will not. */
async function waitForCompletion(
  graph: GraphClient,
  runId: string,
  options: ReportRunOptions,
): Promise<void> {
  const policy = options.policy ?? DEFAULT_REPORT_RUN_POLICY;
  const startedAt = graph.timing.now();
  let delay = policy.firstPollMs;
  for (;;) {
    await graph.timing.sleep(delay);
    const run = await graph.get(
      `/${runId}`,
      GraphReportRunSchema,
      { fields: STATUS_FIELDS },
      options,
    );
    if (run.async_status === 'Job Completed') return;
    if (FAILED.has(run.async_status))
      throw runFailure(run, `The report ended as "${run.async_status}".`);
    const elapsed = graph.timing.now() - startedAt;
    if (elapsed > policy.timeoutMs) throw runFailure(run, 'The report did not finish in time.');
    if ((run.async_percent_completion ?? 0) === 0 && elapsed > policy.stuckMs) {
      throw runFailure(run, 'The report never started.');
    }
    delay = Math.min(policy.maxPollMs, delay * 2);
  }
}

async function startRun(
  graph: GraphClient,
  nodePath: string,
  jobQuery: GraphQuery,
  options: ReportRunOptions,
): Promise<string> {
  const created = await graph.post(
    `${nodePath}/insights`,
    GraphReportRunCreatedSchema,
    jobQuery,
    options,
  );
  return created.report_run_id;
}

/**
 * The report's rows, page by page: the job is started, awaited and, once, restarted. `jobQuery`
 * describes the report; `options.limit` is the page size its results are read with.
 */
export async function* reportRunRows<S extends z.ZodMiniType>(
  graph: GraphClient,
  nodePath: string,
  jobQuery: GraphQuery,
  rowSchema: S,
  options: ReportRunOptions,
): AsyncGenerator<z.output<S>[], void, undefined> {
  let runId: string | undefined;
  for (let attempt = 0; runId === undefined; attempt++) {
    const started = await startRun(graph, nodePath, jobQuery, options);
    try {
      await waitForCompletion(graph, started, options);
      runId = started;
    } catch (error) {
      if (!(error instanceof GraphError) || error.kind !== 'report-failed' || attempt >= 1) {
        throw error;
      }
    }
  }
  yield* graph.pages(
    `/${runId}/insights`,
    rowSchema,
    { params: { limit: options.limit } },
    options,
  );
}
