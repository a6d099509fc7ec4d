'use client';

import { useQuery } from '@tanstack/react-query';
import { fetchLiveInputActivity } from '../lib/demoApiClient';
import type { DemoApiError } from '../lib/demoApiError';
import type { LiveInputActivity } from '../lib/liveInputViews';
import { ACTIVITY_REFRESH_MS, liveInputActivityQueryKey } from '../lib/queryKeys';

/** Whether the input is live and how many watch, refreshed while the page is open; stops once it was deleted. */
export function useLiveInputActivity(uid: string) {
  return useQuery<LiveInputActivity, DemoApiError>({
    queryKey: liveInputActivityQueryKey(uid),
    queryFn: ({ signal }) => fetchLiveInputActivity(uid, signal),
    refetchInterval: (query) => (query.state.error?.kind === 'not-found' ? false : ACTIVITY_REFRESH_MS),
    retry: (failures, error) => error.kind !== 'not-found' && failures < 2,
  });
}
