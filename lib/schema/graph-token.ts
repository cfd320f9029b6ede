import * as z from 'zod/mini';
import { boundedString } from './bounded';
import { AppIdSchema } from './connection';

/**
 * `/me/permissions` and `/debug_token` (meta-graph-api.md §9). Not strict: Meta adds fields, and
 * unknown keys are dropped. A value of an unexpected type is dropped too rather than failing the
 * whole connection check: these answers describe the token, they are not data we store as is.
 */
export const GraphPermissionSchema = z.object({
  permission: boundedString(64),
  /** `granted`, `declined` or `expired` (unused for 90 days). */
  status: boundedString(32),
});
export type GraphPermission = z.infer<typeof GraphPermissionSchema>;

const optionalSeconds = z.catch(z.optional(z.int().check(z.minimum(0))), undefined);
const optionalId = z.catch(z.optional(z.string().check(z.regex(/^\d{1,25}$/))), undefined);

export const GraphTokenDebugSchema = z.object({
  data: z.object({
    app_id: z.catch(z.optional(AppIdSchema), undefined),
    type: z.catch(z.optional(boundedString(32)), undefined),
    is_valid: z.boolean(),
    /** Unix seconds; 0 = never. */
    expires_at: optionalSeconds,
    data_access_expires_at: optionalSeconds,
    issued_at: optionalSeconds,
    scopes: z.catch(z.optional(z.array(boundedString(64)).check(z.maxLength(200))), undefined),
    user_id: optionalId,
  }),
});
export type GraphTokenDebug = z.infer<typeof GraphTokenDebugSchema>['data'];
