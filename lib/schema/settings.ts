import * as z from 'zod/mini';
import { SyncSettingsSchema } from './sync';

/** Settings the options page can be told were unreadable, by the name it shows for each. */
export const CHECKED_SETTINGS = ['sync', 'facebookLogin'] as const;
export type CheckedSetting = (typeof CHECKED_SETTINGS)[number];

/** The background-owned settings an extension page shows, and which were unreadable. */
export const SettingsGetResponseSchema = z.strictObject({
  sync: SyncSettingsSchema,
  corrupt: z.array(z.enum(CHECKED_SETTINGS)).check(z.maxLength(CHECKED_SETTINGS.length)),
});

/** A change to some sync settings, applied on top of what is stored now. */
export const SettingsUpdateSyncRequestSchema = z.partial(SyncSettingsSchema);
