import type { AccountView, EntityView } from './account-view';
import type { Candidate } from './candidate';
import { DETECTORS, FINDING_KINDS } from './detectors';
import { severityRank } from '@/lib/schema/vocabulary';
import type { Finding, FindingKind } from './types';
import { sumOver } from './exposure';

/**
 * One finding per root cause (ads-domain.md): a tracking break is one finding, not forty CPA
 * alerts; an account-wide CPM rise is one account finding.
 *
 * 1. A finding on a parent that only one of several delivering children shares, and that child
 *    carries nearly all of it, is that child's problem seen from above: the parent's copy is
 *    dropped.
 * 2. A finding is explained by another that overlaps it in time when it is of the same kind on a
 *    descendant, a consequence of the other's kind on the same entity or a descendant
 *    (its definition's `explains`), a consequence passed upwards (`explainsAbove`), or a loss
 *    of conversions the other accounts for most of. It is listed as related under the topmost
 *    finding of its chain of explanations.
 */

/** Each kind's definition, by kind. */
const DEFINITIONS = new Map(DETECTORS.map((definition) => [definition.kind, definition]));

/** Kinds from the most fundamental cause (0) to the most derived effect, to settle circles. */
function causeRank(kind: FindingKind): number {
  return FINDING_KINDS.indexOf(kind);
}

function consequencesOf(kind: FindingKind): readonly string[] {
  return DEFINITIONS.get(kind)?.explains ?? [];
}

function upwardConsequencesOf(kind: FindingKind): readonly string[] {
  return DEFINITIONS.get(kind)?.explainsAbove ?? [];
}

/**
 * The share of a parent's effect one flagged child must carry for the parent's copy to be dropped:
 * siblings too small to be flagged on their own may still share the problem.
 */
const CHILD_SHARE = 0.8;
/** The share of an ancestor's spend a cause must carry to explain the ancestor's effect. */
const UPWARD_SPEND_SHARE = 0.5;
/** Findings within this many days of each other overlap. */
const OVERLAP_SLACK = 2;
/** Days before the finding a child must have delivered in to count as a delivering sibling. */
const SIBLING_LOOKBACK = 28;

const LEVEL_DEPTH: Readonly<Record<Finding['level'], number>> = {
  account: 0,
  campaign: 1,
  adset: 2,
  ad: 3,
};

export function findingKey(kind: FindingKind, entityId: string): string {
  return `${kind}|${entityId}`;
}

/** The last run's findings by {@link findingKey}, and which of them were roots. */
export interface Shown {
  readonly findings: ReadonlyMap<string, Finding>;
  readonly roots: ReadonlySet<string>;
}

/**
 * Groups candidates under their root causes. A root shown in the last run stays the root (its
 * single flagged child does not take over), and a finding shown before keeps its start date and id.
 */
export function groupByRootCause(
  candidates: readonly Candidate[],
  view: AccountView,
  shown: Shown,
): Finding[] {
  const all = indexByEntity(candidates);
  const kept = candidates.filter(
    (candidate) =>
      shown.roots.has(findingKey(candidate.kind, candidate.entity.id)) ||
      !sharedByOneChildOnly(candidate, all),
  );
  const rootOf = rootsOf(kept, shown.roots);
  const findRoot = (candidate: Candidate): Candidate => rootOf.get(candidate) ?? candidate;
  const members = new Map<Candidate, Candidate[]>();
  for (const candidate of kept) {
    const root = findRoot(candidate);
    if (root === candidate) continue;
    const list = members.get(root) ?? [];
    list.push(candidate);
    members.set(root, list);
  }
  return kept
    .filter((candidate) => findRoot(candidate) === candidate)
    .sort(byImportance)
    .map((root) =>
      toFinding(
        root,
        view,
        shown,
        (members.get(root) ?? []).sort(byImportance).map((c) => toFinding(c, view, shown, [])),
      ),
    );
}

/**
 * Candidates by entity, and the entities with a candidate at or below them: every relation between
 * two findings runs along one line of the tree, so each is compared only with its own line (an
 * account-wide break on a large account has thousands of candidates).
 */
interface CandidateIndex {
  readonly on: ReadonlyMap<EntityView, readonly Candidate[]>;
  readonly below: ReadonlySet<EntityView>;
  /** Each candidate's place in the engine's order, which settles ties as before. */
  readonly order: ReadonlyMap<Candidate, number>;
}

function indexByEntity(candidates: readonly Candidate[]): CandidateIndex {
  const on = new Map<EntityView, Candidate[]>();
  const below = new Set<EntityView>();
  const order = new Map(candidates.map((candidate, place) => [candidate, place]));
  for (const candidate of candidates) {
    const list = on.get(candidate.entity) ?? [];
    list.push(candidate);
    on.set(candidate.entity, list);
    for (let e: EntityView | undefined = candidate.entity; e && !below.has(e); e = e.parent) {
      below.add(e);
    }
  }
  return { on, below, order };
}

