import type { QueryClient } from '@tanstack/query-core';
import { createQueryClient } from '@/lib/query/client';

let queryClient: QueryClient | undefined;

/**
 * The one query client of this Ads Manager tab, shared by the features so that an invalidation
 * reaches them all; created on first use so that loading the script does no work.
 */
export function pageQueryClient(): QueryClient {
  return (queryClient ??= createQueryClient());
}
