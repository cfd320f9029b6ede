import { aliasNames } from './aliases';
import {
  METRIC_UNITS,
  SnapshotSchema,
  type Explanation,
  type Kpi,
  type Redaction,
  type Series,
  type Snapshot,
} from '@/lib/snapshots/format/schema';
import { numberFormat } from '@/lib/util/intl';

/** What to take out of a snapshot before it leaves the browser. Each `true` removes something. */
export interface RedactionChoice {
  readonly dropIds: boolean;
  readonly aliasNames: boolean;
  readonly indexMoney: boolean;
}

/** Sharing is redacted unless the user turns each part off. */
export const DEFAULT_REDACTION: RedactionChoice = {
  dropIds: true,
  aliasNames: true,
  indexMoney: true,
};

const AMOUNT = '[amount]';
const ID = '[id]';
/** Meta ids are 15 to 18 digits; any run this long in a sentence is treated as one. */
const LONG_DIGIT_RUN = /\d{10,}/g;

/**
 * Applies the chosen redaction. It only ever removes: a snapshot that arrived redacted stays
 * redacted whatever the choice, so re-sharing can never bring anything back.
 */
export function redactSnapshot(snapshot: Snapshot, choice: RedactionChoice): Snapshot {
  const redaction: Redaction = {
    ids: choice.dropIds ? 'dropped' : snapshot.redaction.ids,
    names: choice.aliasNames ? 'aliased' : snapshot.redaction.names,
    money: choice.indexMoney ? 'index' : snapshot.redaction.money,
  };
  const rewrite = sentenceRewriter(snapshot, redaction);
  const aliases = aliasNames(snapshot.entities);
  return SnapshotSchema.parse({
    ...snapshot,
    currency: redaction.money === 'index' ? 'index' : snapshot.currency,
    redaction,
    entities: snapshot.entities.map(({ metaId, ...entity }, index) => ({
      ...entity,
      name: redaction.names === 'aliased' ? aliases[index] : entity.name,
      ...(redaction.ids === 'kept' && metaId !== undefined ? { metaId } : {}),
    })),
    kpis: redaction.money === 'index' ? snapshot.kpis.map(indexKpi) : snapshot.kpis,
    series: redaction.money === 'index' ? snapshot.series.map(indexSeries) : snapshot.series,
    findings: snapshot.findings.map(({ explanation, ...finding }) => ({
      ...finding,
      sentence: rewrite(finding.sentence),
      nextStep: rewrite(finding.nextStep),
      ...(explanation ? { explanation: redactExplanation(explanation, redaction, rewrite) } : {}),
    })),
  });
}

/**
 * An explanation keeps its shares, which are no amounts; a segment's own CPM, CPC or CPA goes with
 * the money. Placements, ages, genders and devices identify nobody; a region says where the
 * audience is, so it is aliased ("Region 1") with the names.
 */
function redactExplanation(
  explanation: Explanation,
  redaction: Redaction,
  rewrite: (text: string) => string,
): Explanation {
  const regions =
    redaction.names === 'aliased'
      ? explanation.segments.filter((segment) => segment.dimension === 'region')
      : [];
  const aliasOf = new Map(regions.map((segment, index) => [segment.label, `Region ${index + 1}`]));
  const places = replaceAll([...aliasOf.keys()], (label) => aliasOf.get(label) ?? label);
  const say = (text: string) => rewrite(places(text));
  const keepValues = redaction.money === 'amounts' || METRIC_UNITS[explanation.metric] !== 'money';
  return {
    ...explanation,
    sentence: say(explanation.sentence),
    measure: say(explanation.measure),
    segments: explanation.segments.map(({ values, ...segment }) => ({
      ...segment,
      label: aliasOf.get(segment.label) ?? say(segment.label),
      ...(keepValues && values ? { values } : {}),
    })),
  };
}

/** Money KPIs against the previous period = 100 (or the current one when there was none). */
function indexKpi(kpi: Kpi): Kpi {
  if (METRIC_UNITS[kpi.metric] !== 'money') return kpi;
  const base = [kpi.previous, kpi.current].find(isPositive);
  const index = (value: number | null) =>
    value === null || base === undefined ? value : toIndex(value, base);
  return { metric: kpi.metric, current: index(kpi.current), previous: index(kpi.previous) };
}

/** Money series against their first day with money = 100. */
function indexSeries(series: Series): Series {
  if (METRIC_UNITS[series.metric] !== 'money') return series;
  const base = series.values.find(isPositive);
  return {
    metric: series.metric,
    values: series.values.map((value) =>
      value === null || base === undefined ? value : toIndex(value, base),
    ),
  };
}

function isPositive(value: number | null): value is number {
  return value !== null && value > 0;
}

function toIndex(value: number, base: number): number {
  return Math.round((value / base) * 1000) / 10;
}

/**
 * Sentences are written with names, ids and amounts in them, so each redacted part is also taken
 * out of the text: real names become aliases, ids `[id]`, amounts in the currency `[amount]`.
 */
function sentenceRewriter(snapshot: Snapshot, redaction: Redaction): (text: string) => string {
  const steps: ((text: string) => string)[] = [];
  if (redaction.names === 'aliased') steps.push(replaceNames(snapshot));
  if (redaction.ids === 'dropped') steps.push(replaceIds(snapshot));
  if (redaction.money === 'index' && snapshot.currency !== 'index') {
    const amounts = amountPattern(snapshot.currency);
    steps.push((text) => text.replace(amounts, AMOUNT));
  }
  return (text) => steps.reduce((result, step) => step(result), text);
}

function replaceNames(snapshot: Snapshot): (text: string) => string {
  const aliases = aliasNames(snapshot.entities);
  const aliasByName = new Map<string, string>();
  snapshot.entities.forEach((entity, index) => {
    const alias = aliases[index];
    if (alias !== undefined && entity.name.trim() !== '' && !aliasByName.has(entity.name)) {
      aliasByName.set(entity.name, alias);
    }
  });
  return replaceAll([...aliasByName.keys()], (name) => aliasByName.get(name) ?? name);
}

function replaceIds(snapshot: Snapshot): (text: string) => string {
  const ids = snapshot.entities.flatMap((entity) =>
    entity.metaId === undefined ? [] : [entity.metaId],
  );
  const known = replaceAll(ids, () => ID);
  return (text) => known(text).replace(LONG_DIGIT_RUN, ID);
}

/**
 * Replaces every standalone occurrence (not inside a longer word or number) in one pass, longest
 * first, so that a replacement is never itself rewritten by a later one.
 */
function replaceAll(
  texts: readonly string[],
  replacement: (match: string) => string,
): (text: string) => string {
  if (texts.length === 0) return (text) => text;
  const alternatives = [...texts].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`,
    'gu',
  );
  return (text) => text.replace(pattern, replacement);
}

/** Amounts as en-US formats them in this currency: "$1,240", "-€12.40", "CHF 3.50", "12.4 USD". */
function amountPattern(currency: string): RegExp {
  const symbols = new Set(
    (['symbol', 'narrowSymbol', 'code'] as const).map(
      (currencyDisplay) =>
        numberFormat('en-US', { style: 'currency', currency, currencyDisplay })
          .formatToParts(1)
          .find((part) => part.type === 'currency')?.value ?? currency,
    ),
  );
  const symbol = `(?:${[...symbols].map(escapeRegExp).join('|')})`;
  const number = String.raw`\d[\d,]*(?:\.\d+)?(?:[kKmMbB](?![\p{L}]))?`;
  return new RegExp(String.raw`-?${symbol}\s?-?${number}|-?${number}\s?${symbol}(?![\p{L}])`, 'gu');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
