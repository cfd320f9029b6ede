import type * as z from 'zod/mini';
import { InsightGetRequestSchema, InsightGetResponseSchema } from '@/lib/schema/insight';
import {
  AccountsGetRequestSchema,
  AccountsGetResponseSchema,
  AccountsListResponseSchema,
  AuthStatusResponseSchema,
  ConnectWithTokenRequestSchema,
  ConnectWithTokenResponseSchema,
  DisconnectRequestSchema,
  DisconnectResponseSchema,
  EmptyRequestSchema,
  LoginRequestSchema,
  SetForgetTokenOnCloseRequestSchema,
  SetForgetTokenOnCloseResponseSchema,
  VerifyResponseSchema,
} from '@/lib/schema/messages';
import {
  ApiLogResponseSchema,
  ClearCacheRequestSchema,
  ClearCacheResponseSchema,
  DeleteEverythingRequestSchema,
  EmptyResponseSchema,
  ExportCsvRequestSchema,
  ExportCsvResponseSchema,
  ExportResponseSchema,
  StoredDataResponseSchema,
} from '@/lib/schema/privacy';
import { FindingCountsResponseSchema } from '@/lib/schema/findings-counts';
import {
  FindingsForRowsRequestSchema,
  FindingsForRowsResponseSchema,
} from '@/lib/schema/row-findings';
import {
  IdentifyByNameRequestSchema,
  IdentifyByNameResponseSchema,
} from '@/lib/schema/row-identity';
import {
  SnapshotRequestSchema,
  SnapshotsOpenResponseSchema,
  SnapshotsPrepareResponseSchema,
  SnapshotsSubjectsRequestSchema,
  SnapshotsSubjectsResponseSchema,
} from '@/lib/schema/snapshots';
import {
  InsightsGetRequestSchema,
  InsightsGetResponseSchema,
  SyncNowRequestSchema,
  SyncNowResponseSchema,
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
 * The one protocol table. Content scripts are treated as the page, so they get read-only commands
 * that reveal no secret; everything that changes the connection is for extension pages only.
 */
export const PROTOCOL = {
  'auth.connectWithToken': {
    allowedSenders: ['extension-page'],
    request: ConnectWithTokenRequestSchema,
    response: ConnectWithTokenResponseSchema,
  },
  'auth.login': {
    allowedSenders: ['extension-page'],
    request: LoginRequestSchema,
    response: ConnectWithTokenResponseSchema,
  },
  'auth.status': {
    allowedSenders: ['extension-page'],
    request: EmptyRequestSchema,
    response: AuthStatusResponseSchema,
  },
  'auth.disconnect': {
    allowedSenders: ['extension-page'],
    request: DisconnectRequestSchema,
    response: DisconnectResponseSchema,
  },
  'auth.verify': {
    allowedSenders: ['extension-page'],
    request: EmptyRequestSchema,
    response: VerifyResponseSchema,
  },
  'auth.setForgetTokenOnClose': {
    allowedSenders: ['extension-page'],
    request: SetForgetTokenOnCloseRequestSchema,
    response: SetForgetTokenOnCloseResponseSchema,
  },
  'accounts.list': {
    allowedSenders: ['extension-page', 'content-script'],
    request: EmptyRequestSchema,
    response: AccountsListResponseSchema,
  },
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
  'sync.now': {
    allowedSenders: ['extension-page'],
    request: SyncNowRequestSchema,
    response: SyncNowResponseSchema,
  },
  /** Per-account sync state without secrets; Ads Manager may show it too. */
  'sync.status': {
    allowedSenders: ['extension-page', 'content-script'],
    request: EmptyRequestSchema,
    response: SyncStatusResponseSchema,
  },
  /** Cached daily series, bounded; from Ads Manager it may refresh a stale account, nothing more. */
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
  /** The campaigns to offer in the options page's "Create snapshot". */
  'snapshots.subjects': {
    allowedSenders: ['extension-page'],
    request: SnapshotsSubjectsRequestSchema,
    response: SnapshotsSubjectsResponseSchema,
  },
  /** Creates a snapshot and leaves it in session storage for the viewer; answers its one-time id. */
  'snapshots.prepare': {
    allowedSenders: ['extension-page'],
    request: SnapshotRequestSchema,
    response: SnapshotsPrepareResponseSchema,
  },
  /** Ads Manager may only ask for the viewer to open on a snapshot; it gets nothing back. */
  'snapshots.open': {
    allowedSenders: ['content-script'],
    request: SnapshotRequestSchema,
    response: SnapshotsOpenResponseSchema,
  },
  /** Findings per account by severity, for the popup. */
  'findings.counts': {
    allowedSenders: ['extension-page'],
    request: EmptyRequestSchema,
    response: FindingCountsResponseSchema,
  },
  /** Privacy controls: what is stored, clear, export, the API log, delete everything. */
  'privacy.storedData': {
    allowedSenders: ['extension-page'],
    request: EmptyRequestSchema,
    response: StoredDataResponseSchema,
  },
  'privacy.clearCache': {
    allowedSenders: ['extension-page'],
    request: ClearCacheRequestSchema,
    response: ClearCacheResponseSchema,
  },
  'privacy.export': {
    allowedSenders: ['extension-page'],
    request: EmptyRequestSchema,
    response: ExportResponseSchema,
  },
  'privacy.exportCsv': {
    allowedSenders: ['extension-page'],
    request: ExportCsvRequestSchema,
    response: ExportCsvResponseSchema,
  },
  'privacy.apiLog': {
    allowedSenders: ['extension-page'],
    request: EmptyRequestSchema,
    response: ApiLogResponseSchema,
  },
  'privacy.clearApiLog': {
    allowedSenders: ['extension-page'],
    request: EmptyRequestSchema,
    response: EmptyResponseSchema,
  },
  'privacy.deleteEverything': {
    allowedSenders: ['extension-page'],
    request: DeleteEverythingRequestSchema,
    response: DisconnectResponseSchema,
  },
} as const satisfies Record<string, CommandSpec>;

export type Protocol = typeof PROTOCOL;
export type Command = keyof Protocol;
/** What a sender passes to `send()`. */
export type RequestOf<C extends Command> = z.input<Protocol[C]['request']>;
/** What a handler receives after parsing. */
export type ParsedRequestOf<C extends Command> = z.output<Protocol[C]['request']>;
/** What a handler returns. */
export type ResponseOf<C extends Command> = z.input<Protocol[C]['response']>;
/** What `send()` resolves to after validating the answer. */
export type ParsedResponseOf<C extends Command> = z.output<Protocol[C]['response']>;

/** Looks a command up without ever reaching `Object.prototype` (`toString`, `__proto__`). */
export function findCommand(name: string): Command | undefined {
  return Object.hasOwn(PROTOCOL, name) ? (name as Command) : undefined;
}
