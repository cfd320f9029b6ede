import * as z from 'zod/mini';

/**
 * The usage headers Graph sends on every response (meta-graph-api.md §8), folded into one reading:
 * the highest utilisation any of them reports, and how long Meta says it takes to recover. Every
 * header is a JSON string; a malformed one is ignored rather than trusted.
 */
export interface UsageReading {
  /** Highest percentage of any quota in use, 0–100. */
  readonly percent: number;
  /** `estimated_time_to_regain_access` (minutes on the wire), in ms; 0 when not blocked. */
  readonly regainMs: number;
  /** `reset_time_duration` of X-Ad-Account-Usage (seconds on the wire), in ms; 0 when absent. */
  readonly resetMs: number;
}

/** Reads one response header by (case-insensitive) name. */
export type HeaderLookup = (name: string) => string | null;

const percent = z.optional(z.catch(z.number(), 0));

const CallUsageSchema = z.object({
  call_count: percent,
  total_cputime: percent,
  total_time: percent,
});
const AccountUsageSchema = z.object({
  acc_id_util_pct: percent,
  reset_time_duration: percent,
});
const BusinessUsageSchema = z.record(
  z.string(),
  z.array(
    z.object({
      ...CallUsageSchema.shape,
      estimated_time_to_regain_access: percent,
    }),
  ),
);
const InsightsThrottleSchema = z.object({
  app_id_util_pct: percent,
  acc_id_util_pct: percent,
});

const MINUTE_MS = 60_000;
const MAX_HEADER_LENGTH = 16_384;

function readJson<S extends z.ZodMiniType>(
  header: HeaderLookup,
  name: string,
  schema: S,
): z.output<S> | undefined {
  const text = header(name);
  if (text === null || text.length > MAX_HEADER_LENGTH) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function highest(...values: (number | undefined)[]): number {
  return Math.max(0, ...values.filter((value): value is number => Number.isFinite(value)));
}

/** Undefined when the response carried no usage header at all. */
export function readUsage(header: HeaderLookup): UsageReading | undefined {
  const app = readJson(header, 'x-app-usage', CallUsageSchema);
  const account = readJson(header, 'x-ad-account-usage', AccountUsageSchema);
  const business = readJson(header, 'x-business-use-case-usage', BusinessUsageSchema);
  const insights = readJson(header, 'x-fb-ads-insights-throttle', InsightsThrottleSchema);
  if (!app && !account && !business && !insights) return undefined;

  const useCases = Object.values(business ?? {}).flat();
  return {
    percent: Math.min(
      100,
      highest(
        app?.call_count,
        app?.total_cputime,
        app?.total_time,
        account?.acc_id_util_pct,
        insights?.app_id_util_pct,
        insights?.acc_id_util_pct,
        ...useCases.flatMap((each) => [each.call_count, each.total_cputime, each.total_time]),
      ),
    ),
    regainMs: highest(...useCases.map((each) => each.estimated_time_to_regain_access)) * MINUTE_MS,
    resetMs: highest(account?.reset_time_duration) * 1000,
  };
}

/** The header lookup of a fetch Response. */
export function responseHeaders(headers: Headers): HeaderLookup {
  return (name) => headers.get(name);
}

/** The header lookup of a batch item, whose headers come as `[{name, value}]`. */
export function itemHeaders(
  headers: readonly { readonly name: string; readonly value: string }[] | undefined,
): HeaderLookup {
  const byName = new Map((headers ?? []).map((each) => [each.name.toLowerCase(), each.value]));
  return (name) => byName.get(name.toLowerCase()) ?? null;
}
