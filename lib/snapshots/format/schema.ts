import * as z from 'zod/mini';
import { boundedString, requiredString } from '@/lib/schema/bounded';
import { DIMENSIONS, EXPLAIN_METRICS, MAX_EXPLAINED_SEGMENTS } from '@/lib/schema/explain';
import { MAX_SNAPSHOT_DAYS } from '@/lib/schema/snapshots';
import { daysInRange } from '@/lib/util/dates';

/**
 * The snapshot format, version 1: what a shared `.adlens.json` file or link carries. Everything in
 * it comes from someone else, so every string and array is bounded, every number finite, every
 * object strict, and the cross-references (parents, subject, findings) are checked.
 */
export const SNAPSHOT_FORMAT = 'adlens-snapshot';
export const SNAPSHOT_VERSION = 1;

export const MAX_ENTITIES = 1000;
export const MAX_FINDINGS = 200;
/** A snapshot can hold what Adlens can be asked to create. */
export const MAX_RANGE_DAYS = MAX_SNAPSHOT_DAYS;
export const ENTITY_NAME_MAX_LENGTH = 512;
export const SENTENCE_MAX_LENGTH = 1000;
export const SEGMENT_LABEL_MAX_LENGTH = 200;
/** Beyond any real spend or impression count, so a value this large is corruption. */
const MAX_METRIC_VALUE = 1e15;

/*
 * The format's vocabulary is a frozen copy of lib/schema/vocabulary on purpose: a file written
 * today must read the same in every later version, so the app's words may grow without the format
 * changing. tests/unit/schema/vocabulary.test.ts says where the two differ.
 */
export const METRICS = [
  'spend',
  'impressions',
  'reach',
  'frequency',
  'clicks',
  'link_clicks',
  'ctr',
  'cpc',
  'cpm',
  'conversions',
  'cpa',
  'conversion_value',
  'roas',
] as const;
export type Metric = (typeof METRICS)[number];

/**
 * How each metric's numbers read: `money` in major units of the snapshot's currency (or an index
 * when money is redacted), `count` events, `fraction` a share (0.012 = 1.2 %), `ratio` a plain
 * multiple (frequency, ROAS).
 */
export type MetricUnit = 'money' | 'count' | 'fraction' | 'ratio';
export const METRIC_UNITS: Readonly<Record<Metric, MetricUnit>> = {
  spend: 'money',
  impressions: 'count',
  reach: 'count',
  frequency: 'ratio',
  clicks: 'count',
  link_clicks: 'count',
  ctr: 'fraction',
  cpc: 'money',
  cpm: 'money',
  conversions: 'count',
  cpa: 'money',
  conversion_value: 'money',
  roas: 'ratio',
};

export const ENTITY_LEVELS = ['account', 'campaign', 'adset', 'ad'] as const;
export type EntityLevel = (typeof ENTITY_LEVELS)[number];

export const FINDING_KINDS = [
  'tracking_break',
  'delivery_stop',
  'spend_spike',
  'overspend',
  'under_delivery',
  'cpm_surge',
  'creative_fatigue',
  'cpa_shift',
  'roas_shift',
] as const;
export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The redaction applied before export; the viewer shows it as the sender's claim. */
export const RedactionSchema = z.strictObject({
  ids: z.enum(['dropped', 'kept']),
  names: z.enum(['aliased', 'kept']),
  money: z.enum(['index', 'amounts']),
});
export type Redaction = z.infer<typeof RedactionSchema>;

/** "Campaign A", "Ad set A.1", "Ad A.1.2", or "Account": what redacted names look like. */
export const ALIAS_PATTERN = /^(Account|(Campaign|Ad set|Ad) [A-Z]+(\.\d+)*)$/;
/** "Region 1": a region an explanation names, when names are redacted (where people are is theirs). */
export const REGION_ALIAS_PATTERN = /^Region \d+$/;

const MetricValueSchema = z.nullable(z.number().check(z.minimum(0), z.maximum(MAX_METRIC_VALUE)));
const EntityIndexSchema = z.int().check(z.minimum(0), z.maximum(MAX_ENTITIES - 1));

/**
 * Cross-field rules read a value as its type says, so they run only on a value whose fields all
 * parsed (zod would otherwise run them after a continuable issue, such as a malformed date).
 */
