import * as z from 'zod/mini';
import { boundedString } from './bounded';

/**
 * A batch answer (meta-graph-api.md §7): one entry per request, in order, each `{code, headers,
 * body}` with the body a JSON string, or `null` when the item got no answer.
 */
const MAX_ITEM_BODY = 32 * 1024 * 1024;

export const GraphBatchItemSchema = z.nullable(
  z.object({
    code: z.int(),
    headers: z.optional(
      z
        .array(z.object({ name: boundedString(256), value: boundedString(16_384) }))
        .check(z.maxLength(100)),
    ),
    body: z.optional(boundedString(MAX_ITEM_BODY)),
  }),
);
export type GraphBatchItem = z.infer<typeof GraphBatchItemSchema>;

export const GraphBatchResponseSchema = z.array(GraphBatchItemSchema).check(z.maxLength(50));
