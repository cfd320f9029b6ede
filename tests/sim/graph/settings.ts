import type { ThrottleCode } from './errors';
import type { PageQuirk } from './paging';
import type { UsageQuotas } from './usage';

/** Knobs a test turns on the simulated Graph API; read on every request. */
export interface GraphSettings {
  /** Old versions: answer 2635, or serve them as the current one with X-Ad-Api-Version-Warning. */
  versionMode: 'reject' | 'auto_upgrade';
  /** The error a throttled call gets: the BUC code (80000 insights / 80004 management) or another. */
  throttleCode: ThrottleCode;
  /** Permission errors come as 400 or 403, depending on the endpoint in real life. */
  permissionErrorStatus: 400 | 403;
  /** Business-owned accounts refuse tokens without business_management. */
  requireBusinessManagement: boolean;
  /** Odd pages come back short or empty (still with `next`) so clients never trust page sizes. */
  pageQuirk: PageQuirk;
  defaultLimit: number;
  /** Sync insights pages with more than `maxCells` (rows x fields) fail like Graph's volume limit. */
  tooMuchData: {
    maxCells: number | undefined;
    variant: 'plain' | 'subcode_99' | 'timeout';
  };
  /** An async report completes after this many status polls or this much simulated time. */
  reportRuns: { pollsToComplete: number; msToComplete: number };
  readonly quotas: UsageQuotas;
  /**
   * Real time an insights answer takes, in ms (0: at once). Each answer takes between 0.6 and 1.4
   * times this, as Meta's insights pages take hundreds of milliseconds, varying call to call.
   */
  insightsAnswerMs: number;
}

export function defaultGraphSettings(): GraphSettings {
  return {
    versionMode: 'reject',
    throttleCode: 'buc',
    permissionErrorStatus: 400,
    requireBusinessManagement: false,
    pageQuirk: 'none',
    defaultLimit: 25,
    tooMuchData: { maxCells: undefined, variant: 'plain' },
    reportRuns: { pollsToComplete: 4, msToComplete: 60_000 },
    quotas: { callsPerHour: 1000, appCallsPerHour: 20_000 },
    insightsAnswerMs: 0,
  };
}