function shapeIsValid(payload: { issues: readonly unknown[] }): boolean {
  return payload.issues.length === 0;
}

export const DateRangeSchema = z.strictObject({ since: z.iso.date(), until: z.iso.date() }).check(
  z.refine(
    (range) =>
      range.since <= range.until && daysInRange(range.since, range.until) <= MAX_RANGE_DAYS,
    {
      message: `The date range must run forward and span at most ${MAX_RANGE_DAYS} days.`,
      when: shapeIsValid,
    },
  ),
);
export type DateRange = z.infer<typeof DateRangeSchema>;

export const SnapshotEntitySchema = z.strictObject({
  level: z.enum(ENTITY_LEVELS),
  name: boundedString(ENTITY_NAME_MAX_LENGTH),
  /** Index of the parent in `entities`; always earlier, so the tree has no cycles. */
  parent: z.nullable(EntityIndexSchema),
  /** Meta's id, only when the sender chose to keep ids. */
  metaId: z.optional(z.string().check(z.regex(/^(act_)?\d{1,20}$/))),
});
export type SnapshotEntity = z.infer<typeof SnapshotEntitySchema>;

export const KpiSchema = z.strictObject({
  metric: z.enum(METRICS),
  current: MetricValueSchema,
  previous: MetricValueSchema,
});
export type Kpi = z.infer<typeof KpiSchema>;

export const SeriesSchema = z.strictObject({
  metric: z.enum(METRICS),
  /** One value per day of the range, oldest first; `null` where the metric is undefined. */
  values: z.array(MetricValueSchema).check(z.maxLength(MAX_RANGE_DAYS)),
});
export type Series = z.infer<typeof SeriesSchema>;

const ShareSchema = z.number().check(z.minimum(0), z.maximum(1));

/** One segment of an explanation: its share of the weighting volume before and after. */
export const ExplanationSegmentSchema = z.strictObject({
  dimension: z.enum(DIMENSIONS),
  label: requiredString(SEGMENT_LABEL_MAX_LENGTH),
  before: ShareSchema,
  after: ShareSchema,
  /** Named in the sentence as part of the answer, not only drawn. */
  named: z.boolean(),
  /**
   * The segment's own CPM, CTR, CPC, CPA or ROAS before and after, read as `metric`'s unit says
   * (money in major units); absent for a sum, and for money when money is redacted.
   */
  values: z.optional(z.strictObject({ before: MetricValueSchema, after: MetricValueSchema })),
});
export type ExplanationSegment = z.infer<typeof ExplanationSegmentSchema>;

/**
 * Explain's answer for a finding (issue #18), when the sender had asked for one: the sentence in
 * the sender's language and the top segments. Optional, so files written before it still open.
 */
export const ExplanationSchema = z.strictObject({
  metric: z.enum(EXPLAIN_METRICS),
  sentence: requiredString(SENTENCE_MAX_LENGTH),
  /** What the segments' shares are of ("Share of impressions"), in the sender's language. */
  measure: requiredString(SEGMENT_LABEL_MAX_LENGTH),
  segments: z.array(ExplanationSegmentSchema).check(z.maxLength(MAX_EXPLAINED_SEGMENTS)),
});
export type Explanation = z.infer<typeof ExplanationSchema>;

export const FindingSchema = z.strictObject({
  kind: z.enum(FINDING_KINDS),
  severity: z.enum(SEVERITIES),
  entity: EntityIndexSchema,
  sentence: requiredString(SENTENCE_MAX_LENGTH),
  nextStep: boundedString(SENTENCE_MAX_LENGTH),
  explanation: z.optional(ExplanationSchema),
});
export type Finding = z.infer<typeof FindingSchema>;

const SnapshotShapeSchema = z.strictObject({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  createdAt: z.iso.datetime(),
  range: DateRangeSchema,
  /** ISO 4217 code, or `index` when money is shown as an index. */
  currency: z.string().check(z.regex(/^([A-Z]{3}|index)$/)),
  redaction: RedactionSchema,
  /** `entities[0]` is the account; the rest descend from it, parents first. */
  entities: z.array(SnapshotEntitySchema).check(z.minLength(1), z.maxLength(MAX_ENTITIES)),
  /** The entity the KPIs and series describe. */
  subject: EntityIndexSchema,
  kpis: z.array(KpiSchema).check(z.maxLength(METRICS.length)),
  series: z.array(SeriesSchema).check(z.maxLength(METRICS.length)),
  findings: z.array(FindingSchema).check(z.maxLength(MAX_FINDINGS)),
});
type SnapshotShape = z.infer<typeof SnapshotShapeSchema>;

