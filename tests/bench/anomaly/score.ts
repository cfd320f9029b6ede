import type { Finding, FindingKind } from '@/lib/anomaly';
import { FIRST_EPOCH_DAY, type Label } from './world-types';
import { englishFinding } from '../../support/english-finding';

/**
 * Scoring a replay against the labels. A finding shown on consecutive days (gaps of up to
 * {@link EPISODE_GAP} days) is one episode, as a user perceives one alert. An episode detects a
 * label of the same kind when it sits on the labeled entity, an ancestor or descendant of it, or
 * lists it among its related findings, and first appears between the day before the label starts
 * and {@link GRACE_DAYS} days after it ends. Episodes detecting no label are false alarms.
 *
 * Two precisions: lenient counts every episode that detects a label as correct; strict counts only
 * the first episode on each label (the earliest), so a repeat alert on a problem already found, or
 * a campaign's own alert under an account-wide problem already raised, is noise as a buyer sees it.
 */

const EPISODE_GAP = 3;
const GRACE_DAYS = 3;

/** What scoring needs of a labeled set: its labels and each account's tree. */
export interface ScoredSet {
  readonly labels: readonly Label[];
  readonly accounts: readonly {
    readonly world: {
      readonly accountId: string;
      readonly entities: readonly {
        readonly id: string;
        readonly parent?: { readonly id: string } | undefined;
      }[];
    };
  }[];
}

export interface Shown {
  readonly accountId: string;
  readonly asOf: number;
  readonly finding: Finding;
}

interface Episode {
  readonly accountId: string;
  readonly kind: FindingKind;
  readonly entityId: string;
  readonly first: number;
  last: number;
  readonly covers: Set<string>;
  /** The finding as first shown, for the verbose report. */
  readonly firstSeen: Finding;
}

export interface KindScore {
  readonly kind: FindingKind | 'all';
  readonly labels: number;
  readonly detected: number;
  /** Labels the data can show at all (see Label.observable), and how many of them were found. */
  readonly observableLabels: number;
  readonly observableDetected: number;
  readonly episodes: number;
  readonly truePositives: number;
  /** Episodes that are the first to detect some label. */
  readonly strictTruePositives: number;
  readonly falseAlarms: number;
  readonly delays: number[];
}

export interface Score {
  readonly byKind: KindScore[];
  readonly overall: KindScore;
  readonly entityDays: number;
  readonly duplicates: number;
  readonly missed: readonly Label[];
  readonly falseAlarmSamples: readonly string[];
  readonly duplicateSamples: readonly string[];
}

export function scoreReplay(set: ScoredSet, shown: readonly Shown[], evalDays: number): Score {
  const parents = parentMap(set);
  const episodes = toEpisodes(shown);
  const matched = new Set<Episode>();
  const firsts = new Set<Episode>();
  const detections = new Map<Label, number[]>();
  const duplicateSamples: string[] = [];
  for (const label of set.labels) {
    const delays: number[] = [];
    let first: Episode | undefined;
    for (const episode of episodes) {
      if (!detects(episode, label, parents)) continue;
      matched.add(episode);
      if (!first || episode.first < first.first) first = episode;
      delays.push(Math.max(0, episode.first - label.startDay));
      if (delays.length > 1)
        duplicateSamples.push(`${label.kind} ${label.entityId}: ${describe(episode)}`);
    }
    if (first) firsts.add(first);
    detections.set(label, delays);
  }
  const kinds = [...new Set([...set.labels.map((l) => l.kind), ...episodes.map((e) => e.kind)])];
  const byKind = kinds.sort().map((kind) =>
    kindScore(
      kind,
      set.labels.filter((label) => label.kind === kind),
      episodes.filter((episode) => episode.kind === kind),
      matched,
      firsts,
      detections,
    ),
  );
  const entityCount = set.accounts.reduce((sum, a) => sum + a.world.entities.length + 1, 0);
  let duplicates = 0;
  for (const delays of detections.values()) duplicates += Math.max(0, delays.length - 1);
  return {
    byKind,
    overall: kindScore('all', set.labels, episodes, matched, firsts, detections),
    entityDays: entityCount * evalDays,
    duplicates,
    missed: set.labels.filter((label) => (detections.get(label) ?? []).length === 0),
    falseAlarmSamples: episodes.filter((episode) => !matched.has(episode)).map(describe),
    duplicateSamples,
  };
}

