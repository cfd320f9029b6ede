import type { PageLocale, PageVariant } from './ads-manager/control';
import type { Clock } from './clock';
import type { BatchInjection } from './graph/batch';
import { FaultScripts } from './graph/faults';
import { ReportRuns } from './graph/report-runs';
import { RequestLog } from './graph/request-log';
import { defaultGraphSettings, type GraphSettings } from './graph/settings';
import { TokenStore, type IssueTokenOptions, type SimApp } from './graph/tokens';
import { UsageMeter } from './graph/usage';

/**
 * The simulator's test-only control surface, used in-process by unit tests, the demo and the e2e
 * harness: fault scripts, version and throttle behaviour, tokens, async job outcomes, batch damage,
 * the Ads Manager page's variant, and a log of every Graph request seen.
 */

export type { PageLocale, PageVariant } from './ads-manager/control';

export interface PageSettings {
  variant: PageVariant;
  buildId: number;
  /**
   * The interface language of the evidence-based page variants; when unset, the browser's first
   * Accept-Language, as Facebook shows a user the language they chose.
   */
  locale?: PageLocale;
}

export interface SimControl {
  readonly app: SimApp;
  /** Long-lived, ads_read + business_management, user "Demo Media Buyer"; the same for every seed. */
  readonly demoToken: string;
  /** Read by the simulated Ads Manager page on every load. */
  readonly page: PageSettings;
  readonly settings: GraphSettings;
  readonly faults: FaultScripts;
  readonly tokens: TokenStore;
  readonly usage: UsageMeter;
  readonly reportRuns: ReportRuns;
  readonly requests: RequestLog;
  readonly batch: {
    /** Damages the next batch request's items. */
    injectNext(injection: BatchInjection): void;
    /** The pending injection, consumed (the Graph handler calls this). */
    takeInjection(): BatchInjection;
  };
  issueToken(options: IssueTokenOptions): string;
  /** The user removes the app: this token and all their others fail with 190/458. */
  revokeToken(token: string): void;
}

export const DEMO_TOKEN = 'EAAGAdlensDemoMediaBuyerLongLivedToken0000000000';
export const DEMO_USER = 'Demo Media Buyer';

export interface ControlOptions {
  readonly seed: number;
  readonly clock: Clock;
}

export function createControl({ seed, clock }: ControlOptions): SimControl {
  const app: SimApp = { id: '1234567890123456', secret: 'adlens-sim-app-secret', name: 'Adlens' };
  const settings = defaultGraphSettings();
  const tokens = new TokenStore(clock, app, seed);
  let injection: BatchInjection = {};
  const demoToken = tokens.issue(
    {
      kind: 'long_lived',
      scopes: ['ads_read', 'business_management', 'public_profile'],
      userName: DEMO_USER,
    },
    DEMO_TOKEN,
  );
  return {
    app,
    demoToken,
    page: { variant: 'evidence', buildId: 1 },
    settings,
    faults: new FaultScripts(),
    tokens,
    usage: new UsageMeter(clock, settings.quotas),
    reportRuns: new ReportRuns(clock, settings, seed),
    requests: new RequestLog(),
    batch: {
      injectNext(next) {
        injection = next;
      },
      takeInjection() {
        const taken = injection;
        injection = {};
        return taken;
      },
    },
    issueToken: (options) => tokens.issue(options),
    revokeToken(token) {
      const record = tokens.get(token);
      if (record) tokens.deauthorize(record.userId);
    },
  };
}
