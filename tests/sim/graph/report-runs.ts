import type { Clock } from '../clock';
import { hash32 } from '../../support/hash';
import { nonexistingField } from './errors';
import type { FieldSpec } from './fields';
import type { InsightsRow, RowSubject } from './insights/format';
import type { InsightsQuery } from './insights/query';
import type { JsonObject } from './objects';
import type { GraphSettings } from './settings';

/**
 * Async insights report runs (meta-graph-api.md §4): created by POST …/insights, polled through
 * `GET /{id}` until `Job Completed`, read through `GET /{id}/insights`. Progress advances with polls
 * or with the simulator clock; a test can make the next runs fail, be skipped or hang at 0 %.
 */

export type ReportOutcome = 'complete' | 'fail' | 'skip' | 'stuck';

export type AsyncStatus =
  | 'Job Not Started'
  | 'Job Started'
  | 'Job Running'
  | 'Job Completed'
  | 'Job Failed'
  | 'Job Skipped';

export interface ReportRun {
  readonly id: string;
  readonly subject: RowSubject;
  readonly query: InsightsQuery;
  /** The account's today when the run was created: presets stay resolved against it. */
  readonly today: string;
  readonly createdAt: number;
  readonly outcome: ReportOutcome;
  polls: number;
  completedAt: number | undefined;
  /** The report's rows, fixed when first read after completion. */
  rows?: InsightsRow[];
}

export interface RunStatus {
  readonly status: AsyncStatus;
  readonly percent: number;
}

export class ReportRuns {
  private readonly runs = new Map<string, ReportRun>();
  private readonly queued: ReportOutcome[] = [];
  private serial = 0;

  constructor(
    private readonly clock: Clock,
    private readonly settings: GraphSettings,
    private readonly seed: number,
  ) {}

  /** The next runs created end this way (in order); later ones complete normally. */
  queueOutcomes(...outcomes: readonly ReportOutcome[]): void {
    this.queued.push(...outcomes);
  }

  create(subject: RowSubject, query: InsightsQuery, today: string): ReportRun {
    this.serial++;
    const id = `60${String(hash32(this.seed, 'report-runs')).padStart(10, '0')}${String(this.serial).padStart(4, '0')}`;
    const run: ReportRun = {
      id,
      subject,
      query,
      today,
      createdAt: this.clock.now(),
      outcome: this.queued.shift() ?? 'complete',
      polls: 0,
      completedAt: undefined,
    };
    this.runs.set(id, run);
    return run;
  }

  get(id: string): ReportRun | undefined {
    return this.runs.get(id);
  }

  /** The status a poll sees; each poll moves the job along. */
  poll(run: ReportRun): RunStatus {
    const status = this.statusOf(run);
    run.polls++;
    return status;
  }

  /** The status without counting as a poll; the first sighting of completion stamps the run. */
  statusOf(run: ReportRun): RunStatus {
    const { pollsToComplete, msToComplete } = this.settings.reportRuns;
    const progress = Math.min(
      1,
      Math.max(run.polls / pollsToComplete, (this.clock.now() - run.createdAt) / msToComplete),
    );
    switch (run.outcome) {
      case 'skip':
        return { status: 'Job Skipped', percent: 0 };
      case 'stuck':
        return { status: 'Job Started', percent: 0 };
      case 'fail':
        if (progress >= 0.5) return { status: 'Job Failed', percent: 50 };
        break;
      case 'complete':
        if (progress >= 1) {
          run.completedAt ??= this.clock.now();
          return { status: 'Job Completed', percent: 100 };
        }
        break;
    }
    const percent = Math.floor(progress * 100);
    if (percent === 0) return { status: 'Job Not Started', percent };
    return { status: percent < 50 ? 'Job Started' : 'Job Running', percent };
  }
}

/** v25+ report failures carry error fields (meta-graph-api.md §1). */
const REPORT_FAILURE: JsonObject = {
  error_code: -2,
  error_subcode: 2490547,
  error_message: 'Report Failed',
  error_user_title: 'Report Failed',
  error_user_msg: 'Generating the report failed. Try again later.',
};

const TERMINAL: readonly AsyncStatus[] = ['Job Completed', 'Job Failed', 'Job Skipped'];

/** `GET /{report_run_id}`: the AdReportRun fields, all of them unless `fields` names some. */
export function renderReportRun(
  run: ReportRun,
  { status, percent }: RunStatus,
  fields: readonly FieldSpec[] | undefined,
): JsonObject {
  const full: JsonObject = {
    id: run.id,
    account_id: run.subject.account.accountId,
    time_ref: Math.floor(run.createdAt / 1000),
    time_completed: run.completedAt === undefined ? 0 : Math.floor(run.completedAt / 1000),
    async_status: status,
    async_percent_completion: percent,
    date_start: run.query.ranges[0]?.since ?? '',
    date_stop: run.query.ranges.at(-1)?.until ?? '',
    is_running: !TERMINAL.includes(status),
    ...(status === 'Job Failed' ? REPORT_FAILURE : {}),
  };
  if (!fields || fields.length === 0) return full;
  const picked: JsonObject = {};
  for (const { name } of fields) {
    if (!(name in full) && !(name in REPORT_FAILURE)) throw nonexistingField(name, 'AdReportRun');
    const value = full[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}
