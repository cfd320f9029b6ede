import { hashKey, type QueryClient, type QueryKey } from '@tanstack/query-core';

/**
 * Answers the background gave about things on screen (rows' findings, names' entities), kept in
 * the tab's query cache under one key: everything asked so far, so scrolling back needs no
 * message, and invalidating the key (say, a sync finished) forgets it all at once.
 */
export interface LookupCache<Value> {
  /** The answer for `key`; null when the background knows nothing; undefined when not asked yet. */
  get(key: string): Value | null | undefined;
  /**
   * Asks about the keys not known yet, `batchSize` per message, and resolves with those answered.
   * Never rejects: without an answer, nothing is shown for them.
   */
  load(keys: readonly string[]): Promise<readonly string[]>;
}

export interface LookupOptions<Value> {
  readonly queryKey: QueryKey;
  readonly batchSize: number;
  /** One message to the background; keys it leaves out of the map have no answer (null). */
  readonly ask: (keys: readonly string[]) => Promise<ReadonlyMap<string, Value>>;
}

type Known<Value> = ReadonlyMap<string, Value | null>;

export function createLookupCache<Value>(
  client: QueryClient,
  { queryKey, batchSize, ask }: LookupOptions<Value>,
): LookupCache<Value> {
  const asking = new Set<string>();
  // `get` runs for every row on every table update: hash the key once, not per call.
  const queryHash = hashKey(queryKey);

  function known(): Known<Value> | undefined {
    const state = client.getQueryCache().get<Known<Value>>(queryHash)?.state;
    return state && !state.isInvalidated ? state.data : undefined;
  }

  async function askBatch(keys: readonly string[]): Promise<readonly string[]> {
    try {
      const answers = await ask(keys);
      const before = known();
      const next = new Map(before);
      for (const key of keys) next.set(key, answers.get(key) ?? null);
      client.setQueryData<Known<Value>>(queryKey, next);
      return keys;
    } catch {
      // The background is unreachable or refused: nothing is shown, the page is unaffected.
      return [];
    } finally {
      for (const key of keys) asking.delete(key);
    }
  }

  return {
    get: (key) => known()?.get(key),
    async load(keys) {
      const cached = known();
      const unknown = [...new Set(keys)].filter((key) => !cached?.has(key) && !asking.has(key));
      for (const key of unknown) asking.add(key);
      const batches: string[][] = [];
      for (let start = 0; start < unknown.length; start += batchSize) {
        batches.push(unknown.slice(start, start + batchSize));
      }
      return (await Promise.all(batches.map(askBatch))).flat();
    },
  };
}