/** The candidates on `entity`, its ancestors and its descendants. */
function lineOf(entity: EntityView, index: CandidateIndex): Candidate[] {
  const line: Candidate[] = [];
  for (let e = entity.parent; e; e = e.parent) line.push(...(index.on.get(e) ?? []));
  const stack = [entity];
  for (let e = stack.pop(); e; e = stack.pop()) {
    line.push(...(index.on.get(e) ?? []));
    for (const child of e.children) if (index.below.has(child)) stack.push(child);
  }
  return line.sort((a, b) => (index.order.get(a) ?? 0) - (index.order.get(b) ?? 0));
}

function sharedByOneChildOnly(candidate: Candidate, index: CandidateIndex): boolean {
  const entity = candidate.entity;
  const delivering = entity.children.filter((child) =>
    deliveredBefore(child, candidate.from),
  ).length;
  if (delivering < 2) return false;
  const sharing = entity.children
    .flatMap((child) => index.on.get(child) ?? [])
    .filter((other) => other.kind === candidate.kind && overlaps(other, candidate))
    .sort((a, b) => (index.order.get(a) ?? 0) - (index.order.get(b) ?? 0));
  const [child] = sharing;
  return (
    sharing.length === 1 && child !== undefined && size(child) >= CHILD_SHARE * size(candidate)
  );
}

/** How much a finding weighs: conversions missing, else money at stake per day. */
function size(candidate: Candidate): number {
  return Math.abs(candidate.shortfall ?? candidate.stake);
}

function deliveredBefore(entity: EntityView, day: number): boolean {
  const spend = entity.series.spend;
  for (let d = Math.max(0, day - SIBLING_LOOKBACK); d < day; d++)
    if ((spend[d] ?? 0) > 0) return true;
  return false;
}

/**
 * Each candidate's root: its explainer's root. Explanations are judged pair by pair (a tracking
 * break accounts for most of a CPA shift's lost conversions; a campaign's break covers its ad's),
 * so three of them can run in a circle: an account's CPA shift explained by an ad's tracking
 * break, that break by its campaign's, and the campaign's, losing less than half as much, by the
 * account's CPA shift. Such a circle is one problem; its most fundamental member
 * ({@link isBetterRoot}) is made its root, so the result is a forest whatever the input.
 */
function rootsOf(
  candidates: readonly Candidate[],
  shownRoots: ReadonlySet<string>,
): Map<Candidate, Candidate> {
  const index = indexByEntity(candidates);
  const explainer = new Map<Candidate, Candidate>();
  for (const candidate of candidates) {
    const top = topExplainer(candidate, lineOf(candidate.entity, index), shownRoots);
    if (top) explainer.set(candidate, top);
  }
  breakCircles(candidates, explainer);
  const rootOf = new Map<Candidate, Candidate>();
  for (const candidate of candidates) {
    const chain: Candidate[] = [];
    let current = candidate;
    let root = rootOf.get(current);
    while (!root) {
      chain.push(current);
      const next = explainer.get(current);
      if (!next) root = current;
      else {
        current = next;
        root = rootOf.get(current);
      }
    }
    for (const member of chain) rootOf.set(member, root);
  }
  return rootOf;
}

/** Every candidate has at most one explainer, so each circle is found by walking from a start. */
function breakCircles(
  candidates: readonly Candidate[],
  explainer: Map<Candidate, Candidate>,
): void {
  const done = new Set<Candidate>();
  for (const start of candidates) {
    const path: Candidate[] = [];
    const onPath = new Set<Candidate>();
    let current: Candidate | undefined = start;
    while (current && !done.has(current) && !onPath.has(current)) {
      path.push(current);
      onPath.add(current);
      current = explainer.get(current);
    }
    if (current && onPath.has(current)) {
      const circle = path.slice(path.indexOf(current));
      const root = circle.reduce((best, member) => (isBetterRoot(member, best) ? member : best));
      explainer.delete(root);
    }
    for (const member of path) done.add(member);
  }
}

/** A circle's root: the most fundamental kind, then the highest in the tree, then the largest. */
function isBetterRoot(a: Candidate, b: Candidate): boolean {
  return (
    (causeRank(a.kind) - causeRank(b.kind) ||
      LEVEL_DEPTH[a.entity.level] - LEVEL_DEPTH[b.entity.level] ||
      size(b) - size(a) ||
      a.entity.id.localeCompare(b.entity.id)) < 0
  );
}

/**
 * The explaining finding highest in the tree (then most fundamental kind), if any, among the
 * candidates on the candidate's own line of the tree (nothing else can explain it).
 */