function describe(e: Episode): string {
  return `${e.kind} ${e.entityId} days ${e.first}-${e.last} [${e.firstSeen.severity}] ${englishFinding(e.firstSeen.summary)}`;
}

function kindScore(
  kind: FindingKind | 'all',
  labels: readonly Label[],
  episodes: readonly Episode[],
  matched: ReadonlySet<Episode>,
  firsts: ReadonlySet<Episode>,
  detections: ReadonlyMap<Label, number[]>,
): KindScore {
  const delays: number[] = [];
  let detected = 0;
  let observableDetected = 0;
  for (const label of labels) {
    const found = detections.get(label) ?? [];
    if (found.length === 0) continue;
    detected++;
    if (label.observable !== false) observableDetected++;
    delays.push(Math.min(...found));
  }
  const truePositives = episodes.filter((episode) => matched.has(episode)).length;
  return {
    kind,
    labels: labels.length,
    detected,
    observableLabels: labels.filter((label) => label.observable !== false).length,
    observableDetected,
    episodes: episodes.length,
    truePositives,
    strictTruePositives: episodes.filter((episode) => firsts.has(episode)).length,
    falseAlarms: episodes.length - truePositives,
    delays,
  };
}

function toEpisodes(shown: readonly Shown[]): Episode[] {
  const open = new Map<string, Episode>();
  const episodes: Episode[] = [];
  const ordered = [...shown].sort((a, b) => a.asOf - b.asOf);
  for (const { accountId, asOf, finding } of ordered) {
    const key = `${accountId}|${finding.kind}|${finding.entityId}`;
    let episode = open.get(key);
    if (!episode || asOf - episode.last > EPISODE_GAP) {
      episode = {
        accountId,
        kind: finding.kind,
        entityId: finding.entityId,
        first: asOf,
        last: asOf,
        covers: new Set(),
        firstSeen: finding,
      };
      open.set(key, episode);
      episodes.push(episode);
    }
    episode.last = asOf;
    episode.covers.add(finding.entityId);
    for (const related of finding.related) episode.covers.add(related.entityId);
  }
  return episodes;
}

function detects(episode: Episode, label: Label, parents: ReadonlyMap<string, string>): boolean {
  if (episode.kind !== label.kind || episode.accountId !== label.accountId) return false;
  const inTime = episode.first >= label.startDay - 1 && episode.first <= lastMatchingDay(label);
  const related =
    episode.covers.has(label.entityId) ||
    isAncestor(episode.entityId, label.entityId, parents) ||
    isAncestor(label.entityId, episode.entityId, parents);
  return inTime && related;
}

/**
 * A finding may first show up to {@link GRACE_DAYS} after a label ends; an overspend only shows when
 * the week's total passes the ceiling, so its week counts, up to the Monday after.
 */
function lastMatchingDay(label: Label): number {
  if (label.kind !== 'overspend') return label.endDay + GRACE_DAYS;
  const weekEnd = label.endDay + 6 - weekdayOf(label.endDay);
  return Math.max(label.endDay + GRACE_DAYS, weekEnd + 2);
}

function weekdayOf(day: number): number {
  return (((FIRST_EPOCH_DAY + day + 4) % 7) + 7) % 7;
}

function isAncestor(ancestor: string, id: string, parents: ReadonlyMap<string, string>): boolean {
  for (let e = parents.get(id); e; e = parents.get(e)) if (e === ancestor) return true;
  return false;
}

function parentMap(set: ScoredSet): Map<string, string> {
  const parents = new Map<string, string>();
  for (const { world } of set.accounts) {
    for (const entity of world.entities) {
      parents.set(entity.id, entity.parent?.id ?? world.accountId);
    }
  }
  return parents;
}
