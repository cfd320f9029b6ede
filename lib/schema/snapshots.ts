import * as z from 'zod/mini';
import { AccountIdSchema } from './account';
import { boundedString } from './bounded';
import { GraphIdSchema } from './graph';
import { ENTITY_NAME_MAX_LENGTH } from './graph-ads';
import { EntityLevelSchema, IsoDateSchema } from './insights';
import { daysInRange } from '@/lib/util/dates';

/**
 * Messages that create a snapshot from the synced data (issue 7). The snapshot itself never
 * travels in a message: the background hands it to the viewer through `storage.session`, which
 * content scripts cannot read, under a one-time id.
 */
export const MAX_SNAPSHOT_DAYS = 400;
export const MAX_SNAPSHOT_CAMPAIGNS = 1000;

/** The campaign, ad set or ad a snapshot describes; `null` for the whole account. */
export const SnapshotSubjectSchema = z.nullable(
  z.strictObject({ level: EntityLevelSchema, entityId: GraphIdSchema }),
);
export type SnapshotSubject = z.infer<typeof SnapshotSubjectSchema>;

export const SnapshotRequestSchema = z
  .strictObject({
    accountId: AccountIdSchema,
    subject: SnapshotSubjectSchema,
    since: IsoDateSchema,
    until: IsoDateSchema,
  })
  .check(
    z.refine(({ since, until }) => {
      const days = daysInRange(since, until);
      return days >= 1 && days <= MAX_SNAPSHOT_DAYS;
    }, `since must be on or before until, at most ${MAX_SNAPSHOT_DAYS} days apart`),
  );
export type SnapshotRequest = z.infer<typeof SnapshotRequestSchema>;

/** 128 random bits as hex: unguessable, and only good for one read. */
export const HandoffIdSchema = z.string().check(z.regex(/^[0-9a-f]{32}$/));

export const SnapshotsPrepareResponseSchema = z.strictObject({ handoffId: HandoffIdSchema });

/** Ads Manager learns nothing back: the viewer opens in a tab of its own. */
export const SnapshotsOpenResponseSchema = z.strictObject({});

export const SnapshotsSubjectsRequestSchema = z.strictObject({ accountId: AccountIdSchema });

export const SnapshotsSubjectsResponseSchema = z.strictObject({
  campaigns: z
    .array(z.strictObject({ entityId: GraphIdSchema, name: boundedString(ENTITY_NAME_MAX_LENGTH) }))
    .check(z.maxLength(MAX_SNAPSHOT_CAMPAIGNS)),
  /** The latest synced day (the account's today), or null before the first sync. */
  latestDay: z.nullable(IsoDateSchema),
});
export type SnapshotsSubjectsResponse = z.infer<typeof SnapshotsSubjectsResponseSchema>;
