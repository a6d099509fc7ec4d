'use client';

import { useQuery } from '@tanstack/react-query';
import { fetchLiveInputActivity } from '../lib/demoApiClient';
import type { DemoApiError } from '../lib/demoApiError';
import type { LiveInputActivity } from '../lib/liveInputViews';
import { ACTIVITY_REFRESH_MS, liveInputActivityQueryKey } from '../lib/queryKeys';

/** What the page itself just did (went live or ended), until when to expect the server to agree. */
export interface ExpectedActivity {
  live: boolean;
  until: number;
}

// While the server has not caught up with what the page did (its End stream's DELETE can arrive
// after the next refresh's GET), ask this often.
const CATCH_UP_MS = 250;

/**
 * Whether the input is live and how many watch, refreshed while the page is open (more often while
 * it disagrees with `expected`); stops once it was deleted.
 */
export function useLiveInputActivity(uid: string, expected?: ExpectedActivity) {
  return useQuery<LiveInputActivity, DemoApiError>({
    queryKey: liveInputActivityQueryKey(uid),
    queryFn: ({ signal }) => fetchLiveInputActivity(uid, signal),
    refetchInterval: (query) => {
      if (query.state.error?.kind === 'not-found') return false;
      const behind = expected && query.state.data?.live !== expected.live && Date.now() < expected.until;
      return behind ? CATCH_UP_MS : ACTIVITY_REFRESH_MS;
    },
    retry: (failures, error) => error.kind !== 'not-found' && failures < 2,
  });
}
