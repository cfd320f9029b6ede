/**
 * The simulated Meta world: one seeded, deterministic model that both the Graph API simulator and
 * the Ads Manager page read, so the numbers a test sees in the page and through the API agree.
 */

export type Level = 'campaign' | 'adset' | 'ad';
export type Currency = 'USD' | 'EUR' | 'JPY';
export type ConfiguredStatus = 'ACTIVE' | 'PAUSED' | 'DELETED' | 'ARCHIVED';
/** Union of the effective statuses of campaigns, ad sets and ads (meta-graph-api.md §5). */
export type EffectiveStatus =
  | ConfiguredStatus
  | 'IN_PROCESS'
  | 'WITH_ISSUES'
  | 'CAMPAIGN_PAUSED'
  | 'ADSET_PAUSED'
  | 'DISAPPROVED'
  | 'PENDING_REVIEW';

export interface SimAccount {
  /** Digits only; the API's `id` is `act_<accountId>`. */
  readonly accountId: string;
  readonly name: string;
  readonly currency: Currency;
  readonly timezoneName: string;
  readonly timezoneOffsetHoursUtc: number;
  /** 1 ACTIVE, 2 DISABLED, 3 UNSETTLED, … (meta-graph-api.md §5). */
  readonly accountStatus: number;
  readonly businessId: string;
  readonly businessName: string;
}

export interface SimEntity {
  readonly level: Level;
  readonly id: string;
  readonly accountId: string;
  /** Advertiser-controlled text: unicode, emoji, very long strings, HTML and script payloads. */
  readonly name: string;
  readonly status: ConfiguredStatus;
  readonly effectiveStatus: EffectiveStatus;
  readonly campaignId?: string;
  readonly adsetId?: string;
  readonly objective?: string;
  readonly optimizationGoal?: string;
  /** Minor units of the account currency (USD cents, JPY yen); absent when a child level owns the budget. */
  readonly dailyBudgetMinor?: number;
  readonly lifetimeBudgetMinor?: number;
  /** Unix seconds. */
  readonly createdTime: number;
  readonly updatedTime: number;
  readonly startTime: number;
}

/** One entity's delivery on one day (account time zone). Money in minor units. */
export interface DailyStats {
  readonly date: string;
  readonly spendMinor: number;
  readonly impressions: number;
  readonly reach: number;
  readonly clicks: number;
  readonly inlineLinkClicks: number;
  readonly purchases: number;
  readonly purchaseValueMinor: number;
}

/** Totals over a date range; reach is de-duplicated, so it is not the sum of daily reach. */
export type RangeStats = Omit<DailyStats, 'date'> & {
  readonly dateStart: string;
  readonly dateStop: string;
};

export type AnomalyKind =
  | 'spend_spike'
  | 'delivery_stop'
  | 'cpm_surge'
  | 'creative_fatigue'
  | 'tracking_break'
  | 'cpa_jump';

/** A planted, labeled anomaly: the ground truth tests and benchmarks read. */
export interface PlantedAnomaly {
  readonly kind: AnomalyKind;
  readonly accountId: string;
  readonly level: Level;
  readonly entityId: string;
  /** First affected day (inclusive, account time zone). */
  readonly startDate: string;
  /** Last affected day (inclusive); absent while it is still going on. */
  readonly endDate?: string;
  readonly description: string;
}

/**
 * An edit made in Ads Manager after the world's start: from `at` (unix seconds, the entity's new
 * `updated_time`) the API serves the entity with `field` set to `after`. A status change sets the
 * effective status too.
 */
export interface PlantedChange {
  readonly accountId: string;
  readonly level: Level;
  readonly entityId: string;
  readonly field: 'dailyBudgetMinor' | 'status';
  readonly before: number | ConfiguredStatus;
  readonly after: number | ConfiguredStatus;
  readonly at: number;
}

/** Why a name is hostile: text a renderer must show escaped and inert, whatever its length. */
export type HostileNameKind =
  | 'cjk'
  | 'rtl'
  | 'accents'
  | 'emoji'
  | 'long'
  | 'html_injection'
  | 'script_breakout'
  | 'attribute_breakout'
  | 'bidi_override'
  | 'template_injection';

/** An entity whose name carries a hostile payload (its name contains that payload). */
export interface HostileName {
  readonly entityId: string;
  readonly kind: HostileNameKind;
}

export interface World {
  readonly seed: number;
  readonly accounts: readonly SimAccount[];
  account(accountId: string): SimAccount | undefined;
  /** Every entity of a level in an account, deleted and archived included, in a stable order. */
  entities(accountId: string, level: Level): readonly SimEntity[];
  entity(id: string): SimEntity | undefined;
  /**
   * Days with delivery only: a day with zero impressions has no entry (the API sends no row).
   * `entityId` may also be an account node id (`act_<accountId>`) for the whole account. Numbers are
   * as reported at the clock's minute: today is partial and grows through the day, purchases of the
   * last 28 days are still being attributed (they rise toward their final value), later days have
   * no delivery yet.
   */
  daily(entityId: string, since: string, until: string): DailyStats[];
  /** Totals for a range (same ids as `daily`), or undefined when it did not deliver in it. */
  totals(entityId: string, since: string, until: string): RangeStats | undefined;
  /** Today's date (YYYY-MM-DD) in the account's time zone, from the simulator clock. */
  today(accountId: string): string;
  readonly anomalies: readonly PlantedAnomaly[];
  /** Budget and status edits that take effect as the clock passes them. */
  readonly plantedChanges: readonly PlantedChange[];
  /** Entities whose names carry hostile text, at least one per kind in every account with entities. */
  readonly hostileNames: readonly HostileName[];
  /** The first day of the account's simulated history (the 180 days end on the creation day). */
  historyStart(accountId: string): string;
}