/** Each rule a well-formed snapshot keeps beyond its shape; the first broken one is reported. */
const CONSISTENCY_RULES: readonly [string, (snapshot: SnapshotShape) => boolean][] = [
  ['entities[0] must be the account, and the only root', treeIsRooted],
  ['every parent must come earlier and sit one level up', parentsAreWellFormed],
  ['subject and findings must name an entity of the snapshot', referencesExist],
  ['each metric may appear once among KPIs and once among series', metricsAreUnique],
  ['each series must have one value per day of the range', seriesMatchRange],
  ['the currency must be "index" exactly when money is redacted', currencyMatchesRedaction],
  ['with ids dropped no entity may carry an id', idsMatchRedaction],
  ['with names aliased every name must be an alias', namesMatchRedaction],
  ['with money as an index no explanation may carry amounts', explanationsMatchMoney],
  ['with names aliased every region an explanation names must be an alias', regionsMatchNames],
];

export const SnapshotSchema = SnapshotShapeSchema.check(
  z.superRefine(
    (snapshot, context) => {
      const broken = CONSISTENCY_RULES.find(([, holds]) => !holds(snapshot));
      if (broken) context.addIssue({ code: 'custom', message: broken[0], input: snapshot });
    },
    { when: shapeIsValid },
  ),
);
export type Snapshot = z.infer<typeof SnapshotSchema>;

function treeIsRooted({ entities }: SnapshotShape): boolean {
  return entities.every((entity, index) =>
    index === 0 ? entity.level === 'account' && entity.parent === null : entity.parent !== null,
  );
}

function parentsAreWellFormed({ entities }: SnapshotShape): boolean {
  return entities.every((entity, index) => {
    if (entity.parent === null) return true;
    const parent = entities[entity.parent];
    return (
      entity.parent < index &&
      parent !== undefined &&
      ENTITY_LEVELS.indexOf(parent.level) === ENTITY_LEVELS.indexOf(entity.level) - 1
    );
  });
}

function referencesExist({ entities, subject, findings }: SnapshotShape): boolean {
  return [subject, ...findings.map((finding) => finding.entity)].every(
    (index) => index < entities.length,
  );
}

function metricsAreUnique({ kpis, series }: SnapshotShape): boolean {
  const unique = (metrics: readonly Metric[]) => new Set(metrics).size === metrics.length;
  return unique(kpis.map((kpi) => kpi.metric)) && unique(series.map((line) => line.metric));
}

function seriesMatchRange({ range, series }: SnapshotShape): boolean {
  const days = daysInRange(range.since, range.until);
  return series.every((line) => line.values.length === days);
}

function currencyMatchesRedaction({ currency, redaction }: SnapshotShape): boolean {
  return (currency === 'index') === (redaction.money === 'index');
}

function idsMatchRedaction({ entities, redaction }: SnapshotShape): boolean {
  return redaction.ids === 'kept' || entities.every((entity) => entity.metaId === undefined);
}

function namesMatchRedaction({ entities, redaction }: SnapshotShape): boolean {
  return redaction.names === 'kept' || entities.every((entity) => ALIAS_PATTERN.test(entity.name));
}

function explanationsOf({ findings }: SnapshotShape): Explanation[] {
  return findings.flatMap((finding) => (finding.explanation ? [finding.explanation] : []));
}

function explanationsMatchMoney(snapshot: SnapshotShape): boolean {
  return (
    snapshot.redaction.money === 'amounts' ||
    explanationsOf(snapshot).every(
      (explanation) =>
        METRIC_UNITS[explanation.metric] !== 'money' ||
        explanation.segments.every((segment) => segment.values === undefined),
    )
  );
}

function regionsMatchNames(snapshot: SnapshotShape): boolean {
  return (
    snapshot.redaction.names === 'kept' ||
    explanationsOf(snapshot).every((explanation) =>
      explanation.segments.every(
        (segment) => segment.dimension !== 'region' || REGION_ALIAS_PATTERN.test(segment.label),
      ),
    )
  );
}