function topExplainer(
  candidate: Candidate,
  line: readonly Candidate[],
  shownRoots: ReadonlySet<string>,
): Candidate | undefined {
  let best: Candidate | undefined;
  for (const other of line) {
    if (other === candidate || !explains(other, candidate, shownRoots)) continue;
    if (!best || LEVEL_DEPTH[other.entity.level] < LEVEL_DEPTH[best.entity.level]) best = other;
  }
  return best;
}

/**
 * The same kind on an ancestor holds its descendants' findings, except that the entity the user
 * was shown the problem on yesterday stays its root: a campaign crossing the line a day after its
 * tiring ad is the ad's problem seen from above, not a new one. An account-wide finding is a
 * bigger story than any one campaign's and always holds them.
 */
function sameProblemAbove(
  cause: Candidate,
  effect: Candidate,
  shownRoots: ReadonlySet<string>,
): boolean {
  const keepsRoot = (child: Candidate, ancestor: Candidate): boolean =>
    ancestor.entity.level !== 'account' &&
    shownRoots.has(findingKey(child.kind, child.entity.id)) &&
    !shownRoots.has(findingKey(ancestor.kind, ancestor.entity.id));
  if (isAncestor(cause.entity, effect.entity)) return !keepsRoot(effect, cause);
  return isAncestor(effect.entity, cause.entity) && keepsRoot(cause, effect);
}

/**
 * A child explains its ancestor's effect only when it is most of the ancestor: one tiring ad among
 * ten campaigns does not raise the account's CPM.
 */
function carriesSpendOf(cause: Candidate, effect: Candidate): boolean {
  const spend = (entity: EntityView): number =>
    sumOver(entity.series.spend, effect.from, effect.to);
  return spend(cause.entity) >= UPWARD_SPEND_SHARE * spend(effect.entity);
}

function explains(cause: Candidate, effect: Candidate, shownRoots: ReadonlySet<string>): boolean {
  const related =
    cause.kind === effect.kind
      ? sameProblemAbove(cause, effect, shownRoots)
      : (consequencesOf(cause.kind).includes(effect.kind) &&
          (cause.entity === effect.entity || isAncestor(cause.entity, effect.entity))) ||
        (upwardConsequencesOf(cause.kind).includes(effect.kind) &&
          isAncestor(effect.entity, cause.entity) &&
          carriesSpendOf(cause, effect)) ||
        conversionLossExplains(cause, effect);
  return related && overlaps(cause, effect);
}

/**
 * Conversions lost below and above can explain each other: a tracking break on one ad set moves
 * its campaign's CPA, and a campaign whose conversion rate halved leaves its smallest ad with days
 * of none. Whichever accounts for most of the missing conversions is the cause.
 */
function conversionLossExplains(cause: Candidate, effect: Candidate): boolean {
  const causeLoss = cause.shortfall ?? 0;
  const effectLoss = effect.shortfall ?? 0;
  if (cause.kind === 'tracking_break' && effect.kind === 'cpa_shift') {
    return isAncestor(effect.entity, cause.entity) && causeLoss >= 0.5 * effectLoss;
  }
  if (cause.kind === 'cpa_shift' && effect.kind === 'tracking_break') {
    return isAncestor(cause.entity, effect.entity) && effectLoss < 0.5 * causeLoss;
  }
  return false;
}

function isAncestor(ancestor: EntityView, entity: EntityView): boolean {
  for (let e = entity.parent; e; e = e.parent) if (e === ancestor) return true;
  return false;
}

function overlaps(a: Candidate, b: Candidate): boolean {
  return a.from <= b.to + OVERLAP_SLACK && b.from <= a.to + OVERLAP_SLACK;
}

function byImportance(a: Candidate, b: Candidate): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    b.stake - a.stake ||
    a.entity.id.localeCompare(b.entity.id)
  );
}

function toFinding(
  candidate: Candidate,
  view: AccountView,
  shown: Shown,
  related: Finding[],
): Finding {
  const before = shown.findings.get(findingKey(candidate.kind, candidate.entity.id));
  const detected = view.dateOf(candidate.from);
  const startDate = before && before.startDate < detected ? before.startDate : detected;
  return {
    id: `${candidate.kind}:${candidate.entity.id}:${startDate}`,
    kind: candidate.kind,
    entityId: candidate.entity.id,
    level: candidate.entity.level,
    metric: candidate.metric,
    severity: candidate.severity,
    direction: candidate.direction,
    startDate,
    latestDate: view.dateOf(candidate.to),
    actual: candidate.actual,
    expected: candidate.expected,
    lower: candidate.lower,
    upper: candidate.upper,
    score: candidate.score,
    summary: candidate.summary,
    nextStep: candidate.nextStep,
    related,
  };
}
