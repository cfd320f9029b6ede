import type { Clock } from '../clock';

/**
 * Rate-limit accounting: calls per ad account and use case over a rolling hour, turned into the
 * usage headers Graph sends (meta-graph-api.md §8) and into throttling at 100 %.
 */

export type UseCase = 'ads_insights' | 'ads_management';

export interface UsageQuotas {
  /** Calls per ad account, per use case, per rolling hour. */
  callsPerHour: number;
  /**
   * Quotas of particular ad accounts, per use case, as Meta computes them from the account's active
   * ads and the app's access tier (meta-graph-api.md §8); other accounts get `callsPerHour`.
   */
  perAccount?: Readonly<Record<string, Readonly<Record<UseCase, number>>>>;
  /** The tier the usage headers report. */
  accessTier?: AccessTier;
  /** Calls per hour for the whole app (X-App-Usage). */
  appCallsPerHour: number;
}

export type AccessTier = 'development_access' | 'standard_access';

const WINDOW_MS = 3_600_000;

/**
 * Meta's hourly Business Use Case quota of one ad account (meta-graph-api.md §8): a base plus a
 * share per active ad, the base far lower on the development (limited) tier than on standard.
 */
export function bucQuota(tier: AccessTier, useCase: UseCase, activeAds: number): number {
  const limited = tier === 'development_access';
  return useCase === 'ads_insights'
    ? (limited ? 600 : 190_000) + 400 * activeAds
    : (limited ? 300 : 100_000) + 40 * activeAds;
}

export class UsageMeter {
  private readonly calls = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly quotas: UsageQuotas,
  ) {}

  record(accountId: string | undefined, useCase: UseCase): void {
    this.stamps('app').push(this.clock.now());
    if (accountId !== undefined) this.stamps(key(accountId, useCase)).push(this.clock.now());
  }

  /** Percent of the hourly quota used by an account for a use case (may exceed 100). */
  percent(accountId: string, useCase: UseCase): number {
    return (this.stamps(key(accountId, useCase)).length / this.quota(accountId, useCase)) * 100;
  }

  /** Calls per rolling hour the account may make for the use case. */
  quota(accountId: string, useCase: UseCase): number {
    return this.quotas.perAccount?.[accountId]?.[useCase] ?? this.quotas.callsPerHour;
  }

  appPercent(): number {
    return (this.stamps('app').length / this.quotas.appCallsPerHour) * 100;
  }

  /** Pretends calls were made just now, so the account sits at `percent` and recovers within the hour. */
  setPercent(accountId: string, percent: number, useCase?: UseCase): void {
    for (const each of useCase ? [useCase] : (['ads_insights', 'ads_management'] as const)) {
      const stamps = this.stamps(key(accountId, each));
      const wanted = Math.ceil((percent / 100) * this.quota(accountId, each));
      stamps.length = 0;
      for (let i = 0; i < wanted; i++) stamps.push(this.clock.now());
    }
  }

  reset(): void {
    this.calls.clear();
  }

  isThrottled(accountId: string, useCase: UseCase): boolean {
    return this.percent(accountId, useCase) >= 100;
  }

  /** Whole minutes until enough calls leave the window to drop below 100 %, 0 when not throttled. */
  minutesToRegain(accountId: string, useCase: UseCase): number {
    const stamps = this.stamps(key(accountId, useCase));
    const excess = stamps.length - this.quota(accountId, useCase) + 1;
    if (excess <= 0) return 0;
    const freedAt = (stamps[excess - 1] ?? this.clock.now()) + WINDOW_MS;
    return Math.max(1, Math.ceil((freedAt - this.clock.now()) / 60_000));
  }

  /** Usage headers for a response about an ad account (or about no account: app usage only). */
  headers(
    account: { readonly accountId: string; readonly businessId: string } | undefined,
    useCase: UseCase,
  ): Record<string, string> {
    const headers: Record<string, string> = {
      'x-app-usage': JSON.stringify(this.triple(this.appPercent())),
    };
    if (!account) return headers;
    const { accountId, businessId } = account;
    const percent = this.percent(accountId, useCase);
    headers['x-ad-account-usage'] = JSON.stringify({
      acc_id_util_pct: round2(Math.min(percent, 100)),
      reset_time_duration: this.secondsToReset(accountId, useCase),
      ads_api_access_tier: this.tier(),
    });
    headers['x-business-use-case-usage'] = JSON.stringify({
      [businessId]: (['ads_insights', 'ads_management'] as const).map((each) => ({
        type: each,
        ...this.triple(this.percent(accountId, each)),
        estimated_time_to_regain_access: this.minutesToRegain(accountId, each),
        ads_api_access_tier: this.tier(),
      })),
    });
    if (useCase === 'ads_insights') {
      headers['x-fb-ads-insights-throttle'] = JSON.stringify({
        app_id_util_pct: round2(Math.min(this.appPercent(), 100)),
        acc_id_util_pct: round2(Math.min(percent, 100)),
        ads_api_access_tier: this.tier(),
      });
    }
    return headers;
  }

  private tier(): AccessTier {
    return this.quotas.accessTier ?? 'standard_access';
  }

  /** call_count drives throttling; CPU and wall time trail it, as they do on real responses. */
  private triple(percent: number): {
    call_count: number;
    total_cputime: number;
    total_time: number;
  } {
    const callCount = Math.min(100, Math.floor(percent));
    return {
      call_count: callCount,
      total_cputime: Math.floor(callCount * 0.4),
      total_time: Math.floor(callCount * 0.6),
    };
  }

  private secondsToReset(accountId: string, useCase: UseCase): number {
    const oldest = this.stamps(key(accountId, useCase))[0];
    return oldest === undefined ? 0 : Math.ceil((oldest + WINDOW_MS - this.clock.now()) / 1000);
  }

  /** The call times still inside the rolling hour (older ones are dropped on the way). */
  private stamps(name: string): number[] {
    let stamps = this.calls.get(name);
    if (!stamps) {
      stamps = [];
      this.calls.set(name, stamps);
    }
    const cutoff = this.clock.now() - WINDOW_MS;
    let expired = 0;
    while (expired < stamps.length && (stamps[expired] ?? 0) <= cutoff) expired++;
    if (expired > 0) stamps.splice(0, expired);
    return stamps;
  }
}

function key(accountId: string, useCase: UseCase): string {
  return `${accountId}/${useCase}`;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
