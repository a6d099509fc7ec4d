'use client';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { LiveInput } from '@onair/core';
import { liveInputQueryKey } from './liveInputQueryKey';

export interface UseLiveInputOptions<T> {
  /** The live input to load; nothing is fetched while undefined. */
  uid: string | undefined;
  /**
   * Gets it from your backend (e.g. a Next route handler using LiveInputsClient, so the API token
   * never reaches the browser).
   */
  fetchLiveInput: (uid: string, signal: AbortSignal) => Promise<T>;
  /** Poll (ms), e.g. to follow `status` while the creator connects; default: no polling. */
  refetchInterval?: number;
}

/** A live input through TanStack Query (needs a QueryClientProvider): cached, deduplicated, refetchable. */
export function useLiveInput<T = LiveInput>({ uid, fetchLiveInput, refetchInterval }: UseLiveInputOptions<T>): UseQueryResult<T> {
  return useQuery({
    queryKey: liveInputQueryKey(uid ?? ''),
    queryFn: ({ signal }) => fetchLiveInput(uid!, signal),
    enabled: uid !== undefined,
    refetchInterval,
  });
}
