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
  /**
   * Forgets every answer, now out of date (a sync finished), and asks again about `keys`, the ones
   * on screen; the old answers stay until the new ones come. Resolves with those answered.
   */
  refresh(keys: readonly string[]): Promise<readonly string[]>;
}

export interface LookupOptions<Value> {
  readonly queryKey: QueryKey;
  readonly batchSize: number;
  /** One message to the background; keys it leaves out of the map have no answer (null). */
  readonly ask: (keys: readonly string[]) => Promise<ReadonlyMap<string, Value>>;
}

type Known<Value> = ReadonlyMap<string, Value | null>;

function batchesOf<Item>(items: readonly Item[], size: number): Item[][] {
  const batches: Item[][] = [];
  for (let start = 0; start < items.length; start += size) {
    batches.push(items.slice(start, start + size));
  }
  return batches;
}

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
      return (await Promise.all(batchesOf(unknown, batchSize).map(askBatch))).flat();
    },
    async refresh(keys) {
      const unique = [...new Set(keys)];
      try {
        const answers = await Promise.all(batchesOf(unique, batchSize).map(ask));
        const answered = new Map(answers.flatMap((answer) => [...answer]));
        const next = new Map(unique.map((key) => [key, answered.get(key) ?? null]));
        client.setQueryData<Known<Value>>(queryKey, next);
        return unique;
      } catch {
        return [];
      }
    },
  };
}
