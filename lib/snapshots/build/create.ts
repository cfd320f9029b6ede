import { minorUnitsPerMajor } from '@/lib/util/currency';
import {
  ENTITY_NAME_MAX_LENGTH,
  METRIC_UNITS,
  SEGMENT_LABEL_MAX_LENGTH,
  SENTENCE_MAX_LENGTH,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  SnapshotSchema,
  type DateRange,
  type Explanation,
  type Finding,
  type Metric,
  type Snapshot,
  type SnapshotEntity,
} from '@/lib/snapshots/format/schema';

/**
 * What the insight panel (or any other creator) hands over to make a snapshot: the data as the
 * extension knows it, unredacted. There is no field for a token or business details, so neither
 * can end up in a snapshot. Money is in minor units of the account currency (cents, yen), as the
 * cache keeps it.
 */
export interface SnapshotSource {
  readonly account: { readonly id: string; readonly name: string; readonly currency: string };
  readonly range: DateRange;
  /** The campaign, ad set or ad the KPIs and series describe; the account when absent. */
  readonly subjectId?: string;
  /** The chosen part of the tree; parents directly under the account have `parentId: null`. */
  readonly entities: readonly SourceEntity[];
  readonly kpis: readonly SourceKpi[];
  /** One value per day of the range, oldest first. */
  readonly series: readonly {
    readonly metric: Metric;
    readonly values: readonly (number | null)[];
  }[];
  readonly findings: readonly SourceFinding[];
}

export interface SourceEntity {
  readonly id: string;
  readonly level: 'campaign' | 'adset' | 'ad';
  readonly name: string;
  readonly parentId: string | null;
}

export interface SourceKpi {
  readonly metric: Metric;
  readonly current: number | null;
  readonly previous: number | null;
}

export interface SourceFinding {
  readonly kind: Finding['kind'];
  readonly severity: Finding['severity'];
  /** An entity id, or the account id. */
  readonly entityId: string;
  readonly sentence: string;
  readonly nextStep: string;
  /** Explain's answer, when the user asked for one and it is still kept. */
  readonly explanation?: SourceExplanation;
}

/** An explanation in the sender's words; a segment's own CPM, CPC or CPA in minor units. */
export interface SourceExplanation {
  readonly metric: Explanation['metric'];
  readonly sentence: string;
  readonly measure: string;
  readonly segments: readonly {
    readonly dimension: Explanation['segments'][number]['dimension'];
    readonly label: string;
    readonly before: number;
    readonly after: number;
    readonly named: boolean;
    /** Both null for a sum (spend, impressions): a segment's sum does not compare across periods. */
    readonly valueBefore: number | null;
    readonly valueAfter: number | null;
  }[];
}

/**
 * A full-fidelity snapshot (real names, ids and amounts). Export redacts it; see redact.ts.
 * Throws on a source that breaks its own contract (an unknown parent), which is a bug, not input.
 */
export function createSnapshot(source: SnapshotSource, createdAt: Date): Snapshot {
  const { entities, indexById } = orderTree(source);
  const toMajor = minorToMajor(source.account.currency);
  const money = (metric: Metric, value: number | null) =>
    value !== null && METRIC_UNITS[metric] === 'money' ? toMajor(value) : value;
  return SnapshotSchema.parse({
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    createdAt: createdAt.toISOString(),
    range: { since: source.range.since, until: source.range.until },
    currency: source.account.currency,
    redaction: { ids: 'kept', names: 'kept', money: 'amounts' },
    entities,
    subject: indexOf(indexById, source.subjectId ?? source.account.id),
    kpis: source.kpis.map(({ metric, current, previous }) => ({
      metric,
      current: money(metric, current),
      previous: money(metric, previous),
    })),
    series: source.series.map(({ metric, values }) => ({
      metric,
      values: values.map((value) => money(metric, value)),
    })),
    findings: source.findings.map((finding) => ({
      kind: finding.kind,
      severity: finding.severity,
      entity: indexOf(indexById, finding.entityId),
      sentence: finding.sentence.slice(0, SENTENCE_MAX_LENGTH),
      nextStep: finding.nextStep.slice(0, SENTENCE_MAX_LENGTH),
      ...(finding.explanation ? { explanation: explanationOf(finding.explanation, money) } : {}),
    })),
  });
}

function explanationOf(
  source: SourceExplanation,
  money: (metric: Metric, value: number | null) => number | null,
): Explanation {
  const share = (fraction: number) => Math.min(1, Math.max(0, fraction));
  return {
    metric: source.metric,
    sentence: source.sentence.slice(0, SENTENCE_MAX_LENGTH),
    measure: source.measure.slice(0, SEGMENT_LABEL_MAX_LENGTH),
    segments: source.segments.map((segment) => ({
      dimension: segment.dimension,
      label: segment.label.slice(0, SEGMENT_LABEL_MAX_LENGTH),
      before: share(segment.before),
      after: share(segment.after),
      named: segment.named,
      ...(segment.valueBefore === null && segment.valueAfter === null
        ? {}
        : {
            values: {
              before: money(source.metric, segment.valueBefore),
              after: money(source.metric, segment.valueAfter),
            },
          }),
    })),
  };
}

/** The account first, then each entity after its parent, in the source's order among siblings. */
function orderTree(source: SnapshotSource): {
  entities: SnapshotEntity[];
  indexById: Map<string, number>;
} {
  const entities: SnapshotEntity[] = [
    { level: 'account', name: clip(source.account.name), parent: null, metaId: source.account.id },
  ];
  const indexById = new Map([[source.account.id, 0]]);
  const visit = (parentId: string | null, parent: number) => {
    for (const entity of source.entities.filter((candidate) => candidate.parentId === parentId)) {
      indexById.set(entity.id, entities.length);
      entities.push({ level: entity.level, name: clip(entity.name), parent, metaId: entity.id });
      visit(entity.id, entities.length - 1);
    }
  };
  visit(null, 0);
  const orphan = source.entities.find((entity) => !indexById.has(entity.id));
  if (orphan) throw new Error(`Entity ${orphan.id} has a parent outside the snapshot`);
  return { entities, indexById };
}

function indexOf(indexById: ReadonlyMap<string, number>, id: string): number {
  const index = indexById.get(id);
  if (index === undefined) throw new Error(`Entity ${id} is not in the snapshot`);
  return index;
}

function clip(name: string): string {
  return name.slice(0, ENTITY_NAME_MAX_LENGTH);
}

/** Minor units as the sync stored them (Meta's offset: 100, or 1 for JPY, TWD…) to major ones. */
function minorToMajor(currency: string): (minor: number) => number {
  const perMajor = minorUnitsPerMajor(currency);
  // Rounded so that float noise (12.340000000000002) never reaches a file.
  return (minor) => Math.round((minor / perMajor) * 10_000) / 10_000;
}
