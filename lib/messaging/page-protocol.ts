import type * as z from 'zod/mini';
import { ExplainRequestSchema, ExplainResponseSchema } from '@/lib/schema/explain';
import { CatalogueRequestSchema, CatalogueResponseSchema } from '@/lib/schema/i18n';
import { InsightGetRequestSchema, InsightGetResponseSchema } from '@/lib/schema/insight';
import { AccountsGetRequestSchema, AccountsGetResponseSchema } from '@/lib/schema/messages';
import {
  FindingsForRowsRequestSchema,
  FindingsForRowsResponseSchema,
} from '@/lib/schema/row-findings';
import {
  IdentifyByNameRequestSchema,
  IdentifyByNameResponseSchema,
} from '@/lib/schema/row-identity';
import { SnapshotRequestSchema, SnapshotsOpenResponseSchema } from '@/lib/schema/snapshots';
import { SyncStatusRequestSchema, SyncStatusResponseSchema } from '@/lib/schema/sync';
import { SeriesGetRequestSchema, SeriesGetResponseSchema } from '@/lib/schema/series';

/** Who may send a command, as lib/messaging/sender-policy.ts classifies a sender. */
export type SenderClass = 'extension-page' | 'content-script';

/**
 * One command: who may send it, what it asks and answers, and the rules the background checks
 * before its handler runs (lib/messaging/rules.ts, in the order listed here). A rule left out does
 * not apply. The rules' user-facing refusals are written here, next to the rule.
 */
export interface CommandSpec {
  readonly allowedSenders: readonly SenderClass[];
  readonly request: z.ZodMiniType;
  readonly response: z.ZodMiniType;
  /**
   * 'connected': a token is needed (`not-connected` without one); 'usable': one Meta has not
   * already rejected, too (`token-rejected`), for commands that call Meta at once.
   */
  readonly token?: 'connected' | 'usable';
  /**
   * The request's `accountId` names an account the user connected: 'connected' refuses any other
   * (`unknown-account`) and hands the handler the account; 'if-connected' hands it the account or
   * nothing.
   */
  readonly account?: 'connected' | 'if-connected';
  /** A content script must name this field: the page asks about what it shows, not about all. */
  readonly pageMustName?: { readonly field: string; readonly refusal: string };
  /** At most one call every `ms`, whoever asks (`rate-limited`). */
  readonly rateLimit?: { readonly ms: number; readonly refusal: string };
  /**
   * Ads Manager reading the account starts its sync when it is stale, within the back-offs of
   * lib/sync/triggers.ts. 'when-stale-or-asked': a request with `refresh: true` is the page's own
   * Sync now instead, started only when the account has been quiet for a few minutes; the handler
   * learns whether it started.
   */
  readonly pageRefresh?: 'when-stale' | 'when-stale-or-asked';
}

/**
 * The part of the protocol table (lib/messaging/protocol.ts) that content scripts may send. It is
 * its own module so the content script, which checks answers against it, does not carry the
 * schemas of extension-page commands. Content scripts are treated as the page: these commands are
 * read-only and reveal no secret.
 */
export const PAGE_PROTOCOL = {
  /** Ads Manager asks it as soon as it opens on an account, panel open or not. */
  'accounts.get': {
    allowedSenders: ['extension-page', 'content-script'],
    token: 'connected',
    account: 'if-connected',
    pageRefresh: 'when-stale',
    request: AccountsGetRequestSchema,
    response: AccountsGetResponseSchema,
  },
  'findings.forRows': {
    allowedSenders: ['content-script'],
    request: FindingsForRowsRequestSchema,
    response: FindingsForRowsResponseSchema,
  },
  'rows.identifyByName': {
    allowedSenders: ['content-script'],
    request: IdentifyByNameRequestSchema,
    response: IdentifyByNameResponseSchema,
  },
  /** Sync state without secrets: of every account for extension pages, of one for Ads Manager. */
  'sync.status': {
    allowedSenders: ['extension-page', 'content-script'],
    pageMustName: {
      field: 'accountId',
      refusal: 'Ads Manager asks for the sync state of one account.',
    },
    request: SyncStatusRequestSchema,
    response: SyncStatusResponseSchema,
  },
  /**
   * Cached daily series, bounded; from Ads Manager only of the entities named (the rows on screen),
   * and it may refresh a stale account, nothing more.
   */
  'series.get': {
    allowedSenders: ['extension-page', 'content-script'],
    token: 'connected',
    account: 'connected',
    pageMustName: { field: 'entityIds', refusal: 'Ads Manager asks for named entities.' },
    pageRefresh: 'when-stale',
    request: SeriesGetRequestSchema,
    response: SeriesGetResponseSchema,
  },
  /**
   * The insight panel: KPIs, trends, findings, changes and freshness of one subject, computed from
   * the cache. Its refresh flag is the page's Sync now, limited to one account every few minutes.
   */
  'insight.get': {
    allowedSenders: ['content-script'],
    token: 'connected',
    account: 'connected',
    pageRefresh: 'when-stale-or-asked',
    request: InsightGetRequestSchema,
    response: InsightGetResponseSchema,
  },
  /**
   * Explain: the segments behind a finding or a KPI's move. Reads breakdowns from Meta only on
   * this request (three calls, paced with the sync's and logged); asked again, it answers from the
   * cache. Numbers and Meta's segment names only.
   */
  'findings.explain': {
    allowedSenders: ['content-script'],
    account: 'connected',
    request: ExplainRequestSchema,
    response: ExplainResponseSchema,
  },
  /** The overlay's strings in the page's language: the extension's own published text, nothing secret. */
  'i18n.catalogue': {
    allowedSenders: ['content-script'],
    request: CatalogueRequestSchema,
    response: CatalogueResponseSchema,
  },
  /**
   * Ads Manager may only ask for the viewer to open on a snapshot; it gets nothing back. A page
   * could ask again and again; one viewer tab at a time is all a person needs.
   */
  'snapshots.open': {
    allowedSenders: ['content-script'],
    rateLimit: { ms: 2000, refusal: 'A snapshot is already opening. Wait a moment.' },
    request: SnapshotRequestSchema,
    response: SnapshotsOpenResponseSchema,
  },
} as const satisfies Record<string, CommandSpec>;

export type PageProtocol = typeof PAGE_PROTOCOL;
