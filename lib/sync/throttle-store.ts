import { storage } from '#imports';
import * as z from 'zod/mini';
import type { ThrottleRecord, ThrottleStore } from '@/lib/graph/throttle';

/**
 * The Graph client's per-account pacing in `storage.session`: shared by every caller in the worker
 * and kept when the worker restarts (memory-only, cleared with the browser, hidden from content
 * scripts). Updates are serialized so concurrent calls cannot lose one another's pause.
 */
const RecordSchema = z.strictObject({
  pausedUntil: z.number(),
  percent: z.number(),
  observedAt: z.number(),
  strikes: z.int().check(z.minimum(0)),
});
const RecordsSchema = z.record(z.string().check(z.maxLength(64)), RecordSchema);

const throttleItem = storage.defineItem<Record<string, ThrottleRecord>>('session:graphThrottle', {
  fallback: {},
});

async function readAll(): Promise<Record<string, ThrottleRecord>> {
  const parsed = RecordsSchema.safeParse(await throttleItem.getValue());
  return parsed.success ? parsed.data : {};
}

/** Disconnect forgets the pacing too: its records are keyed by the ad accounts' ids. */
export async function forgetThrottleRecords(): Promise<void> {
  await throttleItem.removeValue();
}

export function sessionThrottleStore(): ThrottleStore {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    async get(key) {
      return (await readAll())[key];
    },
    set(key, record) {
      const write = queue.then(async () => {
        await throttleItem.setValue({ ...(await readAll()), [key]: record });
      });
      queue = write.catch(() => undefined);
      return write;
    },
  };
}
