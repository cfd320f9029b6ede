import {
  QueryObserver,
  notifyManager,
  type QueryClient,
  type QueryKey,
  type QueryObserverOptions,
  type QueryObserverResult,
} from '@tanstack/query-core';
import { useEffect, useReducer, useState } from 'preact/hooks';

/** query-core's observer as a Preact hook: the same contract as TanStack's `useQuery`, minus suspense. */
export function useQuery<Data, Key extends QueryKey>(
  client: QueryClient,
  options: QueryObserverOptions<Data, Error, Data, Data, Key>,
): QueryObserverResult<Data, Error> {
  const defaulted = client.defaultQueryOptions(options);
  const [observer] = useState(() => new QueryObserver(client, defaulted));
  const [, rerender] = useReducer((count: number) => count + 1, 0);

  useEffect(
    () => observer.subscribe(notifyManager.batchCalls(() => rerender(undefined))),
    [observer],
  );
  useEffect(() => {
    observer.setOptions(defaulted);
  });

  return observer.getOptimisticResult(defaulted);
}
