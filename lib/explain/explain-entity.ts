import type { GraphBreakdownRow, Period } from '@/lib/graph/breakdowns';
import { EXPLAIN_SUBJECTS, type ExplainSubject, type Explanation } from '@/lib/schema/explain';
import { addDays, daysInRange, previousPeriod } from '@/lib/util/dates';
import { REQUEST_GROUPS, type Dimension } from './dimensions';
import { buildExplanation } from './index';
import type { ExplainMetric, SegmentTotals } from './measures';
import { segmentsFromRows } from './segments';

/**
 * One explanation from Meta's breakdowns: one read per request group, both periods in each, then
 * the decomposition. The reads are injected, so the background, the benchmark and the tests run
 * the same code.
 */

/** A finding is compared with the two weeks before it started: long enough to even out weekdays. */
export const FINDING_BASELINE_DAYS = 14;

export interface ExplainPeriods {
  readonly baseline: Period;
  readonly affected: Period;
}

export function findingPeriods(startDate: string, latestDate: string): ExplainPeriods {
  return {
    baseline: { since: addDays(startDate, -FINDING_BASELINE_DAYS), until: addDays(startDate, -1) },
    affected: { since: startDate, until: latestDate < startDate ? startDate : latestDate },
  };
}

/** The page's range against the period of the same length before it, as the KPIs compare. */
export function rangePeriods(since: string, until: string): ExplainPeriods {
  const affected = { since, until: daysInRange(since, until) > 0 ? until : since };
  return { baseline: previousPeriod(affected), affected };
}

/** The whole an explanation's segments are part of, as the sentence names it. */
export function explainSubject(level: string): ExplainSubject {
  return (EXPLAIN_SUBJECTS as readonly string[]).includes(level)
    ? (level as ExplainSubject)
    : 'selection';
}

export type ReadBreakdowns = (
  group: readonly Dimension[],
  periods: readonly Period[],
) => Promise<readonly GraphBreakdownRow[]>;

export interface ExplainEntityInput extends ExplainPeriods {
  readonly metric: ExplainMetric;
  readonly subject: ExplainSubject;
  readonly currency: string;
  readonly read: ReadBreakdowns;
  readonly now: number;
  /** Graph requests made so far for this explanation (pages and retries included). */
  readonly requestsMade: () => number;
}

export async function explainEntity(input: ExplainEntityInput): Promise<Explanation> {
  const periods = [input.baseline, input.affected];
  const segments = [];
  for (const group of REQUEST_GROUPS) {
    const rows = await input.read(group, periods);
    segments.push(
      ...segmentsFromRows(rows, group, input.baseline.since, input.affected.since, input.currency),
    );
  }
  // Sums compare per day: a two-day spike against two weeks of baseline.
  const scale =
    daysInRange(input.affected.since, input.affected.until) /
    daysInRange(input.baseline.since, input.baseline.until);
  return buildExplanation({
    metric: input.metric,
    segments: segments.map((segment) => ({ ...segment, before: scaled(segment.before, scale) })),
    subject: input.subject,
    baseline: input.baseline,
    affected: input.affected,
    requests: input.requestsMade(),
    fetchedAt: input.now,
  });
}

function scaled(totals: SegmentTotals, factor: number): SegmentTotals {
  return Object.fromEntries(
    Object.entries(totals).map(([key, value]) => [key, value * factor]),
  ) as unknown as SegmentTotals;
}
