import { isIsoDate } from '../../world/calendar';
import { invalidInsightsField, invalidParameter, mustBeOneOf } from '../errors';
import { DATE_PRESETS, isDatePreset, resolveDatePreset, type DateRange } from '../date-presets';
import { parseFields } from '../fields';
import type { Params } from '../params';
import { BREAKDOWNS, type Breakdown } from './breakdowns';

/**
 * An insights request, validated the way Graph validates it: bad enum values and unknown fields are
 * (#100) errors naming the parameter, unknown parameters are ignored.
 */

export const INSIGHTS_LEVELS = ['account', 'campaign', 'adset', 'ad'] as const;
export type InsightsLevel = (typeof INSIGHTS_LEVELS)[number];

/** Id and descriptive fields: returned only when asked for. */
export const DESCRIPTIVE_FIELDS = [
  'account_id',
  'account_name',
  'account_currency',
  'campaign_id',
  'campaign_name',
  'adset_id',
  'adset_name',
  'ad_id',
  'ad_name',
  'objective',
  'optimization_goal',
  'buying_type',
  'attribution_setting',
  'created_time',
  'updated_time',
  'date_start',
  'date_stop',
] as const;

export const NUMERIC_FIELDS = [
  'spend',
  'impressions',
  'reach',
  'frequency',
  'clicks',
  'unique_clicks',
  'ctr',
  'unique_ctr',
  'cpc',
  'cpm',
  'cpp',
  'inline_link_clicks',
  'inline_link_click_ctr',
  'cost_per_inline_link_click',
] as const;

export const ACTION_FIELDS = [
  'actions',
  'action_values',
  'cost_per_action_type',
  'purchase_roas',
  'website_purchase_roas',
  'outbound_clicks',
  'cost_per_outbound_click',
  'website_ctr',
  'conversions',
  'conversion_values',
] as const;

const INSIGHTS_FIELDS: ReadonlySet<string> = new Set([
  ...DESCRIPTIVE_FIELDS,
  ...NUMERIC_FIELDS,
  ...ACTION_FIELDS,
]);

const DEFAULT_FIELDS = ['impressions', 'spend'];

export const ATTRIBUTION_WINDOWS = [
  '1d_click',
  '7d_click',
  '28d_click',
  '1d_view',
  '1d_ev',
  'dda',
  'default',
] as const;

const ACTION_BREAKDOWNS = [
  'action_type',
  'action_target_id',
  'action_destination',
  'action_device',
  'action_reaction',
  'action_video_sound',
  'action_video_type',
  'action_carousel_card_id',
  'action_carousel_card_name',
  'conversion_destination',
];

export const FILTER_OPERATORS = [
  'EQUAL',
  'NOT_EQUAL',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL',
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL',
  'IN_RANGE',
  'NOT_IN_RANGE',
  'CONTAIN',
  'NOT_CONTAIN',
  'IN',
  'NOT_IN',
  'ANY',
  'ALL',
  'NONE',
] as const;

export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export interface Filter {
  readonly field: string;
  readonly operator: FilterOperator;
  readonly value: unknown;
}

export type TimeIncrement = number | 'monthly' | 'all_days';

export interface SortKey {
  readonly field: string;
  readonly descending: boolean;
}

export interface InsightsQuery {
  readonly level: InsightsLevel | undefined;
  readonly fields: readonly string[];
  readonly ranges: readonly DateRange[];
  readonly increment: TimeIncrement;
  readonly breakdowns: readonly Breakdown[];
  readonly windows: readonly string[];
  readonly filters: readonly Filter[];
  readonly sort: readonly SortKey[];
}

export function parseInsightsQuery(params: Params, today: string): InsightsQuery {
  // Validated like Graph does; rows are always split by action_type, the default breakdown.
  readEnumList(params, 'action_breakdowns', ACTION_BREAKDOWNS);
  return {
    fields: readFields(params),
    level: readEnum(params, 'level', INSIGHTS_LEVELS),
    ranges: readRanges(params, today),
    increment: readIncrement(params),
    breakdowns: readEnumList(params, 'breakdowns', BREAKDOWNS),
    windows: readAttributionWindows(params),
    filters: readFilters(params),
    sort: readSort(params),
  };
}

