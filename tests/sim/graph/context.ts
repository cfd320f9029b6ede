import type { Clock } from '../clock';
import type { SimControl } from '../control';
import type { SimAccount, SimEntity, World } from '../world/types';
import type { InsightsRow } from './insights/format';
import type { ReportRun } from './report-runs';
import type { TokenRecord } from './tokens';

/** Everything one authenticated Graph request is answered from. */
export interface GraphContext {
  readonly world: World;
  readonly clock: Clock;
  readonly control: SimControl;
  readonly version: string;
  /** `https://graph.facebook.com:4431`: links point back where the client came from. */
  readonly origin: string;
  readonly token: TokenRecord;
  readonly rowCache: RowCache;
}

export type GraphNode =
  | { readonly type: 'User'; readonly id: string }
  | { readonly type: 'AdAccount'; readonly id: string; readonly account: SimAccount }
  | {
      readonly type: 'Campaign' | 'AdSet' | 'Ad';
      readonly id: string;
      readonly account: SimAccount;
      readonly entity: SimEntity;
    }
  | {
      readonly type: 'AdReportRun';
      readonly id: string;
      readonly account: SimAccount;
      readonly run: ReportRun;
    };

/** Insights rows of recent queries, so walking pages does not recompute the whole result. */
export class RowCache {
  private readonly entries = new Map<string, InsightsRow[]>();

  constructor(private readonly capacity = 16) {}

  rows(key: string, compute: () => InsightsRow[]): InsightsRow[] {
    const cached = this.entries.get(key);
    if (cached) return cached;
    const rows = compute();
    this.entries.set(key, rows);
    const oldest = this.entries.keys().next().value;
    if (this.entries.size > this.capacity && oldest !== undefined) this.entries.delete(oldest);
    return rows;
  }
}
