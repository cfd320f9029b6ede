import { withAccessToken } from '@/lib/auth/session';
import { apiCallRecord, appendApiCalls, type ApiCallRecord } from '@/lib/cache/api-log';
import { readExplanation, saveExplanation } from '@/lib/cache/explanations';
import { readAccountFindings } from '@/lib/cache/findings';
import { isExplainMetric } from '@/lib/explain';
import {
  explainEntity,
  findingPeriods,
  rangePeriods,
  explainSubject,
  type ExplainPeriods,
} from '@/lib/explain/explain-entity';
import { explainView } from '@/lib/explain/view';
import { fetchBreakdownRows } from '@/lib/graph/breakdowns';
import { createGraphClient } from '@/lib/graph/client';
import type { AccountId, AccountRecord } from '@/lib/schema/account';
import { AppError } from '@/lib/schema/errors';
import type { ExplainMetric, ExplainRequest, ExplainView, Explanation } from '@/lib/schema/explain';
import { graphThrottle } from '@/lib/sync/service';

/**
 * Explain (issue #18): the segments behind a finding, or behind a KPI's move over the page's
 * range. Breakdowns are read from Meta only here, when the user asks: three requests paced with
 * the sync's, logged like every call, and kept with the finding, so asking again costs nothing.
 */

interface Target extends ExplainPeriods {
  readonly key: string;
  readonly findingId: string | null;
  readonly node: string;
  readonly level: string;
  readonly metric: ExplainMetric;
}

async function targetOf(request: ExplainRequest): Promise<Target> {
  if ('findingId' in request) {
    const finding = (await readAccountFindings(request.accountId)).find(
      (each) => each.findingId === request.findingId,
    );
    if (!finding) throw new AppError('invalid-request', 'This finding is no longer current.');
    if (!isExplainMetric(finding.metric)) {
      throw new AppError('invalid-request', 'Adlens cannot break this finding down by segment.');
    }
    return {
      key: finding.findingId,
      findingId: finding.findingId,
      node: finding.level === 'account' ? request.accountId : finding.entityId,
      level: finding.level,
      metric: finding.metric,
      ...findingPeriods(finding.startDate, finding.latestDate),
    };
  }
  const { level, entityId, metric, since, until } = request;
  return {
    key: `kpi:${level}:${entityId ?? ''}:${metric}:${since}:${until}`,
    findingId: null,
    node: entityId ?? request.accountId,
    level,
    metric,
    ...rangePeriods(since, until),
  };
}

/** One read per explanation at a time: a double click does not read Meta twice. */
const inFlight = new Map<string, Promise<Explanation>>();

async function readAndKeep(accountId: AccountId, currency: string, target: Target) {
  const calls: ApiCallRecord[] = [];
  try {
    const explanation = await withAccessToken((accessToken) => {
      const graph = createGraphClient({
        accessToken,
        throttle: graphThrottle(),
        onCall: (call) => calls.push(apiCallRecord(call)),
      });
      return explainEntity({
        metric: target.metric,
        subject: explainSubject(target.level),
        currency,
        baseline: target.baseline,
        affected: target.affected,
        read: (group, periods) => fetchBreakdownRows(graph, target.node, accountId, group, periods),
        now: Date.now(),
        requestsMade: () => calls.length,
      });
    });
    await saveExplanation({ accountId, key: target.key, findingId: target.findingId, explanation });
    return explanation;
  } finally {
    await appendApiCalls(calls);
  }
}

/** The explanation asked for: kept, being read, or read now from Meta and kept. */
export async function explanationFor(
  request: ExplainRequest,
  account: AccountRecord,
): Promise<ExplainView> {
  const target = await targetOf(request);
  const kept = await readExplanation(request.accountId, target.key);
  if (kept) return explainView(kept);
  const flightKey = `${request.accountId}\u0000${target.key}`;
  const running = inFlight.get(flightKey);
  if (running) return explainView(await running);
  const reading = readAndKeep(request.accountId, account.currency, target).finally(() =>
    inFlight.delete(flightKey),
  );
  inFlight.set(flightKey, reading);
  return explainView(await reading);
}