function readFields(params: Params): string[] {
  const specs = parseFields(params.get('fields'));
  if (!specs || specs.length === 0) return DEFAULT_FIELDS;
  for (const spec of specs) {
    if (!INSIGHTS_FIELDS.has(spec.name) || spec.children) throw invalidInsightsField(spec.name);
  }
  return [...new Set(specs.map((spec) => spec.name))];
}

function readEnum<T extends string>(
  params: Params,
  name: string,
  values: readonly T[],
): T | undefined {
  const value = params.get(name);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) throw mustBeOneOf(name, values);
  return value as T;
}

function readEnumList<T extends string>(params: Params, name: string, values: readonly T[]): T[] {
  const list = params.list(name) ?? [];
  list.forEach((item, index) => {
    if (!(values as readonly string[]).includes(item))
      throw mustBeOneOf(`${name}[${index}]`, values);
  });
  return list as T[];
}

/** `time_ranges` beats `time_range`, which beats `date_preset`; the default is the last 30 days. */
function readRanges(params: Params, today: string): DateRange[] {
  if (params.has('time_ranges')) {
    const ranges = params.json('time_ranges');
    if (!Array.isArray(ranges) || ranges.length === 0) {
      throw invalidParameter('time_ranges must be a non-empty list of {since, until} objects');
    }
    return ranges.map((range, index) => toRange(range, `time_ranges[${index}]`));
  }
  if (params.has('time_range')) return [toRange(params.json('time_range'), 'time_range')];
  const preset = params.get('date_preset') ?? 'last_30d';
  if (!isDatePreset(preset)) throw mustBeOneOf('date_preset', DATE_PRESETS);
  return [resolveDatePreset(preset, today)];
}

function toRange(value: unknown, name: string): DateRange {
  const range = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  const { since, until } = range;
  if (
    typeof since !== 'string' ||
    typeof until !== 'string' ||
    !isIsoDate(since) ||
    !isIsoDate(until)
  ) {
    throw invalidParameter(`${name} must be a JSON object with since and until dates (YYYY-MM-DD)`);
  }
  if (since > until) throw invalidParameter(`${name}: since must be on or before until`);
  return { since, until };
}

function readIncrement(params: Params): TimeIncrement {
  const raw = params.get('time_increment');
  if (raw === undefined || raw === 'all_days') return 'all_days';
  if (raw === 'monthly') return 'monthly';
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > 90) {
    throw invalidParameter(
      "time_increment must be an integer from 1 to 90, 'monthly' or 'all_days'",
    );
  }
  return days;
}

/** 7d_view and 28d_view stopped being returned in January 2026, so they are no longer valid. */
function readAttributionWindows(params: Params): string[] {
  return readEnumList(params, 'action_attribution_windows', ATTRIBUTION_WINDOWS).filter(
    (window) => window !== 'default',
  );
}

export function readFilters(params: Params): Filter[] {
  const raw = params.json('filtering');
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw invalidParameter('filtering must be a list of filter objects');
  return raw.map((item: unknown, index) => {
    const filter = (typeof item === 'object' && item !== null ? item : {}) as Record<
      string,
      unknown
    >;
    if (typeof filter.field !== 'string') {
      throw invalidParameter(`filtering[${index}] requires a field, an operator and a value`);
    }
    if (!(FILTER_OPERATORS as readonly unknown[]).includes(filter.operator)) {
      throw mustBeOneOf(`filtering[${index}][operator]`, FILTER_OPERATORS);
    }
    return {
      field: filter.field,
      operator: filter.operator as FilterOperator,
      value: filter.value,
    };
  });
}

const SORTABLE = [...NUMERIC_FIELDS, 'date_start', 'date_stop'];
const SORT_VALUES = SORTABLE.flatMap((field) => [`${field}_ascending`, `${field}_descending`]);

function readSort(params: Params): SortKey[] {
  return readEnumList(params, 'sort', SORT_VALUES).map((value) => {
    const descending = value.endsWith('_descending');
    return {
      field: value.slice(0, value.length - (descending ? '_descending' : '_ascending').length),
      descending,
    };
  });
}
