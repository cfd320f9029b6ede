import { accountViewSteps, type AccountView } from './account-view';
import type { Candidate } from './candidate';
import { DETECTORS } from './detectors';
import { medianOf } from './robust';
import { findingKey, groupByRootCause, type Shown } from './root-cause';
import { BASELINE_DAYS } from './shift-scan';
import type { AccountInput, DetectOptions, Finding } from './types';

/** Below this share of the account's daily spend, an entity's problems weigh one severity less. */
const MINOR_SPEND_SHARE = 0.01;
/** Findings shown this many days before `asOf` still count as shown in the last run. */
const PREVIOUS_RUN_DAYS = 3;

/**
 * What needs attention in one ad account as of its last complete day: findings sorted by severity
 * and money at stake, one per root cause, each with the findings it explains under `related`.
 * Pure and deterministic; throws a RangeError only when `asOf` is not a `YYYY-MM-DD` date.
 */
export function detectAnomalies(input: AccountInput, options: DetectOptions): Finding[] {
  const steps = detectionSteps(input, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** How a caller on a shared thread (a service worker) lets other work run during detection. */
export interface Slicing {
  /** Hands the thread back for a moment (a macrotask), so queued events are handled. */
  readonly pause: () => Promise<void>;
  readonly now: () => number;
  /** Longest stretch between pauses (ms). */
  readonly sliceMs: number;
}

/**
 * {@link detectAnomalies}, with the same result, in slices of at most about `sliceMs` with a pause
 * between them: a large account takes seconds, which a service worker must not spend deaf to
 * messages. Returns the findings and the longest stretch without a pause.
 */
export async function detectAnomaliesInSlices(
  input: AccountInput,
  options: DetectOptions,
  slicing: Slicing,
): Promise<{ findings: Finding[]; longestSliceMs: number }> {
  const steps = detectionSteps(input, options);
  let sliceStart = slicing.now();
  let longestSliceMs = 0;
  for (;;) {
    const step = steps.next();
    const elapsed = slicing.now() - sliceStart;
    if (step.done) {
      return { findings: step.value, longestSliceMs: Math.max(longestSliceMs, elapsed) };
    }
    if (elapsed >= slicing.sliceMs) {
      longestSliceMs = Math.max(longestSliceMs, elapsed);
      await slicing.pause();
      sliceStart = slicing.now();
    }
  }
}

/** The engine's work, yielding after each detector on each entity. */
function* detectionSteps(input: AccountInput, options: DetectOptions): Generator<void, Finding[]> {
  const view = yield* accountViewSteps(input, options);
  const shown = shownBefore(options, view);
  // Ads before their parents: a parent's checks read every ad's series, which are then already
  // made in the ads' own steps (exposure.ts). Candidates keep the account-first order.
  const found: Candidate[][] = view.entities.map(() => []);
  for (let place = view.entities.length - 1; place >= 0; place--) {
    const entity = view.entities[place]!;
    for (const { kind, detect } of DETECTORS) {
      const key = findingKey(kind, entity.id);
      const candidate = detect(entity, view, { sustaining: shown.findings.has(key) });
      if (candidate) found[place]!.push(weighedBySpend(candidate, view));
      // One detector at a time: on the account of a large account, all of them together took
      // longer than a slice.
      yield;
    }
  }
  return groupByRootCause(found.flat(), view, shown);
}

/**
 * Alert fatigue is the top complaint (ads-domain.md): a problem on an entity that spends under
 * {@link MINOR_SPEND_SHARE} of the account is told one severity lower.
 */
function weighedBySpend(candidate: Candidate, view: AccountView): Candidate {
  if (candidate.severity === 'info') return candidate;
  const from = Math.max(0, candidate.from - BASELINE_DAYS);
  const entitySpend = medianOf(candidate.entity.series.spend, from, candidate.from);
  const accountSpend = medianOf(view.account.series.spend, from, candidate.from);
  if (!(entitySpend < MINOR_SPEND_SHARE * accountSpend)) return candidate;
  return { ...candidate, severity: candidate.severity === 'critical' ? 'warning' : 'info' };
}

/** The findings of the last run that are still recent, top-level and related. */
function shownBefore(options: DetectOptions, view: AccountView): Shown {
  const findings = new Map<string, Finding>();
  const roots = new Set<string>();
  const since = view.dateOf(view.asOfIndex - PREVIOUS_RUN_DAYS);
  const add = (finding: Finding): void => {
    if (finding.latestDate < since) return;
    findings.set(findingKey(finding.kind, finding.entityId), finding);
    finding.related.forEach(add);
  };
  for (const finding of options.previous ?? []) {
    add(finding);
    if (finding.latestDate >= since) roots.add(findingKey(finding.kind, finding.entityId));
  }
  return { findings, roots };
}
