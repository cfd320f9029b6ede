import * as z from 'zod/mini';
import {
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
  UnlockRequestSchema,
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
  SnapshotRequestSchema,
  SnapshotsPrepareResponseSchema,
  SnapshotsSubjectsRequestSchema,
  SnapshotsSubjectsResponseSchema,
} from '@/lib/schema/snapshots';
import { SettingsGetResponseSchema, SettingsUpdateSyncRequestSchema } from '@/lib/schema/settings';
import { SyncNowRequestSchema, SyncNowResponseSchema, SyncSettingsSchema } from '@/lib/schema/sync';
import { PAGE_PROTOCOL, type CommandSpec } from './page-protocol';

export type { CommandSpec, SenderClass } from './page-protocol';

/**
 * The one protocol table: the commands content scripts may send (their own module, so the content
 * script bundles only those schemas) and the extension pages' commands, each with who may send it,
 * its schemas and the rules checked before its handler runs (CommandSpec). Content scripts are
 * treated as the page, so they get read-only commands that reveal no secret; everything that
 * changes the connection is for extension pages only. A schema that is small and used by its
 * command alone may sit inline in the entry (a strict object, bounded like lib/schema's).
 */
export const PROTOCOL = {
  ...PAGE_PROTOCOL,
  'accounts.list': {
    allowedSenders: ['extension-page'],
    token: 'connected',
    request: EmptyRequestSchema,
    response: AccountsListResponseSchema,
  },
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
    // Whether Meta accepted the token just now; `auth.status` says what follows from it.
    response: z.strictObject({ verified: z.boolean() }),
  },
  'auth.setForgetTokenOnClose': {
    allowedSenders: ['extension-page'],
    request: SetForgetTokenOnCloseRequestSchema,
    response: SetForgetTokenOnCloseResponseSchema,
  },
  /** Opens a token remembered under a passphrase, after a browser restart. */
  'auth.unlock': {
    allowedSenders: ['extension-page'],
    request: UnlockRequestSchema,
    response: z.strictObject({ unlocked: z.literal(true) }),
  },
  /** The background-owned settings (sync); pages never read or write their storage. */
  'settings.get': {
    allowedSenders: ['extension-page'],
    request: EmptyRequestSchema,
    response: SettingsGetResponseSchema,
  },
  /** Saves a sync settings change and applies it (schedule, data deletion) before answering. */
  'settings.updateSync': {
    allowedSenders: ['extension-page'],
    request: SettingsUpdateSyncRequestSchema,
    response: SyncSettingsSchema,
  },
  /** A token Meta already rejected is told at once (Reconnect) rather than queued to fail again. */
  'sync.now': {
    allowedSenders: ['extension-page'],
    token: 'usable',
    request: SyncNowRequestSchema,
    response: SyncNowResponseSchema,
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
