import { requireAccount } from '@/lib/cache/accounts';
import { listEntities } from '@/lib/cache/entities';
import { readExplanation } from '@/lib/cache/explanations';
import { readAccountFindings } from '@/lib/cache/findings';
import { readSyncState } from '@/lib/cache/sync-state';
import { explainView } from '@/lib/explain/view';
import { covers } from '@/lib/insight/periods';
import { AppError } from '@/lib/schema/errors';
import type { AccountId } from '@/lib/schema/account';
import type { ExplainView, Explanation } from '@/lib/schema/explain';
import type { SnapshotRequest } from '@/lib/schema/snapshots';
import { findingText } from '@/lib/util/finding-text';
import { t, uiLocale } from '@/lib/util/i18n';
import { createSnapshot, type SourceExplanation } from '@/lib/snapshots/build/create';
import type { Snapshot } from '@/lib/snapshots/format/schema';
import { chosenFindings, chosenTree } from '@/lib/snapshots/build/source';
import { snapshotMeasures } from './measures';

/**
 * A full-fidelity snapshot of what the cache holds for {account, subject, range}; redaction is the
 * viewer's step, where the person sees it. Shared by the options page's and Ads Manager's commands.
 */
export async function buildSnapshot(request: SnapshotRequest): Promise<Snapshot> {
  const { accountId, subject, since, until } = request;
  const account = await requireAccount(accountId);
  const range = { since, until };
  const [entities, measures, findings] = await Promise.all([
    readTree(request),
    readMeasures(request),
    readRootFindings(accountId),
  ]);
  const inTree = new Set([accountId, ...entities.map((entity) => entity.id)]);
  return createSnapshot(
    {
      account: { id: accountId, name: account.name, currency: account.currency },
      range,
      ...(subject ? { subjectId: subject.entityId } : {}),
      entities,
      ...measures,
      findings: chosenFindings(findings, inTree),
    },
    new Date(),
  );
}

async function readTree({ accountId, subject }: SnapshotRequest) {
  const levels =
    subject === null ? (['campaign'] as const) : (['campaign', 'adset', 'ad'] as const);
  const records = (await Promise.all(levels.map((level) => listEntities(accountId, level)))).flat();
  const entities = chosenTree(subject, records);
  if (!entities) {
    throw new AppError(
      'not-synced',
      'Adlens has not synced this campaign, ad set or ad yet. Sync the account, then try again.',
    );
  }
  return entities;
}

/**
 * KPIs against the previous period of the same length, and daily lines, from the subject's own
 * series (the campaigns' summed for the account). Days the cache does not cover are unknown, not
 * zero: a range outside them is refused, and an uncovered previous period compares with nothing.
 */
async function readMeasures({ accountId, subject, since, until }: SnapshotRequest) {
  const level = subject?.level ?? 'campaign';
  const coverage = (await readSyncState(accountId)).coverage[level];
  if (!covers(coverage, { since, until })) {
    throw new AppError(
      'not-synced',
      coverage
        ? `Adlens has synced ${coverage.since} to ${coverage.until} of this account. Choose days in between.`
        : 'Adlens has not synced this account yet. Sync it, then try again.',
    );
  }
  const measured = { accountId, level, entityId: subject?.entityId ?? null };
  return snapshotMeasures(measured, { since, until }, coverage);
}

/**
 * Root causes only: the findings they explain would repeat them. Account findings name the account.
 * A snapshot is a document its sender writes: its sentences are in the sender's language.
 */
async function readRootFindings(accountId: AccountId) {
  const locale = uiLocale();
  const roots = (await readAccountFindings(accountId)).filter(
    (finding) => finding.parentId === null,
  );
  return Promise.all(
    roots.map(async (finding) => {
      const explanation = await readExplanation(accountId, finding.findingId);
      return {
        ...finding,
        entityId: finding.level === 'account' ? accountId : finding.entityId,
        summary: findingText(finding.summary, t, locale),
        nextStep: findingText(finding.nextStep, t, locale),
        ...(explanation ? { explanation: explanationSource(explanation, locale) } : {}),
      };
    }),
  );
}

/** Explain's kept answer, as the panel showed it, in the sender's words. */
function explanationSource(
  explanation: Explanation,
  locale: string | undefined,
): SourceExplanation {
  const view = explainView(explanation);
  const say = (message: ExplainView['sentence']) => findingText(message, t, locale);
  return {
    metric: view.metric,
    sentence: say(view.sentence),
    measure: say(view.measure),
    segments: explanation.segments.map((segment, index) => ({
      dimension: segment.dimension,
      label: say(segment.label),
      before: segment.weightBefore,
      after: segment.weightAfter,
      named: segment.named,
      valueBefore: view.bars[index]?.valueBefore ?? null,
      valueAfter: view.bars[index]?.valueAfter ?? null,
    })),
  };
}
