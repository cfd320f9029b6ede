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
import {
  InsightsGetRequestSchema,
  InsightsGetResponseSchema,
  SyncStatusRequestSchema,
  SyncStatusResponseSchema,
} from '@/lib/schema/sync';

/** Who may send a command, as lib/messaging/sender-policy.ts classifies a sender. */
export type SenderClass = 'extension-page' | 'content-script';

export interface CommandSpec {
  readonly allowedSenders: readonly SenderClass[];
  readonly request: z.ZodMiniType;
  readonly response: z.ZodMiniType;
}

/**
 * The part of the protocol table (lib/messaging/protocol.ts) that content scripts may send. It is
 * its own module so the content script, which checks answers against it, does not carry the
 * schemas of extension-page commands. Content scripts are treated as the page: these commands are
 * read-only and reveal no secret.
 */
export const PAGE_PROTOCOL = {
  'accounts.get': {
    allowedSenders: ['extension-page', 'content-script'],
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
    request: SyncStatusRequestSchema,
    response: SyncStatusResponseSchema,
  },
  /**
   * Cached daily series, bounded; from Ads Manager only of the entities named (the rows on screen),
   * and it may refresh a stale account, nothing more.
   */
  'insights.get': {
    allowedSenders: ['extension-page', 'content-script'],
    request: InsightsGetRequestSchema,
    response: InsightsGetResponseSchema,
  },
  /**
   * The insight panel: KPIs, trends, findings, changes and freshness of one subject, computed from
   * the cache. Its refresh flag is the page's Sync now, limited to one account every few minutes.
   */
  'insight.get': {
    allowedSenders: ['content-script'],
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
    request: ExplainRequestSchema,
    response: ExplainResponseSchema,
  },
  /** The overlay's strings in the page's language: the extension's own published text, nothing secret. */
  'i18n.catalogue': {
    allowedSenders: ['content-script'],
    request: CatalogueRequestSchema,
    response: CatalogueResponseSchema,
  },
  /** Ads Manager may only ask for the viewer to open on a snapshot; it gets nothing back. */
  'snapshots.open': {
    allowedSenders: ['content-script'],
    request: SnapshotRequestSchema,
    response: SnapshotsOpenResponseSchema,
  },
} as const satisfies Record<string, CommandSpec>;

export type PageProtocol = typeof PAGE_PROTOCOL;
