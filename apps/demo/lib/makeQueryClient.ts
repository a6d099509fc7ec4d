import { QueryClient } from '@tanstack/react-query';

/**
 * One QueryClient setup for server prefetches and the browser. Prefetched data counts as fresh for a
 * while, so hydration does not refetch at once; polled queries set their own interval.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}
