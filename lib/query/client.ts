import { QueryClient } from '@tanstack/query-core';

/**
 * The query client of an extension page or content script. Its query functions are messaging
 * calls to the background, which is local and either answers or fails for a reason a retry will
 * not fix, so nothing is retried.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: 30_000 } },
  });
}
